package main

import (
	"context"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

// ceilingRTT is the simulated round trip of BenchmarkSyncCeiling, before
// scaling.
const ceilingRTT = 150 * time.Millisecond

// syncCeiling describes one platform of BenchmarkSyncCeiling.
type syncCeiling struct {
	// platform is the -platform name whose streams the sync runs.
	platform string
	// quota requests per window is the documented quota, which the fake
	// enforces and the client's throttle keeps to once scaled.
	quota  int
	window time.Duration
	// pageSize is the largest page the sync's lists get.
	pageSize int
	// maxScale caps ceilingScale for this platform (0: no cap).
	maxScale float64
	// start sets f's server for the platform, holding records records of
	// the measured stream and the program's seeds of the others, enforcing
	// quota requests per window and answering each request after rtt. It
	// returns how many records the platform's streams hold in all.
	start func(b *testing.B, f *fakes, records, quota int, window, rtt time.Duration) int
}

// syncCeilings are the platforms BenchmarkSyncCeiling measures:
// FirstPromoter's referrals and Post Affiliate Pro's transactions.
var syncCeilings = []syncCeiling{
	{
		platform: "firstpromoter",
		quota:    firstpromoter.RateLimitRequests, window: firstpromoter.RateLimitWindow,
		pageSize: firstpromoter.MaxPerPage,
		// At most five times faster than real time: the fake scans every
		// referral for each page it serves, and the sync encodes and
		// stores each record, so at ten times (the SDK's own benchmark's
		// cap) two cores set the pace, not the quota.
		maxScale: 5,
		start: func(b *testing.B, f *fakes, records, quota int, window, rtt time.Duration) int {
			s := firstpromotertest.NewServer(
				firstpromotertest.WithRateLimit(quota, window),
				firstpromotertest.WithLatency(rtt),
			)
			b.Cleanup(s.Close)
			s.SeedPromoters(seedAffiliates)
			s.SeedReferrals(records)
			s.SeedCommissions(seedConversions)
			f.firstPromoter = s
			return seedAffiliates + records + seedConversions
		},
	},
	{
		platform: "postaffiliatepro",
		quota:    postaffiliatepro.RateLimitRequests, window: postaffiliatepro.RateLimitWindow,
		pageSize: postaffiliatepro.DefaultPerPage,
		start: func(b *testing.B, f *fakes, records, quota int, window, rtt time.Duration) int {
			s := postaffiliateprotest.NewServer(
				postaffiliateprotest.WithRateLimit(quota, window),
				postaffiliateprotest.WithLatency(rtt),
			)
			b.Cleanup(s.Close)
			s.SeedAffiliates(seedAffiliates)
			s.SeedTransactions(records)
			f.postAffiliatePro = s
			return seedAffiliates + records
		},
	},
}

// ceilingScale is the factor every duration of BenchmarkSyncCeiling (the
// quota window, the round trip) is divided by: AFFILIATEKIT_CEILING_SCALE,
// default 30, as in the SDK's own ceiling benchmark.
func ceilingScale() float64 {
	if v, err := strconv.ParseFloat(os.Getenv("AFFILIATEKIT_CEILING_SCALE"), 64); err == nil && v >= 1 {
		return v
	}
	return 30
}

// BenchmarkSyncCeiling runs the sync of one platform, as the program runs
// it (its syncer and SQLite store, the next page fetched while a page is
// committed, the platform's streams at once on one client), against the
// platform's fake enforcing the documented quota with a 150 ms round trip,
// the client's throttle set to the same quota, every duration divided by
// ceilingScale (FirstPromoter at most 5). The measured stream
// (FirstPromoter's referrals, Post Affiliate Pro's transactions) holds
// three windows' worth of records at the ceiling, the platform's other
// streams the program's seeds. It runs with one page in flight per stream
// (the program's default) and with config.parallelPages n = ⌈round trip ×
// requests per second⌉ + 1, and reports:
//   - ceiling: the records of all the platform's streams stored per window
//     ÷ (quota × largest page), since the streams share the quota;
//     measured from the first committed page (its round trip is latency,
//     not throughput) to the last;
//   - 429s: the answers the fake refused for the quota.
func BenchmarkSyncCeiling(b *testing.B) {
	for _, c := range syncCeilings {
		n := parallelFor(c.quota, c.window, ceilingRTT)
		for _, parallel := range []int{1, n} {
			b.Run(fmt.Sprintf("%s/rtt=%s/parallel=%d", c.platform, ceilingRTT, parallel), func(b *testing.B) {
				scale := ceilingScale()
				if c.maxScale > 0 {
					scale = min(scale, c.maxScale)
				}
				window := time.Duration(float64(c.window) / scale)
				rtt := time.Duration(float64(ceilingRTT) / scale)
				var ratio, tooMany float64
				for range b.N {
					ratio, tooMany = runSyncCeiling(b, c, window, rtt, parallel)
				}
				b.ReportMetric(ratio, "ceiling")
				b.ReportMetric(tooMany, "429s")
			})
		}
	}
}

// parallelFor is the number of pages in flight that keeps the quota busy
// at a round trip: ⌈rtt × requests per second⌉ + 1.
func parallelFor(quota int, window, rtt time.Duration) int {
	return int(math.Ceil(rtt.Seconds()*float64(quota)/window.Seconds())) + 1
}

// runSyncCeiling syncs c's platform once from a fresh fake into a fresh
// database, parallel pages in flight per stream, and returns the ratio to
// the ceiling and the 429s.
func runSyncCeiling(b *testing.B, c syncCeiling, window, rtt time.Duration, parallel int) (ratio, tooMany float64) {
	b.StopTimer()
	f := &fakes{}
	b.Cleanup(f.Close)
	total := c.start(b, f, 3*c.quota*c.pageSize, c.quota, window, rtt)
	var (
		mu          sync.Mutex
		first, last time.Time
	)
	cfg := &config{
		getenv: func(string) string { return "" }, fakes: f, warn: io.Discard, maxRetries: -1,
		rateRequests: c.quota, rateWindow: window, parallelPages: parallel,
		afterPage: func(_ string, pages int) {
			if pages == 0 {
				return
			}
			now := time.Now()
			mu.Lock()
			defer mu.Unlock()
			if first.IsZero() {
				first = now
			}
			last = now
		},
	}
	o := options{db: filepath.Join(b.TempDir(), "sync.db"), platforms: []string{c.platform}}
	b.StartTimer()
	results, err := runSync(context.Background(), o, cfg, io.Discard, io.Discard)
	b.StopTimer()
	if err != nil {
		b.Fatal(err)
	}
	stored, refused := 0, int64(0)
	for _, r := range results {
		if r.err != nil {
			b.Fatal(r.err)
		}
		stored += r.counts.inserted + r.counts.updated + r.counts.unchanged
		refused += r.traffic.rateLimited
	}
	if stored != total {
		b.Fatalf("stored %d records, want %d", stored, total)
	}
	// The first page's records are counted at its commit.
	rate := float64(stored-c.pageSize) / last.Sub(first).Seconds()
	ceiling := float64(c.quota*c.pageSize) / window.Seconds()
	return rate / ceiling, float64(refused)
}
