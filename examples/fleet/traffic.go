package main

import (
	"net/http"
	"sync/atomic"
)

// traffic counts a job's requests and the 429 answers among them, for the
// checkpoints table (status shows them). It wraps the HTTP client's
// transport and sees nothing but status codes.
type traffic struct {
	base      http.RoundTripper
	requests  atomic.Int64
	throttled atomic.Int64
}

// RoundTrip implements http.RoundTripper.
func (t *traffic) RoundTrip(r *http.Request) (*http.Response, error) {
	t.requests.Add(1)
	resp, err := t.base.RoundTrip(r)
	if err == nil && resp.StatusCode == http.StatusTooManyRequests {
		t.throttled.Add(1)
	}
	return resp, err
}

// take returns the counts since the last take and resets them.
func (t *traffic) take() (requests, throttled int64) {
	return t.requests.Swap(0), t.throttled.Swap(0)
}
