package partnerstack

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// ListParams are the cursor parameters every list takes. A list is sorted
// newest first unless its OrderBy says otherwise; a page ends with
// has_more, and the next page starts after the key of the page's last item.
type ListParams struct {
	// PerPage is the page size, 1 to MaxPerPage; 0 means MaxPerPage. It is
	// sent as PartnerStack's limit parameter.
	PerPage int `url:"limit,omitempty"`
	// StartingAfter is the key of the item after which the page starts. To
	// resume, set it to a stored Response.NextCursor.
	StartingAfter string `url:"starting_after,omitempty"`
	// EndingBefore is the key of the item before which the page ends, to
	// page backwards; then NextCursor is the key of the page's first item
	// and List keeps going backwards. Mutually exclusive with StartingAfter.
	EndingBefore string `url:"ending_before,omitempty"`
}

func (p *ListParams) listParams() *ListParams { return p }

// normalize fills the defaults and rejects out-of-range values.
func (p *ListParams) normalize() error {
	if p.PerPage < 0 || p.PerPage > MaxPerPage {
		return fmt.Errorf("PerPage must be 1..%d, got %d", MaxPerPage, p.PerPage)
	}
	if p.StartingAfter != "" && p.EndingBefore != "" {
		return errors.New("StartingAfter and EndingBefore are mutually exclusive")
	}
	if p.PerPage == 0 {
		p.PerPage = MaxPerPage
	}
	return nil
}

// pager is satisfied by every options struct that embeds ListParams.
type pager[O any] interface {
	*O
	listParams() *ListParams
}

// keyed is satisfied by every resource PartnerStack identifies by its key:
// the cursor of a list, and what a single-record answer must hold.
type keyed[T any] interface {
	*T
	itemKey() string
}

// listData is the data of a list response: {"has_more": bool, "items":
// [...], "total": int|null}. total is optional. A bare JSON array is
// accepted as a single last page, for the endpoints whose list shape is not
// documented.
type listData[T any] struct {
	HasMore bool
	Items   []*T
	Total   *int
}

// UnmarshalJSON implements json.Unmarshaler.
func (d *listData[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		d.HasMore = false
		return json.Unmarshal(b, &d.Items)
	}
	var w listWire[T]
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	return w.to(d)
}

// listWire is list data as sent. Its items decode where they stand:
// cutting them out as raw JSON to parse them again would cost two more
// passes over every page.
type listWire[T any] struct {
	HasMore *bool           `json:"has_more"`
	Items   []*T            `json:"items"`
	Total   json.RawMessage `json:"total"`
}

// to checks w and stores it in d.
func (w *listWire[T]) to(d *listData[T]) error {
	if w.Items == nil { // absent or null; [] decodes as an empty slice
		return errors.New(`list data has no "items"`)
	}
	// A missing has_more means there is no further page, as peers read it.
	*d = listData[T]{HasMore: w.HasMore != nil && *w.HasMore, Items: w.Items}
	if len(w.Total) > 0 && string(w.Total) != "null" {
		var t int
		if err := tolerant.Unmarshal(w.Total, &t, nil); err != nil {
			return fmt.Errorf("total: %w", err)
		}
		d.Total = &t
	}
	return nil
}

// listBody is a whole list response, {"data": {"has_more", "items",
// "total"}, "message", "status"}, decoded in one pass (message and status
// are not read), its records inline when records lists their type. A page
// is the largest body the API sends, and the general envelope
// (dataEnvelope, then listData) would parse its records three times. A
// page that pass refuses is decoded again with each record through its
// own UnmarshalJSON, the tolerant way; a data that is not an object (the
// bare array an undocumented list may send) takes the general envelope's
// path.
type listBody[T any] struct {
	data listData[T]
}

// UnmarshalJSON implements json.Unmarshaler.
func (l *listBody[T]) UnmarshalJSON(b []byte) error {
	l.data = listData[T]{}
	var env struct {
		Data *listWire[T] `json:"data"`
	}
	err := records.Fast(b, &env)
	if err != nil {
		env.Data = nil
		err = json.Unmarshal(b, &env)
	}
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &te) && te.Field == "data":
		return (&dataEnvelope{out: &l.data}).UnmarshalJSON(b)
	case errors.As(err, &te) && te.Field == "":
		return fmt.Errorf("not an envelope: %w", err)
	case err != nil:
		return fmt.Errorf("decoding data: %w", err)
	case env.Data == nil:
		return errors.New(`the body has no "data"`)
	}
	if err := env.Data.to(&l.data); err != nil {
		return fmt.Errorf("decoding data: %w", err)
	}
	return nil
}

// DecodeBody implements transport.BodyDecoder: the body is walked once.
func (l *listBody[T]) DecodeBody(b []byte) error { return l.UnmarshalJSON(b) }

// BorrowsBody implements transport.BorrowedBody: every path of
// UnmarshalJSON decodes with encoding/json or internal/tolerant, which
// copy what they keep, so the page's memory can take the next page.
func (l *listBody[T]) BorrowsBody() {}

var _ transport.BorrowedBody = (*listBody[Partnership])(nil)

// listPage fetches one page of a list at path. opts may be nil; it is
// copied, never changed.
func listPage[T any, PT keyed[T], O any, PO pager[O]](ctx context.Context, a *api, path string, opts *O) ([]*T, *Response, error) {
	o := copyOpts(opts)
	p := PO(o).listParams()
	if err := p.normalize(); err != nil {
		return nil, nil, fmt.Errorf("partnerstack: GET %s: %w", path, err)
	}
	r := request{method: http.MethodGet, path: path, query: o}
	var body listBody[T]
	resp, err := a.doBody(ctx, r, &body)
	if err != nil {
		return nil, nil, err
	}
	data := body.data
	resp.HasMore, resp.Total = data.HasMore, data.Total
	if data.HasMore && len(data.Items) > 0 {
		edge := data.Items[len(data.Items)-1]
		if p.EndingBefore != "" {
			edge = data.Items[0]
		}
		if edge == nil || PT(edge).itemKey() == "" {
			return nil, nil, a.malformed(r, resp, nil, errors.New("has_more is true but the edge item has no key to continue from"))
		}
		resp.NextCursor = PT(edge).itemKey()
		if resp.NextCursor == p.StartingAfter || resp.NextCursor == p.EndingBefore {
			return nil, nil, a.malformed(r, resp, nil, errors.New("the pagination cursor did not advance"))
		}
	} else if data.HasMore {
		// An empty page that claims more cannot be continued.
		resp.HasMore = false
	}
	return transport.DropNil(data.Items), resp, nil
}

// list iterates every page of a list, starting at the options' cursor and
// moving in its direction.
func list[T any, O any, PO pager[O]](ctx context.Context, opts []*O, page func(context.Context, *O) ([]*T, *Response, error)) iter.Seq2[*T, error] {
	return transport.List(ctx, opts, page, func(o *O, r *Response) bool {
		if !r.HasMore || r.NextCursor == "" {
			return false
		}
		p := PO(o).listParams()
		if p.EndingBefore != "" {
			p.EndingBefore = r.NextCursor
		} else {
			p.StartingAfter = r.NextCursor
		}
		return true
	})
}

// copyOpts returns a copy of opts, or a zero value for nil.
func copyOpts[O any](opts *O) *O { return transport.CopyOrZero(opts) }

// record is the check of an answer holding one record: its "key" must be
// set, which refuses {"data": {}} and a null data alike.
func record[T any, P keyed[T]](v *T) *transport.Checked[T] {
	return transport.Record(v, "key", func(v *T) bool { return P(v).itemKey() != "" })
}

// get fetches one record into a new T.
func get[T any, P keyed[T]](ctx context.Context, a *api, path string, query any, opts ...RequestOption) (*T, error) {
	v := new(T)
	if _, err := a.do(ctx, request{method: http.MethodGet, path: path, query: query}, record[T, P](v), opts...); err != nil {
		return nil, err
	}
	return v, nil
}

// send sends a write with a JSON body and decodes the record it returns.
func send[T any, P keyed[T]](ctx context.Context, a *api, method, path string, body any, opts ...RequestOption) (*T, error) {
	v := new(T)
	if _, err := a.do(ctx, request{method: method, path: path, body: body}, record[T, P](v), opts...); err != nil {
		return nil, err
	}
	return v, nil
}

// remove sends a DELETE, which PartnerStack answers for most resources by
// archiving.
func remove(ctx context.Context, a *api, path string, opts ...RequestOption) error {
	_, err := a.do(ctx, request{method: http.MethodDelete, path: path}, nil, opts...)
	return err
}

// oneOrMany decodes data that is either one object or a list of them (a
// bare array or list data).
type oneOrMany[T any] struct {
	Items []*T
}

// UnmarshalJSON implements json.Unmarshaler.
func (o *oneOrMany[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '{' {
		var probe struct {
			Items json.RawMessage `json:"items"`
		}
		if err := json.Unmarshal(b, &probe); err == nil && len(probe.Items) > 0 {
			var d listData[T]
			if err := d.UnmarshalJSON(b); err != nil {
				return err
			}
			o.Items = transport.DropNil(d.Items)
			return nil
		}
		v := new(T)
		if err := json.Unmarshal(b, v); err != nil {
			return err
		}
		o.Items = []*T{v}
		return nil
	}
	if err := json.Unmarshal(b, &o.Items); err != nil {
		return err
	}
	o.Items = transport.DropNil(o.Items)
	return nil
}
