package everflow_test

import (
	"context"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
	"github.com/affiliatekit/affiliatekit-go/internal/benchkit"
)

// BenchmarkQuotaCeiling lists affiliates from a fake that meters Everflow's
// per-second limit and answers after a simulated round trip: records per
// minute against the ceiling of 20 requests a second × 2,000 records. Its
// durations are stretched fourfold (MaxScale 0.25: a window of 4 s, a
// 50 ms round trip of 200 ms), because at 40,000 records a second the
// fake's rendering and the client's decoding of pages that large take both
// cores of a small machine and the run would measure the CPU; the ratio
// to the ceiling is the same at any factor.
func BenchmarkQuotaCeiling(b *testing.B) {
	benchkit.RunCeiling(b, benchkit.Ceiling{
		Quota:    everflow.RateLimitRequests,
		Window:   everflow.RateLimitWindow,
		PageSize: everflow.MaxPerPage,
		MaxScale: 0.25,
		Start: func(b *testing.B, records, quota int, window, rtt time.Duration) benchkit.Lister {
			srv := everflowtest.NewServer(
				everflowtest.WithRateLimit(quota, window),
				everflowtest.WithLatency(rtt),
			)
			b.Cleanup(srv.Close)
			srv.SeedAffiliates(records)
			return func(ctx context.Context, cfg benchkit.ListConfig) (int, error) {
				c, err := srv.Client(
					everflow.WithHTTPClient(cfg.HTTPClient),
					everflow.WithRateLimit(cfg.Quota, cfg.Window),
					everflow.WithParallelPages(cfg.Parallel),
				)
				if err != nil {
					return 0, err
				}
				opts := &everflow.AffiliateListOptions{ListParams: everflow.ListParams{PerPage: everflow.MaxPerPage}}
				n := 0
				for _, err := range c.Affiliates.List(ctx, opts) {
					if err != nil {
						return n, err
					}
					if n++; n%everflow.MaxPerPage == 0 {
						cfg.Page()
					}
				}
				return n, nil
			}
		},
	})
}
