package refersion_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

func TestNewClientValidation(t *testing.T) {
	keys := WithKeys("pub_x", "sec_x")
	tests := []struct {
		name string
		opts []Option
		want string
	}{
		{"no keys", nil, "WithKeys"},
		{"empty public key", []Option{WithKeys(" ", "sec")}, "public key is empty"},
		{"empty secret key", []Option{WithKeys("pub", "")}, "secret key is empty"},
		{"line break in key", []Option{WithKeys("pub\n", "sec\r\nX: y")}, "line breaks"},
		{"bad base URL", []Option{keys, WithBaseURL("ftp://example.com")}, "scheme"},
		{"base URL with query", []Option{keys, WithBaseURL("https://example.com/v2?x=1")}, "query"},
		{"nil HTTP client", []Option{keys, WithHTTPClient(nil)}, "nil"},
		{"negative retries", []Option{keys, WithMaxRetries(-1)}, "max retries"},
		{"retry wait min over max", []Option{keys, WithRetryWait(time.Minute, time.Second)}, "retry wait"},
		{"zero response cap", []Option{keys, WithMaxResponseBytes(0)}, "max response bytes"},
		{"bad rate limit", []Option{keys, WithRateLimit(0, time.Minute)}, "rate limit"},
		{"user agent line break", []Option{keys, WithUserAgent("a\nb")}, "line breaks"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewClient(tt.opts...)
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tt.want)
			assert.Contains(t, err.Error(), "refersion: ")
		})
	}
}

func TestNewClientDefaults(t *testing.T) {
	c, err := NewClient(nil, WithKeys("pub_x", "sec_x"))
	require.NoError(t, err)
	rest, _ := BasePaths(c)
	assert.Equal(t, "/v2", rest)
	assert.NotNil(t, c.Affiliates)
	assert.NotNil(t, c.Conversions)
	assert.NotNil(t, c.Offers)
	assert.NotNil(t, c.Reports)
	assert.Equal(t, RateLimit{}, c.RateLimit())
	assert.Equal(t, 60, RateLimitRequests)
	assert.Equal(t, time.Minute, RateLimitWindow)
}

func TestKeysNeverPrinted(t *testing.T) {
	c, err := NewClient(WithKeys("pub_visible_if_leaked", "sec_visible_if_leaked"))
	require.NoError(t, err)
	for _, verb := range []string{"%v", "%+v", "%#v"} {
		assert.NotContains(t, fmt.Sprintf(verb, c), "visible_if_leaked", verb)
	}
}

func TestEveryCallIsAJSONPostWithBothKeys(t *testing.T) {
	srv, c, _ := newFake(t, []refersiontest.ServerOption{refersiontest.WithDemoData()}, WithUserAgent("myapp/1.2"))
	ctx := context.Background()
	_, _, err := c.Affiliates.ListPage(ctx, nil)
	require.NoError(t, err)
	_, err = c.Conversions.Totals(ctx, nil)
	require.NoError(t, err)

	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	for _, r := range reqs {
		assert.Equal(t, http.MethodPost, r.Method)
		assert.Equal(t, refersiontest.PublicKey, r.Header.Get("Refersion-Public-Key"))
		assert.Equal(t, refersiontest.SecretKey, r.Header.Get("Refersion-Secret-Key"))
		assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
		assert.Regexp(t, `^affiliatekit-go/\S+ myapp/1\.2$`, r.Header.Get("User-Agent"))
		assert.Empty(t, r.Query)
	}
	assert.Equal(t, "/v2/affiliate/list", reqs[0].Path)
	assert.Equal(t, "/v2/conversion/totals", reqs[1].Path)
}

func TestCallerHTTPClientIsNotModified(t *testing.T) {
	hc := &http.Client{Timeout: 5 * time.Second}
	srv, c, _ := newFake(t, nil, WithHTTPClient(hc))
	_, _, err := c.Affiliates.ListPage(context.Background(), nil)
	require.NoError(t, err)
	assert.Nil(t, hc.Transport, "the caller's client keeps its transport")
	assert.Equal(t, 1, srv.RequestCount())
}
