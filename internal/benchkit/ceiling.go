package benchkit

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"os"
	"strconv"
	"sync/atomic"
	"testing"
	"time"
)

// Ceiling describes a platform at its documented quota, for the benchmark
// of records per minute against the quota's ceiling (quota × the largest
// page) over a distant API.
type Ceiling struct {
	// Quota requests per Window is the platform's documented limit, which
	// its fake enforces and its client's throttle keeps to.
	Quota  int
	Window time.Duration
	// PageSize is the largest page the list takes.
	PageSize int
	// MaxScale, when set, caps CeilingScale for this platform: a quota so
	// large in records a second that a scaled run would measure the CPU,
	// not the network. Below 1 it stretches every duration instead
	// (Everflow's 20 pages of 2,000 a second run at 0.25: 5 a second).
	MaxScale float64
	// Start starts the platform's fake holding records records, enforcing
	// quota requests per window and answering each request after rtt, and
	// returns a lister of all of them through a client built with the
	// given options.
	Start func(b *testing.B, records, quota int, window, rtt time.Duration) Lister
}

// Lister lists every record of a running fake with a client configured by
// cfg, calling page after each page's records (a page being PageSize
// records), and returns how many records it saw.
type Lister func(ctx context.Context, cfg ListConfig) (int, error)

// ListConfig is how the benchmark configures a client for one run.
type ListConfig struct {
	// HTTPClient counts the 429s the fake answers; the client must use it.
	HTTPClient *http.Client
	// Quota per Window is the throttle (the time-scaled documented quota).
	Quota  int
	Window time.Duration
	// Parallel is WithParallelPages (1 for the defaults).
	Parallel int
	// Page is called after each PageSize records: the caller's work.
	Page func()
}

// CeilingScale is the factor every duration of the ceiling benchmark (the
// quota window, the round trip, the caller's work) is divided by, from
// AFFILIATEKIT_CEILING_SCALE (default 30: in the default smoke run, one cell per mode).
// The README's table is made with the same factor and AFFILIATEKIT_CEILING=full.
func CeilingScale() float64 {
	if v, err := strconv.ParseFloat(os.Getenv("AFFILIATEKIT_CEILING_SCALE"), 64); err == nil && v >= 1 {
		return v
	}
	return 30
}

// ceilingFull reports whether the whole table runs
// (AFFILIATEKIT_CEILING=full); otherwise one round trip and work per mode.
func ceilingFull() bool { return os.Getenv("AFFILIATEKIT_CEILING") == "full" }

// ParallelFor is the number of parallel pages that keeps the quota busy at
// a round trip: ⌈rtt × requests per second⌉ + 1.
func ParallelFor(quota int, window, rtt time.Duration) int {
	return int(math.Ceil(rtt.Seconds()*float64(quota)/window.Seconds())) + 1
}

// RunCeiling runs the table: round trips of 50, 150, 300 and 1000 ms, with
// 0 and 20 ms of caller work a page, on the defaults and with
// WithParallelPages(ParallelFor(...)), every duration divided by
// CeilingScale. Each cell lists at least three windows' worth of records
// at the ceiling and reports:
//   - ceiling: records per window ÷ (Quota × PageSize), measured from the
//     arrival of the second page to the last record. The round trips
//     before it are latency, not throughput: the first page's, and that of
//     the pages fetched once the first names its successor, which fill the
//     pipeline (with Everflow's 60 pages a cell and a round trip of 1 s,
//     counting them would cut the ratio by a fifth);
//   - 429s: the answers the fake refused for the quota.
func RunCeiling(b *testing.B, c Ceiling) {
	scale := CeilingScale()
	if c.MaxScale > 0 {
		scale = min(scale, c.MaxScale)
	}
	rtts := []time.Duration{50 * time.Millisecond, 150 * time.Millisecond, 300 * time.Millisecond, time.Second}
	works := []time.Duration{0, 20 * time.Millisecond}
	if !ceilingFull() {
		rtts, works = rtts[1:2], works[1:]
	}
	window := time.Duration(float64(c.Window) / scale)
	for _, rtt := range rtts {
		for _, work := range works {
			n := ParallelFor(c.Quota, c.Window, rtt)
			for _, parallel := range []int{1, n} {
				name := fmt.Sprintf("rtt=%s/work=%s/parallel=%d", rtt, work, parallel)
				b.Run(name, func(b *testing.B) {
					runCeilingCell(b, c, window, time.Duration(float64(rtt)/scale), time.Duration(float64(work)/scale), parallel)
				})
			}
		}
	}
}

// runCeilingCell lists enough records for three windows at the ceiling,
// b.N times.
func runCeilingCell(b *testing.B, c Ceiling, window, rtt, work time.Duration, parallel int) {
	records := 3 * c.Quota * c.PageSize
	list := c.Start(b, records, c.Quota, window, rtt)
	var tooMany atomic.Int64
	hc := &http.Client{Transport: countStatus(http.DefaultTransport, http.StatusTooManyRequests, &tooMany)}
	b.ResetTimer()
	var counted int
	var took time.Duration
	for i := range b.N {
		if i > 0 {
			// A fresh client starts with a fresh throttle: let the fake's
			// window of the run before pass first.
			b.StopTimer()
			time.Sleep(window)
			b.StartTimer()
		}
		var start time.Time
		seen := 0
		cfg := ListConfig{
			HTTPClient: hc, Quota: c.Quota, Window: window, Parallel: parallel,
			Page: func() {
				seen++
				if seen == 2 {
					start = time.Now()
				}
				if work > 0 {
					time.Sleep(work)
				}
			},
		}
		n, err := list(context.Background(), cfg)
		if err != nil {
			b.Fatal(err)
		}
		if n != records {
			b.Fatalf("listed %d records, want %d", n, records)
		}
		// The clock starts at the second page: the records of the first
		// two pages are counted at its arrival.
		counted += n - 2*c.PageSize
		took += time.Since(start)
	}
	// Over every run of the cell (-benchtime=Nx): a cell of few pages
	// varies by a few percent from run to run.
	rate := float64(counted) / took.Seconds()
	b.ReportMetric(rate/(float64(c.Quota*c.PageSize)/window.Seconds()), "ceiling")
	b.ReportMetric(float64(tooMany.Load())/float64(b.N), "429s")
}

// countStatus counts the responses with the given status.
func countStatus(next http.RoundTripper, status int, n *atomic.Int64) http.RoundTripper {
	return roundTripFunc(func(r *http.Request) (*http.Response, error) {
		resp, err := next.RoundTrip(r)
		if err == nil && resp.StatusCode == status {
			n.Add(1)
		}
		return resp, err
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }
