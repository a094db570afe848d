package transport

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
)

// maxRedirects is how many redirects a request follows, as net/http's
// default policy.
const maxRedirects = 10

// errRedirectRefused ends a request whose redirect the policy refuses; it
// is never retried.
var errRedirectRefused = errors.New("redirect refused")

// redirectPolicy is the CheckRedirect of the client's HTTP client. It runs
// before the caller's own (next, from WithHTTPClient), and:
//   - never follows a redirect of a request that is not retry-safe: the 3xx
//     is returned as it is, and becomes an *Error matching
//     ErrOutcomeUnknown, since the server may have acted before answering;
//   - never follows a redirect from https to http;
//   - removes every credential header when the redirect leaves the origin
//     (scheme, host and port) the request was sent to;
//   - never sends a Referer;
//   - follows at most ten redirects.
//
// Requests that carry no credentials by design (signed download links)
// follow redirects like any read.
func (c *Client) redirectPolicy(next func(*http.Request, []*http.Request) error) func(*http.Request, []*http.Request) error {
	return func(req *http.Request, via []*http.Request) error {
		req.Header.Del("Referer")
		if st, _ := req.Context().Value(stateKey{}).(*call); st != nil && !st.safe {
			return http.ErrUseLastResponse
		}
		prev := via[len(via)-1].URL
		if prev.Scheme == "https" && req.URL.Scheme != "https" {
			return fmt.Errorf("%w: from https to %s", errRedirectRefused, req.URL.Scheme)
		}
		if len(via) >= maxRedirects {
			return fmt.Errorf("%w: stopped after %d redirects", errRedirectRefused, maxRedirects)
		}
		if origin(req.URL) != origin(via[0].URL) {
			for _, h := range c.authHeaders {
				req.Header.Del(h)
			}
			req.Header.Del("Authorization")
			req.Header.Del("Cookie")
		}
		if next == nil {
			return nil
		}
		if err := next(req, via); err != nil && !errors.Is(err, http.ErrUseLastResponse) {
			return fmt.Errorf("%w: %w", errRedirectRefused, err)
		} else if err != nil {
			return err
		}
		return nil
	}
}

// origin is a URL's scheme, host and port, the port filled in from the
// scheme when absent.
func origin(u *url.URL) string {
	port := u.Port()
	if port == "" {
		switch strings.ToLower(u.Scheme) {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return strings.ToLower(u.Scheme) + "://" + strings.ToLower(u.Hostname()) + ":" + port
}

// headerNames returns the names of the headers a applies.
func headerNames(a Auth) []string {
	if a == nil {
		return nil
	}
	h := http.Header{}
	a.Apply(h)
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	return names
}
