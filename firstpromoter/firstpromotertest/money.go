package firstpromotertest

import (
	"encoding/json"
	"math/big"
	"strconv"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// Money in the fake is exact and never passes through float64. Records
// hold money.Amount (the firstpromoter.Amount type): the cents fields of
// commissions and stats as values that encode as integer cents, the
// number-typed fields (payout totals including tax, balances) as the
// plain numbers the API sends. The handlers compute in integer cents.

// num returns the integer n as an Amount that encodes as the plain number
// n, the form the API's number-typed fields take.
func num(n int64) money.Amount {
	a, _ := money.ParseDecimal(strconv.FormatInt(n, 10), "")
	return a
}

// plus returns a + b; the fake's amounts carry no currency, and sums far
// beyond any account's keep a.
func plus(a, b money.Amount) money.Amount {
	if a.IsNull() {
		a = money.Amount{}
	}
	if b.IsNull() {
		return a
	}
	s, err := a.Add(b)
	if err != nil {
		return a
	}
	return s
}

// cmpAmount compares a and b, a null counting as zero.
func cmpAmount(a, b money.Amount) int {
	if a.IsNull() {
		a = money.Amount{}
	}
	if b.IsNull() {
		b = money.Amount{}
	}
	c, _ := a.Cmp(b)
	return c
}

// ratAmount returns r as an Amount written as the shortest decimal (12.5,
// not 12.50), as a JSON number of the same value would be; r must have a
// terminating decimal expansion of at most 18 places.
func ratAmount(r *big.Rat) money.Amount {
	s := r.FloatString(18)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	a, err := money.ParseDecimal(s, "")
	if err != nil {
		return money.Amount{}
	}
	return a
}

// amountRat returns a as a big.Rat (zero for a null).
func amountRat(a money.Amount) *big.Rat {
	r, ok := new(big.Rat).SetString(a.String())
	if !ok {
		return new(big.Rat)
	}
	return r
}

// withTax returns amount × (1 + rate/100), exactly.
func withTax(amount money.Amount, rate float64) money.Amount {
	pct, ok := new(big.Rat).SetString(strconv.FormatFloat(rate, 'f', -1, 64))
	if !ok {
		pct = new(big.Rat)
	}
	factor := new(big.Rat).Add(big.NewRat(1, 1), new(big.Rat).Quo(pct, big.NewRat(100, 1)))
	return ratAmount(new(big.Rat).Mul(amountRat(amount), factor))
}

// roundedRatio returns a/b rounded half away from zero to places decimal
// places, as a shortest decimal; 0 when b is 0.
func roundedRatio(a, b int64, places int) money.Amount {
	if b == 0 {
		return num(0)
	}
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(places)), nil)
	n := new(big.Int).Mul(big.NewInt(a), scale)
	d := big.NewInt(b)
	if d.Sign() < 0 {
		n.Neg(n)
		d.Neg(d)
	}
	q, m := new(big.Int).QuoRem(n, d, new(big.Int))
	if new(big.Int).Mul(new(big.Int).Abs(m), big.NewInt(2)).Cmp(d) >= 0 {
		if n.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	return ratAmount(new(big.Rat).SetFrac(q, scale))
}

// cents returns n cents as an Amount worth n/100 that encodes as the
// integer n, the form of the API's cents fields.
func cents(n int64) money.Amount {
	a, _ := money.FromMinorUnits(n, 2, "")
	return a
}

// minorUnits returns a in minor units of exponent exp (2 for cents),
// rounded half away from zero; 0 for a null or an amount beyond int64.
func minorUnits(a money.Amount, exp int) int64 {
	if a.IsNull() {
		return 0
	}
	scale := new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(exp)), nil)
	r := new(big.Rat).Mul(amountRat(a), new(big.Rat).SetInt(scale))
	n, d := new(big.Int).Set(r.Num()), r.Denom()
	q, m := new(big.Int).QuoRem(n, d, new(big.Int))
	if new(big.Int).Mul(new(big.Int).Abs(m), big.NewInt(2)).Cmp(d) >= 0 {
		if n.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	if !q.IsInt64() {
		return 0
	}
	return q.Int64()
}

// unitExponent is the minor-unit exponent a commission amount of unit is
// sent with: integer cents for cash (and no unit), the count of the unit
// as is otherwise.
func unitExponent(unit firstpromoter.CommissionUnit) int {
	if unit == firstpromoter.CommissionUnitCash || unit == "" {
		return 2
	}
	return 0
}

// unitAmount returns n, sent as the integer n, as the Amount of a
// commission of unit: n cents for cash, n of the unit otherwise.
func unitAmount(n int64, unit firstpromoter.CommissionUnit) money.Amount {
	a, _ := money.FromMinorUnits(n, unitExponent(unit), "")
	return a
}

// sale returns the commission's sale amount in cents.
func (c *Commission) sale() int64 { return minorUnits(c.SaleAmount, 2) }

// units returns the commission's amount as sent: cents for cash, the
// count of the unit otherwise.
func (c *Commission) units() int64 { return minorUnits(c.Amount, unitExponent(c.Unit)) }

// currencyExponent is the minor-unit exponent of currency, 2 (cents) when
// it is unknown or empty.
func currencyExponent(currency string) int {
	if e, ok := money.Exponent(strings.ToUpper(strings.TrimSpace(currency))); ok {
		return e
	}
	return 2
}

// UnmarshalJSON reads a commission as the API sends it, its cents fields
// (and the amount of a cash commission) as their values: 2500 reads as
// 25.00, as firstpromoter.Commission reads it.
func (c *Commission) UnmarshalJSON(b []byte) error {
	type plain Commission
	if err := json.Unmarshal(b, (*plain)(c)); err != nil {
		return err
	}
	if err := asMinorUnits(2, &c.SaleAmount); err != nil {
		return err
	}
	if err := asMinorUnits(currencyExponent(string(c.OriginalSaleCurrency)), &c.OriginalSaleAmount); err != nil {
		return err
	}
	return asMinorUnits(unitExponent(c.Unit), &c.Amount)
}

// UnmarshalJSON reads revenue_amount, sent in cents, as its value.
func (s *CampaignStats) UnmarshalJSON(b []byte) error {
	type plain CampaignStats
	if err := json.Unmarshal(b, (*plain)(s)); err != nil {
		return err
	}
	return asMinorUnits(2, &s.RevenueAmount)
}

// UnmarshalJSON reads revenue_amount, sent in cents, as its value.
func (s *PromoterStats) UnmarshalJSON(b []byte) error {
	type plain PromoterStats
	if err := json.Unmarshal(b, (*plain)(s)); err != nil {
		return err
	}
	return asMinorUnits(2, &s.RevenueAmount)
}

// UnmarshalJSON reads revenue_amount, sent in cents, as its value.
func (s *PromoterCampaignStats) UnmarshalJSON(b []byte) error {
	type plain PromoterCampaignStats
	if err := json.Unmarshal(b, (*plain)(s)); err != nil {
		return err
	}
	return asMinorUnits(2, &s.RevenueAmount)
}

// asMinorUnits turns each amount, decoded as a plain number, into its
// value as a count of minor units of exponent exp.
func asMinorUnits(exp int, amounts ...*money.Amount) error {
	for _, a := range amounts {
		v, err := a.AsMinorUnits(exp)
		if err != nil {
			return err
		}
		*a = v
	}
	return nil
}
