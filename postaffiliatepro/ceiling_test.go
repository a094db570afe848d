package postaffiliatepro_test

import (
	"context"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/benchkit"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

// BenchmarkQuotaCeiling lists transactions from a fake that meters Post
// Affiliate Pro's token bucket and answers after a simulated round trip:
// records per minute against the ceiling of 100 requests a minute × 100
// records a page. See benchkit.RunCeiling and the README's Performance
// section.
func BenchmarkQuotaCeiling(b *testing.B) {
	benchkit.RunCeiling(b, benchkit.Ceiling{
		Quota:    postaffiliatepro.RateLimitRequests,
		Window:   postaffiliatepro.RateLimitWindow,
		PageSize: postaffiliateprotest.MaxPerPage,
		Start: func(b *testing.B, records, quota int, window, rtt time.Duration) benchkit.Lister {
			srv := postaffiliateprotest.NewServer(
				postaffiliateprotest.WithRateLimit(quota, window),
				postaffiliateprotest.WithLatency(rtt),
			)
			b.Cleanup(srv.Close)
			srv.SeedTransactions(records)
			return func(ctx context.Context, cfg benchkit.ListConfig) (int, error) {
				c, err := postaffiliatepro.NewClient(
					postaffiliatepro.WithBaseURL(srv.URL),
					postaffiliatepro.WithAPIKey(postaffiliateprotest.APIKey),
					postaffiliatepro.WithHTTPClient(cfg.HTTPClient),
					postaffiliatepro.WithRateLimit(cfg.Quota, cfg.Window),
					postaffiliatepro.WithParallelPages(cfg.Parallel),
				)
				if err != nil {
					return 0, err
				}
				opts := &postaffiliatepro.TransactionListOptions{ListParams: postaffiliatepro.ListParams{PerPage: postaffiliateprotest.MaxPerPage}}
				n := 0
				for _, err := range c.Transactions.List(ctx, opts) {
					if err != nil {
						return n, err
					}
					if n++; n%postaffiliateprotest.MaxPerPage == 0 {
						cfg.Page()
					}
				}
				return n, nil
			}
		},
	})
}
