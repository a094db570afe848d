package partnerstacktest

import (
	"net/http"
	"strconv"
	"time"
)

// WithRateLimit makes the fake meter the API: at most requests in each
// window of length per, counted from the window's first request, by the
// fake's clock (WithClock). A request over the quota answers 429 with
// PartnerStack's error body and a Retry-After of the whole seconds until
// the window ends; PartnerStack documents no quota and no rate-limit
// headers, so none are sent, and the limit is off by default. Zero
// requests or per turns it off. The conversion host is not metered.
func WithRateLimit(requests int, per time.Duration) ServerOption {
	return func(s *Server) {
		s.quota = nil
		if requests > 0 && per > 0 {
			s.quota = &window{limit: requests, per: per}
		}
	}
}

// window is a fixed-window request quota.
type window struct {
	limit int
	per   time.Duration
	start time.Time
	used  int
}

// take counts a request at now and returns the wait until the window ends
// when the quota is spent, else 0.
func (q *window) take(now time.Time) time.Duration {
	if q.start.IsZero() || !now.Before(q.start.Add(q.per)) {
		q.start, q.used = now, 0
	}
	if q.used >= q.limit {
		return q.start.Add(q.per).Sub(now)
	}
	q.used++
	return 0
}

// metered counts a request against the quota; over it, it answers 429
// and returns false. The caller holds s.mu.
func (s *Server) metered(w http.ResponseWriter) bool {
	if s.quota == nil {
		return true
	}
	wait := s.quota.take(s.now())
	if wait <= 0 {
		return true
	}
	secs := int64((wait + time.Second - 1) / time.Second)
	w.Header().Set("Retry-After", strconv.FormatInt(secs, 10))
	writeError(w, http.StatusTooManyRequests, "Rate limit exceeded")
	return false
}
