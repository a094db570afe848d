package firstpromotertest

import "slices"

// table stores one resource by integer id, iterated in ascending id order.
type table[T any] struct {
	rows map[int64]*T
	ids  []int64 // ascending
	next int64
}

func newTable[T any](firstID int64) table[T] {
	return table[T]{rows: map[int64]*T{}, next: firstID}
}

// assign returns id, or the next free id when id is zero, and keeps later
// automatic ids above it.
func (t *table[T]) assign(id int64) int64 {
	if id == 0 {
		id = t.next
	}
	if id >= t.next {
		t.next = id + 1
	}
	return id
}

// put stores r under id, replacing any row with that id.
func (t *table[T]) put(id int64, r *T) {
	if _, ok := t.rows[id]; !ok {
		i, _ := slices.BinarySearch(t.ids, id)
		t.ids = slices.Insert(t.ids, i, id)
	}
	t.rows[id] = r
}

func (t *table[T]) get(id int64) (*T, bool) {
	r, ok := t.rows[id]
	return r, ok
}

func (t *table[T]) del(id int64) bool {
	if _, ok := t.rows[id]; !ok {
		return false
	}
	delete(t.rows, id)
	if i, found := slices.BinarySearch(t.ids, id); found {
		t.ids = slices.Delete(t.ids, i, i+1)
	}
	return true
}

func (t *table[T]) len() int { return len(t.ids) }

// all returns the rows in ascending id order.
func (t *table[T]) all() []*T {
	out := make([]*T, len(t.ids))
	for i, id := range t.ids {
		out[i] = t.rows[id]
	}
	return out
}
