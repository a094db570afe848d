package partnerstack

import (
	"encoding/json"
	"fmt"
	"os"
	"reflect"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// The amounts of PartnerStack's own list bodies (testdata/vendor) decode
// to their exact values: integer cents become major units with the
// record's currency, and re-encode as the cents sent.
func TestAmountsFromVendorBodies(t *testing.T) {
	var txs struct {
		Data struct{ Items []*Transaction } `json:"data"`
	}
	b, err := os.ReadFile("testdata/vendor/list_transactions.json")
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &txs))
	tx := txs.Data.Items[0]
	assert.Equal(t, "458.92", tx.Amount.String())
	assert.Equal(t, "458.92 USD", fmt.Sprint(tx.Amount))
	assert.Equal(t, "458.92 USD", fmt.Sprint(tx.AmountUSD))
	n, err := tx.Amount.MinorUnits("USD")
	require.NoError(t, err)
	assert.Equal(t, int64(45892), n)

	var rewards struct {
		Data struct{ Items []*Reward } `json:"data"`
	}
	b, err = os.ReadFile("testdata/vendor/list_rewards.json")
	require.NoError(t, err)
	require.NoError(t, json.Unmarshal(b, &rewards))
	r := rewards.Data.Items[0]
	assert.Equal(t, "91.78 USD", fmt.Sprint(r.Amount))
	require.NotNil(t, r.Transaction)
	assert.Equal(t, "458.92 USD", fmt.Sprint(r.Transaction.Amount))
	out, err := json.Marshal(r)
	require.NoError(t, err)
	var back map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(out, &back))
	assert.Equal(t, "9178", string(back["amount"]), "the cents go back as sent")
}

func TestAmountDecoding(t *testing.T) {
	decode := func(t *testing.T, body string, v any) {
		t.Helper()
		require.NoError(t, json.Unmarshal([]byte(body), v))
	}
	for _, tc := range []struct {
		name, body string
		get        func(t *testing.T, body string) Amount
		want       string // String()
		currency   string
		wire       string // re-encoded
	}{
		{"reward cents", `{"key":"rwrd_1","amount":2500}`, func(t *testing.T, b string) Amount {
			var r Reward
			decode(t, b, &r)
			return r.Amount
		}, "25.00", "USD", "2500"},
		{"reward cents as a string", `{"key":"rwrd_1","amount":"2500"}`, func(t *testing.T, b string) Amount {
			var r Reward
			decode(t, b, &r)
			return r.Amount
		}, "25.00", "USD", `"2500"`},
		{"reward null", `{"key":"rwrd_1","amount":null}`, func(t *testing.T, b string) Amount {
			var r Reward
			decode(t, b, &r)
			return r.Amount
		}, "null", "USD", "null"},
		{"reward zero", `{"key":"rwrd_1","amount":0}`, func(t *testing.T, b string) Amount {
			var r Reward
			decode(t, b, &r)
			return r.Amount
		}, "0.00", "USD", "0"},
		{"transaction in euros", `{"key":"t","amount":12900,"amount_usd":13932,"currency":"eur"}`, func(t *testing.T, b string) Amount {
			var tx Transaction
			decode(t, b, &tx)
			assert.Equal(t, "139.32 USD", fmt.Sprint(tx.AmountUSD))
			return tx.Amount
		}, "129.00", "EUR", "12900"},
		{"negative transaction", `{"key":"t","amount":-1,"currency":"USD"}`, func(t *testing.T, b string) Amount {
			var tx Transaction
			decode(t, b, &tx)
			return tx.Amount
		}, "-0.01", "USD", "-1"},
		{"reward transaction null", `{"key":"r","transaction":{"amount":null,"amount_usd":5,"currency":"GBP"}}`, func(t *testing.T, b string) Amount {
			var r Reward
			decode(t, b, &r)
			assert.Equal(t, "0.05 USD", fmt.Sprint(r.Transaction.AmountUSD))
			return r.Transaction.Amount
		}, "null", "GBP", "null"},
		{"deal", `{"key":"deal_1","amount":150000}`, func(t *testing.T, b string) Amount {
			var d Deal
			decode(t, b, &d)
			return d.Amount
		}, "1500.00", "", "150000"},
		{"lead", `{"key":"lead_1","amount":50000}`, func(t *testing.T, b string) Amount {
			var l Lead
			decode(t, b, &l)
			return l.Amount
		}, "500.00", "", "50000"},
		{"payout", `{"key":"po_1","amount":18640,"currency":"CAD"}`, func(t *testing.T, b string) Amount {
			var p Payout
			decode(t, b, &p)
			return p.Amount
		}, "186.40", "CAD", "18640"},
		{"offer rate finer than a cent", `{"base_rate":"0.0125","currency":"USD","type":"percent"}`, func(t *testing.T, b string) Amount {
			var o Offer
			decode(t, b, &o)
			return o.BaseRate
		}, "0.0125", "", `"0.0125"`},
		{"offer rate as a number", `{"base_rate":10.5,"type_":"percent"}`, func(t *testing.T, b string) Amount {
			var o Offer
			decode(t, b, &o)
			return o.BaseRate
		}, "10.5", "", "10.5"},
		{"stat", `{"key":"part_1","stats":{"REVENUE":"1234.5678","CUSTOMER_COUNT":3}}`, func(t *testing.T, b string) Amount {
			var p Partnership
			decode(t, b, &p)
			n, ok := p.Stats.Count(StatCustomerCount)
			assert.True(t, ok)
			assert.Equal(t, int64(3), n)
			return p.Stats["REVENUE"]
		}, "1234.5678", "", `"1234.5678"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := tc.get(t, tc.body)
			assert.Equal(t, tc.want, a.String())
			assert.Equal(t, tc.currency, a.Currency())
			assert.Equal(t, tc.want == "null", a.IsNull())
			wire, err := json.Marshal(a)
			require.NoError(t, err)
			assert.Equal(t, tc.wire, string(wire))
		})
	}
}

// Params are Amounts and go out in PartnerStack's unit, integer cents,
// however they were built.
func TestAmountEncoding(t *testing.T) {
	fromCents, err := AmountFromMinorUnits(2500, 2, "")
	require.NoError(t, err)
	fromText, err := ParseAmount("25.00", "")
	require.NoError(t, err)
	inEuros, err := ParseAmount("25", "EUR")
	require.NoError(t, err)
	subCent, err := ParseAmount("25.005", "")
	require.NoError(t, err)

	for _, tc := range []struct {
		name   string
		params any
		body   string // "" when encoding must fail
	}{
		{"transaction from cents", &TransactionCreateParams{CustomerKey: "cus_1", Amount: fromCents, Currency: "USD"},
			`{"customer_key":"cus_1","amount":2500,"currency":"USD"}`},
		{"transaction from text", &TransactionCreateParams{CustomerKey: "cus_1", Amount: fromText, Currency: "USD"},
			`{"customer_key":"cus_1","amount":2500,"currency":"USD"}`},
		{"transaction in its currency", &TransactionCreateParams{CustomerKey: "cus_1", Amount: inEuros, Currency: "EUR"},
			`{"customer_key":"cus_1","amount":2500,"currency":"EUR"}`},
		{"transaction in another currency", &TransactionCreateParams{CustomerKey: "cus_1", Amount: inEuros, Currency: "USD"}, ""},
		{"transaction finer than a cent", &TransactionCreateParams{CustomerKey: "cus_1", Amount: subCent, Currency: "USD"}, ""},
		{"reward from text", &RewardCreateParams{Amount: fromText, PartnerKey: "p"}, `{"amount":2500,"partner_key":"p"}`},
		{"reward from cents", &RewardCreateParams{Amount: fromCents, PartnerKey: "p"}, `{"amount":2500,"partner_key":"p"}`},
		{"reward in euros", &RewardCreateParams{Amount: inEuros, PartnerKey: "p"}, ""},
		{"deal", &DealCreateParams{Amount: fromText, PartnerKey: "p"}, `{"amount":2500,"partner_key":"p"}`},
		{"deal zero is left out", &DealCreateParams{PartnerKey: "p"}, `{"partner_key":"p"}`},
		{"deal update null", &DealUpdateParams{Amount: money.Null()}, `{"amount":null}`},
		{"lead", &LeadCreateParams{Amount: fromCents, PartnerKey: "p"}, `{"amount":2500,"partner_key":"p"}`},
		{"lead update", &LeadUpdateParams{Amount: fromText}, `{"amount":2500}`},
		{"lead update zero is left out", &LeadUpdateParams{Status: LeadOpen}, `{"status":"open"}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b, err := json.Marshal(tc.params)
			if tc.body == "" {
				assert.Error(t, err)
				return
			}
			require.NoError(t, err)
			assert.JSONEq(t, tc.body, string(b))
		})
	}

	// Create checks the amount before sending.
	p := &TransactionCreateParams{CustomerKey: "cus_1", Amount: subCent, Currency: "USD"}
	assert.Error(t, p.validate())
	p.Amount = money.Null()
	assert.Error(t, p.validate())
}

// No field of the package's records, params or the types they nest is a
// float: money is an Amount.
func TestNoFloatFields(t *testing.T) {
	seen := map[reflect.Type]bool{}
	var walk func(path string, typ reflect.Type)
	walk = func(path string, typ reflect.Type) {
		if seen[typ] {
			return
		}
		seen[typ] = true
		switch typ.Kind() {
		case reflect.Float32, reflect.Float64:
			t.Errorf("%s is a %s", path, typ)
		case reflect.Pointer, reflect.Slice, reflect.Array:
			walk(path, typ.Elem())
		case reflect.Map:
			walk(path+"[]", typ.Elem())
		case reflect.Struct:
			if typ == reflect.TypeFor[Amount]() {
				return
			}
			for i := range typ.NumField() {
				if f := typ.Field(i); f.IsExported() {
					walk(path+"."+f.Name, f.Type)
				}
			}
		}
	}
	for _, v := range []any{
		Reward{}, Transaction{}, Deal{}, Lead{}, Payout{}, Partnership{}, Program{}, Customer{}, Action{},
		RewardCreateParams{}, TransactionCreateParams{}, DealCreateParams{}, DealUpdateParams{},
		LeadCreateParams{}, LeadUpdateParams{}, Offer{}, Stats{},
	} {
		typ := reflect.TypeOf(v)
		walk(typ.Name(), typ)
	}
}
