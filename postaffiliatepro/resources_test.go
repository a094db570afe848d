package postaffiliatepro_test

import (
	"context"
	"iter"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

// adapter runs the internal/conformance checks on the affiliates list,
// with affiliate creation as the write.
var adapter = conformance.Platform[*postaffiliateprotest.Server, *postaffiliatepro.Client, postaffiliatepro.Option]{
	// The fake's token bucket runs on the wall clock: a check that sends
	// more requests than its burst, or whose client's fake clock never
	// waits for a refill, starts it with the bucket off.
	Start: func(t *testing.T, n int, unthrottled bool) (*postaffiliateprotest.Server, []string) {
		var opts []postaffiliateprotest.ServerOption
		if unthrottled {
			opts = append(opts, postaffiliateprotest.WithRateLimit(0, 0))
		}
		srv := postaffiliateprotest.NewServer(opts...)
		t.Cleanup(srv.Close)
		srv.SeedAffiliates(n)
		var ids []string
		for _, a := range srv.Affiliates() {
			ids = append(ids, a.ID)
		}
		return srv, ids
	},
	URL:       func(srv *postaffiliateprotest.Server) string { return srv.URL },
	NewClient: resourceClient,
	UserClient: func(t *testing.T, baseURL string) *postaffiliatepro.Client {
		c, err := postaffiliatepro.NewClient(postaffiliatepro.WithAPIKey(postaffiliateprotest.APIKey), postaffiliatepro.WithBaseURL(baseURL), postaffiliatepro.WithRateLimit(0, 0), postaffiliatepro.WithPrefetch(0))
		require.NoError(t, err)
		return c
	},
	MaxRetries:       postaffiliatepro.WithMaxRetries,
	Prefetch:         postaffiliatepro.WithPrefetch,
	MaxResponseBytes: postaffiliatepro.WithMaxResponseBytes,
	List: func(ctx context.Context, c *postaffiliatepro.Client, pageSize int) iter.Seq2[string, error] {
		return conformance.Keys(c.Affiliates.List(ctx, pageOptions(pageSize)), func(a *postaffiliatepro.Affiliate) string { return a.ID })
	},
	Page: func(ctx context.Context, c *postaffiliatepro.Client, pageSize int) error {
		_, _, err := c.Affiliates.ListPage(ctx, pageOptions(pageSize))
		return err
	},
	Get: func(ctx context.Context, c *postaffiliatepro.Client, id string) error {
		_, err := c.Affiliates.Get(ctx, id)
		return err
	},
	GetMissing: func(ctx context.Context, c *postaffiliatepro.Client) error {
		_, err := c.Affiliates.Get(ctx, "missing")
		return err
	},
	Create: func(ctx context.Context, c *postaffiliatepro.Client, _ *postaffiliateprotest.Server) error {
		_, err := c.Affiliates.Create(ctx, &postaffiliatepro.AffiliateCreateParams{Username: "keepalive@example.com", FirstName: "Keep"})
		return err
	},
}

// pageOptions returns the list options of pageSize affiliates a page, or
// none for 0.
func pageOptions(pageSize int) *postaffiliatepro.AffiliateListOptions {
	if pageSize == 0 {
		return nil
	}
	return &postaffiliatepro.AffiliateListOptions{ListParams: postaffiliatepro.ListParams{PerPage: pageSize}}
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
