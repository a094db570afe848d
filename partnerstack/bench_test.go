package partnerstack_test

// Benchmarks of the list path. A local server answers with pre-rendered
// pages (recorded once from the fake, so they are the real wire format),
// and the same 10,000 partnerships are read once through the SDK's iterator
// and once through the loop a user would write with net/http and
// encoding/json. The README's "Performance" section has the commands and
// the measured numbers.

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/benchkit"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

// benchRecords is how many partnerships one benchmark operation reads.
const benchRecords = 10_000

// benchPageKey names the page a request asks for: its cursor.
func benchPageKey(r *http.Request) string { return r.URL.Query().Get("starting_after") }

// benchPages renders every page of benchRecords partnerships once per
// process, by running the hand-written loop against the fake and keeping
// each body.
var benchPages = sync.OnceValues(func() (map[string][]byte, error) {
	fake := partnerstacktest.NewServer()
	defer fake.Close()
	fake.SeedPartnerships(benchRecords)
	rec := benchkit.NewRecorder(benchPageKey)
	n := 0
	err := listPartnershipsByHand(context.Background(), &http.Client{Transport: rec}, fake.URL, func(*partnerstack.Partnership) { n++ })
	if err == nil && n != benchRecords {
		err = fmt.Errorf("recorded %d partnerships, want %d", n, benchRecords)
	}
	return rec.Pages, err
})

// newBenchServer serves the recorded pages, after latency when it is set.
func newBenchServer(b *testing.B, latency time.Duration) *benchkit.Server {
	b.Helper()
	pages, err := benchPages()
	if err != nil {
		b.Fatal(err)
	}
	return benchkit.NewServer(b, pages, benchPageKey, latency)
}

// listPartnershipsByHand is the baseline: what a user writes without the
// SDK. It sends the requests the SDK sends (same path, query and headers)
// and decodes each page's envelope in one pass into the SDK's own
// Partnership struct, following the cursor while has_more is true.
func listPartnershipsByHand(ctx context.Context, hc *http.Client, baseURL string, each func(*partnerstack.Partnership)) error {
	cursor := ""
	for {
		u := baseURL + "/partnerships?limit=" + strconv.Itoa(partnerstack.MaxLimit)
		if cursor != "" {
			u += "&starting_after=" + url.QueryEscape(cursor)
		}
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Accept", "application/json")
		req.SetBasicAuth(partnerstacktest.PublicKey, partnerstacktest.SecretKey)
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		var page struct {
			Data struct {
				HasMore bool                        `json:"has_more"`
				Items   []*partnerstack.Partnership `json:"items"`
			} `json:"data"`
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %s", u, resp.Status)
		}
		if err != nil {
			return err
		}
		for _, it := range page.Data.Items {
			each(it)
		}
		if !page.Data.HasMore || len(page.Data.Items) == 0 {
			return nil
		}
		cursor = page.Data.Items[len(page.Data.Items)-1].Key
	}
}

func newBenchClient(b *testing.B, baseURL string) *partnerstack.Client {
	b.Helper()
	c, err := partnerstack.NewClient(
		partnerstack.WithVendorKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey),
		partnerstack.WithBaseURL(baseURL),
	)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// readSDK reads every partnership through the SDK's iterator and counts them.
func readSDK(b *testing.B, c *partnerstack.Client) int {
	n := 0
	for p, err := range c.Partnerships.List(context.Background()) {
		if err != nil {
			b.Fatal(err)
		}
		if p.Key != "" {
			n++
		}
	}
	return n
}

// readByHand reads every partnership through the hand-written loop and counts
// them.
func readByHand(b *testing.B, hc *http.Client, baseURL string) int {
	n := 0
	err := listPartnershipsByHand(context.Background(), hc, baseURL, func(p *partnerstack.Partnership) {
		if p.Key != "" {
			n++
		}
	})
	if err != nil {
		b.Fatal(err)
	}
	return n
}

// listBench drives the list benchmarks below through internal/benchkit.
var listBench = benchkit.ListBench{
	Records: benchRecords, PageSize: partnerstack.MaxLimit,
	Server: newBenchServer,
	SDK: func(b *testing.B, baseURL string) (func() int, func() (int, error)) {
		c := newBenchClient(b, baseURL)
		ctx := context.Background()
		return func() int { return readSDK(b, c) }, func() (int, error) {
			items, _, err := c.Partnerships.ListPage(ctx, nil)
			return len(items), err
		}
	},
	ByHand: readByHand,
}

// BenchmarkListOverhead reads benchRecords records per operation through
// the hand-written loop (impl=nethttp) and through the SDK's iterator
// (impl=sdk). "benchstat -col /impl" puts the two side by side.
func BenchmarkListOverhead(b *testing.B) { listBench.Overhead(b) }

// BenchmarkListOverheadRatio runs the SDK and the hand-written loop in
// every operation, alternately, and reports the SDK's time and allocations
// as ratios of the loop's.
func BenchmarkListOverheadRatio(b *testing.B) { listBench.Ratio(b) }

// BenchmarkListParallel fetches one page per operation through a single
// shared client from 1 to 8 goroutines, with and without 1ms of simulated
// latency.
func BenchmarkListParallel(b *testing.B) { listBench.Parallel(b) }
