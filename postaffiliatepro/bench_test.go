package postaffiliatepro_test

// Benchmarks of the list path. A local server answers with pre-rendered
// pages (recorded once from the fake, so they are the real wire format),
// and the same 10,000 affiliates are read once through the SDK's iterator
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

	"github.com/affiliatekit/affiliatekit-go/internal/benchkit"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"

	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

// benchRecords is how many affiliates one benchmark operation reads.
const benchRecords = 10_000

// benchPageKey names the page a request asks for: its offset.
func benchPageKey(r *http.Request) string { return r.URL.Query().Get("offset") }

// listAffiliatesByHand is the baseline: what a user writes without the SDK.
// It sends the requests the SDK sends (same path, query and headers) and
// decodes each page's envelope into the SDK's own Affiliate struct, until
// the envelope's total is reached.
func listAffiliatesByHand(ctx context.Context, hc *http.Client, baseURL string, each func(*postaffiliatepro.Affiliate)) error {
	const limit = postaffiliatepro.DefaultPerPage
	for offset := 0; ; offset += limit {
		u := baseURL + "/affiliates?limit=" + strconv.Itoa(limit) + "&offset=" + strconv.Itoa(offset)
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Authorization", "Bearer "+postaffiliateprotest.APIKey)
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		var env struct {
			Data  []*postaffiliatepro.Affiliate `json:"data"`
			Total int                           `json:"total"`
		}
		err = json.NewDecoder(resp.Body).Decode(&env)
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %s", u, resp.Status)
		}
		if err != nil {
			return err
		}
		for _, it := range env.Data {
			each(it)
		}
		if len(env.Data) < limit || offset+len(env.Data) >= env.Total {
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
