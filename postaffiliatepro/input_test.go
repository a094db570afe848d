package postaffiliatepro_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

// TestBadCallerInputIsAClearError: blank credentials, unusable base URLs
// and account names, and negative page sizes fail before any request, with
// an error that names the problem.
func TestBadCallerInputIsAClearError(t *testing.T) {
	key := postaffiliatepro.WithAPIKey("pap_k")
	for _, tc := range []struct {
		name string
		opts []postaffiliatepro.Option
		want string
	}{
		{"empty API key", []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(""), postaffiliatepro.WithAccount("acme")}, "API key is empty"},
		{"whitespace API key", []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(" \t\n"), postaffiliatepro.WithAccount("acme")}, "API key is empty"},
		{"API key with a line break", []postaffiliatepro.Option{postaffiliatepro.WithAPIKey("pap_k\r\nX-Evil: 1"), postaffiliatepro.WithAccount("acme")}, "whitespace"},
		{"no base URL or account", []postaffiliatepro.Option{key}, "required"},
		{"account with a path", []postaffiliatepro.Option{key, postaffiliatepro.WithAccount("acme/../evil")}, "not a valid host name label"},
		{"account with a query", []postaffiliatepro.Option{key, postaffiliatepro.WithAccount("acme?x=1")}, "not a valid host name label"},
		{"blank account", []postaffiliatepro.Option{key, postaffiliatepro.WithAccount("  ")}, "not a valid host name label"},
		{"base URL without scheme", []postaffiliatepro.Option{key, postaffiliatepro.WithBaseURL("acme.postaffiliatepro.com/api/v3")}, "scheme"},
		{"base URL with a query", []postaffiliatepro.Option{key, postaffiliatepro.WithBaseURL("https://acme.postaffiliatepro.com/api/v3?x=1")}, "query"},
		{"base URL with a fragment", []postaffiliatepro.Option{key, postaffiliatepro.WithBaseURL("https://acme.postaffiliatepro.com/api/v3#x")}, "fragment"},
		{"base URL without host", []postaffiliatepro.Option{key, postaffiliatepro.WithBaseURL("https:///api/v3")}, "host"},
		{"base URL with credentials", []postaffiliatepro.Option{key, postaffiliatepro.WithBaseURL("https://user:pass@acme.postaffiliatepro.com")}, "credentials"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := postaffiliatepro.NewClient(tc.opts...)
			assert.Nil(t, c)
			require.ErrorContains(t, err, tc.want)
			assert.NotContains(t, err.Error(), "pass")
		})
	}

	srv := postaffiliateprotest.NewServer(postaffiliateprotest.WithPerPage(20, 50))
	defer srv.Close()
	c := platform.NewClient(t, srv, &http.Client{})
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		p    postaffiliatepro.ListParams
		want string
	}{
		{"negative page size", postaffiliatepro.ListParams{PerPage: -1}, "per page must not be negative"},
		{"negative page", postaffiliatepro.ListParams{Page: -1}, "page must not be negative"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := c.Affiliates.ListPage(ctx, &postaffiliatepro.AffiliateListOptions{ListParams: tc.p})
			require.ErrorContains(t, err, tc.want)
			var got error
			for _, err := range c.Transactions.List(ctx, &postaffiliatepro.TransactionListOptions{ListParams: tc.p}) {
				got = err
			}
			require.ErrorContains(t, got, tc.want)
		})
	}
	for _, id := range []string{"", "  "} {
		_, err := c.Affiliates.Get(ctx, id)
		assert.ErrorContains(t, err, "empty id")
	}
	assert.Zero(t, srv.RequestCount(), "nothing was sent")

	// The v3 page-size cap is not public: a page size above the server's
	// cap is caught by the reported total, an error rather than a list
	// that silently stops early.
	srv.SeedAffiliates(120)
	n := 0
	var last error
	for _, err := range c.Affiliates.List(ctx, &postaffiliatepro.AffiliateListOptions{ListParams: postaffiliatepro.ListParams{PerPage: 100}}) {
		if last = err; err != nil {
			break
		}
		n++
	}
	require.ErrorIs(t, last, postaffiliatepro.ErrMalformedResponse)
	assert.ErrorContains(t, last, "ask for fewer records a page")
	assert.Equal(t, 50, n)
}

// TestIDsWithPathCharactersAreEscaped: an id holding "../", "?", "#" or a
// dot segment stays one escaped path segment; it never reaches another
// route or adds a query.
func TestIDsWithPathCharactersAreEscaped(t *testing.T) {
	srv := postaffiliateprotest.NewServer()
	defer srv.Close()
	srv.SeedAffiliates(2)
	c := platform.NewClient(t, srv, &http.Client{}, postaffiliatepro.WithMaxRetries(0))
	ctx := context.Background()
	for _, id := range []string{
		"../../affiliates", "..", ".", "x/../../y", "x?limit=1", "x#fragment",
		"a/b", "%2e%2e", "%2F", " spaced ", "ünï©ode",
	} {
		srv.ResetRequests()
		_, err := c.Affiliates.Get(ctx, id)
		assert.ErrorIs(t, err, postaffiliatepro.ErrNotFound, "affiliate %q", id)
		_, err = c.Transactions.Get(ctx, id)
		assert.ErrorIs(t, err, postaffiliatepro.ErrNotFound, "transaction %q", id)
		reqs := srv.Requests()
		require.Len(t, reqs, 2)
		assert.Equal(t, "/api/v3/affiliates/"+id, reqs[0].Path)
		assert.Equal(t, "/api/v3/transactions/"+id, reqs[1].Path)
		for _, r := range reqs {
			assert.Empty(t, r.Query)
			assert.False(t, strings.ContainsAny(strings.TrimPrefix(r.RawPath, "/api/v3/"), "?#"), r.RawPath)
			assert.NotContains(t, r.RawPath, "/../")
		}
	}
}
