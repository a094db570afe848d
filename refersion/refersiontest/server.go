// Package refersiontest is an in-process fake of the Refersion REST API v2
// and of its GraphQL API, for tests and examples. The REST API answers
// like the real one: POST only, both key headers checked, the {"total",
// "results"} envelope of affiliate/list and affiliate/search, the
// documented validation errors in each of Refersion's three error shapes,
// and 204 No Content for an unknown field. Writes are kept in memory, so
// later reads see them; saved reports are served through signed links that
// expire after two minutes.
//
// The GraphQL endpoint (Server.GraphQLURL, token GraphQLToken in
// X-Refersion-Key) serves the documented root fields conversions,
// affiliates and offers, with their integer arguments (created_from,
// created_to, first, offset) honoured, and answers failures in GraphQL's
// {"errors": [...]} envelope.
//
// Where Refersion documents nothing, the fake makes a stated choice: a
// non-POST method gets 405, affiliate/list pages default to
// DefaultPerPage records, a search page holds SearchPerPage records,
// the conversions report (ConversionsReportID) is a CSV file of the fake's
// own design, GraphQL's created_to includes its second, a wrong GraphQL
// token is answered 200 with an UNAUTHENTICATED error, and GraphQL
// conversion rows carry the conversion id.
//
// [Server.Client] returns a client of both APIs with the fake's
// credentials:
//
//	srv := refersiontest.NewServer(refersiontest.WithDemoData())
//	defer srv.Close()
//	client, err := srv.Client() // add your own refersion.Options
//
// # Seeding
//
// [WithDemoData] loads a deterministic data set dated from the fake's
// clock: conversions up to now, reaching over this month and the last.
// The Add and Seed methods store your own records, written with the
// client's types ([refersion.AffiliateStatus], [refersion.ConversionStatus],
// [refersion.Amount], time.Time); the fake renders them in Refersion's
// wire format (unix seconds, decimal strings, formatted totals):
//
//	aff := srv.AddAffiliate(refersiontest.Affiliate{
//		FirstName: "Jane", LastName: "Doe", Email: "jane@example.com",
//		Status: refersion.AffiliatePending,
//	})
//	total, _ := refersion.ParseAmount("59.00", "USD")
//	commission, _ := refersion.ParseAmount("5.90", "USD")
//	srv.AddConversion(refersiontest.Conversion{
//		AffiliateID: aff.ID, OrderID: "#1001", Status: refersion.ConversionApproved,
//		Total: total, CommissionTotal: commission,
//		Created: time.Now().Add(-time.Hour),
//	})
//
// Read back what writes did with the snapshot methods ([Server.Affiliates],
// [Server.Conversions], ...), and make requests fail with [Server.Inject].
//
// # Fake time
//
// A [Clock] from [NewClock] serves both sides of a test: give its Now to
// the server's [WithClock] (link expiry, new conversions, the dates of
// demo and seeded conversions, the rate limit)
// and the clock itself to the client's [refersion.WithClock], so retry
// and throttle waits take no real time and both agree on the time:
//
//	clk := refersiontest.NewClock(time.Date(2025, time.March, 3, 12, 0, 0, 0, time.UTC))
//	srv := refersiontest.NewServer(refersiontest.WithClock(clk.Now))
//	client, err := srv.Client(refersion.WithClock(clk))
package refersiontest

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	"github.com/affiliatekit/affiliatekit-go/refersion"
)

// Credentials the fake accepts, and its documented limits.
const (
	// PathPrefix is the path of the REST API root; Server.URL ends with
	// it.
	PathPrefix = "/v2"
	// GraphQLPathPrefix is the path of the GraphQL endpoint;
	// Server.GraphQLURL ends with it.
	GraphQLPathPrefix = "/graphql"
	// PublicKey is the Refersion-Public-Key the fake accepts.
	PublicKey = "pub_fake0123456789abcdef"
	// SecretKey is the Refersion-Secret-Key the fake accepts.
	SecretKey = "sec_fake0123456789abcdef"
	// MaxPerPage is the largest page affiliate/list serves; larger limits
	// are capped.
	MaxPerPage = 100
	// DefaultPerPage is the page size of affiliate/list without a limit
	// (Refersion does not document it).
	DefaultPerPage = 10
	// SearchPerPage is the page size of affiliate/search (Refersion does
	// not document it).
	SearchPerPage = 10
	// MaxBatch is the most ids, triggers or SKUs one call accepts.
	MaxBatch = 50
	// LinkLifetime is how long a reporting/link download link works.
	LinkLifetime = 2 * time.Minute
	// ConversionsReportID is the saved report that every fake has: a CSV
	// file of all conversions.
	ConversionsReportID = 1001
)

// Fault describes how the next request(s) fail; see [Server.Inject]. Its
// fields:
//   - Status int: the status to answer with; 0 keeps the endpoint's.
//   - RetryAfter string: sent as the Retry-After header when set.
//   - Header http.Header: extra response headers.
//   - Body string: replaces the response body (an HTML page, JSON of the
//     wrong shape, garbage).
//   - ContentType string: the Content-Type sent with Body (text/html when
//     Body starts with '<', else application/json).
//   - EmptyBody bool: answer with no body at all.
//   - Truncate bool: send the real response cut off halfway, with a
//     Content-Length promising the whole body, then close the connection.
//   - Drop bool: close the connection before any response is written.
//   - Hang bool: send the headers and never finish the body, until the
//     client gives up or the server closes.
//   - Applied bool: run the endpoint even under an error Status, like a
//     gateway that times out after the server acted: a write takes effect
//     but the client sees the error.
type Fault = fakeserver.Fault

// RecordedRequest is a request the server received, as [Server.Requests]
// returns it. Its fields:
//   - Method string: the HTTP method (always POST for Refersion's calls).
//   - Path string: the decoded path ("/v2/affiliate/list").
//   - RawPath string: the path as sent, escapes kept.
//   - Query string: the raw query, without '?'.
//   - Header http.Header: the request headers, the key pair included.
//   - Body []byte: the request body, Refersion's JSON.
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

// WithDemoData seeds a deterministic demo data set: three offers, 36
// affiliates, 90 conversions, a few coupon triggers and the conversions
// report. The conversions are dated from the fake's clock, one every 17
// hours up to now (see [Server.SeedConversions]): today, yesterday, this
// month and last month all hold some. The data is seeded after every
// option has run, so [WithClock] applies whatever the order of the
// options.
func WithDemoData() ServerOption {
	return func(s *Server) { s.demo = true }
}

// WithClock sets the fake's clock, used for report link expiry, the
// creation time of new conversions, the dates of demo and seeded
// conversions and the rate limit: pass a [Clock]'s Now to share the time
// with a client built with [refersion.WithClock].
func WithClock(now func() time.Time) ServerOption {
	return func(s *Server) { s.now = now }
}

// Clock is a fake clock for tests, from [NewClock]: give it to the client
// with [refersion.WithClock] and its Now to the server with [WithClock].
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

// Server is the fake Refersion API.
type Server struct {
	// URL is the API base URL including the /v2 prefix, ready for
	// refersion.WithBaseURL.
	URL string
	// GraphQLURL is the GraphQL endpoint, ready for
	// refersion.WithGraphQLURL; it takes the X-Refersion-Key GraphQLToken.
	GraphQLURL string

	fs *fakeserver.Server
	// latency is the wait before every answer (WithLatency).
	latency func(*http.Request) time.Duration
	root    string
	now     func() time.Time
	demo    bool
	// restBucket and gqlBucket meter the two APIs (WithRateLimit); nil
	// means no limit.
	restBucket, gqlBucket *bucket

	mu          sync.Mutex
	affiliates  *fakeserver.Table[int64, Affiliate] // in id order
	byCode      map[string]*Affiliate
	conversions []*Conversion
	triggers    []*Trigger
	offers      *fakeserver.Table[string, Offer]
	reports     map[int64]*Report
	links       map[string]link
	affSeq      fakeserver.Seq
	convSeq     fakeserver.Seq
	triggerSeq  fakeserver.Seq
	linkSeq     int
}

// link is an issued report download link.
type link struct {
	reportID int64
	expires  time.Time
}

// NewServer starts a fake on a loopback port. Close it when done.
func NewServer(opts ...ServerOption) *Server {
	s := &Server{
		now:        time.Now,
		affiliates: fakeserver.NewSortedTable(func(a *Affiliate) int64 { return a.ID }),
		byCode:     map[string]*Affiliate{},
		offers:     fakeserver.NewTable(func(o *Offer) string { return o.OfferID }),
		reports:    map[int64]*Report{},
		links:      map[string]link{},
		affSeq:     fakeserver.NewSeq(37567401),
		convSeq:    fakeserver.NewSeq(11900001),
		triggerSeq: fakeserver.NewSeq(1001),
	}
	for _, o := range opts {
		o(s)
	}
	s.reports[ConversionsReportID] = &Report{ID: ConversionsReportID, Name: "All conversions"}
	s.offers.Put(&Offer{OfferID: defaultOfferID, Name: "Default offer"})
	if s.demo {
		s.seedDemo()
	}
	s.fs = fakeserver.New(http.HandlerFunc(s.serve), errorBody)
	s.fs.SetLatency(s.latency)
	s.root = s.fs.URL()
	s.URL = s.root + PathPrefix
	s.GraphQLURL = s.root + GraphQLPathPrefix
	return s
}

// Client returns a client of the fake's REST and GraphQL APIs: its URL
// and GraphQLURL with the PublicKey and SecretKey pair and the
// GraphQLToken, then opts, which may override any of them. The client
// keeps the package's default throttle: pass [refersion.WithRateLimit](0,
// 0) to turn it off, or [refersion.WithClock] with a [Clock] to make its
// waits free.
func (s *Server) Client(opts ...refersion.Option) (*refersion.Client, error) {
	all := append([]refersion.Option{
		refersion.WithKeys(PublicKey, SecretKey),
		refersion.WithBaseURL(s.URL),
		refersion.WithGraphQLKey(GraphQLToken),
		refersion.WithGraphQLURL(s.GraphQLURL),
	}, opts...)
	return refersion.NewClient(all...)
}

// Inject makes the next n requests fail with f. A fault with a status and
// no body answers Refersion's error body for that status.
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

// errorBody renders Refersion's error body for a status injected without a
// body.
func errorBody(status int) []byte {
	var v any
	switch status {
	case http.StatusUnauthorized:
		v = map[string]string{"error": msgBadCredentials}
	case http.StatusNotFound:
		v = map[string]string{"error": msgNoBody}
	case http.StatusBadRequest:
		v = map[string]string{"error": "Missing required field"}
	case http.StatusUnprocessableEntity:
		v = map[string][]string{"errors": {"Value exceed the char limit"}}
	default:
		v = map[string]string{"error": http.StatusText(status)}
	}
	b, _ := json.Marshal(v)
	return b
}

// Messages of the real API.
const (
	msgBadCredentials = "Invalid API credentials (error 2)."
	msgNoBody         = "Bad request, no body"
	msgTooMany        = "Max number of elements on attribute (50) reached."
	msgCharLimit      = "Value exceed the char limit"
	msgAffNotFound    = "Affiliate not found."
	msgInvalidAffID   = "Invalid affiliate ID (error 2)."
	msgInvalidOrderID = "Invalid order ID (error 5)"
	msgOfferMissing   = "Offer does not exists on the database."
	msgTriggerExists  = "Conversion trigger already exists for same or another affiliate."
	msgEmailTaken     = "The email you have entered is taken by another Affiliate."
	maxStringLength   = 255
)

// apiError is an error answer of an endpoint.
type apiError struct {
	status int
	body   any
}

func missing(field string) *apiError {
	return &apiError{http.StatusBadRequest, map[string]string{"error": "Missing required field " + field}}
}

func unprocessable(msgs ...string) *apiError {
	return &apiError{http.StatusUnprocessableEntity, map[string][]string{"errors": msgs}}
}

func notAllowed(value any, field string) *apiError {
	return unprocessable(fmt.Sprintf("%v is not a allowed value for field %s", value, field))
}

// invalidField is the 204 No Content (with a body) that Refersion answers
// for a field it does not know.
func invalidField(field string) *apiError {
	return &apiError{http.StatusNoContent, map[string]string{"error": "Invalid field " + field}}
}

// endpoint is one API operation: the top-level fields it accepts and its
// handler, run under the server lock.
type endpoint struct {
	fields []string
	handle func(s *Server, f fields) (any, *apiError)
}

var endpoints = map[string]endpoint{
	"affiliate/new": {[]string{"first_name", "last_name", "email", "password", "status", "offer", "company",
		"paypal_email", "address1", "address2", "city", "state", "zip", "country", "phone", "send_welcome",
		"conversion_trigger_coupon", "unique_merchant_id"}, (*Server).affiliateNew},
	"affiliate/get":                     {[]string{"id", "affiliate_code"}, (*Server).affiliateGet},
	"affiliate/list":                    {[]string{"limit", "page"}, (*Server).affiliateList},
	"affiliate/search":                  {[]string{"keyword", "first_name", "last_name", "page"}, (*Server).affiliateSearch},
	"affiliate/edit":                    {[]string{"affiliates"}, (*Server).affiliateEdit},
	"affiliate/status_change":           {[]string{"ids", "status"}, (*Server).affiliateStatusChange},
	"affiliate/trigger":                 {[]string{"affiliate_code", "type", "trigger"}, (*Server).affiliateTrigger},
	"trigger/delete":                    {[]string{"affiliates"}, (*Server).triggerDelete},
	"conversion/manual_credit":          {[]string{"id", "commission", "status", "currency", "notes"}, (*Server).manualCredit},
	"conversion/manual_credit_order_id": {[]string{"id", "order_id", "status", "notes"}, (*Server).creditOrder},
	"conversion/status_change":          {[]string{"ids", "status"}, (*Server).conversionStatusChange},
	"conversion/cancel":                 {[]string{"order_id", "items"}, (*Server).conversionCancel},
	"conversion/totals": {[]string{"status", "created_from", "created_to", "offer_id", "affiliate_id",
		"payment_status", "type", "is_test_conversion"}, (*Server).conversionTotals},
	"offer/new_sku_commission": {[]string{"offer_id", "skus"}, (*Server).newSKUCommission},
	"reporting/link":           {[]string{"report_id"}, (*Server).reportingLink},
}

const downloadPrefix = "/api/reporting/download/"

// serve routes a request like the real API.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if strings.TrimSuffix(r.URL.Path, "/") == GraphQLPathPrefix {
		if s.admit(w, s.gqlBucket, writeGQLRateLimited) {
			s.graphql(w, r)
		}
		return
	}
	if strings.HasPrefix(r.URL.Path, downloadPrefix) {
		s.download(w, r)
		return
	}
	if !s.admit(w, s.restBucket, writeRESTRateLimited) {
		return
	}
	name, ok := strings.CutPrefix(r.URL.Path, PathPrefix+"/")
	ep, known := endpoints[strings.Trim(name, "/")] // a trailing slash is accepted
	if !ok || !known {
		fakeserver.WriteJSON(w, http.StatusNotFound, map[string]string{"error": "Unknown endpoint " + r.URL.Path})
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		fakeserver.WriteJSON(w, http.StatusMethodNotAllowed, map[string]string{"error": "Method not allowed"})
		return
	}
	if r.Header.Get("Refersion-Public-Key") != PublicKey || r.Header.Get("Refersion-Secret-Key") != SecretKey {
		fakeserver.WriteJSON(w, http.StatusUnauthorized, map[string]string{"error": msgBadCredentials})
		return
	}
	raw, _ := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	if len(bytes.TrimSpace(raw)) == 0 {
		fakeserver.WriteJSON(w, http.StatusNotFound, map[string]string{"error": msgNoBody})
		return
	}
	var f fields
	if err := json.Unmarshal(raw, &f); err != nil || f == nil {
		fakeserver.WriteJSON(w, http.StatusBadRequest, map[string]string{"error": "Bad request, the body is not a JSON object"})
		return
	}
	if e := checkFields(f, ep.fields); e != nil {
		writeError(w, e)
		return
	}
	s.mu.Lock()
	out, e := ep.handle(s, f)
	s.mu.Unlock()
	if e != nil {
		writeError(w, e)
		return
	}
	fakeserver.WriteJSON(w, http.StatusOK, out)
}

// checkFields answers 204 for an unknown field and 422 for an overlong
// string.
func checkFields(f fields, allowed []string) *apiError {
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		found := false
		for _, a := range allowed {
			found = found || a == k
		}
		if !found {
			return invalidField(k)
		}
		if v, ok := f.str(k); ok && len(v) > maxStringLength {
			return unprocessable(msgCharLimit)
		}
	}
	return nil
}

func writeError(w http.ResponseWriter, e *apiError) {
	if e.status == http.StatusNoContent {
		b, _ := json.Marshal(e.body)
		writeNoContent(w, b)
		return
	}
	fakeserver.WriteJSON(w, e.status, e.body)
}

// writeNoContent sends 204 No Content with a body, as Refersion does for an
// invalid field. net/http refuses a body on a 204, so the response is
// written on the raw connection, which is then closed.
func writeNoContent(w http.ResponseWriter, body []byte) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(http.StatusNoContent)
		return
	}
	conn, buf, err := hj.Hijack()
	if err != nil {
		return
	}
	defer conn.Close()
	writeRaw204(buf, body)
}

func writeRaw204(buf *bufio.ReadWriter, body []byte) {
	fmt.Fprintf(buf, "HTTP/1.1 204 No Content\r\nContent-Type: application/json; charset=utf-8\r\n"+
		"Content-Length: %d\r\nConnection: close\r\n\r\n", len(body))
	_, _ = buf.Write(body)
	_ = buf.Flush()
}
