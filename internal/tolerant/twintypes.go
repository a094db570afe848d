package tolerant

import (
	"reflect"
	"strings"
	"time"
)

// A record's twin is what Twins.Fast hands encoding/json in its place: a
// struct type built with the record's fields, names and tags and no
// methods, so a *R read as a *twin is the same memory and encoding/json
// writes the record's fields where they stand, without calling R's
// UnmarshalJSON. A field encoding/json cannot read as it is has, in the
// twin, a type of the same memory layout that it can read:
//
//	time.Time            placeTime: numbers and RFC 3339 text (see wireTime)
//	*time.Time           placeTimePtr: the same, null and the zero time nil
//	*N, []*N             *twin(N), []*twin(N), for a nested record N
//
// A nested record is an inline one, or a plain struct (without its own
// UnmarshalJSON) holding such fields. What encoding/json allocates for a
// *twin(N) is an N, so the pass leaves nothing to move afterwards.
type twin struct {
	ptr reflect.Type // *twin
	// nested are the indexes of the fields holding nested records by
	// pointer or slice, which Fast reads into fresh values.
	nested []int
	// changed says that a field's type differs from the record's.
	changed bool
}

// timeTypes returns the twin's types of the time.Time and *time.Time
// fields under r's options, which read their timestamps through the type
// wireTimeType returns.
func (r *Twins) timeTypes() (reflect.Type, reflect.Type) {
	switch r.wireTimeType() {
	case reflect.TypeFor[wireTimeSeconds]():
		return reflect.TypeFor[placeTimeSeconds](), reflect.TypeFor[placeTimePtrSeconds]()
	case reflect.TypeFor[wireTimeMillis]():
		return reflect.TypeFor[placeTimeMillis](), reflect.TypeFor[placeTimePtrMillis]()
	}
	return reflect.TypeFor[placeTime](), reflect.TypeFor[placeTimePtr]()
}

// twinOf returns the twin of the struct type t, building it on first use;
// nil when t has none.
func (r *Twins) twinOf(t reflect.Type) *twin {
	if tw, ok := r.twins.Load(t); ok {
		return tw.(*twin)
	}
	r.build.Lock()
	defer r.build.Unlock()
	return r.buildTwin(t, map[reflect.Type]bool{})
}

// buildTwin builds and stores the twin of t; building lists the types
// whose twins are being built, which a field cannot nest again.
func (r *Twins) buildTwin(t reflect.Type, building map[reflect.Type]bool) (tw *twin) {
	if tw, ok := r.twins.Load(t); ok {
		return tw.(*twin)
	}
	building[t] = true
	defer delete(building, t)
	defer func() {
		if recover() != nil { // reflect.StructOf refused a field
			tw = nil
		}
		r.twins.Store(t, tw)
	}()
	fields := make([]reflect.StructField, t.NumField())
	tw = &twin{}
	for i := range fields {
		f := t.Field(i)
		if !f.IsExported() || f.Anonymous {
			return nil
		}
		fields[i] = reflect.StructField{Name: f.Name, Type: f.Type, Tag: f.Tag}
		if jsonName(f) == "" {
			continue
		}
		if ft, nested := r.fieldType(f.Type, building); ft != nil {
			fields[i].Type = ft
			tw.changed = true
			if nested {
				tw.nested = append(tw.nested, i)
			}
		}
	}
	typ := reflect.StructOf(fields)
	if !sameLayout(t, typ) {
		return nil
	}
	tw.ptr = reflect.PointerTo(typ)
	return tw
}

// sameLayout says whether the struct types a and b hold fields of the
// same sizes at the same offsets, so that one's memory reads as the
// other's. fieldType only swaps a type for one of the same layout, which
// this confirms.
func sameLayout(a, b reflect.Type) bool {
	if a.Size() != b.Size() || a.Align() != b.Align() || a.NumField() != b.NumField() {
		return false
	}
	for i := range a.NumField() {
		fa, fb := a.Field(i), b.Field(i)
		if fa.Offset != fb.Offset || fa.Type.Size() != fb.Type.Size() {
			return false
		}
	}
	return true
}

// jsonName is the key encoding/json reads field f from; "" for none.
func jsonName(f reflect.StructField) string {
	tag := f.Tag.Get("json")
	name, opts, _ := strings.Cut(tag, ",")
	switch {
	case tag == "-", strings.Contains(opts, "string"):
		return ""
	case name == "":
		return f.Name
	}
	return name
}

// fieldType returns the twin's type of a field of type ft, and whether
// it holds a nested record; nil when encoding/json reads the field as it
// is.
func (r *Twins) fieldType(ft reflect.Type, building map[reflect.Type]bool) (reflect.Type, bool) {
	switch {
	case ft == timeType:
		return r.placeTime, false
	case ft.Kind() == reflect.Pointer && ft.Elem() == timeType:
		return r.placeTimePtr, false
	case ft.Kind() == reflect.Pointer:
		if tw := r.nestedTwin(ft.Elem(), building); tw != nil {
			return tw.ptr, true
		}
	case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Pointer:
		if tw := r.nestedTwin(ft.Elem().Elem(), building); tw != nil {
			return reflect.SliceOf(tw.ptr), true
		}
	}
	return nil, false
}

// nestedTwin returns the twin through which a nested struct of type t is
// read: an inline record's, or a plain struct's (one without its own
// UnmarshalJSON) when a field of it needs another type; nil when
// encoding/json reads it as it is.
func (r *Twins) nestedTwin(t reflect.Type, building map[reflect.Type]bool) *twin {
	if t.Kind() != reflect.Struct || t == timeType || building[t] {
		return nil
	}
	inline := r.inline[t]
	if !inline && reflect.PointerTo(t).Implements(unmarshalerType) {
		return nil
	}
	tw := r.buildTwin(t, building)
	if tw == nil || !inline && !tw.changed {
		return nil
	}
	return tw
}

// placeTime, placeTimeSeconds and placeTimeMillis stand in a twin for a
// time.Time field, which they read as wireTime, wireTimeSeconds and
// wireTimeMillis do: null is the zero time, and any other form than a
// number or RFC 3339 text fails the pass.
type (
	placeTime        time.Time
	placeTimeSeconds time.Time
	placeTimeMillis  time.Time
)

// placeTimePtr, placeTimePtrSeconds and placeTimePtrMillis stand in a
// twin for a *time.Time field, which they read as placeTime and its
// kin do, except that null and the zero time are nil. They always set a
// new pointer, never writing through the one the field holds.
type (
	placeTimePtr        struct{ t *time.Time }
	placeTimePtrSeconds struct{ t *time.Time }
	placeTimePtrMillis  struct{ t *time.Time }
)

// UnmarshalJSON implements json.Unmarshaler.
func (p *placeTime) UnmarshalJSON(b []byte) error {
	var w wireTime
	if err := w.UnmarshalJSON(b); err != nil {
		return err
	}
	moveTime((*time.Time)(p), &w)
	return nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (p *placeTimeSeconds) UnmarshalJSON(b []byte) error {
	var w wireTimeSeconds
	if err := w.UnmarshalJSON(b); err != nil {
		return err
	}
	moveTime((*time.Time)(p), (*wireTime)(&w))
	return nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (p *placeTimeMillis) UnmarshalJSON(b []byte) error {
	var w wireTimeMillis
	if err := w.UnmarshalJSON(b); err != nil {
		return err
	}
	moveTime((*time.Time)(p), (*wireTime)(&w))
	return nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (p *placeTimePtr) UnmarshalJSON(b []byte) error {
	var w wireTime
	if err := w.UnmarshalJSON(b); err != nil {
		return err
	}
	moveTimePtr(&p.t, &w)
	return nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (p *placeTimePtrSeconds) UnmarshalJSON(b []byte) error {
	var w wireTimeSeconds
	if err := w.UnmarshalJSON(b); err != nil {
		return err
	}
	moveTimePtr(&p.t, (*wireTime)(&w))
	return nil
}

// UnmarshalJSON implements json.Unmarshaler.
func (p *placeTimePtrMillis) UnmarshalJSON(b []byte) error {
	var w wireTimeMillis
	if err := w.UnmarshalJSON(b); err != nil {
		return err
	}
	moveTimePtr(&p.t, (*wireTime)(&w))
	return nil
}

// moveTime sets the time.Time field dst from the timestamp w read: null
// is the zero time.
func moveTime(dst *time.Time, w *wireTime) { *dst = w.T }

// moveTimePtr sets the *time.Time field dst from the timestamp w read:
// null and the zero time are nil, another time a new pointer.
func moveTimePtr(dst **time.Time, w *wireTime) {
	if w.Null || w.T.IsZero() {
		*dst = nil
		return
	}
	t := w.T
	*dst = &t
}
