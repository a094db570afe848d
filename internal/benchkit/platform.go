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
	return recordPages(p.URL(srv), p.Bench.PageKey, p.Bench.Records, p.Bench.ByHand)
}

// recordPages runs byHand once against the server at baseURL through a
// Recorder keyed by key, and returns the pages it read. It fails unless
// byHand read want records.
func recordPages[R any](baseURL string, key func(*http.Request) string, want int, byHand func(ctx context.Context, hc *http.Client, baseURL string, each func(R)) error) (map[string][]byte, error) {
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
