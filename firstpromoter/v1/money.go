package v1

import (
	"fmt"
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

// centsExponent is the minor-unit exponent of the API's integer amounts
// when the currency is not known: cents.
const centsExponent = 2

// unitCash is the unit of rewards, payouts and balances paid in money;
// the others (points, free_months, credits, ...) are counts.
const unitCash = "cash"

// toMinor returns a as the integer the API expects for an amount: whole
// minor units of currency (the amount's own when currency is ""; cents
// when neither is known; whole units for zero-decimal currencies such as
// JPY). An amount finer than the minor unit, a null and mixed currencies
// are errors.
func toMinor(a Amount, currency string) (int64, error) {
	return money.MinorUnitsOr(a, currency, centsExponent)
}

// toCount returns a as a whole number (exponent 0): the count of a
// non-cash unit (points, free months).
func toCount(a Amount) (int64, error) { return money.WholeUnits(a, 0) }

// minorText is toMinor as the decimal text of a form field.
func minorText(a Amount, currency string) (string, error) {
	n, err := toMinor(a, currency)
	if err != nil {
		return "", err
	}
	return strconv.FormatInt(n, 10), nil
}

// unitAmount decodes an amount whose meaning depends on its unit: cents
// for cash (and for an unknown unit), a plain count for points, free
// months and the other non-cash units.
func unitAmount(a *Amount, unit string) error {
	if unit == "" || unit == unitCash {
		return money.ToMinorUnits(centsExponent, a)
	}
	return nil
}

// parseDisplayAmount reads a formatted money text as the v1 reports send
// it ("$613.17", "-€5.00", "1,234.50"): an optional sign, a currency
// symbol and thousands separators around an exact decimal in major units.
// The symbol does not name a currency for certain ("$"), so the amount
// carries none.
func parseDisplayAmount(text string) (Amount, error) {
	s := strings.TrimSpace(text)
	neg := false
	if strings.HasPrefix(s, "-") {
		neg, s = true, strings.TrimSpace(s[1:])
	}
	s = strings.TrimLeftFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '-' && r != '.' })
	s = strings.TrimRightFunc(s, func(r rune) bool { return r < '0' || r > '9' })
	if strings.HasPrefix(s, "-") {
		neg, s = !neg, s[1:]
	}
	s = strings.ReplaceAll(s, ",", "")
	if s == "" {
		return Amount{}, fmt.Errorf("no amount in %q", text)
	}
	if neg {
		s = "-" + s
	}
	a, err := money.ParseDecimal(s, "")
	if err != nil {
		return Amount{}, fmt.Errorf("amount %q: %w", text, err)
	}
	return a, nil
}
