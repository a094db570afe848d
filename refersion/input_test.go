package refersion_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	. "github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// TestBadCallerInputIsAClearError: blank credentials, unusable base URLs
// and out-of-range page sizes fail before any request, with an error that
// names the problem.
func TestBadCallerInputIsAClearError(t *testing.T) { conformance.BadInput(t, platform) }

// TestIDsWithPathCharactersStayInTheBody: Refersion takes every id in the
// JSON body of a POST to a fixed path, so a code holding "../", "?" or "#"
// never changes the request path or query.
func TestIDsWithPathCharactersStayInTheBody(t *testing.T) {
	srv := refersiontest.NewServer()
	defer srv.Close()
	c := platform.NewClient(t, srv, &http.Client{}, WithMaxRetries(0))
	ctx := context.Background()
	for _, code := range []string{"../../affiliate/list", "..", "x?limit=1", "x#fragment", "a/b", "%2F", "ünï©ode"} {
		srv.ResetRequests()
		_, err := c.Affiliates.GetByCode(ctx, code)
		assert.ErrorIs(t, err, ErrNotFound, "code %q", code)
		reqs := srv.Requests()
		require.Len(t, reqs, 1)
		assert.Equal(t, "/v2/affiliate/get", reqs[0].Path)
		assert.Equal(t, "/v2/affiliate/get", reqs[0].RawPath)
		assert.Empty(t, reqs[0].Query)
		var body map[string]string
		require.NoError(t, json.Unmarshal(reqs[0].Body, &body))
		assert.Equal(t, code, body["affiliate_code"])
	}
}
