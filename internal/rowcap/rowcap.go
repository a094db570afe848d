// Package rowcap bounds the size of one record of a parsed stream.
//
// Parsers such as encoding/csv and encoding/json's Decoder buffer a whole
// record before they return it and have no limit of their own, so one
// endless row would take all memory. A Reader sits between the body and
// the parser and refuses to hand the parser more than a fixed number of
// bytes past the end of the last record the parser returned. The caller
// reports each record boundary with Next, passing the parser's own input
// offset (csv.Reader.InputOffset, json.Decoder.InputOffset).
package rowcap

import (
	"errors"
	"fmt"
	"io"
)

// ErrTooLong is matched (with errors.Is) by the error a Reader returns once
// a record exceeds its cap.
var ErrTooLong = errors.New("record too long")

// TooLongError reports a record larger than Max bytes. Its Offset is the
// input offset at which the record began.
type TooLongError struct {
	Max    int64
	Offset int64
}

func (e *TooLongError) Error() string {
	return fmt.Sprintf("record at byte %d is longer than %d bytes", e.Offset, e.Max)
}

// Is reports whether target is ErrTooLong.
func (e *TooLongError) Is(target error) bool { return target == ErrTooLong }

// Reader reads from an underlying reader and hands its caller at most Max
// bytes past the current record boundary. A record counts everything
// between two boundaries: blank lines and separators before it, its own
// bytes and its line ending. A record of Max bytes or fewer always reaches
// the parser whole, even with the parser's read-ahead, because read-ahead
// beyond a record only happens while that record is still incomplete.
type Reader struct {
	r     io.Reader
	max   int64
	n     int64 // bytes handed out so far
	start int64 // offset of the current record boundary
	err   error // sticky error once the cap is hit
	// readErr is the last error of the underlying reader other than
	// io.EOF (a connection that broke, a timeout).
	readErr error
}

// NewReader returns a Reader over r that caps each record at max bytes.
// max must be positive.
func NewReader(r io.Reader, max int64) *Reader {
	if max <= 0 {
		panic("rowcap: the cap must be positive")
	}
	return &Reader{r: r, max: max}
}

// Max returns the cap.
func (r *Reader) Max() int64 { return r.max }

// Offset returns the number of bytes handed out so far.
func (r *Reader) Offset() int64 { return r.n }

// Next marks a record boundary at input offset off, counted from the first
// byte read through r, as the parser counts it. An offset beyond what was
// handed out, or behind the last boundary, is clamped.
func (r *Reader) Next(off int64) {
	r.start = min(max(off, r.start), r.n)
}

// Read reads at most as many bytes as the current record may still take.
// Once the record has taken Max bytes and the parser asks for more, Read
// looks one byte ahead: at the end of the input it returns that end
// (io.EOF or the underlying error); otherwise it fails with a
// *TooLongError, and keeps failing.
func (r *Reader) Read(p []byte) (int, error) {
	if r.err != nil {
		return 0, r.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	room := r.start + r.max - r.n
	if room <= 0 {
		var probe [1]byte
		n, err := r.r.Read(probe[:])
		if n == 0 {
			if err != nil && !errors.Is(err, io.EOF) {
				r.readErr = err
			}
			return 0, err
		}
		r.err = &TooLongError{Max: r.max, Offset: r.start}
		return 0, r.err
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := r.r.Read(p)
	r.n += int64(n)
	if err != nil && !errors.Is(err, io.EOF) {
		r.readErr = err
	}
	return n, err
}

// Err returns why reading stopped short: the *TooLongError once a record
// went over the cap, else the last error of the underlying reader other
// than io.EOF, else nil. A parser may report either as a syntax error of
// the record it cut (encoding/csv does, inside a quoted field), so a
// caller that gets a parse error asks Err for the cause.
func (r *Reader) Err() error {
	if r.err != nil {
		return r.err
	}
	return r.readErr
}
