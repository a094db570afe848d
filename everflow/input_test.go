package everflow_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
)

// TestBadCallerInputIsAClearError: blank credentials, unusable base URLs
// and out-of-range page sizes fail before any request, with an error that
// names the problem.
func TestBadCallerInputIsAClearError(t *testing.T) {
	key := WithAPIKey("k")
	for _, tc := range []struct {
		name string
		opts []Option
		want string
	}{
		{"empty API key", []Option{WithAPIKey("")}, "API key is empty"},
		{"whitespace API key", []Option{WithAPIKey(" \t\n")}, "API key is empty"},
		{"API key with a line break", []Option{WithAPIKey("k\r\nX-Evil: 1")}, "line breaks"},
		{"no API key", nil, "required"},
		{"base URL without scheme", []Option{key, WithBaseURL("api.eflow.team/v1")}, "scheme"},
		{"base URL with a query", []Option{key, WithBaseURL("https://api.eflow.team/v1?x=1")}, "query"},
		{"base URL with a fragment", []Option{key, WithBaseURL("https://api.eflow.team/v1#x")}, "fragment"},
		{"base URL without host", []Option{key, WithBaseURL("https:///v1")}, "host"},
		{"base URL with credentials", []Option{key, WithBaseURL("https://user:pass@api.eflow.team")}, "credentials"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := NewClient(tc.opts...)
			assert.Nil(t, c)
			require.ErrorContains(t, err, tc.want)
			assert.NotContains(t, err.Error(), "pass")
		})
	}

	srv := newFakeServer()
	defer srv.Close()
	c := platform.NewClient(t, srv, &http.Client{})
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		p    ListParams
		want string
	}{
		{"negative page size", ListParams{PerPage: -1}, "page size must be 1..2000"},
		{"page size above the maximum", ListParams{PerPage: MaxPerPage + 1}, "page size must be 1..2000"},
		{"negative page", ListParams{Page: -1}, "page must not be negative"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := c.Affiliates.ListPage(ctx, &AffiliateListOptions{ListParams: tc.p})
			require.ErrorContains(t, err, tc.want)
			var got error
			for _, err := range c.Offers.Search(ctx, &OfferSearchOptions{ListParams: tc.p}) {
				got = err
			}
			require.ErrorContains(t, got, tc.want)
		})
	}
	_, err := c.Clicks.Get(ctx, "")
	assert.ErrorContains(t, err, "empty transaction id")
	assert.Zero(t, srv.RequestCount(), "nothing was sent")
}

// TestIDsWithPathCharactersAreEscaped: a transaction id holding "../", "?",
// "#" or a dot segment stays one escaped path segment; it never reaches
// another route or adds a query.
func TestIDsWithPathCharactersAreEscaped(t *testing.T) {
	srv := newFakeServer()
	defer srv.Close()
	c := platform.NewClient(t, srv, &http.Client{}, WithMaxRetries(0))
	ctx := context.Background()
	for _, id := range []string{
		"../../affiliates", "..", ".", "x/../../y", "x?page=1", "x#fragment",
		"a/b", "%2e%2e", "%2F", " spaced ", "ünï©ode",
	} {
		srv.ResetRequests()
		_, err := c.Clicks.Get(ctx, id)
		assert.ErrorIs(t, err, ErrNotFound, "id %q", id)
		reqs := srv.Requests()
		require.Len(t, reqs, 1)
		assert.Equal(t, "/v1/networks/reporting/clicks/"+id, reqs[0].Path)
		assert.Empty(t, reqs[0].Query)
		assert.False(t, strings.ContainsAny(strings.TrimPrefix(reqs[0].RawPath, "/v1/"), "?#"), reqs[0].RawPath)
		assert.NotContains(t, reqs[0].RawPath, "/../")
	}
}
