package partnerstack

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

// The resource types decode field by field with decodeObject instead of
// encoding/json's struct decoding, for three reasons:
//
//   - PartnerStack writes timestamps as integer epoch milliseconds, which
//     time.Time cannot decode. Fields of type time.Time and *time.Time
//     accept epoch milliseconds as a number or a numeric string (a value
//     below 1e11, which as milliseconds would fall before March 1973, is
//     read as seconds), an RFC 3339 or YYYY-MM-DD string, and null (the
//     zero time, or nil for *time.Time). RFC 3339 is what encoding/json
//     writes for a time.Time, so a resource marshalled by a program decodes
//     back unchanged.
//   - Integer fields also accept numbers written as strings, and null
//     (zero); some peer-documented fields are not confirmed as numbers.
//     Pointers to them (the fields PartnerStack documents as nullable)
//     decode null as nil and a number like the plain fields. Money is an
//     Amount, which reads a number or a numeric string exactly and keeps
//     null; the package has no float fields.
//   - A field tagged `partnerstack:"lenient"` holds a shape that no
//     PartnerStack documentation or captured response confirms; a value
//     that does not fit it is skipped instead of failing the response.
//
// Unknown keys are ignored; keys are matched exactly, then case-insensitively
// like encoding/json does.

// decodeObject decodes the JSON object b into the struct dst points to.
func decodeObject(b []byte, dst any) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	v := reflect.ValueOf(dst).Elem()
	for _, f := range fieldsOf(v.Type()) {
		r, ok := raw[f.name]
		if !ok {
			for k, kv := range raw {
				if strings.EqualFold(k, f.name) {
					r, ok = kv, true
					break
				}
			}
		}
		if !ok {
			continue
		}
		if err := decodeValue(r, v.Field(f.index)); err != nil {
			if f.lenient {
				v.Field(f.index).SetZero()
				continue
			}
			return fmt.Errorf("%s.%s: %w", v.Type().Name(), f.name, err)
		}
	}
	return nil
}

type fieldInfo struct {
	index   int
	name    string
	lenient bool
}

var fieldCache sync.Map // reflect.Type -> []fieldInfo

func fieldsOf(t reflect.Type) []fieldInfo {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]fieldInfo)
	}
	var fs []fieldInfo
	for i := range t.NumField() {
		sf := t.Field(i)
		if !sf.IsExported() {
			continue
		}
		name, _, _ := strings.Cut(sf.Tag.Get("json"), ",")
		if name == "-" || name == "" {
			continue
		}
		fs = append(fs, fieldInfo{index: i, name: name, lenient: sf.Tag.Get("partnerstack") == "lenient"})
	}
	fieldCache.Store(t, fs)
	return fs
}

var timeType = reflect.TypeFor[time.Time]()

// decodeValue decodes one field.
func decodeValue(r json.RawMessage, fv reflect.Value) error {
	r = bytes.TrimSpace(r)
	null := string(r) == "null"
	switch {
	case fv.Type() == timeType:
		t, err := parseTime(r)
		if err != nil {
			return err
		}
		fv.Set(reflect.ValueOf(t))
		return nil
	case fv.Kind() == reflect.Pointer && fv.Type().Elem() == timeType:
		if null {
			fv.SetZero()
			return nil
		}
		t, err := parseTime(r)
		if err != nil {
			return err
		}
		if t.IsZero() {
			fv.SetZero()
			return nil
		}
		fv.Set(reflect.ValueOf(&t))
		return nil
	}
	if fv.Kind() == reflect.Pointer {
		switch fv.Type().Elem().Kind() {
		case reflect.Int, reflect.Int64, reflect.Int32:
			// A nullable number: null is nil, anything else decodes as
			// the number fields do, so that null stays apart from 0.
			if null {
				fv.SetZero()
				return nil
			}
			n := reflect.New(fv.Type().Elem())
			if err := decodeValue(r, n.Elem()); err != nil {
				return err
			}
			fv.Set(n)
			return nil
		}
	}
	switch fv.Kind() {
	case reflect.Int, reflect.Int64, reflect.Int32:
		if null {
			fv.SetZero()
			return nil
		}
		n, err := parseInt(r)
		if err != nil {
			return err
		}
		fv.SetInt(n)
		return nil
	}
	return json.Unmarshal(r, fv.Addr().Interface())
}

// numberText returns the number in r, unquoting a numeric string.
func numberText(r json.RawMessage) (string, error) {
	s := string(r)
	if len(s) > 0 && s[0] == '"' {
		if err := json.Unmarshal(r, &s); err != nil {
			return "", err
		}
		s = strings.TrimSpace(s)
	}
	if s == "" {
		return "", fmt.Errorf("empty number")
	}
	return s, nil
}

func parseInt(r json.RawMessage) (int64, error) {
	s, err := numberText(r)
	if err != nil {
		return 0, err
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<62 {
		return 0, fmt.Errorf("%s is not an integer", s)
	}
	return int64(f), nil
}

// secondsBelow is the magnitude under which a numeric timestamp is read as
// seconds rather than milliseconds.
const secondsBelow = 1e11

// parseTime reads a timestamp in any of the forms decodeObject accepts.
func parseTime(r json.RawMessage) (time.Time, error) {
	if string(r) == "null" {
		return time.Time{}, nil
	}
	s := string(r)
	quoted := len(s) > 0 && s[0] == '"'
	if quoted {
		if err := json.Unmarshal(r, &s); err != nil {
			return time.Time{}, err
		}
		s = strings.TrimSpace(s)
		if s == "" {
			return time.Time{}, nil
		}
	}
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		return fromNumber(f)
	}
	if quoted {
		for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", time.DateOnly} {
			if t, err := time.Parse(layout, s); err == nil {
				return unixtime.Check(t.UTC())
			}
		}
	}
	return time.Time{}, fmt.Errorf("%s is not a timestamp", r)
}

func fromNumber(f float64) (time.Time, error) {
	if f == 0 {
		return time.Time{}, nil
	}
	if math.Abs(f) < secondsBelow {
		f *= 1000
	}
	return unixtime.FloatMillis(f)
}

// msOf returns t as epoch milliseconds for a request body, nil (omitted)
// for the zero time.
func msOf(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	m := t.UnixMilli()
	return &m
}
