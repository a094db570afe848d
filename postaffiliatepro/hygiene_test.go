package postaffiliatepro

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/secretcheck"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

// TestSecretHygiene drives a client through success, every error class,
// retries and debug logging, prints the client, its options and every
// error in every form, and finds the credentials nowhere.
func TestSecretHygiene(t *testing.T) {
	const wrongKey = "pap_WRONG_z9y8x7w6v5u4"
	srv := postaffiliateprotest.NewServer(postaffiliateprotest.WithRateLimit(0, 0))
	defer srv.Close()
	srv.SeedAffiliates(3)
	var sink secretcheck.Sink
	clk := testclock.New(testStart)
	common := []Option{WithBaseURL(srv.URL), WithLogger(sink.Logger()), WithMaxRetries(2), withClock(clk)}
	opts := append([]Option{WithAPIKey(postaffiliateprotest.APIKey)}, common...)
	c, err := NewClient(opts...)
	require.NoError(t, err)
	var s settings
	for _, o := range opts {
		require.NoError(t, o(&s))
	}
	sink.Print(c, *c, c.t, s, &s, opts, c.Affiliates, c.RateLimit())

	ctx := context.Background()
	items, resp, err := c.Affiliates.ListPage(ctx, nil)
	require.NoError(t, err)
	sink.Print(items, resp, *resp)
	params := &AffiliateCreateParams{Username: "hygiene@example.com", FirstName: "Hy"}
	for _, f := range []postaffiliateprotest.Fault{
		{Status: http.StatusBadRequest}, {Status: http.StatusUnauthorized}, {Status: http.StatusForbidden},
		{Status: http.StatusNotFound}, {Status: http.StatusConflict}, {Status: http.StatusUnprocessableEntity},
		{Status: http.StatusTooManyRequests, RetryAfter: "1"}, {Status: http.StatusTooManyRequests, RetryAfter: "3600"},
		{Status: http.StatusInternalServerError}, {Status: http.StatusBadGateway, Body: "<html>bad gateway</html>"},
		{Status: http.StatusServiceUnavailable}, {Body: `{"unexpected":true}`}, {Truncate: true}, {EmptyBody: true},
		{Drop: true},
	} {
		srv.Inject(1, f)
		_, _, err := c.Affiliates.ListPage(ctx, nil)
		srv.Inject(1, f)
		_, werr := c.Affiliates.Create(ctx, params)
		sink.Print(err, werr)
	}
	srv.Inject(1, postaffiliateprotest.Fault{Hang: true})
	hctx, cancel := context.WithTimeout(ctx, 30*time.Millisecond)
	_, _, err = c.Affiliates.ListPage(hctx, nil)
	cancel()
	sink.Print(err)

	// A real 401 from the server, for a wrong key.
	wrong, err := NewClient(append([]Option{WithAPIKey(wrongKey)}, common...)...)
	require.NoError(t, err)
	_, _, err = wrong.Affiliates.ListPage(ctx, nil)
	require.ErrorIs(t, err, ErrUnauthorized)
	sink.Print(err, wrong, *wrong)

	sink.Check(t, postaffiliateprotest.APIKey, wrongKey)
}
