package everflow

import "github.com/affiliatekit/affiliatekit-go/internal/money"

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
