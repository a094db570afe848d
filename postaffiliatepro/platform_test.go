package postaffiliatepro_test

import (
	"context"
	"iter"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

// platform describes the package for the shared checks: the affiliates
// list ({"data": [...]} with offset and limit), affiliates read by id, and
// an affiliate created as the write.
var platform = platformtest.Platform[*postaffiliateprotest.Server, *postaffiliatepro.Client, postaffiliatepro.Option, *postaffiliatepro.Affiliate]{
	// The fake's token bucket runs on the wall clock unless it is given
	// the clients' clock: a check that sends more requests than its burst,
	// or whose client's fake clock never waits for a refill, starts it
	// with the bucket off.
	Start: func(t testing.TB, n int, f platformtest.Fake) (*postaffiliateprotest.Server, []string) {
		var opts []postaffiliateprotest.ServerOption
		if f.Unthrottled {
			opts = append(opts, postaffiliateprotest.WithRateLimit(0, 0))
		}
		if f.Clock != nil {
			opts = append(opts, postaffiliateprotest.WithClock(f.Clock.Now))
		}
		srv := postaffiliateprotest.NewServer(opts...)
		t.Cleanup(srv.Close)
		srv.SeedAffiliates(n)
		return srv, platformtest.Keyed(srv.Affiliates(), func(a postaffiliateprotest.Affiliate) string { return a.ID })
	},
	URL: func(srv *postaffiliateprotest.Server) string { return srv.URL },
	New: postaffiliatepro.NewClient,
	Credentials: func() []postaffiliatepro.Option {
		return []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(postaffiliateprotest.APIKey)}
	},
	ClockStart:       testStart,
	BaseURL:          postaffiliatepro.WithBaseURL,
	HTTPClient:       postaffiliatepro.WithHTTPClient,
	Clock:            postaffiliatepro.WithClock,
	Logger:           postaffiliatepro.WithLogger,
	RateLimit:        postaffiliatepro.WithRateLimit,
	MaxRetries:       postaffiliatepro.WithMaxRetries,
	Prefetch:         postaffiliatepro.WithPrefetch,
	MaxResponseBytes: postaffiliatepro.WithMaxResponseBytes,

	List: func(ctx context.Context, c *postaffiliatepro.Client, pageSize int) iter.Seq2[*postaffiliatepro.Affiliate, error] {
		if pageSize == 0 {
			return c.Affiliates.List(ctx)
		}
		return c.Affiliates.List(ctx, pageOptions(pageSize))
	},
	Key: func(a *postaffiliatepro.Affiliate) string { return a.ID },
	Page: func(ctx context.Context, c *postaffiliatepro.Client, pageSize int) (int, error) {
		items, _, err := c.Affiliates.ListPage(ctx, pageOptions(pageSize))
		return len(items), err
	},
	Get: func(ctx context.Context, c *postaffiliatepro.Client, id string) error {
		_, err := c.Affiliates.Get(ctx, id)
		return err
	},
	GetMissing: func(ctx context.Context, c *postaffiliatepro.Client) error {
		_, err := c.Affiliates.Get(ctx, "missing")
		return err
	},
	Create: func(ctx context.Context, c *postaffiliatepro.Client, _ *postaffiliateprotest.Server) (string, error) {
		a, err := c.Affiliates.Create(ctx, &postaffiliatepro.AffiliateCreateParams{Username: "keepalive@example.com", FirstName: "Keep"})
		if err != nil {
			return "", err
		}
		return a.ID, nil
	},
	Created: func(srv *postaffiliateprotest.Server) int { return len(srv.Affiliates()) },
}

// pageOptions returns the list options of pageSize affiliates a page, or
// none for 0.
func pageOptions(pageSize int) *postaffiliatepro.AffiliateListOptions {
	if pageSize == 0 {
		return nil
	}
	return &postaffiliatepro.AffiliateListOptions{ListParams: postaffiliatepro.ListParams{PerPage: pageSize}}
}
