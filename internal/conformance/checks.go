package conformance

import (
	"context"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
	"github.com/affiliatekit/affiliatekit-go/internal/leakcheck"
	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// ConnectionReuse shows that paging keeps one keep-alive connection: the
// given number of records, one per page, take the given number of
// sequential requests through List on a client as a user builds it, and
// the server sees exactly one TCP connection. A response body left unread
// or unclosed anywhere on the path would open a new one per page.
func ConnectionReuse[S platformtest.Server, C platformtest.Client, O, R any](t *testing.T, p platformtest.Platform[S, C, O, R], records, requests int) {
	fake, _ := p.Start(t, records, platformtest.Fake{Unthrottled: true})

	// The fake's own handler, behind a server that counts connections.
	var conns, served atomic.Int64
	handler := fake.HTTPServer().Config.Handler
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		served.Add(1)
		handler.ServeHTTP(w, r)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	fakeURL, err := url.Parse(p.URL(fake))
	require.NoError(t, err)

	c := p.UserClient(t, srv.URL+fakeURL.Path, p.Prefetch(0))
	n := 0
	for _, err := range p.Keys(p.List(context.Background(), c, 1)) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, records, n)
	assert.EqualValues(t, requests, served.Load(), "page requests")
	assert.EqualValues(t, 1, conns.Load(), "TCP connections")
}

// NoLeakAfterBreakCancelOrError leaves a list by breaking out of it, by
// cancelling its context mid-list and during a response that never
// finishes, and by errors after retries; then it runs more, the platform's
// own calls on the same server and client, if any. Once the pool's idle
// keep-alive connections are closed, no goroutine or connection the calls
// started is left, with the server still running.
func NoLeakAfterBreakCancelOrError[S platformtest.Server, C platformtest.Client, O, R any](t *testing.T, p platformtest.Platform[S, C, O, R], more ...func(t *testing.T, srv S, c C)) {
	srv, _ := p.Start(t, 30, platformtest.Fake{})
	dc := leakcheck.NewDialCounter()
	c := p.NewClient(t, srv, dc.Client(), p.MaxRetries(1))
	const pageSize = 5
	before := leakcheck.Snapshot()

	for _, err := range p.Keys(p.List(context.Background(), c, pageSize)) {
		require.NoError(t, err)
		break
	}

	// Cancelled once page 2 is asked for: the records already read are
	// yielded, then the context error ends the list.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	srv.ResetRequests()
	var last error
	for _, err := range p.Keys(p.List(ctx, c, pageSize)) {
		if last = err; err != nil {
			break
		}
		if srv.RequestCount() >= 2 {
			cancel()
		}
	}
	assert.ErrorIs(t, last, context.Canceled)
	// The client prefetches: the page fetched ahead may have been asked
	// for, and was cancelled; no request follows it.
	assert.LessOrEqual(t, srv.RequestCount(), 3)

	srv.Inject(1, fakeserver.Fault{Hang: true})
	hctx, hcancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	_, err := p.Page(hctx, c, pageSize)
	hcancel()
	assert.ErrorIs(t, err, context.DeadlineExceeded)

	// Errors the one retry does not get past: a gateway error page and a
	// body cut short on both attempts, and a wait longer than the client
	// sleeps.
	for _, tc := range []struct {
		n     int
		fault fakeserver.Fault
		want  error
	}{
		{2, fakeserver.Fault{Status: http.StatusBadGateway, Body: "<html>bad gateway</html>"}, transport.ErrServer},
		{2, fakeserver.Fault{Truncate: true}, transport.ErrMalformedResponse},
		{1, fakeserver.Fault{Status: http.StatusTooManyRequests, RetryAfter: "3600"}, transport.ErrRateLimited},
	} {
		srv.Inject(tc.n, tc.fault)
		_, err := p.Page(context.Background(), c, pageSize)
		assert.ErrorIs(t, err, tc.want, "%d x %+v", tc.n, tc.fault)
	}

	for _, m := range more {
		m(t, srv, c)
	}

	dc.Transport.CloseIdleConnections()
	if leaked := leakcheck.Leaked(before, 3*time.Second); len(leaked) > 0 {
		t.Fatal(leakcheck.Format(leaked))
	}
}

// BodiesDrainedKeepAliveReused runs sequential calls through successes,
// retried faults, error statuses and bodies that are not the expected
// JSON: every body is drained and closed, so one keep-alive connection
// carries them all.
func BodiesDrainedKeepAliveReused[S platformtest.Server, C platformtest.Client, O, R any](t *testing.T, p platformtest.Platform[S, C, O, R]) {
	srv, _ := p.Start(t, 12, platformtest.Fake{})
	dc := leakcheck.NewDialCounter()
	defer dc.Transport.CloseIdleConnections()
	// Pages one after another: the check counts connections.
	c := p.NewClient(t, srv, dc.Client(), p.MaxRetries(2), p.Prefetch(0))
	ctx := context.Background()
	const pageSize = 5

	n := 0
	for _, err := range p.Keys(p.List(ctx, c, pageSize)) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 12, n)
	assert.ErrorIs(t, p.GetMissing(ctx, c), transport.ErrNotFound)
	for _, f := range faultmatrix.RetriedFaults() {
		srv.Inject(1, f)
		_, err := p.Page(ctx, c, pageSize)
		require.NoError(t, err, "%+v is retried", f)
	}
	for _, tc := range []struct {
		status int
		want   error
	}{
		{http.StatusBadRequest, transport.ErrInvalidRequest},
		{http.StatusBadGateway, transport.ErrServer},
	} {
		srv.Inject(1, fakeserver.Fault{Status: tc.status})
		_, err := p.Create(ctx, c, srv)
		assert.ErrorIs(t, err, tc.want, "write answered %d", tc.status)
	}

	assert.Equal(t, 1, dc.Dials(), "every call reused the first connection")
}

// ConcurrentUse shares one client between goroutines listing (the even
// ones) and reading one record each (the odd ones) at once, through 16
// 429s and 16 503s, under -race. Every list yields all the seeded records.
func ConcurrentUse[S platformtest.Server, C platformtest.Client, O, R any](t *testing.T, goroutines int, p platformtest.Platform[S, C, O, R]) {
	// A fake's own quota runs on the wall clock, which the client's fake
	// clock does not advance: only the injected faults are wanted here,
	// so the check asks for the start unthrottled.
	srv, want := p.Start(t, 25, platformtest.Fake{Unthrottled: true})
	dc := leakcheck.NewDialCounter()
	defer dc.Transport.CloseIdleConnections()
	// Every call may meet every injected fault: the budget covers them.
	c := p.NewClient(t, srv, dc.Client(), p.MaxRetries(40))
	srv.Inject(16, fakeserver.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1"})
	srv.Inject(16, fakeserver.Fault{Status: http.StatusServiceUnavailable})

	faultmatrix.Concurrently(t, goroutines, func(g int) error {
		ctx := context.Background()
		if g%2 == 0 {
			var got []string
			for key, err := range p.Keys(p.List(ctx, c, 10)) {
				if err != nil {
					return err
				}
				got = append(got, key)
			}
			if p.Unordered {
				assert.ElementsMatch(t, want, got)
			} else {
				assert.Equal(t, want, got)
			}
			return nil
		}
		if err := p.Get(ctx, c, want[g%len(want)]); err != nil {
			return err
		}
		_ = c.RateLimit()
		return nil
	})
}

// BodyOverMaxResponseBytes: a body larger than the client's
// WithMaxResponseBytes (2 KiB here) is ErrMalformedResponse, read no
// further than the cap, never an out-of-memory; under the cap the same
// client works.
func BodyOverMaxResponseBytes[S platformtest.Server, C platformtest.Client, O, R any](t *testing.T, p platformtest.Platform[S, C, O, R]) {
	srv, _ := p.Start(t, 50, platformtest.Fake{})
	c := p.NewClient(t, srv, &http.Client{}, p.MaxResponseBytes(2048), p.MaxRetries(0))
	_, err := p.Page(context.Background(), c, 0)
	require.ErrorIs(t, err, transport.ErrMalformedResponse)
	assert.ErrorContains(t, err, "maximum size")
	var apiErr *transport.Error
	require.ErrorAs(t, err, &apiErr)
	assert.LessOrEqual(t, len(apiErr.Body), 4096)

	// Under the cap the same client works.
	_, err = p.Page(context.Background(), c, 1)
	assert.NoError(t, err)
}
