package webhook

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestTemplateErrorsKeepValuesOut: a template often carries a shared
// secret, so its errors name parameters, never the template or values.
func TestTemplateErrorsKeepValuesOut(t *testing.T) {
	for _, tmpl := range []string{
		"https://example.com/pb/{offer_id}?tid={transaction_id}&token=s3cr3t-tok",
		"https://example.com/pb?tid={transaction_id}&token=s3cr3t-tok{sub1}",
	} {
		_, err := ParseTemplate(tmpl)
		require.Error(t, err)
		assert.NotContains(t, err.Error(), "s3cr3t")
	}
}
