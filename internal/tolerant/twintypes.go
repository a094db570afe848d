package tolerant

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// A record's twin is what Twins.Fast hands encoding/json in its place:
//
//	struct {
//		Record  *mirror // embedded: the record's own fields, in place
//		Shadow0 wireTime `json:"created_at"`
//		Shadow1 []*twinOfField `json:"fields"`
//		...
//	}
//
// The mirror is a struct type built with the record's fields and no
// methods, so a *R converts to a *mirror of the same memory and
// encoding/json writes the record's fields where they stand, without
// calling R's UnmarshalJSON. Each field encoding/json cannot read as it
// is gets a shadow at depth 0, which wins over the embedded field of the
// same JSON name: time fields read numbers, nested inline records (and
// plain structs holding time fields) their own twins. After the pass,
// apply moves the shadows' values into the record. A record with no such
// field decodes into its mirror alone.
type twin struct {
	typ       reflect.Type // the twin struct, or the mirror when no shadows
	mirrorPtr reflect.Type // *mirror
	recPtr    reflect.Type // *R
	shadows   []shadow
}

// shadow moves one shadow field (index src of the twin) into field dst of
// the record.
type shadow struct {
	dst, src int
	move     func(dst, src reflect.Value)
}

// apply moves the shadows of the twin value w into the record value rec.
func (tw *twin) apply(w, rec reflect.Value) {
	for _, s := range tw.shadows {
		s.move(rec.Field(s.dst), w.Field(s.src))
	}
}

// record returns the *R that the decoded twin pointer p stands for.
func (tw *twin) record(p reflect.Value) reflect.Value {
	if len(tw.shadows) == 0 {
		return tw.asRecord(p)
	}
	w := p.Elem()
	rec := w.Field(0)
	if rec.IsNil() { // no field but shadows was sent
		rec = reflect.New(tw.recPtr.Elem())
	} else {
		rec = tw.asRecord(rec)
	}
	tw.apply(w, rec.Elem())
	return rec
}

// asRecord returns the *mirror m as the *R of the same memory. It is
// m.Convert(tw.recPtr), which the two types allow, without Convert's
// check that their fields are alike, which costs more than decoding a
// small record: buildTwin made the mirror from R's fields.
func (tw *twin) asRecord(m reflect.Value) reflect.Value {
	return reflect.NewAt(tw.recPtr.Elem(), m.UnsafePointer())
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
	for i := range fields {
		f := t.Field(i)
		if !f.IsExported() || f.Anonymous {
			return nil
		}
		fields[i] = reflect.StructField{Name: f.Name, Type: f.Type, Tag: f.Tag}
	}
	mirror := reflect.StructOf(fields)
	tw = &twin{typ: mirror, mirrorPtr: reflect.PointerTo(mirror), recPtr: reflect.PointerTo(t)}
	twinFields := []reflect.StructField{{Name: "Record", Type: tw.mirrorPtr, Anonymous: true}}
	for i, f := range fields {
		name := jsonName(f)
		if name == "" {
			continue
		}
		st, move := r.shadowOf(f.Type, building)
		if st == nil {
			continue
		}
		tw.shadows = append(tw.shadows, shadow{dst: i, src: len(twinFields), move: move})
		twinFields = append(twinFields, reflect.StructField{
			Name: "Shadow" + strconv.Itoa(i), Type: st, Tag: reflect.StructTag(fmt.Sprintf("json:%q", name)),
		})
	}
	if len(tw.shadows) > 0 {
		tw.typ = reflect.StructOf(twinFields)
	}
	return tw
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

// shadowOf returns the shadow type of a field of type ft and how its value
// moves into the field; nil when encoding/json reads the field as it is.
func (r *Twins) shadowOf(ft reflect.Type, building map[reflect.Type]bool) (reflect.Type, func(dst, src reflect.Value)) {
	switch {
	case ft == timeType:
		return r.wireTimeType(), moveTime
	case ft.Kind() == reflect.Pointer && ft.Elem() == timeType:
		return r.wireTimeType(), moveTimePtr
	case ft.Kind() == reflect.Pointer:
		if tw := r.nestedTwin(ft.Elem(), building); tw != nil {
			return reflect.PointerTo(tw.typ), func(dst, src reflect.Value) {
				if !src.IsNil() {
					dst.Set(tw.record(src))
				}
			}
		}
	case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Pointer:
		if tw := r.nestedTwin(ft.Elem().Elem(), building); tw != nil {
			return reflect.SliceOf(reflect.PointerTo(tw.typ)), func(dst, src reflect.Value) {
				if src.IsNil() {
					return
				}
				out := reflect.MakeSlice(ft, src.Len(), src.Len())
				for i := range src.Len() {
					if e := src.Index(i); !e.IsNil() {
						out.Index(i).Set(tw.record(e))
					}
				}
				dst.Set(out)
			}
		}
	}
	return nil, nil
}

// nestedTwin returns the twin through which a nested struct of type t is
// read: an inline record's, or a plain struct's (one without its own
// UnmarshalJSON) when it has shadows; nil when encoding/json reads it as
// it is.
func (r *Twins) nestedTwin(t reflect.Type, building map[reflect.Type]bool) *twin {
	if t.Kind() != reflect.Struct || t == timeType || building[t] {
		return nil
	}
	inline := r.inline[t]
	if !inline && reflect.PointerTo(t).Implements(unmarshalerType) {
		return nil
	}
	tw := r.buildTwin(t, building)
	if tw == nil || !inline && len(tw.shadows) == 0 {
		return nil
	}
	return tw
}

// moveTime sets a time.Time field from its wireTime shadow: null is the
// zero time.
func moveTime(dst, src reflect.Value) {
	if src.Field(0).Bool() {
		dst.Set(src.Field(2))
	}
}

// moveTimePtr sets a *time.Time field from its wireTime shadow: null and
// the zero time are nil.
func moveTimePtr(dst, src reflect.Value) {
	switch t := src.Field(2); {
	case !src.Field(0).Bool():
	case src.Field(1).Bool() || t.Interface().(time.Time).IsZero():
		dst.SetZero()
	default:
		p := reflect.New(timeType)
		p.Elem().Set(t)
		dst.Set(p)
	}
}
