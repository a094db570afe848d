package partnerstack_test

import (
	"context"
	"iter"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

// adapter runs the internal/conformance checks on the partnerships list
// of the Vendor API, with customers for the missing read and the write.
// The list need not keep the order the fake holds the partnerships in.
var adapter = conformance.Platform[*partnerstacktest.Server, *partnerstack.Client, partnerstack.Option]{
	Start: func(t *testing.T, n int, _ bool) (*partnerstacktest.Server, []string) {
		srv := partnerstacktest.NewServer()
		t.Cleanup(srv.Close)
		srv.SeedPartnerships(n)
		var keys []string
		for _, p := range srv.Partnerships() {
			keys = append(keys, p.Key)
		}
		return srv, keys
	},
	URL:       func(srv *partnerstacktest.Server) string { return srv.URL },
	NewClient: resourceClient,
	UserClient: func(t *testing.T, baseURL string) *partnerstack.Client {
		c, err := partnerstack.NewClient(partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey), partnerstack.WithBaseURL(baseURL), partnerstack.WithRateLimit(0, 0), partnerstack.WithPrefetch(0))
		require.NoError(t, err)
		return c
	},
	MaxRetries:       partnerstack.WithMaxRetries,
	Prefetch:         partnerstack.WithPrefetch,
	MaxResponseBytes: partnerstack.WithMaxResponseBytes,
	List: func(ctx context.Context, c *partnerstack.Client, pageSize int) iter.Seq2[string, error] {
		return conformance.Keys(c.Partnerships.List(ctx, pageOptions(pageSize)), func(p *partnerstack.Partnership) string { return p.Key })
	},
	Page: func(ctx context.Context, c *partnerstack.Client, pageSize int) error {
		_, _, err := c.Partnerships.ListPage(ctx, pageOptions(pageSize))
		return err
	},
	Get: func(ctx context.Context, c *partnerstack.Client, key string) error {
		_, err := c.Partnerships.Get(ctx, key)
		return err
	},
	GetMissing: func(ctx context.Context, c *partnerstack.Client) error {
		_, err := c.Customers.Get(ctx, "cus_missing")
		return err
	},
	Create: func(ctx context.Context, c *partnerstack.Client, srv *partnerstacktest.Server) error {
		partner := srv.Partnerships()[0].PartnerKey
		_, err := c.Customers.Create(ctx, &partnerstack.CustomerCreateParams{Email: "keepalive@example.com", PartnerKey: partner})
		return err
	},
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
