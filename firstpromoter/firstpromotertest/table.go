package firstpromotertest

import "github.com/affiliatekit/affiliatekit-go/internal/fakeserver"

// table stores one resource by integer id, iterated in ascending id order,
// and hands out the ids of new records (Assign).
type table[T any] struct {
	*fakeserver.Table[int64, T]
	fakeserver.Seq
}

// newTable returns an empty table of the records id keys, whose first
// automatic id is firstID.
func newTable[T any](firstID int64, id func(*T) int64) table[T] {
	return table[T]{Table: fakeserver.NewSortedTable(id), Seq: fakeserver.NewSeq(firstID)}
}
