package partnerstack_test

import (
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"
)

// TestBadCallerInputIsAClearError: blank credentials, unusable base URLs
// and out-of-range page sizes fail before any request, with an error that
// names the problem.
func TestBadCallerInputIsAClearError(t *testing.T) {
	conformance.BadInput(t, platform)
	for _, key := range []string{"", "   ", "\t\n"} {
		_, err := partnerstack.NewPartnerClient(partnerstack.WithAPIKey(key))
		require.ErrorContains(t, err, "API key is empty", "%q", key)
	}
}

// TestIDsWithPathCharactersAreEscaped: a key holding "../", "?", "#" or a
// dot segment stays one escaped path segment; it never reaches another
// route or adds a query.
func TestIDsWithPathCharactersAreEscaped(t *testing.T) { conformance.EscapedKeys(t, platform) }
