package postaffiliatepro_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

// testStart is the fake clock's start in tests.
var testStart = time.Date(2026, time.April, 20, 9, 0, 0, 0, time.UTC)

// fixture is a fake server and a client pointed at it, both on one fake
// clock, so retry waits are instant and refill the server's rate limit.
type fixture struct {
	srv    *postaffiliateprotest.Server
	client *postaffiliatepro.Client
	clock  *testclock.Clock
}

// newFixture starts a fake with srvOpts and a client with opts.
func newFixture(t *testing.T, srvOpts []postaffiliateprotest.ServerOption, opts ...postaffiliatepro.Option) *fixture {
	t.Helper()
	clk := testclock.New(testStart)
	srvOpts = append([]postaffiliateprotest.ServerOption{postaffiliateprotest.WithClock(clk.Now)}, srvOpts...)
	srv := postaffiliateprotest.NewServer(srvOpts...)
	t.Cleanup(srv.Close)
	base := []postaffiliatepro.Option{postaffiliatepro.WithBaseURL(srv.URL), postaffiliatepro.WithAPIKey(postaffiliateprotest.APIKey), postaffiliatepro.WithClock(clk)}
	client, err := postaffiliatepro.NewClient(append(base, opts...)...)
	require.NoError(t, err)
	return &fixture{srv: srv, client: client, clock: clk}
}

// srvOpts is shorthand for a list of server options.
func srvOpts(opts ...postaffiliateprotest.ServerOption) []postaffiliateprotest.ServerOption {
	return opts
}

// amount parses decimal text in major units, failing the test on error.
func amount(t testing.TB, text string) postaffiliatepro.Amount {
	t.Helper()
	a, err := postaffiliatepro.ParseAmount(text, "")
	require.NoError(t, err)
	return a
}

// requireSameValue asserts that got equals want by value (25 equals
// 25.00), currencies apart.
func requireSameValue(t testing.TB, want, got postaffiliatepro.Amount, msgAndArgs ...any) {
	t.Helper()
	c, err := want.WithCurrency("").Cmp(got.WithCurrency(""))
	require.NoError(t, err, msgAndArgs...)
	require.Zero(t, c, append([]any{"want %s, got %s", want, got}, msgAndArgs...)...)
}
