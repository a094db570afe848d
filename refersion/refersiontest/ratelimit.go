package refersiontest

import (
	"math"
	"net/http"
	"strconv"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// msgRateLimited is the message of the fake's 429. Refersion documents a
// 429 for its GraphQL API's per-account limit but neither its body nor
// its headers, so this is the fake's choice.
const msgRateLimited = "Too Many Requests"

// WithRateLimit turns on a request quota: a burst of requests, refilled
// evenly at requests per window, metered apart for the REST API and the
// GraphQL endpoint (report downloads are not metered). Refersion
// documents no REST quota and no figure for the GraphQL one, so the limit
// is off by default. A request over it is answered 429 with a Retry-After
// header in seconds (Refersion documents no rate-limit headers, so none
// else is sent): {"error": "Too Many Requests"} on the REST API, and a
// GraphQL {"errors": [...]} envelope with the code RATE_LIMITED on the
// GraphQL endpoint. Zero requests or a zero window turns it off.
func WithRateLimit(requests int, per time.Duration) ServerOption {
	return func(s *Server) {
		s.restBucket, s.gqlBucket = newBucket(requests, per), newBucket(requests, per)
	}
}

// bucket is a token bucket: limit tokens, refilled at rate per second.
type bucket struct {
	limit  int
	rate   float64
	tokens float64
	last   time.Time
}

// newBucket returns a full bucket, or nil (no limit) for a zero quota.
func newBucket(requests int, per time.Duration) *bucket {
	if requests <= 0 || per <= 0 {
		return nil
	}
	return &bucket{limit: requests, rate: float64(requests) / per.Seconds(), tokens: float64(requests)}
}

// take spends a token at now, or reports how long until one is back.
func (b *bucket) take(now time.Time) (wait time.Duration) {
	if b.last.IsZero() || now.Before(b.last) {
		b.last = now
	}
	b.tokens = math.Min(float64(b.limit), b.tokens+now.Sub(b.last).Seconds()*b.rate)
	b.last = now
	if b.tokens < 1 {
		return time.Duration((1 - b.tokens) / b.rate * float64(time.Second))
	}
	b.tokens--
	return 0
}

// admit spends a token of b (nil: no limit); when none is left it answers
// 429 with Retry-After through write and reports false.
func (s *Server) admit(w http.ResponseWriter, b *bucket, write func(w http.ResponseWriter)) bool {
	if b == nil {
		return true
	}
	s.mu.Lock()
	wait := b.take(s.now())
	s.mu.Unlock()
	if wait <= 0 {
		return true
	}
	w.Header().Set("Retry-After", strconv.Itoa(int(math.Ceil(wait.Seconds()))))
	write(w)
	return false
}

// writeRESTRateLimited is the REST API's 429.
func writeRESTRateLimited(w http.ResponseWriter) {
	fakeserver.WriteJSON(w, http.StatusTooManyRequests, map[string]string{"error": msgRateLimited})
}

// writeGQLRateLimited is the GraphQL endpoint's 429.
func writeGQLRateLimited(w http.ResponseWriter) {
	writeGQLErrors(w, http.StatusTooManyRequests, "RATE_LIMITED", msgRateLimited)
}
