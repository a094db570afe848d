package refersion_test

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
	"strings"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/benchkit"

	"github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// benchRecords is how many affiliates one benchmark operation reads.
const benchRecords = 10_000

// benchPageKey names the page a request asks for: the "page" of its JSON
// body. On the client side the body is read through GetBody, leaving the
// request's own body to the transport.
func benchPageKey(r *http.Request) string {
	body := r.Body
	if r.GetBody != nil {
		b, err := r.GetBody()
		if err != nil {
			return ""
		}
		body = b
	}
	var q struct {
		Page string `json:"page"`
	}
	_ = json.NewDecoder(body).Decode(&q)
	return q.Page
}

// listAffiliatesByHand is the baseline: what a user writes without the SDK.
// It sends the requests the SDK sends (POST affiliate/list with the same
// JSON body and headers) and decodes each page's envelope into the SDK's
// own Affiliate struct, until the envelope's total is reached.
func listAffiliatesByHand(ctx context.Context, hc *http.Client, baseURL string, each func(*refersion.Affiliate)) error {
	const limit = refersion.MaxPerPage
	for page := 1; ; page++ {
		body := `{"page":"` + strconv.Itoa(page) + `","limit":"` + strconv.Itoa(limit) + `"}`
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, baseURL+"/affiliate/list", strings.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Refersion-Public-Key", refersiontest.PublicKey)
		req.Header.Set("Refersion-Secret-Key", refersiontest.SecretKey)
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		var env struct {
			Total   int                    `json:"total"`
			Results []*refersion.Affiliate `json:"results"`
		}
		err = json.NewDecoder(resp.Body).Decode(&env)
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("POST affiliate/list: %s", resp.Status)
		}
		if err != nil {
			return err
		}
		for _, it := range env.Results {
			each(it)
		}
		if len(env.Results) == 0 || page*limit >= env.Total {
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
