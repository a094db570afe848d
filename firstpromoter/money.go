package firstpromoter

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// Amount is an exact amount of money, the same type in every package of
// this module. It holds what the platform sent (integer minor units or
// decimal text) and its currency when the record carries one; its zero
// value is zero, and a JSON null stays null. Its methods:
//   - String() string: the exact decimal in major units ("25.00"), what a
//     database numeric column stores ("null" for a null);
//   - MinorUnits(currency string) (int64, error): whole minor units, an
//     error for an unknown currency exponent, mixed currencies or an amount
//     finer than the minor unit (0.0125 USD);
//   - Currency() string and WithCurrency(string) Amount;
//   - Add(Amount) (Amount, error) and Cmp(Amount) (int, error), which
//     refuse two different known currencies;
//   - IsZero() bool, IsNull() bool, Sign() int;
//   - MarshalJSON writes back exactly what the platform sent.
//
// Build one with [ParseAmount] or [AmountFromMinorUnits].
type Amount = money.Amount

// ParseAmount parses decimal text in major units ("12.50") in currency
// ("" when unknown).
func ParseAmount(text, currency string) (Amount, error) { return money.ParseDecimal(text, currency) }

// AmountFromMinorUnits returns units minor units (cents when exponent is
// 2) in currency ("" when unknown).
func AmountFromMinorUnits(units int64, exponent int, currency string) (Amount, error) {
	return money.FromMinorUnits(units, exponent, currency)
}

// centsExponent is the minor-unit exponent FirstPromoter's integer amounts
// use when the currency is not known: cents.
const centsExponent = 2

// minorExponent returns the minor-unit exponent of currency, cents when it
// is unknown or empty.
func minorExponent(currency string) int {
	if e, ok := money.Exponent(strings.ToUpper(strings.TrimSpace(currency))); ok {
		return e
	}
	return centsExponent
}

// toCents returns a as the integer FirstPromoter expects for a cents
// field: whole minor units of currency (the amount's own when currency is
// ""; cents when neither is known). An amount finer than the minor unit,
// a null and mixed currencies are errors.
func toCents(a Amount, currency string) (int64, error) {
	return money.MinorUnitsOr(a, currency, centsExponent)
}

// toCount returns a as a whole number (exponent 0): the count of a
// non-cash unit (points, credits, free months).
func toCount(a Amount) (int64, error) { return money.WholeUnits(a, 0) }

// AmountRange filters on a money field in cents:
// filters[<field>][from]/[to]. A nil bound is not sent; a bound is sent as
// integer cents (an amount built with [ParseAmount]("25.00", "") sends
// 2500, one built with [AmountFromMinorUnits](2500, 2, "") too).
type AmountRange struct {
	From *Amount
	To   *Amount
}

// EncodeValues implements go-querystring's Encoder.
func (r AmountRange) EncodeValues(key string, v *url.Values) error {
	for _, b := range []struct {
		name string
		a    *Amount
	}{{"from", r.From}, {"to", r.To}} {
		if b.a == nil {
			continue
		}
		c, err := toCents(*b.a, "")
		if err != nil {
			return fmt.Errorf("%s[%s]: %w", key, b.name, err)
		}
		v.Set(key+"["+b.name+"]", strconv.FormatInt(c, 10))
	}
	return nil
}
