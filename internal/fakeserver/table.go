package fakeserver

import "slices"

// Table holds one resource's records of a fake in insertion order, indexed
// by key: the store every fake builds its tables from. It is not safe for
// concurrent use; a fake guards its tables with its own mutex.
type Table[K comparable, T any] struct {
	rows  []*T
	index map[K]int
	key   func(*T) K
}

// NewTable returns an empty table whose records are keyed by key.
func NewTable[K comparable, T any](key func(*T) K) *Table[K, T] {
	return &Table[K, T]{index: map[K]int{}, key: key}
}

// Put stores r, replacing the record with the same key in its place, or
// appending it.
func (t *Table[K, T]) Put(r *T) {
	k := t.key(r)
	if i, ok := t.index[k]; ok {
		t.rows[i] = r
		return
	}
	t.index[k] = len(t.rows)
	t.rows = append(t.rows, r)
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
	for j := i; j < len(t.rows); j++ {
		t.index[t.key(t.rows[j])] = j
	}
	return true
}

// Len returns the number of records.
func (t *Table[K, T]) Len() int { return len(t.rows) }

// All returns the records in insertion order (a new slice; the records
// are shared).
func (t *Table[K, T]) All() []*T { return slices.Clone(t.rows) }

// Filter returns the records matching ok, in insertion order.
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

// Sort orders the records by cmp, stably.
func (t *Table[K, T]) Sort(cmp func(a, b *T) int) {
	slices.SortStableFunc(t.rows, cmp)
	for i, r := range t.rows {
		t.index[t.key(r)] = i
	}
}

// OrDefault sets *v to def when *v is the zero value: the defaults a fake
// fills into a record it stores.
func OrDefault[V comparable](v *V, def V) {
	var zero V
	if *v == zero {
		*v = def
	}
}
