package benchkit

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"sync"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
)

// Platform is what a package's list benchmarks supply: how its fake server
// is seeded and its pages are keyed, the hand-written loop a user would
// write, how its client is built, and which list calls are measured. C is
// the client, R the record that both the SDK and the loop decode into.
type Platform[C, R any] struct {
	// Records is how many records the fake is seeded with, and so how many
	// a full read yields; PageSize how many a one-page read yields.
	Records, PageSize int
	// Fake starts the platform's fake server with n records seeded and
	// returns its base URL and the function that closes it.
	Fake func(n int) (baseURL string, closeFake func())
	// PageKey names the page a request asks for, both when the pages are
	// recorded and when they are served back.
	PageKey func(*http.Request) string
	// ByHand is the baseline: it reads every record from baseURL through
	// hc with net/http and encoding/json, handing each to each.
	ByHand func(ctx context.Context, hc *http.Client, baseURL string, each func(R)) error
	// Valid reports whether a record was read in full; only those count.
	Valid func(R) bool
	// NewClient builds a client on baseURL.
	NewClient func(baseURL string) (C, error)
	// List is the SDK's iterator over every record, read in full per
	// operation.
	List func(ctx context.Context, c C) iter.Seq2[R, error]
	// ListPage fetches the first page through the SDK's ListPage and
	// returns how many records it holds.
	ListPage func(ctx context.Context, c C) (int, error)
}

// NewListBench returns the list benchmarks of p. The pages are recorded
// once per process, on first use, by running p.ByHand against p's fake.
func NewListBench[C, R any](p Platform[C, R]) ListBench {
	pages := sync.OnceValues(func() (map[string][]byte, error) {
		baseURL, closeFake := p.Fake(p.Records)
		defer closeFake()
		return RecordPages(baseURL, p.PageKey, p.Records, p.ByHand)
	})
	return ListBench{
		Records:  p.Records,
		PageSize: p.PageSize,
		Server: func(b *testing.B, latency time.Duration) *Server {
			b.Helper()
			recorded, err := pages()
			if err != nil {
				b.Fatal(err)
			}
			return NewServer(b, recorded, p.PageKey, latency)
		},
		SDK: func(b *testing.B, baseURL string) (func() int, func() (int, error)) {
			c := Client(b, p.NewClient, baseURL)
			ctx := context.Background()
			readAll := func() int { return Count(b, p.List(ctx, c), p.Valid) }
			readPage := func() (int, error) { return p.ListPage(ctx, c) }
			return readAll, readPage
		},
		ByHand: func(b *testing.B, hc *http.Client, baseURL string) int {
			n := 0
			err := p.ByHand(context.Background(), hc, baseURL, func(r R) {
				if p.Valid(r) {
					n++
				}
			})
			if err != nil {
				b.Fatal(err)
			}
			return n
		},
	}
}

// RecordPages runs byHand once against the server at baseURL through a
// Recorder keyed by key, and returns the pages it read. It fails unless
// byHand read want records.
func RecordPages[R any](baseURL string, key func(*http.Request) string, want int, byHand func(ctx context.Context, hc *http.Client, baseURL string, each func(R)) error) (map[string][]byte, error) {
	rec := NewRecorder(key)
	n := 0
	err := byHand(context.Background(), &http.Client{Transport: rec}, baseURL, func(R) { n++ })
	if err == nil && n != want {
		err = fmt.Errorf("recorded %d records, want %d", n, want)
	}
	return rec.Pages, err
}

// Count ranges over seq and returns how many of its records are valid. The
// first error ends the benchmark.
func Count[R any](b testing.TB, seq iter.Seq2[R, error], valid func(R) bool) int {
	n := 0
	for r, err := range seq {
		if err != nil {
			b.Fatal(err)
		}
		if valid(r) {
			n++
		}
	}
	return n
}

// Client builds a client on baseURL with newClient, and ends the benchmark
// if that fails.
func Client[C any](b testing.TB, newClient func(baseURL string) (C, error), baseURL string) C {
	b.Helper()
	c, err := newClient(baseURL)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// For returns the list benchmarks of p's list, with the records p.Bench
// describes. The pages are recorded once per process, on first use, by
// running p.Bench.ByHand against p's fake; the SDK reads them through a
// client as a user builds it (p.UserClient), with its default prefetching.
func For[S platformtest.Server, C platformtest.Client, O, R any](p platformtest.Platform[S, C, O, R]) ListBench {
	var mu sync.Mutex
	var recorded map[string][]byte
	pages := func(b *testing.B) map[string][]byte {
		b.Helper()
		mu.Lock()
		defer mu.Unlock()
		if recorded == nil {
			pages, err := Record(b, p)
			if err != nil {
				b.Fatal(err)
			}
			recorded = pages
		}
		return recorded
	}
	return ListBench{
		Records:  p.Bench.Records,
		PageSize: p.Bench.PageSize,
		Server: func(b *testing.B, latency time.Duration) *Server {
			b.Helper()
			return NewServer(b, pages(b), p.Bench.PageKey, latency)
		},
		SDK: func(b *testing.B, baseURL string) (func() int, func() (int, error)) {
			c := p.UserClient(b, baseURL)
			ctx := context.Background()
			readAll := func() int { return Count(b, p.List(ctx, c, 0), p.Bench.Valid) }
			readPage := func() (int, error) { return p.Page(ctx, c, 0) }
			return readAll, readPage
		},
		ByHand: func(b *testing.B, hc *http.Client, baseURL string) int {
			n := 0
			err := p.Bench.ByHand(context.Background(), hc, baseURL, func(r R) {
				if p.Bench.Valid(r) {
					n++
				}
			})
			if err != nil {
				b.Fatal(err)
			}
			return n
		},
	}
}

// Record starts p's fake, unthrottled and closed when tb ends, with
// p.Bench.Records records, and returns the pages p.Bench.ByHand reads from
// it, keyed by p.Bench.PageKey.
func Record[S platformtest.Server, C platformtest.Client, O, R any](tb testing.TB, p platformtest.Platform[S, C, O, R]) (map[string][]byte, error) {
	srv, _ := p.Start(tb, p.Bench.Records, platformtest.Fake{Unthrottled: true})
	return RecordPages(p.URL(srv), p.Bench.PageKey, p.Bench.Records, p.Bench.ByHand)
}
