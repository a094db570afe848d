package everflow_test

import (
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
)

// TestBadCallerInputIsAClearError: blank credentials, unusable base URLs
// and out-of-range page sizes fail before any request, with an error that
// names the problem.
func TestBadCallerInputIsAClearError(t *testing.T) { conformance.BadInput(t, platform) }

// TestIDsWithPathCharactersAreEscaped: a transaction id holding "../", "?",
// "#" or a dot segment stays one escaped path segment; it never reaches
// another route or adds a query.
func TestIDsWithPathCharactersAreEscaped(t *testing.T) { conformance.EscapedKeys(t, platform) }
