package partnerstack

import (
	"encoding/json"
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

// centsOf returns a as a whole number of hundredths, the unit
// PartnerStack documents for every amount ("cents"), whatever the
// currency: the decoders read the same unit. An amount finer than a
// hundredth, or in another known currency than the body's, is an error.
func centsOf(a Amount, currency string) (int64, error) {
	if c := a.Currency(); currency != "" && c != "" && !strings.EqualFold(c, strings.TrimSpace(currency)) {
		return 0, fmt.Errorf("%w: %s and %s", money.ErrCurrencyMismatch, c, currency)
	}
	// USD stands for any currency of two decimals.
	return a.WithCurrency("").MinorUnits("USD")
}

// centsJSON encodes a for a request body as integer minor units (see
// centsOf); a null encodes as null. When omitZero is set, a zero amount
// encodes as nil, which an omitempty json.RawMessage field leaves out.
func centsJSON(a Amount, currency string, omitZero bool) (json.RawMessage, error) {
	switch {
	case a.IsNull():
		return json.RawMessage("null"), nil
	case omitZero && a.IsZero():
		return nil, nil
	}
	n, err := centsOf(a, currency)
	if err != nil {
		return nil, fmt.Errorf("partnerstack: amount %s: %w", a.String(), err)
	}
	return strconv.AppendInt(nil, n, 10), nil
}

// fromCents turns amounts decoded as plain numbers, which PartnerStack
// sends as integer cents, into their values, in currency ("" when the
// record carries none).
func fromCents(currency string, amounts ...*Amount) error {
	if err := money.ToMinorUnits(2, amounts...); err != nil {
		return err
	}
	if currency != "" {
		money.SetCurrency(currency, amounts...)
	}
	return nil
}
