package firstpromoter_test

import (
	"context"
	"iter"
	"strconv"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
)

// adapter runs the internal/conformance checks on the referrals list,
// with promoter creation as the write.
var adapter = conformance.Platform[*firstpromotertest.Server, *firstpromoter.Client, firstpromoter.Option]{
	Start: func(t *testing.T, n int, _ bool) (*firstpromotertest.Server, []string) {
		srv := firstpromotertest.NewServer()
		t.Cleanup(srv.Close)
		srv.SeedReferrals(n)
		return srv, idsOf(srv.Referrals(), func(r firstpromotertest.Referral) int64 { return r.ID })
	},
	URL:       func(srv *firstpromotertest.Server) string { return srv.URL },
	NewClient: resourceClient,
	UserClient: func(t *testing.T, baseURL string) *firstpromoter.Client {
		c, err := firstpromoter.NewClient(firstpromoter.WithAPIKey(firstpromotertest.APIKey), firstpromoter.WithAccountID(firstpromotertest.AccountID), firstpromoter.WithBaseURL(baseURL), firstpromoter.WithRateLimit(0, 0), firstpromoter.WithPrefetch(0))
		require.NoError(t, err)
		return c
	},
	MaxRetries:       firstpromoter.WithMaxRetries,
	Prefetch:         firstpromoter.WithPrefetch,
	MaxResponseBytes: firstpromoter.WithMaxResponseBytes,
	List: func(ctx context.Context, c *firstpromoter.Client, pageSize int) iter.Seq2[string, error] {
		return conformance.Keys(c.Referrals.List(ctx, pageOptions(pageSize)), func(r *firstpromoter.Referral) string { return strconv.FormatInt(r.ID, 10) })
	},
	Page: func(ctx context.Context, c *firstpromoter.Client, pageSize int) error {
		_, _, err := c.Referrals.ListPage(ctx, pageOptions(pageSize))
		return err
	},
	Get: func(ctx context.Context, c *firstpromoter.Client, key string) error {
		id, err := strconv.ParseInt(key, 10, 64)
		if err == nil {
			_, err = c.Referrals.Get(ctx, id)
		}
		return err
	},
	GetMissing: func(ctx context.Context, c *firstpromoter.Client) error {
		_, err := c.Referrals.Get(ctx, 999999)
		return err
	},
	Create: func(ctx context.Context, c *firstpromoter.Client, _ *firstpromotertest.Server) error {
		_, err := c.Promoters.Create(ctx, &firstpromoter.PromoterCreateParams{Email: "keepalive@example.com"})
		return err
	},
}

// pageOptions returns the list options of pageSize referrals a page, or
// none for 0.
func pageOptions(pageSize int) *firstpromoter.ReferralListOptions {
	if pageSize == 0 {
		return nil
	}
	return &firstpromoter.ReferralListOptions{ListParams: firstpromoter.ListParams{PerPage: pageSize}}
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
func TestConcurrentUseBy64Goroutines(t *testing.T) { conformance.ConcurrentUse(t, 64, adapter) }

// TestBodyOverMaxResponseBytes: a body larger than WithMaxResponseBytes is
// ErrMalformedResponse, read no further than the cap, never an
// out-of-memory.
func TestBodyOverMaxResponseBytes(t *testing.T) { conformance.BodyOverMaxResponseBytes(t, adapter) }

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
