package everflowtest

import (
	"math/big"
	"strconv"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// cents returns n hundredths of the major unit, written as Everflow
// writes an amount: the shortest decimal ("10", "10.5", "10.25").
func cents(n int64) money.Amount {
	a, _ := money.FromMinorUnits(n, 2, "")
	return shortest(a)
}

// shortest returns a written without trailing fractional zeros; a null
// stays null.
func shortest(a money.Amount) money.Amount {
	if a.IsNull() {
		return a
	}
	s := a.String()
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	out, err := money.ParseDecimal(s, a.Currency())
	if err != nil {
		return a
	}
	return out
}

// plus returns a + b for the fake's totals, whatever the currencies: a
// null counts as zero, and an overflow keeps a.
func plus(a, b money.Amount) money.Amount {
	if b.IsNull() {
		return a
	}
	if a.IsNull() {
		a = money.Amount{}
	}
	s, err := a.WithCurrency("").Add(b.WithCurrency(""))
	if err != nil {
		return a
	}
	return s
}

// minus returns a - b, as plus does.
func minus(a, b money.Amount) money.Amount {
	if b.IsNull() {
		return a
	}
	s := b.String()
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		s = rest
	} else {
		s = "-" + s
	}
	n, err := money.ParseDecimal(s, "")
	if err != nil {
		return a
	}
	return plus(a, n)
}

// rat returns a as an exact fraction (zero for a null).
func rat(a money.Amount) *big.Rat {
	r, ok := new(big.Rat).SetString(a.String())
	if !ok {
		return new(big.Rat)
	}
	return r
}

// rounded returns r rounded to two decimals, halves away from zero.
func rounded(r *big.Rat) money.Amount {
	a, err := money.ParseDecimal(r.FloatString(2), "")
	if err != nil {
		return money.Amount{}
	}
	return shortest(a)
}

// ratioPercent returns r × 100 rounded to two decimals, a percentage.
func ratioPercent(r *big.Rat) float64 {
	v, _ := strconv.ParseFloat(new(big.Rat).Mul(r, big.NewRat(100, 1)).FloatString(2), 64)
	return v
}
