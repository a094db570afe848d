package tolerant

import (
	"encoding/json"
	"reflect"
	"sync"
)

// A record may keep the members of its JSON object that it does not model
// in a map of raw values (an Other field tagged `json:"-"`), so that they
// are not lost and go back unchanged when the record is encoded again:
// UnmarshalRest fills the map, MarshalRest writes it back.

// UnmarshalRest decodes the JSON object b into v with encoding/json and
// sets *rest to the members whose names are not JSON fields of v's
// struct type (embedded structs flattened, as encoding/json sees them;
// the names compared exactly), or to nil when there are none. v may be an
// overlay struct that embeds the record.
func UnmarshalRest(b []byte, v any, rest *map[string]json.RawMessage) error {
	if err := json.Unmarshal(b, v); err != nil {
		return err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*rest = unknown(m, reflect.TypeOf(v))
	return nil
}

// unknown removes the members named by t's JSON fields from m and returns
// it, or nil when none are left.
func unknown(m map[string]json.RawMessage, t reflect.Type) map[string]json.RawMessage {
	known := namesOf(t)
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

var namesCache sync.Map // reflect.Type → map[string]bool

// namesOf is the set of JSON member names of the struct type t points to
// (or of t); nil for a type that is not a struct.
func namesOf(t reflect.Type) map[string]bool {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Kind() != reflect.Struct {
		return nil
	}
	if m, ok := namesCache.Load(t); ok {
		return m.(map[string]bool)
	}
	names := map[string]bool{}
	for _, f := range fieldsOf(t) {
		names[f.name] = true
	}
	namesCache.Store(t, names)
	return names
}

// MarshalRest encodes v with encoding/json and adds the members of rest
// its object lacks: a field of v wins over a member of the same name.
func MarshalRest(v any, rest map[string]json.RawMessage) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil || len(rest) == 0 {
		return b, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	for k, raw := range rest {
		if _, ok := m[k]; !ok {
			m[k] = raw
		}
	}
	return json.Marshal(m)
}

// CloneRest returns a deep copy of a map of raw members (nil for nil), so
// that a value built from a record shares nothing with it.
func CloneRest(m map[string]json.RawMessage) map[string]json.RawMessage {
	if m == nil {
		return nil
	}
	out := make(map[string]json.RawMessage, len(m))
	for k, v := range m {
		out[k] = append(json.RawMessage(nil), v...)
	}
	return out
}
