package firstpromotertest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

func TestDemoCommissionsAreThisMonthAndLast(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	comms := srv.Commissions()
	require.Len(t, comms, 80)
	lastMonth := time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC)
	thisMonth := 0
	for _, c := range comms {
		assert.False(t, c.CreatedAt.Before(lastMonth), c.CreatedAt)
		assert.False(t, c.CreatedAt.After(fixedNow), c.CreatedAt)
		if c.CreatedAt.Month() == time.March {
			thisMonth++
		}
		require.NotNil(t, c.PromoterCampaign)
		require.NotNil(t, c.Referral)
		assert.False(t, c.CreatedAt.Before(srv.Referrals()[c.Referral.ID-20001].CustomerSince.Time), "paid after becoming a customer")
	}
	assert.Equal(t, 40, thisMonth)

	r := call(t, srv, http.MethodGet, "/company/commissions?per_page=100&filters%5Bcreated_at%5D%5Bfrom%5D=2025-03-01", nil)
	assert.Len(t, ids(t, r), 40)
}

func TestCommissionWireFormat(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	r := call(t, srv, http.MethodGet, "/company/commissions?per_page=1", nil)
	var rows []map[string]any
	require.NoError(t, json.Unmarshal(r.body, &rows))
	c := rows[0]
	for _, key := range []string{
		"id", "status", "metadata", "is_self_referral", "commission_type", "created_by_user_email", "created_by_user_at",
		"sale_amount", "original_sale_amount", "original_sale_currency", "event_id", "plan_id", "tier", "internal_note",
		"external_note", "unit", "fraud_check", "amount", "is_paid", "is_split", "created_at", "status_updated_at",
		"promoter_campaign", "referral", "reward", "split_details",
	} {
		assert.Contains(t, c, key)
	}
	assert.Equal(t, float64(2900), c["sale_amount"], "integer cents")
	assert.Equal(t, float64(580), c["amount"], "20% of the sale")
	assert.Equal(t, "cash", c["unit"])
	assert.ElementsMatch(t, []string{"id", "email", "uid"}, keys(c["referral"].(map[string]any)))
	assert.Equal(t, map[string]any{"id": float64(201), "name": "20% recurring commission"}, c["reward"])
}

func TestCommissionsFiltersAndSorting(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	all := srv.Commissions()
	count := func(match func(c firstpromotertest.Commission) bool) int {
		n := 0
		for _, c := range all {
			if match(c) {
				n++
			}
		}
		return n
	}
	promoterID := all[0].PromoterCampaign.PromoterID
	campaignID := srv.Campaigns()[1].ID
	tests := []struct {
		query url.Values
		want  int
	}{
		{url.Values{"filters[status]": {"pending"}}, count(func(c firstpromotertest.Commission) bool { return c.Status == "pending" })},
		{url.Values{"filters[status]": {"denied"}}, count(func(c firstpromotertest.Commission) bool { return c.Status == "denied" })},
		{url.Values{"filters[promoter_id]": {fmt.Sprint(promoterID)}}, count(func(c firstpromotertest.Commission) bool { return c.PromoterCampaign.PromoterID == promoterID })},
		{url.Values{"filters[campaign_id][]": {fmt.Sprint(campaignID)}}, count(func(c firstpromotertest.Commission) bool { return c.PromoterCampaign.CampaignID == campaignID })},
		{url.Values{"filters[paid]": {"yes"}}, count(func(c firstpromotertest.Commission) bool { return c.IsPaid })},
		{url.Values{"filters[refunded]": {"true"}}, count(func(c firstpromotertest.Commission) bool { return c.SaleAmount.Sign() < 0 })},
		{url.Values{"filters[sale_amount][from]": {"9900"}}, count(func(c firstpromotertest.Commission) bool { return centsOf(t, c.SaleAmount) >= 9900 })},
		{url.Values{"filters[created_at][to]": {"2025-02-28"}}, 40},
		{url.Values{"q": {string(all[7].EventID)}}, 1},
		{url.Values{"ids[]": {fmt.Sprint(all[0].ID), fmt.Sprint(all[1].ID)}}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.query.Encode(), func(t *testing.T) {
			require.Positive(t, tt.want)
			tt.query.Set("per_page", "100")
			assert.Len(t, ids(t, call(t, srv, http.MethodGet, "/company/commissions?"+tt.query.Encode(), nil)), tt.want)
		})
	}

	sorted := okJSON[[]firstpromotertest.Commission](t, call(t, srv, http.MethodGet, "/company/commissions?per_page=100&sorting%5Bsale_amount%5D=desc", nil), http.StatusOK)
	require.Len(t, sorted, 80)
	for i := 1; i < len(sorted); i++ {
		assert.LessOrEqual(t, centsOf(t, sorted[i].SaleAmount), centsOf(t, sorted[i-1].SaleAmount))
	}
	sorted = okJSON[[]firstpromotertest.Commission](t, call(t, srv, http.MethodGet, "/company/commissions?per_page=100&sorting%5Bcreated_at%5D=asc", nil), http.StatusOK)
	for i := 1; i < len(sorted); i++ {
		assert.False(t, sorted[i].CreatedAt.Before(sorted[i-1].CreatedAt.Time))
	}
	requireParamError(t, call(t, srv, http.MethodGet, "/company/commissions?filters%5Bstatus%5D=paid", nil), "filters[status]")
	requireParamError(t, call(t, srv, http.MethodGet, "/company/commissions?filters%5Bpaid%5D=perhaps", nil), "filters[paid]")
}

func TestCreateCommission(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	ref := srv.Referrals()[0]
	r := call(t, srv, http.MethodPost, "/company/commissions", map[string]any{
		"commission_type": "sale", "referral_id": ref.ID, "sale_amount": 15000, "event_id": "inv_2025_0042",
		"internal_note": "annual upgrade", "plan_id": "pro_yearly",
	})
	c := okJSON[firstpromotertest.Commission](t, r, http.StatusOK)
	assert.Equal(t, byte('{'), r.body[0], "a single object, not the array the spec shows")
	assert.Equal(t, firstpromoter.CommissionSale, c.CommissionType)
	assert.Equal(t, "150.00", c.SaleAmount.String(), "15000 cents")
	assert.Equal(t, "30.00", c.Amount.String())
	assert.Equal(t, ref.PromoterCampaign.ID, c.PromoterCampaign.ID)
	assert.Equal(t, ref.ID, c.Referral.ID)
	assert.Equal(t, fixedNow, c.CreatedAt.Time)

	pc := srv.PromoterCampaigns()[2]
	custom := okJSON[firstpromotertest.Commission](t, call(t, srv, http.MethodPost, "/company/commissions", map[string]any{
		"commission_type": "custom", "promoter_campaign_id": pc.ID, "amount": "2500", "unit": "credits", "event_date": "2025-03-02",
	}), http.StatusOK)
	assert.Equal(t, firstpromoter.CommissionCustom, custom.CommissionType)
	assert.Equal(t, "2500", custom.Amount.String(), "a numeric string is accepted; credits are counted as sent")
	assert.Equal(t, firstpromoter.CommissionUnitCredits, custom.Unit)
	assert.Nil(t, custom.Referral)
	assert.Equal(t, "2025-03-02T00:00:00.000Z", custom.CreatedAt.UTC().Format(firstpromotertest.TimeFormat))
	assert.Len(t, srv.Commissions(), 82)

	tests := []struct {
		body  map[string]any
		param string
	}{
		{map[string]any{}, "commission_type"},
		{map[string]any{"commission_type": "bonus"}, "commission_type"},
		{map[string]any{"commission_type": "sale", "sale_amount": 100}, "referral_id"},
		{map[string]any{"commission_type": "sale", "referral_id": ref.ID}, "sale_amount"},
		{map[string]any{"commission_type": "custom", "amount": 100}, "promoter_campaign_id"},
		{map[string]any{"commission_type": "custom", "promoter_campaign_id": pc.ID}, "amount"},
		{map[string]any{"commission_type": "custom", "promoter_campaign_id": pc.ID, "amount": 1, "unit": "beans"}, "unit"},
		{map[string]any{"commission_type": "sale", "referral_id": ref.ID, "sale_amount": "12.5x"}, "sale_amount"},
	}
	for _, tt := range tests {
		requireParamError(t, call(t, srv, http.MethodPost, "/company/commissions", tt.body), tt.param)
	}
	missing := call(t, srv, http.MethodPost, "/company/commissions", map[string]any{"commission_type": "sale", "referral_id": 1, "sale_amount": 100})
	assert.JSONEq(t, sample(t, "error_404.json"), string(missing.body))
	dup := call(t, srv, http.MethodPost, "/company/commissions", map[string]any{"commission_type": "sale", "referral_id": ref.ID, "sale_amount": 100, "event_id": "inv_2025_0042"})
	assert.Equal(t, http.StatusBadRequest, dup.status)
	assert.Len(t, srv.Commissions(), 82)
}

func TestCommissionUpdateAndActions(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	c := srv.Commissions()[4] // a pending one
	require.Equal(t, firstpromoter.CommissionPending, c.Status)
	got := okJSON[firstpromotertest.Commission](t, call(t, srv, http.MethodPut, fmt.Sprintf("/company/commissions/%d", c.ID),
		map[string]any{"internal_note": "checked", "external_note": "Thanks!", "amount": 1}), http.StatusOK)
	assert.Equal(t, firstpromotertest.NullString("checked"), got.InternalNote)
	assert.Equal(t, c.Amount.String(), got.Amount.String(), "only the notes can change")
	assert.Equal(t, got, okJSON[firstpromotertest.Commission](t, call(t, srv, http.MethodGet, fmt.Sprintf("/company/commissions/%d", c.ID), nil), http.StatusOK))

	okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodPost, "/company/commissions/approve", map[string]any{"ids": []int64{c.ID}}), http.StatusOK)
	assert.Equal(t, firstpromoter.CommissionApproved, srv.Commissions()[4].Status)
	assert.Equal(t, fixedNow, srv.Commissions()[4].StatusUpdatedAt.Time)
	require.Equal(t, firstpromoter.CommissionUnitCash, c.Unit)
	refused := okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodPost, "/company/commissions/mark_fulfilled", map[string]any{"ids": []int64{c.ID}}), http.StatusOK)
	assert.Equal(t, firstpromoter.BatchFailed, refused.Status, "a cash commission is paid out, not fulfilled")
	assert.False(t, srv.Commissions()[4].IsPaid)

	total := func() (sum int64) {
		for _, p := range srv.Payouts() {
			n, err := p.Amount.MinorUnits("JPY") // the plain number, exponent 0
			require.NoError(t, err)
			sum += n
		}
		return sum
	}
	before := total()
	b := okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodPost, "/company/commissions/generate_payouts", map[string]any{"ids": []int64{c.ID}}), http.StatusOK)
	assert.Equal(t, "commission/generate_payouts", b.ActionLabel)
	assert.Equal(t, 1, b.ProcessedCount)
	assert.Equal(t, before+centsOf(t, c.Amount), total(), "the commission went into a pending payout")
	payoutID := srv.Commissions()[4].PayoutID
	require.NotZero(t, payoutID)
	paidOut := okJSON[[]firstpromotertest.Commission](t, call(t, srv, http.MethodGet, fmt.Sprintf("/company/commissions?per_page=100&filters%%5Bpayout_id%%5D=%d", payoutID), nil), http.StatusOK)
	assert.Contains(t, ids(t, response{body: mustJSON(t, paidOut)}), c.ID)
	again := okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodPost, "/company/commissions/generate_payouts", map[string]any{"ids": []int64{c.ID}}), http.StatusOK)
	assert.Equal(t, firstpromoter.BatchFailed, again.Status, "a commission is paid out once")

	okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodDelete, "/company/commissions/destroy", map[string]any{"ids": []int64{c.ID}}), http.StatusOK)
	assert.Len(t, srv.Commissions(), 79)
	assert.JSONEq(t, sample(t, "error_404.json"), string(call(t, srv, http.MethodPut, fmt.Sprintf("/company/commissions/%d", c.ID), map[string]any{}).body))
}

// TestCommissionFulfilment follows firstpromoter/docs
// webhooks-v2/non-monetary-rewards.mdx: approval puts a non-monetary
// commission in a pending payout; mark_fulfilled completes that payout,
// mark_unfulfilled moves it back to pending; both refuse cash and
// unapproved commissions.
func TestCommissionFulfilment(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	base := srv.Commissions()[4]
	pts := srv.AddCommission(firstpromotertest.Commission{
		Status: "pending", Unit: firstpromoter.CommissionUnitPoints, Amount: usd(t, "500"), PromoterCampaign: base.PromoterCampaign, Referral: base.Referral,
	})
	fulfil := func(action string) firstpromotertest.Batch {
		return okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodPost, "/company/commissions/"+action, map[string]any{"ids": []int64{pts.ID}}), http.StatusOK)
	}
	assert.Equal(t, firstpromoter.BatchFailed, fulfil("mark_fulfilled").Status, "not approved yet")

	okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodPost, "/company/commissions/approve", map[string]any{"ids": []int64{pts.ID}}), http.StatusOK)
	payoutOf := func() firstpromotertest.Payout {
		for _, p := range srv.Payouts() {
			for _, c := range srv.Commissions() {
				if c.ID == pts.ID && c.PayoutID == p.ID {
					return p
				}
			}
		}
		t.Fatal("no payout holds the commission")
		return firstpromotertest.Payout{}
	}
	assert.Equal(t, firstpromoter.PayoutPending, payoutOf().Status)
	assert.Equal(t, "points", payoutOf().Unit)

	assert.Equal(t, firstpromoter.BatchCompleted, fulfil("mark_fulfilled").Status)
	assert.Equal(t, firstpromoter.PayoutCompleted, payoutOf().Status)
	fulfilled := okJSON[[]firstpromotertest.Commission](t, call(t, srv, http.MethodGet, "/company/commissions?per_page=100&filters%5Bfulfilled%5D=yes", nil), http.StatusOK)
	require.NotEmpty(t, fulfilled)
	for _, c := range fulfilled {
		assert.NotEqual(t, "cash", c.Unit, "filters[fulfilled] is for non-monetary commissions")
		assert.True(t, c.IsPaid)
	}
	assert.Contains(t, ids(t, response{body: mustJSON(t, fulfilled)}), pts.ID)

	assert.Equal(t, firstpromoter.BatchCompleted, fulfil("mark_unfulfilled").Status)
	assert.Equal(t, firstpromoter.PayoutPending, payoutOf().Status)
	unfulfilled := okJSON[[]firstpromotertest.Commission](t, call(t, srv, http.MethodGet, "/company/commissions?per_page=100&filters%5Bfulfilled%5D=no", nil), http.StatusOK)
	assert.Contains(t, ids(t, response{body: mustJSON(t, unfulfilled)}), pts.ID)
}
