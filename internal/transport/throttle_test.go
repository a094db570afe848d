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
// more than the quota less its margin start in any window.
func TestBucketSpacing(t *testing.T) {
	cases := []struct {
		requests int
		per      time.Duration
	}{
		{400, time.Minute}, // FirstPromoter
		{20, time.Second},  // Everflow
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
		most := maxInWindow(starts, tc.per)
		assert.LessOrEqual(t, most, tc.requests, "%d per %s", tc.requests, tc.per)
		// Over three windows, nearly the whole quota is used.
		span := starts[len(starts)-1].Sub(starts[0])
		assert.Less(t, span, time.Duration(float64(len(starts))/float64(tc.requests)*float64(tc.per)*1.2),
			"%d per %s: %d requests took %s", tc.requests, tc.per, len(starts), span)
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
