package firstpromoter_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

// TestBadCallerInputIsAClearError: blank credentials, unusable base URLs
// and out-of-range page sizes fail before any request, with an error that
// names the problem.
func TestBadCallerInputIsAClearError(t *testing.T) {
	creds := []firstpromoter.Option{firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("a")}
	for _, tc := range []struct {
		name string
		opts []firstpromoter.Option
		want string
	}{
		{"empty API key", []firstpromoter.Option{firstpromoter.WithAPIKey(""), firstpromoter.WithAccountID("a")}, "API key is empty"},
		{"whitespace API key", []firstpromoter.Option{firstpromoter.WithAPIKey(" \t\n"), firstpromoter.WithAccountID("a")}, "API key is empty"},
		{"whitespace account id", []firstpromoter.Option{firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("  ")}, "account id is empty"},
		{"account id with a line break", []firstpromoter.Option{firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("a\r\nX-Evil: 1")}, "line breaks"},
		{"base URL without scheme", append(creds, firstpromoter.WithBaseURL("api.firstpromoter.com/api/v2")), "scheme"},
		{"base URL with a query", append(creds, firstpromoter.WithBaseURL("https://api.firstpromoter.com/api/v2?key=1")), "query"},
		{"base URL with a fragment", append(creds, firstpromoter.WithBaseURL("https://api.firstpromoter.com/api/v2#x")), "fragment"},
		{"base URL of another scheme", append(creds, firstpromoter.WithBaseURL("ftp://api.firstpromoter.com")), "scheme"},
		{"base URL without host", append(creds, firstpromoter.WithBaseURL("https:///api/v2")), "host"},
		{"empty base URL", append(creds, firstpromoter.WithBaseURL(" ")), "empty"},
		{"base URL with credentials", append(creds, firstpromoter.WithBaseURL("https://user:pass@api.firstpromoter.com")), "credentials"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := firstpromoter.NewClient(tc.opts...)
			assert.Nil(t, c)
			require.ErrorContains(t, err, tc.want)
			assert.NotContains(t, err.Error(), "pass", "the base URL's password is not echoed")
		})
	}

	srv := firstpromotertest.NewServer()
	defer srv.Close()
	c := resourceClient(t, srv, &http.Client{})
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		p    firstpromoter.ListParams
		want string
	}{
		{"negative page size", firstpromoter.ListParams{PerPage: -1}, "per page must be 1..100"},
		{"page size above the maximum", firstpromoter.ListParams{PerPage: firstpromoter.MaxPerPage + 1}, "per page must be 1..100"},
		{"negative page", firstpromoter.ListParams{Page: -2}, "page must not be negative"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := c.Referrals.ListPage(ctx, &firstpromoter.ReferralListOptions{ListParams: tc.p})
			require.ErrorContains(t, err, tc.want)
			var got error
			for _, err := range c.Promoters.List(ctx, &firstpromoter.PromoterListOptions{ListParams: tc.p}) {
				got = err
			}
			require.ErrorContains(t, got, tc.want)
		})
	}
	assert.Zero(t, srv.RequestCount(), "nothing was sent")
}

// TestIDsWithPathCharactersAreEscaped: a lookup key holding "../", "?", "#"
// or a dot segment stays one escaped path segment; it never reaches
// another route or adds a query.
func TestIDsWithPathCharactersAreEscaped(t *testing.T) {
	srv := firstpromotertest.NewServer()
	defer srv.Close()
	srv.SeedPromoters(2)
	c := resourceClient(t, srv, &http.Client{}, firstpromoter.WithMaxRetries(0))
	ctx := context.Background()
	for _, id := range pathTricks {
		srv.ResetRequests()
		_, err := c.Referrals.GetByUID(ctx, id)
		assert.ErrorIs(t, err, firstpromoter.ErrNotFound, "uid %q", id)
		_, err = c.Promoters.GetByEmail(ctx, id)
		assert.ErrorIs(t, err, firstpromoter.ErrNotFound, "email %q", id)
		reqs := srv.Requests()
		require.Len(t, reqs, 2)
		assert.Equal(t, "/api/v2/company/referrals/"+id, reqs[0].Path)
		assert.Equal(t, "find_by=uid", reqs[0].Query)
		assert.Equal(t, "/api/v2/company/promoters/"+id, reqs[1].Path)
		assert.Equal(t, "find_by=email", reqs[1].Query)
		for _, r := range reqs {
			assert.False(t, strings.ContainsAny(strings.TrimPrefix(r.RawPath, "/api/v2/company/"), "?#"), r.RawPath)
			assert.NotContains(t, r.RawPath, "/../")
		}
	}
}

// pathTricks are ids that would change the request if sent unescaped.
var pathTricks = []string{
	"../../company/promoters", "..", ".", "x/../../y", "x?per_page=1", "x#fragment",
	"a/b", "%2e%2e", "%2F", " spaced ", "ünï©ode",
}
