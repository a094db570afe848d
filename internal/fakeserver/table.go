package fakeserver

import (
	"cmp"
	"slices"
)

// Table holds one resource's records of a fake, indexed by key, in
// insertion order (NewTable) or in ascending key order (NewSortedTable):
// the store every fake builds its tables from. It is not safe for
// concurrent use; a fake guards its tables with its own mutex.
type Table[K comparable, T any] struct {
	rows  []*T
	index map[K]int
	key   func(*T) K
	// order compares two keys in a sorted table; nil keeps insertion
	// order.
	order func(a, b K) int
}

// NewTable returns an empty table whose records are keyed by key and kept
// in insertion order.
func NewTable[K comparable, T any](key func(*T) K) *Table[K, T] {
	return &Table[K, T]{index: map[K]int{}, key: key}
}

// NewSortedTable returns an empty table whose records are keyed by key and
// kept in ascending key order.
func NewSortedTable[K cmp.Ordered, T any](key func(*T) K) *Table[K, T] {
	return &Table[K, T]{index: map[K]int{}, key: key, order: cmp.Compare[K]}
}

// Put stores r, replacing the record with the same key in its place, or
// adding it: at the end of an insertion-ordered table, at its key's place
// in a sorted one.
func (t *Table[K, T]) Put(r *T) {
	k := t.key(r)
	if i, ok := t.index[k]; ok {
		t.rows[i] = r
		return
	}
	i := len(t.rows)
	if t.order != nil && i > 0 && t.order(t.key(t.rows[i-1]), k) > 0 {
		i, _ = slices.BinarySearchFunc(t.rows, k, func(x *T, k K) int { return t.order(t.key(x), k) })
	}
	t.rows = slices.Insert(t.rows, i, r)
	t.reindex(i)
}

// reindex points the index at the records from position i on.
func (t *Table[K, T]) reindex(i int) {
	for j := i; j < len(t.rows); j++ {
		t.index[t.key(t.rows[j])] = j
	}
}

// Get returns the record with key k.
func (t *Table[K, T]) Get(k K) (*T, bool) {
	i, ok := t.index[k]
	if !ok {
		return nil, false
	}
	return t.rows[i], true
}

// Delete removes the record with key k and reports whether there was one.
func (t *Table[K, T]) Delete(k K) bool {
	i, ok := t.index[k]
	if !ok {
		return false
	}
	t.rows = slices.Delete(t.rows, i, i+1)
	delete(t.index, k)
	t.reindex(i)
	return true
}

// Len returns the number of records.
func (t *Table[K, T]) Len() int { return len(t.rows) }

// At returns the record at position i (0 <= i < Len) of the table's
// order.
func (t *Table[K, T]) At(i int) *T { return t.rows[i] }

// Key returns the key of r.
func (t *Table[K, T]) Key(r *T) K { return t.key(r) }

// All returns the records in the table's order (a new slice; the records
// are shared).
func (t *Table[K, T]) All() []*T { return slices.Clone(t.rows) }

// Values returns copies of the records in the table's order: a snapshot a
// fake hands to its callers.
func (t *Table[K, T]) Values() []T {
	out := make([]T, len(t.rows))
	for i, r := range t.rows {
		out[i] = *r
	}
	return out
}

// Filter returns the records matching ok, in the table's order.
func (t *Table[K, T]) Filter(ok func(*T) bool) []*T {
	out := make([]*T, 0, len(t.rows))
	for _, r := range t.rows {
		if ok(r) {
			out = append(out, r)
		}
	}
	return out
}

// Find returns the first record matching ok.
func (t *Table[K, T]) Find(ok func(*T) bool) (*T, bool) {
	for _, r := range t.rows {
		if ok(r) {
			return r, true
		}
	}
	return nil, false
}

// Sort orders the records of an insertion-ordered table by by, stably;
// records put later are appended after them.
func (t *Table[K, T]) Sort(by func(a, b *T) int) {
	slices.SortStableFunc(t.rows, by)
	t.reindex(0)
}

// OrDefault sets *v to def when *v is the zero value: the defaults a fake
// fills into a record it stores.
func OrDefault[V comparable](v *V, def V) {
	var zero V
	if *v == zero {
		*v = def
	}
}
