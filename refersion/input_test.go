package refersion_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// TestBadCallerInputIsAClearError: blank credentials, unusable base URLs
// and out-of-range page sizes fail before any request, with an error that
// names the problem.
func TestBadCallerInputIsAClearError(t *testing.T) {
	keys := WithKeys("pub", "sec")
	for _, tc := range []struct {
		name string
		opts []Option
		want string
	}{
		{"empty public key", []Option{WithKeys("", "sec")}, "public key is empty"},
		{"whitespace secret key", []Option{WithKeys("pub", " \t\n")}, "secret key is empty"},
		{"key with a line break", []Option{WithKeys("pub\r\nX-Evil: 1", "sec")}, "line breaks"},
		{"no keys", nil, "required"},
		{"base URL without scheme", []Option{keys, WithBaseURL("api.refersion.com/v2")}, "scheme"},
		{"base URL with a query", []Option{keys, WithBaseURL("https://api.refersion.com/v2?x=1")}, "query"},
		{"base URL with a fragment", []Option{keys, WithBaseURL("https://api.refersion.com/v2#x")}, "fragment"},
		{"base URL without host", []Option{keys, WithBaseURL("https:///v2")}, "host"},
		{"base URL with credentials", []Option{keys, WithBaseURL("https://user:pass@api.refersion.com")}, "credentials"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, err := NewClient(tc.opts...)
			assert.Nil(t, c)
			require.ErrorContains(t, err, tc.want)
			assert.NotContains(t, err.Error(), "pass")
		})
	}

	srv := refersiontest.NewServer()
	defer srv.Close()
	c := platform.NewClient(t, srv, &http.Client{})
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		o    AffiliateListOptions
		want string
	}{
		{"negative page size", AffiliateListOptions{PerPage: -1}, "limit must be 1..100"},
		{"page size above the maximum", AffiliateListOptions{PerPage: MaxPerPage + 1}, "limit must be 1..100"},
		{"negative page", AffiliateListOptions{Page: -1}, "page must not be negative"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := c.Affiliates.ListPage(ctx, &tc.o)
			require.ErrorContains(t, err, tc.want)
			var got error
			for _, err := range c.Affiliates.List(ctx, &tc.o) {
				got = err
			}
			require.ErrorContains(t, got, tc.want)
		})
	}
	for _, code := range []string{"", "  "} {
		_, err := c.Affiliates.GetByCode(ctx, code)
		assert.ErrorContains(t, err, "empty affiliate code")
	}
	_, err := c.Affiliates.Get(ctx, -5)
	assert.ErrorContains(t, err, "invalid affiliate id")
	for _, kw := range []string{"", " "} {
		var got error
		for _, err := range c.Affiliates.Search(ctx, kw) {
			got = err
		}
		assert.ErrorContains(t, got, "keyword is required")
	}
	assert.Zero(t, srv.RequestCount(), "nothing was sent")
}

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
