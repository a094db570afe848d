package firstpromoter_test

import (
	"context"
	"encoding/json"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-querystring/query"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

func specBody(t *testing.T, file string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "spec", file))
	require.NoError(t, err)
	return b
}

// TestAmountsDecodeExactly pins each money field to the vendor's body
// shapes (testdata/spec, and those bodies with values replaced): cents
// fields read as their value, undocumented units as sent, null as null.
func TestAmountsDecodeExactly(t *testing.T) {
	tracked := func(t *testing.T, body []byte) map[string]firstpromoter.Amount {
		var ev firstpromoter.TrackedEvent
		require.NoError(t, json.Unmarshal(body, &ev))
		require.Len(t, ev.Commissions, 1)
		return map[string]firstpromoter.Amount{
			"sale_amount": ev.SaleAmount, "original_sale_amount": ev.OriginalSaleAmount,
			"commissions[].amount": ev.Commissions[0].Amount, "commissions[].sale_amount": ev.Commissions[0].SaleAmount,
		}
	}
	refund := func(t *testing.T, body []byte) map[string]firstpromoter.Amount {
		var ev firstpromoter.TrackedLeadEvent
		require.NoError(t, json.Unmarshal(body, &ev))
		return map[string]firstpromoter.Amount{
			"amount_cents": ev.AmountCents, "reward.amount": ev.Reward.Amount,
			"reward.conversion_amount":   ev.Reward.ConversionAmount,
			"promoter.paid_balance.cash": ev.Promoter.PaidBalance["cash"],
		}
	}
	commission := func(t *testing.T, body []byte) map[string]firstpromoter.Amount {
		var cs []*firstpromoter.Commission
		require.NoError(t, json.Unmarshal(body, &cs))
		return map[string]firstpromoter.Amount{"sale_amount": cs[0].SaleAmount, "original_sale_amount": cs[0].OriginalSaleAmount, "amount": cs[0].Amount}
	}
	payout := func(t *testing.T, body []byte) map[string]firstpromoter.Amount {
		var ps []*firstpromoter.Payout
		require.NoError(t, json.Unmarshal(body, &ps))
		return map[string]firstpromoter.Amount{"amount": ps[0].Amount, "total_incl_tax": ps[0].TotalInclTax}
	}
	promoter := func(t *testing.T, body []byte) map[string]firstpromoter.Amount {
		var p firstpromoter.Promoter
		require.NoError(t, json.Unmarshal(body, &p))
		return map[string]firstpromoter.Amount{"stats.revenue_amount": p.Stats.RevenueAmount, "balances.cash": p.Balances.Cash, "balances.points": p.Balances.Points}
	}
	tests := []struct {
		name    string
		file    string
		replace map[string]string // JSON fragment replacements in the body
		decode  func(*testing.T, []byte) map[string]firstpromoter.Amount
		want    map[string]string // field -> String(), with the currency when known
	}{
		{"tracked sale, cents", "tracking_post_sale_200.full.json", nil, tracked, map[string]string{
			"sale_amount": "20.00", "original_sale_amount": "20.00", "commissions[].amount": "4.00", "commissions[].sale_amount": "20.00",
		}},
		{"tracked sale, zero-decimal original currency", "tracking_post_sale_200.full.json",
			map[string]string{`"original_sale_currency": null`: `"original_sale_currency": "JPY"`}, tracked,
			map[string]string{"original_sale_amount": "2000 JPY", "sale_amount": "20.00"}},
		{"tracked refund, negative cents", "tracking_post_refund_200.full.json", nil, refund, map[string]string{
			"amount_cents": "-10.00", "reward.amount": "-2.00", "reward.conversion_amount": "-10.00", "promoter.paid_balance.cash": "307.00",
		}},
		{"commission, 2500 cents", "commissions_get_commissions_200.full.json",
			map[string]string{`"sale_amount": 7`: `"sale_amount": 2500`}, commission,
			map[string]string{"sale_amount": "25.00", "amount": "0.07", "original_sale_amount": "0.07 TEXT"}},
		{"commission, null amount", "commissions_get_commissions_200.nulls.json",
			map[string]string{`"amount": 7`: `"amount": null`}, commission,
			map[string]string{"amount": "null"}},
		{"commission, points kept as a count", "commissions_get_commissions_200.full.json",
			map[string]string{`"unit": "cash"`: `"unit": "points"`}, commission,
			map[string]string{"amount": "7", "sale_amount": "0.07"}},
		{"payout, unit undocumented: as sent", "payouts_get_payouts_200.full.json", nil, payout,
			map[string]string{"amount": "12", "total_incl_tax": "12"}},
		{"payout, finer than cents", "payouts_get_payouts_200.full.json",
			map[string]string{`"amount": 12`: `"amount": 0.0125`}, payout,
			map[string]string{"amount": "0.0125"}},
		{"payout, decimal string", "payouts_get_payouts_200.full.json",
			map[string]string{`"total_incl_tax": 12`: `"total_incl_tax": "14460.60"`}, payout,
			map[string]string{"total_incl_tax": "14460.60"}},
		{"promoter, cents and balances as sent", "promoters_get_promoters_id_200.full.json",
			map[string]string{`"revenue_amount": 7`: `"revenue_amount": 2500`}, promoter,
			map[string]string{"stats.revenue_amount": "25.00", "balances.cash": "12", "balances.points": "12"}},
		{"promoter, null balances stay null", "promoters_get_promoters_id_200.nulls.json", nil, promoter,
			map[string]string{"balances.cash": "null", "balances.points": "null"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := string(specBody(t, tt.file))
			for from, to := range tt.replace {
				require.Contains(t, body, from)
				body = strings.ReplaceAll(body, from, to)
			}
			got := tt.decode(t, []byte(body))
			for field, want := range tt.want {
				a, ok := got[field]
				require.True(t, ok, field)
				s := a.String()
				if c := a.Currency(); c != "" {
					s += " " + c
				}
				assert.Equal(t, want, s, field)
			}
		})
	}
}

// TestCentsFieldsKeepTheWire checks that a decoded cents amount encodes
// back to the integer sent and gives it back as minor units.
func TestCentsFieldsKeepTheWire(t *testing.T) {
	var c firstpromoter.Commission
	require.NoError(t, json.Unmarshal([]byte(`{"id": 1, "unit": "cash", "sale_amount": 2500, "amount": null}`), &c))
	units, err := c.SaleAmount.MinorUnits("")
	require.NoError(t, err)
	assert.Equal(t, int64(2500), units)
	assert.True(t, c.Amount.IsNull())
	b, err := json.Marshal(c)
	require.NoError(t, err)
	var back map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, "2500", string(back["sale_amount"]))
	assert.Equal(t, "null", string(back["amount"]))
}

// TestAmountParamsEncodeInCents: params and filters send the API's unit.
func TestAmountParamsEncodeInCents(t *testing.T) {
	fromMinor, err := firstpromoter.AmountFromMinorUnits(2500, 2, "")
	require.NoError(t, err)
	parsed, err := firstpromoter.ParseAmount("25.00", "")
	require.NoError(t, err)
	// The two build forms encode differently as plain JSON ...
	b1, _ := json.Marshal(fromMinor)
	b2, _ := json.Marshal(parsed)
	assert.Equal(t, "2500", string(b1))
	assert.Equal(t, "25.00", string(b2))

	// ... and both send 2500 cents where the API wants cents.
	body := func(p any) map[string]any {
		t.Helper()
		b, err := json.Marshal(p)
		require.NoError(t, err)
		var m map[string]any
		require.NoError(t, json.Unmarshal(b, &m))
		return m
	}
	for name, a := range map[string]firstpromoter.Amount{"minor units": fromMinor, "decimal": parsed} {
		t.Run(name, func(t *testing.T) {
			assert.Equal(t, 2500.0, body(firstpromoter.CommissionCreateParams{CommissionType: firstpromoter.CommissionSale, SaleAmount: a})["sale_amount"])
			assert.Equal(t, 2500.0, body(firstpromoter.CommissionCreateParams{CommissionType: firstpromoter.CommissionCustom, Amount: a})["amount"])
			assert.Equal(t, 2500.0, body(firstpromoter.TrackSaleParams{Amount: a, MRR: a})["amount"])
			assert.Equal(t, 2500.0, body(firstpromoter.TrackSaleParams{Amount: a, MRR: a})["mrr"])
			assert.Equal(t, 2500.0, body(firstpromoter.TrackRefundParams{Amount: a})["amount"])
			assert.Equal(t, 2500.0, body(firstpromoter.CampaignUpgrade{Metric: "revenue", Amount: a})["amount"])
			v, err := query.Values(firstpromoter.CommissionListOptions{Filters: firstpromoter.CommissionFilters{SaleAmount: firstpromoter.AmountRange{From: &a}}})
			require.NoError(t, err)
			assert.Equal(t, "2500", v.Get("filters[sale_amount][from]"))
		})
	}

	t.Run("zero-decimal currency", func(t *testing.T) {
		yen, err := firstpromoter.ParseAmount("2500", "JPY")
		require.NoError(t, err)
		assert.Equal(t, 2500.0, body(firstpromoter.TrackSaleParams{Amount: yen, Currency: "JPY"})["amount"])
		eur, err := firstpromoter.ParseAmount("25", "")
		require.NoError(t, err)
		assert.Equal(t, 2500.0, body(firstpromoter.TrackSaleParams{Amount: eur, Currency: "EUR"})["amount"])
	})
	t.Run("non-cash units send the count", func(t *testing.T) {
		pts, err := firstpromoter.ParseAmount("10", "")
		require.NoError(t, err)
		assert.Equal(t, 10.0, body(firstpromoter.CommissionCreateParams{CommissionType: firstpromoter.CommissionCustom, Amount: pts, Unit: firstpromoter.CommissionUnitPoints})["amount"])
		assert.Equal(t, 10.0, body(firstpromoter.CampaignUpgrade{Metric: "customers", Amount: pts})["amount"])
	})
	t.Run("finer than a cent is refused", func(t *testing.T) {
		fine, err := firstpromoter.ParseAmount("0.125", "")
		require.NoError(t, err)
		_, err = json.Marshal(firstpromoter.CommissionCreateParams{CommissionType: firstpromoter.CommissionSale, SaleAmount: fine})
		require.ErrorIs(t, err, money.ErrNotWhole)
		_, err = query.Values(firstpromoter.CommissionListOptions{Filters: firstpromoter.CommissionFilters{Amount: firstpromoter.AmountRange{To: &fine}}})
		require.ErrorIs(t, err, money.ErrNotWhole)
	})
	t.Run("mixed currencies are refused", func(t *testing.T) {
		usd, err := firstpromoter.ParseAmount("25", "USD")
		require.NoError(t, err)
		_, err = json.Marshal(firstpromoter.TrackRefundParams{Amount: usd, Currency: "EUR"})
		require.ErrorIs(t, err, money.ErrCurrencyMismatch)
	})
	t.Run("min_payment, undocumented unit, as the amount encodes", func(t *testing.T) {
		for _, tc := range []struct {
			a    firstpromoter.Amount
			want string
		}{{fromMinor, "2500"}, {parsed, "25.00"}, {sent(`"12.5"`), "12.5"}, {firstpromoter.Amount{}, ""}} {
			v := url.Values{}
			require.NoError(t, firstpromoter.PayoutGroupFilters{MinPayment: tc.a}.EncodeValues("filters", &v))
			assert.Equal(t, tc.want, v.Get("filters[min_payment]"))
		}
	})
}

// TestNullableCodesFromTheFake: ids and codes the API may send as null
// keep null (nil) apart from a value, as the fake answers them.
func TestNullableCodesFromTheFake(t *testing.T) {
	c, srv, _ := newFakeClient(t, []firstpromotertest.ServerOption{firstpromotertest.WithDemoData()})
	pc := srv.PromoterCampaigns()[0]
	amount := func(text string) firstpromoter.Amount {
		a, err := firstpromoter.ParseAmount(text, "")
		require.NoError(t, err)
		return a
	}
	null := srv.AddCommission(firstpromotertest.Commission{
		PromoterCampaign: &firstpromotertest.PromoterCampaignRef{ID: pc.ID}, Amount: amount("25.00"),
		FraudCheck: firstpromotertest.Null,
	})
	set := srv.AddCommission(firstpromotertest.Commission{
		PromoterCampaign: &firstpromotertest.PromoterCampaignRef{ID: pc.ID}, Amount: amount("0.01"),
		EventID: "ev_1", PlanID: "pro", FraudCheck: "same_ip_suspicion",
	})
	got := map[int64]*firstpromoter.Commission{}
	for cm, err := range c.Commissions.List(context.Background(), &firstpromoter.CommissionListOptions{IDs: []int64{null.ID, set.ID}}) {
		require.NoError(t, err)
		got[cm.ID] = cm
	}
	require.Contains(t, got, null.ID)
	require.Contains(t, got, set.ID)
	n, s := got[null.ID], got[set.ID]
	assert.Nil(t, n.EventID)
	assert.Nil(t, n.PlanID)
	assert.Nil(t, n.FraudCheck)
	assert.Equal(t, "25.00", n.Amount.String(), "2500 cents")
	assert.Equal(t, ptrTo("ev_1"), s.EventID)
	assert.Equal(t, ptrTo("pro"), s.PlanID)
	assert.Equal(t, ptrTo("same_ip_suspicion"), s.FraudCheck)
	assert.Equal(t, "0.01", s.Amount.String())
}
