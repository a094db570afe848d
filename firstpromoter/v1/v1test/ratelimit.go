package v1test

import (
	"net/http"
	"sync"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// WithRateLimit makes the server meter a quota as FirstPromoter does: at
// most requests per fixed window of length per, counted on the server's
// clock ([WithClock]) from the start of each window (a minute runs from
// :00 to :59). A request over the quota is answered 429 Too Many Requests
// with the v1 {"error"} body and no rate-limit headers or Retry-After
// (FirstPromoter documents none); it does not count. Requests refused for
// their key are not counted either. The quota is off by default;
// FirstPromoter documents 400 requests per minute per account.
// requests or per of zero or less turn it off.
func WithRateLimit(requests int, per time.Duration) ServerOption {
	return func(s *Server) {
		if requests <= 0 || per <= 0 {
			s.quota = nil
			return
		}
		s.quota = &quota{requests: requests, per: per}
	}
}

// quota counts requests in fixed windows.
type quota struct {
	requests int
	per      time.Duration

	mu    sync.Mutex
	start time.Time // of the current window
	count int
}

// allow counts a request made at now, or reports that the window's quota
// is spent.
func (q *quota) allow(now time.Time) bool {
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

// writeRateLimited answers a request over the quota.
func writeRateLimited(w http.ResponseWriter) {
	fakeserver.WriteRaw(w, http.StatusTooManyRequests, errorBody(http.StatusTooManyRequests))
}
