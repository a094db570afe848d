package transport

import (
	"encoding/binary"
	"encoding/json"
	"hash/maphash"
	"reflect"
	"strings"
	"sync"
)

// pageSeed seeds the fingerprints of pages and cursors.
var pageSeed = maphash.MakeSeed()

// seenPages remembers the pages and cursors of one iteration by an 8-byte
// fingerprint each, so a server that serves a page or a cursor again (a
// cycle A→B→A, page 3 answered with page 1) ends the list instead of
// looping.
type seenPages struct {
	pages   map[uint64]struct{}
	cursors map[uint64]struct{}
}

// page records a page's records and reports whether the same records came
// before in this iteration.
func (s *seenPages) page(key uint64) (repeated bool) {
	if s.pages == nil {
		s.pages = make(map[uint64]struct{})
	}
	if _, ok := s.pages[key]; ok {
		return true
	}
	s.pages[key] = struct{}{}
	return false
}

// cursor records a cursor and reports whether it came before.
func (s *seenPages) cursor(c string) (repeated bool) {
	if s.cursors == nil {
		s.cursors = make(map[uint64]struct{})
	}
	k := maphash.String(pageSeed, c)
	if _, ok := s.cursors[k]; ok {
		return true
	}
	s.cursors[k] = struct{}{}
	return false
}

// pageKey fingerprints a page by its records, never by the envelope around
// them, so a volatile field of the body (a request id, a timestamp) cannot
// hide a repeat. A record type with identifier fields (exported fields of
// integer or string kind named ID or Key, or ending in ID, Id or Key) is
// recognised by the values of all of them, so one that is the same in
// every record (a network id beside the affiliate id) does no harm; any
// other type, or a page with a record whose identifiers are all empty, by
// its records' JSON encoding.
func pageKey[T any](items []*T) uint64 {
	var h maphash.Hash
	h.SetSeed(pageSeed)
	var buf [8]byte
	binary.LittleEndian.PutUint64(buf[:], uint64(len(items)))
	_, _ = h.Write(buf[:])
	if len(items) == 0 {
		return h.Sum64()
	}
	if ids := idFieldsOf(reflect.TypeFor[T]()); len(ids) > 0 && hashIDs(&h, items, ids) {
		return h.Sum64()
	}
	h.Reset()
	b, err := json.Marshal(items)
	if err != nil {
		// Not encodable: the page counts as unseen, so it is never taken
		// for another.
		return 0
	}
	_, _ = h.Write(b)
	return h.Sum64()
}

// hashIDs writes every record's identifiers to h, and reports false when a
// record has none (nil, or all its identifiers zero).
func hashIDs[T any](h *maphash.Hash, items []*T, ids [][]int) bool {
	var buf [8]byte
	for _, it := range items {
		if it == nil {
			return false
		}
		rec := reflect.ValueOf(it).Elem()
		has := false
		for _, idx := range ids {
			f := rec.FieldByIndex(idx)
			switch f.Kind() {
			case reflect.String:
				s := f.String()
				has = has || s != ""
				binary.LittleEndian.PutUint64(buf[:], uint64(len(s)))
				_, _ = h.Write(buf[:])
				_, _ = h.WriteString(s)
				continue
			case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
				binary.LittleEndian.PutUint64(buf[:], uint64(f.Int()))
			default: // unsigned, as idKind allows no other
				binary.LittleEndian.PutUint64(buf[:], f.Uint())
			}
			has = has || !f.IsZero()
			_, _ = h.Write(buf[:])
		}
		if !has {
			return false
		}
	}
	return true
}

// idFieldCache caches idFieldsOf per record type.
var idFieldCache sync.Map // reflect.Type → [][]int

// idFieldsOf returns the index paths of a record type's identifier
// fields, or nil when it has none.
func idFieldsOf(t reflect.Type) [][]int {
	if v, ok := idFieldCache.Load(t); ok {
		return v.([][]int)
	}
	var ids [][]int
	if t.Kind() == reflect.Struct {
		for _, f := range reflect.VisibleFields(t) {
			if f.IsExported() && !f.Anonymous && idName(f.Name) && idKind(f.Type) {
				ids = append(ids, f.Index)
			}
		}
	}
	idFieldCache.Store(t, ids)
	return ids
}

func idName(name string) bool {
	return name == "ID" || name == "Key" ||
		strings.HasSuffix(name, "ID") || strings.HasSuffix(name, "Id") || strings.HasSuffix(name, "Key")
}

func idKind(t reflect.Type) bool {
	switch t.Kind() {
	case reflect.String, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return true
	}
	return false
}

// recentRecords remembers the identifiers of the records of the last few
// pages, so that a record that shifted to a later page while pages were
// fetched at once is yielded once.
type recentRecords[T any] struct {
	pages []map[uint64]struct{}
}

// dedupe drops from items the records already yielded within the last
// window pages (in place) and remembers this page's. Records of a type
// without identifier fields, or with all of them zero, are never dropped.
func (r *recentRecords[T]) dedupe(items []*T, window int) []*T {
	ids := idFieldsOf(reflect.TypeFor[T]())
	if len(ids) == 0 {
		return items
	}
	keys := make(map[uint64]struct{}, len(items))
	out := items[:0]
	var h maphash.Hash
	h.SetSeed(pageSeed)
	for i, it := range items {
		h.Reset()
		if it == nil || !hashIDs(&h, items[i:i+1], ids) {
			out = append(out, it)
			continue
		}
		k := h.Sum64()
		if r.seen(k) {
			continue
		}
		keys[k] = struct{}{}
		out = append(out, it)
	}
	r.pages = append(r.pages, keys)
	if len(r.pages) > window {
		r.pages = r.pages[len(r.pages)-window:]
	}
	return out
}

func (r *recentRecords[T]) seen(k uint64) bool {
	for _, p := range r.pages {
		if _, ok := p[k]; ok {
			return true
		}
	}
	return false
}
