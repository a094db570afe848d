package postaffiliateprotest_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

// TestClient: Server.Client talks to the fake with APIKey, and the
// caller's options come last (a read-only key is refused a write).
func TestClient(t *testing.T) {
	srv := postaffiliateprotest.NewServer(postaffiliateprotest.WithDemoData())
	t.Cleanup(srv.Close)
	ctx := context.Background()

	c, err := srv.Client()
	require.NoError(t, err)
	a, err := c.Affiliates.Get(ctx, srv.Affiliates()[0].ID)
	require.NoError(t, err)
	assert.Equal(t, srv.Affiliates()[0].ID, a.ID)

	ro, err := srv.Client(postaffiliatepro.WithAPIKey(postaffiliateprotest.ReadOnlyAPIKey))
	require.NoError(t, err)
	_, err = ro.Affiliates.Create(ctx, &postaffiliatepro.AffiliateCreateParams{Username: "ro@example.com"})
	require.ErrorIs(t, err, postaffiliatepro.ErrForbidden)
}

// TestClockPairing: without the client's throttle, the fake's bucket
// answers 429s that the client waits out on the shared fake clock, in no
// real time.
func TestClockPairing(t *testing.T) {
	clk := postaffiliateprotest.NewClock(time.Date(2026, 4, 20, 9, 0, 0, 0, time.UTC))
	srv := postaffiliateprotest.NewServer(postaffiliateprotest.WithClock(clk.Now), postaffiliateprotest.WithRateLimit(3, time.Minute))
	t.Cleanup(srv.Close)
	srv.SeedCampaigns(1)
	c, err := srv.Client(postaffiliatepro.WithClock(clk), postaffiliatepro.WithRateLimit(0, 0))
	require.NoError(t, err)
	start := time.Now()
	for range 6 {
		_, err := c.Campaigns.Get(context.Background(), srv.Campaigns()[0].ID)
		require.NoError(t, err)
	}
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.GreaterOrEqual(t, clk.Total(), 40*time.Second, "three tokens refilled at 20s each, less the time already passed")
}
