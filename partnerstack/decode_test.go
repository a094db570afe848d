package partnerstack

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func readSample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	return b
}

func TestDecodeSampleActions(t *testing.T) {
	var data listData[Action]
	require.NoError(t, json.Unmarshal(readSample(t, "list_actions.json"), &dataEnvelope{out: &data}))
	assert.True(t, data.HasMore)
	require.NotNil(t, data.Total)
	assert.Equal(t, 84, *data.Total)
	require.Len(t, data.Items, 10)

	a := data.Items[0]
	assert.Equal(t, "act_PP3vbJSbOVkG93", a.Key)
	assert.Equal(t, "top_up", a.Type)
	assert.Equal(t, int64(1), a.Value)
	assert.False(t, a.Archived)
	assert.Equal(t, "part_FNiYCFmn1w3OHb", a.PartnershipKey)
	assert.Equal(t, &CompanyRef{Key: "co_MCf1xvxSbKw35R", Name: "TikTok for Business"}, a.Company)
	require.NotNil(t, a.Customer)
	assert.Equal(t, Ptr("cus_Ebvgs2n9lfVvE1"), a.Customer.Key)
	assert.Empty(t, a.Customer.SharedID)
	assert.Empty(t, a.Customer.SubIDs)
	assert.Equal(t, time.UnixMilli(1784119626000).UTC(), a.CreatedAt)
	assert.Equal(t, time.UnixMilli(1784221656835).UTC(), a.UpdatedAt)
	assert.Equal(t, 835*time.Millisecond, time.Duration(a.UpdatedAt.Nanosecond()), "milliseconds are kept")
	assert.Equal(t, "new_high_value_advertiser", data.Items[9].Type)
}

func TestDecodeSampleCustomers(t *testing.T) {
	var data listData[Customer]
	require.NoError(t, json.Unmarshal(readSample(t, "list_customers.json"), &dataEnvelope{out: &data}))
	require.NotNil(t, data.Total)
	assert.Equal(t, 33, *data.Total)
	require.Len(t, data.Items, 10)
	c := data.Items[0]
	assert.Equal(t, "cus_Ak7az1vjG4iNux", c.Key)
	assert.Equal(t, Ptr("7662651690235002887"), c.CustomerKey)
	assert.Equal(t, Ptr("TH"), c.CountryISO)
	assert.False(t, c.HasPaid)
	assert.Equal(t, "part_FNiYCFmn1w3OHb", c.PartnershipKey)
	assert.Equal(t, "TikTok for Business", c.Company.Name)
	assert.Equal(t, time.Date(2026, 7, 15, 7, 23, 22, 0, time.UTC), c.CreatedAt, "1784100202000 ms")
	assert.Equal(t, Ptr("US"), data.Items[7].CountryISO)
}

func TestDecodeTimestampForms(t *testing.T) {
	want := time.UnixMilli(1784119626123).UTC()
	tests := []struct {
		in   string
		want time.Time
	}{
		{`1784119626123`, want},
		{`"1784119626123"`, want},
		{`1784119626.123`, want},
		{`"2026-07-15T12:47:06.123Z"`, want},
		{`"2026-07-15"`, time.Date(2026, 7, 15, 0, 0, 0, 0, time.UTC)},
		{`null`, time.Time{}},
		{`0`, time.Time{}},
		{`""`, time.Time{}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var tx Transaction
			require.NoError(t, json.Unmarshal([]byte(`{"key":"t","created_at":`+tt.in+`}`), &tx))
			assert.True(t, tt.want.Equal(tx.CreatedAt), "got %v", tx.CreatedAt)
		})
	}
	var tx Transaction
	assert.Error(t, json.Unmarshal([]byte(`{"key":"t","created_at":"soon"}`), &tx))
	assert.Error(t, json.Unmarshal([]byte(`{"key":"t","created_at":true}`), &tx))
}

func TestDecodeNullablesAndNumbers(t *testing.T) {
	body := `{"key":"rwrd_1","amount":null,"payment_date":null,"payout_id":"4411","currency":null,
		"customer":{"created_at":null,"email":null,"key":"cus_1","name":"Ann","shared_id":null,"sub_ids":["a"],"updated_at":1784119626000},
		"source":{"key":"tx1","type":"transaction"},"transaction":null,"withdrawn":false,"created_at":1784119626000}`
	var r Reward
	require.NoError(t, json.Unmarshal([]byte(body), &r))
	assert.True(t, r.Amount.IsNull(), "null is kept apart from 0")
	assert.Nil(t, r.PaymentDate)
	assert.Equal(t, Ptr(int64(4411)), r.PayoutID)
	assert.Nil(t, r.PaymentStatus)
	assert.Nil(t, r.RewardStatus)
	assert.Nil(t, r.Transaction)
	require.NotNil(t, r.Customer)
	assert.Nil(t, r.Customer.CreatedAt)
	require.NotNil(t, r.Customer.UpdatedAt)
	assert.Equal(t, []string{"a"}, r.Customer.SubIDs)
}

func TestDecodeRewardNullsStayApartFromZero(t *testing.T) {
	body := `{"key":"rwrd_1","amount":0,"payment_status":"available","payout_id":0,"reward_status":null,
		"transaction":{"amount":null,"amount_usd":"0","archived":false,"category_key":null,"created_at":null,
		"currency":"USD","product_key":null,"updated_at":1784224596422},"created_at":1784119626000}`
	var r Reward
	require.NoError(t, json.Unmarshal([]byte(body), &r))
	assert.False(t, r.Amount.IsNull())
	assert.True(t, r.Amount.IsZero())
	assert.Equal(t, Ptr(PaymentAvailable), r.PaymentStatus)
	assert.Equal(t, Ptr(int64(0)), r.PayoutID)
	assert.Nil(t, r.RewardStatus)
	require.NotNil(t, r.Transaction)
	assert.True(t, r.Transaction.Amount.IsNull())
	assert.Equal(t, "0.00", r.Transaction.AmountUSD.String(), "a numeric string decodes like a number")
	assert.False(t, r.Transaction.AmountUSD.IsNull())
	assert.Nil(t, r.Transaction.CreatedAt)
	require.NotNil(t, r.Transaction.UpdatedAt)

	// Re-encoded, null stays null and 0 stays 0.
	b, err := json.Marshal(r)
	require.NoError(t, err)
	var back map[string]any
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, 0.0, back["amount"])
	assert.Equal(t, 0.0, back["payout_id"])
	assert.Contains(t, back, "reward_status")
	assert.Nil(t, back["reward_status"])
	tx := back["transaction"].(map[string]any)
	assert.Contains(t, tx, "amount")
	assert.Nil(t, tx["amount"])

	var again Reward
	require.NoError(t, json.Unmarshal(b, &again))
	assert.Equal(t, r.Amount, again.Amount)
	assert.Equal(t, r.PayoutID, again.PayoutID)
	assert.True(t, again.Transaction.Amount.IsNull())
}

func TestDecodeLenientFields(t *testing.T) {
	// Shapes no documentation confirms are skipped when they do not fit;
	// confirmed ones still fail.
	var p Partnership
	require.NoError(t, json.Unmarshal([]byte(`{"key":"part_1","team":"Northwind","stats":{"CUSTOMER_COUNT":"many"},
		"offers":[{"base_rate":"10","currency":"USD","type_":"percent"}],"created_at":1784119626000}`), &p))
	assert.Nil(t, p.Team)
	assert.Nil(t, p.Stats)
	require.Len(t, p.Offers, 1)
	assert.Equal(t, "10", p.Offers[0].BaseRate.String())
	assert.Equal(t, "percent", p.Offers[0].Type)

	var d Deal
	require.NoError(t, json.Unmarshal([]byte(`{"key":"deal_1","account_name":{"name":"Acme"},"amount":150000}`), &d))
	assert.Empty(t, d.AccountName)
	assert.Equal(t, "1500.00", d.Amount.String())

	assert.Error(t, json.Unmarshal([]byte(`{"key":"part_1","tags":"vip"}`), &p))
}

func TestDecodeRoundTripsThroughMarshal(t *testing.T) {
	var tx Transaction
	require.NoError(t, json.Unmarshal([]byte(`{"key":"t1","amount":4900,"amount_usd":4900,"currency":"USD","created_at":1784119626123,"updated_at":1784119626123}`), &tx))
	b, err := json.Marshal(tx)
	require.NoError(t, err)
	var back Transaction
	require.NoError(t, json.Unmarshal(b, &back))
	assert.Equal(t, tx, back)
}

func TestListDataShapes(t *testing.T) {
	var d listData[Link]
	require.NoError(t, json.Unmarshal([]byte(`[{"key":"l1","dest":"https://a.example","url":"https://p.example/x"}]`), &d))
	assert.False(t, d.HasMore)
	require.Len(t, d.Items, 1)
	assert.Equal(t, "https://p.example/x", d.Items[0].URL)
	require.NoError(t, json.Unmarshal([]byte(`{"items":[],"total":null}`), &d))
	assert.Empty(t, d.Items)
	assert.Nil(t, d.Total)
	assert.Error(t, json.Unmarshal([]byte(`{"has_more":true}`), &d))

	var one oneOrMany[FormTemplate]
	require.NoError(t, json.Unmarshal([]byte(`{"key":"mold_1","name":"Deal registration"}`), &one))
	require.Len(t, one.Items, 1)
	require.NoError(t, json.Unmarshal([]byte(`{"has_more":false,"items":[{"key":"a"},{"key":"b"}]}`), &one))
	assert.Len(t, one.Items, 2)
}

func TestParamsBodies(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 6_000_000, time.UTC)
	b, err := json.Marshal(&TransactionCreateParams{
		CustomerEmail: "a@b.example", Amount: Amount{}, Currency: "USD", CreatedAt: at, Extra: Extra{"subscription_external_id": "sub_1"},
	})
	require.NoError(t, err)
	assert.JSONEq(t, `{"customer_email":"a@b.example","amount":0,"currency":"USD","created_at":1767323045006,"subscription_external_id":"sub_1"}`, string(b))

	b, err = json.Marshal(&CustomerCreateParams{Email: "a@b.example", PartnerKey: "p"})
	require.NoError(t, err)
	assert.JSONEq(t, `{"customer_key":null,"email":"a@b.example","partner_key":"p"}`, string(b))

	b, err = json.Marshal(&PartnershipTagsParams{Add: []string{"vip"}, Extra: Extra{"add": []string{"override"}}})
	require.NoError(t, err)
	assert.JSONEq(t, `{"add":["override"]}`, string(b), "Extra wins over modeled fields")
}
