package refersion_test

import (
	"context"
	"iter"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	. "github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// adapter runs the internal/conformance checks on the affiliates list,
// reading affiliates by code and creating one as the write.
var adapter = conformance.Platform[*refersiontest.Server, *Client, Option]{
	Start: func(t *testing.T, n int, _ bool) (*refersiontest.Server, []string) {
		srv := refersiontest.NewServer()
		t.Cleanup(srv.Close)
		var codes []string
		for _, a := range srv.SeedAffiliates(n) {
			codes = append(codes, a.Code)
		}
		return srv, codes
	},
	URL:       func(srv *refersiontest.Server) string { return srv.URL },
	NewClient: resourceClient,
	UserClient: func(t *testing.T, baseURL string) *Client {
		c, err := NewClient(WithKeys(refersiontest.PublicKey, refersiontest.SecretKey), WithBaseURL(baseURL), WithRateLimit(0, 0), WithPrefetch(0))
		require.NoError(t, err)
		return c
	},
	MaxRetries:       WithMaxRetries,
	Prefetch:         WithPrefetch,
	MaxResponseBytes: WithMaxResponseBytes,
	List: func(ctx context.Context, c *Client, pageSize int) iter.Seq2[string, error] {
		return conformance.Keys(c.Affiliates.List(ctx, pageOptions(pageSize)), func(a *Affiliate) string { return a.Code })
	},
	Page: func(ctx context.Context, c *Client, pageSize int) error {
		_, _, err := c.Affiliates.ListPage(ctx, pageOptions(pageSize))
		return err
	},
	Get: func(ctx context.Context, c *Client, code string) error {
		_, err := c.Affiliates.GetByCode(ctx, code)
		return err
	},
	GetMissing: func(ctx context.Context, c *Client) error {
		_, err := c.Affiliates.GetByCode(ctx, "missing")
		return err
	},
	Create: func(ctx context.Context, c *Client, _ *refersiontest.Server) error {
		_, err := c.Affiliates.Create(ctx, &AffiliateCreateParams{FirstName: "Keep", LastName: "Alive", Email: "keepalive@example.org",
			Password: "Correct-h0rse", Status: AffiliateActive})
		return err
	},
}

// pageOptions returns the list options of pageSize affiliates a page,
// or none for 0.
func pageOptions(pageSize int) *AffiliateListOptions {
	if pageSize == 0 {
		return nil
	}
	return &AffiliateListOptions{PerPage: pageSize}
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
