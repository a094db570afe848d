package refersion

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// Constants of the Refersion GraphQL API (a Beta API, subject to change).
const (
	// DefaultGraphQLURL is the single endpoint of the GraphQL API. Every
	// query is a POST of {"query": "..."} to it.
	DefaultGraphQLURL = "https://graphql.refersion.com"
	// DefaultGraphQLPerPage is the default number of rows a GraphQL list asks
	// for per request (first: 50). Refersion's pagination page says a
	// request returns at most 200 rows, another of its pages says 50; 50
	// is the figure both allow.
	DefaultGraphQLPerPage = 50
	// MaxGraphQLPerPage is the largest page a GraphQL list may ask for
	// ("Each request returns a maximum of 200 results").
	MaxGraphQLPerPage = 200
)

// gqlQuery is the body of a GraphQL request. Queries are anonymous and
// inline their arguments, as Refersion's documented examples do; only
// integers are ever inlined, so no value can change a query's shape.
type gqlQuery struct {
	Query string `json:"query"`
}

// gqlError is one entry of a GraphQL "errors" array.
type gqlError struct {
	Message    string `json:"message"`
	Extensions struct {
		Code flexCode `json:"code"`
	} `json:"extensions"`
}

// flexCode is an error code sent as a string or a number.
type flexCode string

// UnmarshalJSON implements json.Unmarshaler.
func (c *flexCode) UnmarshalJSON(b []byte) error {
	var s string
	if json.Unmarshal(b, &s) == nil {
		*c = flexCode(s)
		return nil
	}
	var n json.Number
	if json.Unmarshal(b, &n) == nil {
		*c = flexCode(n.String())
		return nil
	}
	*c = ""
	return nil
}

// gqlFailure carries the *Error of a GraphQL errors answer worth retrying
// (a rate limit, a server fault) out of the transport's retry loop, which
// sees it as an invalid body.
type gqlFailure struct{ err *Error }

func (f *gqlFailure) Error() string { return f.err.Error() }

// gqlPage decodes the answer to a list query: {"data": {"<root>": [...]},
// "errors": [...]}. Its check runs inside the transport's retry loop.
type gqlPage[T any] struct {
	root  string
	items []*T
	// present reports that data held the root field.
	present bool
	errs    []gqlError
	body    []byte
	// mapErr turns errs into the call's *Error.
	mapErr func(errs []gqlError, body []byte) *Error
}

// UnmarshalJSON implements json.Unmarshaler, starting afresh on each
// attempt.
func (p *gqlPage[T]) UnmarshalJSON(b []byte) error {
	p.items, p.present, p.errs = nil, false, nil
	p.body = append(p.body[:0], b[:min(len(b), 4096)]...)
	var w struct {
		Data   map[string]json.RawMessage `json:"data"`
		Errors []gqlError                 `json:"errors"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	p.errs = w.Errors
	raw, ok := w.Data[p.root]
	if !ok {
		return nil
	}
	p.present = true
	if raw = bytes.TrimSpace(raw); bytes.Equal(raw, []byte("null")) {
		return nil
	}
	if err := json.Unmarshal(raw, &p.items); err != nil {
		if len(p.errs) > 0 {
			// The errors say more than a broken partial answer.
			p.items = nil
			return nil
		}
		return err
	}
	return nil
}

// Validate implements transport.Validator. A rate limit or a server fault
// answered in the errors array fails the attempt, so a read is retried as
// after a 429 or a 5xx; other errors are final and returned after the
// call. An answer with neither errors nor the root field is malformed.
func (p *gqlPage[T]) Validate() error {
	if len(p.errs) > 0 {
		e := p.mapErr(p.errs, p.body)
		if errors.Is(e, ErrRateLimited) || errors.Is(e, ErrServer) {
			return &gqlFailure{err: e}
		}
		return nil
	}
	if !p.present {
		return fmt.Errorf(`no "data.%s" in the answer`, p.root)
	}
	return nil
}

// gqlShownPath is how errors and logs name a GraphQL query: the endpoint
// is one URL, so the root field is shown beside it, e.g.
// "/graphql(conversions)".
func gqlShownPath(root string) string { return "graphql(" + root + ")" }

// gqlList sends one list query and returns its rows as sent (nulls
// included, for the page count). Every list query is
// a read, retried like a GET.
func gqlList[T any](ctx context.Context, c *Client, root, query string) ([]*T, *Response, error) {
	if c.gql == nil {
		return nil, nil, fmt.Errorf("refersion: GraphQL %s: no GraphQL access token: the GraphQL API needs WithGraphQLKey", root)
	}
	shown := gqlShownPath(root)
	path := c.gqlBasePath + "/" + shown
	page := &gqlPage[T]{root: root, mapErr: func(errs []gqlError, body []byte) *Error {
		e := graphQLError(http.MethodPost, path, errs, body)
		// An answer that echoes the token never carries it into the error.
		if tok := c.gqlToken.Reveal(); tok != "" {
			e.Message = strings.ReplaceAll(e.Message, tok, "[REDACTED]")
			e.Body = bytes.ReplaceAll(e.Body, []byte(tok), []byte("[REDACTED]"))
		}
		return e
	}}
	resp, err := c.gql.Do(ctx, &transport.Request{
		Method: http.MethodPost, ShownPath: shown, Body: gqlQuery{Query: query}, RetrySafe: true,
	}, page)
	if err != nil {
		var f *gqlFailure
		if errors.As(err, &f) {
			return nil, nil, f.err
		}
		return nil, nil, err
	}
	if len(page.errs) > 0 {
		// Partial data beside errors is an error, never a short page.
		return nil, resp, page.mapErr(page.errs, page.body)
	}
	return page.items, resp, nil
}

// graphQLError maps a GraphQL errors array onto an *Error with the status
// of the answer (200): Code is the first extensions.code, Message joins
// the messages, and the error matches ErrUnauthorized, ErrForbidden,
// ErrRateLimited, ErrInvalidRequest or, for anything else, ErrServer.
func graphQLError(method, path string, errs []gqlError, body []byte) *Error {
	var msgs []string
	code := ""
	for _, e := range errs {
		if e.Message != "" {
			msgs = append(msgs, e.Message)
		}
		if code == "" {
			code = string(e.Extensions.Code)
		}
	}
	msg := strings.Join(msgs, "; ")
	if msg == "" {
		msg = "GraphQL errors without a message"
	}
	e := transport.NewStatusError("refersion", method, path, http.StatusOK, "GraphQL: "+msg, graphQLKind(code, msg))
	e.Code = code
	e.Body = bytes.Clone(body)
	return e
}

// graphQLKind classifies a GraphQL error by its code, or by its message
// when it has none. Refersion publishes no list of codes; these are the
// codes and wordings of common GraphQL servers.
func graphQLKind(code, msg string) error {
	switch strings.ToUpper(strings.TrimSpace(code)) {
	case "UNAUTHENTICATED", "UNAUTHORIZED", "INVALID_TOKEN", "401":
		return ErrUnauthorized
	case "FORBIDDEN", "403":
		return ErrForbidden
	case "TOO_MANY_REQUESTS", "RATE_LIMITED", "THROTTLED", "429":
		return ErrRateLimited
	case "GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED", "BAD_USER_INPUT", "BAD_REQUEST", "VALIDATION", "400":
		return ErrInvalidRequest
	case "INTERNAL_SERVER_ERROR", "INTERNAL", "500", "503":
		return ErrServer
	}
	m := strings.ToLower(msg)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(m, w) {
				return true
			}
		}
		return false
	}
	switch {
	case has("unauthenticated", "unauthorized", "not authenticated", "access token", "api key", "invalid token", "invalid key"):
		return ErrUnauthorized
	case has("forbidden", "not allowed", "permission"):
		return ErrForbidden
	case has("too many requests", "rate limit", "throttl"):
		return ErrRateLimited
	case has("cannot query field", "syntax error", "unknown argument", "expected type", "expected name",
		"argument", "must have a selection", "validation"):
		return ErrInvalidRequest
	}
	return ErrServer
}
