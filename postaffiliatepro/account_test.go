package postaffiliatepro

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestWithAccountBuildsTheAccountURL: the account name, in any case or as
// the full host name, gives the hosted API root.
func TestWithAccountBuildsTheAccountURL(t *testing.T) {
	for _, account := range []string{"acme", "ACME", "acme.postaffiliatepro.com", " acme "} {
		c, err := NewClient(WithAccount(account), WithAPIKey("pap_1_secret"))
		require.NoError(t, err, account)
		assert.Equal(t, "/api/v3", c.basePath)
		assert.Equal(t, "/api/v3/affiliates", c.endpoint("affiliates"))
	}
	var s settings
	require.NoError(t, WithAccount("acme-eu")(&s))
	assert.Equal(t, "https://acme-eu.postaffiliatepro.com/api/v3", s.BaseURL.String())
}
