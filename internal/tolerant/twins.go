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
	// placeTime and placeTimePtr are the twins' types of time.Time and
	// *time.Time fields under opts.
	placeTime, placeTimePtr reflect.Type
	twins                   sync.Map // reflect.Type → *twin, nil when the type has none
	build                   sync.Mutex
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
	r.placeTime, r.placeTimePtr = r.timeTypes()
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
// whose value is absent is left as it is, and so is one holding nested
// records by pointer or slice when its value is null; when it has a
// value, it gets new records, never written over the ones it held. It
// returns encoding/json's error, the record then being partly written,
// and never takes the tolerant path.
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
	held := tw.detach(rv.Elem())
	err := json.Unmarshal(data, reflect.NewAt(tw.ptr.Elem(), rv.UnsafePointer()).Interface())
	tw.restore(rv.Elem(), held)
	return err
}

// detach takes out of rec the nested records it holds, which encoding/json
// would otherwise decode into, and returns them by field for restore;
// nil when it holds none, as a record being read from scratch.
func (tw *twin) detach(rec reflect.Value) map[int]reflect.Value {
	var held map[int]reflect.Value
	for _, i := range tw.nested {
		f := rec.Field(i)
		if f.IsNil() {
			continue
		}
		if held == nil {
			held = make(map[int]reflect.Value, len(tw.nested))
		}
		v := reflect.New(f.Type()).Elem()
		v.Set(f)
		held[i] = v
		f.SetZero()
	}
	return held
}

// restore puts back into rec the nested records detach took out of the
// fields the pass left nil: those whose value was absent or null.
func (tw *twin) restore(rec reflect.Value, held map[int]reflect.Value) {
	for i, v := range held {
		if f := rec.Field(i); f.IsNil() {
			f.Set(v)
		}
	}
}
