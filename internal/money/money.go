// Package money holds Amount, the exact amount of money every platform
// package uses in place of float64: it keeps what the platform sent
// (integer minor units or decimal text), its currency when known, and a
// JSON null apart from zero.
package money

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
)

// maxScale bounds the decimal places an Amount holds.
const maxScale = 18

// Amount is an exact amount of money: value = coef × 10^-scale. The zero
// value is zero, in an unknown currency. An Amount decoded from JSON
// encodes back to exactly what was sent.
type Amount struct {
	coef  int64
	scale int8
	cur   string
	null  bool
	// minor, when set, says the wire form is an integer count of minor
	// units with exponent minorExp (FirstPromoter's and PartnerStack's
	// cents); otherwise it is a decimal in major units.
	minor    bool
	minorExp int8
	// raw is the JSON token as the platform sent it, written back as is;
	// empty for an Amount built in code or changed by arithmetic.
	raw string
}

// Errors of the conversions.
var (
	// ErrCurrencyMismatch: an operation on amounts of two known,
	// different currencies.
	ErrCurrencyMismatch = errors.New("money: different currencies")
	// ErrUnknownExponent: the currency's minor-unit exponent is not known.
	ErrUnknownExponent = errors.New("money: unknown currency exponent")
	// ErrNotWhole: the amount is not a whole number of minor units.
	ErrNotWhole = errors.New("money: not a whole number of minor units")
	// ErrOverflow: the amount does not fit.
	ErrOverflow = errors.New("money: amount out of range")
	// ErrNull: the amount is a JSON null.
	ErrNull = errors.New("money: amount is null")
)

// FromMinorUnits returns units minor units of a currency whose minor unit
// is 10^-exponent of its major unit (2 for cents), in currency ("" when
// unknown). It encodes to JSON as the integer units.
func FromMinorUnits(units int64, exponent int, currency string) (Amount, error) {
	if exponent < 0 || exponent > maxScale {
		return Amount{}, fmt.Errorf("money: exponent %d out of range 0..%d", exponent, maxScale)
	}
	return Amount{coef: units, scale: int8(exponent), cur: normCurrency(currency), minor: true, minorExp: int8(exponent)}, nil
}

// ParseDecimal parses decimal text in major units ("12.50", "-0.0125",
// "1e3") in currency ("" when unknown). It encodes to JSON as a number.
func ParseDecimal(text, currency string) (Amount, error) {
	coef, scale, err := parseDecimal(strings.TrimSpace(text))
	if err != nil {
		return Amount{}, err
	}
	return Amount{coef: coef, scale: scale, cur: normCurrency(currency)}, nil
}

// Null returns the amount that stands for a JSON null.
func Null() Amount { return Amount{null: true} }

// IsNull reports whether the amount is a JSON null.
func (a Amount) IsNull() bool { return a.null }

// IsZero reports whether the amount is zero (and not null); encoding/json's
// omitzero leaves such an amount out.
func (a Amount) IsZero() bool { return !a.null && a.coef == 0 }

// Sign returns -1, 0 or +1.
func (a Amount) Sign() int {
	switch {
	case a.coef < 0:
		return -1
	case a.coef > 0:
		return 1
	}
	return 0
}

// Currency returns the ISO 4217 code, or "" when unknown.
func (a Amount) Currency() string { return a.cur }

// WithCurrency returns the amount in currency (a record's currency field
// read beside it). The JSON encoding is unchanged.
func (a Amount) WithCurrency(currency string) Amount {
	a.cur = normCurrency(currency)
	return a
}

// AsMinorUnits reinterprets an amount decoded as a plain number as a count
// of minor units with the given exponent: 2500 read from a cents field
// becomes 25.00. The JSON encoding is unchanged.
func (a Amount) AsMinorUnits(exponent int) (Amount, error) {
	if a.null {
		return a, nil
	}
	if exponent < 0 || int(a.scale)+exponent > maxScale {
		return Amount{}, fmt.Errorf("money: exponent %d out of range", exponent)
	}
	a.scale += int8(exponent)
	a.minor, a.minorExp = true, int8(exponent)
	return a, nil
}

// MinorUnits returns the amount as a whole number of minor units of
// currency (the amount's own when currency is ""). It fails when the
// currency's exponent is unknown, when the currencies differ, and when
// the amount is not whole in minor units (Everflow's 0.0125 USD).
func (a Amount) MinorUnits(currency string) (int64, error) {
	if a.null {
		return 0, ErrNull
	}
	cur := normCurrency(currency)
	switch {
	case cur == "":
		cur = a.cur
	case a.cur != "" && a.cur != cur:
		return 0, fmt.Errorf("%w: %s and %s", ErrCurrencyMismatch, a.cur, cur)
	}
	exp, ok := Exponent(cur)
	if !ok {
		if a.minor && cur == "" {
			exp = int(a.minorExp)
		} else {
			return 0, fmt.Errorf("%w: %q", ErrUnknownExponent, cur)
		}
	}
	return rescale(a.coef, int(a.scale), exp)
}

// String returns the exact decimal in major units ("25.00", "-0.0125"),
// what a database numeric column stores, or "null".
func (a Amount) String() string {
	if a.null {
		return "null"
	}
	return formatDecimal(a.coef, int(a.scale))
}

// Add returns a + b. Amounts of two known, different currencies are an
// error; the result takes the known currency.
func (a Amount) Add(b Amount) (Amount, error) {
	cur, err := common(a, b)
	if err != nil {
		return Amount{}, err
	}
	if a.null || b.null {
		return Amount{}, ErrNull
	}
	x, y, scale, err := align(a, b)
	if err != nil {
		return Amount{}, err
	}
	s := x + y
	if (s > x) != (y > 0) {
		return Amount{}, ErrOverflow
	}
	out := Amount{coef: s, scale: int8(scale), cur: cur}
	if a.minor && b.minor && a.minorExp == b.minorExp {
		out.minor, out.minorExp = true, a.minorExp
	}
	return out, nil
}

// Cmp compares a and b by value: -1, 0 or +1. Amounts of two known,
// different currencies, or a null, are an error.
func (a Amount) Cmp(b Amount) (int, error) {
	if _, err := common(a, b); err != nil {
		return 0, err
	}
	if a.null || b.null {
		return 0, ErrNull
	}
	x, y, _, err := align(a, b)
	if err != nil {
		// One side does not fit at the other's scale: compare as text
		// of equal scale is not possible, so compare signs and sizes.
		return cmpLarge(a, b), nil
	}
	switch {
	case x < y:
		return -1, nil
	case x > y:
		return 1, nil
	}
	return 0, nil
}

// MarshalJSON writes what the platform sent; an Amount built in code
// writes integer minor units or a decimal number, as it was built.
func (a Amount) MarshalJSON() ([]byte, error) {
	switch {
	case a.null:
		return []byte("null"), nil
	case a.raw != "":
		return []byte(a.raw), nil
	case a.minor:
		units, err := rescale(a.coef, int(a.scale), int(a.minorExp))
		if err != nil {
			return nil, err
		}
		return strconv.AppendInt(nil, units, 10), nil
	}
	return []byte(formatDecimal(a.coef, int(a.scale))), nil
}

// UnmarshalJSON reads a JSON number, a string holding a decimal, or null,
// as major units; AsMinorUnits turns a cents field into its value.
func (a *Amount) UnmarshalJSON(b []byte) error {
	text := strings.TrimSpace(string(b))
	if text == "null" {
		*a = Amount{null: true}
		return nil
	}
	num := text
	if strings.HasPrefix(text, `"`) {
		s, err := strconv.Unquote(text)
		if err != nil {
			return fmt.Errorf("money: %w", err)
		}
		num = strings.TrimSpace(s)
	}
	coef, scale, err := parseDecimal(num)
	if err != nil {
		return err
	}
	*a = Amount{coef: coef, scale: scale, raw: text}
	return nil
}

// Format prints the decimal and, when known, the currency ("25.00 USD"),
// padded to the width asked for (left-aligned with the - flag).
func (a Amount) Format(f fmt.State, verb rune) {
	s := a.String()
	if a.cur != "" && !a.null {
		s += " " + a.cur
	}
	if verb == 'q' {
		s = strconv.Quote(s)
	}
	if w, ok := f.Width(); ok && len(s) < w {
		pad := strings.Repeat(" ", w-len(s))
		if f.Flag('-') {
			s += pad
		} else {
			s = pad + s
		}
	}
	_, _ = f.Write([]byte(s))
}

func common(a, b Amount) (string, error) {
	switch {
	case a.cur == "":
		return b.cur, nil
	case b.cur == "" || a.cur == b.cur:
		return a.cur, nil
	}
	return "", fmt.Errorf("%w: %s and %s", ErrCurrencyMismatch, a.cur, b.cur)
}

// align brings a and b to the larger scale.
func align(a, b Amount) (x, y int64, scale int, err error) {
	scale = int(max(a.scale, b.scale))
	if x, err = rescale(a.coef, int(a.scale), scale); err != nil {
		return 0, 0, 0, err
	}
	if y, err = rescale(b.coef, int(b.scale), scale); err != nil {
		return 0, 0, 0, err
	}
	return x, y, scale, nil
}

func cmpLarge(a, b Amount) int {
	if a.Sign() != b.Sign() {
		return a.Sign() - b.Sign()
	}
	// Same sign; the one that overflows at the larger scale is the larger
	// in magnitude.
	_, errA := rescale(a.coef, int(a.scale), int(max(a.scale, b.scale)))
	if errA != nil {
		return a.Sign()
	}
	return -a.Sign()
}

// rescale returns coef × 10^(to-from), failing when a digit would be lost
// or the result does not fit.
func rescale(coef int64, from, to int) (int64, error) {
	for ; from < to; from++ {
		if coef > math.MaxInt64/10 || coef < math.MinInt64/10 {
			return 0, ErrOverflow
		}
		coef *= 10
	}
	for ; from > to; from-- {
		if coef%10 != 0 {
			return 0, ErrNotWhole
		}
		coef /= 10
	}
	return coef, nil
}

// parseDecimal parses [-]digits[.digits][e[+-]digits] exactly.
func parseDecimal(s string) (int64, int8, error) {
	bad := func() (int64, int8, error) { return 0, 0, fmt.Errorf("money: %q is not a decimal amount", s) }
	if s == "" {
		return bad()
	}
	mant, exp := s, 0
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		e, err := strconv.Atoi(s[i+1:])
		if err != nil || e > 2*maxScale || e < -2*maxScale {
			return bad()
		}
		mant, exp = s[:i], e
	}
	neg := false
	switch {
	case strings.HasPrefix(mant, "-"):
		neg, mant = true, mant[1:]
	case strings.HasPrefix(mant, "+"):
		mant = mant[1:]
	}
	intPart, frac, hasDot := strings.Cut(mant, ".")
	if (intPart == "" && frac == "") || (hasDot && frac == "" && intPart == "") {
		return bad()
	}
	digits := intPart + frac
	var coef int64
	for _, r := range digits {
		if r < '0' || r > '9' {
			return bad()
		}
		d := int64(r - '0')
		if coef > (math.MaxInt64-d)/10 {
			return 0, 0, fmt.Errorf("%w: %q", ErrOverflow, s)
		}
		coef = coef*10 + d
	}
	scale := len(frac) - exp
	for scale < 0 {
		if coef > math.MaxInt64/10 {
			return 0, 0, fmt.Errorf("%w: %q", ErrOverflow, s)
		}
		coef *= 10
		scale++
	}
	for scale > maxScale && coef%10 == 0 {
		coef /= 10
		scale--
	}
	if scale > maxScale {
		return 0, 0, fmt.Errorf("money: %q has more than %d decimal places", s, maxScale)
	}
	if neg {
		coef = -coef
	}
	return coef, int8(scale), nil
}

func formatDecimal(coef int64, scale int) string {
	neg := coef < 0
	var digits string
	if neg {
		digits = strconv.FormatUint(uint64(-(coef+1))+1, 10)
	} else {
		digits = strconv.FormatInt(coef, 10)
	}
	if scale > 0 {
		if len(digits) <= scale {
			digits = strings.Repeat("0", scale-len(digits)+1) + digits
		}
		digits = digits[:len(digits)-scale] + "." + digits[len(digits)-scale:]
	}
	if neg {
		return "-" + digits
	}
	return digits
}

func normCurrency(c string) string { return strings.ToUpper(strings.TrimSpace(c)) }

// ToMinorUnits turns each amount, decoded as a plain number, into a count
// of minor units with the given exponent (AsMinorUnits), in place: a
// record whose amounts are cents calls it from its UnmarshalJSON.
func ToMinorUnits(exponent int, amounts ...*Amount) error {
	for _, a := range amounts {
		v, err := a.AsMinorUnits(exponent)
		if err != nil {
			return err
		}
		*a = v
	}
	return nil
}

// SetCurrency gives each amount the currency its record carries, in place.
func SetCurrency(currency string, amounts ...*Amount) {
	for _, a := range amounts {
		*a = a.WithCurrency(currency)
	}
}
