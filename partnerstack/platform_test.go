package partnerstack_test

import (
	"context"
	"iter"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

// platform describes the package for the shared checks: the partnerships
// list of the Vendor API (cursor paging), partnerships read by key, and
// customers for the missing read and the write. The list need not keep
// the order the fake holds the partnerships in.
var platform = platformtest.Platform[*partnerstacktest.Server, *partnerstack.Client, partnerstack.Option, *partnerstack.Partnership]{
	Start: func(t testing.TB, n int, _ platformtest.Fake) (*partnerstacktest.Server, []string) {
		srv := partnerstacktest.NewServer()
		t.Cleanup(srv.Close)
		srv.SeedPartnerships(n)
		return srv, platformtest.Keyed(srv.Partnerships(), func(p partnerstacktest.Partnership) string { return p.Key })
	},
	URL: func(srv *partnerstacktest.Server) string { return srv.URL },
	New: partnerstack.NewClient,
	Credentials: func() []partnerstack.Option {
		return []partnerstack.Option{partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey)}
	},
	ClockStart:       time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC),
	BaseURL:          partnerstack.WithBaseURL,
	HTTPClient:       partnerstack.WithHTTPClient,
	Clock:            partnerstack.WithClock,
	Logger:           partnerstack.WithLogger,
	RateLimit:        partnerstack.WithRateLimit,
	MaxRetries:       partnerstack.WithMaxRetries,
	Prefetch:         partnerstack.WithPrefetch,
	MaxResponseBytes: partnerstack.WithMaxResponseBytes,

	List: func(ctx context.Context, c *partnerstack.Client, pageSize int) iter.Seq2[*partnerstack.Partnership, error] {
		if pageSize == 0 {
			return c.Partnerships.List(ctx)
		}
		return c.Partnerships.List(ctx, pageOptions(pageSize))
	},
	Key: func(p *partnerstack.Partnership) string { return p.Key },
	Page: func(ctx context.Context, c *partnerstack.Client, pageSize int) (int, error) {
		items, _, err := c.Partnerships.ListPage(ctx, pageOptions(pageSize))
		return len(items), err
	},
	Get: func(ctx context.Context, c *partnerstack.Client, key string) error {
		_, err := c.Partnerships.Get(ctx, key)
		return err
	},
	GetMissing: func(ctx context.Context, c *partnerstack.Client) error {
		_, err := c.Customers.Get(ctx, "cus_missing")
		return err
	},
	Create: func(ctx context.Context, c *partnerstack.Client, srv *partnerstacktest.Server) (string, error) {
		partner := srv.Partnerships()[0].PartnerKey
		cu, err := c.Customers.Create(ctx, &partnerstack.CustomerCreateParams{Email: "keepalive@example.com", PartnerKey: partner})
		if err != nil {
			return "", err
		}
		return cu.Key, nil
	},
	Created:   func(srv *partnerstacktest.Server) int { return len(srv.Customers()) },
	Unordered: true,
}

// pageOptions returns the list options of pageSize partnerships a
// page, or none for 0.
func pageOptions(pageSize int) *partnerstack.PartnershipListOptions {
	if pageSize == 0 {
		return nil
	}
	return &partnerstack.PartnershipListOptions{ListParams: partnerstack.ListParams{PerPage: pageSize}}
}
