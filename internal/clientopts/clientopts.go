// Package clientopts builds a platform client from its options: the
// settings every client starts from and the steps of a NewClient (the
// options are applied by [transport.ApplyOptions]).
package clientopts

import (
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// Defaults returns the transport settings every platform client starts
// from: [transport.NewSettings] with baseURL ("" for a platform without a
// default host), a throttle of requests per window, and one page of a
// list fetched ahead of the caller.
func Defaults(baseURL string, requests int, per time.Duration) transport.Settings {
	s := transport.NewSettings(baseURL)
	s.RateLimitRequests, s.RateLimitPer, s.Prefetch = requests, per, 1
	return s
}

// New is the body of a platform's NewClient: it applies opts to s (the
// platform's defaults), checks the result with check and builds the
// client with build. The errors of check and build are returned as they
// are.
func New[S, C any, O ~func(*S) error](platform string, s *S, opts []O, check func(*S) error, build func(*S) (*C, error)) (*C, error) {
	if err := transport.ApplyOptions(platform, s, opts); err != nil {
		return nil, err
	}
	if err := check(s); err != nil {
		return nil, err
	}
	return build(s)
}
