package everflow_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

// feb is a day of February 2024, where the fake's seeded data lives.
func feb(day int) time.Time { return time.Date(2024, time.February, day, 0, 0, 0, 0, time.UTC) }

// newTestClient returns a client of srv with a fake clock.
func newTestClient(t *testing.T, srv *everflowtest.Server, opts ...Option) (*Client, *everflowtest.Clock) {
	t.Helper()
	clk := everflowtest.NewClock(time.Date(2024, time.March, 1, 12, 0, 0, 0, time.UTC))
	c, err := srv.Client(append([]Option{WithClock(clk)}, opts...)...)
	require.NoError(t, err)
	return c, clk
}

// demo starts a fake with the demo data and a client of it.
func demo(t *testing.T, opts ...Option) (*everflowtest.Server, *Client, *everflowtest.Clock) {
	t.Helper()
	srv := newFakeServer(everflowtest.WithDemoData())
	t.Cleanup(srv.Close)
	c, clk := newTestClient(t, srv, opts...)
	return srv, c, clk
}

// mustAmount parses decimal text in major units, currency unknown.
func mustAmount(t *testing.T, text string) Amount {
	t.Helper()
	a, err := ParseAmount(text, "")
	require.NoError(t, err)
	return a
}

// seedNow is the fake server's time when it starts in these tests: the
// fake seeds its clicks, conversions and postback rows over the 28 days
// before it, which makes them February 2024.
var seedNow = time.Date(2024, time.February, 29, 0, 0, 0, 0, time.UTC)

// newFakeServer starts a fake whose clock starts at seedNow and runs on in
// real time (so that its rate-limit windows pass); opts may replace it.
func newFakeServer(opts ...everflowtest.ServerOption) *everflowtest.Server {
	start := time.Now()
	clock := func() time.Time { return seedNow.Add(time.Since(start)) }
	return everflowtest.NewServer(append([]everflowtest.ServerOption{everflowtest.WithClock(clock)}, opts...)...)
}
