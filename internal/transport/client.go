package transport

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Config is what a platform package hands to New.
type Config struct {
	Settings
	// Platform names the package in errors and logs ("firstpromoter").
	Platform string
	// Auth adds the credentials to every request that does not opt out.
	Auth Auth
	// RateLimitHeaders names the platform's quota headers, if any.
	RateLimitHeaders RateLimitHeaders
	// RateLimitWindow is the documented window to wait after a 429 that
	// carries neither Retry-After nor a reset header (Everflow: 30s).
	// Zero means exponential backoff.
	RateLimitWindow time.Duration
}

// Client performs API requests for one platform client.
type Client struct {
	cfg     Config
	rc      *retryablehttp.Client
	ua      string
	limiter Limiter
	// authHeaders names the headers the credentials travel in.
	authHeaders []string
	// secrets are the credential values, scrubbed from what an error
	// keeps of a response that echoes them.
	secrets []Secret

	mu        sync.Mutex
	rateLimit RateLimit
	stats     ThrottleStats
}

// New validates cfg and builds a Client.
func New(cfg Config) (*Client, error) {
	if cfg.BaseURL == nil {
		return nil, errors.New("a base URL is required")
	}
	if cfg.Auth == nil {
		return nil, errors.New("credentials are required")
	}
	if cfg.Clock == nil {
		cfg.Clock = RealClock{}
	}
	if cfg.MaxResponseBytes <= 0 {
		cfg.MaxResponseBytes = DefaultMaxResponseBytes
	}
	hc := cfg.HTTPClient
	if hc == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = 16
		hc = &http.Client{Transport: t}
	}
	c := &Client{cfg: cfg, authHeaders: headerNames(cfg.Auth), secrets: secretValues(cfg.Auth)}
	// The caller's client is copied: later changes to it are not seen.
	wrapped := *hc
	rt := hc.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	wrapped.Transport = attempts{rt: rt, c: c}
	wrapped.CheckRedirect = c.redirectPolicy(hc.CheckRedirect)
	c.ua = "affiliatekit-go/" + Version
	if cfg.UserAgent != "" {
		c.ua += " " + cfg.UserAgent
	}
	switch {
	case cfg.Limiter != nil:
		c.limiter = cfg.Limiter
	case cfg.RateLimitRequests > 0:
		c.limiter = newBucket(cfg.RateLimitRequests, cfg.RateLimitPer, cfg.Clock)
	}
	c.rc = &retryablehttp.Client{
		HTTPClient:   &wrapped,
		Logger:       nil,
		RetryWaitMin: cfg.RetryWaitMin,
		RetryWaitMax: cfg.RetryWaitMax,
		RetryMax:     cfg.MaxRetries,
		CheckRetry:   c.checkRetry,
		// The wait is decided in checkRetry and slept in prepareRetry
		// through the Clock, so go-retryablehttp's own timer never waits.
		Backoff:        func(time.Duration, time.Duration, int, *http.Response) time.Duration { return 0 },
		ErrorHandler:   retryablehttp.PassthroughErrorHandler,
		RequestLogHook: c.requestHook,
		PrepareRetry:   c.prepareRetry,
	}
	return c, nil
}

// Platform returns the platform name given in Config.
func (c *Client) Platform() string { return c.cfg.Platform }

// Clock returns the client's clock.
func (c *Client) Clock() Clock { return c.cfg.Clock }

// MaxResponseBytes returns the cap on a response body read into memory,
// which also caps each row of a stream a platform package parses.
func (c *Client) MaxResponseBytes() int64 { return c.cfg.MaxResponseBytes }

// RateLimit returns the quota announced by the last response that carried
// rate-limit headers.
func (c *Client) RateLimit() RateLimit {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.rateLimit
}

// Response describes a successful API response, with pagination metadata
// filled in by the platform package.
type Response struct {
	// StatusCode and Header are those of the final HTTP response.
	StatusCode int
	Header     http.Header
	// RateLimit is the quota announced by this response (zero if none).
	RateLimit RateLimit
	// NextPage is the page number to request next for page-number APIs,
	// 0 when there is no further page.
	NextPage int
	// NextCursor is the cursor to request next for cursor APIs, "" when
	// there is no further page.
	NextCursor string
	// HasMore reports whether another page follows.
	HasMore bool
	// Total is the total number of records when the API reports it.
	Total *int
	// RequestID is the platform's id of the request, from the response's
	// X-Request-Id (or Request-Id, X-Amzn-Requestid, X-Correlation-Id)
	// header; "" when it sends none.
	RequestID string

	platform, method, path string
	safe                   bool
	// prefetch and parallel are the client's settings, read by Paginate.
	prefetch, parallel int
	// lastPage is the last page of a page-number list whose total is
	// known (see SetPage), 0 when unknown.
	lastPage int
	// short marks a page that held fewer records than asked for while
	// the total says more follow (see SetPage).
	short *shortPage
}

// shortPage is what SetPage saw of a page too short for its total.
type shortPage struct{ page, size, n, total int }

type stateKey struct{}

// call is the state of one Do across its attempts.
type call struct {
	req      *Request
	method   string
	path     string
	safe     bool
	out      any
	stream   bool
	attempt  int
	start    time.Time
	wait     time.Duration
	waitLong time.Duration
	body     []byte
	handled  bool
	// sent is set once the request's headers were written: from then on
	// the server may have acted on it.
	sent atomic.Bool
}

// Do sends r and decodes a 2xx JSON body into out (which may be nil). On
// failure it returns an *Error, a wrapped context error, or a wrapped
// transport error.
func (c *Client) Do(ctx context.Context, r *Request, out any, opts ...RequestOption) (*Response, error) {
	resp, _, err := c.do(ctx, r, out, false, opts)
	return resp, err
}

// Stream sends r and returns the open body of a 2xx response without
// reading it; the caller must close it. Error statuses are read and
// returned as *Error.
func (c *Client) Stream(ctx context.Context, r *Request, opts ...RequestOption) (io.ReadCloser, *Response, error) {
	resp, body, err := c.do(ctx, r, nil, true, opts)
	return body, resp, err
}

// do applies the call's options to a copy of r and reports its response
// to a WithResponseInto target.
func (c *Client) do(ctx context.Context, r *Request, out any, stream bool, opts []RequestOption) (*Response, io.ReadCloser, error) {
	if len(opts) > 0 {
		rc := *r
		rc.apply(opts)
		r = &rc
	}
	resp, body, err := c.send(ctx, r, out, stream)
	r.reportResponse(resp, err)
	return resp, body, err
}

func (c *Client) send(ctx context.Context, r *Request, out any, stream bool) (*Response, io.ReadCloser, error) {
	if ctx == nil {
		return nil, nil, errors.New(c.cfg.Platform + ": nil context")
	}
	u, err := c.buildURL(r)
	if err != nil {
		shown := r.Path
		if r.ShownPath != "" {
			shown = r.ShownPath
		}
		return nil, nil, fmt.Errorf("%s: %s %s: %w", c.cfg.Platform, r.Method, shown, err)
	}
	st := &call{req: r, method: r.Method, path: u.EscapedPath(), safe: r.retrySafe(), out: out, stream: stream}
	switch {
	case r.URL != nil:
		st.path = "(link)"
	case r.ShownPath != "":
		su, err := c.buildURL(&Request{Path: r.ShownPath, FromRoot: r.FromRoot})
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %s %s: %w", c.cfg.Platform, r.Method, r.ShownPath, err)
		}
		st.path = su.EscapedPath()
	}
	var body any
	contentType := ""
	switch {
	case r.Body != nil && r.Form != nil:
		return nil, nil, fmt.Errorf("%s: %s %s: a request has a JSON body or a form, not both", c.cfg.Platform, st.method, st.path)
	case r.Body != nil:
		b, err := json.Marshal(r.Body)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %s %s: encoding body: %w", c.cfg.Platform, st.method, st.path, err)
		}
		body, contentType = b, "application/json"
	case r.Form != nil:
		vals, err := values(r.Form)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %s %s: encoding form: %w", c.cfg.Platform, st.method, st.path, err)
		}
		body, contentType = []byte(vals.Encode()), "application/x-www-form-urlencoded"
	}
	ctx = context.WithValue(ctx, stateKey{}, st)
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{WroteHeaders: func() { st.sent.Store(true) }})
	req, err := retryablehttp.NewRequestWithContext(ctx, r.Method, u.String(), body)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %s %s: %w", c.cfg.Platform, st.method, st.path, err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.ua)
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for k, vs := range r.Header { // the caller's headers replace the defaults (Accept, say)
		req.Header[http.CanonicalHeaderKey(k)] = append([]string(nil), vs...)
	}
	if !r.NoAuth {
		c.cfg.Auth.Apply(req.Header)
	}
	req.SetResponseHandler(c.handleResponse)

	if err := c.throttleWait(ctx); err != nil {
		return nil, nil, c.wrapErr(st, err)
	}
	hresp, err := c.rc.Do(req)
	if st.waitLong > 0 {
		e := c.statusError(st, hresp)
		e.RetryAfter = st.waitLong
		msg := fmt.Sprintf("server asked to wait %s, more than the %s maximum", st.waitLong, c.cfg.RetryWaitMax)
		if e.Message != "" {
			msg += "; " + e.Message
		}
		e.Message = msg
		return nil, nil, e
	}
	if err != nil {
		if hresp != nil && hresp.Body != nil {
			_ = hresp.Body.Close()
		}
		return nil, nil, c.wrapErr(st, err)
	}
	if hresp.StatusCode < 200 || hresp.StatusCode > 299 {
		return nil, nil, c.statusError(st, hresp)
	}
	resp := &Response{
		StatusCode: hresp.StatusCode, Header: hresp.Header, RequestID: requestID(hresp.Header), platform: c.cfg.Platform,
		method: st.method, path: st.path, safe: st.safe, prefetch: c.cfg.Prefetch, parallel: c.cfg.ParallelPages,
	}
	resp.RateLimit, _ = c.cfg.RateLimitHeaders.read(hresp.Header, c.cfg.Clock.Now())
	if stream {
		return resp, hresp.Body, nil
	}
	return resp, nil, nil
}

// wrapErr adds the endpoint to a non-API error and unwraps *url.Error so
// the URL (and its query) never appears.
func (c *Client) wrapErr(st *call, err error) error {
	var apiErr *Error
	if errors.As(err, &apiErr) {
		return apiErr
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		err = ue.Err
	}
	return &callError{
		prefix:  fmt.Sprintf("%s: %s %s", c.cfg.Platform, st.method, st.path),
		err:     err,
		unknown: !st.safe && st.sent.Load(),
	}
}
