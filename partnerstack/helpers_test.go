package partnerstack_test

import (
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
	"github.com/stretchr/testify/require"
)

// newVendor starts a fake and returns a Vendor API client for it, with a
// fake clock.
func newVendor(t *testing.T, serverOpts ...partnerstacktest.ServerOption) (*partnerstack.Client, *partnerstacktest.Server, *testclock.Clock) {
	t.Helper()
	srv := partnerstacktest.NewServer(serverOpts...)
	t.Cleanup(srv.Close)
	clk := testclock.New(time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC))
	c, err := partnerstack.NewClient(
		partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey),
		partnerstack.WithBaseURL(srv.URL), partnerstack.WithClock(clk))
	require.NoError(t, err)
	return c, srv, clk
}

// newPartner returns a Partner API client for srv.
func newPartner(t *testing.T, srv *partnerstacktest.Server) *partnerstack.PartnerClient {
	t.Helper()
	c, err := partnerstack.NewPartnerClient(partnerstack.WithAPIKey(partnerstacktest.APIKey), partnerstack.WithBaseURL(srv.URL),
		partnerstack.WithClock(testclock.New(time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC))))
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
func cents(n int64) partnerstack.Amount {
	a, err := partnerstack.AmountFromMinorUnits(n, 2, "")
	if err != nil {
		panic(err)
	}
	return a
}

// centsIn returns a as whole cents, failing the test otherwise.
func centsIn(t *testing.T, a partnerstack.Amount) int64 {
	t.Helper()
	n, err := a.MinorUnits("USD")
	require.NoError(t, err)
	return n
}

// mustParse returns ParseAmount's amount, panicking on an error.
func mustParse(text, currency string) partnerstack.Amount {
	a, err := partnerstack.ParseAmount(text, currency)
	if err != nil {
		panic(err)
	}
	return a
}
