package everflow_test

import (
	"context"
	"iter"
	"strconv"
	"testing"
	"time"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
)

// platform describes the package for the shared checks: the affiliates
// list (page-number paging), keyed by network affiliate id, and an
// affiliate created as the write.
var platform = platformtest.Platform[*everflowtest.Server, *Client, Option, *Affiliate]{
	Start: func(t testing.TB, n int, _ platformtest.Fake) (*everflowtest.Server, []string) {
		srv := newFakeServer()
		t.Cleanup(srv.Close)
		srv.SeedAffiliates(n)
		return srv, affiliateIDs(srv)
	},
	URL:              func(srv *everflowtest.Server) string { return srv.URL },
	New:              NewClient,
	Credentials:      func() []Option { return []Option{WithAPIKey(everflowtest.APIKey)} },
	ClockStart:       time.Date(2024, time.March, 1, 12, 0, 0, 0, time.UTC),
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
	Key: func(a *Affiliate) string { return strconv.FormatInt(a.NetworkAffiliateID, 10) },
	Page: func(ctx context.Context, c *Client, pageSize int) (int, error) {
		items, _, err := c.Affiliates.ListPage(ctx, pageOptions(pageSize))
		return len(items), err
	},
	Get: func(ctx context.Context, c *Client, key string) error {
		id, err := strconv.ParseInt(key, 10, 64)
		if err == nil {
			_, err = c.Affiliates.Get(ctx, id)
		}
		return err
	},
	GetMissing: func(ctx context.Context, c *Client) error {
		_, err := c.Affiliates.Get(ctx, 999999)
		return err
	},
	Create: func(ctx context.Context, c *Client, _ *everflowtest.Server) (string, error) {
		a, err := c.Affiliates.Create(ctx, &AffiliateCreateParams{Name: "Keep Alive", AccountStatus: AccountActive,
			Billing: &Billing{BillingFrequency: "monthly", PaymentType: "none", Details: &BillingDetails{DayOfMonth: 1}}})
		if err != nil {
			return "", err
		}
		return strconv.FormatInt(a.NetworkAffiliateID, 10), nil
	},
	Created: func(srv *everflowtest.Server) int { return len(srv.Affiliates()) },
}

// affiliateIDs returns the network ids of the affiliates srv holds.
func affiliateIDs(srv *everflowtest.Server) []string {
	return platformtest.Keyed(srv.Affiliates(), func(a everflowtest.Affiliate) string { return strconv.FormatInt(a.NetworkAffiliateID, 10) })
}

// pageOptions returns the list options of pageSize affiliates a page, or
// none for 0.
func pageOptions(pageSize int) *AffiliateListOptions {
	if pageSize == 0 {
		return nil
	}
	return &AffiliateListOptions{ListParams: ListParams{PerPage: pageSize}}
}
