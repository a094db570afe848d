package transport

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/http/httptrace"
	"net/url"
	"reflect"
	"strings"
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
	cfg      Config
	rc       *retryablehttp.Client
	ua       string
	throttle *throttle
	// authHeaders names the headers the credentials travel in.
	authHeaders []string
	// secrets are the credential values, scrubbed from what an error
	// keeps of a response that echoes them.
	secrets []Secret

	mu        sync.Mutex
	rateLimit RateLimit
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
	if cfg.RateLimitRequests > 0 {
		c.throttle = newThrottle(cfg.RateLimitRequests, cfg.RateLimitPer, cfg.Clock)
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

	platform, method, path string
	safe                   bool
}

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
func (c *Client) Do(ctx context.Context, r *Request, out any) (*Response, error) {
	resp, _, err := c.do(ctx, r, out, false)
	return resp, err
}

// Stream sends r and returns the open body of a 2xx response without
// reading it; the caller must close it. Error statuses are read and
// returned as *Error.
func (c *Client) Stream(ctx context.Context, r *Request) (io.ReadCloser, *Response, error) {
	resp, body, err := c.do(ctx, r, nil, true)
	return body, resp, err
}

func (c *Client) do(ctx context.Context, r *Request, out any, stream bool) (*Response, io.ReadCloser, error) {
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
	if r.Body != nil {
		b, err := json.Marshal(r.Body)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %s %s: encoding body: %w", c.cfg.Platform, st.method, st.path, err)
		}
		body = b
	}
	ctx = context.WithValue(ctx, stateKey{}, st)
	ctx = httptrace.WithClientTrace(ctx, &httptrace.ClientTrace{WroteHeaders: func() { st.sent.Store(true) }})
	req, err := retryablehttp.NewRequestWithContext(ctx, r.Method, u.String(), body)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %s %s: %w", c.cfg.Platform, st.method, st.path, err)
	}
	req.Header.Set("Accept", "application/json")
	req.Header.Set("User-Agent", c.ua)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
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
		StatusCode: hresp.StatusCode, Header: hresp.Header, platform: c.cfg.Platform,
		method: st.method, path: st.path, safe: st.safe,
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

// statusError builds the *Error for a non-2xx final response.
func (c *Client) statusError(st *call, hresp *http.Response) *Error {
	e := &Error{Method: st.method, Path: st.path, platform: c.cfg.Platform}
	if hresp == nil {
		return e
	}
	e.StatusCode = hresp.StatusCode
	e.outcomeUnknown = !st.safe && mayHaveActed(hresp)
	e.Body = c.scrub(clip(st.body))
	e.Message, e.Code = parseErrorBody(st.body)
	e.Fields = parseFields(st.body)
	e.Header = c.scrubHeader(hresp.Header)
	e.RequestID = requestID(hresp.Header)
	if e.Message == "" {
		e.Message = describeNonJSON(hresp, st.body)
	}
	if d, ok := ParseRetryAfter(hresp.Header.Get("Retry-After"), c.cfg.Clock.Now()); ok {
		e.RetryAfter = d
	}
	return e
}

// mayHaveActed reports whether an error status leaves open that the
// server acted on the request: a redirect (never followed for a write), a
// 500, 502 or 504, or a 503 without Retry-After (a gateway giving up on a
// request the application may still run).
func mayHaveActed(hresp *http.Response) bool {
	switch code := hresp.StatusCode; {
	case code >= 300 && code <= 399:
		return true
	case code == http.StatusInternalServerError, code == http.StatusBadGateway, code == http.StatusGatewayTimeout:
		return true
	case code == http.StatusServiceUnavailable:
		return hresp.Header.Get("Retry-After") == ""
	}
	return false
}

// describeNonJSON says what a body that carries no error message was.
func describeNonJSON(hresp *http.Response, body []byte) string {
	trimmed := trimBody(body)
	switch {
	case len(trimmed) == 0:
		return ""
	case isHTML(hresp, trimmed):
		return "HTML error page instead of JSON"
	case trimmed[0] != '{' && trimmed[0] != '[':
		line, _, _ := strings.Cut(string(trimmed), "\n")
		if len(line) > 200 {
			line = line[:200]
		}
		return line
	}
	return ""
}

func isHTML(hresp *http.Response, body []byte) bool {
	if hresp != nil && strings.Contains(hresp.Header.Get("Content-Type"), "text/html") {
		return true
	}
	return len(body) > 0 && body[0] == '<'
}

func (c *Client) throttleWait(ctx context.Context) error {
	if c.throttle == nil {
		return nil
	}
	return c.throttle.wait(ctx)
}

func (c *Client) requestHook(_ retryablehttp.Logger, req *http.Request, attempt int) {
	st, _ := req.Context().Value(stateKey{}).(*call)
	if st == nil {
		return
	}
	st.attempt = attempt
	st.start = c.cfg.Clock.Now()
	st.body = nil
	st.handled = false
}

// handleResponse runs on a response that is not retried on its status: it
// reads the body (capped), and for 2xx decodes it into the output, so a
// truncated or malformed body can be retried like any other failure.
func (c *Client) handleResponse(hresp *http.Response) error {
	st, _ := hresp.Request.Context().Value(stateKey{}).(*call)
	if st == nil {
		return nil
	}
	st.handled = true
	ok := hresp.StatusCode >= 200 && hresp.StatusCode <= 299
	if ok && st.stream {
		return nil
	}
	defer hresp.Body.Close()
	limit := c.cfg.MaxResponseBytes
	if !ok {
		limit = min(limit, maxErrorRead)
	}
	body, err := readCapped(hresp.Body, limit, hresp.ContentLength)
	st.body = body
	if err != nil {
		if !ok {
			return nil // an error status whose body broke off: the status says enough
		}
		if errors.Is(err, ErrTimeout) {
			return err // retried like any network error, for a read
		}
		return c.malformed(st, hresp.StatusCode, body, "reading body", err)
	}
	if !ok || st.out == nil || hresp.StatusCode == http.StatusNoContent {
		return nil // 204 No Content leaves out untouched
	}
	trimmed := trimBody(body)
	if len(trimmed) == 0 {
		return c.malformed(st, hresp.StatusCode, body, "empty body", nil)
	}
	if isHTML(hresp, trimmed) {
		return c.malformed(st, hresp.StatusCode, body, "HTML page instead of JSON", nil)
	}
	if err := decodeBody(trimmed, st.out); err != nil {
		resetOut(st.out)
		return c.malformed(st, hresp.StatusCode, body, "decoding JSON", err)
	}
	if v, ok := st.out.(Validator); ok {
		if err := v.Validate(); err != nil {
			resetOut(st.out)
			return c.malformed(st, hresp.StatusCode, body, "unexpected JSON shape", err)
		}
	}
	return nil
}

// utf8BOM is the byte-order mark some servers put before a UTF-8 body.
var utf8BOM = []byte("\ufeff")

// trimBody drops one leading UTF-8 byte-order mark and the white space
// around a body, as a stream's reader does, so a body is decoded the same
// way whichever call reads it.
func trimBody(body []byte) []byte {
	return bytes.TrimSpace(bytes.TrimPrefix(bytes.TrimSpace(body), utf8BOM))
}

// BodyDecoder is implemented by response types that decode a whole body
// themselves, rejecting invalid JSON as they go (as anything built on
// json.Unmarshal or json.Decoder does): a platform's page envelope, say. Do
// hands them the body as is, where json.Unmarshal would first validate the
// body and scan it again to cut out the value for UnmarshalJSON: two passes
// over every page on top of the envelope's own.
type BodyDecoder interface {
	DecodeBody(body []byte) error
}

// decodeBody decodes a trimmed JSON body into out.
func decodeBody(body []byte, out any) error {
	if d, ok := out.(BodyDecoder); ok {
		return d.DecodeBody(body)
	}
	return json.Unmarshal(body, out)
}

// Validator is implemented by response types that can tell a body of the
// wrong shape (an envelope without its records, say) from a good one. Do
// calls Validate after decoding, inside the retry loop, so a wrong shape is
// retried like any other malformed body and ends in ErrMalformedResponse.
type Validator interface {
	Validate() error
}

// resetOut zeroes what a failed decode left behind before any retry. A
// json.Unmarshaler manages its own state and is left alone.
func resetOut(out any) {
	if _, ok := out.(json.Unmarshaler); ok {
		return
	}
	if v := reflect.ValueOf(out); v.Kind() == reflect.Pointer && !v.IsNil() {
		v.Elem().SetZero()
	}
}

func (c *Client) malformed(st *call, status int, body []byte, msg string, cause error) *Error {
	e := NewMalformedError(c.cfg.Platform, st.method, st.path, status, body, msg, cause)
	e.outcomeUnknown = !st.safe
	return e
}

// maxErrorRead is how much of an error body is read: enough for any
// platform's error JSON and a gateway's HTML page, so the connection can be
// reused, and no more.
const maxErrorRead = 64 << 10

var errTooLarge = errors.New("response body exceeds the configured maximum size")

func readCapped(r io.Reader, limit, hint int64) ([]byte, error) {
	size := int64(bytes.MinRead)
	if hint > 0 && hint <= limit {
		size = hint + 1
	}
	buf := bytes.NewBuffer(make([]byte, 0, size))
	n, err := buf.ReadFrom(io.LimitReader(r, limit+1))
	if n > limit {
		return buf.Bytes()[:limit], errTooLarge
	}
	return buf.Bytes(), err
}

// checkRetry decides whether an attempt is retried, and how long to wait.
func (c *Client) checkRetry(ctx context.Context, hresp *http.Response, err error) (bool, error) {
	st, _ := ctx.Value(stateKey{}).(*call)
	if ctxErr := ctx.Err(); ctxErr != nil {
		return false, ctxErr
	}
	if st == nil {
		return false, err
	}
	if hresp != nil && st.req.RemapStatus != nil && err == nil && !st.handled && hresp.StatusCode >= 400 {
		// Read the start of the body for the hook, and put it back in front
		// of the rest for the handler.
		head, _ := io.ReadAll(io.LimitReader(hresp.Body, maxErrorRead))
		hresp.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(head), hresp.Body), hresp.Body}
		if code := st.req.RemapStatus(hresp.StatusCode, hresp.Header, head); code != hresp.StatusCode {
			hresp.StatusCode, hresp.Status = code, fmt.Sprintf("%d %s", code, http.StatusText(code))
		}
	}
	if hresp != nil {
		if rl, ok := c.cfg.RateLimitHeaders.read(hresp.Header, c.cfg.Clock.Now()); ok {
			c.mu.Lock()
			c.rateLimit = rl
			c.mu.Unlock()
		}
	}
	retry := false
	switch {
	case errors.Is(err, errRedirectRefused):
		retry = false
	case err != nil:
		retry = st.safe || notSent(err)
	case hresp.StatusCode == http.StatusTooManyRequests:
		retry = true
	case hresp.StatusCode == http.StatusServiceUnavailable:
		// A 503 with Retry-After is a server turning the request away
		// before acting on it (maintenance, overload). One without may come
		// from a gateway that gave up on a request the application still
		// runs (Heroku's H12, an upstream reset), so a write is not sent
		// again after it.
		retry = st.safe || hresp.Header.Get("Retry-After") != ""
	case hresp.StatusCode == http.StatusInternalServerError || hresp.StatusCode == http.StatusBadGateway ||
		hresp.StatusCode == http.StatusGatewayTimeout:
		retry = st.safe
	}
	// A response the handler has yet to read is logged after it.
	handlerNext := !retry && err == nil && !st.handled
	if !handlerNext {
		c.logAttempt(ctx, st, hresp, err)
	}
	if !retry || st.attempt >= c.cfg.MaxRetries {
		return false, nil
	}
	wait, fromServer := c.waitFor(hresp, st.attempt)
	if wait > c.cfg.RetryWaitMax {
		if fromServer {
			st.waitLong = wait
			return false, nil
		}
		wait = c.cfg.RetryWaitMax
	}
	st.wait = wait
	if err == nil {
		// go-retryablehttp drains only 4 KiB of a response it retries, and
		// a gateway's error page is often larger: drain it here, so the
		// keep-alive connection carries the retry.
		_, _ = io.Copy(io.Discard, io.LimitReader(hresp.Body, maxErrorRead))
	}
	return true, nil
}

// notSent reports a transport error that happened before the request
// could reach the server (a refused or failed dial), safe to retry for
// any method.
func notSent(err error) bool {
	var op *net.OpError
	return errors.As(err, &op) && op.Op == "dial"
}

// waitFor picks the wait before the next attempt: Retry-After, else the
// platform's reset header or documented window on a 429, else exponential
// backoff with full jitter. fromServer reports a wait the server asked for.
func (c *Client) waitFor(hresp *http.Response, attempt int) (wait time.Duration, fromServer bool) {
	now := c.cfg.Clock.Now()
	if hresp != nil {
		if d, ok := ParseRetryAfter(hresp.Header.Get("Retry-After"), now); ok {
			return d, true
		}
		if hresp.StatusCode == http.StatusTooManyRequests {
			if rl, ok := c.cfg.RateLimitHeaders.read(hresp.Header, now); ok && rl.Reset.After(now) {
				return rl.Reset.Sub(now), true
			}
			if w := c.cfg.RateLimitWindow; w > 0 {
				return w + rand.N(w/10+1), false
			}
		}
	}
	return backoff(c.cfg.RetryWaitMin, c.cfg.RetryWaitMax, attempt), false
}

// prepareRetry sleeps the chosen wait through the Clock before a retry.
func (c *Client) prepareRetry(req *http.Request) error {
	ctx := req.Context()
	st, _ := ctx.Value(stateKey{}).(*call)
	if st == nil {
		return nil
	}
	if l := c.cfg.Logger; l != nil {
		l.LogAttrs(ctx, slog.LevelInfo, "affiliatekit: retrying",
			slog.String("platform", c.cfg.Platform), slog.String("method", st.method),
			slog.String("path", st.path), slog.Int("attempt", st.attempt+2), slog.Duration("wait", st.wait))
	}
	if err := c.cfg.Clock.Sleep(ctx, st.wait); err != nil {
		return err
	}
	return c.throttleWait(ctx)
}

func (c *Client) logAttempt(ctx context.Context, st *call, hresp *http.Response, err error) {
	l := c.cfg.Logger
	if l == nil {
		return
	}
	attrs := []slog.Attr{
		slog.String("platform", c.cfg.Platform), slog.String("method", st.method), slog.String("path", st.path),
		slog.Int("attempt", st.attempt+1), slog.Duration("duration", c.cfg.Clock.Now().Sub(st.start)),
	}
	if hresp != nil {
		attrs = append(attrs, slog.Int("status", hresp.StatusCode))
	}
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	l.LogAttrs(ctx, slog.LevelDebug, "affiliatekit: request", attrs...)
}
