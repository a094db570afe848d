package tolerant

import (
	"bytes"
	"fmt"
	"reflect"
	"strconv"
	"time"
)

// wireTimeType is the reader of a timestamp under r's options: the type
// the in-place time types of twintypes.go decode through.
func (r *Twins) wireTimeType() reflect.Type {
	switch r.opts.NumericTime {
	case Seconds:
		return reflect.TypeFor[wireTimeSeconds]()
	case Millis:
		return reflect.TypeFor[wireTimeMillis]()
	}
	return reflect.TypeFor[wireTime]()
}

// wireTime reads one timestamp: a JSON number (Auto) or RFC 3339 text;
// Set and Null tell absent, null and a time apart. Any other form fails
// the pass, and the record takes the tolerant path. The in-place time
// types of twintypes.go decode into one and hand its time to the field
// with moveTime or moveTimePtr. (The modes are separate types, not one
// generic type, because encoding/json asks every field's type for its
// name, which is slow for a generic type.)
type wireTime struct {
	Set, Null bool
	T         time.Time
}

// wireTimeSeconds and wireTimeMillis are wireTime in the modes Seconds
// and Millis.
type (
	wireTimeSeconds wireTime
	wireTimeMillis  wireTime
)

// UnmarshalJSON implements json.Unmarshaler.
func (w *wireTime) UnmarshalJSON(b []byte) error { return w.read(b, Auto) }

// UnmarshalJSON implements json.Unmarshaler.
func (w *wireTimeSeconds) UnmarshalJSON(b []byte) error { return (*wireTime)(w).read(b, Seconds) }

// UnmarshalJSON implements json.Unmarshaler.
func (w *wireTimeMillis) UnmarshalJSON(b []byte) error { return (*wireTime)(w).read(b, Millis) }

// read reads the timestamp b, a number as how says.
func (w *wireTime) read(b []byte, how NumericTime) error {
	*w = wireTime{Set: true}
	b = bytes.TrimSpace(b)
	switch {
	case string(b) == "null":
		w.Null = true
		return nil
	case len(b) > 0 && b[0] == '"':
		return w.T.UnmarshalJSON(b)
	}
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil {
		return fmt.Errorf("%s is not a timestamp", b)
	}
	w.T, err = numberTime(f, how)
	return err
}
