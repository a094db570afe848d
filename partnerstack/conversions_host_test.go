package partnerstack

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConversionDefaultHost: without WithConversionBaseURL the conversion
// call goes to partnerlinks.io.
func TestConversionDefaultHost(t *testing.T) {
	c, err := NewClient(WithKeys("a", "b"), WithTrackingToken("t"))
	require.NoError(t, err)
	require.NotNil(t, c.Conversions.api)
	assert.Equal(t, DefaultConversionBaseURL, c.Conversions.api.base.String())
}
