package postaffiliatepro_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

func TestNewClientValidation(t *testing.T) {
	const key = "pap_ab12cd34ef_0123456789abcdefABCDEF"
	tests := []struct {
		name    string
		opts    []postaffiliatepro.Option
		wantErr string
	}{
		{"no key", []postaffiliatepro.Option{postaffiliatepro.WithAccount("acme")}, "API key is required"},
		{"empty key", []postaffiliatepro.Option{postaffiliatepro.WithAccount("acme"), postaffiliatepro.WithAPIKey("  ")}, "API key is empty"},
		{"key with a line break", []postaffiliatepro.Option{postaffiliatepro.WithAccount("acme"), postaffiliatepro.WithAPIKey("pap_a_b\r\nX-Evil: 1")}, "whitespace"},
		{"no base URL", []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(key)}, "WithAccount or WithBaseURL"},
		{"account and base URL", []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(key), postaffiliatepro.WithAccount("acme"), postaffiliatepro.WithBaseURL("https://x.example/api/v3")}, "both set"},
		{"bad account", []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(key), postaffiliatepro.WithAccount("acme/evil")}, "not a valid host name label"},
		{"account with a dot", []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(key), postaffiliatepro.WithAccount("evil.example.com#")}, "not a valid host name label"},
		{"relative base URL", []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(key), postaffiliatepro.WithBaseURL("/api/v3")}, "scheme"},
		{"base URL with query", []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(key), postaffiliatepro.WithBaseURL("https://acme.postaffiliatepro.com/api/v3?x=1")}, "query"},
		{"unknown pagination", []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(key), postaffiliatepro.WithAccount("acme"), postaffiliatepro.WithPagination(postaffiliatepro.Pagination(7))}, "pagination"},
		{"nil time zone", []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(key), postaffiliatepro.WithAccount("acme"), postaffiliatepro.WithTimezone(nil)}, "time zone"},
		{"clicks path with dot segment", []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(key), postaffiliatepro.WithAccount("acme"), postaffiliatepro.WithClicksPath("reports/../x")}, "dot segment"},
		{"negative retries", []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(key), postaffiliatepro.WithAccount("acme"), postaffiliatepro.WithMaxRetries(-1)}, "max retries"},
		{"retry wait min over max", []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(key), postaffiliatepro.WithAccount("acme"), postaffiliatepro.WithRetryWait(time.Minute, time.Second)}, "retry wait"},
		{"zero rate limit", []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(key), postaffiliatepro.WithAccount("acme"), postaffiliatepro.WithRateLimit(0, time.Minute)}, "rate limit"},
		{"nil HTTP client", []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(key), postaffiliatepro.WithAccount("acme"), postaffiliatepro.WithHTTPClient(nil)}, "HTTP client"},
		{"zero response cap", []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(key), postaffiliatepro.WithAccount("acme"), postaffiliatepro.WithMaxResponseBytes(0)}, "max response bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := postaffiliatepro.NewClient(tt.opts...)
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tt.wantErr)
			assert.True(t, strings.HasPrefix(err.Error(), "postaffiliatepro: "), err.Error())
			assert.NotContains(t, err.Error(), "0123456789abcdef", "the key must never appear in errors")
		})
	}
}

func TestUnusualKeyIsAcceptedAndLoggedAtDebug(t *testing.T) {
	var buf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	const oauthToken = "eyJhbGciOiJIUzI1NiJ9.opaque-oauth-token"
	_, err := postaffiliatepro.NewClient(postaffiliatepro.WithAccount("acme"), postaffiliatepro.WithAPIKey(oauthToken), postaffiliatepro.WithLogger(logger))
	require.NoError(t, err)
	assert.Contains(t, buf.String(), "does not look like pap_<id>_<secret>")
	assert.NotContains(t, buf.String(), oauthToken)

	buf.Reset()
	_, err = postaffiliatepro.NewClient(postaffiliatepro.WithAccount("acme"), postaffiliatepro.WithAPIKey(postaffiliateprotest.APIKey), postaffiliatepro.WithLogger(logger))
	require.NoError(t, err)
	assert.Empty(t, buf.String(), "a pap_ key is not unusual")
}

func TestRequestsCarryBearerKeyAndUserAgent(t *testing.T) {
	f := newFixture(t, srvOpts(postaffiliateprotest.WithDemoData()), postaffiliatepro.WithUserAgent("acme-sync/2.1"))
	_, _, err := f.client.Affiliates.ListPage(context.Background(), nil)
	require.NoError(t, err)
	reqs := f.srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, "Bearer "+postaffiliateprotest.APIKey, reqs[0].Header.Get("Authorization"))
	assert.Equal(t, "application/json", reqs[0].Header.Get("Accept"))
	assert.Regexp(t, `^affiliatekit-go/\S+ acme-sync/2\.1$`, reqs[0].Header.Get("User-Agent"))
	assert.Equal(t, "/api/v3/affiliates", reqs[0].Path)
}

func TestRateLimitIsExposed(t *testing.T) {
	f := newFixture(t, srvOpts(postaffiliateprotest.WithDemoData()))
	assert.Zero(t, f.client.RateLimit())
	// Two requests: the client's own throttle lets a burst of two go
	// without waiting (on the fake's clock, a wait would refill the fake's
	// bucket).
	for range 2 {
		_, _, err := f.client.Campaigns.ListPage(context.Background(), nil)
		require.NoError(t, err)
	}
	rl := f.client.RateLimit()
	assert.Equal(t, postaffiliatepro.RateLimitRequests, rl.Limit)
	assert.Equal(t, postaffiliatepro.RateLimitRequests-2, rl.Remaining)
	// Two tokens spent at 600ms each: the bucket is full again 1.2s on,
	// sent as a whole unix second (rounded up).
	assert.Equal(t, testStart.Add(2*time.Second).Unix(), rl.Reset.Unix())
}

func TestAuthErrors(t *testing.T) {
	ctx := context.Background()
	srv := postaffiliateprotest.NewServer(postaffiliateprotest.WithDemoData())
	t.Cleanup(srv.Close)

	wrong, err := postaffiliatepro.NewClient(postaffiliatepro.WithBaseURL(srv.URL), postaffiliatepro.WithAPIKey("pap_fk7q2m9x4c_wrongwrongwrong"))
	require.NoError(t, err)
	_, err = wrong.Affiliates.Get(ctx, "whatever")
	require.ErrorIs(t, err, postaffiliatepro.ErrUnauthorized)
	var apiErr *postaffiliatepro.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, http.StatusUnauthorized, apiErr.StatusCode)
	assert.Equal(t, "Invalid or expired API key", apiErr.Message)
	assert.Equal(t, "unauthorized", apiErr.Code)
	assert.NotContains(t, err.Error(), "wrongwrong")

	readOnly, err := postaffiliatepro.NewClient(postaffiliatepro.WithBaseURL(srv.URL), postaffiliatepro.WithAPIKey(postaffiliateprotest.ReadOnlyAPIKey))
	require.NoError(t, err)
	_, _, err = readOnly.Affiliates.ListPage(ctx, nil)
	require.NoError(t, err, "reads are in scope")
	before := len(srv.Affiliates())
	_, err = readOnly.Affiliates.Create(ctx, &postaffiliatepro.AffiliateCreateParams{Username: "new@example.com"})
	require.ErrorIs(t, err, postaffiliatepro.ErrForbidden)
	require.ErrorAs(t, err, &apiErr)
	assert.Contains(t, apiErr.Message, "no write access to affiliates")
	assert.Len(t, srv.Affiliates(), before)
}

func TestUnknownEndpointIsInvalidRequest(t *testing.T) {
	f := newFixture(t, nil, postaffiliatepro.WithClicksPath("reports/click-list"))
	_, _, err := f.client.Reports.ClicksPage(context.Background(), nil)
	require.ErrorIs(t, err, postaffiliatepro.ErrInvalidRequest)
	var apiErr *postaffiliatepro.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "/api/v3/reports/click-list", apiErr.Path)
	assert.Contains(t, apiErr.Message, "Invalid endpoint")
	assert.Equal(t, "bad_request", apiErr.Code)
}

func TestSecretsDoNotPrint(t *testing.T) {
	c, err := postaffiliatepro.NewClient(postaffiliatepro.WithAccount("acme"), postaffiliatepro.WithAPIKey(postaffiliateprotest.APIKey))
	require.NoError(t, err)
	for _, verb := range []string{"%v", "%+v", "%#v"} {
		assert.NotContains(t, fmt.Sprintf(verb, c), "T3sKx8vLq2nW6pZr5bYd9hGj4mFc1aE")
	}
}
