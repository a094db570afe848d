package postaffiliatepro_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	pt "github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

// TestTransactionAmountsDecodeExactly pins how amounts in the shapes the
// package reads (numbers, numeric strings, null, the legacy names) come
// out: the text as sent, never through float64.
func TestTransactionAmountsDecodeExactly(t *testing.T) {
	tests := []struct {
		name       string
		body       string
		commission string // String(); "null" for a null
		totalCost  string
		currency   string
		wire       string // the commission as MarshalJSON writes it back
	}{
		{"numbers", `{"commission":8.57,"total_cost":85.7,"currency":"USD"}`, "8.57", "85.7", "USD", `8.57`},
		{"finer than a cent", `{"commission":0.0125,"total_cost":0.25}`, "0.0125", "0.25", "", `0.0125`},
		{"strings keep trailing zeros", `{"commission":"25.00","totalCost":"250.00","currencyId":"usd"}`, "25.00", "250.00", "USD", `"25.00"`},
		{"negative refund", `{"commission":-4.5,"totalcost":-40}`, "-4.5", "-40", "", `-4.5`},
		{"exponent", `{"commission":1.5e2}`, "150", "0", "", `1.5e2`},
		{"large", `{"commission":"92233720368547.75807"}`, "92233720368547.75807", "0", "", `"92233720368547.75807"`},
		{"null stays null", `{"commission":null,"total_cost":null}`, "null", "null", "", `null`},
		{"absent is zero", `{"id":"t1"}`, "0", "0", "", `0`},
		{"empty string is zero", `{"commission":"","total_cost":" "}`, "0", "0", "", `0`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var tx postaffiliatepro.Transaction
			require.NoError(t, json.Unmarshal([]byte(tt.body), &tx))
			assert.Equal(t, tt.commission, tx.Commission.String())
			assert.Equal(t, tt.totalCost, tx.TotalCost.String())
			assert.Equal(t, tt.commission == "null", tx.Commission.IsNull())
			assert.Equal(t, tt.currency, tx.Commission.Currency())
			assert.Equal(t, tt.currency, tx.TotalCost.Currency())
			b, err := json.Marshal(tx.Commission)
			require.NoError(t, err)
			assert.Equal(t, tt.wire, string(b), "written back as sent")
		})
	}
}

func TestReportAmountsNullBesideAnAlias(t *testing.T) {
	var r postaffiliatepro.TopAffiliate
	require.NoError(t, json.Unmarshal([]byte(`{"total_cost":null,"sales_total":"5.10","commission":null}`), &r))
	assert.Equal(t, "5.10", r.TotalCost.String(), "an alias with a value wins over a null")
	assert.True(t, r.Commission.IsNull())
	b, err := json.Marshal(r.Commission)
	require.NoError(t, err)
	assert.Equal(t, "null", string(b))
}

func TestTransactionAmountsRefuseWhatIsNotAnAmount(t *testing.T) {
	for _, body := range []string{
		`{"commission":true}`, `{"commission":"12,50"}`, `{"commission":"abc"}`, `{"commission":{"value":1}}`,
		`{"commission":[1]}`, `{"total_cost":"1.0000000000000000001"}`, `{"commission":"99999999999999999999"}`,
	} {
		var tx postaffiliatepro.Transaction
		err := json.Unmarshal([]byte(body), &tx)
		require.Error(t, err, body)
		assert.Contains(t, err.Error(), "is not an amount", body)
	}
}

func TestTransactionAmountMinorUnits(t *testing.T) {
	var tx postaffiliatepro.Transaction
	require.NoError(t, json.Unmarshal([]byte(`{"commission":"25.00","total_cost":0.0125,"currency":"USD"}`), &tx))
	cents, err := tx.Commission.MinorUnits("")
	require.NoError(t, err)
	assert.Equal(t, int64(2500), cents)
	_, err = tx.TotalCost.MinorUnits("")
	require.Error(t, err, "0.0125 USD is not a whole number of cents")
	_, err = tx.Commission.MinorUnits("EUR")
	require.Error(t, err, "another currency")
}

// TestTransactionCreateParamsEncodeMajorUnits: the API takes amounts in
// major units, so every Amount is sent as its exact decimal, however it
// was built.
func TestTransactionCreateParamsEncodeMajorUnits(t *testing.T) {
	minor := func(units int64, cur string) postaffiliatepro.Amount {
		a, err := postaffiliatepro.AmountFromMinorUnits(units, 2, cur)
		require.NoError(t, err)
		return a
	}
	decoded := func(raw string) postaffiliatepro.Amount {
		var a postaffiliatepro.Amount
		require.NoError(t, json.Unmarshal([]byte(raw), &a))
		return a
	}
	zero := postaffiliatepro.Amount{}
	fine := amount(t, "0.0125")
	eur, err := postaffiliatepro.ParseAmount("19.90", "eur")
	require.NoError(t, err)
	tests := []struct {
		name   string
		params postaffiliatepro.TransactionCreateParams
		want   string
	}{
		{"minor units are sent as major", postaffiliatepro.TransactionCreateParams{AffiliateID: "a1", TotalCost: minor(2500, "")},
			`{"affiliate_id":"a1","total_cost":25.00}`},
		{"decimal text as given", postaffiliatepro.TransactionCreateParams{AffiliateID: "a1", TotalCost: amount(t, "25.00")},
			`{"affiliate_id":"a1","total_cost":25.00}`},
		{"finer than a cent", postaffiliatepro.TransactionCreateParams{AffiliateID: "a1", Commission: &fine},
			`{"affiliate_id":"a1","commission":0.0125}`},
		{"zero total left out, explicit zero commission sent", postaffiliatepro.TransactionCreateParams{AffiliateID: "a1", Commission: &zero},
			`{"affiliate_id":"a1","commission":0}`},
		{"the amounts' currency fills Currency", postaffiliatepro.TransactionCreateParams{AffiliateID: "a1", TotalCost: eur},
			`{"affiliate_id":"a1","total_cost":19.90,"currency":"EUR"}`},
		{"a decoded string amount is sent as a number", postaffiliatepro.TransactionCreateParams{AffiliateID: "a1", TotalCost: decoded(`"7.50"`)},
			`{"affiliate_id":"a1","total_cost":7.50}`},
		{"same currency", postaffiliatepro.TransactionCreateParams{AffiliateID: "a1", TotalCost: minor(1990, "EUR"), Currency: "eur"},
			`{"affiliate_id":"a1","total_cost":19.90,"currency":"eur"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(&tt.params)
			require.NoError(t, err)
			assert.Equal(t, tt.want, string(b))
		})
	}
	_, err = json.Marshal(postaffiliatepro.TransactionCreateParams{AffiliateID: "a1", TotalCost: eur, Currency: "USD"})
	require.ErrorContains(t, err, "an amount in EUR for currency USD")
}

// TestAmountsRoundTripThroughTheFake creates a commission finer than a
// cent and reads it back unchanged, with numbers and with strings.
func TestAmountsRoundTripThroughTheFake(t *testing.T) {
	for _, opts := range [][]pt.ServerOption{srvOpts(pt.WithDemoData()), srvOpts(pt.WithDemoData(), pt.WithStringNumbers())} {
		ctx := context.Background()
		f := newFixture(t, opts)
		fine := amount(t, "0.0125")
		created, err := f.client.Transactions.Create(ctx, &postaffiliatepro.TransactionCreateParams{
			AffiliateID: f.srv.Affiliates()[0].ID, TotalCost: amount(t, "1234567.89"), Commission: &fine,
		})
		require.NoError(t, err)
		got, err := f.client.Transactions.Get(ctx, created.ID)
		require.NoError(t, err)
		requireSameValue(t, fine, got.Commission)
		assert.Equal(t, "1234567.89", got.TotalCost.String())
		assert.Equal(t, "USD", got.TotalCost.Currency())
	}
}
