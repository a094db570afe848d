package firstpromotertest

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// Money in the fake is exact: integer cents (int64) where the API sends
// integers, and money.Amount (the firstpromoter.Amount type) where the
// API sends numbers that may be fractional, such as payout totals
// including tax. Neither passes through float64.

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
