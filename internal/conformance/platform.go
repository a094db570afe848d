// Package conformance holds the checks every platform client must pass,
// driven by a small per-platform adapter: paging on one keep-alive
// connection, no goroutine or connection left after a list is broken off,
// cancelled or failed, every body drained so one connection carries
// successes, retries and errors alike, one client shared by many
// goroutines, and a response body over the size cap refused.
//
// A platform package describes its client and fake server once as a
// Platform, for one list endpoint, and each of its tests calls one check.
package conformance

import (
	"context"
	"iter"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
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
}

// Client is what the checks need of a platform's client itself: the
// rate-limit snapshot, read while other calls are in flight.
type Client interface {
	// RateLimit returns the quota announced by the last response.
	RateLimit() transport.RateLimit
}

// Platform is what a package's tests supply: how to start its fake server
// and build clients of it (S is the fake server, C the client, O the
// client's option type), and the calls of one list endpoint and of a write
// the checks make through a client.
type Platform[S Server, C Client, O any] struct {
	// Start starts a fake server, closed when t ends, with n records seeded
	// on the listed endpoint, and returns it with the records' keys in the
	// order the fake holds them. A check passes unthrottled when its
	// requests could run into a request quota of the fake's own (too many
	// of them, or a client clock that never refills it): a fake whose
	// quota they could reach turns it off, and any other ignores it.
	Start func(t *testing.T, n int, unthrottled bool) (srv S, keys []string)
	// URL returns the fake server's API root, the base URL of its clients.
	URL func(srv S) string
	// NewClient returns a client of srv that sends through hc, on a fake
	// clock so retry waits take no time, configured with opts.
	NewClient func(t *testing.T, srv S, hc *http.Client, opts ...O) C
	// UserClient returns a client as a user testing against a local fake
	// builds it: credentials and baseURL, the default HTTP client and the
	// real clock, the throttle off (WithRateLimit(0, 0)) and prefetching
	// off (WithPrefetch(0)), so pages go one after another on one
	// connection.
	UserClient func(t *testing.T, baseURL string) C
	// MaxRetries, Prefetch and MaxResponseBytes are the platform's
	// WithMaxRetries, WithPrefetch and WithMaxResponseBytes options.
	MaxRetries       func(n int) O
	Prefetch         func(pages int) O
	MaxResponseBytes func(n int64) O

	// List ranges over the listed endpoint, pageSize records to a page, and
	// yields each record's key.
	List func(ctx context.Context, c C, pageSize int) iter.Seq2[string, error]
	// Page fetches one page of pageSize records through ListPage; 0 passes
	// no list options, for the endpoint's default page.
	Page func(ctx context.Context, c C, pageSize int) error
	// Get reads one listed record by its key.
	Get func(ctx context.Context, c C, key string) error
	// GetMissing reads a record that does not exist.
	GetMissing func(ctx context.Context, c C) error
	// Create sends a write that srv accepts, so only an injected fault
	// makes it fail.
	Create func(ctx context.Context, c C, srv S) error
	// Unordered says that List may yield the records in another order than
	// the keys Start returned.
	Unordered bool
}

// Keys yields the key of every record seq yields, and its errors as they
// are.
func Keys[R any](seq iter.Seq2[R, error], key func(R) string) iter.Seq2[string, error] {
	return func(yield func(string, error) bool) {
		for r, err := range seq {
			k := ""
			if err == nil {
				k = key(r)
			}
			if !yield(k, err) {
				return
			}
		}
	}
}
