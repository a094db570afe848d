package refersion_test

import (
	"context"
	"iter"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
	. "github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// platform describes the package for the shared checks: the affiliates
// list (a read-only POST, page-number paging), affiliates read by code, and
// an affiliate created as the write.
var platform = platformtest.Platform[*refersiontest.Server, *Client, Option, *Affiliate]{
	Start: func(t testing.TB, n int, _ platformtest.Fake) (*refersiontest.Server, []string) {
		srv := refersiontest.NewServer()
		t.Cleanup(srv.Close)
		return srv, platformtest.Keyed(srv.SeedAffiliates(n), func(a refersiontest.Affiliate) string { return a.Code })
	},
	URL:              func(srv *refersiontest.Server) string { return srv.URL },
	New:              NewClient,
	Credentials:      func() []Option { return []Option{WithKeys(refersiontest.PublicKey, refersiontest.SecretKey)} },
	ClockStart:       time.Date(2025, time.March, 3, 12, 0, 0, 0, time.UTC),
	BaseURL:          WithBaseURL,
	HTTPClient:       WithHTTPClient,
	Clock:            WithClock,
	Logger:           WithLogger,
	RateLimit:        WithRateLimit,
	MaxRetries:       WithMaxRetries,
	Prefetch:         WithPrefetch,
	MaxResponseBytes: WithMaxResponseBytes,

	List: func(ctx context.Context, c *Client, pageSize int) iter.Seq2[*Affiliate, error] {
		if pageSize == 0 {
			return c.Affiliates.List(ctx)
		}
		return c.Affiliates.List(ctx, pageOptions(pageSize))
	},
	Key: func(a *Affiliate) string { return a.Code },
	Page: func(ctx context.Context, c *Client, pageSize int) (int, error) {
		items, _, err := c.Affiliates.ListPage(ctx, pageOptions(pageSize))
		return len(items), err
	},
	Get: func(ctx context.Context, c *Client, code string) error {
		_, err := c.Affiliates.GetByCode(ctx, code)
		return err
	},
	GetMissing: func(ctx context.Context, c *Client) error {
		_, err := c.Affiliates.GetByCode(ctx, "missing")
		return err
	},
	Create: func(ctx context.Context, c *Client, _ *refersiontest.Server) (string, error) {
		r, err := c.Affiliates.Create(ctx, &AffiliateCreateParams{FirstName: "Keep", LastName: "Alive", Email: "keepalive@example.org",
			Password: "Correct-h0rse", Status: AffiliateActive})
		if err != nil {
			return "", err
		}
		return r.Code, nil
	},
	Created: func(srv *refersiontest.Server) int { return len(srv.Affiliates()) },
}

// pageOptions returns the list options of pageSize affiliates a page,
// or none for 0.
func pageOptions(pageSize int) *AffiliateListOptions {
	if pageSize == 0 {
		return nil
	}
	return &AffiliateListOptions{PerPage: pageSize}
}
