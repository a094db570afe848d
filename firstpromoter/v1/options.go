package v1

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// Option configures a Client. Options are validated by NewClient.
type Option func(*settings) error

// settings is what the options fill in.
type settings struct {
	transport.Settings
	apiKey transport.Secret
}

// WithAPIKey sets the API key sent in the X-API-KEY header (Settings →
// Integrations in FirstPromoter). Required.
func WithAPIKey(key string) Option {
	return func(s *settings) error {
		key = strings.TrimSpace(key)
		if key == "" {
			return errors.New("API key is empty")
		}
		if strings.ContainsAny(key, "\r\n") {
			return errors.New("API key must not contain line breaks")
		}
		s.apiKey = transport.NewSecret(key)
		return nil
	}
}

// WithBaseURL overrides DefaultBaseURL, e.g. with a fake server's URL. A
// path prefix such as /api/v2 is kept.
func WithBaseURL(rawURL string) Option {
	return func(s *settings) error { return s.SetBaseURL(rawURL) }
}

// WithHTTPClient sets the HTTP client whose transport carries the requests.
// NewClient copies c, so later changes to it are not seen. The SDK's
// redirect policy runs before c.CheckRedirect, if any: a write (a call not
// safe to repeat) is never redirected, and its 3xx is returned as an error
// matching ErrOutcomeUnknown; a redirect from https to http is never
// followed; no credential header goes to another origin (scheme, host and
// port); no Referer is sent. c.Timeout, if set, still bounds every attempt,
// the reading of the body included: prefer WithTimeout.
func WithHTTPClient(c *http.Client) Option {
	return func(s *settings) error { return s.SetHTTPClient(c) }
}

// WithTimeout bounds each attempt of a call (default 80s; zero turns the
// bound off), from sending the request to the last byte of the answer. An
// attempt that runs past it fails with an error matching ErrTimeout (and
// ErrOutcomeUnknown for a write); a read that timed out before any of its
// body reached the caller is retried like any network error. The context's
// own deadline still applies and stays context.DeadlineExceeded.
func WithTimeout(d time.Duration) Option {
	return func(s *settings) error { return s.SetTimeout(d) }
}

// WithMaxRetries sets how many times a failed request is retried after the
// first attempt (default 4). Zero turns retries off.
func WithMaxRetries(n int) Option {
	return func(s *settings) error { return s.SetMaxRetries(n) }
}

// WithRetryWait sets the minimum and maximum wait between attempts
// (default 500ms and 60s). The maximum caps every wait: when the server asks
// for longer, the call fails at once with its 429 (ErrRateLimited) or 503
// (ErrServer), and Error.RetryAfter holds the wait asked for.
func WithRetryWait(minWait, maxWait time.Duration) Option {
	return func(s *settings) error { return s.SetRetryWait(minWait, maxWait) }
}

// WithUserAgent appends ua to the SDK's User-Agent header.
func WithUserAgent(ua string) Option {
	return func(s *settings) error { return s.SetUserAgent(ua) }
}

// WithLogger turns on logging: one Debug line per request and one Info line
// per retry, with method, path, status, duration and attempt. Credentials
// and queries are never logged.
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) error { return s.SetLogger(l) }
}

// WithMaxResponseBytes caps the size of a response body read into memory
// (default 32 MiB); a larger body fails with ErrMalformedResponse.
func WithMaxResponseBytes(n int64) Option {
	return func(s *settings) error { return s.SetMaxResponseBytes(n) }
}

// WithRateLimit sets the client's throttle to at most requests per window
// (less a 5 % margin), spread evenly with a small burst and shared by every
// call of the client, retries included. It is on by default at
// [RateLimitRequests] per [RateLimitWindow]; WithRateLimit(0, 0) turns it
// off (for tests against a local fake, say). Waits honour the context and
// are counted by [Client.ThrottleStats].
func WithRateLimit(requests int, per time.Duration) Option {
	return func(s *settings) error { return s.SetRateLimit(requests, per) }
}

// WithPrefetch sets whether lists fetch the next page while the caller
// handles the current one: 1, the default, fetches one page ahead; 0 turns
// it off. A page's successor is known only once it has arrived, so a
// larger number fetches one page ahead too. Breaking out of a loop cancels
// the request made ahead and waits for it, so at most one request is made
// beyond the page the caller is on, and it counts against the quota.
func WithPrefetch(pages int) Option {
	return func(s *settings) error { return s.SetPrefetch(pages) }
}

// Limiter decides when a request may start: Wait blocks until it may, or
// returns the context's error. Pass one to [WithRateLimiter] to share one
// quota between several clients of an account, in one process or many
// (a limiter kept in a database, say). A Limiter that also has
// Observe(RateLimit) is told the quota of every response that announces
// one.
type Limiter = transport.Limiter

// WithRateLimiter replaces the built-in throttle with l, asked before every
// attempt, retries included.
func WithRateLimiter(l Limiter) Option {
	return func(s *settings) error { return s.SetLimiter(l) }
}
