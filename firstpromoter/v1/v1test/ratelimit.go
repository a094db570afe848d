package v1test

import (
	"net/http"
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
	return func(s *Server) { s.quota = fakeserver.NewFixedWindow(requests, per) }
}

// writeRateLimited answers a request over the quota.
func writeRateLimited(w http.ResponseWriter) {
	fakeserver.WriteRaw(w, http.StatusTooManyRequests, errorBody(http.StatusTooManyRequests))
}
