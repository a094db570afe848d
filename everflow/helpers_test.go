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
	srv := everflowtest.NewServer(everflowtest.WithDemoData())
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
