// Package partnerstacktest is an in-process fake of the PartnerStack API
// v2 for tests and examples: both the Vendor API (HTTP basic with a key
// pair) and the Partner API (a bearer key), PartnerStack's envelope and
// error bodies, cursor pagination with its page-size cap, the created and
// updated filters and order_by, stateful writes, and fault injection.
//
// It serves on loopback only. Start it with [NewServer] and take a client
// configured for it from [Server.Client] (Vendor API) or
// [Server.PartnerClient] (Partner API), as httptest.Server.Client does; or
// pass [Server].URL to partnerstack.WithBaseURL and authenticate with
// [PublicKey] and [SecretKey] (Vendor API) or [APIKey] (Partner API).
//
// # Seeding
//
// [WithDemoData] and the Seed methods generate data; the Add methods
// ([Server.AddTransaction], ...) store records you build. Records hold
// the client's types: times are time.Time, money is [partnerstack.Amount]
// and a partnership's statistics are [partnerstack.Stats]. The fake sends
// them as PartnerStack does, times as epoch milliseconds and money as
// integer cents, so the client reads back what was seeded:
//
//	amount, err := partnerstack.ParseAmount("49.00", "USD")
//	if err != nil { ... }
//	p := srv.AddPartnership(partnerstacktest.Partnership{Email: "ana@example.com"})
//	c := srv.AddCustomer(partnerstacktest.Customer{PartnershipKey: p.Key})
//	srv.AddTransaction(partnerstacktest.Transaction{
//		CustomerKey: c.Key, Amount: amount, Currency: "USD",
//		CreatedAt: time.Date(2026, 1, 15, 9, 30, 0, 0, time.UTC),
//	})
//
// # Time
//
// The fake stamps records and meters its quota ([WithRateLimit], off by
// default: PartnerStack documents none) by the clock of [WithClock]. A
// test that should not wait in real time shares one fake [Clock] between
// the fake and the client: Sleep returns at once and moves the clock, so
// retry and throttle waits take no time and still move the fake's time.
//
//	clk := partnerstacktest.NewClock(time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC))
//	srv := partnerstacktest.NewServer(partnerstacktest.WithClock(clk.Now))
//	defer srv.Close()
//	client, err := srv.Client(partnerstack.WithClock(clk))
package partnerstacktest

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// Credentials the fake accepts.
const (
	// PublicKey and SecretKey are the Vendor API key pair (HTTP basic).
	PublicKey = "pk_test_9f3c2a7e51d84b06"
	SecretKey = "sk_test_4be1c0d7a2f94e38"
	// APIKey is the Partner API key (Bearer) of the partner whose
	// partnership in the fake's program is PartnerPartnershipKey.
	APIKey = "psk_partner_5d2e8a1c7b3f4960"
)

// The fake's program (company) and the partnership of the Partner API
// key's partner in it.
const (
	CompanyKey            = "co_Nt7WmQ2xLk4Rb9"
	CompanyID             = 10657
	CompanyName           = "Acme Analytics"
	PartnerPartnershipKey = "part_Pq4ZtX8mVw2Ne6"
	PartnerPartnerKey     = "northwind-digital"
)

// PathPrefix is the path prefix of the API v2; Server.URL ends with it.
const PathPrefix = "/api/v2"

// Fault describes how the next request(s) fail; the same type in the fake
// of every platform. Its fields:
//   - Status int: the status code to answer with; 0 keeps the endpoint's.
//   - RetryAfter string: sent as the Retry-After header when set.
//   - Header http.Header: extra response headers.
//   - Body string: replaces the response body (an HTML page, JSON of the
//     wrong shape, garbage).
//   - ContentType string: the Content-Type sent with Body (default
//     text/html when Body starts with '<', else application/json).
//   - EmptyBody bool: answers with no body at all.
//   - Truncate bool: sends the real response cut off halfway, with a
//     Content-Length that promises the whole body, then closes the
//     connection.
//   - Drop bool: closes the connection before any response is written.
//   - Hang bool: sends the headers and never finishes the body, until the
//     client gives up or the server closes.
//   - Applied bool: runs the endpoint even under an error Status, like a
//     gateway that times out after the server acted.
type Fault = fakeserver.Fault

// RecordedRequest is a request the server received; the same type in the
// fake of every platform. Its fields:
//   - Method string: the HTTP method.
//   - Path string: the decoded path.
//   - RawPath string: the path as sent, escapes kept.
//   - Query string: the raw query.
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

// WithDemoData seeds a deterministic, realistic data set: groups,
// partnerships with links and stats, customers, transactions with their
// rewards, actions, deals, leads, webhooks, payouts, marketplace programs
// and the less documented resources. Names, keys and amounts are fixed;
// dates are relative to the server's clock ([WithClock], applied first
// whatever the order of the options): the newest records are dated now
// and older ones step back from it, so date-relative code finds today's,
// yesterday's and last month's records. Keys that carry a date (the
// transactions' txn_<n>_<yyyymmdd>) carry that relative date: give a fixed
// clock for stable keys.
func WithDemoData() ServerOption {
	return func(s *Server) { s.demo = true }
}

// WithClock sets the function the fake reads the time from when it stamps
// created and updated records and dates the demo and seeded data (default
// time.Now).
func WithClock(now func() time.Time) ServerOption {
	return func(s *Server) { s.now = now }
}

// Server is a running fake. Its methods are safe for concurrent use.
type Server struct {
	// URL is the base URL including /api/v2, for partnerstack.WithBaseURL.
	URL string
	// ConversionURL is the root of the conversion host (partnerlinks.io in
	// production), for partnerstack.WithConversionBaseURL; it takes
	// TrackingToken.
	ConversionURL string

	fs *fakeserver.Server
	// latency is the wait before every answer (WithLatency).
	latency func(*http.Request) time.Duration
	now     func() time.Time
	// demo is set by WithDemoData; the data is seeded once every option
	// ran, so that it is dated by the clock of WithClock.
	demo bool

	mu           sync.Mutex
	seq          uint64
	groups       table[Group]
	partnerships table[Partnership]
	customers    table[Customer]
	transactions table[Transaction]
	rewards      table[Reward]
	actions      table[Action]
	deals        table[Deal]
	leads        table[Lead]
	links        table[Link]
	webhooks     table[Webhook]
	payouts      table[Payout]
	programs     table[Program]
	teams        table[Team]
	objects      map[string]*fakeserver.Table[string, Object]
	exportsAt    map[string]int64 // report configuration key -> last export (ms)
	conversions  []Conversion
	// quota is the request quota of WithRateLimit; nil when off.
	quota *window
}

// NewServer starts a fake on loopback.
func NewServer(opts ...ServerOption) *Server {
	s := &Server{now: time.Now, objects: map[string]*fakeserver.Table[string, Object]{}, exportsAt: map[string]int64{}}
	s.initTables()
	for _, opt := range opts {
		opt(s)
	}
	if s.demo {
		s.seedDemo()
	}
	s.fs = fakeserver.New(s.routes(), errorBody)
	s.fs.SetLatency(s.latency)
	s.URL = s.fs.URL() + PathPrefix
	s.ConversionURL = s.fs.URL()
	return s
}

// errorBody renders PartnerStack's error body for a status.
func errorBody(status int) []byte {
	msg := http.StatusText(status)
	if status == http.StatusTooManyRequests {
		msg = "Rate limit exceeded"
	}
	b, _ := json.Marshal(apiError{Message: msg, Status: status})
	return b
}

// Inject makes the next n requests fail with f.
func (s *Server) Inject(n int, f Fault) { s.fs.Inject(n, f) }

// PendingFaults returns how many injected faults have not fired yet.
func (s *Server) PendingFaults() int { return s.fs.PendingFaults() }

// ClearFaults drops the injected faults that have not fired yet.
func (s *Server) ClearFaults() { s.fs.ClearFaults() }

// Requests returns a copy of the requests received so far.
func (s *Server) Requests() []RecordedRequest { return s.fs.Requests() }

// RequestCount returns how many requests were received.
func (s *Server) RequestCount() int { return s.fs.RequestCount() }

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() { s.fs.ResetRequests() }

// HTTPServer returns the underlying httptest server.
func (s *Server) HTTPServer() *httptest.Server { return s.fs.HTTPServer() }

// Close stops the server.
func (s *Server) Close() { s.fs.Close() }

// role is who a request authenticates as.
type role int

const (
	vendor role = 1 << iota
	partner
	both = vendor | partner
)

// authenticate checks the Authorization header like PartnerStack does:
// basic credentials for the Vendor API, a bearer key for the Partner API.
// A route that the caller's API does not serve answers 401, as the other
// API's credentials do not authenticate there.
func (s *Server) authenticate(w http.ResponseWriter, r *http.Request, allowed role) (role, bool) {
	h := r.Header.Get("Authorization")
	scheme, cred, _ := strings.Cut(h, " ")
	var who role
	switch {
	case h == "":
		writeError(w, http.StatusUnauthorized, "Authentication credentials were not provided.")
		return 0, false
	case strings.EqualFold(scheme, "Basic"):
		raw, err := base64.StdEncoding.DecodeString(strings.TrimSpace(cred))
		user, pass, _ := strings.Cut(string(raw), ":")
		if err != nil || user != PublicKey || pass != SecretKey {
			writeError(w, http.StatusUnauthorized, "Invalid API key pair.")
			return 0, false
		}
		who = vendor
	case strings.EqualFold(scheme, "Bearer"):
		if strings.TrimSpace(cred) != APIKey {
			writeError(w, http.StatusUnauthorized, "Invalid API key.")
			return 0, false
		}
		who = partner
	default:
		writeError(w, http.StatusUnauthorized, "Unsupported authorization scheme.")
		return 0, false
	}
	if who&allowed == 0 {
		if who == partner {
			writeError(w, http.StatusUnauthorized, "This endpoint belongs to the Vendor API and needs the vendor key pair (HTTP basic).")
		} else {
			writeError(w, http.StatusUnauthorized, "This endpoint belongs to the Partner API and needs a partner API key (Bearer).")
		}
		return 0, false
	}
	return who, true
}

// handler is a route handler that knows who is calling.
type handler func(w http.ResponseWriter, r *http.Request, who role)

// route registers pattern (relative to /api) for the allowed callers. The
// quota (WithRateLimit) is counted first, then the caller authenticated;
// the handler runs under the server's lock.
func (s *Server) route(mux *http.ServeMux, pattern string, allowed role, h handler) {
	method, path, _ := strings.Cut(pattern, " ")
	mux.HandleFunc(method+" /api"+path, func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if !s.metered(w) {
			return
		}
		who, ok := s.authenticate(w, r, allowed)
		if !ok {
			return
		}
		h(w, r, who)
	})
}

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	s.coreRoutes(mux)
	s.moreRoutes(mux)
	s.conversionRoutes(mux)
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		writeError(w, http.StatusNotFound, "Not found.")
	})
	return mux
}

// nowMs is the fake's current time in epoch milliseconds.
func (s *Server) nowMs() int64 { return s.now().UnixMilli() }
