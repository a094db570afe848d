package postaffiliateprotest

import (
	"encoding/json"
	"math/big"
	"strconv"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// The fake keeps amounts exact (postaffiliatepro.Amount, the same type as
// money.Amount) and computes with them without float64.

// cents returns n hundredths of the major unit as a decimal amount
// ("12.50"), which is how the fake stores and serves money.
func cents(n int64) money.Amount {
	a, _ := money.FromMinorUnits(n, 2, "")
	return decimal(a)
}

// decimal returns a as a plain decimal amount in major units, without the
// JSON token it was read from.
func decimal(a money.Amount) money.Amount {
	if a.IsNull() {
		return a
	}
	d, err := money.ParseDecimal(a.String(), a.Currency())
	if err != nil {
		return a
	}
	return d
}

// negate returns -a.
func negate(a money.Amount) money.Amount {
	if a.IsNull() || a.IsZero() {
		return a
	}
	s := a.String()
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		s = rest
	} else {
		s = "-" + s
	}
	d, _ := money.ParseDecimal(s, a.Currency())
	return d
}

// sum returns a + b, or a when the sum is not representable.
func sum(a, b money.Amount) money.Amount {
	if s, err := a.Add(b); err == nil {
		return s
	}
	return a
}

// cmp compares a and b by value; a null or an error compares equal.
func cmp(a, b money.Amount) int {
	c, _ := a.Cmp(b)
	return c
}

// percentOf returns rate percent of a, rounded half away from zero to the
// cent. The rate is read as its shortest decimal text (12.5 is 12.5), so
// the product is exact before the rounding.
func percentOf(a money.Amount, rate float64) money.Amount {
	x, ok := new(big.Rat).SetString(a.String())
	if !ok {
		return money.Amount{}
	}
	p, ok := new(big.Rat).SetString(strconv.FormatFloat(rate, 'f', -1, 64))
	if !ok {
		return money.Amount{}
	}
	x.Mul(x, p).Quo(x, big.NewRat(100, 1))
	d, err := money.ParseDecimal(x.FloatString(2), a.Currency())
	if err != nil {
		return money.Amount{}
	}
	return d
}

// wireAmount renders an amount as the fake sends it: a JSON number in its
// shortest exact form (12.5, 25, 0.0125), or with WithStringNumbers a
// string with at least two decimals ("12.50"). A null amount is null.
func (s *Server) wireAmount(a money.Amount) any {
	if a.IsNull() {
		return nil
	}
	text := a.String()
	intPart, frac, _ := strings.Cut(text, ".")
	if s.stringNumbers {
		for len(frac) < 2 {
			frac += "0"
		}
		return intPart + "." + frac
	}
	frac = strings.TrimRight(frac, "0")
	if frac == "" {
		if intPart == "-0" {
			intPart = "0"
		}
		return json.Number(intPart)
	}
	return json.Number(intPart + "." + frac)
}
