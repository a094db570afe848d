package partnerstacktest_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

// TestClients: Server.Client and Server.PartnerClient talk to the fake
// with its credentials, the conversion host included, and the caller's
// options come last.
func TestClients(t *testing.T) {
	srv := partnerstacktest.NewServer(partnerstacktest.WithDemoData())
	t.Cleanup(srv.Close)
	ctx := context.Background()

	c, err := srv.Client()
	require.NoError(t, err)
	p, err := c.Partnerships.Get(ctx, partnerstacktest.PartnerPartnershipKey)
	require.NoError(t, err)
	assert.Equal(t, partnerstacktest.PartnerPartnerKey, p.PartnerKey)
	_, err = c.Conversions.Record(ctx, &partnerstack.ConversionParams{XID: "xid_1", CustomerKey: "cust_1"})
	require.NoError(t, err)
	assert.Len(t, srv.Conversions(), 1)

	pc, err := srv.PartnerClient()
	require.NoError(t, err)
	page, _, err := pc.Transactions.ListPage(ctx, nil)
	require.NoError(t, err)
	assert.NotEmpty(t, page)

	_, err = srv.Client(partnerstack.WithBaseURL("ftp://nowhere"))
	assert.Error(t, err, "the caller's options are applied last")
}

// TestClockPairing: the fake's quota and a client on one fake clock; the
// client waits out every 429 on that clock, in no real time.
func TestClockPairing(t *testing.T) {
	clk := partnerstacktest.NewClock(time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC))
	srv := partnerstacktest.NewServer(partnerstacktest.WithClock(clk.Now), partnerstacktest.WithRateLimit(5, time.Minute))
	t.Cleanup(srv.Close)
	srv.SeedPartnerships(3)
	c, err := srv.Client(partnerstack.WithClock(clk))
	require.NoError(t, err)
	start := time.Now()
	for range 12 {
		_, _, err := c.Partnerships.ListPage(context.Background(), nil)
		require.NoError(t, err)
	}
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Equal(t, 2*time.Minute, clk.Total(), "two windows waited out")
}
