package transport

import "sync"

// BorrowedBody is implemented by a BodyDecoder that keeps no part of the
// body once DecodeBody, and Validate when it has one, have returned: what
// it keeps it copies, as anything built on encoding/json or
// internal/tolerant does. The transport then reads later bodies into the
// memory of one it decoded, which spares every page of a list a new
// buffer as large as the page. A body that fails to decode stays with its
// error.
type BorrowedBody interface {
	BodyDecoder
	// BorrowsBody marks the type; it is never called.
	BorrowsBody()
}

// maxKeptBody is the largest buffer kept for a later body: a page of any
// platform's list fits, and a rare larger body is not held on to.
const maxKeptBody = 4 << 20

// bodyBuffers holds the memory of decoded bodies, as *[]byte.
var bodyBuffers sync.Pool

// borrowBuffer returns the memory of a decoded body, or nil when none is
// kept.
func borrowBuffer() []byte {
	if p, ok := bodyBuffers.Get().(*[]byte); ok {
		return *p
	}
	return nil
}

// returnBuffer keeps the memory of a decoded body for a later one, unless
// it is larger than maxKeptBody.
func returnBuffer(b []byte) {
	if cap(b) > maxKeptBody {
		return
	}
	b = b[:0]
	bodyBuffers.Put(&b)
}
