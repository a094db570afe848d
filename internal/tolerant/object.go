package tolerant

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// Object is one JSON object read field by field, for records whose key
// names are not known for sure. Each read names the field's keys, tried
// in order, and keys match whatever their case or separators
// ("referral_id", "referralId", "REFERRAL-ID" are one key). Null and
// absent values leave the target as it is; "" reads as the zero value.
// The first value present but not of its type is kept as Err, naming the
// key.
type Object struct {
	m   map[string]json.RawMessage
	loc *time.Location
	err error
}

// NormKey lower-cases k and drops '_', '-' and spaces: the form in which
// Object matches keys.
func NormKey(k string) string {
	plain := true
	for i := 0; i < len(k) && plain; i++ {
		c := k[i]
		plain = c != '_' && c != '-' && c != ' ' && (c < 'A' || c > 'Z')
	}
	if plain {
		return k
	}
	var b strings.Builder
	b.Grow(len(k))
	for _, r := range k {
		switch {
		case r == '_' || r == '-' || r == ' ':
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + ('a' - 'A'))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// ParseObject reads raw, which must be a JSON object. Timestamps written
// without a zone are read in loc (nil means UTC). Of keys that match
// alike, the first in sorted order wins, so the result does not depend
// on the order of the body; a key repeated as is keeps its last value.
func ParseObject(raw []byte, loc *time.Location) (*Object, error) {
	raw = bytes.TrimSpace(raw)
	if !json.Valid(raw) {
		return nil, SyntaxError(raw)
	}
	if len(raw) == 0 || raw[0] != '{' {
		if string(raw) == "null" {
			return nil, errors.New("record is null")
		}
		return nil, fmt.Errorf("record is not a JSON object: %.40s", raw)
	}
	if loc == nil {
		loc = time.UTC
	}
	o := &Object{m: make(map[string]json.RawMessage, 16), loc: loc}
	collided := false
	Members(raw, func(k string, v []byte) {
		nk := NormKey(k)
		if _, dup := o.m[nk]; dup {
			collided = true
		}
		o.m[nk] = v
	})
	if collided {
		o.m = firstSorted(raw)
	}
	return o, nil
}

// firstSorted maps the normalized keys of the valid object raw to their
// values, the first key in sorted order winning among keys alike.
func firstSorted(raw []byte) map[string]json.RawMessage {
	m := ObjectMembers(raw)
	out := make(map[string]json.RawMessage, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		nk := NormKey(k)
		if _, dup := out[nk]; !dup {
			out[nk] = m[k]
		}
	}
	return out
}

// Err is the first value that could not be read as its type.
func (o *Object) Err() error { return o.err }

// lookup returns the first of keys present with a non-null value.
func (o *Object) lookup(keys ...string) (json.RawMessage, string, bool) {
	for _, k := range keys {
		if raw, ok := o.m[NormKey(k)]; ok && !IsNull(raw) {
			return raw, k, true
		}
	}
	return nil, "", false
}

// IsNull reports whether raw is empty or the JSON null.
func IsNull(raw []byte) bool {
	raw = bytes.TrimSpace(raw)
	return len(raw) == 0 || string(raw) == "null"
}

func (o *Object) fail(key string, raw json.RawMessage, want string) {
	if o.err == nil {
		v := string(raw)
		if len(v) > 60 {
			v = v[:60] + "..."
		}
		o.err = fmt.Errorf("field %q: %s is not %s", key, v, want)
	}
}

// String reads a string; a number or boolean is kept as its JSON text.
func (o *Object) String(dst *string, keys ...string) {
	if raw, k, ok := o.lookup(keys...); ok {
		s, ok := Scalar(raw)
		if !ok {
			o.fail(k, raw, "a string")
			return
		}
		*dst = s
	}
}

// Amount reads an amount of money exactly, sent as a number or a numeric
// string, keeping the text as sent: it never passes through float64. ""
// reads as zero; null (when no key holds a value) as a null Amount.
func (o *Object) Amount(dst *money.Amount, keys ...string) {
	raw, k, ok := o.lookup(keys...)
	if !ok {
		if slices.ContainsFunc(keys, func(k string) bool { _, present := o.m[NormKey(k)]; return present }) {
			*dst = money.Null()
		}
		return
	}
	raw = bytes.TrimSpace(raw)
	if s, ok := Scalar(raw); ok && raw[0] == '"' && strings.TrimSpace(s) == "" {
		*dst = money.Amount{}
		return
	}
	// UnmarshalJSON takes a number or a string holding a decimal, and
	// refuses booleans, objects and arrays.
	var a money.Amount
	if err := a.UnmarshalJSON(raw); err != nil {
		o.fail(k, raw, "an amount")
		return
	}
	*dst = a
}

// Int reads an integer sent as a number or a numeric string.
func (o *Object) Int(dst *int64, keys ...string) {
	if raw, k, ok := o.lookup(keys...); ok {
		v, ok := Float(raw)
		if !ok || v != math.Trunc(v) || math.Abs(v) > 1<<53 {
			o.fail(k, raw, "an integer")
			return
		}
		*dst = int64(v)
	}
}

// objectBools are the texts Object.Bool reads.
var objectBools = map[string]bool{"true": true, "1": true, "y": true, "yes": true,
	"false": false, "0": false, "n": false, "no": false, "": false}

// Bool reads true/false, 1/0, "Y"/"N", "yes"/"no" and their string forms.
func (o *Object) Bool(dst *bool, keys ...string) {
	if raw, k, ok := o.lookup(keys...); ok {
		s, ok := Scalar(raw)
		v, known := objectBools[strings.ToLower(strings.TrimSpace(s))]
		if !ok || !known {
			o.fail(k, raw, "a boolean")
			return
		}
		*dst = v
	}
}

// Time reads a timestamp (see LooseTime).
func (o *Object) Time(dst *time.Time, keys ...string) {
	if raw, k, ok := o.lookup(keys...); ok {
		t, ok := LooseTime(raw, o.loc)
		if !ok {
			o.fail(k, raw, "a timestamp")
			return
		}
		*dst = t
	}
}

// TimePtr reads a timestamp that may be absent, null or empty (nil).
func (o *Object) TimePtr(dst **time.Time, keys ...string) {
	var t time.Time
	o.Time(&t, keys...)
	if !t.IsZero() {
		*dst = &t
	}
}

// Numbered collects the scalar fields prefix1, prefix2, ... (prefix in
// normalized form, e.g. "data") into a map keyed by their normalized
// names; nil when there are none.
func (o *Object) Numbered(prefix string) map[string]string {
	var out map[string]string
	for k, raw := range o.m {
		if len(k) <= len(prefix) || !strings.HasPrefix(k, prefix) || IsNull(raw) {
			continue
		}
		if _, err := strconv.Atoi(k[len(prefix):]); err != nil {
			continue
		}
		if s, ok := Scalar(raw); ok {
			if out == nil {
				out = make(map[string]string)
			}
			out[k] = s
		}
	}
	return out
}

// Scalar returns a JSON string's value, or the text of a number or
// boolean. Objects, arrays and null report false.
func Scalar(raw []byte) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", false
	}
	switch raw[0] {
	case '"':
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return "", false
		}
		return s, true
	case 't', 'f':
		var b bool
		if json.Unmarshal(raw, &b) != nil {
			return "", false
		}
		return strconv.FormatBool(b), true
	case 'n', '{', '[':
		return "", false
	}
	var n json.Number
	if json.Unmarshal(raw, &n) != nil {
		return "", false
	}
	return n.String(), true
}

// Float reads a JSON number or a string holding one; "" is 0.
func Float(raw []byte) (float64, bool) {
	s, ok := Scalar(raw)
	if !ok {
		return 0, false
	}
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false
	}
	return v, true
}
