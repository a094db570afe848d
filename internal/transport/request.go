package transport

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/google/go-querystring/query"
)

// Request describes one API call.
type Request struct {
	// Method is the HTTP method.
	Method string
	// Path is relative to the base URL and already escaped; build it with
	// Join so that an id can never change the route.
	Path string
	// ShownPath, when set, is the path errors and log lines show instead
	// of Path, for a path that holds a credential (FirstPromoter's lookup
	// of a promoter by auth token): "company/promoters/[auth_token]".
	ShownPath string
	// FromRoot resolves Path against the base URL's host root instead of
	// its path, for the few endpoints that live outside the API's prefix
	// (PartnerStack's /api/deals/... beside /api/v2).
	FromRoot bool
	// URL, when set, is used as is instead of base URL plus Path (a signed
	// download link, say). It never appears in errors or logs.
	URL *url.URL
	// Query is a struct encoded with go-querystring's `url` tags, or a
	// url.Values. Nil means no query.
	Query any
	// Body is encoded as JSON. Nil means no body.
	Body any
	// Form is sent as an application/x-www-form-urlencoded body: a struct
	// encoded with go-querystring's `url` tags (arrays as name[] with the
	// brackets option, nested structs as name[key]) or a url.Values. At
	// most one of Body and Form is set.
	Form any
	// RetrySafe marks a POST or PATCH that is idempotent (a search, a
	// report, a PATCH that sets absolute values) as safe to retry after it
	// may have reached the server. GET, HEAD, PUT, DELETE and OPTIONS are
	// always retry-safe.
	RetrySafe bool
	// NoAuth sends the request without credentials.
	NoAuth bool
	// RemapStatus, when set, replaces the status of each error response
	// (400 and above) before the retry rules and errors see it, for an
	// endpoint that uses a status in its own sense (Refersion's
	// trigger/delete answers 429 with "Max number of elements ... reached"
	// for a batch over its limit: a validation error, not a rate limit).
	// body is the start of the response body, up to 64 KiB.
	RemapStatus func(status int, h http.Header, body []byte) int
	// Header holds extra request headers; they replace the defaults of
	// the same name (Accept, say), never the credentials.
	Header http.Header

	// responseInto and extraQuery are set by RequestOptions.
	responseInto *Response
	extraQuery   url.Values
}

func (r *Request) retrySafe() bool {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodPut, http.MethodDelete, http.MethodOptions:
		return true
	}
	return r.RetrySafe
}

// EscapeSegment escapes s as a single path segment, including the dot
// segments "." and "..".
func EscapeSegment(s string) string {
	e := url.PathEscape(s)
	switch e {
	case "", ".", "..":
		return strings.ReplaceAll(e, ".", "%2E")
	}
	return e
}

// Join formats a route with escaped parameters: Join("promoters/%s/chart_data", id).
// Every argument is converted with fmt's %v and escaped as one segment.
func Join(format string, params ...any) string {
	esc := make([]any, len(params))
	for i, p := range params {
		esc[i] = EscapeSegment(fmt.Sprint(p))
	}
	return strings.Trim(fmt.Sprintf(format, esc...), "/")
}

func (c *Client) buildURL(r *Request) (*url.URL, error) {
	var u url.URL
	if r.URL != nil {
		u = *r.URL
	} else {
		u = *c.cfg.BaseURL
		prefix := strings.TrimRight(c.cfg.BaseURL.EscapedPath(), "/")
		if r.FromRoot {
			prefix = ""
		}
		rawPath := prefix + "/" + strings.TrimLeft(r.Path, "/")
		p, err := url.PathUnescape(rawPath)
		if err != nil {
			return nil, fmt.Errorf("invalid path: %w", err)
		}
		u.Path, u.RawPath = p, rawPath
	}
	queries := []any{r.Query}
	if r.extraQuery != nil {
		queries = append(queries, r.extraQuery)
	}
	for _, q := range queries {
		if q == nil {
			continue
		}
		vals, err := values(q)
		if err != nil {
			return nil, fmt.Errorf("encoding query: %w", err)
		}
		if enc := vals.Encode(); enc != "" {
			if u.RawQuery != "" {
				u.RawQuery += "&" + enc
			} else {
				u.RawQuery = enc
			}
		}
	}
	return &u, nil
}

// values encodes a url.Values or a struct with go-querystring's `url`
// tags.
func values(v any) (url.Values, error) {
	if vals, ok := v.(url.Values); ok {
		return vals, nil
	}
	return query.Values(v)
}
