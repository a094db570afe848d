package refersion

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// FlexString is a string that Refersion sends either as a JSON string or as
// a JSON number; it decodes both (37567438 and "694c" alike) and null as "".
// It encodes as a JSON string.
type FlexString string

// UnmarshalJSON implements json.Unmarshaler.
func (s *FlexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || bytes.Equal(b, []byte("null")):
		*s = ""
		return nil
	case b[0] == '"':
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = FlexString(v)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("refersion: %s is neither a string nor a number", b)
	}
	*s = FlexString(n.String())
	return nil
}

// String returns the value.
func (s FlexString) String() string { return string(s) }

// isID reports whether the value is an identifier: neither empty (null or
// absent) nor zero.
func (s FlexString) isID() bool {
	n, ok := s.Int64()
	return s != "" && (!ok || n != 0)
}

// Int64 returns the value as an integer, reporting false when it is not one
// (an affiliate code such as "694c").
func (s FlexString) Int64() (int64, bool) {
	n, err := strconv.ParseInt(string(s), 10, 64)
	return n, err == nil
}

// flexInt is an integer that may arrive as a JSON number or as a numeric
// string, with thousands separators or a stray trailing comma ("10,"), as
// Refersion's own examples show.
type flexInt int64

// UnmarshalJSON implements json.Unmarshaler. It reads the text exactly
// (no float64), so every int64 decodes; null and "" are zero.
func (n *flexInt) UnmarshalJSON(b []byte) error {
	a, err := decodeAmount(b)
	if err != nil {
		return err
	}
	if a.IsNull() {
		*n = 0
		return nil
	}
	v, err := a.AsMinorUnits(0)
	if err == nil {
		var i int64
		if i, err = v.MinorUnits(""); err == nil {
			*n = flexInt(i)
			return nil
		}
	}
	return fmt.Errorf("refersion: %s is not an integer", b)
}

// flexAmount is an amount Refersion sends as a JSON number, a decimal
// string ("59.00") or a formatted string ("3,498.03,", its conversion/totals
// example). Value holds the exact value and Raw the token exactly as sent:
// a formatted string is not a decimal Amount can write back, so a record
// re-encodes Raw while its Amount is unchanged (see encodeAmount).
type flexAmount struct {
	Value Amount
	Raw   string // a string keeps the records that hold it comparable
}

// UnmarshalJSON implements json.Unmarshaler.
func (f *flexAmount) UnmarshalJSON(b []byte) error {
	v, err := decodeAmount(b)
	if err != nil {
		return err
	}
	*f = flexAmount{Value: v, Raw: string(bytes.TrimSpace(b))}
	return nil
}

// encodeAmount returns the JSON of a record's amount: the token as it was
// sent when the amount is still the one decoded from it, else the amount's
// own encoding.
func encodeAmount(a Amount, decoded flexAmount) json.RawMessage {
	if a == decoded.Value && decoded.Raw != "" {
		return json.RawMessage(decoded.Raw)
	}
	b, err := a.MarshalJSON()
	if err != nil {
		return json.RawMessage(a.String())
	}
	return b
}

// decodeAmount reads a JSON number, a decimal string, or a formatted
// string with thousands separators, spaces or a trailing comma, exactly;
// null stays null and "" is zero.
func decodeAmount(b []byte) (Amount, error) {
	b = bytes.TrimSpace(b)
	var a Amount
	if len(b) == 0 {
		return a, nil
	}
	if err := a.UnmarshalJSON(b); err == nil {
		return a, nil
	}
	if b[0] != '"' {
		return Amount{}, fmt.Errorf("refersion: %s is not an amount", b)
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return Amount{}, err
	}
	s = numberCleaner.Replace(s)
	if s == "" {
		return Amount{}, nil
	}
	a, err := money.ParseDecimal(s, "")
	if err != nil {
		return Amount{}, fmt.Errorf("refersion: %s is not an amount", b)
	}
	return a, nil
}

// numberCleaner drops the thousands separators, spaces and stray commas
// of a formatted number.
var numberCleaner = strings.NewReplacer(",", "", " ", "")

func int64s(in []flexInt) []int64 {
	if in == nil {
		return nil
	}
	out := make([]int64, len(in))
	for i, v := range in {
		out[i] = int64(v)
	}
	return out
}

// CustomField is an answer to one of the custom questions of the affiliate
// registration form.
type CustomField struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// ChangeResult is the answer of the batch writes affiliate/edit,
// affiliate/status_change and conversion/status_change. Always check it: ids
// the API did not change are listed in IDsNotChanged, not reported as an
// error.
type ChangeResult struct {
	IDsChanged    []int64 `json:"ids_changed"`
	IDsNotChanged []int64 `json:"ids_not_changed"`
}

// UnmarshalJSON decodes the id lists, accepting ids sent as numbers or as
// numeric strings.
func (r *ChangeResult) UnmarshalJSON(b []byte) error {
	var w struct {
		IDsChanged    []flexInt `json:"ids_changed"`
		IDsNotChanged []flexInt `json:"ids_not_changed"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	r.IDsChanged, r.IDsNotChanged = int64s(w.IDsChanged), int64s(w.IDsNotChanged)
	return nil
}

// Changed reports whether id is among the changed ids.
func (r *ChangeResult) Changed(id int64) bool {
	for _, v := range r.IDsChanged {
		if v == id {
			return true
		}
	}
	return false
}
