package tolerant

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// The types below decode one field whose wire type drifts, on the fast
// path: a record's UnmarshalJSON decodes with encoding/json into an
// overlay of the record whose drifting fields point at these types,
//
//	json.Unmarshal(b, &struct {
//		*plain
//		TimeCreated *tolerant.Unix `json:"time_created"`
//	}{(*plain)(r), (*tolerant.Unix)(&r.TimeCreated)})
//
// so a well-formed record costs one pass and only those fields do more.

// Unix is a time.Time sent as unix seconds: an integer, a number with a
// fraction (cut to the second) or either as a string, in UTC. An RFC 3339
// string (what encoding/json writes for a time.Time) is read too, and
// null, "" and 0 are the zero time.
type Unix time.Time

// UnmarshalJSON implements json.Unmarshaler.
func (u *Unix) UnmarshalJSON(b []byte) error {
	t, err := parseUnix(b)
	if err == nil {
		*u = Unix(t)
	}
	return err
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
		return UnixSeconds(n)
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil && !math.IsNaN(f) && !math.IsInf(f, 0) {
		if f == 0 {
			return time.Time{}, nil
		}
		return UnixFloat(math.Trunc(f))
	}
	if quoted {
		if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
			return CheckTime(t.UTC())
		}
	}
	return time.Time{}, fmt.Errorf("timestamp %s is not unix seconds", b)
}

// Text is a string that may be sent as a number, kept as its decimal
// text; null is "".
type Text string

// UnmarshalJSON implements json.Unmarshaler.
func (t *Text) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		*t = ""
		return nil
	case len(b) > 0 && b[0] == '"':
		return json.Unmarshal(b, (*string)(t))
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("%s is neither a string nor a number", b)
	}
	*t = Text(n)
	return nil
}

// Bool is a boolean sent as true/false, 1/0 or either as a string; null
// and "" are false.
type Bool bool

// UnmarshalJSON implements json.Unmarshaler.
func (v *Bool) UnmarshalJSON(b []byte) error {
	switch strings.ToLower(strings.Trim(strings.TrimSpace(string(b)), `"`)) {
	case "true", "1":
		*v = true
	case "false", "0", "", "null":
		*v = false
	default:
		return fmt.Errorf("%s is not a boolean", b)
	}
	return nil
}

// OptionalDate decodes an optional date into the *time.Time P points to:
// null, "", 0 and "0" leave it nil; otherwise YYYY-MM-DD, YYYY-MM-DD
// HH:MM:SS or RFC 3339 (in UTC), or unix seconds as for Unix. It is used
// by value in an overlay, OptionalDate{P: &r.Field}, so that null reaches
// it too.
type OptionalDate struct{ P **time.Time }

// UnmarshalJSON implements json.Unmarshaler.
func (d OptionalDate) UnmarshalJSON(b []byte) error {
	t, err := parseDate(b)
	if err == nil && d.P != nil {
		*d.P = t
	}
	return err
}

func parseDate(b []byte) (*time.Time, error) {
	s := strings.TrimSpace(string(b))
	switch {
	case s == "null" || s == `""` || s == "0" || s == `"0"`:
		return nil, nil
	case len(s) > 0 && s[0] != '"':
		return unixPtr(b)
	}
	var str string
	if err := json.Unmarshal(b, &str); err != nil {
		return nil, err
	}
	for _, layout := range []string{time.DateOnly, time.DateTime, time.RFC3339Nano} {
		if t, err := time.Parse(layout, str); err == nil {
			t = t.UTC()
			return &t, nil
		}
	}
	if _, err := strconv.ParseInt(str, 10, 64); err == nil {
		return unixPtr(b)
	}
	return nil, fmt.Errorf("date %s is not YYYY-MM-DD", b)
}

func unixPtr(b []byte) (*time.Time, error) {
	t, err := parseUnix(b)
	if err != nil {
		return nil, err
	}
	return &t, nil
}

// Present decodes a field into the value P points to and records that
// the member was sent (null included), for a record that must tell a
// missing member from a zero one. It is used by value in an overlay,
// Present[T]{P: &r.Field}.
type Present[T any] struct {
	P   *T
	Set bool
}

// UnmarshalJSON implements json.Unmarshaler.
func (p *Present[T]) UnmarshalJSON(b []byte) error {
	p.Set = true
	if p.P == nil {
		p.P = new(T)
	}
	return json.Unmarshal(b, p.P)
}
