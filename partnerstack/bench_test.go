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
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/benchkit"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"

	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

// benchRecords is how many partnerships one benchmark operation reads.
const benchRecords = 10_000

// benchPageKey names the page a request asks for: its cursor.
func benchPageKey(r *http.Request) string { return r.URL.Query().Get("starting_after") }

// listPartnershipsByHand is the baseline: what a user writes without the
// SDK. It sends the requests the SDK sends (same path, query and headers)
// and decodes each page's envelope in one pass into the SDK's own
// Partnership struct, following the cursor while has_more is true.
func listPartnershipsByHand(ctx context.Context, hc *http.Client, baseURL string, each func(*partnerstack.Partnership)) error {
	cursor := ""
	for {
		u := baseURL + "/partnerships?limit=" + strconv.Itoa(partnerstack.MaxPerPage)
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

// listBench drives the list benchmarks below through internal/benchkit.
var listBench = benchkit.NewListBench(benchkit.Platform[*partnerstack.Client, *partnerstack.Partnership]{
	Records:  benchRecords,
	PageSize: partnerstack.MaxPerPage,
	Fake: func(n int) (string, func()) {
		fake := partnerstacktest.NewServer()
		fake.SeedPartnerships(n)
		return fake.URL, fake.Close
	},
	PageKey: benchPageKey,
	ByHand:  listPartnershipsByHand,
	Valid:   func(p *partnerstack.Partnership) bool { return p.Key != "" },
	NewClient: func(baseURL string) (*partnerstack.Client, error) {
		return partnerstack.NewClient(
			partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey),
			partnerstack.WithBaseURL(baseURL),
			partnerstack.WithRateLimit(0, 0), // loopback: measure the SDK, not the quota
		)
	},
	List: func(ctx context.Context, c *partnerstack.Client) iter.Seq2[*partnerstack.Partnership, error] {
		return c.Partnerships.List(ctx)
	},
	ListPage: func(ctx context.Context, c *partnerstack.Client) (int, error) {
		items, _, err := c.Partnerships.ListPage(ctx, nil)
		return len(items), err
	},
})

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
