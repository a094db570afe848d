package postaffiliatepro_test

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	pt "github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

func TestRateLimitedWithRetryAfterIsRetried(t *testing.T) {
	f := newFixture(t, srvOpts(pt.WithDemoData()))
	f.srv.Inject(1, pt.Fault{Status: http.StatusTooManyRequests, RetryAfter: "3"})
	a, err := f.client.Affiliates.Get(context.Background(), f.srv.Affiliates()[0].ID)
	require.NoError(t, err)
	assert.Equal(t, "Alice", a.FirstName)
	assert.Equal(t, 2, f.srv.RequestCount())
	assert.Equal(t, []time.Duration{3 * time.Second}, f.clock.Sleeps())
}

func TestRateLimitedWithOnlyResetWaitsUntilReset(t *testing.T) {
	f := newFixture(t, srvOpts(pt.WithDemoData()))
	reset := f.clock.Now().Add(2 * time.Second).Unix()
	f.srv.Inject(1, pt.Fault{Status: http.StatusTooManyRequests, Header: http.Header{
		"X-Ratelimit-Limit":     {"100"},
		"X-Ratelimit-Remaining": {"0"},
		"X-Ratelimit-Reset":     {strconv.FormatInt(reset, 10)},
	}})
	start := f.clock.Now()
	items, _, err := f.client.Transactions.ListPage(context.Background(), nil)
	require.NoError(t, err)
	assert.NotEmpty(t, items)
	assert.Equal(t, 2, f.srv.RequestCount())
	require.Len(t, f.clock.Sleeps(), 1)
	assert.InDelta(t, 2*time.Second, f.clock.Now().Sub(start), float64(time.Second), "waits about two seconds")
}

func TestRateLimitedUntilTomorrowFailsAtOnce(t *testing.T) {
	f := newFixture(t, srvOpts(pt.WithDemoData()))
	reset := f.clock.Now().Add(24 * time.Hour).Unix()
	f.srv.Inject(1, pt.Fault{Status: http.StatusTooManyRequests, Header: http.Header{
		"X-Ratelimit-Limit":     {"100"},
		"X-Ratelimit-Remaining": {"0"},
		"X-Ratelimit-Reset":     {strconv.FormatInt(reset, 10)},
	}})
	_, _, err := f.client.Transactions.ListPage(context.Background(), nil)
	require.ErrorIs(t, err, postaffiliatepro.ErrRateLimited)
	var apiErr *postaffiliatepro.Error
	require.ErrorAs(t, err, &apiErr)
	assert.InDelta(t, 24*time.Hour, apiErr.RetryAfter, float64(time.Second))
	assert.Equal(t, 1, f.srv.RequestCount())
	assert.Empty(t, f.clock.Sleeps(), "no sleeping when the wait exceeds the maximum")
	assert.Equal(t, 0, f.client.RateLimit().Remaining)
	assert.Equal(t, reset, f.client.RateLimit().Reset.Unix())
}

func TestServerTokenBucketIsWaitedOut(t *testing.T) {
	// A bucket of 3 per minute: the fourth request meets a 429 with
	// Retry-After 20, the client waits on the shared fake clock, and the
	// refilled bucket lets it through.
	// The client's own throttle is off: the server's bucket is under test.
	f := newFixture(t, srvOpts(pt.WithRateLimit(3, time.Minute)), postaffiliatepro.WithRateLimit(0, 0))
	f.srv.SeedAffiliates(50)
	n := 0
	for _, err := range f.client.Affiliates.List(context.Background(), &postaffiliatepro.AffiliateListOptions{ListParams: postaffiliatepro.ListParams{PerPage: 10}}) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 50, n)
	// 5 pages (the total ends the list), the last 2 after a 429 each.
	assert.Equal(t, 7, f.srv.RequestCount())
	assert.Equal(t, []time.Duration{20 * time.Second, 20 * time.Second}, f.clock.Sleeps())
}

func TestClientThrottleStaysUnderQuota(t *testing.T) {
	f := newFixture(t, srvOpts(pt.WithRateLimit(5, time.Minute)), postaffiliatepro.WithRateLimit(5, time.Minute))
	f.srv.SeedCampaigns(3)
	for range 8 {
		_, _, err := f.client.Campaigns.ListPage(context.Background(), nil)
		require.NoError(t, err)
	}
	assert.Equal(t, 8, f.srv.RequestCount(), "no 429: the client waited for its own window")
	// The requests are spread evenly, a little under the quota: every
	// wait is the same, and no more than five start in any minute.
	sleeps := f.clock.Sleeps()
	require.Len(t, sleeps, 7)
	for _, d := range sleeps {
		assert.Equal(t, sleeps[0], d)
	}
	assert.GreaterOrEqual(t, sleeps[0], time.Minute/5)
}

func TestCreateTransactionIsNotRetriedAfterBadGateway(t *testing.T) {
	f := newFixture(t, srvOpts(pt.WithDemoData()))
	before := len(f.srv.Transactions())
	f.srv.Inject(1, pt.Fault{Status: http.StatusBadGateway, Applied: true})
	_, err := f.client.Transactions.Create(context.Background(), &postaffiliatepro.TransactionCreateParams{
		AffiliateID: f.srv.Affiliates()[0].ID, TotalCost: amount(t, "120"),
	})
	require.ErrorIs(t, err, postaffiliatepro.ErrServer)
	assert.Equal(t, 1, f.srv.RequestCount(), "a credit is never sent twice")
	// The gateway failed after the server did the work: one commission.
	assert.Len(t, f.srv.Transactions(), before+1)
}

func TestCreateIsRetriedAfterRateLimit(t *testing.T) {
	// A 429 from the server's own bucket means the request was not
	// processed, so even a create is retried once the bucket refills.
	f := newFixture(t, srvOpts(pt.WithRateLimit(1, time.Minute)), postaffiliatepro.WithRateLimit(0, 0))
	_, _, err := f.client.Campaigns.ListPage(context.Background(), nil)
	require.NoError(t, err)
	a, err := f.client.Affiliates.Create(context.Background(), &postaffiliatepro.AffiliateCreateParams{Username: "retry@example.com"})
	require.NoError(t, err)
	assert.Equal(t, "retry@example.com", a.Username)
	assert.Equal(t, 3, f.srv.RequestCount())
	assert.Equal(t, []time.Duration{time.Minute}, f.clock.Sleeps())
	assert.Len(t, f.srv.Affiliates(), 1)
}

func TestUpdateIsRetriedAfterBadGateway(t *testing.T) {
	f := newFixture(t, srvOpts(pt.WithDemoData()))
	tx := f.srv.Transactions()[0]
	f.srv.Inject(1, pt.Fault{Status: http.StatusBadGateway, Applied: true})
	got, err := f.client.Transactions.Update(context.Background(), tx.ID, &postaffiliatepro.TransactionUpdateParams{OrderID: "ORD-NEW"})
	require.NoError(t, err)
	assert.Equal(t, "ORD-NEW", got.OrderID)
	assert.Equal(t, 2, f.srv.RequestCount())
}

func TestDroppedConnectionOnReadIsRetried(t *testing.T) {
	f := newFixture(t, srvOpts(pt.WithDemoData()))
	f.srv.Inject(1, pt.Fault{Drop: true})
	items, _, err := f.client.Banners.ListPage(context.Background(), nil)
	require.NoError(t, err)
	assert.Len(t, items, 12)
	assert.Equal(t, 2, f.srv.RequestCount())
}

func TestCancelledContextStopsRetrying(t *testing.T) {
	f := newFixture(t, srvOpts(pt.WithDemoData()))
	f.srv.Inject(5, pt.Fault{Status: http.StatusServiceUnavailable})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, _, err := f.client.Banners.ListPage(ctx, nil)
	require.Error(t, err)
	assert.True(t, errors.Is(err, context.Canceled), err.Error())
}
