package transport

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

// maxInWindow returns the largest number of starts within any window of
// length per.
func maxInWindow(starts []time.Time, per time.Duration) int {
	slices.SortFunc(starts, func(a, b time.Time) int { return a.Compare(b) })
	most := 0
	for i := range starts {
		n := 0
		for _, s := range starts[i:] {
			if s.Sub(starts[i]) < per {
				n++
			}
		}
		most = max(most, n)
	}
	return most
}

// The bucket spreads requests evenly after a small burst and never lets
// more than the quota start in any window, even when each start arrives
// up to the jitter allowance late, while using at least 97 % of the quota
// in the long run.
func TestBucketSpacing(t *testing.T) {
	cases := []struct {
		requests int
		per      time.Duration
	}{
		{400, time.Minute}, // FirstPromoter
		{100, time.Minute}, // Post Affiliate Pro
		{20, time.Second},  // Everflow
		{5000, time.Minute},
		{10, time.Minute},
		{2, time.Second},
		{1, time.Second},
	}
	for _, tc := range cases {
		clk := testclock.New(time.Unix(0, 0))
		b := newBucket(tc.requests, tc.per, clk)
		var starts []time.Time
		for range 3*tc.requests + 5 {
			require.NoError(t, b.Wait(context.Background()))
			starts = append(starts, clk.Now())
		}
		most := maxInWindow(slices.Clone(starts), tc.per)
		assert.LessOrEqual(t, most, tc.requests, "%d per %s", tc.requests, tc.per)
		// Arrivals that lag their starts by up to the allowance, the
		// worst way round (every other one late), still fit.
		late := time.Duration(float64(tc.per) * throttleJitter)
		arrivals := slices.Clone(starts)
		for i := range arrivals {
			if i%2 == 0 {
				arrivals[i] = arrivals[i].Add(late)
			}
		}
		assert.LessOrEqual(t, maxInWindow(arrivals, tc.per), tc.requests, "%d per %s with jitter", tc.requests, tc.per)
		// In the steady state (after the burst) the rate is at least 97 %
		// of the quota for quotas of 20 and more.
		burst := min(1+tc.requests/100, 10)
		steady := starts[burst:]
		rate := float64(len(steady)-1) / steady[len(steady)-1].Sub(steady[0]).Seconds()
		quota := float64(tc.requests) / tc.per.Seconds()
		if tc.requests >= 20 {
			assert.GreaterOrEqual(t, rate/quota, 0.97, "%d per %s", tc.requests, tc.per)
		} else {
			assert.GreaterOrEqual(t, rate/quota, 0.45, "%d per %s", tc.requests, tc.per)
		}
	}
}

// 64 goroutines reserving at once still get starts that fit every window:
// the reservation is made under the lock, by when requests start.
func TestBucketUnderContention(t *testing.T) {
	clk := testclock.New(time.Unix(0, 0))
	b := newBucket(10, time.Second, clk)
	var mu sync.Mutex
	var starts []time.Time
	var wg sync.WaitGroup
	for range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d := b.reserve()
			mu.Lock()
			starts = append(starts, clk.Now().Add(d))
			mu.Unlock()
		}()
	}
	wg.Wait()
	assert.LessOrEqual(t, maxInWindow(starts, time.Second), 10)
}

// A server that says its quota is spent holds every start until its reset.
func TestBucketObservesSpentQuota(t *testing.T) {
	clk := testclock.New(time.Unix(1000, 0))
	b := newBucket(100, time.Minute, clk)
	b.Observe(RateLimit{Limit: 100, Remaining: 0, Reset: clk.Now().Add(30 * time.Second)})
	require.NoError(t, b.Wait(context.Background()))
	assert.Equal(t, time.Unix(1030, 0), clk.Now())
	b.Observe(RateLimit{Remaining: 0}) // no headers: nothing known
	b.Observe(RateLimit{Limit: 100, Remaining: 5, Reset: clk.Now().Add(time.Hour)})
	before := clk.Now()
	require.NoError(t, b.Wait(context.Background()))
	assert.Less(t, clk.Now().Sub(before), time.Minute)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	b.Observe(RateLimit{Limit: 100, Reset: clk.Now().Add(time.Hour)})
	assert.ErrorIs(t, b.Wait(ctx), context.Canceled)
}

// The client counts its waits, logs nothing secret, and a limiter of the
// caller's replaces the built-in one.
func TestClientThrottleStatsAndLimiter(t *testing.T) {
	c, sc, clk := newTestClient(t, status(200, `{}`))
	c.limiter = newBucket(2, time.Second, clk)
	for range 5 {
		_, err := c.Do(context.Background(), get("x"), nil)
		require.NoError(t, err)
	}
	assert.Equal(t, 5, sc.count())
	st := c.ThrottleStats()
	assert.EqualValues(t, 4, st.Waits)
	assert.Equal(t, clk.Total(), st.Waited)

	l := &countingLimiter{}
	s := NewSettings("")
	require.NoError(t, s.SetBaseURL("http://127.0.0.1:1"))
	require.NoError(t, s.SetRateLimit(10, time.Second))
	require.NoError(t, s.SetLimiter(l))
	c2, err := New(Config{Settings: s, Platform: "test", Auth: BearerAuth{Token: NewSecret("t")}})
	require.NoError(t, err)
	assert.Same(t, l, c2.limiter)
	require.Error(t, s.SetLimiter(nil))
	require.NoError(t, s.SetRateLimit(0, 0))
	assert.Zero(t, s.RateLimitRequests)
	require.Error(t, s.SetRateLimit(0, time.Second))
}

type countingLimiter struct{ n int }

func (l *countingLimiter) Wait(ctx context.Context) error { l.n++; return ctx.Err() }
