package everflow_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

func TestErrorStatusesMapToSentinels(t *testing.T) {
	srv, c, _ := demo(t, WithMaxRetries(0))
	ctx := context.Background()
	billing := &Billing{BillingFrequency: "monthly", PaymentType: "none"}

	tests := []struct {
		name     string
		call     func() error
		sentinel error
		status   int
		message  string
	}{
		{"401 without a valid key", func() error {
			bad, err := NewClient(WithAPIKey("wrong"), WithBaseURL(srv.URL))
			require.NoError(t, err)
			_, err = bad.Network.Get(ctx)
			return err
		}, ErrUnauthorized, 401, "Invalid API Key"},
		{"403 for an affiliate key", func() error {
			aff, err := NewClient(WithAPIKey(everflowtest.AffiliateAPIKey), WithBaseURL(srv.URL))
			require.NoError(t, err)
			_, err = aff.Affiliates.Get(ctx, 1)
			return err
		}, ErrForbidden, 403, "Out of realm"},
		{"404 for an unknown id", func() error {
			_, err := c.Affiliates.Get(ctx, 999)
			return err
		}, ErrNotFound, 404, "Not Found"},
		{"400 for a missing billing block", func() error {
			_, err := c.Affiliates.Create(ctx, &AffiliateCreateParams{Name: "No Billing LLC"})
			return err
		}, ErrInvalidRequest, 400, "billing is required"},
		{"400 for a bad pixel", func() error {
			_, err := c.Pixels.Create(ctx, &PixelCreateParams{NetworkAffiliateID: 1, DeliveryMethod: DeliveryPostback,
				PixelLevel: PixelGlobal, PixelStatus: PixelActive, PixelType: PixelConversion, PostbackURL: "not-a-url"})
			return err
		}, ErrInvalidRequest, 400, "postback_url is required and must start with http:// or https://"},
		{"422 injected", func() error {
			srv.Inject(1, everflowtest.Fault{Status: http.StatusUnprocessableEntity, Body: `{"error":"billing.details.day_of_month is invalid"}`})
			_, err := c.Affiliates.Create(ctx, &AffiliateCreateParams{Name: "Day Zero", Billing: billing})
			return err
		}, ErrInvalidRequest, 422, "billing.details.day_of_month is invalid"},
		{"capitalised Error key", func() error {
			srv.Inject(1, everflowtest.Fault{Status: http.StatusNotFound, Body: `{"Error":"Offer does not exist"}`})
			_, err := c.Offers.Get(ctx, 1)
			return err
		}, ErrNotFound, 404, "Offer does not exist"},
		{"500", func() error {
			srv.Inject(1, everflowtest.Fault{Status: http.StatusInternalServerError})
			_, err := c.Network.Get(ctx)
			return err
		}, ErrServer, 500, "Internal Server Error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			require.Error(t, err)
			assert.ErrorIs(t, err, tt.sentinel)
			var apiErr *Error
			require.True(t, errors.As(err, &apiErr), "%T %v", err, err)
			assert.Equal(t, tt.status, apiErr.StatusCode)
			assert.Equal(t, tt.message, apiErr.Message)
			assert.Contains(t, apiErr.Path, "/v1/")
			assert.NotContains(t, err.Error(), everflowtest.APIKey)
		})
	}
}

func TestRateLimitedRetriedAfterRetryAfter(t *testing.T) {
	srv, c, clk := demo(t)
	srv.Inject(1, everflowtest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "2"})
	n, err := c.Network.Get(context.Background())
	require.NoError(t, err)
	assert.Equal(t, "Northwind Performance Network", n.Name)
	assert.Equal(t, 2, srv.RequestCount())
	assert.Equal(t, []time.Duration{2 * time.Second}, clk.Sleeps())
}

// Everflow sends no Retry-After: after a 429 the client waits for the
// 30-second window to reset.
func TestRateLimitedWaitsForTheWindow(t *testing.T) {
	srv, c, clk := demo(t)
	srv.Inject(1, everflowtest.Fault{Status: http.StatusTooManyRequests})
	_, err := c.Postbacks.Report(context.Background(), &PostbackReportParams{From: feb(1), To: feb(2), TimezoneID: TimezoneUTC})
	require.NoError(t, err)
	assert.Equal(t, 2, srv.RequestCount())
	require.Len(t, clk.Sleeps(), 1)
	wait := clk.Sleeps()[0]
	assert.GreaterOrEqual(t, wait, RateLimitResetWindow)
	assert.LessOrEqual(t, wait, RateLimitResetWindow+RateLimitResetWindow/10)
}

func TestRateLimitedBeyondMaxWaitFailsAtOnce(t *testing.T) {
	srv, c, clk := demo(t)
	srv.Inject(1, everflowtest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "3600"})
	_, err := c.Network.Get(context.Background())
	require.ErrorIs(t, err, ErrRateLimited)
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, time.Hour, apiErr.RetryAfter)
	assert.Equal(t, 1, srv.RequestCount())
	assert.Empty(t, clk.Sleeps())
}

func TestCreateNotRetriedAfterBadGateway(t *testing.T) {
	srv, c, _ := demo(t)
	srv.Inject(1, everflowtest.Fault{Status: http.StatusBadGateway})
	_, err := c.Affiliates.Create(context.Background(), &AffiliateCreateParams{
		Name: "Retry Safe Media", Billing: &Billing{BillingFrequency: "monthly", PaymentType: "none"},
	})
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 1, srv.RequestCount(), "a create that may have reached the server is not sent again")
	assert.Len(t, srv.Affiliates(), 36)

	srv.ResetRequests()
	srv.Inject(1, everflowtest.Fault{Status: http.StatusBadGateway})
	_, err = c.Pixels.Create(context.Background(), &PixelCreateParams{NetworkAffiliateID: 1, DeliveryMethod: DeliveryPostback,
		PixelLevel: PixelGlobal, PixelStatus: PixelActive, PixelType: PixelConversion, PostbackURL: "https://x.example/pb"})
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 1, srv.RequestCount())
}

// Searches and reports are POSTs that only read: they are retried.
func TestReadOnlyPostsRetriedAfterBadGateway(t *testing.T) {
	srv, c, clk := demo(t)
	srv.Inject(2, everflowtest.Fault{Status: http.StatusBadGateway})
	page, _, err := c.Offers.SearchPage(context.Background(), nil)
	require.NoError(t, err)
	assert.Len(t, page, 24)
	assert.Equal(t, 3, srv.RequestCount())
	assert.Len(t, clk.Sleeps(), 2)
}

func TestMalformedBodies(t *testing.T) {
	tests := []struct {
		name  string
		fault everflowtest.Fault
	}{
		{"HTML page", everflowtest.Fault{Body: "<html><body>Bad Gateway</body></html>"}},
		{"truncated JSON", everflowtest.Fault{Body: `{"affiliates": [{"network_affiliate_id": 1`}},
		{"wrong shape", everflowtest.Fault{Body: `{"items": []}`}},
		{"wrong types", everflowtest.Fault{Body: `{"affiliates": [{"network_affiliate_id": "one"}]}`}},
		{"empty", everflowtest.Fault{EmptyBody: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv, c, _ := demo(t, WithMaxRetries(0))
			srv.Inject(1, tt.fault)
			items, resp, err := c.Affiliates.ListPage(context.Background(), nil)
			require.ErrorIs(t, err, ErrMalformedResponse)
			assert.Nil(t, items)
			assert.Nil(t, resp)
			assert.Contains(t, err.Error(), "/v1/networks/affiliates")
		})
	}
}

// A malformed body on a GET is retried and the retry succeeds.
func TestMalformedBodyRetried(t *testing.T) {
	srv, c, _ := demo(t)
	srv.Inject(1, everflowtest.Fault{Truncate: true})
	n, err := c.Network.Get(context.Background())
	require.NoError(t, err)
	assert.Equal(t, int64(1), n.NetworkID)
	assert.Equal(t, 2, srv.RequestCount())
}
