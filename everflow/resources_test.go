package everflow_test

import (
	"context"
	"iter"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
)

// adapter runs the internal/conformance checks on the affiliates list,
// keyed by network affiliate id, with affiliate creation as the write.
var adapter = conformance.Platform[*everflowtest.Server, *Client, Option]{
	Start: func(t *testing.T, n int, _ bool) (*everflowtest.Server, []string) {
		srv := newFakeServer()
		t.Cleanup(srv.Close)
		srv.SeedAffiliates(n)
		var ids []string
		for _, a := range srv.Affiliates() {
			ids = append(ids, strconv.FormatInt(a.NetworkAffiliateID, 10))
		}
		return srv, ids
	},
	URL:       func(srv *everflowtest.Server) string { return srv.URL },
	NewClient: resourceClient,
	UserClient: func(t *testing.T, baseURL string) *Client {
		c, err := NewClient(WithAPIKey(everflowtest.APIKey), WithBaseURL(baseURL), WithRateLimit(0, 0), WithPrefetch(0))
		require.NoError(t, err)
		return c
	},
	MaxRetries:       WithMaxRetries,
	Prefetch:         WithPrefetch,
	MaxResponseBytes: WithMaxResponseBytes,
	List: func(ctx context.Context, c *Client, pageSize int) iter.Seq2[string, error] {
		return conformance.Keys(c.Affiliates.List(ctx, pageOptions(pageSize)), func(a *Affiliate) string {
			return strconv.FormatInt(a.NetworkAffiliateID, 10)
		})
	},
	Page: func(ctx context.Context, c *Client, pageSize int) error {
		_, _, err := c.Affiliates.ListPage(ctx, pageOptions(pageSize))
		return err
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
	Create: func(ctx context.Context, c *Client, _ *everflowtest.Server) error {
		_, err := c.Affiliates.Create(ctx, &AffiliateCreateParams{Name: "Keep Alive", AccountStatus: AccountActive,
			Billing: &Billing{BillingFrequency: "monthly", PaymentType: "none", Details: &BillingDetails{DayOfMonth: 1}}})
		return err
	},
}

// pageOptions returns the list options of pageSize affiliates a page, or
// none for 0.
func pageOptions(pageSize int) *AffiliateListOptions {
	if pageSize == 0 {
		return nil
	}
	return &AffiliateListOptions{ListParams: ListParams{PerPage: pageSize}}
}

// TestBodiesDrainedKeepAliveReused runs sequential calls through
// successes, retried faults, error statuses and bodies that are not the
// expected JSON: every body is drained and closed, so one keep-alive
// connection carries them all.
func TestBodiesDrainedKeepAliveReused(t *testing.T) {
	conformance.BodiesDrainedKeepAliveReused(t, adapter)
}

// TestConcurrentUseBy64Goroutines shares one client between 64 goroutines
// listing and reading at once, through 429s and 503s, under -race.
func TestConcurrentUseBy64Goroutines(t *testing.T) {
	conformance.ConcurrentUse(t, 64, adapter)
}

// TestBodyOverMaxResponseBytes: a body larger than WithMaxResponseBytes is
// ErrMalformedResponse, read no further than the cap, never an
// out-of-memory.
func TestBodyOverMaxResponseBytes(t *testing.T) {
	conformance.BodyOverMaxResponseBytes(t, adapter)
}

// TestRedirectPolicy: a read redirected to another origin arrives there
// without credentials or Referer; a write is never redirected and says its
// outcome is unknown.
func TestRedirectPolicy(t *testing.T) { conformance.Redirects(t, adapter) }

// TestPageRepeats: a page seen before in the same list, adjacent or not,
// ends it with ErrMalformedResponse instead of a loop of duplicates.
func TestPageRepeats(t *testing.T) { conformance.PageRepeats(t, adapter) }

// TestByteOrderMark: a UTF-8 byte-order mark before a body is dropped, on
// lists and single reads alike.
func TestByteOrderMark(t *testing.T) { conformance.ByteOrderMark(t, adapter) }
