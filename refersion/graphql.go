package refersion

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
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

// flexCode is an error code sent as a string or a number; a code of
// another type is no code.
type flexCode string

// UnmarshalJSON implements json.Unmarshaler.
func (c *flexCode) UnmarshalJSON(b []byte) error {
	var t tolerant.Text
	if t.UnmarshalJSON(b) == nil {
		*c = flexCode(t)
	}
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
	root string
	// data is the object under "data", holding the rows under root.
	data tolerant.Page[T, struct{}]
	errs []gqlError
	body []byte
	// mapErr turns errs into the call's *Error.
	mapErr func(errs []gqlError, body []byte) *Error
}

// gqlAnswer is the envelope of every GraphQL answer, decoded in one pass
// into the page it points to.
type gqlAnswer[T any] struct {
	Data   *tolerant.Page[T, struct{}] `json:"data"`
	Errors *[]gqlError                 `json:"errors"`
}

// UnmarshalJSON implements json.Unmarshaler, starting afresh on each
// attempt.
func (p *gqlPage[T]) UnmarshalJSON(b []byte) error {
	p.data, p.errs, p.body = tolerant.Page[T, struct{}]{Key: p.root}, nil, append(p.body[:0], b[:min(len(b), 4096)]...)
	err := json.Unmarshal(b, &gqlAnswer[T]{Data: &p.data, Errors: &p.errs})
	return p.partial(b, err)
}

// partial keeps the errors of an answer whose data did not decode: they
// say more than a broken partial answer.
func (p *gqlPage[T]) partial(b []byte, err error) error {
	var w struct {
		Errors []gqlError `json:"errors"`
	}
	if err != nil && json.Unmarshal(b, &w) == nil && len(w.Errors) > 0 {
		p.data.Items, p.errs, err = nil, w.Errors, nil
	}
	return err
}

// Validate implements transport.Validator. A rate limit or a server fault
// answered in the errors array fails the attempt, so a read is retried as
// after a 429 or a 5xx; other errors are final and returned after the
// call. An answer with neither errors nor the root field is malformed.
func (p *gqlPage[T]) Validate() error {
	if len(p.errs) > 0 {
		return p.retryable()
	}
	if !p.data.Found {
		return fmt.Errorf(`no "data.%s" in the answer`, p.root)
	}
	return nil
}

// retryable is the failure of an errors answer worth retrying, or nil.
func (p *gqlPage[T]) retryable() error {
	if e := p.mapErr(p.errs, p.body); errors.Is(e, ErrRateLimited) || errors.Is(e, ErrServer) {
		return &gqlFailure{err: e}
	}
	return nil
}

// result is the rows of the page or the error of the call: a failure
// carried out of the retry loop, or the final errors array. Partial data
// beside errors is an error, never a short page.
func (p *gqlPage[T]) result(resp *Response, err error) ([]*T, *Response, error) {
	var f *gqlFailure
	switch {
	case errors.As(err, &f):
		return nil, nil, f.err
	case err != nil:
		return nil, nil, err
	case len(p.errs) > 0:
		return nil, resp, p.mapErr(p.errs, p.body)
	}
	return p.data.Items, resp, nil
}

// gqlShownPath is how errors and logs name a GraphQL query: the endpoint
// is one URL, so the root field is shown beside it, e.g.
// "/graphql(conversions)".
func gqlShownPath(root string) string { return "graphql(" + root + ")" }

// gqlList sends one list query and returns its rows as sent (nulls
// included, for the page count).
func gqlList[T any](ctx context.Context, c *Client, root, query string) ([]*T, *Response, error) {
	page := &gqlPage[T]{root: root, mapErr: c.gqlErrorOf(root)}
	resp, err := c.gqlPost(ctx, root, query, page)
	return page.result(resp, err)
}

// gqlPost posts query, whose root field is root, to the GraphQL API and
// decodes the answer into out. Every list query is a read, retried like a
// GET.
func (c *Client) gqlPost(ctx context.Context, root, query string, out any) (*Response, error) {
	if c.gql == nil {
		return nil, fmt.Errorf("refersion: GraphQL %s: no GraphQL access token: the GraphQL API needs WithGraphQLKey", root)
	}
	return c.gql.Do(ctx, &transport.Request{
		Method: http.MethodPost, ShownPath: gqlShownPath(root), Body: gqlQuery{Query: query}, RetrySafe: true,
	}, out)
}

// gqlErrorOf returns the mapping of the errors array of a query of root
// onto its *Error (see graphQLError).
func (c *Client) gqlErrorOf(root string) func([]gqlError, []byte) *Error {
	path := c.gqlBasePath + "/" + gqlShownPath(root)
	return func(errs []gqlError, body []byte) *Error {
		return c.scrub(graphQLError(http.MethodPost, path, errs, body))
	}
}

// scrub removes the GraphQL token from an error built from an answer, so
// that an answer which echoes the token never carries it into the error.
func (c *Client) scrub(e *Error) *Error {
	if tok := c.gqlToken.Reveal(); tok != "" {
		e.Message = strings.ReplaceAll(e.Message, tok, "[REDACTED]")
		e.Body = bytes.ReplaceAll(e.Body, []byte(tok), []byte("[REDACTED]"))
	}
	return e
}

// graphQLError maps a GraphQL errors array onto an *Error with the status
// of the answer (200): Code is the first extensions.code, Message joins
// the messages, and the error matches ErrUnauthorized, ErrForbidden,
// ErrRateLimited, ErrInvalidRequest or, for anything else, ErrServer.
func graphQLError(method, path string, errs []gqlError, body []byte) *Error {
	msg, code := gqlMessages(errs)
	e := transport.NewStatusError("refersion", method, path, http.StatusOK, "GraphQL: "+msg, graphQLKind(code, msg))
	e.Code, e.Body = code, bytes.Clone(body)
	return e
}

// gqlMessages joins the messages of errs and returns the first
// extensions.code among them.
func gqlMessages(errs []gqlError) (msg, code string) {
	var msgs []string
	for _, e := range errs {
		if e.Message != "" {
			msgs = append(msgs, e.Message)
		}
		code = cmp.Or(code, string(e.Extensions.Code))
	}
	return cmp.Or(strings.Join(msgs, "; "), "GraphQL errors without a message"), code
}

// gqlKind is a kind of GraphQL error: the codes that name it, and the
// words that name it in a message without a known code.
type gqlKind struct {
	kind         error
	codes, words []string
}

// gqlKinds are the kinds a GraphQL error is classified into, by code
// first and by message second, in this order. Refersion publishes no list
// of codes; these are the codes and wordings of common GraphQL servers.
var gqlKinds = []gqlKind{
	{ErrUnauthorized, []string{"UNAUTHENTICATED", "UNAUTHORIZED", "INVALID_TOKEN", "401"},
		[]string{"unauthenticated", "unauthorized", "not authenticated", "access token", "api key", "invalid token", "invalid key"}},
	{ErrForbidden, []string{"FORBIDDEN", "403"}, []string{"forbidden", "not allowed", "permission"}},
	{ErrRateLimited, []string{"TOO_MANY_REQUESTS", "RATE_LIMITED", "THROTTLED", "429"},
		[]string{"too many requests", "rate limit", "throttl"}},
	{ErrInvalidRequest, []string{"GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED", "BAD_USER_INPUT", "BAD_REQUEST", "VALIDATION", "400"},
		[]string{"cannot query field", "syntax error", "unknown argument", "expected type", "expected name",
			"argument", "must have a selection", "validation"}},
	{ErrServer, []string{"INTERNAL_SERVER_ERROR", "INTERNAL", "500", "503"}, nil},
}

// graphQLKind classifies a GraphQL error by its code, or by its message
// when no kind has that code; ErrServer when neither says.
func graphQLKind(code, msg string) error {
	code, msg = strings.ToUpper(strings.TrimSpace(code)), strings.ToLower(msg)
	return cmp.Or(gqlKindWhere(func(k gqlKind) bool { return slices.Contains(k.codes, code) }),
		gqlKindWhere(func(k gqlKind) bool { return containsAny(msg, k.words) }), ErrServer)
}

// gqlKindWhere is the first kind that match accepts, or nil.
func gqlKindWhere(match func(gqlKind) bool) error {
	if i := slices.IndexFunc(gqlKinds, match); i >= 0 {
		return gqlKinds[i].kind
	}
	return nil
}

// containsAny reports whether s contains any of words.
func containsAny(s string, words []string) bool {
	return slices.ContainsFunc(words, func(w string) bool { return strings.Contains(s, w) })
}
