package refersion

import (
	"cmp"
	"errors"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
)

// affiliatePage is the envelope of affiliate/list and affiliate/search:
// {"total": 3, "results": [...]}. total is the number of matching records,
// not the page size; it may arrive as a number or a numeric string.
type affiliatePage struct {
	Total   *tolerant.FormattedInt `json:"total"`
	Results []*Affiliate           `json:"results"`
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

// result is the page's affiliates, without nulls and with their codes
// filled in, and resp with its pagination set (see fill); or err. size is
// the page size, or -1 to take the length of the page.
func (p *affiliatePage) result(resp *Response, err error, page, size int) ([]*Affiliate, *Response, error) {
	if err != nil {
		return nil, nil, err
	}
	p.fill(resp, page, cmp.Or(max(size, 0), len(p.Results)))
	return p.affiliates(), resp, nil
}

// affiliates are the records of the page without nulls, each with Code
// set from the id the list sends.
func (p *affiliatePage) affiliates() []*Affiliate {
	items := transport.DropNil(p.Results)
	for _, a := range items {
		a.Code = string(a.ID)
	}
	return items
}

// fill sets the pagination fields of resp for page number page of a list
// whose page size is size (transport.SetPage). A page short of its total
// still names the page after it, as ListPage always has: a List ends there
// all the same, with the transport's error.
func (p *affiliatePage) fill(resp *Response, page, size int) {
	n := len(p.Results)
	if p.Total != nil {
		t := int(*p.Total)
		resp.Total = &t
	}
	transport.SetPage(resp, page, size, n)
	if resp.NextPage == 0 && resp.Total != nil && n > 0 && n < size && page*size < *resp.Total {
		resp.NextPage, resp.HasMore = page+1, true
	}
}
