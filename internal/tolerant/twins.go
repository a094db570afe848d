package tolerant

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"sync"
)

// Twins decodes the record types of one platform, for a platform that
// sends well-formed records whose only departure from encoding/json is
// its timestamps: numbers (unix seconds or milliseconds) where time.Time
// wants RFC 3339 text. Its fast path reads such a record in a single
// encoding/json pass, straight into the record, through a twin type (see
// twintypes.go) whose time fields read numbers and RFC 3339 text alike; only a
// record that pass refuses takes the tolerant path of Unmarshal.
//
// A record type's UnmarshalJSON may call [Twins.Unmarshal] with itself:
// Twins never calls the UnmarshalJSON of the type it decodes.
type Twins struct {
	opts   Options
	inline map[reflect.Type]bool
	twins  sync.Map // reflect.Type → *twin, nil when the type has none
	build  sync.Mutex
}

// NewTwins returns the decoder of a platform's records, which reads
// their timestamps as opts says (nil for the defaults). inline lists
// record types, as values or pointers, whose UnmarshalJSON is
// [Twins.Unmarshal] alone: where another record nests one, the fast
// path reads it in the same pass instead of calling its UnmarshalJSON,
// which would scan its bytes twice more. A type whose UnmarshalJSON
// adjusts what it decoded must not be listed.
func NewTwins(opts *Options, inline ...any) *Twins {
	r := &Twins{inline: make(map[reflect.Type]bool, len(inline))}
	if opts != nil {
		r.opts = *opts
	}
	for _, v := range inline {
		t := reflect.TypeOf(v)
		for t != nil && t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t != nil {
			r.inline[t] = true
		}
	}
	return r
}

// Unmarshal decodes data into the struct v points to: in one
// encoding/json pass through its twin (Fast), and when that fails, again
// from a zero value, field by field the tolerant way, as [Unmarshal]
// does; nested records then decode through their own UnmarshalJSON. null
// leaves v as it is.
func (r *Twins) Unmarshal(data []byte, v any) error {
	err := r.Fast(data, v)
	if err == nil || errors.Is(err, errNotStruct) {
		return err
	}
	rv := reflect.ValueOf(v).Elem()
	rv.SetZero()
	return decodeStruct(bytes.TrimSpace(data), rv, &r.opts)
}

// errNotStruct is what Fast says of a v that is not a pointer to a struct.
var errNotStruct = errors.New("tolerant: Twins decode into a non-nil pointer to a struct")

// Fast decodes data into the struct v points to in one encoding/json
// pass, reading time fields (at any depth of pointers to records and
// slices of them) as numbers or RFC 3339 text, and the nested records
// NewTwins listed as inline without their UnmarshalJSON. A field
// whose value is absent, or null in a pointer or slice the twin reads,
// is left as it is. It returns encoding/json's error, the record then
// being partly written, and never takes the tolerant path.
func (r *Twins) Fast(data []byte, v any) error {
	rv := reflect.ValueOf(v)
	if rv.Kind() != reflect.Pointer || rv.IsNil() || rv.Elem().Kind() != reflect.Struct {
		return fmt.Errorf("%w, got %T", errNotStruct, v)
	}
	tw := r.twinOf(rv.Type().Elem())
	if tw == nil {
		// A type no twin can stand for (unexported or embedded fields):
		// encoding/json must fail on it first.
		return errors.New("tolerant: no twin type for " + rv.Type().Elem().String())
	}
	if len(tw.shadows) == 0 {
		return json.Unmarshal(data, rv.Convert(tw.mirrorPtr).Interface())
	}
	w := reflect.New(tw.typ)
	w.Elem().Field(0).Set(rv.Convert(tw.mirrorPtr))
	if err := json.Unmarshal(data, w.Interface()); err != nil {
		return err
	}
	tw.apply(w.Elem(), rv.Elem())
	return nil
}
