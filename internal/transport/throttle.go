package transport

import (
	"context"
	"sync"
	"time"
)

// throttle is a token bucket: capacity burst, refilled at burst per window.
// A caller reserves a token under the lock and sleeps outside it.
type throttle struct {
	mu       sync.Mutex
	clock    Clock
	interval time.Duration
	burst    float64
	tokens   float64
	last     time.Time
}

func newThrottle(requests int, per time.Duration, clock Clock) *throttle {
	return &throttle{
		clock:    clock,
		interval: per / time.Duration(requests),
		burst:    float64(requests),
		tokens:   float64(requests),
		last:     clock.Now(),
	}
}

func (t *throttle) wait(ctx context.Context) error {
	t.mu.Lock()
	now := t.clock.Now()
	if elapsed := now.Sub(t.last); elapsed > 0 {
		t.tokens = min(t.burst, t.tokens+float64(elapsed)/float64(t.interval))
		t.last = now
	}
	t.tokens--
	var d time.Duration
	if t.tokens < 0 {
		d = time.Duration(-t.tokens * float64(t.interval))
	}
	t.mu.Unlock()
	if d == 0 {
		return ctx.Err()
	}
	if err := t.clock.Sleep(ctx, d); err != nil {
		t.mu.Lock()
		t.tokens++ // give the reservation back
		t.mu.Unlock()
		return err
	}
	return nil
}
