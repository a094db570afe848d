package refersiontest

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// fields is a decoded JSON object of a request body. Refersion is lenient
// about types (its spec sends page and limit as strings, peer code sends
// numbers), so the accessors take a value in either form.
type fields map[string]json.RawMessage

// present reports a key whose value is not null or "".
func (f fields) present(k string) bool {
	v, ok := f[k]
	if !ok {
		return false
	}
	v = bytes.TrimSpace(v)
	return !bytes.Equal(v, []byte("null")) && !bytes.Equal(v, []byte(`""`))
}

// str returns a string value, or a number's text.
func (f fields) str(k string) (string, bool) {
	v, ok := f[k]
	if !ok {
		return "", false
	}
	var s string
	if json.Unmarshal(v, &s) == nil {
		return s, true
	}
	var n json.Number
	if json.Unmarshal(v, &n) == nil {
		return n.String(), true
	}
	return "", false
}

// int returns an integer given as a number or a numeric string, read
// exactly.
func (f fields) int(k string) (int64, bool) {
	a, ok := f.amount(k)
	if !ok {
		return 0, false
	}
	if a, err := a.AsMinorUnits(0); err == nil {
		n, err := a.MinorUnits("")
		return n, err == nil
	}
	return 0, false
}

// amount returns an exact decimal given as a number or a numeric string.
func (f fields) amount(k string) (money.Amount, bool) {
	s, ok := f.str(k)
	if !ok {
		return money.Amount{}, false
	}
	a, err := money.ParseDecimal(s, "")
	return a, err == nil
}

// bool returns true/false given as a JSON boolean or "TRUE"/"FALSE".
func (f fields) bool(k string) (bool, bool) {
	v, ok := f[k]
	if !ok {
		return false, false
	}
	var b bool
	if json.Unmarshal(v, &b) == nil {
		return b, true
	}
	s, ok := f.str(k)
	switch strings.ToUpper(s) {
	case "TRUE", "1":
		return true, ok
	case "FALSE", "0":
		return false, ok
	}
	return false, false
}

// list returns the elements of an array value.
func (f fields) list(k string) ([]json.RawMessage, bool) {
	var l []json.RawMessage
	if json.Unmarshal(f[k], &l) != nil {
		return nil, false
	}
	return l, true
}

// objects returns an array of objects.
func (f fields) objects(k string) ([]fields, bool) {
	var l []fields
	if json.Unmarshal(f[k], &l) != nil {
		return nil, false
	}
	for _, o := range l {
		if o == nil {
			return nil, false
		}
	}
	return l, true
}

// strs returns an array of strings (numbers taken as their text).
func (f fields) strs(k string) ([]string, bool) {
	l, ok := f.list(k)
	if !ok {
		return nil, false
	}
	out := make([]string, len(l))
	for i, raw := range l {
		s, ok := fields{"v": raw}.str("v")
		if !ok {
			return nil, false
		}
		out[i] = s
	}
	return out, true
}

// ints returns an array of integers (numbers or numeric strings).
func (f fields) ints(k string) ([]int64, bool) {
	l, ok := f.list(k)
	if !ok {
		return nil, false
	}
	out := make([]int64, len(l))
	for i, raw := range l {
		n, ok := fields{"v": raw}.int("v")
		if !ok {
			return nil, false
		}
		out[i] = n
	}
	return out, true
}

// raw returns the JSON text of a value, for error messages.
func (f fields) raw(k string) string {
	if s, ok := f.str(k); ok {
		return s
	}
	return string(f[k])
}

// oneOf reports whether v is one of the allowed values.
func oneOf(v string, allowed ...string) bool {
	for _, a := range allowed {
		if v == a {
			return true
		}
	}
	return false
}
