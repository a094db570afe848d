package everflow

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

// emptyRecords are answers that decode to a record without its identifier.
var emptyRecords = []string{`null`, `{}`,
	`{"network_affiliate_id":0,"network_offer_id":0,"network_pixel_id":0,"network_id":0,"transaction_id":""}`}

// TestSingleRecordCallsRefuseEmptyRecords answers every call that returns
// one record with each empty record: the call fails with
// ErrMalformedResponse. A retry-safe call (GET, PUT) is retried; a POST is
// sent once and its error also matches ErrOutcomeUnknown.
func TestSingleRecordCallsRefuseEmptyRecords(t *testing.T) {
	const retries = 2
	pixel := PixelCreateParams{DeliveryMethod: "postback", PixelLevel: "conversion", PixelStatus: "active", PixelType: "postback_url"}
	cases := []struct {
		name string
		post bool
		call func(context.Context, *Client) error
	}{
		{"Affiliates.Get", false, func(ctx context.Context, c *Client) error { _, err := c.Affiliates.Get(ctx, 7); return err }},
		{"Affiliates.Create", true, func(ctx context.Context, c *Client) error {
			_, err := c.Affiliates.Create(ctx, &AffiliateCreateParams{Name: "A"})
			return err
		}},
		{"Affiliates.Update", false, func(ctx context.Context, c *Client) error {
			_, err := c.Affiliates.Update(ctx, 7, &AffiliateUpdateParams{Name: "A"})
			return err
		}},
		{"Offers.Get", false, func(ctx context.Context, c *Client) error { _, err := c.Offers.Get(ctx, 7); return err }},
		{"Pixels.Get", false, func(ctx context.Context, c *Client) error { _, err := c.Pixels.Get(ctx, 7); return err }},
		{"Pixels.Create", true, func(ctx context.Context, c *Client) error { _, err := c.Pixels.Create(ctx, &pixel); return err }},
		{"Pixels.Update", false, func(ctx context.Context, c *Client) error {
			p := PixelUpdateParams(pixel)
			_, err := c.Pixels.Update(ctx, 7, &p)
			return err
		}},
		{"Clicks.Get", false, func(ctx context.Context, c *Client) error { _, err := c.Clicks.Get(ctx, "tx1"); return err }},
		{"Network.Get", false, func(ctx context.Context, c *Client) error { _, err := c.Network.Get(ctx); return err }},
	}
	for _, tc := range cases {
		for _, body := range emptyRecords {
			t.Run(tc.name+"/"+body, func(t *testing.T) {
				var n atomic.Int32
				ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
					n.Add(1)
					w.Header().Set("Content-Type", "application/json")
					_, _ = io.WriteString(w, body)
				}))
				t.Cleanup(ts.Close)
				c, err := NewClient(WithAPIKey("k"), WithBaseURL(ts.URL+"/v1"), WithMaxRetries(retries),
					WithClock(testclock.New(time.Date(2024, time.March, 1, 12, 0, 0, 0, time.UTC))))
				require.NoError(t, err)
				err = tc.call(context.Background(), c)
				require.ErrorIs(t, err, ErrMalformedResponse)
				if tc.post {
					assert.ErrorIs(t, err, ErrOutcomeUnknown)
					assert.EqualValues(t, 1, n.Load(), "a POST is sent once")
				} else {
					assert.NotErrorIs(t, err, ErrOutcomeUnknown)
					assert.EqualValues(t, retries+1, n.Load(), "a retry-safe call is retried")
				}
			})
		}
	}
}

// TestNullIDsAndStatusesReadAsEmpty: Everflow's reference marks no string
// id, code or status nullable, so a null reads as "" (the package doc says
// so), an integer id as 0, and an amount stays a null Amount.
func TestNullIDsAndStatusesReadAsEmpty(t *testing.T) {
	var cv Conversion
	require.NoError(t, json.Unmarshal([]byte(`{"conversion_id":null,"transaction_id":null,"status":null,
		"currency_id":null,"event":null,"network_offer_payout_revenue_id":null,"payout":null}`), &cv))
	assert.Empty(t, cv.ConversionID)
	assert.Empty(t, cv.TransactionID)
	assert.Empty(t, cv.Status)
	assert.Empty(t, cv.CurrencyID)
	assert.Empty(t, cv.Event)
	assert.Zero(t, cv.NetworkOfferPayoutRevenueID)
	assert.True(t, cv.Payout.IsNull())

	var o Offer
	require.NoError(t, json.Unmarshal([]byte(`{"network_offer_id":3,"offer_status":null,"visibility":null,"currency_id":null}`), &o))
	assert.Empty(t, o.OfferStatus)
	assert.Empty(t, o.Visibility)
	assert.Empty(t, o.CurrencyID)
}
