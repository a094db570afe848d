package everflow

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// ListParams are the page parameters every paged list and search takes.
// Everflow pages are 1-based; the client asks for MaxPerPage rows unless
// told otherwise. Both are sent in the query string, also for the POST
// table and report endpoints (the form Everflow's older docs and working
// integrations use).
type ListParams struct {
	// Page is the 1-based page to fetch; 0 means 1. To resume, set it to a
	// stored Response.NextPage.
	Page int `json:"-"`
	// PerPage is the page size, 1 to [MaxPerPage]; 0 means MaxPerPage. It
	// is sent as Everflow's page_size.
	PerPage int `json:"-"`
}

func (p *ListParams) listParams() *ListParams { return p }

// normalize fills the defaults and rejects out-of-range values.
func (p *ListParams) normalize() error {
	return transport.NormalizePage(&p.Page, &p.PerPage, MaxPerPage, MaxPerPage, "page size")
}

// Paging is the "paging" object of a paged response.
type Paging struct {
	Page       int `json:"page"`
	PageSize   int `json:"page_size"`
	TotalCount int `json:"total_count"`
}

// pager is satisfied by every options struct that embeds ListParams.
type pager[O any] interface {
	*O
	listParams() *ListParams
}

// page is a page of records under key with its paging object: Everflow's
// {"<key>": [...], "paging": {...}}, or a bare array (one of Everflow's
// generated reference pages shows the affiliate list that way). A body
// without the list is malformed, and retried as such.
func page[T any](key string) *tolerant.Page[T, Paging] {
	return &tolerant.Page[T, Paging]{Key: key, MetaKey: "paging"}
}

// getPage fetches one page of a GET list, filtered by filters and with
// the related objects rels.
func getPage[T any](ctx context.Context, c *Client, path, key string, filters basicFilters, rels []Relationship, p *ListParams) ([]*T, *Response, error) {
	q, err := filters.query(rels)
	return fetchPage[T](ctx, c, &transport.Request{Method: http.MethodGet, Path: path}, q, key, p, err)
}

// postPage fetches one page of a POST table search or report: body is
// the search or report, built with bodyErr; paging is in the query
// string. The POST lists only read, so they are retried like a GET.
func postPage[T any](ctx context.Context, c *Client, path, key string, body any, bodyErr error, p *ListParams) ([]*T, *Response, error) {
	r := &transport.Request{Method: http.MethodPost, Path: path, Body: body, RetrySafe: true}
	return fetchPage[T](ctx, c, r, url.Values{}, key, p, bodyErr)
}

// fetchPage normalizes p, fetches one page with r and query q and fills
// the Response's pagination fields. err is the error of building r, if
// any.
func fetchPage[T any](ctx context.Context, c *Client, r *transport.Request, q url.Values, key string, p *ListParams, err error) ([]*T, *Response, error) {
	if err == nil {
		err = p.normalize()
	}
	if err != nil {
		return nil, nil, fmt.Errorf("everflow: %s %s: %w", r.Method, r.Path, err)
	}
	q.Set("page", strconv.Itoa(p.Page))
	q.Set("page_size", strconv.Itoa(p.PerPage))
	r.Query = q
	pg := page[T](key)
	resp, err := c.do(ctx, r, pg)
	if err != nil {
		return nil, nil, err
	}
	setNext(resp, p, pg.Meta, len(pg.Items))
	return transport.DropNil(pg.Items), resp, nil
}

// setNext derives the next page: from the paging object when there is one
// (page_size and total_count; see transport.SetPage), else from the page
// size (a full page may have a successor). The next page follows the page
// asked for, whatever page number the server echoes, so it never points
// back.
func setNext(resp *Response, p *ListParams, pg *Paging, n int) {
	size := p.PerPage
	if pg != nil {
		resp.Total, size = &pg.TotalCount, cmp.Or(max(pg.PageSize, 0), size)
	}
	transport.SetPage(resp, p.Page, size, n)
}

// list iterates every page of a list, starting at the options' page.
func list[T any, O any, PO pager[O]](ctx context.Context, opts []*O, page func(context.Context, *O) ([]*T, *Response, error)) iter.Seq2[*T, error] {
	return transport.ListByPage(ctx, opts, page, func(o *O) *int { return &PO(o).listParams().Page })
}

// copyOpts returns a copy of opts, or a zero value for nil.
func copyOpts[O any](opts *O) *O { return transport.CopyOrZero(opts) }

// all fetches a list that is not paged, with r: the records under key,
// nulls dropped, and how many entries were sent.
func all[T any](ctx context.Context, c *Client, r *transport.Request, key string, opts []RequestOption) ([]*T, int, error) {
	pg := page[T](key)
	if _, err := c.do(ctx, r, pg, opts...); err != nil {
		return nil, 0, err
	}
	// DropNil works in place; the entries as sent are still counted.
	return transport.DropNil(pg.Items), len(pg.Items), nil
}
