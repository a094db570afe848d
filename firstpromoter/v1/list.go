package v1

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// ListParams are the page parameters every list takes.
//
// The v1 documentation says only that "pagination details are held on
// response headers" with links to the next pages; it names no header. The
// lists therefore follow an RFC 5988 Link header's rel="next" when the
// server sends one (and stop when a Link header has none), and otherwise
// ask for the page after every non-empty page, ending at the first empty
// one. Those header names are unconfirmed.
type ListParams struct {
	// Page is the 1-based page to fetch; 0 means 1. To resume, set it to a
	// stored Response.NextPage.
	Page int `url:"page,omitempty"`
	// PerPage is the page size, sent as per_page when not zero. The v1
	// documentation does not list it; integrations send it and the server's
	// default applies when it is zero.
	PerPage int `url:"per_page,omitempty"`
}

func (p *ListParams) listParams() *ListParams { return p }

// pager is satisfied by every options struct that embeds ListParams.
type pager[O any] interface {
	*O
	listParams() *ListParams
}

// listPage GETs one page of a bare JSON array list. opts is a copy the
// caller owns; its ListParams are normalized in place.
func listPage[T any, O any, PO pager[O]](ctx context.Context, c *Client, path string, opts *O) ([]*T, *Response, error) {
	p := PO(opts).listParams()
	if err := transport.NormalizePage(&p.Page, &p.PerPage, 0, 0, "per page"); err != nil {
		return nil, nil, fmt.Errorf("%s: GET %s: %w", platform, path, err)
	}
	var items []*T
	resp, err := c.t.Do(ctx, &transport.Request{Method: http.MethodGet, Path: path, Query: opts}, &items)
	if err != nil {
		return nil, nil, err
	}
	setNext(resp, p.Page, len(items))
	return transport.DropNil(items), resp, nil
}

// setNext derives the next page: from the Link header's rel="next" when
// the response has a Link header, else the page after a non-empty page.
// n counts the entries as sent.
func setNext(resp *Response, page, n int) {
	resp.NextPage, resp.HasMore = 0, false
	if n == 0 {
		return
	}
	next := page + 1
	if links := resp.Header.Values("Link"); len(links) > 0 {
		var ok bool
		if next, ok = nextLinkPage(links); !ok {
			return
		}
	}
	if next > page {
		resp.NextPage, resp.HasMore = next, true
	}
}

// nextLinkPage returns the page parameter of the rel="next" link of an
// RFC 5988 Link header; ok is false when there is no such link, and when
// the link holds no page number this client could follow, which ends the
// list rather than guess.
func nextLinkPage(headers []string) (int, bool) {
	for _, h := range headers {
		for _, link := range splitLinks(h) {
			target, params, found := strings.Cut(link, ";")
			if !found || !isNextRel(params) {
				continue
			}
			target = strings.TrimSpace(target)
			target = strings.TrimSuffix(strings.TrimPrefix(target, "<"), ">")
			u, err := url.Parse(target)
			if err != nil {
				return 0, false
			}
			n, err := strconv.Atoi(u.Query().Get("page"))
			if err != nil || n < 1 {
				return 0, false
			}
			return n, true
		}
	}
	return 0, false
}

// splitLinks splits a Link header at the commas between links, not those
// inside a <URI>.
func splitLinks(h string) []string {
	var out []string
	depth, start := 0, 0
	for i, r := range h {
		switch r {
		case '<':
			depth++
		case '>':
			depth = max(depth-1, 0)
		case ',':
			if depth == 0 {
				out = append(out, h[start:i])
				start = i + 1
			}
		}
	}
	return append(out, h[start:])
}

// isNextRel reports whether a link's parameters hold rel="next" (the rel
// value may list several relation types).
func isNextRel(params string) bool {
	for _, p := range strings.Split(params, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "rel") {
			continue
		}
		for _, rel := range strings.Fields(strings.Trim(strings.TrimSpace(v), `"`)) {
			if strings.EqualFold(rel, "next") {
				return true
			}
		}
	}
	return false
}

// list iterates every page of a list, starting at the options' page.
func list[T any, O any, PO pager[O]](ctx context.Context, opts []*O, page func(context.Context, *O) ([]*T, *Response, error)) iter.Seq2[*T, error] {
	return transport.ListByPage(ctx, opts, page, func(o *O) *int { return &PO(o).listParams().Page })
}

// copyOpts returns a copy of opts, or a zero value for nil.
func copyOpts[O any](opts *O) *O { return transport.CopyOrZero(opts) }

// query sends a GET or DELETE with its parameters in the query. Errors
// and log lines show the path only, so a credential among the parameters
// (promoters/show?auth_token=) never appears in them.
func (c *Client) query(ctx context.Context, method, path string, params, out any, opts ...RequestOption) error {
	_, err := c.t.Do(ctx, &transport.Request{Method: method, Path: path, Query: params}, out, opts...)
	return err
}

// send sends a POST or PUT with its parameters as a form body.
func (c *Client) send(ctx context.Context, method, path string, form, out any, opts ...RequestOption) (*Response, error) {
	return c.t.Do(ctx, &transport.Request{Method: method, Path: path, Form: form}, out, opts...)
}
