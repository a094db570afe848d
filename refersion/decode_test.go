package refersion

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
	"github.com/affiliatekit/affiliatekit-go/internal/wirecheck"
)

// The decoders are pinned to Refersion's published example bodies
// (testdata/, see SOURCES.txt).

func TestDecodeSearchEnvelope(t *testing.T) {
	var p affiliatePage
	require.NoError(t, json.Unmarshal(sample(t, "affiliate_search.json"), &p))
	require.NoError(t, p.check())
	require.NotNil(t, p.Total)
	assert.EqualValues(t, 2, *p.Total)
	require.Len(t, p.Results, 2)
	a := p.Results[0]
	assert.Equal(t, FlexString("694c"), a.ID)
	assert.Equal(t, FlexString("1234"), a.OfferID)
	assert.Equal(t, AffiliateActive, a.Status)
	assert.Equal(t, "Barbara", a.FirstName)
	assert.Equal(t, "Verde", a.LastName)
	assert.Equal(t, "testing1@refersion.com", a.Email)
	assert.Equal(t, []CustomField{{"What is your web site?", "https://www.refersion.com"}, {"What is your name?", "Billy"}}, a.CustomFields)
	assert.Equal(t, AffiliatePending, p.Results[1].Status)
	assert.Empty(t, p.Results[1].CustomFields)
}

func TestDecodeAffiliateGetNumericID(t *testing.T) {
	// The affiliate/get example of the provider spec: a numeric id.
	body := `{"id":37567438,"offer_id":"1234","status":"ACTIVE","first_name":"Bill","last_name":"Smith",
		"company_name":"Company","email":"testing@refersion.com","link":"https://site.refersion.com/c/a3y7",
		"custom_fields":[{"label":"What is your web site?","value":"https://www.refersion.com"}]}`
	var a Affiliate
	require.NoError(t, json.Unmarshal([]byte(body), &a))
	id, ok := a.ID.Int64()
	assert.True(t, ok)
	assert.Equal(t, int64(37567438), id)
	assert.Equal(t, "a3y7", codeFromLink(a.Link))
	assert.Equal(t, "Company", a.CompanyName)

	_, ok = FlexString("694c").Int64()
	assert.False(t, ok)
}

func TestDecodeAffiliateNew(t *testing.T) {
	var r AffiliateCreateResult
	require.NoError(t, json.Unmarshal(sample(t, "affiliate_new.json"), &r))
	assert.Equal(t, AffiliateCreateResult{
		Code: "a3y7", ID: 37569297, Link: "https://site.refersion.com/c/a3y7",
		Message: "The affiliate 37569297 has been created with the status of ACTIVE.",
	}, r)
}

func TestDecodeChangeResults(t *testing.T) {
	for _, name := range []string{"affiliate_edit.json", "affiliate_status_change.json"} {
		var r ChangeResult
		require.NoError(t, json.Unmarshal(sample(t, name), &r))
		assert.Equal(t, ChangeResult{IDsChanged: []int64{1, 3}, IDsNotChanged: []int64{2, 4}}, r, name)
	}
	var r ChangeResult
	require.NoError(t, json.Unmarshal(sample(t, "conversion_status_change.json"), &r))
	assert.Equal(t, ChangeResult{IDsChanged: []int64{123}, IDsNotChanged: []int64{456}}, r)

	require.NoError(t, json.Unmarshal([]byte(`{"ids_changed":["7"],"ids_not_changed":[]}`), &r))
	assert.Equal(t, ChangeResult{IDsChanged: []int64{7}, IDsNotChanged: []int64{}}, r, "ids as strings")
}

func TestDecodeTrigger(t *testing.T) {
	var tr Trigger
	require.NoError(t, json.Unmarshal(sample(t, "affiliate_trigger.json"), &tr))
	assert.Equal(t, Trigger{TriggerID: 1097, Trigger: "CODE100"}, tr)

	var ids []tolerant.FormattedInt
	require.NoError(t, json.Unmarshal(sample(t, "trigger_delete.json"), &ids))
	assert.Equal(t, []int64{23213131}, tolerant.Int64s(ids))
}

func TestDecodeConversionIDs(t *testing.T) {
	var credit, cancel ConversionResult
	require.NoError(t, json.Unmarshal(sample(t, "conversion_manual_credit.json"), &credit))
	require.NoError(t, json.Unmarshal(sample(t, "conversion_cancel.json"), &cancel))
	assert.Equal(t, int64(12345), credit.ConversionID, "a number")
	assert.Equal(t, int64(11900254), cancel.ConversionID, "a string")

	var order CreditOrderResult
	require.NoError(t, json.Unmarshal(sample(t, "conversion_manual_credit_order_id.json"), &order))
	assert.Equal(t, "Order ID is already credited to affiliate 12345678", order.Warning)
	assert.Contains(t, order.Message, "re-processing")
}

func TestDecodeTotals(t *testing.T) {
	for _, tt := range []struct {
		name, body, want string
	}{
		{"the vendor's formatted strings", string(sample(t, "conversion_totals.json")),
			"10 commission=500.84/USD orders=3498.03/USD commissionable=2874.85/USD USD"},
		{"the schema's numbers", `{"conversions_count":10,"commission_total":500.84,"order_total":3498.03,
			"commissionable_order_total":2874.85,"currency":"USD"}`,
			"10 commission=500.84/USD orders=3498.03/USD commissionable=2874.85/USD USD"},
		{"digits finer than a cent", `{"conversions_count":1,"commission_total":"0.0125","order_total":0.0125,
			"commissionable_order_total":"1,000,000.0001,","currency":"EUR"}`,
			"1 commission=0.0125/EUR orders=0.0125/EUR commissionable=1000000.0001/EUR EUR"},
		{"trailing zeros kept", `{"conversions_count":0,"commission_total":"25.00","order_total":25.10,
			"commissionable_order_total":"","currency":"USD"}`,
			"0 commission=25.00/USD orders=25.10/USD commissionable=0/USD USD"},
		{"null apart from zero", `{"conversions_count":0,"commission_total":null,"order_total":0,
			"commissionable_order_total":"0.00","currency":"USD"}`,
			"0 commission=null/USD orders=0/USD commissionable=0.00/USD USD"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var got ConversionTotals
			require.NoError(t, json.Unmarshal([]byte(tt.body), &got))
			assert.Equal(t, tt.want, totalsText(&got))
			wirecheck.RoundTrip(t, []byte(tt.body), got, "conversions_count") // "10," re-encodes as 10
		})
	}
	var got ConversionTotals
	require.NoError(t, json.Unmarshal([]byte(`{"conversions_count":0,"commission_total":null}`), &got))
	assert.True(t, got.CommissionTotal.IsNull())
	assert.True(t, got.OrderTotal.IsZero(), "an absent amount is zero")

	assert.Error(t, json.Unmarshal([]byte(`{"conversions_count":"ten"}`), &got))
	assert.Error(t, json.Unmarshal([]byte(`{"conversions_count":1.5}`), &got))
	assert.Error(t, json.Unmarshal([]byte(`{"conversions_count":1,"order_total":"12.5.0"}`), &got))
	assert.Error(t, json.Unmarshal([]byte(`{"conversions_count":1,"order_total":"NaN"}`), &got))
}

// A changed amount re-encodes as its new value, not as the text sent.
func TestTotalsEncodeChangedAmount(t *testing.T) {
	var got ConversionTotals
	require.NoError(t, json.Unmarshal(sample(t, "conversion_totals.json"), &got))
	got.OrderTotal = amt("1.5")
	b, err := json.Marshal(got)
	require.NoError(t, err)
	assert.JSONEq(t, `{"conversions_count":10,"commission_total":"500.84,","order_total":1.5,
		"commissionable_order_total":"2,874.85,","currency":"USD"}`, string(b))
}

// Params encode every amount in Refersion's unit, major units, however the
// amount was built.
func TestEncodeAmountParams(t *testing.T) {
	cents, err := AmountFromMinorUnits(2500, 2, "")
	require.NoError(t, err)
	usd, err := ParseAmount("25.00", "USD")
	require.NoError(t, err)
	fine := amt("0.0125")
	for _, tt := range []struct {
		name   string
		params any
		want   string
	}{
		{"manual credit from cents", ConversionManualCreditParams{ID: 1, Commission: cents, Status: ConversionApproved},
			`{"id":1,"commission":25.00,"status":"APPROVED"}`},
		{"manual credit from text, currency from the amount", ConversionManualCreditParams{ID: 1, Commission: usd, Status: ConversionPending},
			`{"id":1,"commission":25.00,"status":"PENDING","currency":"USD"}`},
		{"manual credit finer than a cent", ConversionManualCreditParams{ID: 1, Commission: amt("-0.0125"), Status: ConversionPending},
			`{"id":1,"commission":-0.0125,"status":"PENDING"}`},
		{"cancel items", ConversionCancelParams{OrderID: "1", Items: []CancelItem{{SKU: "A", Price: cents, Quantity: 2}, {SKU: "B"}, {SKU: "C", Price: fine}}},
			`{"order_id":"1","items":[{"sku":"A","price":25.00,"quantity":2},{"sku":"B"},{"sku":"C","price":0.0125}]}`},
		{"SKU commissions as numeric strings", SKUCommissionCreateParams{OfferID: "1", SKUs: []SKUCommission{
			{SKU: "A", CommissionType: CommissionFlatRate, CommissionAmount: cents},
			{SKU: "B", CommissionType: CommissionPercentOfSale, CommissionAmount: amt("12.5")}}},
			`{"offer_id":"1","skus":[{"sku":"A","commission_type":"FLAT_RATE","commission_amount":"25.00"},
			{"sku":"B","commission_type":"PERCENT_OF_SALE","commission_amount":"12.5"}]}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.params)
			require.NoError(t, err)
			assert.Equal(t, compact(t, tt.want), string(b), "numbers are written exactly")
		})
	}
}

func compact(t *testing.T, s string) string {
	t.Helper()
	var b bytes.Buffer
	require.NoError(t, json.Compact(&b, []byte(s)))
	return b.String()
}

func TestDecodeSKUCommission(t *testing.T) {
	for body, want := range map[string]string{
		`{"sku":"A","commission_type":"FLAT_RATE","commission_amount":"10"}`:     "10",
		`{"sku":"A","commission_type":"FLAT_RATE","commission_amount":"12.50"}`:  "12.50",
		`{"sku":"A","commission_type":"FLAT_RATE","commission_amount":0.0125}`:   "0.0125",
		`{"sku":"A","commission_type":"FLAT_RATE","commission_amount":"1,000,"}`: "1000",
	} {
		var c SKUCommission
		require.NoError(t, json.Unmarshal([]byte(body), &c), body)
		assert.Equal(t, want, c.CommissionAmount.String(), body)
	}
}

func TestDecodeSKUCommissions(t *testing.T) {
	var r SKUCommissionResult
	require.NoError(t, json.Unmarshal(sample(t, "offer_new_sku_commission.json"), &r))
	assert.Equal(t, SKUCommissionResult{Added: []string{"TSHIRT-SMALL-BLUE", "PANTS-LARGE-BLACK"},
		DuplicateNotAdded: []string{"TSHIRT-SMALL-RED"}}, r)
}

func TestDecodeReportLink(t *testing.T) {
	var l ReportLink
	require.NoError(t, json.Unmarshal(sample(t, "reporting_link.json"), &l))
	assert.Equal(t, "https://www.refersion.com/api/reporting/download/37/87/154ac2e00df1e6275b1a60869ab3123fceea16f5", l.DownloadLink)
	assert.Equal(t, time.Unix(1452028425, 0).UTC(), l.ExpireTime)
	assert.Equal(t, "ReportLink{expires 2016-01-05T21:13:45Z}", l.String())
}

func TestFlexString(t *testing.T) {
	for in, want := range map[string]FlexString{`"694c"`: "694c", `37567438`: "37567438", `null`: "", `""`: ""} {
		var s FlexString
		require.NoError(t, json.Unmarshal([]byte(in), &s), in)
		assert.Equal(t, want, s, in)
	}
	var s FlexString
	assert.Error(t, json.Unmarshal([]byte(`{"a":1}`), &s))
	b, err := json.Marshal(FlexString("694c"))
	require.NoError(t, err)
	assert.Equal(t, `"694c"`, string(b))
}

func TestEncodeParams(t *testing.T) {
	b, err := json.Marshal(AffiliateCreateParams{FirstName: "Bill", LastName: "Smith", Email: "b@example.com",
		Password: "Pa55word!", Status: AffiliateActive})
	require.NoError(t, err)
	assert.JSONEq(t, `{"first_name":"Bill","last_name":"Smith","email":"b@example.com","password":"Pa55word!","status":"ACTIVE"}`, string(b))

	b, err = json.Marshal(&AffiliateListOptions{Page: 2, PerPage: 100})
	require.NoError(t, err)
	assert.JSONEq(t, `{"page":"2","limit":"100"}`, string(b), "page and limit are strings, as documented")
}

// Integer fields read their text exactly, beyond float64's 2^53.
func TestDecodeIntegersExactly(t *testing.T) {
	var r ChangeResult
	require.NoError(t, json.Unmarshal([]byte(`{"ids_changed":[9007199254740993,"1,000,","12.0"],"ids_not_changed":[]}`), &r))
	assert.Equal(t, []int64{9007199254740993, 1000, 12}, r.IDsChanged)
	assert.Error(t, json.Unmarshal([]byte(`{"ids_changed":[1.5]}`), &r))
	assert.Error(t, json.Unmarshal([]byte(`{"ids_changed":[1e400]}`), &r))
}

// ConversionTotals stays comparable with ==.
var _ = ConversionTotals{} == ConversionTotals{}
