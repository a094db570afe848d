package refersion

import (
	"errors"
	"iter"
)

// affiliatePage is the envelope of affiliate/list and affiliate/search:
// {"total": 3, "results": [...]}. total is the number of matching records,
// not the page size; it may arrive as a number or a numeric string.
type affiliatePage struct {
	Total   *flexInt     `json:"total"`
	Results []*Affiliate `json:"results"`
}

// check rejects a body that is not the envelope.
func (p *affiliatePage) check() error {
	if p.Total == nil && p.Results == nil {
		return errors.New(`neither "total" nor "results" in the list envelope`)
	}
	return nil
}

// Validate implements transport.Validator: the transport calls it inside
// its retry loop, so an envelope of the wrong shape is retried like any
// other malformed body of a read.
func (p *affiliatePage) Validate() error { return p.check() }

// fill sets the pagination fields of resp for page number page of a list
// whose page size is size (0 when the API does not say): there is a next
// page while page*size is short of total, or, without a total, while pages
// come back full. It reports a short page: fewer records than size although
// the total says more follow.
func (p *affiliatePage) fill(resp *Response, page, size int) (short bool) {
	n := len(p.Results)
	if p.Total != nil {
		t := int(*p.Total)
		resp.Total = &t
	}
	more := false
	switch {
	case n == 0 || size <= 0:
	case resp.Total != nil:
		more = page*size < *resp.Total
		short = more && n < size
	default:
		more = n >= size
	}
	if more {
		resp.NextPage, resp.HasMore = page+1, true
	}
	return short
}

// rangeable makes a sequence that builds its state afresh every time it is
// ranged over, so that ranging twice starts twice from the first page.
func rangeable[T any](build func() iter.Seq2[*T, error]) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		for v, err := range build() {
			if !yield(v, err) {
				return
			}
		}
	}
}
