package money

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// WholeUnits returns a × 10^exponent, the amount counted in units of
// 10^-exponent whatever its currency: 0 counts whole major units, 2 cents.
// It fails for a null (ErrNull), when a digit would be lost (ErrNotWhole)
// and when the count does not fit an int64 (ErrOverflow).
func WholeUnits(a Amount, exponent int) (int64, error) {
	if a.IsNull() {
		return 0, ErrNull
	}
	whole, frac, _ := strings.Cut(a.String(), ".")
	frac = strings.TrimRight(frac, "0")
	if len(frac) > exponent {
		return 0, fmt.Errorf("%w: %s", ErrNotWhole, a.String())
	}
	frac += strings.Repeat("0", exponent-len(frac))
	n, err := strconv.ParseInt(whole+frac, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%w: %s", ErrOverflow, a.String())
	}
	return n, nil
}

// MinorUnitsOr returns a.MinorUnits(currency), or a counted in units of
// 10^-fallback when neither currency nor the amount's own names a known
// exponent: an API whose integer amounts are cents unless a currency says
// otherwise.
func MinorUnitsOr(a Amount, currency string, fallback int) (int64, error) {
	if a.IsNull() {
		return 0, ErrNull
	}
	units, err := a.MinorUnits(currency)
	if err == nil || !errors.Is(err, ErrUnknownExponent) {
		return units, err
	}
	return WholeUnits(a, fallback)
}

// UnmarshalMinorUnits decodes data into v with encoding/json, then turns
// amounts, fields of v decoded as plain numbers, into counts of minor
// units with exponent (ToMinorUnits): the UnmarshalJSON of a record whose
// amounts are sent as integer cents, called with the record as a type
// without methods. The amounts are zeroed first, so that one absent from
// data is not taken for cents again when v held a converted value.
func UnmarshalMinorUnits(data []byte, v any, exponent int, amounts ...*Amount) error {
	for _, a := range amounts {
		*a = Amount{}
	}
	if err := json.Unmarshal(data, v); err != nil {
		return err
	}
	return ToMinorUnits(exponent, amounts...)
}
