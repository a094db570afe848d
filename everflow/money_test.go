package everflow

import (
	"encoding/json"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// amountCase is one amount of a decoded record: its exact decimal, its
// currency and whether it is a JSON null.
type amountCase struct {
	name     string
	got      func() Amount
	want     string
	currency string
}

func checkAmounts(t *testing.T, cases []amountCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := c.got()
			assert.Equal(t, c.want, a.String())
			assert.Equal(t, c.currency, a.Currency())
			assert.Equal(t, c.want == "null", a.IsNull())
		})
	}
}

// TestAmountsDecodeExactly pins the amounts of Everflow's bodies
// (testdata/vendor, and the record shapes of the API reference with
// values finer than a cent) to their exact decimals: "10.3" stays "10.3",
// "0.0125" stays "0.0125", a null stays null, and each carries the
// currency its record names.
func TestAmountsDecodeExactly(t *testing.T) {
	var offers struct {
		Offers []*Offer `json:"offers"`
	}
	require.NoError(t, json.Unmarshal(readVendor(t, "affiliate_api_alloffers.json"), &offers))
	require.NotEmpty(t, offers.Offers)
	var updated Offer
	require.NoError(t, json.Unmarshal(readVendor(t, "offer_update_response.json"), &updated))
	entry := updated.Relationship.PayoutRevenue.Entries[0]

	var cv Conversion
	require.NoError(t, json.Unmarshal([]byte(`{"conversion_id":"a3371dd7b36849cbbfdd9c300b06fdb5",
		"status":"approved","payout_type":"cpa","revenue_type":"rpa","payout":0.0125,"revenue":"2.50",
		"sale_amount":null,"currency_id":"EUR","is_event":false,"event":"Base"}`), &cv))
	var cl Click
	require.NoError(t, json.Unmarshal([]byte(`{"transaction_id":"d5c6feef0d8f489fb91aa5cfb4d64f4e",
		"is_unique":1,"payout":1.5,"revenue":2.25,"currency_id":"usd"}`), &cl))
	var sum ConversionSummary
	require.NoError(t, json.Unmarshal([]byte(`{"total":3,"approved":3,"payout":1234567.89,
		"revenue":0.0125,"gross_sales":null,"has_multi_currencies":true,"avg_click_to_cv_time":310}`), &sum))
	var m Metrics
	require.NoError(t, json.Unmarshal([]byte(`{"imp":0,"total_click":8,"unique_click":8,"ctr":0,"cv":1,
		"payout":0.0125,"revenue":25.00,"event_revenue":0,"profit":24.9875,"margin":99.95,
		"gross_sales":null,"view_through_gross_sales":0,"avg_sale_value":12.5,"roas":1.5,"epc":0.0016}`), &m))
	m.setCurrency("USD")

	checkAmounts(t, []amountCase{
		{"offer daily_payout_cap", func() Amount { return offers.Offers[0].DailyPayoutCap }, "10.3", "USD"},
		{"offer global_payout_cap", func() Amount { return offers.Offers[0].GlobalPayoutCap }, "300.5", "USD"},
		{"offer monthly_payout_cap 0", func() Amount { return offers.Offers[0].MonthlyPayoutCap }, "0", "USD"},
		{"updated offer daily_payout_cap", func() Amount { return updated.DailyPayoutCap }, "120.75", "EUR"},
		{"updated offer daily_revenue_cap", func() Amount { return updated.DailyRevenueCap }, "180.05", "EUR"},
		{"updated offer monthly_payout_cap", func() Amount { return updated.MonthlyPayoutCap }, "2500.1", "EUR"},
		{"payout_revenue payout_amount", func() Amount { return entry.PayoutAmount }, "3.35", "EUR"},
		{"payout_revenue revenue_amount", func() Amount { return entry.RevenueAmount }, "5.1", "EUR"},
		{"conversion payout finer than a cent", func() Amount { return cv.Payout }, "0.0125", "EUR"},
		{"conversion revenue as a string", func() Amount { return cv.Revenue }, "2.50", "EUR"},
		{"conversion null sale_amount", func() Amount { return cv.SaleAmount }, "null", "EUR"},
		{"click payout", func() Amount { return cl.Payout }, "1.5", "USD"},
		{"click revenue", func() Amount { return cl.Revenue }, "2.25", "USD"},
		{"summary payout, no currency", func() Amount { return sum.Payout }, "1234567.89", ""},
		{"summary revenue", func() Amount { return sum.Revenue }, "0.0125", ""},
		{"summary null gross_sales", func() Amount { return sum.GrossSales }, "null", ""},
		{"metrics payout", func() Amount { return m.Payout }, "0.0125", "USD"},
		{"metrics revenue keeps its zeros", func() Amount { return m.Revenue }, "25.00", "USD"},
		{"metrics profit", func() Amount { return m.Profit }, "24.9875", "USD"},
		{"metrics null gross_sales", func() Amount { return m.GrossSales }, "null", "USD"},
		{"metrics avg_sale_value", func() Amount { return m.AvgSaleValue }, "12.5", "USD"},
	})

	_, err := cv.Payout.MinorUnits("")
	require.Error(t, err, "0.0125 EUR is not a whole number of cents")
	cents, err := cl.Revenue.MinorUnits("")
	require.NoError(t, err)
	assert.Equal(t, int64(225), cents)
	assert.Equal(t, "0.0125 EUR", fmt.Sprint(cv.Payout))

	// Re-encoded, each amount is what Everflow sent.
	b, err := json.Marshal(&cv)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"payout":0.0125,"revenue":"2.50","sale_amount":null`)
	assert.Contains(t, string(m.Other["epc"]), "0.0016", "unmodelled metrics are kept as sent")
}

// TestOfferParamsEncodeMajorUnits: Everflow reads every amount as a
// decimal in full currency units, so an amount built from minor units is
// sent as its decimal, one parsed from text as it was written, and a zero
// cap of the create is left out.
func TestOfferParamsEncodeMajorUnits(t *testing.T) {
	fromCents, err := AmountFromMinorUnits(2500, 2, "USD")
	require.NoError(t, err)
	parsed, err := ParseAmount("25.00", "USD")
	require.NoError(t, err)
	fine, err := ParseAmount("0.0125", "")
	require.NoError(t, err)
	mills, err := AmountFromMinorUnits(125, 4, "")
	require.NoError(t, err)

	tests := []struct {
		name   string
		params any
		want   map[string]string
		absent []string
	}{
		{
			name:   "create",
			params: OfferCreateParams{Name: "n", DailyPayoutCap: fromCents, WeeklyPayoutCap: parsed, MonthlyRevenueCap: fine},
			want:   map[string]string{"daily_payout_cap": "25.00", "weekly_payout_cap": "25.00", "monthly_revenue_cap": "0.0125"},
			absent: []string{"global_payout_cap", "daily_revenue_cap"},
		},
		{
			name:   "update",
			params: OfferUpdateParams{Name: "n", DailyPayoutCap: fromCents, GlobalRevenueCap: mills},
			want:   map[string]string{"daily_payout_cap": "25.00", "global_revenue_cap": "0.0125", "weekly_payout_cap": "0"},
		},
		{
			name: "payout_revenue entry",
			params: OfferCreateParams{Name: "n", PayoutRevenue: []*PayoutRevenue{{
				IsDefault: true, PayoutAmount: fromCents, RevenueAmount: parsed}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.params)
			require.NoError(t, err)
			var got map[string]json.RawMessage
			require.NoError(t, json.Unmarshal(b, &got))
			for k, v := range tt.want {
				assert.Equal(t, v, string(got[k]), k)
			}
			for _, k := range tt.absent {
				assert.NotContains(t, got, k)
			}
			if entries, ok := got["payout_revenue"]; ok {
				var list []map[string]json.RawMessage
				require.NoError(t, json.Unmarshal(entries, &list))
				require.Len(t, list, 1)
				assert.Equal(t, "25.00", string(list[0]["payout_amount"]))
				assert.Equal(t, "25.00", string(list[0]["revenue_amount"]))
			}
		})
	}
}

// TestOfferUpdateSendsCapsAsRead: UpdateParams sends each cap back in the
// form the read had ("2500.10" keeps its zero), a null as 0.
func TestOfferUpdateSendsCapsAsRead(t *testing.T) {
	var o Offer
	require.NoError(t, json.Unmarshal([]byte(`{"network_offer_id":5,"name":"n","currency_id":"GBP",
		"daily_payout_cap":2500.10,"weekly_payout_cap":null,"global_revenue_cap":"7.5"}`), &o))
	assert.True(t, o.WeeklyPayoutCap.IsNull())
	assert.Equal(t, "2500.10 GBP", fmt.Sprint(o.DailyPayoutCap))
	b, err := json.Marshal(o.UpdateParams())
	require.NoError(t, err)
	var got map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &got))
	assert.Equal(t, "2500.10", string(got["daily_payout_cap"]))
	assert.Equal(t, "0", string(got["weekly_payout_cap"]))
	assert.Equal(t, `"7.5"`, string(got["global_revenue_cap"]))
	assert.Equal(t, "0", string(got["monthly_payout_cap"]), "absent reads as 0")
}
