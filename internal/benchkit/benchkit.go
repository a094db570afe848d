// Package benchkit holds the benchmark machinery the platform packages
// share: recording real pages from a fake server once, serving them back as
// pre-rendered bytes with a TCP connection count, and measuring the SDK
// against a hand-written net/http loop per record, as paired ratios and
// across goroutines.
//
// A platform package gets its list benchmarks from For, with the
// description it gives of itself (platformtest.Platform): its fake, list,
// client, page key and hand-written loop.
package benchkit

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// Recorder is an http.RoundTripper that keeps the body of every 200
// response, keyed by Key of its request.
type Recorder struct {
	Next  http.RoundTripper
	Key   func(*http.Request) string
	Pages map[string][]byte
}

// NewRecorder records through http.DefaultTransport.
func NewRecorder(key func(*http.Request) string) *Recorder {
	return &Recorder{Next: http.DefaultTransport, Key: key, Pages: map[string][]byte{}}
}

// RoundTrip implements http.RoundTripper.
func (r *Recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.Next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusOK {
		r.Pages[r.Key(req)] = body
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// Server serves recorded pages, after latency when it is set (a stand-in
// for the network's round trip). Conns counts TCP connections.
type Server struct {
	*httptest.Server
	Conns atomic.Int64
}

// NewServer serves pages by key and closes when b ends.
func NewServer(b testing.TB, pages map[string][]byte, key func(*http.Request) string, latency time.Duration) *Server {
	b.Helper()
	type page struct {
		body   []byte
		length []string
	}
	rendered := make(map[string]page, len(pages))
	for k, body := range pages {
		rendered[k] = page{body, []string{strconv.Itoa(len(body))}}
	}
	contentType := []string{"application/json; charset=utf-8"}
	s := &Server{}
	s.Server = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		p, ok := rendered[key(r)]
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
			s.Conns.Add(1)
		}
	}
	s.Start()
	b.Cleanup(s.Close)
	return s
}

// BaselineClient is the HTTP client of a hand-written loop: its own pool of
// keep-alive connections, like the SDK's default.
func BaselineClient() *http.Client {
	return &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
}

// MeasurePerRecord runs op b.N times, each reading want records, and
// reports time, bytes and allocations per record (the in-process server's
// share included, the same for every variant) and the TCP connections
// opened.
func MeasurePerRecord(b *testing.B, srv *Server, want int, op func() int) {
	b.ReportAllocs()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	b.ResetTimer()
	records := 0
	for range b.N {
		n := op()
		if n != want {
			b.Fatalf("read %d records, want %d", n, want)
		}
		records += n
	}
	b.StopTimer()
	runtime.ReadMemStats(&after)
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(records), "ns/record")
	b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/float64(records), "B/record")
	b.ReportMetric(float64(after.Mallocs-before.Mallocs)/float64(records), "allocs/record")
	b.ReportMetric(float64(srv.Conns.Load()), "conns")
}

// MeasureRatio runs sdk and byHand once each per operation, taking turns at
// going first so that load from other processes falls on both alike, and
// reports the time per record of each and the SDK's time, bytes and
// allocations as ratios of the hand-written loop's.
func MeasureRatio(b *testing.B, want int, sdk, byHand func() int) {
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
			if n != want {
				b.Fatalf("read %d records, want %d", n, want)
			}
			bytes[k] += after.TotalAlloc - before.TotalAlloc
			allocs[k] += after.Mallocs - before.Mallocs
		}
	}
	b.StopTimer()
	records := float64(b.N * want)
	b.ReportMetric(float64(took[0].Nanoseconds())/records, "sdk-ns/record")
	b.ReportMetric(float64(took[1].Nanoseconds())/records, "nethttp-ns/record")
	b.ReportMetric(float64(took[0])/float64(took[1]), "time-ratio")
	b.ReportMetric(float64(bytes[0])/float64(bytes[1]), "bytes-ratio")
	b.ReportMetric(float64(allocs[0])/float64(allocs[1]), "allocs-ratio")
}

// RunParallel runs op b.N times spread over exactly goroutines goroutines
// with b.RunParallel: it starts at least that many, and the extra ones
// return at once, leaving the iterations to the others.
func RunParallel(b *testing.B, goroutines int, op func() error) {
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

// ListBench describes one platform's list benchmarks: the SDK's iterator
// against a hand-written loop over the same recorded pages, and one shared
// client across goroutines.
type ListBench struct {
	// Records is how many records a full read yields; PageSize how many a
	// one-page read yields.
	Records, PageSize int
	// Server serves the recorded pages, after latency when it is set.
	Server func(b *testing.B, latency time.Duration) *Server
	// SDK builds a client on baseURL and returns a full read through its
	// iterator and a one-page read through its ListPage.
	SDK func(b *testing.B, baseURL string) (readAll func() int, readPage func() (int, error))
	// ByHand reads every record through the hand-written loop.
	ByHand func(b *testing.B, hc *http.Client, baseURL string) int
}

// Overhead reads Records records per operation through the hand-written
// loop (impl=nethttp) and through the SDK's iterator (impl=sdk);
// "benchstat -col /impl" puts the two side by side.
func (l ListBench) Overhead(b *testing.B) {
	b.Run("impl=nethttp", func(b *testing.B) {
		srv := l.Server(b, 0)
		hc := BaselineClient()
		MeasurePerRecord(b, srv, l.Records, func() int { return l.ByHand(b, hc, srv.URL) })
	})
	b.Run("impl=sdk", func(b *testing.B) {
		srv := l.Server(b, 0)
		readAll, _ := l.SDK(b, srv.URL)
		MeasurePerRecord(b, srv, l.Records, readAll)
	})
}

// Ratio runs the SDK and the hand-written loop in every operation,
// alternately, and reports the SDK's cost as ratios of the loop's.
func (l ListBench) Ratio(b *testing.B) {
	srv := l.Server(b, 0)
	readAll, _ := l.SDK(b, srv.URL)
	hc := BaselineClient()
	MeasureRatio(b, l.Records, readAll, func() int { return l.ByHand(b, hc, srv.URL) })
}

// Parallel fetches one page per operation through a single shared client
// from 1 to 8 goroutines, with no latency (bound by the CPU) and with 1ms of
// simulated network latency per request (bound by waiting, where a lock
// held across the network would flatten the curve).
func (l ListBench) Parallel(b *testing.B) {
	for _, latency := range []time.Duration{0, time.Millisecond} {
		for _, g := range []int{1, 2, 4, 8} {
			b.Run(fmt.Sprintf("latency=%s/goroutines=%d", latency, g), func(b *testing.B) {
				srv := l.Server(b, latency)
				_, readPage := l.SDK(b, srv.URL)
				RunParallel(b, g, func() error {
					n, err := readPage()
					if err == nil && n != l.PageSize {
						err = fmt.Errorf("got %d records, want %d", n, l.PageSize)
					}
					return err
				})
				b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
				b.ReportMetric(float64(b.N*l.PageSize)/b.Elapsed().Seconds(), "records/s")
			})
		}
	}
}
