package everflow_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
	"github.com/affiliatekit/affiliatekit-go/internal/secretcheck"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

// TestSecretHygiene drives a client through success, every error class,
// retries and debug logging, prints the client, its options and every
// error in every form, and finds the credentials nowhere.
func TestSecretHygiene(t *testing.T) {
	const wrongKey = "ef_live_WRONG_c0ffee1234"
	srv := newFakeServer()
	defer srv.Close()
	srv.SeedAffiliates(3)
	srv.SeedConversions(3)
	var sink secretcheck.Sink
	clk := testclock.New(time.Date(2024, time.March, 1, 12, 0, 0, 0, time.UTC))
	common := []Option{WithBaseURL(srv.URL), WithLogger(sink.Logger()), WithMaxRetries(2), WithClock(clk)}
	opts := append([]Option{WithAPIKey(everflowtest.APIKey)}, common...)
	c, err := NewClient(opts...)
	require.NoError(t, err)
	holders, err := KeyHolders(c, opts)
	require.NoError(t, err)
	sink.Print(c, *c, opts, c.Affiliates, c.RateLimit())
	sink.Print(holders...)

	ctx := context.Background()
	items, resp, err := c.Affiliates.ListPage(ctx, nil)
	require.NoError(t, err)
	sink.Print(items, resp, *resp)
	params := &AffiliateCreateParams{Name: "Hygiene Media", AccountStatus: AccountActive,
		Billing: &Billing{BillingFrequency: "monthly", PaymentType: "none", Details: &BillingDetails{DayOfMonth: 1}}}
	export := &ConversionExportParams{ConversionReportParams: ConversionReportParams{From: feb(1), To: feb(29), TimezoneID: TimezoneUTC}}
	for _, f := range []everflowtest.Fault{
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
		srv.Inject(1, f)
		var xerr error
		for _, err := range c.Conversions.ExportCSV(ctx, export) {
			if err != nil {
				xerr = err
				break
			}
		}
		sink.Print(err, werr, xerr)
	}
	srv.Inject(1, everflowtest.Fault{Hang: true})
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

	sink.Check(t, everflowtest.APIKey, wrongKey)
}
