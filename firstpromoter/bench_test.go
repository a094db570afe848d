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
	"net/http"
	"strconv"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
	"github.com/affiliatekit/affiliatekit-go/internal/benchkit"
)

// benchRecords is how many referrals one benchmark operation reads.
const benchRecords = 10_000

// listReferralsByHand is the baseline: what a user writes
// without the SDK. It sends the requests the SDK sends (same path, query
// and headers) and decodes each page into the SDK's own Referral struct,
// stopping at the first short page.
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
var listBench = benchkit.For(platform)

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
