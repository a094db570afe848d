package transport

import (
	"context"
	"sync"
	"time"
)

// throttle is a sliding-window limiter: at most n requests start in any
// window of length per. It keeps the start times of the last n requests in
// a ring; a request reserves the slot of the oldest one, waiting until
// that one is a full window old. Reservations are made under the lock and
// slept outside it, so no lock is held while waiting or during I/O.
type throttle struct {
	mu    sync.Mutex
	clock Clock
	per   time.Duration
	ring  []time.Time
	next  int
}

// maxThrottleRequests bounds the ring's size.
const maxThrottleRequests = 100_000

func newThrottle(requests int, per time.Duration, clock Clock) *throttle {
	return &throttle{clock: clock, per: per, ring: make([]time.Time, min(requests, maxThrottleRequests))}
}

func (t *throttle) wait(ctx context.Context) error {
	t.mu.Lock()
	now := t.clock.Now()
	start := now
	if oldest := t.ring[t.next]; !oldest.IsZero() {
		if free := oldest.Add(t.per); free.After(start) {
			start = free
		}
	}
	t.ring[t.next] = start
	t.next = (t.next + 1) % len(t.ring)
	t.mu.Unlock()
	if d := start.Sub(now); d > 0 {
		return t.clock.Sleep(ctx, d)
	}
	return ctx.Err()
}
