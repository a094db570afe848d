package v1_test

import (
	"testing"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1/v1test"
	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
)

// TestConformance runs the shared checks on the leads list (conformance.Checks):
// bodies drained on one keep-alive connection, no leak after a list is
// broken off, cancelled or failed, one client shared by 64 goroutines, the
// response size cap, redirects, repeated pages and byte-order marks.
func TestConformance(t *testing.T) { conformance.Checks(t, platform) }

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

// TestPageRepeatsWithoutLinkHeader: without the Link header too, a page
// seen before in the same list ends it with ErrMalformedResponse instead
// of a loop of duplicates.
func TestPageRepeatsWithoutLinkHeader(t *testing.T) { conformance.PageRepeats(t, noLinkPlatform()) }
