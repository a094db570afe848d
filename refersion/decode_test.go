package refersion

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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

	var ids []flexInt
	require.NoError(t, json.Unmarshal(sample(t, "trigger_delete.json"), &ids))
	assert.Equal(t, []int64{23213131}, int64s(ids))
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
	var got ConversionTotals
	require.NoError(t, json.Unmarshal(sample(t, "conversion_totals.json"), &got), "the malformed string example")
	want := ConversionTotals{ConversionsCount: 10, CommissionTotal: 500.84, OrderTotal: 3498.03,
		CommissionableOrderTotal: 2874.85, Currency: "USD"}
	assert.Equal(t, want, got)

	require.NoError(t, json.Unmarshal([]byte(`{"conversions_count":10,"commission_total":500.84,
		"order_total":3498.03,"commissionable_order_total":2874.85,"currency":"USD"}`), &got), "the schema's numbers")
	assert.Equal(t, want, got)

	assert.Error(t, json.Unmarshal([]byte(`{"conversions_count":"ten"}`), &got))
	assert.Error(t, json.Unmarshal([]byte(`{"conversions_count":1.5}`), &got))
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

	b, err = json.Marshal(&AffiliateListOptions{Page: 2, Limit: 100})
	require.NoError(t, err)
	assert.JSONEq(t, `{"page":"2","limit":"100"}`, string(b), "page and limit are strings, as documented")
}
