package firstpromoter_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
	"github.com/affiliatekit/affiliatekit-go/internal/secretcheck"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

// TestSecretHygiene drives a client through success, every error class,
// retries and debug logging, prints the client, its options and every
// error in every form, and finds the credentials nowhere.
func TestSecretHygiene(t *testing.T) {
	const wrongKey = "fp_live_WRONG_9d8c7b6a5f4e"
	srv := firstpromotertest.NewServer()
	defer srv.Close()
	srv.SeedReferrals(3)
	var sink secretcheck.Sink
	clk := testclock.New(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	opts := []firstpromoter.Option{
		firstpromoter.WithBaseURL(srv.URL), firstpromoter.WithAPIKey(firstpromotertest.APIKey), firstpromoter.WithAccountID(firstpromotertest.AccountID),
		firstpromoter.WithLogger(sink.Logger()), firstpromoter.WithMaxRetries(2),
		firstpromoter.WithClock(clk),
	}
	c, err := firstpromoter.NewClient(opts...)
	require.NoError(t, err)
	var s firstpromoter.Settings
	for _, o := range opts {
		require.NoError(t, o(&s))
	}
	sink.Print(c, *c, firstpromoter.TransportOf(c), s, &s, opts, c.Referrals, c.RateLimit())

	ctx := context.Background()
	refs, resp, err := c.Referrals.ListPage(ctx, nil)
	require.NoError(t, err)
	sink.Print(refs, resp, *resp)
	for _, f := range []firstpromotertest.Fault{
		{Status: http.StatusBadRequest}, {Status: http.StatusUnauthorized}, {Status: http.StatusForbidden},
		{Status: http.StatusNotFound}, {Status: http.StatusConflict}, {Status: http.StatusUnprocessableEntity},
		{Status: http.StatusTooManyRequests, RetryAfter: "1"}, {Status: http.StatusTooManyRequests, RetryAfter: "3600"},
		{Status: http.StatusInternalServerError}, {Status: http.StatusBadGateway, Body: "<html>bad gateway</html>"},
		{Status: http.StatusServiceUnavailable}, {Body: `{"unexpected":true}`}, {Truncate: true}, {EmptyBody: true},
		{Drop: true},
	} {
		srv.Inject(1, f)
		_, _, err := c.Referrals.ListPage(ctx, nil)
		srv.Inject(1, f)
		_, werr := c.Promoters.Create(ctx, &firstpromoter.PromoterCreateParams{Email: "hygiene@example.com"})
		sink.Print(err, werr)
	}
	srv.Inject(1, firstpromotertest.Fault{Hang: true})
	hctx, cancel := context.WithTimeout(ctx, 30*time.Millisecond)
	_, _, err = c.Referrals.ListPage(hctx, nil)
	cancel()
	sink.Print(err)

	// A real 401 from the server, for a wrong key.
	wrong, err := firstpromoter.NewClient(firstpromoter.WithBaseURL(srv.URL), firstpromoter.WithAPIKey(wrongKey), firstpromoter.WithAccountID(firstpromotertest.AccountID),
		firstpromoter.WithLogger(sink.Logger()), firstpromoter.WithClock(clk))
	require.NoError(t, err)
	_, _, err = wrong.Referrals.ListPage(ctx, nil)
	require.ErrorIs(t, err, firstpromoter.ErrUnauthorized)
	sink.Print(err, wrong, *wrong)

	sink.Check(t, firstpromotertest.APIKey, firstpromotertest.AccountID, wrongKey)
}
