package firstpromoter_test

// Benchmarks of the list path. A local server answers with pre-rendered
// pages (recorded once from the fake, so they are the real wire format),
// and the same 10,000 referrals are read once through the SDK's iterator
// and once through the loop a user would write with net/http and
// encoding/json. The README's "Performance" section has the commands and
// the measured numbers.

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"
	"strconv"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/benchkit"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

// benchRecords is how many referrals one benchmark operation reads.
const benchRecords = 10_000

// benchPageKey names the page a request asks for.
func benchPageKey(r *http.Request) string { return r.URL.Query().Get("page") }

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

// listBench drives the list benchmarks below through internal/benchkit.
var listBench = benchkit.NewListBench(benchkit.Platform[*firstpromoter.Client, *firstpromoter.Referral]{
	Records:  benchRecords,
	PageSize: firstpromoter.MaxPerPage,
	Fake: func(n int) (string, func()) {
		fake := firstpromotertest.NewServer()
		fake.SeedReferrals(n)
		return fake.URL, fake.Close
	},
	PageKey: benchPageKey,
	ByHand:  listReferralsByHand,
	Valid:   func(r *firstpromoter.Referral) bool { return r.ID != 0 },
	NewClient: func(baseURL string) (*firstpromoter.Client, error) {
		return firstpromoter.NewClient(
			firstpromoter.WithAPIKey(firstpromotertest.APIKey),
			firstpromoter.WithAccountID(firstpromotertest.AccountID),
			firstpromoter.WithBaseURL(baseURL),
			firstpromoter.WithRateLimit(0, 0), // loopback: measure the SDK, not the quota
		)
	},
	List: func(ctx context.Context, c *firstpromoter.Client) iter.Seq2[*firstpromoter.Referral, error] {
		return c.Referrals.List(ctx)
	},
	ListPage: func(ctx context.Context, c *firstpromoter.Client) (int, error) {
		items, _, err := c.Referrals.ListPage(ctx, &firstpromoter.ReferralListOptions{ListParams: firstpromoter.ListParams{Page: 1}})
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
