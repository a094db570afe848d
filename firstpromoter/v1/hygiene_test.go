package v1_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	v1 "github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1/v1test"
	"github.com/affiliatekit/affiliatekit-go/internal/secretcheck"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

// TestSecretHygiene drives a client through success, every error class,
// retries and debug logging, with reads by a promoter's auth token, which
// v1 takes in the query; it prints the client, its options and every
// error in every form, and finds neither the API key nor the token
// anywhere.
func TestSecretHygiene(t *testing.T) {
	const wrongKey = "fpv1_live_WRONG_1a2b3c4d5e"
	const missingToken = "tok_missing_SECRET_77f0e1"
	srv := v1test.NewServer()
	defer srv.Close()
	token := srv.SeedPromoters(3)[1].AuthToken
	var sink secretcheck.Sink
	clk := testclock.New(platform.ClockStart)
	opts := []v1.Option{
		v1.WithBaseURL(srv.URL), v1.WithAPIKey(v1test.APIKey),
		v1.WithLogger(sink.Logger()), v1.WithMaxRetries(2),
		v1.WithClock(clk),
	}
	c, err := v1.NewClient(opts...)
	require.NoError(t, err)
	var s v1.Settings
	for _, o := range opts {
		require.NoError(t, o(&s))
	}
	sink.Print(c, *c, v1.TransportOf(c), s, &s, opts, c.Promoters, c.RateLimit())

	ctx := context.Background()
	p, err := c.Promoters.GetByAuthToken(ctx, token)
	require.NoError(t, err)
	sink.Print(p.ID, p.Email)
	_, err = c.Promoters.GetByAuthToken(ctx, missingToken)
	require.ErrorIs(t, err, v1.ErrNotFound)
	sink.Print(err)
	for _, f := range []v1test.Fault{
		{Status: http.StatusBadRequest}, {Status: http.StatusUnauthorized}, {Status: http.StatusForbidden},
		{Status: http.StatusNotFound}, {Status: http.StatusConflict}, {Status: http.StatusUnprocessableEntity},
		{Status: http.StatusTooManyRequests, RetryAfter: "1"}, {Status: http.StatusTooManyRequests, RetryAfter: "3600"},
		{Status: http.StatusInternalServerError}, {Status: http.StatusBadGateway, Body: "<html>bad gateway</html>"},
		{Status: http.StatusServiceUnavailable}, {Body: `{"unexpected":true}`}, {Truncate: true}, {EmptyBody: true},
		{Drop: true},
	} {
		srv.Inject(1, f)
		_, rerr := c.Promoters.GetByAuthToken(ctx, token)
		srv.Inject(1, f)
		_, werr := c.Promoters.RefreshToken(ctx, v1.PromoterKey{AuthToken: missingToken})
		srv.Inject(1, f)
		_, _, lerr := c.Leads.ListPage(ctx, nil)
		sink.Print(rerr, werr, lerr)
	}
	srv.Inject(1, v1test.Fault{Hang: true})
	hctx, cancel := context.WithTimeout(ctx, 30*time.Millisecond)
	_, err = c.Promoters.GetByAuthToken(hctx, token)
	cancel()
	sink.Print(err)

	// A real 401 from the server, for a wrong key.
	wrong, err := v1.NewClient(v1.WithBaseURL(srv.URL), v1.WithAPIKey(wrongKey),
		v1.WithLogger(sink.Logger()), v1.WithClock(clk))
	require.NoError(t, err)
	_, err = wrong.Promoters.GetByAuthToken(ctx, token)
	require.ErrorIs(t, err, v1.ErrUnauthorized)
	sink.Print(err, wrong, *wrong)

	sink.Check(t, v1test.APIKey, wrongKey, token, missingToken)
}
