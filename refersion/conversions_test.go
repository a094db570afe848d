package refersion_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

func TestConversionsManualCredit(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	a := srv.AddAffiliate(refersiontest.Affiliate{FirstName: "Bill", LastName: "Smith", Email: "bill@example.com"})

	r, err := c.Conversions.ManualCredit(context.Background(), &ConversionManualCreditParams{
		ID: a.ID, Commission: amt("-12.5"), Status: ConversionApproved, Currency: "EUR", Notes: "refund correction",
	})
	require.NoError(t, err)
	convs := srv.Conversions()
	require.Len(t, convs, 1)
	assert.Equal(t, convs[0].ID, r.ConversionID)
	assert.Equal(t, "-12.5", convs[0].CommissionTotal.String())
	assert.Equal(t, ConversionManualCredit, convs[0].Type)
	assert.Equal(t, map[string]any{"id": float64(a.ID), "commission": -12.5, "status": "APPROVED",
		"currency": "EUR", "notes": "refund correction"}, lastBody(t, srv))

	_, err = c.Conversions.ManualCredit(context.Background(), &ConversionManualCreditParams{ID: 1, Commission: amt("5"), Status: ConversionApproved})
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Invalid affiliate ID (error 2).", apiErr.Message)

	_, err = c.Conversions.ManualCredit(context.Background(), &ConversionManualCreditParams{ID: a.ID, Commission: amt("5")})
	assert.ErrorContains(t, err, "required")
	assert.Equal(t, 2, srv.RequestCount())
}

// A credit carries no idempotency key: after a 502 it may have been applied,
// so it is not retried.
func TestConversionsManualCreditNotRetriedAfter502(t *testing.T) {
	srv, c, clk := newFake(t, nil)
	a := srv.AddAffiliate(refersiontest.Affiliate{FirstName: "Bill", LastName: "Smith", Email: "bill@example.com"})
	srv.Inject(1, refersiontest.Fault{Status: 502, Applied: true})

	_, err := c.Conversions.ManualCredit(context.Background(), &ConversionManualCreditParams{ID: a.ID, Commission: amt("10"), Status: ConversionPending})
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 1, srv.RequestCount())
	assert.Empty(t, clk.Sleeps())
	assert.Len(t, srv.Conversions(), 1, "the credit was applied once, never twice")
}

// A 503 with Retry-After is a server turning the request away: a write is
// retried. A bare 503 may come from a gateway that gave up on a request
// the application still runs: the credit is not sent again.
func TestConversionsManualCreditAfter503(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	a := srv.AddAffiliate(refersiontest.Affiliate{FirstName: "Bill", LastName: "Smith", Email: "bill@example.com"})
	params := &ConversionManualCreditParams{ID: a.ID, Commission: amt("10"), Status: ConversionPending}
	srv.Inject(1, refersiontest.Fault{Status: 503, RetryAfter: "1", Body: `{"error":"Service Unavailable"}`})
	r, err := c.Conversions.ManualCredit(context.Background(), params)
	require.NoError(t, err)
	assert.NotZero(t, r.ConversionID)
	assert.Equal(t, 2, srv.RequestCount())

	srv.ResetRequests()
	srv.Inject(1, refersiontest.Fault{Status: 503, Body: `{"error":"Service Unavailable"}`, Applied: true})
	_, err = c.Conversions.ManualCredit(context.Background(), params)
	require.ErrorIs(t, err, ErrServer)
	assert.Equal(t, 1, srv.RequestCount())
	assert.Len(t, srv.Conversions(), 2, "each credit applied once, never twice")
}

func TestConversionsCreditOrder(t *testing.T) {
	srv, c, _ := newFake(t, []refersiontest.ServerOption{refersiontest.WithDemoData()})
	conv := srv.Conversions()[0]
	var other int64
	for _, a := range srv.Affiliates() {
		if a.ID != conv.AffiliateID {
			other = a.ID
			break
		}
	}
	r, err := c.Conversions.CreditOrder(context.Background(), &ConversionCreditOrderParams{
		ID: other, OrderID: conv.OrderID, Status: ConversionApproved,
	})
	require.NoError(t, err)
	assert.Equal(t, "Order(s) are re-processing. Changes may take a couple of minutes to appear.", r.Message)
	assert.Contains(t, r.Warning, "Order ID is already credited to affiliate")
	assert.Equal(t, other, srv.Conversions()[0].AffiliateID)

	_, err = c.Conversions.CreditOrder(context.Background(), &ConversionCreditOrderParams{ID: other, OrderID: "#missing"})
	assert.ErrorIs(t, err, ErrInvalidRequest)
}

func TestConversionsChangeStatus(t *testing.T) {
	srv, c, _ := newFake(t, []refersiontest.ServerOption{refersiontest.WithDemoData()})
	var pending, approved int64
	for _, cv := range srv.Conversions() {
		if cv.Status == ConversionPending && pending == 0 {
			pending = cv.ID
		}
		if cv.Status == ConversionApproved && approved == 0 {
			approved = cv.ID
		}
	}
	r, err := c.Conversions.ChangeStatus(context.Background(), ConversionApproved, []int64{pending, approved})
	require.NoError(t, err)
	assert.Equal(t, []int64{pending}, r.IDsChanged)
	assert.Equal(t, []int64{approved}, r.IDsNotChanged)
	assert.Equal(t, map[string]any{"ids": []any{float64(pending), float64(approved)}, "status": "APPROVED"}, lastBody(t, srv))

	_, err = c.Conversions.ChangeStatus(context.Background(), ConversionDenied, []int64{approved})
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Cannot deny an approved conversion", apiErr.Message)

	ids := make([]int64, 51)
	_, err = c.Conversions.ChangeStatus(context.Background(), ConversionDenied, ids)
	assert.ErrorContains(t, err, "more than the 50")
}

func TestConversionsCancel(t *testing.T) {
	srv, c, _ := newFake(t, []refersiontest.ServerOption{refersiontest.WithDemoData()})
	orig := srv.Conversions()[0]
	r, err := c.Conversions.Cancel(context.Background(), &ConversionCancelParams{
		OrderID: orig.OrderID, Items: []CancelItem{{SKU: orig.Items[0].SKU, Price: orig.Items[0].Price, Quantity: 1}},
	})
	require.NoError(t, err)
	convs := srv.Conversions()
	last := convs[len(convs)-1]
	assert.Equal(t, last.ID, r.ConversionID, "the string conversion id decodes")
	assert.Equal(t, "CANCELLATION_"+orig.Type, last.Type)
	assert.Equal(t, "-"+orig.Items[0].Price.String(), last.Total.String())
	assert.Equal(t, map[string]any{"order_id": orig.OrderID, "items": []any{map[string]any{
		"sku": orig.Items[0].SKU, "price": json.Number(orig.Items[0].Price.String()), "quantity": json.Number("1")}}},
		lastBodyNumbers(t, srv))

	_, err = c.Conversions.Cancel(context.Background(), &ConversionCancelParams{OrderID: "#1", Items: []CancelItem{{Price: amt("1")}}})
	assert.ErrorContains(t, err, "no SKU")
}

func TestConversionsTotals(t *testing.T) {
	srv, c, _ := newFake(t, []refersiontest.ServerOption{refersiontest.WithDemoData()})
	ctx := context.Background()

	all, err := c.Conversions.Totals(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, int64(90), all.ConversionsCount)
	assert.Equal(t, "USD", all.Currency)
	assert.Equal(t, map[string]any{"status": []any{"APPROVED", "PENDING", "UNQUALIFIED", "DENIED"}}, lastBody(t, srv))

	// Last month of the fake clock, which the demo conversions cover.
	var want ConversionTotals
	from := time.Date(fakeStart.Year(), fakeStart.Month()-1, 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 1, 0).Add(-time.Second)
	for _, cv := range srv.Conversions() {
		if cv.Status == ConversionApproved && !cv.Created.Before(from) && !cv.Created.After(to) {
			want.ConversionsCount++
			var err error
			want.CommissionTotal, err = want.CommissionTotal.Add(cv.CommissionTotal)
			require.NoError(t, err)
			want.OrderTotal, err = want.OrderTotal.Add(cv.Total)
			require.NoError(t, err)
		}
	}
	paris := time.FixedZone("CET", 3600)
	got, err := c.Conversions.Totals(ctx, &ConversionTotalsParams{
		Status: []ConversionStatus{ConversionApproved}, CreatedFrom: from.In(paris), CreatedTo: to,
	})
	require.NoError(t, err)
	assert.Positive(t, want.ConversionsCount)
	assert.Equal(t, want.ConversionsCount, got.ConversionsCount)
	for _, p := range [][2]Amount{{want.CommissionTotal, got.CommissionTotal}, {want.OrderTotal, got.OrderTotal}} {
		n, err := p[0].Cmp(p[1])
		require.NoError(t, err)
		assert.Zero(t, n, "%s = %s", p[0].String(), p[1].String())
	}
	assert.Equal(t, "USD", got.OrderTotal.Currency(), "the amounts take the record's currency")
	assert.Equal(t, map[string]any{"status": []any{"APPROVED"}, "created_from": from.Format(time.DateTime),
		"created_to": to.Format(time.DateTime)}, lastBody(t, srv), "times are sent in UTC")

	yes := false
	_, err = c.Conversions.Totals(ctx, &ConversionTotalsParams{
		OfferID: 5678, AffiliateID: 1, PaymentStatus: PaymentPaid, IsTestConversion: &yes,
		Type: []ConversionType{ConversionTriggerCoupon, ConversionCancellationTriggerCoupon},
	})
	require.NoError(t, err)
	body := lastBody(t, srv)
	assert.Equal(t, float64(5678), body["offer_id"])
	assert.Equal(t, "PAID", body["payment_status"])
	assert.Equal(t, false, body["is_test_conversion"])
	assert.Equal(t, []any{"CONVERSION_TRIGGER_COUPON", "CANCELLATION_CONVERSION_TRIGGER_COUPON"}, body["type"])

	_, err = c.Conversions.Totals(ctx, &ConversionTotalsParams{CreatedFrom: to, CreatedTo: from})
	assert.ErrorContains(t, err, "before")
}

// Refersion's own example answers formatted strings; they decode.
func TestConversionsTotalsDecodesStringForm(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	srv.Inject(1, refersiontest.Fault{Body: string(sample(t, "conversion_totals.json"))})
	got, err := c.Conversions.Totals(context.Background(), nil)
	require.NoError(t, err)
	assert.Equal(t, "10 commission=500.84/USD orders=3498.03/USD commissionable=2874.85/USD USD", totalsText(got))
}

// The fake answers conversion/totals in the formatted-string form of
// Refersion's example; ten conversions that add up to the example's
// figures decode to them.
func TestConversionsTotalsFromTheFakesStringForm(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	for i := range 10 {
		cv := refersiontest.Conversion{AffiliateID: 1, OfferID: 1, OrderID: "#" + string(rune('0'+i)),
			Total: amt("349.80"), CommissionableOrderTotal: amt("287.48"), CommissionTotal: amt("50.08")}
		if i == 9 {
			cv.Total, cv.CommissionableOrderTotal, cv.CommissionTotal = amt("349.83"), amt("287.53"), amt("50.12")
		}
		srv.AddConversion(cv)
	}
	got, err := c.Conversions.Totals(context.Background(), &ConversionTotalsParams{Status: []ConversionStatus{ConversionPending}})
	require.NoError(t, err)
	assert.Equal(t, "10 commission=500.84/USD orders=3498.03/USD commissionable=2874.85/USD USD", totalsText(got))
}
