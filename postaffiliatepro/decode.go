package postaffiliatepro

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
	"github.com/affiliatekit/affiliatekit-go/internal/unixtime"
)

// The v3 record schemas are not public (each account serves its own OpenAPI
// description), so records are decoded tolerantly:
//   - keys match whatever their case or separators ("referral_id",
//     "referralId", "ReferralID"), and every field has the legacy API's
//     names as aliases ("refid", "rstatus", "dateinserted");
//   - numbers and ids may arrive as numbers or strings;
//   - timestamps may be RFC 3339, ISO 8601 without a zone, the legacy
//     "2006-01-02 15:04:05" (in the server's time zone, see WithTimezone),
//     a bare date, or unix seconds;
//   - null and "" read as the zero value, except that an amount keeps a
//     null apart from zero;
//   - amounts are read exactly, as the text sent (see fields.amount).
// A value that is present but cannot be read as its type is an error
// naming the field. Every record keeps the JSON it came from in Raw.

// fields reads one JSON object with normalized keys.
type fields struct {
	m   map[string]json.RawMessage
	loc *time.Location
	err error
}

// normKey lower-cases k and drops '_', '-' and spaces.
func normKey(k string) string {
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

// newFields parses raw, which must be a JSON object. Of keys that normalize
// alike, the first in sorted order wins, so the result is deterministic.
//
// The values are subslices of raw, which is checked once with json.Valid
// and then cut without decoding (see scan.go).
func newFields(raw []byte, loc *time.Location) (*fields, error) {
	raw = bytes.TrimSpace(raw)
	if !json.Valid(raw) {
		return nil, syntaxError(raw)
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
	f := &fields{m: make(map[string]json.RawMessage, 16), loc: loc}
	collided := false
	validMembers(raw, func(k string, v []byte) {
		nk := normKey(k)
		if _, dup := f.m[nk]; dup {
			collided = true
		}
		f.m[nk] = v
	})
	if collided {
		f.m = firstSorted(raw)
	}
	return f, nil
}

// firstSorted maps the normalized keys of the valid object raw to their
// values, where of keys that normalize alike the first in sorted order
// wins, and a key repeated as is keeps its last value (as json.Unmarshal
// does).
func firstSorted(raw []byte) map[string]json.RawMessage {
	m := validObject(raw)
	keys := slices.Sorted(maps.Keys(m))
	out := make(map[string]json.RawMessage, len(m))
	for _, k := range keys {
		nk := normKey(k)
		if _, dup := out[nk]; !dup {
			out[nk] = m[k]
		}
	}
	return out
}

// lookup returns the first of keys present with a non-null value.
func (f *fields) lookup(keys ...string) (json.RawMessage, string, bool) {
	for _, k := range keys {
		nk := normKey(k)
		if raw, ok := f.m[nk]; ok && !isNull(raw) {
			return raw, k, true
		}
	}
	return nil, "", false
}

func isNull(raw json.RawMessage) bool {
	return len(bytes.TrimSpace(raw)) == 0 || string(bytes.TrimSpace(raw)) == "null"
}

func (f *fields) fail(key string, raw json.RawMessage, want string) {
	if f.err == nil {
		v := string(raw)
		if len(v) > 60 {
			v = v[:60] + "..."
		}
		f.err = fmt.Errorf("field %q: %s is not %s", key, v, want)
	}
}

// str reads a string; a number or boolean is kept as its JSON text.
func (f *fields) str(dst *string, keys ...string) {
	raw, k, ok := f.lookup(keys...)
	if !ok {
		return
	}
	s, ok := scalarText(raw)
	if !ok {
		f.fail(k, raw, "a string")
		return
	}
	*dst = s
}

// amount reads an amount of money exactly, sent as a number or a numeric
// string, keeping the JSON token as sent: "12.50" stays 12.50 and 0.0125
// stays 0.0125, never passing through float64. "" reads as zero; null
// (when no alias holds a value) reads as a null Amount.
func (f *fields) amount(dst *Amount, keys ...string) {
	raw, k, ok := f.lookup(keys...)
	if !ok {
		for _, k := range keys {
			if _, present := f.m[normKey(k)]; present {
				*dst = money.Null()
				return
			}
		}
		return
	}
	raw = bytes.TrimSpace(raw)
	if s, ok := scalarText(raw); ok && raw[0] == '"' && strings.TrimSpace(s) == "" {
		*dst = Amount{}
		return
	}
	// UnmarshalJSON takes a number or a string holding a decimal, and
	// refuses booleans, objects and arrays.
	var a Amount
	if err := a.UnmarshalJSON(raw); err != nil {
		f.fail(k, raw, "an amount")
		return
	}
	*dst = a
}

// int reads an integer sent as a number or a numeric string.
func (f *fields) int(dst *int64, keys ...string) {
	raw, k, ok := f.lookup(keys...)
	if !ok {
		return
	}
	v, ok := parseFloat(raw)
	if !ok || v != math.Trunc(v) || math.Abs(v) > 1<<53 {
		f.fail(k, raw, "an integer")
		return
	}
	*dst = int64(v)
}

// bool reads true/false, 1/0, "Y"/"N", "yes"/"no" and their string forms.
func (f *fields) bool(dst *bool, keys ...string) {
	raw, k, ok := f.lookup(keys...)
	if !ok {
		return
	}
	s, ok := scalarText(raw)
	if !ok {
		f.fail(k, raw, "a boolean")
		return
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "y", "yes":
		*dst = true
	case "false", "0", "n", "no", "":
		*dst = false
	default:
		f.fail(k, raw, "a boolean")
	}
}

// time reads a timestamp (see parseTime).
func (f *fields) time(dst *time.Time, keys ...string) {
	raw, k, ok := f.lookup(keys...)
	if !ok {
		return
	}
	t, ok := parseTime(raw, f.loc)
	if !ok {
		f.fail(k, raw, "a timestamp")
		return
	}
	*dst = t
}

// timePtr reads a timestamp that may be absent, null or empty (nil).
func (f *fields) timePtr(dst **time.Time, keys ...string) {
	var t time.Time
	f.time(&t, keys...)
	if !t.IsZero() {
		*dst = &t
	}
}

// data collects the custom fields data1, data2, ... into a map keyed
// "data1", "data2", ...; nil when there are none.
func (f *fields) data() map[string]string {
	var out map[string]string
	for k, raw := range f.m {
		if len(k) < 5 || !strings.HasPrefix(k, "data") || isNull(raw) {
			continue
		}
		if _, err := strconv.Atoi(k[4:]); err != nil {
			continue
		}
		s, ok := scalarText(raw)
		if !ok {
			continue
		}
		if out == nil {
			out = make(map[string]string)
		}
		out[k] = s
	}
	return out
}

// scalarText returns a JSON string's value, or the text of a number or
// boolean. Objects, arrays and null report false.
func scalarText(raw json.RawMessage) (string, bool) {
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

// parseFloat reads a JSON number or a string holding one; "" is 0.
func parseFloat(raw json.RawMessage) (float64, bool) {
	s, ok := scalarText(raw)
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

// zoned and zoneless are the timestamp layouts tried in order. Zone-less
// values are read in the client's time zone.
var (
	zoned = []string{
		time.RFC3339Nano,
		"2006-01-02T15:04:05Z0700",
		"2006-01-02 15:04:05Z07:00",
		"2006-01-02 15:04:05 Z07:00",
		"2006-01-02 15:04:05 -0700",
		"2006-01-02 15:04:05 MST",
		time.RFC1123Z,
		time.RFC1123,
	}
	zoneless = []string{
		"2006-01-02T15:04:05.999999999",
		"2006-01-02 15:04:05.999999999",
		"2006-01-02T15:04",
		"2006-01-02 15:04",
		time.DateOnly,
	}
)

// parseTime reads a timestamp in any of the forms above, or unix seconds
// (milliseconds when the number is too large for seconds). "", "0" and the
// MySQL zero date read as the zero time.
func parseTime(raw json.RawMessage, loc *time.Location) (time.Time, bool) {
	s, ok := scalarText(raw)
	if !ok {
		return time.Time{}, false
	}
	s = strings.TrimSpace(s)
	switch s {
	case "", "0", "0000-00-00", "0000-00-00 00:00:00":
		return time.Time{}, true
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		conv := unixtime.Seconds
		if n > 1e11 || n < -1e11 {
			conv = unixtime.Millis
		}
		t, err := conv(n)
		return t, err == nil
	}
	for _, layout := range zoned {
		if t, err := time.Parse(layout, s); err == nil {
			_, err = unixtime.Check(t)
			return t, err == nil
		}
	}
	for _, layout := range zoneless {
		if t, err := time.ParseInLocation(layout, s, loc); err == nil {
			_, err = unixtime.Check(t)
			return t, err == nil
		}
	}
	return time.Time{}, false
}

// record is implemented by the pointer of every resource type.
type record[T any] interface {
	*T
	decode(f *fields)
	setRaw(raw json.RawMessage)
}

// decodeRecord decodes one JSON object into a new T.
func decodeRecord[T any, PT record[T]](raw []byte, loc *time.Location) (*T, error) {
	f, err := newFields(raw, loc)
	if err != nil {
		return nil, err
	}
	v := PT(new(T))
	v.decode(f)
	if f.err != nil {
		return nil, f.err
	}
	v.setRaw(bytes.Clone(raw))
	return (*T)(v), nil
}

// unmarshalRecord is the body of every record's UnmarshalJSON: tolerant
// decoding with zone-less timestamps read as UTC.
func unmarshalRecord[T any, PT record[T]](dst PT, data []byte) error {
	v, err := decodeRecord[T, PT](data, time.UTC)
	if err != nil {
		return err
	}
	*dst = *v
	return nil
}

// listKeys are the keys a list body may hold its records under, besides
// the resource's own name. None is documented.
var listKeys = []string{"data", "items", "results"}

// envelope is what extractList found in a list body.
type envelope struct {
	items []json.RawMessage
	total *int
}

// extractList finds the records in a list body: a bare array, or an object
// holding them under "data", "items", "results" or one of resourceKeys,
// possibly nested one level under "data". The total is read from "total",
// "total_count" or "count" beside the records, in the outer object, or in
// a "meta" or "pagination" object of either.
func extractList(body []byte, resourceKeys []string) (envelope, error) {
	body = bytes.TrimSpace(body)
	if !json.Valid(body) {
		return envelope{}, syntaxError(body)
	}
	if len(body) > 0 && body[0] == '[' {
		return envelope{items: validElements(body)}, nil
	}
	if len(body) == 0 || body[0] != '{' {
		return envelope{}, errors.New("the body is neither a JSON array nor an object")
	}
	outer := validObject(body)
	keys := append(append([]string(nil), listKeys...), resourceKeys...)
	holder, items, found := findList(outer, keys)
	if !found {
		if d, ok := outer["data"]; ok {
			if isNull(d) {
				return envelope{}, nil
			}
			if d = bytes.TrimSpace(d); len(d) > 0 && d[0] == '{' {
				holder, items, found = findList(validObject(d), keys[1:])
			}
		}
	}
	if !found {
		return envelope{}, fmt.Errorf("no list of records found under %s", strings.Join(keys, ", "))
	}
	env := envelope{items: items}
	for _, m := range []map[string]json.RawMessage{holder, outer} {
		if env.total = readTotal(m, len(items)); env.total != nil {
			break
		}
	}
	return env, nil
}

// findList returns the first of keys in m holding an array (or null). m
// comes from a valid body.
func findList(m map[string]json.RawMessage, keys []string) (map[string]json.RawMessage, []json.RawMessage, bool) {
	for _, k := range keys {
		raw, ok := m[k]
		if !ok {
			continue
		}
		if isNull(raw) {
			return m, nil, true
		}
		if raw = bytes.TrimSpace(raw); len(raw) > 0 && raw[0] == '[' {
			return m, validElements(raw), true
		}
	}
	return nil, nil, false
}

// readTotal reads a total from m or its "meta"/"pagination" object.
// "count" may as well be the size of the page, so it counts as a total only
// when it exceeds the number of records on the page.
func readTotal(m map[string]json.RawMessage, n int) *int {
	if m == nil {
		return nil
	}
	for _, sub := range []string{"", "meta", "pagination"} {
		mm := m
		if sub != "" {
			raw := bytes.TrimSpace(m[sub])
			if len(raw) == 0 || raw[0] != '{' {
				continue
			}
			mm = validObject(raw)
		}
		for _, k := range []string{"total", "total_count", "totalCount", "count"} {
			raw, ok := mm[k]
			if !ok {
				continue
			}
			v, ok := parseFloat(raw)
			if !ok || v < 0 || v != math.Trunc(v) || v > math.MaxInt32 {
				continue
			}
			t := int(v)
			if k == "count" && t <= n {
				continue
			}
			return &t
		}
	}
	return nil
}

// object parses a JSON object.
func object(raw []byte) (map[string]json.RawMessage, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, errors.New("not a JSON object")
	}
	if !json.Valid(raw) {
		return nil, syntaxError(raw)
	}
	return validObject(raw), nil
}

// unwrapRecord returns the record of a single-record body: the body itself,
// or the object under "data" or under the resource's singular name when
// the body has no "id" of its own.
func unwrapRecord(body []byte, singular string) ([]byte, error) {
	m, err := object(body)
	if err != nil {
		return nil, errors.New("the body is not a JSON object")
	}
	if _, hasID := m["id"]; hasID {
		return body, nil
	}
	for _, k := range []string{"data", singular} {
		if raw, ok := m[k]; ok {
			if _, err := object(raw); err == nil {
				return raw, nil
			}
		}
	}
	return body, nil
}
