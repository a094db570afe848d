package webhookkit

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
)

// The types below decode fields whose JSON type the platforms do not pin
// down: their documentation and their examples disagree, or only a field
// list is published. Each accepts every reasonable spelling and null.

// Int is an integer sent as a number or a numeric string; null and ""
// decode as 0.
type Int int64

// UnmarshalJSON implements json.Unmarshaler.
func (n *Int) UnmarshalJSON(b []byte) error {
	s, err := scalarText(b)
	if err != nil {
		return err
	}
	v, err := ParseInt(s)
	*n = Int(v)
	return err
}

// Float is a decimal amount sent as a number or a numeric string ("59.00",
// "1,234.56"); null and "" decode as 0.
type Float float64

// UnmarshalJSON implements json.Unmarshaler.
func (f *Float) UnmarshalJSON(b []byte) error {
	s, err := scalarText(b)
	if err != nil {
		return err
	}
	v, err := ParseFloat(s)
	*f = Float(v)
	return err
}

// Bool is a boolean sent as true/false, 1/0 or their string forms
// ("true", "1", "yes"); null and "" decode as false.
type Bool bool

// UnmarshalJSON implements json.Unmarshaler.
func (v *Bool) UnmarshalJSON(b []byte) error {
	s, err := scalarText(b)
	if err != nil {
		return err
	}
	x, err := ParseBool(s)
	*v = Bool(x)
	return err
}

// String is text sent as a string or a number (kept as written); null
// decodes as "".
type String string

// UnmarshalJSON implements json.Unmarshaler.
func (v *String) UnmarshalJSON(b []byte) error {
	s, err := scalarText(b)
	*v = String(s)
	return err
}

// Time is an instant sent as RFC 3339, "2006-01-02 15:04:05" or
// "2006-01-02" (read as UTC), or as unix seconds or milliseconds (a number
// or a numeric string); null, "" and 0 decode as the zero time.
type Time time.Time

// UnmarshalJSON implements json.Unmarshaler.
func (t *Time) UnmarshalJSON(b []byte) error {
	s, err := scalarText(b)
	if err != nil {
		return err
	}
	v, err := ParseTime(s)
	*t = Time(v)
	return err
}

// Ptr returns the time, or nil for the zero time.
func (t Time) Ptr() *time.Time {
	if time.Time(t).IsZero() {
		return nil
	}
	v := time.Time(t)
	return &v
}

// scalarText returns a JSON string's content or a JSON number's or
// boolean's text; null is "". Objects and arrays are an error.
func scalarText(b []byte) (string, error) {
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		return "", nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return "", err
		}
		return strings.TrimSpace(s), nil
	case b[0] == '{' || b[0] == '[':
		return "", fmt.Errorf("want a scalar, got %.20s", b)
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err == nil {
		return n.String(), nil
	}
	var v bool
	if err := json.Unmarshal(b, &v); err != nil {
		return "", fmt.Errorf("want a scalar, got %.20s", b)
	}
	return strconv.FormatBool(v), nil
}

// ParseInt reads an integer; "" is 0. A decimal with no fraction ("12.0")
// is accepted.
func ParseInt(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, fmt.Errorf("%q is not an integer", s)
	}
	return int64(f), nil
}

// ParseFloat reads a decimal amount; thousands separators and spaces are
// dropped and "" is 0. Infinities and NaN are refused.
func ParseFloat(s string) (float64, error) {
	s = strings.NewReplacer(",", "", " ", "").Replace(s)
	if s == "" {
		return 0, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	return f, nil
}

// ParseBool reads true/false, 1/0, yes/no and on/off in any case; "" is
// false.
func ParseBool(s string) (bool, error) {
	switch strings.ToLower(s) {
	case "", "false", "0", "no", "off":
		return false, nil
	case "true", "1", "yes", "on":
		return true, nil
	}
	return false, fmt.Errorf("%q is not a boolean", s)
}

// secondsBelow is the magnitude under which a numeric time is read as unix
// seconds rather than milliseconds (1e11 seconds is the year 5138).
const secondsBelow = 1e11

// timeLayouts are the text forms ParseTime reads, the zone-less ones as
// UTC.
var timeLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02",
}

// ParseTime reads RFC 3339, "2006-01-02 15:04:05", "2006-01-02" (UTC), or
// unix seconds or milliseconds; "" and "0" are the zero time. Times are
// returned in UTC.
func ParseTime(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		switch {
		case f == 0:
			return time.Time{}, nil
		case math.Abs(f) < secondsBelow:
			return tolerant.UnixFloat(f)
		default:
			return tolerant.UnixFloatMillis(math.Trunc(f))
		}
	}
	for _, layout := range timeLayouts {
		if t, err := time.Parse(layout, s); err == nil {
			return tolerant.CheckTime(t.UTC())
		}
	}
	return time.Time{}, fmt.Errorf("%q is not a time", s)
}
