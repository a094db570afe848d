package money

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestJSONRoundTripKeepsWhatWasSent(t *testing.T) {
	for _, body := range []string{`12.5`, `"12.50"`, `0.0125`, `"-3"`, `1e3`, `null`, `2500`, `"0"`, `100.000`} {
		var a Amount
		require.NoError(t, json.Unmarshal([]byte(body), &a), body)
		out, err := json.Marshal(a)
		require.NoError(t, err)
		assert.Equal(t, body, string(out))
	}
}

func TestDecodedValues(t *testing.T) {
	cases := []struct {
		body, str string
		null      bool
	}{
		{`12.5`, "12.5", false},
		{`"12.50"`, "12.50", false},
		{`0.0125`, "0.0125", false},
		{`" 7 "`, "7", false},
		{`1e3`, "1000", false},
		{`1.5E-2`, "0.015", false},
		{`-0.5`, "-0.5", false},
		{`null`, "null", true},
	}
	for _, tc := range cases {
		var a Amount
		require.NoError(t, json.Unmarshal([]byte(tc.body), &a), tc.body)
		assert.Equal(t, tc.str, a.String(), tc.body)
		assert.Equal(t, tc.null, a.IsNull(), tc.body)
	}
	for _, bad := range []string{`"$12"`, `"1,000.00"`, `"abc"`, `""`, `"."`, `"1e"`, `true`, `"99999999999999999999"`} {
		var a Amount
		assert.Error(t, json.Unmarshal([]byte(bad), &a), bad)
	}
}

func TestMinorUnits(t *testing.T) {
	usd := func(s string) Amount {
		a, err := ParseDecimal(s, "usd")
		require.NoError(t, err)
		return a
	}
	n, err := usd("25.00").MinorUnits("")
	require.NoError(t, err)
	assert.EqualValues(t, 2500, n)
	n, err = usd("25").MinorUnits("USD")
	require.NoError(t, err)
	assert.EqualValues(t, 2500, n)
	_, err = usd("0.0125").MinorUnits("")
	assert.ErrorIs(t, err, ErrNotWhole)
	_, err = usd("1").MinorUnits("EUR")
	assert.ErrorIs(t, err, ErrCurrencyMismatch)
	unknown, _ := ParseDecimal("1", "")
	_, err = unknown.MinorUnits("")
	assert.ErrorIs(t, err, ErrUnknownExponent)
	_, err = unknown.MinorUnits("XXX")
	assert.ErrorIs(t, err, ErrUnknownExponent)
	yen, _ := ParseDecimal("1500", "JPY")
	n, err = yen.MinorUnits("")
	require.NoError(t, err)
	assert.EqualValues(t, 1500, n)
	kwd, _ := ParseDecimal("1.5", "KWD")
	n, err = kwd.MinorUnits("")
	require.NoError(t, err)
	assert.EqualValues(t, 1500, n)
	huge, _ := ParseDecimal("92233720368547758.07", "USD")
	_, err = huge.MinorUnits("")
	require.NoError(t, err)
	huge, _ = ParseDecimal("922337203685477580.7", "USD")
	_, err = huge.MinorUnits("")
	assert.ErrorIs(t, err, ErrOverflow)
	_, err = Null().MinorUnits("USD")
	assert.ErrorIs(t, err, ErrNull)
}

func TestCents(t *testing.T) {
	c, err := FromMinorUnits(2500, 2, "")
	require.NoError(t, err)
	assert.Equal(t, "25.00", c.String())
	out, _ := json.Marshal(c)
	assert.Equal(t, "2500", string(out), "cents encode as cents")
	n, err := c.MinorUnits("")
	require.NoError(t, err, "the exponent it was built with stands in for an unknown currency")
	assert.EqualValues(t, 2500, n)

	var wire Amount
	require.NoError(t, json.Unmarshal([]byte(`1999`), &wire))
	cents, err := wire.AsMinorUnits(2)
	require.NoError(t, err)
	assert.Equal(t, "19.99", cents.String())
	out, _ = json.Marshal(cents)
	assert.Equal(t, "1999", string(out))
	_, err = FromMinorUnits(1, -1, "")
	assert.Error(t, err)
}

func TestAddAndCmp(t *testing.T) {
	a, _ := ParseDecimal("10.25", "USD")
	b, _ := ParseDecimal("0.0125", "")
	s, err := a.Add(b)
	require.NoError(t, err)
	assert.Equal(t, "10.2625", s.String())
	assert.Equal(t, "USD", s.Currency())
	out, _ := json.Marshal(s)
	assert.Equal(t, "10.2625", string(out))

	c, err := a.Cmp(b)
	require.NoError(t, err)
	assert.Equal(t, 1, c)
	eq, _ := ParseDecimal("10.250", "USD")
	c, err = a.Cmp(eq)
	require.NoError(t, err)
	assert.Equal(t, 0, c)

	eur, _ := ParseDecimal("1", "EUR")
	_, err = a.Add(eur)
	assert.ErrorIs(t, err, ErrCurrencyMismatch)
	_, err = a.Cmp(eur)
	assert.ErrorIs(t, err, ErrCurrencyMismatch)
	_, err = a.Add(Null())
	assert.ErrorIs(t, err, ErrNull)

	big, _ := ParseDecimal("9223372036854775807", "")
	one, _ := ParseDecimal("1", "")
	_, err = big.Add(one)
	assert.ErrorIs(t, err, ErrOverflow)
	tiny, _ := ParseDecimal("0.000000000000000001", "")
	c, err = big.Cmp(tiny)
	require.NoError(t, err)
	assert.Equal(t, 1, c)
	c, err = tiny.Cmp(big)
	require.NoError(t, err)
	assert.Equal(t, -1, c)

	c1, _ := FromMinorUnits(100, 2, "")
	c2, _ := FromMinorUnits(250, 2, "")
	sum, err := c1.Add(c2)
	require.NoError(t, err)
	out, _ = json.Marshal(sum)
	assert.Equal(t, "350", string(out), "cents plus cents stay cents")
}

func TestZeroValueAndFormat(t *testing.T) {
	var z Amount
	assert.True(t, z.IsZero())
	assert.False(t, z.IsNull())
	assert.Equal(t, "0", z.String())
	out, _ := json.Marshal(z)
	assert.Equal(t, "0", string(out))
	assert.False(t, Null().IsZero())

	a, _ := ParseDecimal("-25.00", "usd")
	assert.Equal(t, "-25.00 USD", fmt.Sprint(a))
	assert.Equal(t, `"-25.00 USD"`, fmt.Sprintf("%q", a))
	assert.Equal(t, -1, a.Sign())
	assert.Equal(t, "  -25.00 USD|", fmt.Sprintf("%12v|", a))
	assert.Equal(t, "-25.00 USD  |", fmt.Sprintf("%-12v|", a))
	assert.Equal(t, "-9223372036854775808", formatDecimal(math.MinInt64, 0))
	assert.Equal(t, "-0.05", formatDecimal(-5, 2))

	type params struct {
		Amount Amount `json:"amount,omitzero"`
	}
	out, _ = json.Marshal(params{})
	assert.Equal(t, `{}`, string(out))
	assert.True(t, errors.Is(ErrNull, ErrNull))
}

func TestExponent(t *testing.T) {
	for c, want := range map[string]int{"USD": 2, "eur": 2, "JPY": 0, "KWD": 3, "CLF": 4} {
		e, ok := Exponent(c)
		assert.True(t, ok, c)
		assert.Equal(t, want, e, c)
	}
	for _, c := range []string{"", "XXX", "US", "USDT"} {
		_, ok := Exponent(c)
		assert.False(t, ok, c)
	}
}

func FuzzAmountJSON(f *testing.F) {
	for _, s := range []string{`12.5`, `"12.50"`, `null`, `1e3`, `"-0.0125"`, `9223372036854775807`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		var a Amount
		if json.Unmarshal([]byte(body), &a) != nil {
			return
		}
		out, err := json.Marshal(a)
		if err != nil {
			t.Fatalf("%q decoded but does not encode: %v", body, err)
		}
		var b Amount
		if err := json.Unmarshal(out, &b); err != nil {
			t.Fatalf("re-encoded %q does not decode: %v", out, err)
		}
		if a.String() != b.String() {
			t.Fatalf("%q: %s became %s", body, a, b)
		}
		if !a.IsNull() {
			if _, err := ParseDecimal(a.String(), ""); err != nil {
				t.Fatalf("String %q does not parse back: %v", a.String(), err)
			}
		}
	})
}

func TestInPlaceHelpers(t *testing.T) {
	var rec struct {
		Amount   Amount `json:"amount"`
		Sale     Amount `json:"sale"`
		Currency string `json:"currency"`
	}
	require.NoError(t, json.Unmarshal([]byte(`{"amount":2500,"sale":"10000","currency":"eur"}`), &rec))
	require.NoError(t, ToMinorUnits(2, &rec.Amount, &rec.Sale))
	SetCurrency(rec.Currency, &rec.Amount, &rec.Sale)
	assert.Equal(t, "25.00 EUR", fmt.Sprint(rec.Amount))
	assert.Equal(t, "100.00 EUR", fmt.Sprint(rec.Sale))
	out, _ := json.Marshal(rec)
	assert.JSONEq(t, `{"amount":2500,"sale":"10000","currency":"eur"}`, string(out))
}
