package everflow

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"net/url"
	"strconv"

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

// envelope decodes a page: {"<key>": [...], "paging": {...}}. A bare JSON
// array is accepted too (one of Everflow's generated reference pages shows
// the affiliate list that way); a body without the list is an error.
type envelope[T any] struct {
	key    string
	items  []*T
	paging *Paging
	found  bool
}

// UnmarshalJSON reads the list under e.key and the paging object. It
// starts afresh, so a retried attempt keeps nothing of a failed one.
//
// The object is walked once with a json.Decoder and the list decoded where
// it stands, record by record. Cutting the members out as raw JSON and
// parsing the list again took two more passes over a page of up to 2000
// records, half again the time of decoding it.
func (e *envelope[T]) UnmarshalJSON(b []byte) error {
	e.items, e.paging, e.found = nil, nil, false
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		e.found = true
		return json.Unmarshal(b, &e.items)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	tok, err := dec.Token()
	switch {
	case errors.Is(err, io.EOF):
		return io.ErrUnexpectedEOF
	case err != nil:
		return err
	case tok == nil:
		return nil // null holds no list, which Validate reports
	case tok != json.Delim('{'):
		return errors.New("the body is not a JSON object")
	}
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return err
		}
		switch key, _ := tok.(string); key {
		case e.key: // a repeated member replaces the earlier one
			e.found = true
			if e.items, err = decodeList[T](dec); err != nil {
				return fmt.Errorf("%q: %w", e.key, err)
			}
		case "paging":
			e.paging = nil // null leaves it nil
			if err := dec.Decode(&e.paging); err != nil {
				return fmt.Errorf("paging: %w", err)
			}
		default:
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				return err
			}
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return err
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return errors.New("invalid JSON: data after the top-level object")
	}
	return nil
}

// decodeList decodes a JSON array of records, or null, from dec one
// record at a time, so the decoder buffers one record rather than the
// whole list.
func decodeList[T any](dec *json.Decoder) ([]*T, error) {
	tok, err := dec.Token()
	if err != nil || tok == nil {
		return nil, err
	}
	if tok != json.Delim('[') {
		return nil, errors.New("not a JSON array")
	}
	items := []*T{}
	for dec.More() {
		var it *T
		if err := dec.Decode(&it); err != nil {
			return nil, err
		}
		items = append(items, it)
	}
	_, err = dec.Token() // the closing bracket
	return items, err
}

// DecodeBody implements transport.BodyDecoder: the body is walked once.
func (e *envelope[T]) DecodeBody(b []byte) error { return e.UnmarshalJSON(b) }

// Validate implements transport.Validator: the transport calls it inside
// its retry loop, so a body without the list is retried like any other
// malformed body of a read.
func (e *envelope[T]) Validate() error {
	if !e.found {
		return fmt.Errorf("the response has no %q list", e.key)
	}
	return nil
}

// pageRequest describes one page fetch.
type pageRequest struct {
	method string
	path   string
	// key is the name of the list in the response object.
	key   string
	query url.Values
	body  any
}

// fetchPage normalizes p, fetches one page and fills the Response's
// pagination fields.
func fetchPage[T any](ctx context.Context, c *Client, pr pageRequest, p *ListParams) ([]*T, *Response, error) {
	if err := p.normalize(); err != nil {
		return nil, nil, fmt.Errorf("everflow: %s %s: %w", pr.method, pr.path, err)
	}
	q := pr.query
	if q == nil {
		q = url.Values{}
	}
	q.Set("page", strconv.Itoa(p.Page))
	q.Set("page_size", strconv.Itoa(p.PerPage))
	env := &envelope[T]{key: pr.key}
	resp, err := c.do(ctx, &transport.Request{
		Method: pr.method, Path: pr.path, Query: q, Body: pr.body,
		// The POST lists are searches and reports: they only read.
		RetrySafe: pr.method == http.MethodPost,
	}, env)
	if err != nil {
		return nil, nil, err
	}
	if !env.found {
		return nil, nil, c.malformed(pr.method, pr.path, resp, nil, fmt.Sprintf("the response has no %q list", pr.key), nil)
	}
	setNext(resp, p, env.paging, len(env.items))
	return transport.DropNil(env.items), resp, nil
}

// setNext derives the next page: from the paging object when there is one
// (another page follows while page*page_size < total_count), else from the
// page size (a full page may have a successor). The next page follows the
// page asked for, whatever page number the server echoes, so it never
// points back.
func setNext(resp *Response, p *ListParams, pg *Paging, n int) {
	if pg != nil {
		total := pg.TotalCount
		resp.Total = &total
		size := pg.PageSize
		if size <= 0 {
			size = p.PerPage
		}
		page := p.Page
		if n > 0 && page*size < total {
			resp.NextPage = page + 1
			resp.HasMore = true
		}
		return
	}
	if n > 0 && n >= p.PerPage {
		resp.NextPage = p.Page + 1
		resp.HasMore = true
	}
}

// list iterates every page of a list, starting at the options' page.
func list[T any, O any, PO pager[O]](ctx context.Context, opts []*O, page func(context.Context, *O) ([]*T, *Response, error)) iter.Seq2[*T, error] {
	return transport.List(ctx, opts, page, func(o *O, r *Response) bool {
		if r.NextPage == 0 {
			return false
		}
		PO(o).listParams().Page = r.NextPage
		return true
	})
}

// copyOpts returns a copy of opts, or a zero value for nil.
func copyOpts[O any](opts *O) *O {
	var o O
	if opts != nil {
		o = *opts
	}
	return &o
}

// malformed builds an ErrMalformedResponse error for a body that decoded
// but is not the expected shape, or an export stream that broke off.
func (c *Client) malformed(method, path string, resp *Response, body []byte, msg string, cause error) error {
	if resp != nil {
		return transport.MalformedResponse(resp, body, msg, cause)
	}
	return transport.NewMalformedError("everflow", method, c.basePath+"/"+path, 0, body, msg, cause)
}
