package postaffiliatepro_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/secretcheck"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
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
	common := []postaffiliatepro.Option{postaffiliatepro.WithBaseURL(srv.URL), postaffiliatepro.WithLogger(sink.Logger()), postaffiliatepro.WithMaxRetries(2), postaffiliatepro.WithClock(clk)}
	opts := append([]postaffiliatepro.Option{postaffiliatepro.WithAPIKey(postaffiliateprotest.APIKey)}, common...)
	c, err := postaffiliatepro.NewClient(opts...)
	require.NoError(t, err)
	internals, err := postaffiliatepro.Internals(c, opts)
	require.NoError(t, err)
	sink.Print(c, *c, opts, c.Affiliates, c.RateLimit())
	sink.Print(internals...)

	ctx := context.Background()
	items, resp, err := c.Affiliates.ListPage(ctx, nil)
	require.NoError(t, err)
	sink.Print(items, resp, *resp)
	params := &postaffiliatepro.AffiliateCreateParams{Username: "hygiene@example.com", FirstName: "Hy"}
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
	wrong, err := postaffiliatepro.NewClient(append([]postaffiliatepro.Option{postaffiliatepro.WithAPIKey(wrongKey)}, common...)...)
	require.NoError(t, err)
	_, _, err = wrong.Affiliates.ListPage(ctx, nil)
	require.ErrorIs(t, err, postaffiliatepro.ErrUnauthorized)
	sink.Print(err, wrong, *wrong)

	sink.Check(t, postaffiliateprotest.APIKey, wrongKey)
}
