package firstpromoter_test

// Benchmarks of the list path. A local server answers with pre-rendered
// pages (recorded once from the fake, so they are the real wire format),
// and the same 10,000 referrals are read once through the SDK's iterator
// and once through the loop a user would write with net/http and
// encoding/json. The README's "Performance" section has the commands and
// the measured numbers.

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

// benchRecords is how many referrals one benchmark operation reads.
const benchRecords = 10_000

// benchPageKey names the page a request asks for.
func benchPageKey(r *http.Request) string { return r.URL.Query().Get("page") }

// benchPages renders every page of benchRecords referrals once per process,
// by running the hand-written loop against the fake and keeping each body.
var benchPages = sync.OnceValues(func() (map[string][]byte, error) {
	fake := firstpromotertest.NewServer()
	defer fake.Close()
	fake.SeedReferrals(benchRecords)
	rec := &benchRecorder{next: http.DefaultTransport, pages: map[string][]byte{}}
	n := 0
	err := listReferralsByHand(context.Background(), &http.Client{Transport: rec}, fake.URL, func(*firstpromoter.Referral) { n++ })
	if err == nil && n != benchRecords {
		err = fmt.Errorf("recorded %d referrals, want %d", n, benchRecords)
	}
	return rec.pages, err
})

// benchRecorder keeps the body of every successful response by page.
type benchRecorder struct {
	next  http.RoundTripper
	pages map[string][]byte
}

func (r *benchRecorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusOK {
		r.pages[benchPageKey(req)] = body
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// benchServer serves the recorded pages, after latency when it is set (a
// stand-in for the network's round trip). conns counts TCP connections.
type benchServer struct {
	*httptest.Server
	conns atomic.Int64
}

func newBenchServer(b *testing.B, latency time.Duration) *benchServer {
	b.Helper()
	pages, err := benchPages()
	if err != nil {
		b.Fatal(err)
	}
	type page struct {
		body   []byte
		length []string
	}
	rendered := make(map[string]page, len(pages))
	for k, body := range pages {
		rendered[k] = page{body, []string{strconv.Itoa(len(body))}}
	}
	contentType := []string{"application/json; charset=utf-8"}
	s := &benchServer{}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := rendered[benchPageKey(r)]
		if !ok {
			http.Error(w, "no such page", http.StatusNotFound)
			return
		}
		if latency > 0 {
			time.Sleep(latency)
		}
		h := w.Header()
		h["Content-Type"] = contentType
		h["Content-Length"] = p.length
		_, _ = w.Write(p.body)
	}))
	s.Config.ConnState = func(_ net.Conn, st http.ConnState) {
		if st == http.StateNew {
			s.conns.Add(1)
		}
	}
	s.Start()
	b.Cleanup(s.Close)
	return s
}

// listReferralsByHand is the baseline: what a user writes without the SDK.
// It sends the requests the SDK sends (same path, query and headers) and
// decodes each page into the SDK's own Referral struct, stopping at the
// first short page.
func listReferralsByHand(ctx context.Context, hc *http.Client, baseURL string, each func(*firstpromoter.Referral)) error {
	for page := 1; ; page++ {
		u := baseURL + "/company/referrals?page=" + strconv.Itoa(page) + "&per_page=" + strconv.Itoa(firstpromoter.MaxPerPage)
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Authorization", "Bearer "+firstpromotertest.APIKey)
		req.Header.Set("ACCOUNT-ID", firstpromotertest.AccountID)
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		var items []*firstpromoter.Referral
		err = json.NewDecoder(resp.Body).Decode(&items)
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %s", u, resp.Status)
		}
		if err != nil {
			return err
		}
		for _, it := range items {
			each(it)
		}
		if len(items) < firstpromoter.MaxPerPage {
			return nil
		}
	}
}

func newBenchClient(b *testing.B, baseURL string) *firstpromoter.Client {
	b.Helper()
	c, err := firstpromoter.NewClient(
		firstpromoter.WithAPIKey(firstpromotertest.APIKey),
		firstpromoter.WithAccountID(firstpromotertest.AccountID),
		firstpromoter.WithBaseURL(baseURL),
	)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// readSDK reads every referral through the SDK's iterator and counts them.
func readSDK(b *testing.B, c *firstpromoter.Client) int {
	n := 0
	for r, err := range c.Referrals.List(context.Background()) {
		if err != nil {
			b.Fatal(err)
		}
		if r.ID != 0 {
			n++
		}
	}
	return n
}

// readByHand reads every referral through the hand-written loop and counts
// them.
func readByHand(b *testing.B, hc *http.Client, baseURL string) int {
	n := 0
	err := listReferralsByHand(context.Background(), hc, baseURL, func(r *firstpromoter.Referral) {
		if r.ID != 0 {
			n++
		}
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// newBaselineClient is the HTTP client of the hand-written loop: its own
// pool of keep-alive connections, like the SDK's default.
func newBaselineClient() *http.Client {
	return &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
}

// BenchmarkListOverhead reads benchRecords referrals per operation through
// the hand-written loop (impl=nethttp) and through the SDK's iterator
// (impl=sdk). "benchstat -col /impl" puts the two side by side.
func BenchmarkListOverhead(b *testing.B) {
	b.Run("impl=nethttp", func(b *testing.B) {
		srv := newBenchServer(b, 0)
		hc := newBaselineClient()
		measurePerRecord(b, srv, func() int { return readByHand(b, hc, srv.URL) })
	})
	b.Run("impl=sdk", func(b *testing.B) {
		srv := newBenchServer(b, 0)
		c := newBenchClient(b, srv.URL)
		measurePerRecord(b, srv, func() int { return readSDK(b, c) })
	})
}

// BenchmarkListOverheadRatio runs the SDK and the hand-written loop in
// every operation, alternately, so that load from other processes on a
// shared machine falls on both alike, and reports the SDK's time and
// allocations as ratios of the loop's.
func BenchmarkListOverheadRatio(b *testing.B) {
	srv := newBenchServer(b, 0)
	c := newBenchClient(b, srv.URL)
	hc := newBaselineClient()
	measureRatio(b, func() int { return readSDK(b, c) }, func() int { return readByHand(b, hc, srv.URL) })
}

// measurePerRecord runs op b.N times and reports time, bytes and
// allocations per record (the in-process server's share included, which
// is the same for both variants) and the TCP connections opened.
func measurePerRecord(b *testing.B, srv *benchServer, op func() int) {
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	records := 0
	for range b.N {
		n := op()
		if n != benchRecords {
			b.Fatalf("read %d records, want %d", n, benchRecords)
		}
		records += n
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(records), "ns/record")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(records), "B/record")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(records), "allocs/record")
	b.ReportMetric(float64(srv.conns.Load()), "conns")
}

// measureRatio runs sdk and byHand once each per operation, taking turns
// at going first, and reports the time per record of each and the SDK's
// time, bytes and allocations as ratios of the hand-written loop's.
func measureRatio(b *testing.B, sdk, byHand func() int) {
	ops := [2]func() int{sdk, byHand}
	var took [2]time.Duration
	var bytes, allocs [2]uint64
	var before, after runtime.MemStats
	b.ResetTimer()
	for i := range b.N {
		for j := range 2 {
			k := (i + j) % 2
			runtime.ReadMemStats(&before)
			start := time.Now()
			n := ops[k]()
			took[k] += time.Since(start)
			runtime.ReadMemStats(&after)
			if n != benchRecords {
				b.Fatalf("read %d records, want %d", n, benchRecords)
			}
			bytes[k] += after.TotalAlloc - before.TotalAlloc
			allocs[k] += after.Mallocs - before.Mallocs
		}
	}
	b.StopTimer()
	records := float64(b.N * benchRecords)
	b.ReportMetric(float64(took[0].Nanoseconds())/records, "sdk-ns/record")
	b.ReportMetric(float64(took[1].Nanoseconds())/records, "nethttp-ns/record")
	b.ReportMetric(float64(took[0])/float64(took[1]), "time-ratio")
	b.ReportMetric(float64(bytes[0])/float64(bytes[1]), "bytes-ratio")
	b.ReportMetric(float64(allocs[0])/float64(allocs[1]), "allocs-ratio")
}

// BenchmarkListParallel fetches one page per operation through a single
// shared client from 1 to 8 goroutines, with no latency (bound by the CPU)
// and with 1ms of simulated network latency per request (bound by waiting,
// where a lock held across the network would flatten the curve).
func BenchmarkListParallel(b *testing.B) {
	for _, latency := range []time.Duration{0, time.Millisecond} {
		for _, g := range []int{1, 2, 4, 8} {
			b.Run(fmt.Sprintf("latency=%s/goroutines=%d", latency, g), func(b *testing.B) {
				srv := newBenchServer(b, latency)
				c := newBenchClient(b, srv.URL)
				ctx := context.Background()
				runParallel(b, g, func() error {
					items, _, err := c.Referrals.ListPage(ctx, &firstpromoter.ReferralListOptions{ListParams: firstpromoter.ListParams{Page: 1}})
					if err == nil && len(items) != firstpromoter.MaxPerPage {
						err = fmt.Errorf("got %d referrals", len(items))
					}
					return err
				})
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
				b.ReportMetric(float64(b.N*firstpromoter.MaxPerPage)/b.Elapsed().Seconds(), "records/s")
			})
		}
	}
}

// runParallel runs op b.N times spread over exactly goroutines goroutines
// with b.RunParallel: it starts at least that many, and the extra ones
// return at once, leaving the iterations to the others.
func runParallel(b *testing.B, goroutines int, op func() error) {
	procs := runtime.GOMAXPROCS(0)
	b.SetParallelism((goroutines + procs - 1) / procs)
	var started atomic.Int64
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		if started.Add(1) > int64(goroutines) {
			return
		}
		for pb.Next() {
			if err := op(); err != nil {
				b.Error(err)
				return
			}
		}
	})
}
