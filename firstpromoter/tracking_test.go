package firstpromoter_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tapeTrackSignupJSON is the 200 example of POST /track/signup in the v2
// tracking spec.
const tapeTrackSignupJSON = `{
  "id": 45831611,
  "etype": "signup",
  "sale_amount": null,
  "original_sale_amount": null,
  "original_sale_currency": null,
  "event_id": null,
  "plan_id": null,
  "billing_period": null,
  "created_at": "2025-04-25T09:29:51.973Z",
  "referral": {"id": 29203686, "email": "testme@test1.com", "uid": null},
  "commissions": []
}`

// tapeTrackSaleJSON is the 200 example of POST /track/sale in the v2
// tracking spec.
const tapeTrackSaleJSON = `{
  "id": 45831949,
  "etype": "sale",
  "sale_amount": 2000,
  "original_sale_amount": 2000,
  "original_sale_currency": null,
  "event_id": null,
  "plan_id": null,
  "billing_period": null,
  "created_at": "2025-04-25T09:39:42.289Z",
  "referral": {"id": 29203686, "email": "testme@test1.com", "uid": null},
  "commissions": [` + tapeCommissionJSON + `]
}`

// tapeTrackRefundJSON is the 200 example of POST /track/refund in the v2
// tracking spec.
const tapeTrackRefundJSON = `{
  "id": 33847726,
  "type": "refund",
  "amount_cents": -1000,
  "reward": {
    "id": 10940148, "status": "approved", "amount": -200, "unit": "cash", "created_at": "2024-09-11T14:36:01.016Z",
    "lead": {"id": 20738339, "state": "active", "email": "hello@testmintli.com", "uid": null,
      "customer_since": "2024-09-11T14:22:12.160Z", "plan_name": null, "suspicion": "no_suspicion"},
    "event_id": "test_sale_12340987_refund", "conversion_amount": -1000, "tier_level": 1, "split_type": null
  },
  "lead": {
    "id": 20738339, "state": "active", "email": "hello@testmintli.com", "uid": null,
    "customer_since": "2024-09-11T14:22:12.160Z", "cancelled_at": null, "plan_name": null,
    "suspicion": "no_suspicion", "username": null, "website": null, "created_at": "2024-09-09T16:22:44.168Z",
    "split_promotion_id": null, "custom_fields": null, "split_percentage_value": null, "visitor_sub_id": null
  },
  "promoter": {
    "id": 3920164, "status": "active", "cust_id": "", "email": "peluwydo@mailinator.com",
    "created_at": "2022-04-26T15:28:24.800Z", "temp_password": "xxxxxxxxxx", "default_promotion_id": 4210919,
    "pref": "db1znwe", "default_ref_id": "8yi2epelut", "note": "This is a note", "w8_form_url": null,
    "w9_form_url": null, "parent_promoter_id": 577918, "earnings_balance": {"cash": 50744},
    "current_balance": {"cash": 20044}, "paid_balance": {"cash": 30700}, "auth_token": "xxxxxxxxxxxxxx"
  }
}`

// tapeTrackCancellationJSON is samples/firstpromoter/v1_track_cancellation.json
// (FirstPromoter's legacy docs), the shape the v2 spec gives for
// /track/cancellation.
const tapeTrackCancellationJSON = `{
  "id": 1710,
  "type": "cancellation",
  "amount_cents": null,
  "lead": {
    "id": 943,
    "state": "cancelled",
    "email": "shelley@example.com",
    "uid": "cbdemo_shelley",
    "customer_since": "2018-04-11T14:54:32.014Z",
    "plan_name": "monthly-starter",
    "suspicion": "no_suspicion"
  },
  "promoter": {
    "id": 1983,
    "cust_id": null,
    "email": "test@test.com",
    "temp_password": "u1PptB",
    "default_promotion_id": 1986,
    "default_ref_id": "test_ref_id",
    "earnings_balance": null,
    "current_balance": null,
    "paid_balance": null
  }
}`

func TestTrackSignup(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(200, tapeTrackSignupJSON))
	at := time.Date(2025, 4, 25, 9, 29, 51, 0, time.UTC)
	ev, err := c.Tracking.Signup(context.Background(), &firstpromoter.TrackSignupParams{
		Email: "testme@test1.com", UID: "usr_42", TID: "d8f0a1b2-tid", IP: "203.0.113.7",
		CreatedAt: &at, SkipEmailNotification: true,
	})
	require.NoError(t, err)
	assertTapeJSONCall(t, ws.only(), http.MethodPost, "/api/v2/track/signup", `{
		"email": "testme@test1.com", "uid": "usr_42", "tid": "d8f0a1b2-tid", "ip": "203.0.113.7",
		"created_at": "2025-04-25T09:29:51Z", "skip_email_notification": true
	}`)
	require.NotNil(t, ev)
	assert.Equal(t, int64(45831611), ev.ID)
	assert.Equal(t, "signup", ev.Etype)
	assert.True(t, ev.SaleAmount.IsNull())
	assert.Equal(t, &firstpromoter.ReferralRef{ID: 29203686, Email: "testme@test1.com"}, ev.Referral)
	assert.Empty(t, ev.Commissions)
}

func TestTrackSale(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(200, tapeTrackSaleJSON))
	ev, err := c.Tracking.Sale(context.Background(), &firstpromoter.TrackSaleParams{
		Email: "testme@test1.com", EventID: "test_sale_12340987", Amount: cents(2000), Quantity: 2, Plan: "pro-monthly",
		Currency: "EUR", MRR: cents(1000), PromoCode: "JANE10", RefID: "jane",
	})
	require.NoError(t, err)
	assertTapeJSONCall(t, ws.only(), http.MethodPost, "/api/v2/track/sale", `{
		"email": "testme@test1.com", "event_id": "test_sale_12340987", "amount": 2000, "quantity": 2,
		"plan": "pro-monthly", "currency": "EUR", "mrr": 1000, "promo_code": "JANE10", "ref_id": "jane"
	}`)
	require.NotNil(t, ev)
	assert.Equal(t, "sale", ev.Etype)
	assert.Equal(t, "20.00", ev.SaleAmount.String())
	assert.Equal(t, time.Date(2025, 4, 25, 9, 39, 42, 289e6, time.UTC), ev.CreatedAt)
	require.Len(t, ev.Commissions, 1)
	assert.Equal(t, "4.00", ev.Commissions[0].Amount.String())
	assert.Equal(t, "20% recurring commission", ev.Commissions[0].Reward.Name)
}

func TestTrackRefund(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(200, tapeTrackRefundJSON))
	ev, err := c.Tracking.Refund(context.Background(), &firstpromoter.TrackRefundParams{
		UID: "usr_42", EventID: "test_sale_12340987_refund", Amount: cents(1000), Quantity: 1, SaleEventID: "test_sale_12340987",
	})
	require.NoError(t, err)
	assertTapeJSONCall(t, ws.only(), http.MethodPost, "/api/v2/track/refund", `{
		"uid": "usr_42", "event_id": "test_sale_12340987_refund", "amount": 1000, "quantity": 1,
		"sale_event_id": "test_sale_12340987"
	}`)
	require.NotNil(t, ev)
	assert.Equal(t, "refund", ev.Type)
	assert.Equal(t, "-10.00", ev.AmountCents.String())
	require.NotNil(t, ev.Reward)
	assert.Equal(t, "-2.00", ev.Reward.Amount.String())
	assert.Equal(t, "-10.00", ev.Reward.ConversionAmount.String())
	assert.Equal(t, 1, ev.Reward.TierLevel)
	require.NotNil(t, ev.Reward.Lead)
	require.NotNil(t, ev.Lead)
	assert.Equal(t, "hello@testmintli.com", ev.Lead.Email)
	assert.Nil(t, ev.Lead.CancelledAt)
	require.NotNil(t, ev.Promoter)
	assert.Equal(t, int64(577918), ev.Promoter.ParentPromoterID)
	require.Contains(t, ev.Promoter.PaidBalance, "cash")
	assert.Equal(t, "307.00", ev.Promoter.PaidBalance["cash"].String())
}

func TestTrackCancellation(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(200, tapeTrackCancellationJSON))
	ev, err := c.Tracking.Cancellation(context.Background(), &firstpromoter.TrackCancellationParams{Email: "shelley@example.com"})
	require.NoError(t, err)
	assertTapeJSONCall(t, ws.only(), http.MethodPost, "/api/v2/track/cancellation", `{"email": "shelley@example.com"}`)
	require.NotNil(t, ev)
	assert.Equal(t, int64(1710), ev.ID)
	assert.Equal(t, "cancellation", ev.Type)
	assert.True(t, ev.AmountCents.IsNull())
	assert.Nil(t, ev.Reward)
	assert.Equal(t, "cancelled", ev.Lead.State)
	assert.Equal(t, "monthly-starter", ev.Lead.PlanName)
	assert.Equal(t, "", ev.Promoter.CustID)
	assert.Nil(t, ev.Promoter.EarningsBalance)
}

func TestTrackNotAReferral(t *testing.T) {
	ws, c := newTapeServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) { w.WriteHeader(http.StatusNoContent) })
	ctx := context.Background()
	sale, err := c.Tracking.Sale(ctx, &firstpromoter.TrackSaleParams{Email: "walkin@example.com", EventID: "ch_1", Amount: cents(990)})
	require.NoError(t, err)
	assert.Nil(t, sale)
	refund, err := c.Tracking.Refund(ctx, &firstpromoter.TrackRefundParams{Email: "walkin@example.com", EventID: "re_1", Amount: cents(990)})
	require.NoError(t, err)
	assert.Nil(t, refund)
	signup, err := c.Tracking.Signup(ctx, &firstpromoter.TrackSignupParams{Email: "walkin@example.com"})
	require.NoError(t, err)
	assert.Nil(t, signup)
	assert.Len(t, ws.Calls(), 3)
}

func TestTrackSaleAndRefundNotRetried(t *testing.T) {
	for _, status := range []int{http.StatusBadGateway, http.StatusInternalServerError, http.StatusGatewayTimeout} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			ws, c := newTapeServer(t, tapeReply(status, `<html><body>upstream error</body></html>`))
			_, err := c.Tracking.Sale(context.Background(), &firstpromoter.TrackSaleParams{Email: "a@example.com", EventID: "ch_1", Amount: cents(100)})
			require.ErrorIs(t, err, firstpromoter.ErrServer)
			assert.Len(t, ws.Calls(), 1, "a sale that may have been recorded is not sent again")

			_, err = c.Tracking.Refund(context.Background(), &firstpromoter.TrackRefundParams{Email: "a@example.com", EventID: "re_1", Amount: cents(100)})
			require.ErrorIs(t, err, firstpromoter.ErrServer)
			assert.Len(t, ws.Calls(), 2)
			assert.Empty(t, ws.clock.Sleeps())
		})
	}
}

func TestTrackSaleDroppedConnectionNotRetried(t *testing.T) {
	ws, c := newTapeServer(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		hj, ok := w.(http.Hijacker)
		require.True(t, ok)
		conn, _, err := hj.Hijack()
		require.NoError(t, err)
		_ = conn.Close()
	})
	_, err := c.Tracking.Sale(context.Background(), &firstpromoter.TrackSaleParams{UID: "u1", EventID: "ch_1", Amount: cents(100)})
	require.Error(t, err)
	assert.Len(t, ws.Calls(), 1)
}

func TestTrackSaleRetries429(t *testing.T) {
	ws, c := newTapeServer(t, func(w http.ResponseWriter, _ *http.Request, n int) {
		if n == 1 {
			w.Header().Set("Retry-After", "1")
			tapeJSON(w, http.StatusTooManyRequests, ``)
			return
		}
		tapeJSON(w, 200, tapeTrackSaleJSON)
	})
	ev, err := c.Tracking.Sale(context.Background(), &firstpromoter.TrackSaleParams{Email: "a@example.com", EventID: "ch_1", Amount: cents(2000)})
	require.NoError(t, err)
	assert.Equal(t, int64(45831949), ev.ID)
	calls := ws.Calls()
	require.Len(t, calls, 2, "a 429 was not processed, so it is retried")
	assert.JSONEq(t, string(calls[0].Body), string(calls[1].Body))
	assert.Equal(t, []time.Duration{time.Second}, ws.clock.Sleeps())
}

func TestTrackErrors(t *testing.T) {
	t.Run("duplicate event", func(t *testing.T) {
		ws, c := newTapeServer(t, tapeReply(http.StatusConflict, `{"message": "The 'sale' event with the id 'test_sale_12340987' already exists."}`))
		_, err := c.Tracking.Sale(context.Background(), &firstpromoter.TrackSaleParams{Email: "a@example.com", EventID: "test_sale_12340987", Amount: cents(2000)})
		require.ErrorIs(t, err, firstpromoter.ErrInvalidRequest)
		var apiErr *firstpromoter.Error
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, http.StatusConflict, apiErr.StatusCode)
		assert.Equal(t, "The 'sale' event with the id 'test_sale_12340987' already exists.", apiErr.Message)
		assert.Equal(t, "/api/v2/track/sale", apiErr.Path)
		assert.Len(t, ws.Calls(), 1)
	})
	t.Run("unknown visitor", func(t *testing.T) {
		_, c := newTapeServer(t, tapeReply(http.StatusNotFound, `{"message": "Visitor  invalid, not found or you are trying to use the signup tracking test via API which doesn't work on API calls."}`))
		_, err := c.Tracking.Signup(context.Background(), &firstpromoter.TrackSignupParams{Email: "a@example.com", TID: "nope"})
		require.ErrorIs(t, err, firstpromoter.ErrNotFound)
	})
	t.Run("unauthorized", func(t *testing.T) {
		_, c := newTapeServer(t, tapeReply(http.StatusUnauthorized, ``))
		_, err := c.Tracking.Cancellation(context.Background(), &firstpromoter.TrackCancellationParams{UID: "u1"})
		require.ErrorIs(t, err, firstpromoter.ErrUnauthorized)
		assert.NotContains(t, err.Error(), tapeAPIKey)
	})
}

func TestTrackMalformed(t *testing.T) {
	for name, body := range map[string]string{
		"HTML":      `<!DOCTYPE html><html><body>Oops</body></html>`,
		"empty 200": ``,
		"truncated": `{"id": 45831949, "etype": "sa`,
		"array":     `[]`,
		"bad field": `{"id": "forty-two"}`,
	} {
		t.Run(name, func(t *testing.T) {
			ws, c := newTapeServer(t, tapeReply(200, body))
			ev, err := c.Tracking.Sale(context.Background(), &firstpromoter.TrackSaleParams{Email: "a@example.com", EventID: "ch_1", Amount: cents(100)})
			require.ErrorIs(t, err, firstpromoter.ErrMalformedResponse)
			assert.Nil(t, ev)
			var apiErr *firstpromoter.Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, http.MethodPost, apiErr.Method)
			assert.Equal(t, "/api/v2/track/sale", apiErr.Path)
			assert.Len(t, ws.Calls(), 1, "a sale is not sent again after a malformed answer")
		})
	}
}

func TestTrackValidation(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(200, tapeTrackSaleJSON))
	ctx := context.Background()
	_, err := c.Tracking.Signup(ctx, &firstpromoter.TrackSignupParams{TID: "x"})
	assert.Error(t, err)
	_, err = c.Tracking.Sale(ctx, &firstpromoter.TrackSaleParams{Email: "a@example.com", Amount: cents(100)})
	assert.Error(t, err, "no event id")
	_, err = c.Tracking.Sale(ctx, &firstpromoter.TrackSaleParams{Email: "a@example.com", EventID: "ch_1"})
	assert.Error(t, err, "no amount")
	_, err = c.Tracking.Refund(ctx, nil)
	assert.Error(t, err)
	_, err = c.Tracking.Refund(ctx, &firstpromoter.TrackRefundParams{UID: "u", EventID: "re_1", Amount: cents(-5)})
	assert.Error(t, err, "negative amount")
	_, err = c.Tracking.Cancellation(ctx, &firstpromoter.TrackCancellationParams{})
	assert.Error(t, err)
	assert.Empty(t, ws.Calls())
}
