package v1_test

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1/v1test"
	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/internal/leakcheck"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

// TestMain fails the package's tests if any of them leaves a goroutine
// running: a connection whose body was never closed, a retry loop that
// outlived its context.
func TestMain(m *testing.M) { leakcheck.Main(m) }

// testClock is the fake clock of the test clients, so retry waits take no
// time.
func testClock() *testclock.Clock {
	return testclock.New(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
}

// resourceClient returns a client of srv on hc with a fake clock.
func resourceClient(t *testing.T, srv *v1test.Server, hc *http.Client, opts ...v1.Option) *v1.Client {
	t.Helper()
	clk := testClock()
	c, err := v1.NewClient(append([]v1.Option{
		v1.WithBaseURL(srv.URL), v1.WithAPIKey(v1test.APIKey),
		v1.WithHTTPClient(hc), v1.WithClock(clk),
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
	conformance.NoLeakAfterBreakCancelOrError(t, adapter)
}
