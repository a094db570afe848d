package transport

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// Limiter decides when a request may start: Wait blocks until it may, or
// returns ctx.Err() once ctx is done. A Limiter shared by several clients
// of one account (in one process, or many, through a store they share)
// keeps them all under the account's quota. It is asked before every
// attempt, retries included.
type Limiter interface {
	Wait(ctx context.Context) error
}

// RateLimitObserver is a Limiter that also learns the quota the server
// announces: Observe is called with the rate-limit headers of every
// response that carries them.
type RateLimitObserver interface {
	Observe(RateLimit)
}

// ThrottleStats counts the waits of a client's limiter.
type ThrottleStats struct {
	// Waits is how many requests had to wait before they started.
	Waits int64
	// Waited is the total time they waited.
	Waited time.Duration
}

// throttleJitter is the share of the window the built-in limiter leaves
// for jitter: requests that leave evenly spaced may arrive up to this much
// of a window late and still fit every window the server counts.
const throttleJitter = 0.015

// maxThrottleRequests bounds the quota SetRateLimit accepts.
const maxThrottleRequests = 100_000

// bucket is the built-in limiter: a token bucket kept as the generic cell
// rate algorithm. Requests are spread evenly, one every interval, after a
// small burst (1 plus 1 % of the quota, at most 10). In any stretch of
// length per plus the jitter allowance at most burst + (per+jitter)/interval
// requests start, and the interval is chosen so that this is below the
// quota: the server, however it aligns its windows, counts at most the
// quota in each even when arrivals lag their starts by up to the jitter
// allowance. The steady rate is about (quota-burst+1)/(1+throttleJitter)
// per window: 97.5 % of FirstPromoter's 400 a minute, 98.5 % of
// Everflow's 20 a second. When the server says its quota is spent
// (Remaining 0 with a Reset ahead), no request starts before that reset.
type bucket struct {
	clock    Clock
	interval time.Duration // between two requests at the steady rate
	tau      time.Duration // how far ahead of the steady rate a burst may run

	mu     sync.Mutex
	tat    time.Time // theoretical arrival time of the next request
	paused time.Time // no start before this (the server's reset)
}

// newBucket returns the limiter of requests per window.
func newBucket(requests int, per time.Duration, clock Clock) *bucket {
	burst := min(1+requests/100, 10)
	span := per + time.Duration(float64(per)*throttleJitter)
	// span/interval must stay below requests-burst+1, so that burst +
	// floor(span/interval) <= requests.
	interval := span/time.Duration(requests-burst+1) + 1
	return &bucket{clock: clock, interval: interval, tau: time.Duration(burst-1) * interval}
}

// reserve books the next start and returns how long to wait for it.
func (b *bucket) reserve() time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.clock.Now()
	tat := b.tat
	if tat.Before(now) {
		tat = now
	}
	start := tat.Add(-b.tau)
	if start.Before(now) {
		start = now
	}
	if start.Before(b.paused) {
		start = b.paused
		tat = start.Add(b.tau)
	}
	b.tat = tat.Add(b.interval)
	return start.Sub(now)
}

// Wait implements Limiter.
func (b *bucket) Wait(ctx context.Context) error {
	if d := b.reserve(); d > 0 {
		return b.clock.Sleep(ctx, d)
	}
	return ctx.Err()
}

// Observe implements RateLimitObserver: a spent quota pauses every start
// until its reset.
func (b *bucket) Observe(rl RateLimit) {
	// Remaining is only known to be 0 when the server sent its set of
	// headers (Limit among them), not when it sent none.
	if rl.Remaining > 0 || rl.Limit <= 0 || rl.Reset.IsZero() {
		return
	}
	b.mu.Lock()
	if rl.Reset.After(b.paused) {
		b.paused = rl.Reset
	}
	b.mu.Unlock()
}

// throttleWait waits for the client's limiter, if any, counting the wait.
func (c *Client) throttleWait(ctx context.Context) error {
	if c.limiter == nil {
		return nil
	}
	start := c.cfg.Clock.Now()
	err := c.limiter.Wait(ctx)
	if d := c.cfg.Clock.Now().Sub(start); d > 0 {
		c.mu.Lock()
		c.stats.Waits++
		c.stats.Waited += d
		c.mu.Unlock()
		if l := c.cfg.Logger; l != nil {
			l.LogAttrs(ctx, slog.LevelDebug, "affiliatekit: throttled",
				slog.String("platform", c.cfg.Platform), slog.Duration("wait", d))
		}
	}
	return err
}

// ThrottleStats returns the waits of the client's limiter so far.
func (c *Client) ThrottleStats() ThrottleStats {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.stats
}
