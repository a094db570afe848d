package refersion

import (
	"net/http"
	"strings"
)

// quirks adapts one of Refersion's status codes before the shared
// transport judges it: trigger/delete answers 429 for more than 50
// triggers, a validation error, not a rate limit. Without a Retry-After
// header it is reported as 422 so it is never retried. DeleteTriggers
// checks the batch size first, so this only guards against a server-side
// limit change. (Refersion's other quirk, a 204 No Content meaning "invalid
// field", is turned into an error by Client.post.)
type quirks struct {
	next http.RoundTripper
}

// withQuirks returns a copy of hc (or of a default client) whose transport
// applies quirks. The caller's client is left untouched.
func withQuirks(hc *http.Client) *http.Client {
	var c http.Client
	if hc != nil {
		c = *hc
	}
	rt := c.Transport
	if rt == nil {
		if hc == nil {
			t := http.DefaultTransport.(*http.Transport).Clone()
			t.MaxIdleConnsPerHost = 16
			rt = t
		} else {
			rt = http.DefaultTransport
		}
	}
	c.Transport = quirks{next: rt}
	return &c
}

// RoundTrip implements http.RoundTripper.
func (q quirks) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := q.next.RoundTrip(r)
	if err != nil || resp == nil || r.Method != http.MethodPost {
		return resp, err
	}
	if resp.StatusCode == http.StatusTooManyRequests && resp.Header.Get("Retry-After") == "" &&
		strings.HasSuffix(strings.TrimRight(r.URL.Path, "/"), "/trigger/delete") {
		resp.StatusCode = http.StatusUnprocessableEntity
		resp.Status = "422 Unprocessable Entity"
	}
	return resp, nil
}
