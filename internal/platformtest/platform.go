// Package platformtest holds the one description a client package's tests
// give of their platform: how to start its fake server with records on one
// list endpoint, how to build its clients (through its own option
// constructors), and the list, page, read and write calls of that
// endpoint, with what the fault matrix, the benchmarks and the secret
// hygiene check need beyond them.
//
// The shared checks take a Platform: internal/conformance (the conformance,
// hygiene, input and fuzz checks), internal/faultmatrix (the fault matrix's
// rows) and internal/benchkit (the list benchmarks). A package writes its
// Platform once, in platform_test.go, and each of its test files calls
// them.
package platformtest

import (
	"context"
	"iter"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
	"github.com/affiliatekit/affiliatekit-go/internal/secretcheck"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// Server is what the checks need of a platform's fake server.
type Server interface {
	// Inject makes the next n requests meet f.
	Inject(n int, f fakeserver.Fault)
	// RequestCount returns how many requests arrived since the last reset.
	RequestCount() int
	// ResetRequests sets the request count back to zero.
	ResetRequests()
	// HTTPServer returns the running httptest server, for its handler.
	HTTPServer() *httptest.Server
	// Requests returns the requests that arrived since the last reset.
	Requests() []fakeserver.RecordedRequest
}

// Client is what the checks need of a platform's client itself: the
// rate-limit snapshot, read while other calls are in flight.
type Client interface {
	// RateLimit returns the quota announced by the last response.
	RateLimit() transport.RateLimit
}

// Fake is how a check wants the fake server started.
type Fake struct {
	// Unthrottled is set when the check's requests could run into a
	// request quota of the fake's own (too many of them, or a client clock
	// that never refills it): a fake whose quota they could reach turns it
	// off, and any other ignores it.
	Unthrottled bool
	// Clock, when set, is the clients' fake clock, for a fake that keeps
	// time of its own to keep the same.
	Clock *testclock.Clock
}

// Platform describes a client package for the shared checks: S is its fake
// server, C its client, O its option type and R the record of the listed
// endpoint.
type Platform[S Server, C Client, O any, R any] struct {
	// Start starts a fake server, closed when t ends, with n records seeded
	// on the listed endpoint, and returns it with the records' keys in the
	// order the fake holds them.
	Start func(t testing.TB, n int, f Fake) (srv S, keys []string)
	// URL returns the fake server's API root, the base URL of its clients.
	URL func(srv S) string

	// New is the package's NewClient.
	New func(opts ...O) (C, error)
	// Credentials returns the options that give a client the fake's
	// credentials, in a new slice each call, which the caller appends the
	// client's other options to.
	Credentials func() []O
	// ClockStart is when the fake clock of the test clients starts.
	ClockStart time.Time
	// The package's option constructors, by the name of its With option.
	BaseURL          func(url string) O
	HTTPClient       func(hc *http.Client) O
	Clock            func(c transport.Clock) O
	Logger           func(l *slog.Logger) O
	RateLimit        func(requests int, per time.Duration) O
	MaxRetries       func(n int) O
	Prefetch         func(pages int) O
	MaxResponseBytes func(n int64) O

	// List ranges over the listed endpoint, pageSize records to a page; 0
	// passes no list options, for the endpoint's default page.
	List func(ctx context.Context, c C, pageSize int) iter.Seq2[R, error]
	// Key returns the key of a listed record, as Start returns them.
	Key func(r R) string
	// Page fetches one page of pageSize records through ListPage, 0 as for
	// List, and returns how many records it holds.
	Page func(ctx context.Context, c C, pageSize int) (int, error)
	// Get reads one listed record by its key.
	Get func(ctx context.Context, c C, key string) error
	// GetMissing reads a record that does not exist.
	GetMissing func(ctx context.Context, c C) error
	// Create sends a write that srv (started with at least one record)
	// accepts, so only an injected fault makes it fail, and returns the key
	// of what it created.
	Create func(ctx context.Context, c C, srv S) (string, error)
	// Created counts the records of the kind Create creates on srv.
	Created func(srv S) int
	// Unordered says that List may yield the records in another order than
	// the keys Start returned.
	Unordered bool

	// Matrix names the fault matrix's rows of the listed endpoint and the
	// write.
	Matrix Matrix[S, O]
	// Bench is what the list benchmarks need beyond the list.
	Bench Bench[R]
	// Hygiene is what the secret hygiene check needs beyond the clients.
	Hygiene Hygiene[S, C, O]
	// Input is what the input checks need beyond the clients.
	Input Input[C, O]
}

// Matrix is what the fault matrix needs to make rows of a Platform's list
// and write.
type Matrix[S Server, O any] struct {
	// ListName and CreateName are the rows' subtest names.
	ListName, CreateName string
	// ListPath and CreatePath are parts of the endpoints' paths every API
	// error must name.
	ListPath, CreatePath string
	// WrongShape is a JSON body of the wrong shape for the list; the
	// default is an object.
	WrongShape string
	// Options, when set, returns further options of every matrix client
	// of srv.
	Options func(srv S) []O
}

// Bench is what the list benchmarks need of a Platform beyond its list:
// how pages are keyed when they are recorded and served back, and the
// hand-written loop the SDK is measured against.
type Bench[R any] struct {
	// Records is how many records the fake is seeded with, and so how many
	// a full read yields; PageSize how many a one-page read (Page with 0)
	// yields.
	Records, PageSize int
	// PageKey names the page a request asks for.
	PageKey func(r *http.Request) string
	// ByHand is the baseline: it reads every record from baseURL through
	// hc with net/http and encoding/json, handing each to each.
	ByHand func(ctx context.Context, hc *http.Client, baseURL string, each func(R)) error
	// Valid reports whether a record was read in full; only those count.
	Valid func(r R) bool
}

// Hygiene is what the secret hygiene check needs of a Platform beyond its
// clients.
type Hygiene[S Server, C Client, O any] struct {
	// Options, when set, are further options of the checked client on
	// srv.
	Options func(srv S) []O
	// WrongCredentials returns options that replace Credentials with ones
	// the fake refuses.
	WrongCredentials func() []O
	// Secrets returns every credential that must appear nowhere: the
	// fake's, the wrong ones and any srv handed out.
	Secrets func(srv S) []string
	// Setup prepares srv for the calls and returns what else holds a
	// credential, to be printed (settings, transports, services, further
	// clients built on common: base URL, logger, retries and clock), and
	// further calls that meet every fault.
	Setup func(t *testing.T, srv S, c C, opts, common []O) (print []any, calls []func(ctx context.Context) error)
	// Read is a successful read whose results are printed.
	Read func(ctx context.Context, c C, srv S) ([]any, error)
	// Calls meet every fault; the first, a read, also meets a response
	// that never finishes and the wrong credentials.
	Calls []func(ctx context.Context, c C, srv S) error
	// Faults are injected after the common ones.
	Faults []fakeserver.Fault
	// More, when set, runs the platform's own steps last.
	More func(t *testing.T, srv S, c C, common []O, sink *secretcheck.Sink)
}

// Input is what the input checks need of a Platform: the caller input its
// client refuses before sending anything, and the reads by keys that could
// change a request's path.
type Input[C, O any] struct {
	// APIRoot is the platform's documented base URL, with its path.
	APIRoot string
	// Options are the platform's own rows of options NewClient refuses,
	// beside the base URLs every client refuses.
	Options []Refused[[]O]
	// Calls are rows of calls that fail before any request.
	Calls []Refused[[]func(ctx context.Context, c C) error]
	// Lookups read records by keys that hold path characters; the fake
	// holds none of them.
	Lookups []Lookup[C]
	// Route and Query are a route of the API and a query parameter, for the
	// keys that try to reach the one or add the other.
	Route, Query string
}

// Refused is one row of input refused with an error that holds Want.
type Refused[T any] struct {
	Name string
	// Input is the options, or calls, of the row.
	Input T
	Want  string
}

// Lookup is a read by a key that must stay one escaped path segment.
type Lookup[C any] struct {
	// Get reads the record keyed key.
	Get func(ctx context.Context, c C, key string) error
	// Path is the request path of key's read, up to the key.
	Path string
	// Query is the read's query ("" for none).
	Query string
}

// NewClient returns a client of srv that sends through hc, on a fake clock
// from ClockStart so retry waits take no time, configured with opts after
// the credentials.
func (p Platform[S, C, O, R]) NewClient(t testing.TB, srv S, hc *http.Client, opts ...O) C {
	t.Helper()
	all := append([]O{p.BaseURL(p.URL(srv))}, p.Credentials()...)
	all = append(all, p.HTTPClient(hc), p.Clock(testclock.New(p.ClockStart)))
	return p.must(t, append(all, opts...))
}

// UserClient returns a client as a user testing against a local fake
// builds it: credentials and baseURL, the default HTTP client and the real
// clock, the throttle off (WithRateLimit(0, 0)), then opts.
func (p Platform[S, C, O, R]) UserClient(t testing.TB, baseURL string, opts ...O) C {
	t.Helper()
	all := append(p.Credentials(), p.BaseURL(baseURL), p.RateLimit(0, 0))
	return p.must(t, append(all, opts...))
}

// must builds a client with opts and ends t if that fails.
func (p Platform[S, C, O, R]) must(t testing.TB, opts []O) C {
	t.Helper()
	c, err := p.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// Keys yields the key of every record seq yields, and its errors as they
// are.
func (p Platform[S, C, O, R]) Keys(seq iter.Seq2[R, error]) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for r, err := range seq {
			k := ""
			if err == nil {
				k = p.Key(r)
			}
			if !yield(k, err) {
				return
			}
		}
	}
}

// Keyed returns the key of each of records as key gives it.
func Keyed[T any](records []T, key func(T) string) []string {
	out := make([]string, len(records))
	for i, r := range records {
		out[i] = key(r)
	}
	return out
}
