package tolerant

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// FormattedInt is an integer sent as a JSON number or as a numeric
// string, possibly formatted with thousands separators, spaces or a stray
// trailing comma ("1,234", "10,"). It is read exactly (no float64), so
// every int64 decodes; null and "" are zero.
type FormattedInt int64

// UnmarshalJSON implements json.Unmarshaler.
func (n *FormattedInt) UnmarshalJSON(b []byte) error {
	a, err := FormattedAmountOf(b)
	if err != nil {
		return err
	}
	if a.IsNull() {
		*n = 0
		return nil
	}
	if v, err := a.AsMinorUnits(0); err == nil {
		if i, err := v.MinorUnits(""); err == nil {
			*n = FormattedInt(i)
			return nil
		}
	}
	return fmt.Errorf("%s is not an integer", b)
}

// Int64s converts a slice of FormattedInt, keeping nil as nil.
func Int64s(in []FormattedInt) []int64 {
	if in == nil {
		return nil
	}
	out := make([]int64, len(in))
	for i, v := range in {
		out[i] = int64(v)
	}
	return out
}

// FormattedAmount is an amount sent as a JSON number, a decimal string
// ("59.00") or a formatted string ("3,498.03,"). Value holds the exact
// value and Raw the token exactly as sent: a formatted string is not a
// decimal an Amount can write back, so a record re-encodes Raw while its
// Amount is unchanged (see Encode).
type FormattedAmount struct {
	Value money.Amount
	Raw   string // a string keeps the records that hold it comparable
}

// UnmarshalJSON implements json.Unmarshaler.
func (f *FormattedAmount) UnmarshalJSON(b []byte) error {
	v, err := FormattedAmountOf(b)
	if err != nil {
		return err
	}
	*f = FormattedAmount{Value: v, Raw: string(bytes.TrimSpace(b))}
	return nil
}

// Encode returns the JSON of a record's amount a, decoded as f: the token
// as it was sent while a is still the amount decoded from it, else a's
// own encoding.
func (f FormattedAmount) Encode(a money.Amount) json.RawMessage {
	if a == f.Value && f.Raw != "" {
		return json.RawMessage(f.Raw)
	}
	b, err := a.MarshalJSON()
	if err != nil {
		return json.RawMessage(a.String())
	}
	return b
}

// FormattedAmountOf reads a JSON number, a decimal string, or a formatted
// string with thousands separators, spaces or a trailing comma, exactly;
// null stays null and "" is zero.
func FormattedAmountOf(b []byte) (money.Amount, error) {
	b = bytes.TrimSpace(b)
	var a money.Amount
	if len(b) == 0 {
		return a, nil
	}
	if err := a.UnmarshalJSON(b); err == nil {
		return a, nil
	}
	var s string
	if b[0] != '"' || json.Unmarshal(b, &s) != nil {
		return money.Amount{}, fmt.Errorf("%s is not an amount", b)
	}
	if s = numberCleaner.Replace(s); s == "" {
		return money.Amount{}, nil
	}
	if a, err := money.ParseDecimal(s, ""); err == nil {
		return a, nil
	}
	return money.Amount{}, fmt.Errorf("%s is not an amount", b)
}

// numberCleaner drops the thousands separators, spaces and stray commas
// of a formatted number.
var numberCleaner = strings.NewReplacer(",", "", " ", "")
