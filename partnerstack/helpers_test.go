package partnerstack

import (
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
	"github.com/stretchr/testify/require"
)

// withClock injects a fake clock, so retry waits take no time.
func withClock(clk *testclock.Clock) Option {
	return Option(func(s *settings) error { s.Clock = clk; return nil })
}

// newVendor starts a fake and returns a Vendor API client for it, with a
// fake clock.
func newVendor(t *testing.T, serverOpts ...partnerstacktest.ServerOption) (*Client, *partnerstacktest.Server, *testclock.Clock) {
	t.Helper()
	srv := partnerstacktest.NewServer(serverOpts...)
	t.Cleanup(srv.Close)
	clk := testclock.New(time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC))
	c, err := NewClient(
		WithVendorKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey),
		WithBaseURL(srv.URL), withClock(clk))
	require.NoError(t, err)
	return c, srv, clk
}

// newPartner returns a Partner API client for srv.
func newPartner(t *testing.T, srv *partnerstacktest.Server) *PartnerClient {
	t.Helper()
	c, err := NewPartnerClient(WithAPIKey(partnerstacktest.APIKey), WithBaseURL(srv.URL),
		withClock(testclock.New(time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC))))
	require.NoError(t, err)
	return c
}

// collect drains an iterator.
func collect[T any](t *testing.T, seq func(func(*T, error) bool)) []*T {
	t.Helper()
	var out []*T
	for v, err := range seq {
		require.NoError(t, err)
		out = append(out, v)
	}
	return out
}

// cents returns n cents in no currency, as a caller builds a param.
func cents(n int64) Amount {
	a, err := AmountFromMinorUnits(n, 2, "")
	if err != nil {
		panic(err)
	}
	return a
}

// centsIn returns a as whole cents, failing the test otherwise.
func centsIn(t *testing.T, a Amount) int64 {
	t.Helper()
	n, err := a.MinorUnits("USD")
	require.NoError(t, err)
	return n
}

// mustParse returns ParseAmount's amount, panicking on an error.
func mustParse(text, currency string) Amount {
	a, err := ParseAmount(text, currency)
	if err != nil {
		panic(err)
	}
	return a
}
