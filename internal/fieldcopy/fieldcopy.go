// Package fieldcopy copies the fields one struct shares with another, for
// the update params a platform builds from a record it read: the params
// carry the record's fields under the same names.
package fieldcopy

import "reflect"

// Copy sets each exported field of the struct dst points to from the
// exported field of the same name of the struct src points to, when the
// types match, as a deep copy: pointers, slices and maps are copied (and
// what they hold, down to structs, which are copied by value with their
// exported pointer, slice and map fields copied again), so dst shares
// nothing with src but interface values (src must hold no cycle). Fields
// without a namesake of the same type are left as they are; arguments
// that are not non-nil pointers to structs are ignored.
func Copy(dst, src any) {
	d, s := reflect.ValueOf(dst), reflect.ValueOf(src)
	if d.Kind() != reflect.Pointer || s.Kind() != reflect.Pointer || d.IsNil() || s.IsNil() {
		return
	}
	d, s = d.Elem(), s.Elem()
	if d.Kind() != reflect.Struct || s.Kind() != reflect.Struct {
		return
	}
	for i := range d.NumField() {
		df := d.Type().Field(i)
		if !df.IsExported() || df.Anonymous {
			continue
		}
		sf, ok := s.Type().FieldByName(df.Name)
		if !ok || !sf.IsExported() || sf.Type != df.Type || len(sf.Index) != 1 {
			continue
		}
		d.Field(i).Set(clone(s.Field(sf.Index[0])))
	}
}

// clone returns a deep copy of v (see Copy).
func clone(v reflect.Value) reflect.Value {
	switch v.Kind() {
	case reflect.Pointer:
		if v.IsNil() {
			return v
		}
		p := reflect.New(v.Type().Elem())
		p.Elem().Set(clone(v.Elem()))
		return p
	case reflect.Slice:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeSlice(v.Type(), v.Len(), v.Len())
		for i := range v.Len() {
			out.Index(i).Set(clone(v.Index(i)))
		}
		return out
	case reflect.Map:
		if v.IsNil() {
			return v
		}
		out := reflect.MakeMapWithSize(v.Type(), v.Len())
		for it := v.MapRange(); it.Next(); {
			out.SetMapIndex(it.Key(), clone(it.Value()))
		}
		return out
	case reflect.Struct:
		out := reflect.New(v.Type()).Elem()
		out.Set(v)
		for i := range out.NumField() {
			if out.Type().Field(i).IsExported() {
				out.Field(i).Set(clone(v.Field(i)))
			}
		}
		return out
	}
	return v
}

// Clone returns a deep copy of *v (see Copy), or nil for nil.
func Clone[T any](v *T) *T {
	if v == nil {
		return nil
	}
	return clone(reflect.ValueOf(v)).Interface().(*T)
}
