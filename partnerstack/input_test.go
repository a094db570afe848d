package partnerstack_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

// TestBadCallerInputIsAClearError: blank credentials, unusable base URLs
// and out-of-range page sizes fail before any request, with an error that
// names the problem.
func TestBadCallerInputIsAClearError(t *testing.T) {
	keys := partnerstack.WithKeys("pk", "sk")
	for _, tc := range []struct {
		name string
		opts []partnerstack.Option
		want string
	}{
		{"empty public key", []partnerstack.Option{partnerstack.WithKeys("", "sk")}, "public key is empty"},
		{"whitespace secret key", []partnerstack.Option{partnerstack.WithKeys("pk", " \t\n")}, "secret key is empty"},
		{"public key with a colon", []partnerstack.Option{partnerstack.WithKeys("pk:x", "sk")}, "':'"},
		{"no keys", nil, "vendor key pair is required"},
		{"base URL without scheme", []partnerstack.Option{keys, partnerstack.WithBaseURL("api.partnerstack.com/api/v2")}, "scheme"},
		{"base URL with a query", []partnerstack.Option{keys, partnerstack.WithBaseURL("https://api.partnerstack.com/api/v2?x=1")}, "query"},
		{"base URL with a fragment", []partnerstack.Option{keys, partnerstack.WithBaseURL("https://api.partnerstack.com/api/v2#x")}, "fragment"},
		{"base URL without host", []partnerstack.Option{keys, partnerstack.WithBaseURL("https:///api/v2")}, "host"},
		{"base URL with credentials", []partnerstack.Option{keys, partnerstack.WithBaseURL("https://user:pass@api.partnerstack.com")}, "credentials"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := partnerstack.NewClient(tc.opts...)
			assert.Nil(t, c)
			require.ErrorContains(t, err, tc.want)
			assert.NotContains(t, err.Error(), "pass")
		})
	}
	for _, key := range []string{"", "   ", "\t\n"} {
		_, err := partnerstack.NewPartnerClient(partnerstack.WithAPIKey(key))
		require.ErrorContains(t, err, "API key is empty", "%q", key)
	}

	srv := partnerstacktest.NewServer()
	defer srv.Close()
	c := platform.NewClient(t, srv, &http.Client{})
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		p    partnerstack.ListParams
		want string
	}{
		{"negative page size", partnerstack.ListParams{PerPage: -1}, "PerPage must be 1..250"},
		{"page size above the maximum", partnerstack.ListParams{PerPage: partnerstack.MaxPerPage + 1}, "PerPage must be 1..250"},
		{"two cursors", partnerstack.ListParams{StartingAfter: "a", EndingBefore: "b"}, "mutually exclusive"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := c.Customers.ListPage(ctx, &partnerstack.CustomerListOptions{ListParams: tc.p})
			require.ErrorContains(t, err, tc.want)
			var got error
			for _, err := range c.Partnerships.List(ctx, &partnerstack.PartnershipListOptions{ListParams: tc.p}) {
				got = err
			}
			require.ErrorContains(t, got, tc.want)
		})
	}
	for _, key := range []string{"", "  "} {
		_, err := c.Customers.Get(ctx, key)
		assert.ErrorContains(t, err, "empty key")
	}
	assert.Zero(t, srv.RequestCount(), "nothing was sent")
}

// TestIDsWithPathCharactersAreEscaped: a key holding "../", "?", "#" or a
// dot segment stays one escaped path segment; it never reaches another
// route or adds a query. The deal file route, resolved against the host
// root, escapes the same way.
func TestIDsWithPathCharactersAreEscaped(t *testing.T) {
	srv := partnerstacktest.NewServer()
	defer srv.Close()
	srv.SeedCustomers(2)
	c := platform.NewClient(t, srv, &http.Client{}, partnerstack.WithMaxRetries(0))
	ctx := context.Background()
	for _, id := range pathTricks {
		srv.ResetRequests()
		_, err := c.Customers.Get(ctx, id)
		assert.ErrorIs(t, err, partnerstack.ErrNotFound, "customer %q", id)
		_, err = c.Partnerships.Get(ctx, id)
		assert.ErrorIs(t, err, partnerstack.ErrNotFound, "partnership %q", id)
		reqs := srv.Requests()
		require.Len(t, reqs, 2)
		assert.Equal(t, "/api/v2/customers/"+id, reqs[0].Path)
		assert.Equal(t, "/api/v2/partnerships/"+id, reqs[1].Path)
		for _, r := range reqs {
			assert.Empty(t, r.Query)
			assert.False(t, strings.ContainsAny(strings.TrimPrefix(r.RawPath, "/api/v2/"), "?#"), r.RawPath)
			assert.NotContains(t, r.RawPath, "/../")
		}
	}
}

// pathTricks are ids that would change the request if sent unescaped.
var pathTricks = []string{
	"../../customers", "..", ".", "x/../../y", "x?limit=1", "x#fragment",
	"a/b", "%2e%2e", "%2F", " spaced ", "ünï©ode",
}
