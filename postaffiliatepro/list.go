package postaffiliatepro

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/google/go-querystring/query"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// ListParams are the paging parameters every list takes. They are sent as
// offset/limit or page/per_page depending on WithPagination, so a stored
// Response.NextPage resumes a list in either style.
//
// The v3 paging is not public. A list ends on an empty page, on a page
// shorter than PerPage, or when the records seen reach a total the server
// reports. A short page while a reported total says more records remain
// means the server serves smaller pages than PerPage: the iterator then
// yields an error instead of silently stopping early.
type ListParams struct {
	// Page is the 1-based page to fetch; 0 means 1. To resume, set it to a
	// stored Response.NextPage. With OffsetLimit it is sent as
	// offset=(Page-1)*PerPage.
	Page int `url:"-"`
	// PerPage is the page size; 0 means DefaultPerPage.
	PerPage int `url:"-"`
}

func (p *ListParams) listParams() *ListParams { return p }

// normalize fills the defaults and rejects negative values.
func (p *ListParams) normalize() error {
	return transport.NormalizePage(&p.Page, &p.PerPage, DefaultPerPage, 0, "per page")
}

// pager is satisfied by every options struct that embeds ListParams.
type pager[O any] interface {
	*O
	listParams() *ListParams
}

// listQuery encodes opts (its filters) and adds the paging parameters in the
// client's style.
func (c *Client) listQuery(opts any, p *ListParams) (url.Values, error) {
	v, err := query.Values(opts)
	if err != nil {
		return nil, fmt.Errorf("encoding query: %w", err)
	}
	switch c.pagination {
	case PagePerPage:
		v.Set("page", strconv.Itoa(p.Page))
		v.Set("per_page", strconv.Itoa(p.PerPage))
	default:
		v.Set("offset", strconv.Itoa((p.Page-1)*p.PerPage))
		v.Set("limit", strconv.Itoa(p.PerPage))
	}
	return v, nil
}

// listPage fetches one page of a list at path. opts is a copy the caller
// owns; its ListParams are normalized in place. resourceKeys name the keys
// the records may sit under besides data/items/results. A page shorter
// than asked for while the total says more remain makes the iterator end
// with ErrMalformedResponse after its records (see transport.SetPage): the
// server probably caps the page size, and ListParams.PerPage should be
// lowered.
func listPage[T any, PT record[T], O any, PO pager[O]](ctx context.Context, c *Client, path string, resourceKeys []string, opts *O) ([]*T, *Response, error) {
	p := PO(opts).listParams()
	if err := p.normalize(); err != nil {
		return nil, nil, fmt.Errorf("postaffiliatepro: GET %s: %w", c.endpoint(path), err)
	}
	q, err := c.listQuery(opts, p)
	if err != nil {
		return nil, nil, fmt.Errorf("postaffiliatepro: GET %s: %w", c.endpoint(path), err)
	}
	body := &listBody{keys: append(append([]string(nil), listKeys...), resourceKeys...)}
	resp, err := c.do(ctx, &transport.Request{Method: http.MethodGet, Path: path, Query: q}, body)
	if err != nil {
		return nil, nil, err
	}
	items := make([]*T, len(body.items))
	for i, raw := range body.items {
		if items[i], err = decodeRecord[T, PT](raw, c.location); err != nil {
			return nil, nil, transport.MalformedResponse(resp, body.raw, fmt.Sprintf("record %d", i), err)
		}
	}
	resp.Total = body.total
	transport.SetPage(resp, p.Page, p.PerPage, len(items))
	return items, resp, nil
}

// listBody is a list response. Its shape is checked by Validate, which the
// transport calls inside its retry loop, so a body of the wrong shape is
// retried like any other malformed body of a read.
type listBody struct {
	keys  []string
	raw   json.RawMessage
	items []json.RawMessage
	total *int
	found bool
}

// UnmarshalJSON keeps the body for Validate.
func (b *listBody) UnmarshalJSON(data []byte) error {
	b.raw, b.found = append(b.raw[:0], data...), false
	return nil
}

// DecodeBody implements transport.BodyDecoder: the transport hands over
// the body as is, and tolerant.Records' own parse rejects what is not
// JSON, so the body is not first validated and copied by json.Unmarshal.
func (b *listBody) DecodeBody(data []byte) error {
	b.raw, b.found = data, false
	return b.Validate()
}

// Validate implements transport.Validator: it finds the records in the
// body, once.
func (b *listBody) Validate() error {
	if b.found || b.raw == nil {
		return nil
	}
	var err error
	b.items, b.total, err = tolerant.Records(b.raw, b.keys)
	b.found = err == nil
	return err
}

// list iterates every page of a list, starting at the options' page.
func list[T any, PT record[T], O any, PO pager[O]](ctx context.Context, c *Client, path string, resourceKeys []string, opts []*O) iter.Seq2[*T, error] {
	page := func(ctx context.Context, o *O) ([]*T, *Response, error) {
		return listPage[T, PT, O, PO](ctx, c, path, resourceKeys, copyOpts(o))
	}
	return transport.List(ctx, opts, page, func(o *O, r *Response) bool {
		PO(o).listParams().Page = r.NextPage
		return r.NextPage != 0
	})
}

// copyOpts returns a copy of opts, or a zero value for nil.
func copyOpts[O any](opts *O) *O { return transport.CopyOrZero(opts) }

// identified is a record that carries its own id.
type identified[T any] interface {
	record[T]
	recordID() string
}

// getRecord GETs one record at path.
func getRecord[T any, PT identified[T]](ctx context.Context, c *Client, path, singular string, opts ...RequestOption) (*T, error) {
	return sendRecord[T, PT](ctx, c, &transport.Request{Method: http.MethodGet, Path: path}, singular, opts...)
}

// sendRecord sends req and decodes the single record it answers with.
func sendRecord[T any, PT identified[T]](ctx context.Context, c *Client, req *transport.Request, singular string, opts ...RequestOption) (*T, error) {
	body := &recordBody[T, PT]{singular: singular, loc: c.location}
	if _, err := c.do(ctx, req, body, opts...); err != nil {
		return nil, err
	}
	return body.rec, nil
}

// recordBody is a single-record answer. It is decoded inside the
// transport's retry loop (transport.BodyDecoder), so a read answered with
// a body of the wrong shape is retried like any other malformed body.
type recordBody[T any, PT identified[T]] struct {
	singular string
	loc      *time.Location
	rec      *T
}

// Validate implements transport.Validator: the answer must hold a record
// with its id, neither empty nor "0". It runs inside the retry loop.
func (b *recordBody[T, PT]) Validate() error {
	rec := b.rec
	if rec == nil {
		rec = new(T)
	}
	return transport.Record(rec, "id", func(v *T) bool {
		id := PT(v).recordID()
		return id != "" && id != "0"
	}).Validate()
}

// DecodeBody implements transport.BodyDecoder.
func (b *recordBody[T, PT]) DecodeBody(data []byte) error {
	raw, err := tolerant.Unwrap(data, "data", b.singular)
	if err == nil {
		b.rec, err = decodeRecord[T, PT](raw, b.loc)
	}
	if err != nil {
		b.rec = nil
		return fmt.Errorf("unexpected record shape: %w", err)
	}
	return nil
}
