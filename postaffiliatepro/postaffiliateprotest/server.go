// Package postaffiliateprotest is an in-process fake of the Post Affiliate
// Pro REST API v3 for tests and examples: bearer-key auth with read and
// write scopes, affiliates, transactions, campaigns, banners, the
// top-affiliates and clicks reports, the documented q and fields
// parameters, a token-bucket rate limit with the X-RateLimit-* headers,
// stateful writes, and fault injection.
//
// The v3 list envelope, paging parameters, record field names and error
// body are not public, so each is a choice, and the uncertain ones are
// selectable (WithEnvelope, WithTotalKey, WithPagination, WithStringNumbers,
// WithDates) so that a client can be proven against every plausible shape.
//
// [Server.Client] returns a client configured for the fake, as
// httptest.Server.Client does (or pass [Server].URL to
// postaffiliatepro.WithBaseURL and authenticate with [APIKey]):
//
//	srv := postaffiliateprotest.NewServer(postaffiliateprotest.WithDemoData())
//	defer srv.Close()
//	client, err := srv.Client()
//
// # Time
//
// The fake meters its token bucket ([WithRateLimit], on by default at the
// documented [RateLimitRequests] per [RateLimitWindow]) and stamps records
// by the clock of [WithClock]. A test that should not wait in real time
// shares one fake [Clock] between the fake and the client: Sleep returns
// at once and moves the clock, so the client's throttle and retry waits
// take no time and still refill the fake's bucket.
//
//	clk := postaffiliateprotest.NewClock(time.Date(2026, 4, 20, 9, 0, 0, 0, time.UTC))
//	srv := postaffiliateprotest.NewServer(postaffiliateprotest.WithClock(clk.Now))
//	defer srv.Close()
//	client, err := srv.Client(postaffiliatepro.WithClock(clk))
//
// The demo data ([WithDemoData]) and the Seed methods date their records
// back from that clock.
//
// # Seeding
//
// The Add methods take records whose fields are the client's types:
// [postaffiliatepro.Status], [postaffiliatepro.TransactionType] and
// [postaffiliatepro.PayoutStatus] for the codes, [postaffiliatepro.Amount]
// for money and time.Time for dates; the fake renders them in the wire
// style chosen ([WithStringNumbers], [WithDates]).
//
//	commission, _ := postaffiliatepro.ParseAmount("12.50", "USD")
//	a := srv.AddAffiliate(postaffiliateprotest.Affiliate{Username: "kai@example.com",
//		Status: postaffiliatepro.StatusApproved})
//	srv.AddTransaction(postaffiliateprotest.Transaction{AffiliateID: a.ID,
//		Type: postaffiliatepro.TypeSale, Status: postaffiliatepro.StatusPending,
//		Commission: commission, CreatedAt: time.Now().AddDate(0, 0, -1)})
package postaffiliateprotest

import (
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// Credentials and limits the fake accepts and enforces.
const (
	// APIKey has read and write scopes on every area.
	APIKey = "pap_fk7q2m9x4c_T3sKx8vLq2nW6pZr5bYd9hGj4mFc1aE"
	// ReadOnlyAPIKey has read scopes only: writes answer 403.
	ReadOnlyAPIKey = "pap_fk7q2m9x4d_R0nLy5eKq8wV2pTz7cXb3hMj6nGd4sA"
	// PathPrefix is the path of the API root on the server.
	PathPrefix = "/api/v3"
	// DefaultPerPage is the page size when a list request names none.
	DefaultPerPage = 20
	// MaxPerPage caps the page size; a larger one is served capped.
	MaxPerPage = 100
	// RateLimitRequests per RateLimitWindow is the token bucket's size and
	// refill rate, as documented for API v3.
	RateLimitRequests = 100
	// RateLimitWindow is the window of RateLimitRequests.
	RateLimitWindow = time.Minute
)

// Envelope is the shape of a list body.
type Envelope int

// List envelopes. The total sits beside the records under the key set by
// WithTotalKey (EnvelopeArray has none). Single records are wrapped as
// {"data": {...}} by the envelopes that start with "data", bare otherwise.
const (
	// EnvelopeData is {"data": [...], "total": n}, the default.
	EnvelopeData Envelope = iota
	// EnvelopeArray is a bare JSON array.
	EnvelopeArray
	// EnvelopeItems is {"items": [...], "total": n}.
	EnvelopeItems
	// EnvelopeResults is {"results": [...], "total": n}.
	EnvelopeResults
	// EnvelopeResource is {"<resource>": [...], "total": n}, e.g.
	// {"affiliates": [...]}.
	EnvelopeResource
	// EnvelopeDataItems is {"data": {"items": [...], "total": n}}.
	EnvelopeDataItems
	// EnvelopeDataResource is {"data": {"<resource>": [...], "total": n}}.
	EnvelopeDataResource
)

// Pagination is the paging parameter pair the fake reads; it ignores the
// other pair, as a real server ignores unknown parameters.
type Pagination int

// Paging styles.
const (
	// OffsetLimit reads offset (from 0) and limit, the default.
	OffsetLimit Pagination = iota
	// PagePerPage reads page (from 1) and per_page.
	PagePerPage
)

// Fault describes how the next request(s) fail; see [Server.Inject]. It is
// the same type in the fake of every package of this module. Its fields:
//   - Status int: the status code to answer with; 0 keeps the endpoint's.
//   - RetryAfter string: sent as the Retry-After header when set.
//   - Header http.Header: extra response headers.
//   - Body string: replaces the response body (an HTML page, JSON of the
//     wrong shape, garbage).
//   - ContentType string: the Content-Type sent with Body (default
//     text/html when Body starts with '<', else application/json).
//   - EmptyBody bool: answer with no body at all.
//   - Truncate bool: send the real response cut off halfway, with a
//     Content-Length that promises the whole body, then close the
//     connection.
//   - Drop bool: close the connection before any response is written.
//   - Hang bool: send the headers and never finish the body, until the
//     client gives up or the server closes.
//   - Applied bool: run the endpoint even under an error Status, like a
//     gateway that times out after the server acted.
type Fault = fakeserver.Fault

// RecordedRequest is a request the server received, as returned by
// [Server.Requests]. It is the same type in the fake of every package of
// this module. Its fields:
//   - Method string: the HTTP method.
//   - Path string: the decoded path; RawPath string: the path as sent,
//     escapes kept.
//   - Query string: the raw query, without '?'.
//   - Header http.Header: the request headers.
//   - Body []byte: the request body.
type RecordedRequest = fakeserver.RecordedRequest

// ServerOption configures a Server.
type ServerOption func(*Server)

// WithLatency makes the server wait d before it answers each request, as a
// distant API would: for throughput benchmarks of your own code. The wait
// ends early when the client gives up.
func WithLatency(d time.Duration) ServerOption {
	return WithLatencyFunc(func(*http.Request) time.Duration { return d })
}

// WithLatencyFunc makes the server wait f(r) before it answers each
// request r (a round trip that varies, say).
func WithLatencyFunc(f func(*http.Request) time.Duration) ServerOption {
	return func(s *Server) { s.latency = f }
}

// WithDemoData seeds a deterministic data set: 4 campaigns, 30 affiliates,
// 12 banners, 60 transactions and 90 clicks. Names, ids and amounts are
// fixed; dates are relative to the server's clock ([WithClock], applied
// first whatever the order of the options): the transactions run from
// about four weeks ago to now, so date-relative code finds today's,
// yesterday's and last month's. Give a fixed clock for stable dates.
func WithDemoData() ServerOption {
	return func(s *Server) { s.demo = true }
}

// WithEnvelope selects the list envelope (default EnvelopeData).
func WithEnvelope(e Envelope) ServerOption {
	return func(s *Server) { s.envelope = e }
}

// WithTotalKey names the key of the total beside the records ("total" by
// default; "count" and "total_count" are the other plausible ones). An
// empty key sends no total.
func WithTotalKey(key string) ServerOption {
	return func(s *Server) { s.totalKey = key }
}

// WithPagination selects the paging parameters the fake reads (default
// OffsetLimit).
func WithPagination(p Pagination) ServerOption {
	return func(s *Server) { s.pagination = p }
}

// WithPerPage sets the default and maximum page size (default
// DefaultPerPage and MaxPerPage).
func WithPerPage(def, max int) ServerOption {
	return func(s *Server) { s.defPage, s.maxPage = def, max }
}

// WithStringNumbers sends every number (amounts, counts) as a JSON string,
// as the legacy API does.
func WithStringNumbers() ServerOption {
	return func(s *Server) { s.stringNumbers = true }
}

// WithDates sets how timestamps are written: a time layout and the zone
// they are written in (default time.RFC3339 in UTC). The legacy API writes
// "2006-01-02 15:04:05" in the server's time zone.
func WithDates(layout string, loc *time.Location) ServerOption {
	return func(s *Server) {
		s.dateLayout = layout
		if loc != nil {
			s.dateLoc = loc
		}
	}
}

// WithRateLimit sets the token bucket: a burst of requests, refilled at
// requests per window. Zero requests turns the limit off.
func WithRateLimit(requests int, per time.Duration) ServerOption {
	return func(s *Server) { s.bucket = newBucket(requests, per) }
}

// WithClock sets the clock of the rate limit and of the timestamps given
// to new records (default time.Now).
func WithClock(now func() time.Time) ServerOption {
	return func(s *Server) { s.now = now }
}

// Server is a running fake. Its methods are safe for concurrent use.
type Server struct {
	// URL is the API root, e.g. http://127.0.0.1:41234/api/v3, ready for
	// postaffiliatepro.WithBaseURL.
	URL string

	fs *fakeserver.Server
	// latency is the wait before every answer (WithLatency).
	latency func(*http.Request) time.Duration
	mux     *http.ServeMux

	// Configuration, fixed after NewServer.
	demo          bool
	envelope      Envelope
	totalKey      string
	pagination    Pagination
	defPage       int
	maxPage       int
	stringNumbers bool
	dateLayout    string
	dateLoc       *time.Location
	now           func() time.Time

	mu           sync.Mutex
	bucket       *bucket
	seq          map[string]int
	ids          map[string]bool
	affiliates   []Affiliate
	transactions []Transaction
	campaigns    []Campaign
	banners      []Banner
	clicks       []Click
	signupEmails []string
}

// NewServer starts a fake on loopback. Close it when done.
func NewServer(opts ...ServerOption) *Server {
	s := &Server{
		totalKey:   "total",
		defPage:    DefaultPerPage,
		maxPage:    MaxPerPage,
		dateLayout: time.RFC3339,
		dateLoc:    time.UTC,
		now:        time.Now,
		bucket:     newBucket(RateLimitRequests, RateLimitWindow),
		seq:        map[string]int{},
		ids:        map[string]bool{},
	}
	for _, o := range opts {
		o(s)
	}
	if s.demo {
		s.SeedCampaigns(4)
		s.SeedAffiliates(30)
		s.SeedBanners(12)
		s.SeedTransactions(60)
		s.SeedClicks(90)
	}
	s.mux = s.routes()
	s.fs = fakeserver.New(http.HandlerFunc(s.serve), errorBody)
	s.fs.SetLatency(s.latency)
	s.URL = s.fs.URL() + PathPrefix
	return s
}

// Close stops the server.
func (s *Server) Close() { s.fs.Close() }

// HTTPServer returns the underlying httptest server.
func (s *Server) HTTPServer() *httptest.Server { return s.fs.HTTPServer() }

// Inject makes the next n requests fail with f. A fault with a Status and
// no Body answers the API's error body for that status; the request still
// reaches the handler first, so a write behind a fault is applied, as when
// a gateway fails after the server did the work.
func (s *Server) Inject(n int, f Fault) { s.fs.Inject(n, f) }

// PendingFaults returns how many injected faults have not fired yet.
func (s *Server) PendingFaults() int { return s.fs.PendingFaults() }

// ClearFaults drops the injected faults that have not fired yet.
func (s *Server) ClearFaults() { s.fs.ClearFaults() }

// Requests returns the requests received so far.
func (s *Server) Requests() []RecordedRequest { return s.fs.Requests() }

// RequestCount returns how many requests were received.
func (s *Server) RequestCount() int { return s.fs.RequestCount() }

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() { s.fs.ResetRequests() }

// SignupEmailsSent returns the usernames of affiliates created with
// send_signup_email set, in order.
func (s *Server) SignupEmailsSent() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.signupEmails...)
}

// apiError is the error body the fake sends. The v3 error body is not
// public; this shape ({"code", "message"} plus "errors" by field on
// validation failures) is a choice.
type apiError struct {
	Code    string              `json:"code"`
	Message string              `json:"message"`
	Errors  map[string][]string `json:"errors,omitempty"`
}

// errorCodes are the codes of the error bodies by status.
var errorCodes = map[int]string{
	http.StatusBadRequest:          "bad_request",
	http.StatusUnauthorized:        "unauthorized",
	http.StatusForbidden:           "forbidden",
	http.StatusNotFound:            "not_found",
	http.StatusMethodNotAllowed:    "method_not_allowed",
	http.StatusConflict:            "conflict",
	http.StatusUnprocessableEntity: "validation_failed",
	http.StatusTooManyRequests:     "rate_limit_exceeded",
	http.StatusServiceUnavailable:  "service_unavailable",
}

func codeFor(status int) string {
	if c, ok := errorCodes[status]; ok {
		return c
	}
	if status >= 500 {
		return "internal_error"
	}
	return strings.ToLower(strings.ReplaceAll(http.StatusText(status), " ", "_"))
}

// errorBody renders the error body of a status, for injected faults.
func errorBody(status int) []byte {
	msg := http.StatusText(status)
	if status == http.StatusTooManyRequests {
		msg = "Rate limit exceeded. Try again later."
	}
	b, _ := json.Marshal(apiError{Code: codeFor(status), Message: msg})
	return b
}

func writeError(w http.ResponseWriter, status int, msg string) {
	fakeserver.WriteJSON(w, status, apiError{Code: codeFor(status), Message: msg})
}

func writeValidation(w http.ResponseWriter, errs map[string][]string) {
	fakeserver.WriteJSON(w, http.StatusUnprocessableEntity, apiError{
		Code: codeFor(http.StatusUnprocessableEntity), Message: "Validation failed", Errors: errs,
	})
}

// bucket is the API's token bucket.
type bucket struct {
	limit  int
	rate   float64 // tokens per second
	tokens float64
	last   time.Time
}

func newBucket(requests int, per time.Duration) *bucket {
	if requests <= 0 || per <= 0 {
		return nil
	}
	return &bucket{limit: requests, rate: float64(requests) / per.Seconds(), tokens: float64(requests)}
}

// take spends a token at now. It returns the headers to send and, when the
// bucket is empty, how long until a token is back.
func (b *bucket) take(now time.Time) (remaining int, reset time.Time, wait time.Duration) {
	if b.last.IsZero() {
		b.last = now
	}
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = math.Min(float64(b.limit), b.tokens+el*b.rate)
		b.last = now
	}
	if b.tokens < 1 {
		wait = time.Duration((1 - b.tokens) / b.rate * float64(time.Second))
	} else {
		b.tokens--
	}
	full := time.Duration((float64(b.limit) - b.tokens) / b.rate * float64(time.Second))
	return int(b.tokens), now.Add(full), wait
}

// serve applies the rate limit and auth, then routes.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if !s.rateLimit(w) {
		return
	}
	if !s.authorize(w, r) {
		return
	}
	s.mux.ServeHTTP(w, r)
}

// rateLimit spends a token and sets the X-RateLimit-* headers; on an empty
// bucket it answers 429 with Retry-After.
func (s *Server) rateLimit(w http.ResponseWriter) bool {
	s.mu.Lock()
	b := s.bucket
	if b == nil {
		s.mu.Unlock()
		return true
	}
	now := s.now()
	remaining, reset, wait := b.take(now)
	s.mu.Unlock()
	h := w.Header()
	h.Set("X-RateLimit-Limit", strconv.Itoa(b.limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(ceilUnix(reset), 10))
	if wait > 0 {
		h.Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
		writeError(w, http.StatusTooManyRequests, "Rate limit exceeded. Try again later.")
		return false
	}
	return true
}

func ceilUnix(t time.Time) int64 {
	if t.Nanosecond() > 0 {
		return t.Unix() + 1
	}
	return t.Unix()
}

// authorize checks the bearer key, and the write scope for writes.
func (s *Server) authorize(w http.ResponseWriter, r *http.Request) bool {
	auth := r.Header.Get("Authorization")
	token, ok := strings.CutPrefix(auth, "Bearer ")
	switch {
	case auth == "":
		writeError(w, http.StatusUnauthorized, "Missing Authorization header. Use: Authorization: Bearer <API key>")
		return false
	case !ok || (token != APIKey && token != ReadOnlyAPIKey):
		writeError(w, http.StatusUnauthorized, "Invalid or expired API key")
		return false
	}
	if token == ReadOnlyAPIKey && r.Method != http.MethodGet && r.Method != http.MethodHead {
		area := strings.SplitN(strings.TrimPrefix(r.URL.Path, PathPrefix+"/"), "/", 2)[0]
		writeError(w, http.StatusForbidden, "Insufficient scope: this API key has no write access to "+area)
		return false
	}
	return true
}
