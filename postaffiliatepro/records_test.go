package postaffiliatepro

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

// TestSingleRecordCallsRefuseEmptyRecords answers every Get with null, {}
// and records whose id is zero or empty: each fails with
// ErrMalformedResponse after the retries.
func TestSingleRecordCallsRefuseEmptyRecords(t *testing.T) {
	const retries = 2
	cases := []struct {
		name string
		call func(context.Context, *Client) error
	}{
		{"Affiliates.Get", func(ctx context.Context, c *Client) error { _, err := c.Affiliates.Get(ctx, "aff1"); return err }},
		{"Campaigns.Get", func(ctx context.Context, c *Client) error { _, err := c.Campaigns.Get(ctx, "cmp1"); return err }},
		{"Transactions.Get", func(ctx context.Context, c *Client) error { _, err := c.Transactions.Get(ctx, "tx1"); return err }},
	}
	for _, tc := range cases {
		for _, body := range []string{`null`, `{}`, `{"id":0}`, `{"id":""}`} {
			t.Run(tc.name+"/"+body, func(t *testing.T) {
				var n atomic.Int32
				ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
					n.Add(1)
					w.Header().Set("Content-Type", "application/json")
					_, _ = io.WriteString(w, body)
				}))
				t.Cleanup(ts.Close)
				c, err := NewClient(WithAPIKey("pap_1_secret"), WithBaseURL(ts.URL+"/api/v3"), WithMaxRetries(retries), WithClock(testclock.New(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))))
				require.NoError(t, err)
				err = tc.call(context.Background(), c)
				require.ErrorIs(t, err, ErrMalformedResponse)
				assert.NotErrorIs(t, err, ErrOutcomeUnknown)
				assert.EqualValues(t, retries+1, n.Load(), "a read is retried")
			})
		}
	}
}

// TestNullIDsAndStatusesReadAsEmpty: no v3 schema is public, so no id,
// code or status is known to be nullable; null reads as "" (the package
// doc says so) and Raw keeps the null.
func TestNullIDsAndStatusesReadAsEmpty(t *testing.T) {
	body := `{"id":"t1","affiliate_id":null,"campaign_id":null,"order_id":null,"status":null,"type":null,"payout_status":null,"currency":null,"approved_at":null}`
	var tx Transaction
	require.NoError(t, json.Unmarshal([]byte(body), &tx))
	assert.Empty(t, tx.AffiliateID)
	assert.Empty(t, tx.CampaignID)
	assert.Empty(t, tx.OrderID)
	assert.Empty(t, tx.Status)
	assert.Empty(t, tx.Type)
	assert.Empty(t, tx.PayoutStatus)
	assert.Empty(t, tx.Currency)
	assert.Nil(t, tx.ApprovedAt)
	assert.JSONEq(t, body, string(tx.Raw), "the nulls stay in Raw")

	var a Affiliate
	require.NoError(t, json.Unmarshal([]byte(`{"id":"a1","parent_id":null,"referral_id":null,"status":null}`), &a))
	assert.Empty(t, a.ParentID)
	assert.Empty(t, a.ReferralID)
	assert.Empty(t, a.Status)
}
