package fakeserver

import (
	"sync"
	"time"
)

// FixedWindow meters a quota of requests per fixed window of a clock, as
// FirstPromoter counts its requests: windows start at whole multiples of
// their length (a minute runs from :00 to :59), and a request refused
// over the quota does not count. It is safe for concurrent use.
type FixedWindow struct {
	requests int
	per      time.Duration

	mu    sync.Mutex
	start time.Time // of the current window
	count int
}

// NewFixedWindow returns a quota of requests per window of length per, or
// nil (no quota) when either is zero or less. A nil *FixedWindow allows
// every request.
func NewFixedWindow(requests int, per time.Duration) *FixedWindow {
	if requests <= 0 || per <= 0 {
		return nil
	}
	return &FixedWindow{requests: requests, per: per}
}

// Allow counts a request made at now, or reports that the quota of now's
// window is spent.
func (q *FixedWindow) Allow(now time.Time) bool {
	if q == nil {
		return true
	}
	q.mu.Lock()
	defer q.mu.Unlock()
	if start := now.Truncate(q.per); !start.Equal(q.start) {
		q.start, q.count = start, 0
	}
	if q.count >= q.requests {
		return false
	}
	q.count++
	return true
}
