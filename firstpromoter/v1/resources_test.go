package v1_test

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1/v1test"
	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
)

// createSeq numbers the promoters the conformance writes create, so each
// has its own email.
var createSeq atomic.Int64

// adapter runs the internal/conformance checks on the leads list, with
// promoter creation as the write.
var adapter = conformance.Platform[*v1test.Server, *v1.Client, v1.Option]{
	Start: func(t *testing.T, n int, _ bool) (*v1test.Server, []string) {
		srv := v1test.NewServer()
		t.Cleanup(srv.Close)
		return srv, idsOf(srv.SeedLeads(n), func(l v1test.Lead) int64 { return l.ID })
	},
	URL:       func(srv *v1test.Server) string { return srv.URL },
	NewClient: resourceClient,
	UserClient: func(t *testing.T, baseURL string) *v1.Client {
		c, err := v1.NewClient(v1.WithAPIKey(v1test.APIKey), v1.WithBaseURL(baseURL), v1.WithRateLimit(0, 0))
		require.NoError(t, err)
		return c
	},
	MaxRetries:       v1.WithMaxRetries,
	Prefetch:         v1.WithPrefetch,
	MaxResponseBytes: v1.WithMaxResponseBytes,
	List: func(ctx context.Context, c *v1.Client, pageSize int) iter.Seq2[string, error] {
		return conformance.Keys(c.Leads.List(ctx, leadPage(pageSize)), func(l *v1.Lead) string { return strconv.FormatInt(l.ID, 10) })
	},
	Page: func(ctx context.Context, c *v1.Client, pageSize int) error {
		_, _, err := c.Leads.ListPage(ctx, leadPage(pageSize))
		return err
	},
	Get: func(ctx context.Context, c *v1.Client, key string) error {
		id, err := strconv.ParseInt(key, 10, 64)
		if err == nil {
			_, err = c.Leads.Get(ctx, id)
		}
		return err
	},
	GetMissing: func(ctx context.Context, c *v1.Client) error {
		_, err := c.Leads.Get(ctx, 999999)
		return err
	},
	Create: func(ctx context.Context, c *v1.Client, _ *v1test.Server) error {
		_, err := c.Promoters.Create(ctx, &v1.PromoterCreateParams{Email: fmt.Sprintf("keepalive%d@example.com", createSeq.Add(1))})
		return err
	},
}

// leadPage returns the list options of pageSize leads a page, or none
// for 0.
func leadPage(pageSize int) *v1.LeadListOptions {
	if pageSize == 0 {
		return nil
	}
	return &v1.LeadListOptions{ListParams: v1.ListParams{PerPage: pageSize}}
}

// idsOf returns the ids of records as strings.
func idsOf[R any](records []R, id func(R) int64) []string {
	out := make([]string, len(records))
	for i, r := range records {
		out[i] = strconv.FormatInt(id(r), 10)
	}
	return out
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

// TestConnectionReuse shows that paging keeps one keep-alive connection:
// 99 leads, one per page, take 99 sequential requests when the Link header
// names each next page, and 100 without it (the empty page ends the list);
// the server sees exactly one TCP connection either way.
func TestConnectionReuse(t *testing.T) {
	t.Run("link_header", func(t *testing.T) { conformance.ConnectionReuse(t, adapter, 99, 99) })
	t.Run("no_link_header", func(t *testing.T) { conformance.ConnectionReuse(t, noLinkAdapter(), 99, 100) })
}

// noLinkAdapter is adapter on a fake that sends no Link header.
func noLinkAdapter() conformance.Platform[*v1test.Server, *v1.Client, v1.Option] {
	p := adapter
	p.Start = func(t *testing.T, n int, _ bool) (*v1test.Server, []string) {
		srv := v1test.NewServer(v1test.WithoutLinkHeader())
		t.Cleanup(srv.Close)
		return srv, idsOf(srv.SeedLeads(n), func(l v1test.Lead) int64 { return l.ID })
	}
	return p
}

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
func TestPageRepeats(t *testing.T) {
	conformance.PageRepeats(t, adapter)
	t.Run("no_link_header", func(t *testing.T) { conformance.PageRepeats(t, noLinkAdapter()) })
}

// TestByteOrderMark: a UTF-8 byte-order mark before a body is dropped, on
// lists and single reads alike.
func TestByteOrderMark(t *testing.T) { conformance.ByteOrderMark(t, adapter) }
