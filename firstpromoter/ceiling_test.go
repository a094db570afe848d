package firstpromoter_test

import (
	"context"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
	"github.com/affiliatekit/affiliatekit-go/internal/benchkit"
)

// BenchmarkQuotaCeiling lists referrals from a fake that meters
// FirstPromoter's 400 requests a minute and answers after a simulated round
// trip: records per minute against the ceiling of 400 × 100 records. See
// benchkit.RunCeiling and the README's Performance section.
func BenchmarkQuotaCeiling(b *testing.B) {
	benchkit.RunCeiling(b, benchkit.Ceiling{
		Quota:    firstpromoter.RateLimitRequests,
		Window:   firstpromoter.RateLimitWindow,
		PageSize: firstpromoter.MaxPerPage,
		// At most ten times faster than real time: the fake and the client
		// then decode about 7,000 referrals a second between them, which
		// leaves the two cores to the network's pace.
		MaxScale: 10,
		Start: func(b *testing.B, records, quota int, window, rtt time.Duration) benchkit.Lister {
			srv := firstpromotertest.NewServer(
				firstpromotertest.WithRateLimit(quota, window),
				firstpromotertest.WithLatency(rtt),
			)
			b.Cleanup(srv.Close)
			srv.SeedReferrals(records)
			return func(ctx context.Context, cfg benchkit.ListConfig) (int, error) {
				c, err := srv.Client(
					firstpromoter.WithHTTPClient(cfg.HTTPClient),
					firstpromoter.WithRateLimit(cfg.Quota, cfg.Window),
					firstpromoter.WithParallelPages(cfg.Parallel),
				)
				if err != nil {
					return 0, err
				}
				n := 0
				for _, err := range c.Referrals.List(ctx) {
					if err != nil {
						return n, err
					}
					if n++; n%firstpromoter.MaxPerPage == 0 {
						cfg.Page()
					}
				}
				return n, nil
			}
		},
	})
}
