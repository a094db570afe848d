package fakeserver

// Seq hands out the integer ids of a fake's new records: ascending from
// its first id, and always above every id it has been shown, so a record
// stored with an id of its own never collides with a later automatic one.
// It is not safe for concurrent use; a fake guards it with its own mutex.
type Seq struct {
	next int64
}

// NewSeq returns a sequence whose first automatic id is first.
func NewSeq(first int64) Seq { return Seq{next: first} }

// Assign returns id, or the next automatic id when id is zero, and keeps
// later automatic ids above it.
func (s *Seq) Assign(id int64) int64 {
	if id == 0 {
		id = s.next
	}
	if id >= s.next {
		s.next = id + 1
	}
	return id
}
