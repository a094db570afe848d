// Package tolerant decodes JSON whose scalar types drift from what a
// platform documents: numbers sent as strings, booleans as "1" or "yes",
// timestamps as unix seconds, milliseconds or several text layouts, and
// nulls inside arrays. Its unix-time conversions (UnixSeconds and the
// rest) refuse the years outside 0 to 9999, which a time.Time cannot
// carry through encoding/json.
//
// Unmarshal decodes straight into the target with encoding/json first, so
// well-formed input costs nothing extra; only when that fails does it walk
// the value again, converting each field to its Go type the tolerant way.
// A struct field tagged `tolerant:"lenient"` holds a shape no source
// confirms: a value that does not fit it is left zero instead of failing
// the record.
package tolerant

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
)

// NumericTime says how a number in a time field is read.
type NumericTime int

// How numbers in time fields are read.
const (
	// Auto reads a number below 1e11 as unix seconds and a larger one as
	// milliseconds (as milliseconds, 1e11 falls in March 1973).
	Auto NumericTime = iota
	// Seconds reads every number as unix seconds.
	Seconds
	// Millis reads every number as unix milliseconds.
	Millis
)

// Options configure the tolerant path.
type Options struct {
	// Location is the zone of timestamps written without one
	// ("2026-01-02 15:04:05"); nil means UTC.
	Location *time.Location
	// NumericTime says how a number in a time field is read.
	NumericTime NumericTime
}

// Unmarshal decodes data into v (a non-nil pointer) with encoding/json,
// and when that fails, again the tolerant way. Null elements of arrays of
// pointers are dropped on the tolerant path only; use DropNil for a
// record slice that must never hold nil.
func Unmarshal(data []byte, v any, opts *Options) error {
	if err := json.Unmarshal(data, v); err == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() {
		return fmt.Errorf("tolerant: Unmarshal needs a non-nil pointer, got %T", v)
	}
	rv.Elem().SetZero()
	if opts == nil {
		opts = &Options{}
	}
	return decode(bytes.TrimSpace(data), rv.Elem(), opts)
}

var (
	timeType        = reflect.TypeFor[time.Time]()
	unmarshalerType = reflect.TypeFor[json.Unmarshaler]()
	rawType         = reflect.TypeFor[json.RawMessage]()
)

func decode(r []byte, v reflect.Value, o *Options) error {
	null := string(r) == "null"
	t := v.Type()
	switch {
	case t == rawType:
		v.SetBytes(bytes.Clone(r))
		return nil
	case t == timeType:
		tm, err := parseTime(r, o)
		if err != nil {
			return err
		}
		v.Set(reflect.ValueOf(tm))
		return nil
	case t.Kind() != reflect.Pointer && reflect.PointerTo(t).Implements(unmarshalerType):
		return v.Addr().Interface().(json.Unmarshaler).UnmarshalJSON(r)
	}
	switch t.Kind() {
	case reflect.Pointer:
		if null {
			v.SetZero()
			return nil
		}
		p := reflect.New(t.Elem())
		if err := decode(r, p.Elem(), o); err != nil {
			return err
		}
		if t.Elem() == timeType && p.Elem().Interface().(time.Time).IsZero() {
			v.SetZero() // "" or 0 for a missing time
			return nil
		}
		v.Set(p)
		return nil
	case reflect.Struct:
		return decodeStruct(r, v, o)
	case reflect.Slice:
		return decodeSlice(r, v, o)
	case reflect.Map:
		return decodeMap(r, v, o)
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		if null {
			v.SetZero()
			return nil
		}
		n, err := parseInt(r)
		if err != nil {
			return err
		}
		if v.OverflowInt(n) {
			return fmt.Errorf("%d overflows %s", n, t)
		}
		v.SetInt(n)
		return nil
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if null {
			v.SetZero()
			return nil
		}
		n, err := parseInt(r)
		if err != nil {
			return err
		}
		if n < 0 || v.OverflowUint(uint64(n)) {
			return fmt.Errorf("%d overflows %s", n, t)
		}
		v.SetUint(uint64(n))
		return nil
	case reflect.Float32, reflect.Float64:
		if null {
			v.SetZero()
			return nil
		}
		s, err := numberText(r)
		if err != nil {
			return err
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			return fmt.Errorf("%s is not a number", r)
		}
		v.SetFloat(f)
		return nil
	case reflect.Bool:
		b, err := parseBool(r)
		if err != nil {
			return err
		}
		v.SetBool(b)
		return nil
	case reflect.String:
		s, err := scalarText(r)
		if err != nil {
			return err
		}
		v.SetString(s)
		return nil
	}
	return json.Unmarshal(r, v.Addr().Interface())
}

func decodeStruct(r []byte, v reflect.Value, o *Options) error {
	if string(r) == "null" {
		return nil
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(r, &raw); err != nil {
		return err
	}
	for _, f := range fieldsOf(v.Type()) {
		fr, ok := raw[f.name]
		if !ok {
			for k, kv := range raw {
				if strings.EqualFold(k, f.name) {
					fr, ok = kv, true
					break
				}
			}
		}
		if !ok {
			continue
		}
		fv, err := v.FieldByIndexErr(f.index)
		if err != nil { // a nil embedded pointer: allocate it
			fv = fieldAlloc(v, f.index)
		}
		if err := decode(bytes.TrimSpace(fr), fv, o); err != nil {
			if f.lenient {
				fv.SetZero()
				continue
			}
			return fmt.Errorf("%s.%s: %w", v.Type().Name(), f.name, err)
		}
	}
	return nil
}

// fieldAlloc walks index from v, allocating nil embedded pointers.
func fieldAlloc(v reflect.Value, index []int) reflect.Value {
	for i, x := range index {
		if i > 0 && v.Kind() == reflect.Pointer {
			if v.IsNil() {
				v.Set(reflect.New(v.Type().Elem()))
			}
			v = v.Elem()
		}
		v = v.Field(x)
	}
	return v
}

func decodeSlice(r []byte, v reflect.Value, o *Options) error {
	if string(r) == "null" {
		v.SetZero()
		return nil
	}
	if v.Type().Elem().Kind() == reflect.Uint8 && len(r) > 0 && r[0] == '"' {
		return json.Unmarshal(r, v.Addr().Interface()) // []byte as base64
	}
	var items []json.RawMessage
	if err := json.Unmarshal(r, &items); err != nil {
		return err
	}
	dropNull := v.Type().Elem().Kind() == reflect.Pointer
	out := reflect.MakeSlice(v.Type(), 0, len(items))
	for i, it := range items {
		it = bytes.TrimSpace(it)
		if dropNull && string(it) == "null" {
			continue
		}
		ev := reflect.New(v.Type().Elem()).Elem()
		if err := decode(it, ev, o); err != nil {
			return fmt.Errorf("[%d]: %w", i, err)
		}
		out = reflect.Append(out, ev)
	}
	v.Set(out)
	return nil
}

func decodeMap(r []byte, v reflect.Value, o *Options) error {
	if string(r) == "null" {
		v.SetZero()
		return nil
	}
	if v.Type().Key().Kind() != reflect.String {
		return json.Unmarshal(r, v.Addr().Interface())
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(r, &raw); err != nil {
		return err
	}
	m := reflect.MakeMapWithSize(v.Type(), len(raw))
	for k, kv := range raw {
		ev := reflect.New(v.Type().Elem()).Elem()
		if err := decode(bytes.TrimSpace(kv), ev, o); err != nil {
			return fmt.Errorf("[%q]: %w", k, err)
		}
		m.SetMapIndex(reflect.ValueOf(k).Convert(v.Type().Key()), ev)
	}
	v.Set(m)
	return nil
}

type field struct {
	index   []int
	name    string
	lenient bool
}

var fieldCache sync.Map // reflect.Type → []field

// fieldsOf lists a struct's JSON fields as encoding/json sees them:
// exported, named by their tag or Go name, embedded structs flattened.
func fieldsOf(t reflect.Type) []field {
	if fs, ok := fieldCache.Load(t); ok {
		return fs.([]field)
	}
	var fs []field
	for _, sf := range reflect.VisibleFields(t) {
		if !sf.IsExported() {
			continue
		}
		tag := sf.Tag.Get("json")
		name, _, _ := strings.Cut(tag, ",")
		if name == "-" && tag == "-" {
			continue
		}
		if sf.Anonymous && name == "" {
			ft := sf.Type
			if ft.Kind() == reflect.Pointer {
				ft = ft.Elem()
			}
			if ft.Kind() == reflect.Struct {
				continue // its fields are listed by VisibleFields
			}
		}
		if name == "" {
			name = sf.Name
		}
		fs = append(fs, field{index: sf.Index, name: name, lenient: sf.Tag.Get("tolerant") == "lenient"})
	}
	fieldCache.Store(t, fs)
	return fs
}

// numberText returns the number r holds, unquoting a numeric string.
func numberText(r []byte) (string, error) {
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

func parseInt(r []byte) (int64, error) {
	s, err := numberText(r)
	if err != nil {
		return 0, err
	}
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		return n, nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > 1<<53 {
		return 0, fmt.Errorf("%s is not an integer", s)
	}
	return int64(f), nil
}

func parseBool(r []byte) (bool, error) {
	s, err := scalarText(r)
	if err != nil {
		return false, err
	}
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "1", "yes", "y", "on":
		return true, nil
	case "false", "0", "no", "n", "off", "":
		return false, nil
	}
	return false, fmt.Errorf("%s is not a boolean", r)
}

// scalarText returns a string's text, a number's or a boolean's literal,
// and "" for null; an object or array is an error.
func scalarText(r []byte) (string, error) {
	switch {
	case len(r) == 0:
		return "", fmt.Errorf("empty value")
	case string(r) == "null":
		return "", nil
	case r[0] == '"':
		var s string
		err := json.Unmarshal(r, &s)
		return s, err
	case r[0] == '{' || r[0] == '[':
		return "", fmt.Errorf("%.40s is not a scalar", r)
	}
	if !json.Valid(r) {
		return "", fmt.Errorf("%.40s is not JSON", r)
	}
	return string(r), nil
}
