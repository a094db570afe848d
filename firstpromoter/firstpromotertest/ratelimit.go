package firstpromotertest

import (
	"net/http"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
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
	return func(s *Server) { s.quota = fakeserver.NewFixedWindow(requests, per) }
}

// errRateLimited is the 429 over the quota. Its body is undocumented; it
// keeps the documented {"message", "code"} shape.
func errRateLimited() *apiError {
	return &apiError{status: http.StatusTooManyRequests, Message: "Too Many Requests", Code: "too_many_requests"}
}
