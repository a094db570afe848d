package firstpromoter

import (
	"context"
	"fmt"
	"iter"
	"net/http"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// ListParams are the page-number parameters every list takes. The API sends
// no pagination metadata, so a page shorter than PerPage is the last one.
type ListParams struct {
	// Page is the 1-based page to fetch; 0 means 1. To resume, set it to a
	// stored Response.NextPage.
	Page int `url:"page,omitempty"`
	// PerPage is the page size, 1 to MaxPerPage; 0 means MaxPerPage.
	PerPage int `url:"per_page,omitempty"`
}

func (p *ListParams) listParams() *ListParams { return p }

// normalize fills the defaults and rejects out-of-range values.
func (p *ListParams) normalize() error {
	return transport.NormalizePage(&p.Page, &p.PerPage, MaxPerPage, MaxPerPage, "per page")
}

// pager is satisfied by every options struct that embeds ListParams.
type pager[O any] interface {
	*O
	listParams() *ListParams
}

// listPage fetches one page of a bare JSON array list. opts is a copy the
// caller owns; its ListParams are normalized in place.
func listPage[T any, O any, PO pager[O]](ctx context.Context, c *Client, path string, opts *O) ([]*T, *Response, error) {
	items, resp, err := pageOf[[]*T, T, O, PO](ctx, c, path, opts, func(p *[]*T) *[]*T { return p })
	if err != nil {
		return nil, nil, err
	}
	return *items, resp, nil
}

// pageOf fetches one page of a list into an E, the bare array or the
// envelope whose records records returns. The next page is derived from
// the records as sent; the nulls among them are then dropped.
func pageOf[E, T any, O any, PO pager[O]](ctx context.Context, c *Client, path string, opts *O, records func(*E) *[]*T) (*E, *Response, error) {
	page := new(E)
	resp, err := listPageInto[O, PO](ctx, c, path, opts, page)
	if err != nil {
		return nil, nil, err
	}
	setNext(resp, PO(opts).listParams(), records(page))
	return page, resp, nil
}

// listPageInto normalizes the page parameters and GETs a page into out.
func listPageInto[O any, PO pager[O]](ctx context.Context, c *Client, path string, opts *O, out any) (*Response, error) {
	p := PO(opts).listParams()
	if err := p.normalize(); err != nil {
		return nil, fmt.Errorf("firstpromoter: GET %s: %w", path, err)
	}
	return c.t.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path, Query: opts}, out)
}

// setNext derives the next page from the page size (a full page may have
// a successor, a short or empty one is the last) and drops the nulls among
// the records.
func setNext[T any](resp *Response, p *ListParams, records *[]*T) {
	if n := len(*records); n > 0 && n >= p.PerPage {
		resp.NextPage, resp.HasMore = p.Page+1, true
	}
	*records = transport.DropNil(*records)
}

// list iterates every page of a list, starting at the options' page.
func list[T any, O any, PO pager[O]](ctx context.Context, opts []*O, page func(context.Context, *O) ([]*T, *Response, error)) iter.Seq2[*T, error] {
	return transport.ListByPage(ctx, opts, page, func(o *O) *int { return &PO(o).listParams().Page })
}

// copyOpts returns a copy of opts, or a zero value for nil.
func copyOpts[O any](opts *O) *O { return transport.CopyOrZero(opts) }

// do sends one request and decodes the response into out.
func (c *Client) do(ctx context.Context, method, path string, query, body, out any, opts ...RequestOption) (*Response, error) {
	return c.t.Do(ctx, &transport.Request{Method: method, Path: path, Query: query, Body: body}, out, opts...)
}
