package refersion

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/leakcheck"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// TestMain fails the package's tests if any of them leaves a goroutine
// running: a connection whose body was never closed, a retry loop that
// outlived its context.
func TestMain(m *testing.M) { leakcheck.Main(m) }

// resourceClient returns a client of srv on hc with a fake clock.
func resourceClient(t *testing.T, srv *refersiontest.Server, hc *http.Client, opts ...Option) *Client {
	t.Helper()
	clk := testclock.New(time.Date(2025, time.March, 3, 12, 0, 0, 0, time.UTC))
	c, err := NewClient(append([]Option{
		WithBaseURL(srv.URL), WithKeys(refersiontest.PublicKey, refersiontest.SecretKey),
		WithHTTPClient(hc), withClock(clk),
	}, opts...)...)
	require.NoError(t, err)
	return c
}

// TestNoLeakAfterBreakCancelOrError leaves a list by breaking out of it, by
// cancelling its context mid-list and during a response that never
// finishes, and by errors after retries; once the pool's idle keep-alive
// connections are closed, no goroutine or connection the calls started is
// left, with the server still running.
func TestNoLeakAfterBreakCancelOrError(t *testing.T) {
	srv := refersiontest.NewServer()
	defer srv.Close()
	srv.SeedAffiliates(30)
	dc := leakcheck.NewDialCounter()
	c := resourceClient(t, srv, dc.Client(), WithMaxRetries(1))
	opts := &AffiliateListOptions{Limit: 5}
	before := leakcheck.Snapshot()

	for _, err := range c.Affiliates.List(context.Background(), opts) {
		require.NoError(t, err)
		break
	}

	// Cancelled on page 2: the page's records already read are yielded,
	// then the context error ends the list before page 3 is requested.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv.ResetRequests()
	var last error
	for _, err := range c.Affiliates.List(ctx, opts) {
		if last = err; err != nil {
			break
		}
		if srv.RequestCount() == 2 {
			cancel()
		}
	}
	assert.ErrorIs(t, last, context.Canceled)
	assert.Equal(t, 2, srv.RequestCount())

	srv.Inject(1, refersiontest.Fault{Hang: true})
	hctx, hcancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	_, _, err := c.Affiliates.ListPage(hctx, opts)
	hcancel()
	assert.ErrorIs(t, err, context.DeadlineExceeded)

	srv.Inject(2, refersiontest.Fault{Status: http.StatusBadGateway, Body: "<html>bad gateway</html>"})
	_, _, err = c.Affiliates.ListPage(context.Background(), opts)
	assert.ErrorIs(t, err, ErrServer)
	srv.Inject(2, refersiontest.Fault{Truncate: true})
	_, _, err = c.Affiliates.ListPage(context.Background(), opts)
	assert.ErrorIs(t, err, ErrMalformedResponse)
	srv.Inject(1, refersiontest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "3600"})
	_, _, err = c.Affiliates.ListPage(context.Background(), opts)
	assert.ErrorIs(t, err, ErrRateLimited)

	dc.Transport.CloseIdleConnections()
	if leaked := leakcheck.Leaked(before, 3*time.Second); len(leaked) > 0 {
		t.Fatal(leakcheck.Format(leaked))
	}
}
