package v1_test

import (
	"testing"

	v1 "github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1/v1test"
	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
)

// TestBodiesDrainedKeepAliveReused runs sequential calls through
// successes, retried faults, error statuses and bodies that are not the
// expected JSON: every body is drained and closed, so one keep-alive
// connection carries them all.
func TestBodiesDrainedKeepAliveReused(t *testing.T) {
	conformance.BodiesDrainedKeepAliveReused(t, platform)
}

// TestConcurrentUseBy64Goroutines shares one client between 64 goroutines
// listing and reading at once, through 429s and 503s, under -race.
func TestConcurrentUseBy64Goroutines(t *testing.T) { conformance.ConcurrentUse(t, 64, platform) }

// TestConnectionReuse shows that paging keeps one keep-alive connection:
// 99 leads, one per page, take 99 sequential requests when the Link header
// names each next page, and 100 without it (the empty page ends the list);
// the server sees exactly one TCP connection either way.
func TestConnectionReuse(t *testing.T) {
	t.Run("link_header", func(t *testing.T) { conformance.ConnectionReuse(t, platform, 99, 99) })
	t.Run("no_link_header", func(t *testing.T) { conformance.ConnectionReuse(t, noLinkPlatform(), 99, 100) })
}

// noLinkPlatform is platform on a fake that sends no Link header.
func noLinkPlatform() platformtest.Platform[*v1test.Server, *v1.Client, v1.Option, *v1.Lead] {
	p := platform
	p.Start = func(t testing.TB, n int, _ platformtest.Fake) (*v1test.Server, []string) {
		srv := v1test.NewServer(v1test.WithoutLinkHeader())
		t.Cleanup(srv.Close)
		return srv, idsOf(srv.SeedLeads(n), func(l v1test.Lead) int64 { return l.ID })
	}
	return p
}

// TestBodyOverMaxResponseBytes: a body larger than WithMaxResponseBytes is
// ErrMalformedResponse, read no further than the cap, never an
// out-of-memory.
func TestBodyOverMaxResponseBytes(t *testing.T) { conformance.BodyOverMaxResponseBytes(t, platform) }

// TestRedirectPolicy: a read redirected to another origin arrives there
// without credentials or Referer; a write is never redirected and says its
// outcome is unknown.
func TestRedirectPolicy(t *testing.T) { conformance.Redirects(t, platform) }

// TestPageRepeats: a page seen before in the same list, adjacent or not,
// ends it with ErrMalformedResponse instead of a loop of duplicates.
func TestPageRepeats(t *testing.T) {
	conformance.PageRepeats(t, platform)
	t.Run("no_link_header", func(t *testing.T) { conformance.PageRepeats(t, noLinkPlatform()) })
}

// TestByteOrderMark: a UTF-8 byte-order mark before a body is dropped, on
// lists and single reads alike.
func TestByteOrderMark(t *testing.T) { conformance.ByteOrderMark(t, platform) }
