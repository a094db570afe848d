// Package v1test is an in-process fake of FirstPromoter's legacy API v1
// for tests: promoters, leads, rewards, payouts, reports and tracking,
// with the v1 wire format (key-value parameters in, JSON out), the v1
// error bodies, X-API-KEY authentication, page-numbered lists with an
// RFC 5988 Link header, and fault injection. It keeps its data in memory,
// so writes show in later reads, and is safe for concurrent use.
//
// [Server.Client] returns a client configured for the fake. Give the
// client and the server one fake [Clock] so that retry and throttle waits
// in tests take no real time:
//
//	clk := v1test.NewClock(time.Date(2026, 3, 16, 12, 0, 0, 0, time.UTC))
//	srv := v1test.NewServer(v1test.WithClock(clk.Now))
//	defer srv.Close()
//	client, err := srv.Client(v1.WithClock(clk))
//
// # Records
//
// The records that the Seed methods return and [Server.Promoters],
// [Server.Leads], [Server.Rewards] and [Server.Payouts] list hold the
// client's types: times are time.Time, money is [v1.Amount] and balances
// are [v1.Balance]. The fake sends them as v1 does, times as UTC text to
// the millisecond and amounts as integer cents (whole counts for units
// other than cash), so a record compares with what the client reads:
//
//	seeded := srv.SeedRewards(1)[0] // seeded.Amount is 10.00
//	for r, err := range client.Rewards.List(ctx) {
//		... // r.Amount.Cmp(seeded.Amount) is 0
//	}
//
// [v1.Amount]: https://pkg.go.dev/github.com/affiliatekit/affiliatekit-go/firstpromoter/v1#Amount
// [v1.Balance]: https://pkg.go.dev/github.com/affiliatekit/affiliatekit-go/firstpromoter/v1#Balance
package v1test

import (
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// APIKey is the key the server accepts in the X-API-KEY header.
const APIKey = "fpv1_test_5b0e93c2d7a4"

// PathPrefix is the path of the API root; Server.URL ends with it.
const PathPrefix = "/api/v1"

// DefaultPerPage is the page size when a list request sends no per_page.
// The v1 documentation names neither; 20 is the v2 default.
const DefaultPerPage = 20

// Fault makes requests fail; see [Server.Inject]. It is the same type in
// the fake of every package of the module. Its fields:
//   - Status int: the status code to answer with; 0 keeps the endpoint's;
//   - RetryAfter string: sent as the Retry-After header when set;
//   - Header http.Header: extra response headers;
//   - Body string: replaces the response body (an HTML page, JSON of the
//     wrong shape, garbage);
//   - ContentType string: the Content-Type sent with Body (text/html when
//     Body starts with '<', else application/json);
//   - EmptyBody bool: answer with no body at all;
//   - Truncate bool: send the real response cut off halfway, with a
//     Content-Length promising the whole body, then close the connection;
//   - Drop bool: close the connection before any response is written;
//   - Hang bool: send the headers, then never finish the body;
//   - Applied bool: run the endpoint even under an error Status, like a
//     gateway that times out after the server acted.
type Fault = fakeserver.Fault

// RecordedRequest is a request the server received, as [Server.Requests]
// lists them. It is the same type in the fake of every package of the
// module. Its fields:
//   - Method string: the HTTP method;
//   - Path string: the decoded path;
//   - RawPath string: the path as sent, escapes kept;
//   - Query string: the raw query;
//   - Header http.Header: the request headers;
//   - Body []byte: the request body.
type RecordedRequest = fakeserver.RecordedRequest

// Server is the fake. Its URL is the API root, ready for WithBaseURL.
type Server struct {
	// URL is the API root including /api/v1.
	URL string

	fs        *fakeserver.Server
	mux       *http.ServeMux
	clock     func() time.Time
	noLinks   bool
	quota     *fakeserver.FixedWindow           // WithRateLimit
	latency   func(*http.Request) time.Duration // WithLatency
	mu        sync.Mutex
	promoters *fakeserver.Table[int64, Promoter]
	leads     *fakeserver.Table[int64, Lead]
	rewards   *fakeserver.Table[int64, Reward]
	payouts   *fakeserver.Table[int64, Payout]
	events    map[string]bool // "sale:<event_id>", "refund:<event_id>"
	seq       int64
}

// ServerOption configures a Server.
type ServerOption func(*Server)

// WithClock sets the clock of new records' timestamps and of the windows
// of [WithRateLimit] (default time.Now). Pass a [Clock]'s Now to share a
// fake clock with the client.
func WithClock(now func() time.Time) ServerOption {
	return func(s *Server) {
		if now != nil {
			s.clock = now
		}
	}
}

// WithoutLinkHeader makes lists answer without a Link header, so a client
// must page on until an empty page. The v1 documentation says only that
// paging details are held in response headers; which ones is unconfirmed.
func WithoutLinkHeader() ServerOption { return func(s *Server) { s.noLinks = true } }

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

// NewServer starts a fake server on a loopback port. Close it when done.
func NewServer(opts ...ServerOption) *Server {
	s := &Server{
		clock:     time.Now,
		promoters: fakeserver.NewTable(func(p *Promoter) int64 { return p.ID }),
		leads:     fakeserver.NewTable(func(l *Lead) int64 { return l.ID }),
		rewards:   fakeserver.NewTable(func(r *Reward) int64 { return r.ID }),
		payouts:   fakeserver.NewTable(func(p *Payout) int64 { return p.ID }),
		events:    map[string]bool{},
		seq:       1000,
	}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	s.mux = http.NewServeMux()
	s.routes()
	s.fs = fakeserver.New(http.HandlerFunc(s.serve), errorBody)
	s.fs.SetLatency(s.latency)
	s.URL = s.fs.URL() + PathPrefix
	return s
}

// Close stops the server.
func (s *Server) Close() { s.fs.Close() }

// Inject makes the next n requests fail with f. A status fault without a
// body carries the v1 error body for that status.
func (s *Server) Inject(n int, f Fault) { s.fs.Inject(n, f) }

// ClearFaults drops the injected faults that have not fired yet.
func (s *Server) ClearFaults() { s.fs.ClearFaults() }

// PendingFaults returns how many injected faults have not fired yet.
func (s *Server) PendingFaults() int { return s.fs.PendingFaults() }

// Requests returns the requests received so far.
func (s *Server) Requests() []RecordedRequest { return s.fs.Requests() }

// RequestCount returns how many requests were received.
func (s *Server) RequestCount() int { return s.fs.RequestCount() }

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() { s.fs.ResetRequests() }

// HTTPServer returns the underlying httptest server.
func (s *Server) HTTPServer() *httptest.Server { return s.fs.HTTPServer() }

// apiError is an error answer: v1 sends {"error": "..."} from most
// endpoints, {"message": "..."} from tracking and {"message", "code"}
// from reports.
type apiError struct {
	status int
	body   any
}

func errorf(status int, format string, args ...any) *apiError {
	return &apiError{status, map[string]string{"error": fmt.Sprintf(format, args...)}}
}

func messagef(status int, format string, args ...any) *apiError {
	return &apiError{status, map[string]string{"message": fmt.Sprintf(format, args...)}}
}

// unauthorized is v1's 401 body: the JSON string "Bad credentials".
var unauthorized = []byte(`"Bad credentials"`)

// errorBody renders the body of an injected status fault.
func errorBody(status int) []byte {
	if status == http.StatusUnauthorized {
		return unauthorized
	}
	b, _ := json.Marshal(map[string]string{"error": http.StatusText(status)})
	return b
}

// serve checks the key, then routes.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("X-Api-Key") != APIKey {
		fakeserver.WriteRaw(w, http.StatusUnauthorized, unauthorized)
		return
	}
	if !s.quota.Allow(s.clock()) {
		writeRateLimited(w)
		return
	}
	if _, pattern := s.mux.Handler(r); pattern == "" {
		fakeserver.WriteJSON(w, http.StatusNotFound, map[string]string{"error": "Not found"})
		return
	}
	s.mux.ServeHTTP(w, r)
}

// request is what a handler gets: the parameters and the request.
type request struct {
	r *http.Request
	p url.Values
}

func (q request) str(name string) string { return strings.TrimSpace(q.p.Get(name)) }

// int64 reads an integer parameter; absent is 0.
func (q request) int64(name string) (int64, *apiError) {
	v := q.str(name)
	if v == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, errorf(http.StatusUnprocessableEntity, "%s must be an integer", name)
	}
	return n, nil
}

func (q request) bool(name string) bool {
	v := strings.ToLower(q.str(name))
	return v == "true" || v == "1"
}

// answer is a handler's result: a status, a body (nil for none) and
// headers.
type answer struct {
	status int
	body   any
	header http.Header
}

type handlerFunc func(q request) (answer, *apiError)

// handle registers fn for "METHOD /path" below PathPrefix. Parameters are
// read from the query of a GET or DELETE, and from the query and a form
// body of a POST or PUT; a JSON body is refused, as v1 takes key-value
// pairs only.
func (s *Server) handle(pattern string, fn handlerFunc) {
	method, path, _ := strings.Cut(pattern, " ")
	s.mux.HandleFunc(method+" "+PathPrefix+path, func(w http.ResponseWriter, r *http.Request) {
		q := request{r: r, p: r.URL.Query()}
		if r.Method == http.MethodPost || r.Method == http.MethodPut {
			if ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type")); ct == "application/json" {
				fakeserver.WriteJSON(w, http.StatusUnprocessableEntity, map[string]string{"error": "parameters are key-value pairs, not JSON"})
				return
			}
			if err := r.ParseForm(); err != nil {
				fakeserver.WriteJSON(w, http.StatusBadRequest, map[string]string{"error": "malformed form body"})
				return
			}
			q.p = r.Form
		}
		s.mu.Lock()
		a, err := fn(q)
		s.mu.Unlock()
		if err != nil {
			fakeserver.WriteJSON(w, err.status, err.body)
			return
		}
		for k, vs := range a.header {
			w.Header()[k] = vs
		}
		if a.body == nil {
			w.WriteHeader(a.status)
			return
		}
		fakeserver.WriteJSON(w, a.status, a.body)
	})
}

func ok(body any) (answer, *apiError) { return answer{status: http.StatusOK, body: body}, nil }

// page answers one page of rows, with a Link header naming the next page
// (and the last) unless WithoutLinkHeader.
func page[T any](s *Server, q request, rows []T) (answer, *apiError) {
	pg, err := q.int64("page")
	if err != nil {
		return answer{}, err
	}
	per, err := q.int64("per_page")
	if err != nil {
		return answer{}, err
	}
	if pg == 0 {
		pg = 1
	}
	if per == 0 {
		per = DefaultPerPage
	}
	if pg < 1 || per < 1 || per > 100 {
		return answer{}, errorf(http.StatusUnprocessableEntity, "page and per_page must be positive, per_page at most 100")
	}
	lo, hi := fakeserver.Window(len(rows), int(pg), int(per))
	out := append([]T{}, rows[lo:hi]...)
	a := answer{status: http.StatusOK, body: out, header: http.Header{}}
	if !s.noLinks {
		last := max((len(rows)+int(per)-1)/int(per), 1)
		var links []string
		if hi < len(rows) {
			links = append(links, fmt.Sprintf(`<%s>; rel="next"`, pageURL(q.r, int(pg)+1)))
		}
		links = append(links, fmt.Sprintf(`<%s>; rel="last"`, pageURL(q.r, last)))
		a.header.Set("Link", strings.Join(links, ", "))
	}
	return a, nil
}

func pageURL(r *http.Request, n int) string {
	v := r.URL.Query()
	v.Set("page", strconv.Itoa(n))
	return (&url.URL{Scheme: "http", Host: r.Host, Path: r.URL.Path, RawQuery: v.Encode()}).String()
}

func (s *Server) nextID() int64 {
	s.seq++
	return s.seq
}
