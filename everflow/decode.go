package everflow

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/unixtime"
)

// Everflow sends timestamps as integer unix seconds, UTC. The resource
// structs expose them as time.Time in UTC; these helpers decode the wire
// forms. They are tolerant where the docs disagree or are silent: a
// number or a numeric string, and null or 0 as the zero time.Time.

// unixTime decodes a unix-seconds timestamp.
type unixTime time.Time

func (u *unixTime) UnmarshalJSON(b []byte) error {
	t, err := parseUnix(b)
	if err != nil {
		return err
	}
	*u = unixTime(t)
	return nil
}

func parseUnix(b []byte) (time.Time, error) {
	s := strings.TrimSpace(string(b))
	if s == "null" || s == `""` {
		return time.Time{}, nil
	}
	quoted := len(s) >= 2 && s[0] == '"' && s[len(s)-1] == '"'
	if quoted {
		s = s[1 : len(s)-1]
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		if n == 0 {
			return time.Time{}, nil
		}
		return unixtime.Seconds(n)
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
		if f == 0 {
			return time.Time{}, nil
		}
		return unixtime.Float(math.Trunc(f))
	}
	// A struct re-encoded by encoding/json carries RFC 3339 times.
	if quoted {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return unixtime.Check(t.UTC())
		}
	}
	return time.Time{}, fmt.Errorf("timestamp %s is not unix seconds", b)
}

// flexString decodes a string, or a number as its decimal text. The docs
// type conversion_id as a string while one reference page shows a number.
type flexString string

func (f *flexString) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case bytes.Equal(b, []byte("null")):
		*f = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*f = flexString(s)
	default:
		var n json.Number
		if err := json.Unmarshal(b, &n); err != nil {
			return fmt.Errorf("%s is neither a string nor a number", b)
		}
		*f = flexString(n.String())
	}
	return nil
}

// flexBool decodes a boolean sent as true/false, 0/1 or their strings
// (the network click report sends is_unique as 0/1, the affiliate one as
// a boolean).
type flexBool bool

func (f *flexBool) UnmarshalJSON(b []byte) error {
	s := strings.Trim(strings.TrimSpace(string(b)), `"`)
	switch strings.ToLower(s) {
	case "true", "1":
		*f = true
	case "false", "0", "", "null":
		*f = false
	default:
		return fmt.Errorf("%s is not a boolean", b)
	}
	return nil
}

// flexDate decodes an optional date: "" or null is nil; otherwise
// YYYY-MM-DD, YYYY-MM-DD HH:MM:SS, RFC 3339 or unix seconds. Everflow
// sends date_live_until as "" when unset and documents no other form.
type flexDate struct{ t *time.Time }

func (f *flexDate) UnmarshalJSON(b []byte) error {
	f.t = nil
	s := strings.TrimSpace(string(b))
	if s == "null" || s == `""` || s == "0" || s == `"0"` {
		return nil
	}
	if len(s) > 0 && s[0] != '"' {
		t, err := parseUnix(b)
		if err != nil {
			return err
		}
		f.t = &t
		return nil
	}
	var str string
	if err := json.Unmarshal(b, &str); err != nil {
		return err
	}
	for _, layout := range []string{time.DateOnly, time.DateTime, time.RFC3339Nano} {
		if t, err := time.Parse(layout, str); err == nil {
			t = t.UTC()
			f.t = &t
			return nil
		}
	}
	if _, err := strconv.ParseInt(str, 10, 64); err == nil {
		t, err := parseUnix(b)
		if err != nil {
			return err
		}
		f.t = &t
		return nil
	}
	return fmt.Errorf("date %s is not YYYY-MM-DD", b)
}

// otherFields returns the members of the JSON object b whose names are
// not fields of the struct type of v, so that relationship data the
// package does not model is kept rather than dropped. It returns nil when
// there are none.
func otherFields(b []byte, v any) (map[string]json.RawMessage, error) {
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return otherOf(m, v), nil
}

// otherOf is otherFields for an object already split into members; it
// removes the known members from m and returns it, or nil when none are
// left.
func otherOf(m map[string]json.RawMessage, v any) map[string]json.RawMessage {
	known := jsonNames(reflect.TypeOf(v))
	for k := range m {
		if known[k] {
			delete(m, k)
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

var jsonNameCache sync.Map // reflect.Type -> map[string]bool

// jsonNames lists the JSON member names of a struct type.
func jsonNames(t reflect.Type) map[string]bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if m, ok := jsonNameCache.Load(t); ok {
		return m.(map[string]bool)
	}
	names := map[string]bool{}
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" {
			continue
		}
		if name == "" {
			name = f.Name
		}
		names[name] = true
	}
	jsonNameCache.Store(t, names)
	return names
}

// withOther adds to the JSON object b the members of other it does not
// already have, so that members kept raw on decoding (Other fields) are
// encoded again as they were read. Members of b win: a typed field is
// the source of truth for its own key.
func withOther(b []byte, other map[string]json.RawMessage) ([]byte, error) {
	if len(other) == 0 {
		return b, nil
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for k, v := range other {
		if _, ok := m[k]; !ok {
			m[k] = v
		}
	}
	return json.Marshal(m)
}

// cloneRaw copies a map of raw members, so that params built from a
// record do not share it with the record.
func cloneRaw(m map[string]json.RawMessage) map[string]json.RawMessage {
	if m == nil {
		return nil
	}
	out := make(map[string]json.RawMessage, len(m))
	for k, v := range m {
		out[k] = append(json.RawMessage(nil), v...)
	}
	return out
}
