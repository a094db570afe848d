package partnerstack_test

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

// TestConnectionReuse shows that paging keeps one keep-alive connection:
// 100 partnerships, one per page, take 100 sequential requests through List,
// and the server sees exactly one TCP connection. A response body left
// unread or unclosed anywhere on the path would open a new one per page.
func TestConnectionReuse(t *testing.T) {
	fake := partnerstacktest.NewServer()
	defer fake.Close()
	fake.SeedPartnerships(100)

	// The fake's own handler, behind a server that counts connections.
	var conns, requests atomic.Int64
	handler := fake.HTTPServer().Config.Handler
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		handler.ServeHTTP(w, r)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	fakeURL, err := url.Parse(fake.URL)
	require.NoError(t, err)

	c, err := partnerstack.NewClient(partnerstack.WithVendorKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey), partnerstack.WithBaseURL(srv.URL+fakeURL.Path))
	require.NoError(t, err)
	n := 0
	for _, err := range c.Partnerships.List(context.Background(), &partnerstack.PartnershipListOptions{ListParams: partnerstack.ListParams{Limit: 1}}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 100, n)
	assert.EqualValues(t, 100, requests.Load(), "page requests")
	assert.EqualValues(t, 1, conns.Load(), "TCP connections")
}
