package partnerstack_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/secretcheck"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

// TestSecretHygiene drives both clients through success, every error
// class, retries and debug logging, prints the clients, their options and
// every error in every form, and finds the credentials nowhere (nor the
// base64 of the basic credential pair).
func TestSecretHygiene(t *testing.T) {
	const wrongSecret = "sk_live_WRONG_77aa0c5e1d9b"
	srv := partnerstacktest.NewServer()
	defer srv.Close()
	srv.SeedPartnerships(3)
	partner := srv.Partnerships()[0].PartnerKey
	var sink secretcheck.Sink
	clk := testclock.New(time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC))
	common := []partnerstack.Option{partnerstack.WithBaseURL(srv.URL), partnerstack.WithLogger(sink.Logger()), partnerstack.WithMaxRetries(2), partnerstack.WithClock(clk)}
	opts := append([]partnerstack.Option{partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey)}, common...)
	c, err := partnerstack.NewClient(opts...)
	require.NoError(t, err)
	pc, err := partnerstack.NewPartnerClient(append([]partnerstack.Option{partnerstack.WithAPIKey(partnerstacktest.APIKey)}, common...)...)
	require.NoError(t, err)
	internals, err := partnerstack.Internals(c, pc, opts)
	require.NoError(t, err)
	sink.Print(c, *c, pc, *pc, opts, c.Partnerships, c.RateLimit())
	sink.Print(internals...)

	ctx := context.Background()
	items, resp, err := c.Partnerships.ListPage(ctx, nil)
	require.NoError(t, err)
	sink.Print(items, resp, *resp)
	_, _, err = pc.Programs.ListPage(ctx, nil)
	require.NoError(t, err)
	for _, f := range []partnerstacktest.Fault{
		{Status: http.StatusBadRequest}, {Status: http.StatusUnauthorized}, {Status: http.StatusForbidden},
		{Status: http.StatusNotFound}, {Status: http.StatusConflict}, {Status: http.StatusUnprocessableEntity},
		{Status: http.StatusTooManyRequests, RetryAfter: "1"}, {Status: http.StatusTooManyRequests, RetryAfter: "3600"},
		{Status: http.StatusInternalServerError}, {Status: http.StatusBadGateway, Body: "<html>bad gateway</html>"},
		{Status: http.StatusServiceUnavailable}, {Body: `{"unexpected":true}`}, {Truncate: true}, {EmptyBody: true},
		{Drop: true},
	} {
		srv.Inject(1, f)
		_, _, err := c.Partnerships.ListPage(ctx, nil)
		srv.Inject(1, f)
		_, werr := c.Customers.Create(ctx, &partnerstack.CustomerCreateParams{Email: "hygiene@example.com", PartnerKey: partner})
		srv.Inject(1, f)
		_, _, perr := pc.Programs.ListPage(ctx, nil)
		sink.Print(err, werr, perr)
	}
	srv.Inject(1, partnerstacktest.Fault{Hang: true})
	hctx, cancel := context.WithTimeout(ctx, 30*time.Millisecond)
	_, _, err = c.Partnerships.ListPage(hctx, nil)
	cancel()
	sink.Print(err)

	// A real 401 from the server, for a wrong secret key.
	wrong, err := partnerstack.NewClient(append([]partnerstack.Option{partnerstack.WithKeys(partnerstacktest.PublicKey, wrongSecret)}, common...)...)
	require.NoError(t, err)
	_, _, err = wrong.Partnerships.ListPage(ctx, nil)
	require.ErrorIs(t, err, partnerstack.ErrUnauthorized)
	sink.Print(err, wrong, *wrong)

	sink.Check(t, partnerstacktest.PublicKey, partnerstacktest.SecretKey, partnerstacktest.APIKey, wrongSecret)
}
