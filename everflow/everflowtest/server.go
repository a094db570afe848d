// Package everflowtest is an in-process fake of the Everflow Network API
// for tests and examples: it checks the X-Eflow-API-Key header like
// Everflow, serves the real envelopes, paging (1-based, page_size up to
// 2000) and report shapes, applies the documented filters, keeps writes in
// memory, caps the postback report at 1000 rows, streams NDJSON and CSV
// exports of any size generated on the fly, announces the rate limit in
// X-RateLimit-Limit/X-RateLimit-Remaining with a 429 when the window is
// used up, caps concurrent reporting calls at 10, and injects faults.
//
//	srv := everflowtest.NewServer(everflowtest.WithDemoData())
//	defer srv.Close()
//	client, err := srv.Client() // APIKey and srv.URL; add your options
//
// # Seeding
//
// [WithDemoData] loads a deterministic data set whose clicks, conversions
// and postback rows lie in the 28 days before the fake's now. The Add and
// Seed methods store your own records, written with the client's types
// (time.Time, [everflow.ConversionStatus], [everflow.AccountStatus], ...,
// [everflow.Amount]); the fake renders them in Everflow's wire format
// (unix seconds, JSON numbers), and so does json.Marshal:
//
//	payout, _ := everflow.ParseAmount("12.50", "USD")
//	srv.AddConversion(everflowtest.Conversion{
//		ConversionUnixTimestamp: time.Now().Add(-time.Hour),
//		Status:                  everflow.ConversionPending,
//		Payout:                  payout,
//		CurrencyID:              "USD",
//	})
//
// Read back what writes did with the snapshot methods ([Server.Affiliates],
// [Server.Conversions], ...), and make requests fail with [Server.Inject].
//
// # Fake time
//
// A [Clock] from [NewClock] serves both sides of a test: give its Now to
// the server's [WithClock] (record timestamps, the dates of demo and
// seeded data, the rate-limit window) and
// the clock itself to the client's [everflow.WithClock], so retry and
// throttle waits, a 429's 30-second back-off included, take no real time
// and both agree on the time:
//
//	clk := everflowtest.NewClock(time.Date(2024, time.March, 1, 12, 0, 0, 0, time.UTC))
//	srv := everflowtest.NewServer(everflowtest.WithClock(clk.Now))
//	client, err := srv.Client(everflow.WithClock(clk))
package everflowtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

// Credentials and limits of the fake.
const (
	// APIKey is the network API key the fake accepts.
	APIKey = "ef_test_network_key_5b1f0c"
	// AffiliateAPIKey is an affiliate-portal key: network paths refuse it
	// with 403 "Out of realm", as Everflow does.
	AffiliateAPIKey = "ef_test_affiliate_key_9d27e4"

	// PathPrefix is the path of the API root; Server.URL ends with it.
	PathPrefix = "/v1"

	// DefaultRateLimit is the number of requests the fake allows per
	// RateLimitWindow unless WithRateLimit says otherwise.
	DefaultRateLimit = 600
	// RateLimitWindow is Everflow's rate-limit window, the default window
	// of the fake's limit.
	RateLimitWindow = 30 * time.Second
	// MaxConcurrentReports is how many networks/reporting/* requests may
	// run at once; one more is answered 429.
	MaxConcurrentReports = 10

	// DefaultPerPage and MaxPerPage are the paging defaults and cap.
	DefaultPerPage = 50
	MaxPerPage     = 2000
	// PostbackReportLimit caps the (unpaged) postback report.
	PostbackReportLimit = 1000
	// ClickStreamLimit caps the raw click stream.
	ClickStreamLimit = 10000
	// EntityReportLimit caps the entity table.
	EntityReportLimit = 10000
)

// Everflow's error messages for the auth failures.
const (
	msgNoAuth     = "No Authentication Method Found"
	msgBadKey     = "Invalid API Key"
	msgOutOfRealm = "Out of realm"
	msgNotFound   = "Not Found"
	msgRateLimit  = "Rate limit exceeded"
	msgTooMany    = "Too many concurrent requests to reporting endpoints"
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

// Server is the fake Everflow API.
type Server struct {
	// URL is the base URL including PathPrefix, for everflow.WithBaseURL
	// (or use [Server.Client]).
	URL string

	fs *fakeserver.Server
	// latency is the wait before every answer (WithLatency).
	latency func(*http.Request) time.Duration
	mux     *http.ServeMux

	mu          sync.Mutex
	now         func() time.Time
	network     Network
	employees   map[int64]Employee
	advertisers *fakeserver.Table[int64, Advertiser] // by id
	affiliates  []*Affiliate
	offers      []*Offer
	conversions []*Conversion
	clicks      []*Click
	pixels      []*Pixel
	postbacks   []*PostbackLog
	// generated is how many postback rows the generator adds before the
	// stored ones (see SeedPostbacks).
	generated int
	// postbackEpoch is when generated postback row 0 fires, in unix
	// seconds: the start of the seed window when the server started.
	postbackEpoch int64
	// demo is set by WithDemoData: NewServer seeds after every option.
	demo    bool
	userSeq int64

	rateLimit   int
	ratePer     time.Duration
	windowStart time.Time
	windowCount int
	reporting   int
}

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

// WithDemoData seeds a deterministic, realistic data set: the network,
// 36 affiliates, 24 offers, 16 postback configurations, 600 clicks, 240
// conversions and 480 postback log rows. The clicks, conversions and
// postback rows are spread over the 28 days before the fake's now (see
// [WithClock]), so today, yesterday, this month and last month all hold
// some. The data is seeded after every option has run, so WithClock
// applies whatever the order of the options.
func WithDemoData() ServerOption { return func(s *Server) { s.demo = true } }

// WithRateLimit sets how many requests the fake allows per window before
// answering 429, metered as Everflow does: the count starts with the first
// request of a window and resets once per elapsed window, every response
// carries X-RateLimit-Limit and X-RateLimit-Remaining, and a 429 carries
// no Retry-After. The default is DefaultRateLimit per RateLimitWindow;
// zero requests or a zero window turns the limit off.
func WithRateLimit(requests int, per time.Duration) ServerOption {
	return func(s *Server) { s.rateLimit, s.ratePer = requests, per }
}

// WithClock replaces the wall clock the fake stamps new records, dates
// demo and seeded data and measures its rate-limit window with: pass a
// [Clock]'s Now to share the time with a client built with
// [everflow.WithClock].
func WithClock(now func() time.Time) ServerOption { return func(s *Server) { s.now = now } }

// Clock is a fake clock for tests, from [NewClock]: give it to the client
// with [everflow.WithClock] and its Now to the server with [WithClock].
// Its methods:
//   - Now() time.Time: the fake time.
//   - Sleep(ctx context.Context, d time.Duration) error: records d, moves
//     the time on by d and returns at once (ctx.Err() when ctx is done).
//   - AfterFunc(d time.Duration, f func()) func() bool: runs f when Advance
//     reaches d from now; the returned stop cancels it.
//   - Advance(d time.Duration): moves the time on and runs the due timers.
//   - PendingTimers() int: how many AfterFunc timers wait to fire.
//   - Sleeps() []time.Duration: the waits recorded so far.
//   - Total() time.Duration: the sum of those waits.
type Clock = testclock.Clock

// NewClock returns a fake clock that starts at start.
func NewClock(start time.Time) *Clock { return testclock.New(start) }

// NewServer starts the fake on a loopback port. Close it when done.
func NewServer(opts ...ServerOption) *Server {
	s := &Server{
		now:         time.Now,
		rateLimit:   DefaultRateLimit,
		ratePer:     RateLimitWindow,
		employees:   map[int64]Employee{},
		advertisers: fakeserver.NewSortedTable(func(a *Advertiser) int64 { return a.NetworkAdvertiserID }),
		network: Network{
			NetworkID: 1, Name: "Test Network", Status: "active", DefaultCurrencyID: "USD",
			ReportingTimezoneID: 67, TimeCreated: fromUnix(1704067200), TimeSaved: fromUnix(1704067200),
		},
	}
	s.mux = http.NewServeMux()
	s.routes()
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	s.postbackEpoch = s.seedFrom()
	if s.demo {
		s.seedDemo()
	}
	s.fs = fakeserver.New(http.HandlerFunc(s.serve), errorBody)
	s.fs.SetLatency(s.latency)
	s.URL = s.fs.URL() + PathPrefix
	return s
}

// Client returns a client of the fake: its URL and the network APIKey,
// then opts, which may override both. The client keeps the package's
// default throttle: pass [everflow.WithRateLimit](0, 0) to turn it off,
// or [everflow.WithClock] with a [Clock] to make its waits free.
func (s *Server) Client(opts ...everflow.Option) (*everflow.Client, error) {
	all := append([]everflow.Option{everflow.WithAPIKey(APIKey), everflow.WithBaseURL(s.URL)}, opts...)
	return everflow.NewClient(all...)
}

// errorBody renders Everflow's error body for an injected status.
func errorBody(status int) []byte {
	msg := http.StatusText(status)
	switch status {
	case http.StatusUnauthorized:
		msg = msgNoAuth
	case http.StatusForbidden:
		msg = msgOutOfRealm
	case http.StatusNotFound:
		msg = msgNotFound
	case http.StatusTooManyRequests:
		msg = msgRateLimit
	}
	b, _ := json.Marshal(map[string]string{"error": msg})
	return b
}

// Inject makes the next n requests fail with f.
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

// HTTPServer returns the underlying httptest server.
func (s *Server) HTTPServer() *httptest.Server { return s.fs.HTTPServer() }

// Close stops the server.
func (s *Server) Close() { s.fs.Close() }

// serve checks the key, the rate limit and the reporting concurrency,
// then routes the request.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.URL.Path, PathPrefix+"/") {
		writeError(w, http.StatusNotFound, routeNotFound(r))
		return
	}
	key := r.Header.Get("X-Eflow-API-Key")
	switch {
	case key == "":
		writeError(w, http.StatusUnauthorized, msgNoAuth)
		return
	case key == AffiliateAPIKey:
		if strings.HasPrefix(r.URL.Path, PathPrefix+"/networks") {
			writeError(w, http.StatusForbidden, msgOutOfRealm)
			return
		}
	case key != APIKey:
		writeError(w, http.StatusUnauthorized, msgBadKey)
		return
	}
	if !s.countRequest(w) {
		writeError(w, http.StatusTooManyRequests, msgRateLimit)
		return
	}
	if strings.HasPrefix(r.URL.Path, PathPrefix+"/networks/reporting/") {
		if !s.enterReporting() {
			writeError(w, http.StatusTooManyRequests, msgTooMany)
			return
		}
		defer s.leaveReporting()
	}
	h, pattern := s.mux.Handler(r)
	if pattern == "" {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if rec.Code == http.StatusMethodNotAllowed {
			writeError(w, http.StatusMethodNotAllowed, http.StatusText(http.StatusMethodNotAllowed))
			return
		}
		// An unknown route names itself, so that a wrong base URL or path
		// does not read as a missing record ("Not Found").
		writeError(w, http.StatusNotFound, routeNotFound(r))
		return
	}
	s.mux.ServeHTTP(w, r)
}

// countRequest counts a request against the rate-limit window and sets
// the quota headers; it reports false when the window is used up.
func (s *Server) countRequest(w http.ResponseWriter) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.rateLimit <= 0 || s.ratePer <= 0 {
		return true
	}
	now := s.now()
	if s.windowStart.IsZero() || now.Sub(s.windowStart) >= s.ratePer || now.Before(s.windowStart) {
		s.windowStart, s.windowCount = now, 0
	}
	s.windowCount++
	w.Header().Set("X-RateLimit-Limit", strconv.Itoa(s.rateLimit))
	w.Header().Set("X-RateLimit-Remaining", strconv.Itoa(max(0, s.rateLimit-s.windowCount)))
	return s.windowCount <= s.rateLimit
}

func (s *Server) enterReporting() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.reporting >= MaxConcurrentReports {
		return false
	}
	s.reporting++
	return true
}

func (s *Server) leaveReporting() {
	s.mu.Lock()
	s.reporting--
	s.mu.Unlock()
}

func (s *Server) routes() {
	m := s.mux
	m.HandleFunc("GET "+PathPrefix+"/networks", s.getNetwork)
	m.HandleFunc("GET "+PathPrefix+"/meta/timezones", s.getTimezones)

	m.HandleFunc("GET "+PathPrefix+"/networks/affiliates", s.listAffiliates)
	m.HandleFunc("POST "+PathPrefix+"/networks/affiliates", s.createAffiliate)
	m.HandleFunc("GET "+PathPrefix+"/networks/affiliates/{id}", s.getAffiliate)
	m.HandleFunc("PUT "+PathPrefix+"/networks/affiliates/{id}", s.updateAffiliate)
	// Both spellings of the table endpoints appear in Everflow's docs.
	m.HandleFunc("POST "+PathPrefix+"/networks/affiliatestable", s.searchAffiliates)
	m.HandleFunc("POST "+PathPrefix+"/networks/affiliates/table", s.searchAffiliates)

	m.HandleFunc("GET "+PathPrefix+"/networks/advertisers", s.listAdvertisers)
	m.HandleFunc("POST "+PathPrefix+"/networks/advertisers", s.createAdvertiser)
	m.HandleFunc("GET "+PathPrefix+"/networks/advertisers/{id}", s.getAdvertiser)
	m.HandleFunc("PUT "+PathPrefix+"/networks/advertisers/{id}", s.updateAdvertiser)

	m.HandleFunc("GET "+PathPrefix+"/networks/offers", s.listOffers)
	m.HandleFunc("POST "+PathPrefix+"/networks/offers", s.createOffer)
	m.HandleFunc("GET "+PathPrefix+"/networks/offers/{id}", s.getOffer)
	m.HandleFunc("PUT "+PathPrefix+"/networks/offers/{id}", s.updateOffer)
	m.HandleFunc("GET "+PathPrefix+"/networks/offers/{id}/visibility", s.getOfferVisibility)
	m.HandleFunc("PUT "+PathPrefix+"/networks/offers/{id}/visibility", s.setOfferVisibility)
	m.HandleFunc("PATCH "+PathPrefix+"/networks/affiliates/{id}/offers/visibility", s.updateAffiliateOfferVisibility)
	m.HandleFunc("POST "+PathPrefix+"/networks/offerstable", s.searchOffers)
	m.HandleFunc("POST "+PathPrefix+"/networks/offers/table", s.searchOffers)

	m.HandleFunc("GET "+PathPrefix+"/networks/pixels", s.listPixels)
	m.HandleFunc("POST "+PathPrefix+"/networks/pixels", s.createPixel)
	m.HandleFunc("GET "+PathPrefix+"/networks/pixels/{id}", s.getPixel)
	m.HandleFunc("PUT "+PathPrefix+"/networks/pixels/{id}", s.updatePixel)
	m.HandleFunc("POST "+PathPrefix+"/networks/pixelstable", s.searchPixels)

	m.HandleFunc("POST "+PathPrefix+"/networks/reporting/conversions", s.conversionReport)
	m.HandleFunc("POST "+PathPrefix+"/networks/reporting/conversions/summary", s.conversionSummary)
	m.HandleFunc("POST "+PathPrefix+"/networks/reporting/conversions/export", s.conversionExport)
	m.HandleFunc("POST "+PathPrefix+"/networks/reporting/clicks/stream", s.clickStream)
	m.HandleFunc("GET "+PathPrefix+"/networks/reporting/clicks/{id}", s.getClick)
	m.HandleFunc("POST "+PathPrefix+"/networks/reporting/entity/table", s.entityTable)
	m.HandleFunc("POST "+PathPrefix+"/networks/reporting/entity/summary", s.entitySummary)
	m.HandleFunc("POST "+PathPrefix+"/networks/reporting/entity/table/export", s.entityExport)
	m.HandleFunc("POST "+PathPrefix+"/networks/reporting/affiliate/pixels", s.postbackReport)
	m.HandleFunc("POST "+PathPrefix+"/networks/reporting/affiliate/pixels/export", s.postbackExport)
}

// routeNotFound is the message of a 404 for a route the fake does not
// serve; a missing record keeps Everflow's "Not Found".
func routeNotFound(r *http.Request) string {
	return "no route " + r.Method + " " + r.URL.Path
}

// writeError answers Everflow's error body, {"error": "..."}.
func writeError(w http.ResponseWriter, status int, msg string) {
	fakeserver.WriteJSON(w, status, map[string]string{"error": msg})
}

func (s *Server) getNetwork(w http.ResponseWriter, _ *http.Request) {
	s.mu.Lock()
	n := s.network
	s.mu.Unlock()
	fakeserver.WriteJSON(w, http.StatusOK, n)
}

// Network returns the network record.
func (s *Server) Network() Network {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.network
}

// SetNetwork replaces the network record.
func (s *Server) SetNetwork(n Network) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.network = n
}
