package firstpromotertest

import (
	"net/http"
	"sync"
	"time"
)

// WithRateLimit makes the server meter its quota as FirstPromoter does:
// at most requests per fixed window of length per, counted on the
// server's clock ([WithClock]) from the start of each window (a minute
// runs from :00 to :59). A request over the quota is answered 429 Too
// Many Requests with the {"message", "code"} body and, as documented, no
// rate-limit headers and no Retry-After; it does not count. Requests
// refused for their credentials are not counted either. The quota is off
// by default; FirstPromoter documents
// WithRateLimit(firstpromoter.RateLimitRequests, firstpromoter.RateLimitWindow),
// 400 requests per minute per account. requests or per of zero or less
// turn it off.
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

// errRateLimited is the 429 over the quota. Its body is undocumented; it
// keeps the documented {"message", "code"} shape.
func errRateLimited() *apiError {
	return &apiError{status: http.StatusTooManyRequests, Message: "Too Many Requests", Code: "too_many_requests"}
}
