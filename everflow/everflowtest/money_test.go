package everflowtest

import (
	"bytes"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

func dec(t *testing.T, s string) money.Amount {
	t.Helper()
	a, err := money.ParseDecimal(s, "")
	require.NoError(t, err)
	return a
}

// TestAmountsOnTheWire: the fake writes its amounts as Everflow does, the
// shortest decimal in full currency units, and sums them exactly.
func TestAmountsOnTheWire(t *testing.T) {
	s := newTestServer(WithDemoData())
	defer s.Close()
	_, _, raw := call(t, s, http.MethodGet, "/networks/offers/2?relationship=payout_revenue", APIKey, nil)
	assert.Contains(t, string(raw), `"monthly_payout_cap":2500.5`)

	wire := map[int64]string{0: "0", 1050: "10.5", 1000: "10", 1025: "10.25", -99: "-0.99"}
	for n, want := range wire {
		b, err := cents(n).MarshalJSON()
		require.NoError(t, err)
		assert.Equal(t, want, string(b))
	}

	e := newTestServer()
	defer e.Close()
	ts := time.Date(2024, 2, 10, 12, 0, 0, 0, time.UTC)
	for _, p := range []string{"0.0125", "0.1", "0.2"} {
		e.AddConversion(Conversion{ConversionUnixTimestamp: ts, Payout: dec(t, p), Revenue: dec(t, "1.10"), SaleAmount: dec(t, "19.99"), CurrencyID: "USD"})
	}
	_, _, raw = call(t, e, http.MethodPost, "/networks/reporting/conversions/summary", APIKey,
		`{"from":"2024-02-01","to":"2024-02-29","timezone_id":67,"show_conversions":true}`)
	assert.True(t, bytes.Contains(raw, []byte(`"payout":0.3125,"revenue":3.3,"gross_sales":59.97`)), "%s", raw)
}
