package refersion

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/clientopts"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// Constants of the Refersion REST API v2.
const (
	// DefaultBaseURL is the REST API v2 root. Every call is a POST with a
	// JSON body below it, reads included.
	DefaultBaseURL = "https://api.refersion.com/v2"
	// RateLimitRequests per RateLimitWindow is a conservative pace for
	// WithRateLimit, one request a second. Refersion documents no quota and
	// no rate-limit headers for the REST API (its GraphQL API has an
	// unpublished per-account limit answered with 429), so this is a
	// choice, not a documented figure.
	RateLimitRequests = 60
	// RateLimitWindow is the window of RateLimitRequests.
	RateLimitWindow = time.Minute
	// MaxPerPage is the largest page affiliate/list serves, and the
	// default page size of AffiliatesService.List.
	MaxPerPage = 100
	// MaxBatch is the most ids, triggers or SKUs one status change, trigger
	// delete or SKU commission call accepts. Larger batches fail before any
	// request is sent.
	MaxBatch = 50
)

// Client talks to the Refersion REST API v2 and, with WithGraphQLKey, to
// the GraphQL API's lists. It is safe for concurrent use.
//
// Refersion has no REST endpoint that lists conversions: list them through
// the GraphQL API (Conversions.List), or pull a saved report through
// Reports.Link and Reports.Download.
type Client struct {
	t        *transport.Client
	basePath string
	// gql is the transport of the GraphQL API, nil without WithGraphQLKey;
	// t is nil without WithKeys.
	gql         *transport.Client
	gqlBasePath string
	// gqlToken is kept to scrub it from GraphQL errors the SDK builds
	// itself, as the transport scrubs its own.
	gqlToken transport.Secret

	Affiliates  *AffiliatesService
	Conversions *ConversionsService
	Offers      *OffersService
	Reports     *ReportsService
}

// service is the common shape of the services.
type service struct {
	client *Client
}

// NewClient returns a client configured by opts. WithKeys (the REST API),
// WithGraphQLKey (the GraphQL API) or both are required; a call to an API
// whose credentials were not given fails before sending.
func NewClient(opts ...Option) (*Client, error) {
	s := &settings{Settings: clientopts.Defaults(DefaultBaseURL, RateLimitRequests, RateLimitWindow), gqlURL: DefaultGraphQLURL}
	return clientopts.New("refersion", s, opts, (*settings).checkCredentials, (*settings).client)
}

// hasREST reports whether the options gave the REST key pair.
func (s *settings) hasREST() bool { return !s.publicKey.IsZero() && !s.secretKey.IsZero() }

// checkCredentials rejects settings without the credentials of either API.
func (s *settings) checkCredentials() error {
	if !s.hasREST() && s.gqlKey.IsZero() {
		return errors.New("refersion: credentials are required: a REST key pair (WithKeys), a GraphQL access token (WithGraphQLKey), or both")
	}
	return nil
}

// client builds the client with a transport for each API it has
// credentials for.
func (s *settings) client() (*Client, error) {
	c := newClient(basePath(s.BaseURL))
	for _, connect := range []func(*Client) error{s.connectREST, s.connectGraphQL} {
		if err := connect(c); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// newClient returns a client without transports, its services wired.
func newClient(basePath string) *Client {
	c := &Client{basePath: basePath}
	c.wire(&service{client: c})
	return c
}

// wire points every service of c at base.
func (c *Client) wire(base *service) {
	c.Affiliates, c.Conversions, c.Offers, c.Reports = (*AffiliatesService)(base), (*ConversionsService)(base),
		(*OffersService)(base), (*ReportsService)(base)
}

// connectREST gives c the transport of the REST API when the options gave
// the key pair.
func (s *settings) connectREST(c *Client) (err error) {
	if s.hasREST() {
		c.t, err = newTransport(s.Settings, transport.HeaderAuth{
			"Refersion-Public-Key": s.publicKey,
			"Refersion-Secret-Key": s.secretKey,
		})
	}
	return err
}

// connectGraphQL gives c the transport of the GraphQL API when the options
// gave its token.
func (s *settings) connectGraphQL(c *Client) (err error) {
	if !s.gqlKey.IsZero() {
		c.gql, c.gqlBasePath, err = s.graphQL()
		c.gqlToken = s.gqlKey
	}
	return err
}

// graphQL returns the transport of the GraphQL API and its base path. It
// is a transport of its own: the token goes to the GraphQL origin only,
// and the REST keys never do.
func (s *settings) graphQL() (*transport.Client, string, error) {
	u, err := transport.ParseBaseURL(s.gqlURL)
	if err != nil {
		return nil, "", fmt.Errorf("refersion: GraphQL URL: %w", err)
	}
	return s.graphQLAt(u)
}

// graphQLAt is graphQL with the GraphQL URL u.
func (s *settings) graphQLAt(u *url.URL) (*transport.Client, string, error) {
	t, err := newTransport(withBaseURL(s.Settings, u), transport.HeaderAuth{"X-Refersion-Key": s.gqlKey})
	return t, basePath(u), err
}

// withBaseURL returns st with the base URL u.
func withBaseURL(st transport.Settings, u *url.URL) transport.Settings {
	st.BaseURL = u
	return st
}

// basePath is the escaped path of a base URL without its trailing slash.
func basePath(u *url.URL) string { return strings.TrimRight(u.EscapedPath(), "/") }

// newTransport returns a transport of Refersion with st and auth.
func newTransport(st transport.Settings, auth transport.Auth) (*transport.Client, error) {
	t, err := transport.New(transport.Config{Settings: st, Platform: "refersion", Auth: auth})
	if err != nil {
		return nil, fmt.Errorf("refersion: %w", err)
	}
	return t, nil
}

// RateLimit returns the quota announced by the last REST response (the
// last GraphQL one on a client without REST keys). Refersion
// documents no rate-limit headers, so it stays zero unless the server starts
// sending them.
func (c *Client) RateLimit() RateLimit {
	if c.t == nil {
		return c.gql.RateLimit()
	}
	return c.t.RateLimit()
}

// ThrottleStats is how often the client's throttle made requests wait, and
// for how long in all: Waits (int64) and Waited (time.Duration).
type ThrottleStats = transport.ThrottleStats

// ThrottleStats returns the waits of the client's throttles (REST and
// GraphQL together) so far.
func (c *Client) ThrottleStats() ThrottleStats {
	var st ThrottleStats
	for _, t := range []*transport.Client{c.t, c.gql} {
		if t != nil {
			s := t.ThrottleStats()
			st.Waits += s.Waits
			st.Waited += s.Waited
		}
	}
	return st
}

// errNoRESTKeys is the error of a REST call on a client built without
// WithKeys.
func (c *Client) errNoRESTKeys(method, path string) error {
	return fmt.Errorf("refersion: %s %s: no REST API keys: the REST API needs WithKeys", method, c.apiPath(path))
}

// call describes one API operation: its path below the base URL and whether
// it only reads (and so may be retried after it reached the server).
type call struct {
	path     string
	readOnly bool
	// remap reads a status in the endpoint's own sense (see triggerDelete).
	remap func(status int, h http.Header, body []byte) int
	// invalid is the error of the call's arguments (see check).
	invalid error
}

// check returns op failing with err, when err is not nil, before anything
// is sent: the error of the call's arguments, named by its endpoint.
func (op call) check(err error) call {
	op.invalid = err
	return op
}

// post sends one API call, a POST with a JSON body, and decodes the answer
// into out, with the caller's request options. Refersion's 204 No Content
// ("invalid field in the request") becomes an *Error matching
// ErrInvalidRequest.
func (c *Client) post(ctx context.Context, op call, body, out any, opts ...RequestOption) (*Response, error) {
	resp, err := c.send(ctx, op, body, out, opts)
	if err != nil {
		return nil, err
	}
	return resp, c.noContent(op, resp.StatusCode)
}

// send is post without the reading of a 204.
func (c *Client) send(ctx context.Context, op call, body, out any, opts []RequestOption) (*Response, error) {
	if err := c.refuse(op); err != nil {
		return nil, err
	}
	return c.t.Do(ctx, &transport.Request{
		Method: http.MethodPost, Path: op.path, Body: body, RetrySafe: op.readOnly, RemapStatus: op.remap,
	}, out, opts...)
}

// refuse is the error of a call that is not sent: its arguments are
// invalid, or the client has no REST keys.
func (c *Client) refuse(op call) error {
	switch {
	case op.invalid != nil:
		return fmt.Errorf("refersion: %s: %w", op.path, op.invalid)
	case c.t == nil:
		return c.errNoRESTKeys(http.MethodPost, op.path)
	}
	return nil
}

// noContent is the error of a 204 answer, nil for any other status.
func (c *Client) noContent(op call, status int) error {
	if status != http.StatusNoContent {
		return nil
	}
	return transport.NewStatusError("refersion", http.MethodPost, c.apiPath(op.path), http.StatusNoContent,
		"invalid field in the request (Refersion's meaning of 204 No Content)", ErrInvalidRequest)
}

// postChecked posts one API call and decodes its answer through check
// (transport.Require or transport.Record), which runs inside the
// transport's retry loop: a read answered without what it promises is
// retried like any malformed body, a write fails at once with
// ErrMalformedResponse.
func postChecked[T any](ctx context.Context, c *Client, op call, body any, check *transport.Checked[T], opts ...RequestOption) (*T, error) {
	if _, err := c.post(ctx, op, body, check, opts...); err != nil {
		return nil, err
	}
	return check.V, nil
}

// postInto posts one API call and decodes its answer into a new T.
func postInto[T any](ctx context.Context, c *Client, op call, body any, opts ...RequestOption) (*T, error) {
	v := new(T)
	if _, err := c.post(ctx, op, body, v, opts...); err != nil {
		return nil, err
	}
	return v, nil
}

// apiPath is the escaped URL path of an endpoint, as errors show it.
func (c *Client) apiPath(path string) string { return c.basePath + "/" + path }
