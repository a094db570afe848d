package main

import (
	"errors"
	"fmt"
	"io"
)

// maxReportRow caps each row of a downloaded report. The download is not
// size-capped, and encoding/csv would buffer a row of any length.
const maxReportRow = 1 << 20

// errRowTooLong is matched by the error of a row longer than its cap.
var errRowTooLong = errors.New("row too long")

// rowCapReader sits between a body and a csv.Reader and hands the parser
// at most max bytes past the end of the last row it returned; the caller
// reports each row's end with next(r.InputOffset()). A row of max bytes or
// fewer (its line ending and any blank lines before it included) always
// gets through.
type rowCapReader struct {
	r     io.Reader
	max   int64
	n     int64 // bytes handed out
	start int64 // offset where the current row began
	err   error
}

func newRowCapReader(r io.Reader, max int64) *rowCapReader {
	return &rowCapReader{r: r, max: max}
}

// next marks the end of a row at input offset off.
func (c *rowCapReader) next(off int64) { c.start = min(max(off, c.start), c.n) }

func (c *rowCapReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	if len(p) == 0 {
		return 0, nil
	}
	room := c.start + c.max - c.n
	if room <= 0 {
		// The row has taken its max: the end of the input ends it, any
		// further byte makes it too long.
		var probe [1]byte
		if n, err := c.r.Read(probe[:]); n == 0 {
			return 0, err
		}
		c.err = fmt.Errorf("row at byte %d is longer than %d bytes: %w", c.start, c.max, errRowTooLong)
		return 0, c.err
	}
	if int64(len(p)) > room {
		p = p[:room]
	}
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}
