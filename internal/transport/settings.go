package transport

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Defaults shared by every platform package.
const (
	DefaultMaxRetries       = 4
	DefaultRetryWaitMin     = 500 * time.Millisecond
	DefaultRetryWaitMax     = 60 * time.Second
	DefaultMaxResponseBytes = 32 << 20
	DefaultTimeout          = 80 * time.Second
)

// Settings are the options common to every platform client. Platform
// packages embed it in their option target and expose one With... function
// per setter.
type Settings struct {
	BaseURL           *url.URL
	HTTPClient        *http.Client
	MaxRetries        int
	RetryWaitMin      time.Duration
	RetryWaitMax      time.Duration
	UserAgent         string
	Logger            *slog.Logger
	MaxResponseBytes  int64
	RateLimitRequests int
	RateLimitPer      time.Duration
	Limiter           Limiter
	Prefetch          int
	ParallelPages     int
	Timeout           time.Duration
	Clock             Clock
}

// NewSettings returns the defaults with the given base URL, which may be
// empty for platforms without a default host.
func NewSettings(defaultBaseURL string) Settings {
	s := Settings{
		MaxRetries:       DefaultMaxRetries,
		RetryWaitMin:     DefaultRetryWaitMin,
		RetryWaitMax:     DefaultRetryWaitMax,
		MaxResponseBytes: DefaultMaxResponseBytes,
		Timeout:          DefaultTimeout,
		ParallelPages:    1,
		Clock:            RealClock{},
	}
	if defaultBaseURL != "" {
		u, err := ParseBaseURL(defaultBaseURL)
		if err != nil {
			panic(err) // programming error in a package constant
		}
		s.BaseURL = u
	}
	return s
}

// ParseBaseURL validates an absolute http(s) URL without query or fragment.
func ParseBaseURL(raw string) (*url.URL, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, errors.New("base URL is empty")
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("invalid base URL: %w", err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("invalid base URL %q: scheme must be http or https", raw)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("invalid base URL %q: no host", raw)
	}
	if u.User != nil {
		return nil, errors.New("invalid base URL: credentials in the URL are not accepted; use the credential options")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("invalid base URL %q: it must not have a query or fragment", raw)
	}
	return u, nil
}

// SetBaseURL sets the base URL after validating it.
func (s *Settings) SetBaseURL(raw string) error {
	u, err := ParseBaseURL(raw)
	if err != nil {
		return err
	}
	s.BaseURL = u
	return nil
}

// SetHTTPClient sets the HTTP client; nil is an error.
func (s *Settings) SetHTTPClient(c *http.Client) error {
	if c == nil {
		return errors.New("HTTP client is nil")
	}
	s.HTTPClient = c
	return nil
}

// SetMaxRetries sets how many retries follow the first attempt.
func (s *Settings) SetMaxRetries(n int) error {
	if n < 0 || n > 100 {
		return fmt.Errorf("max retries %d out of range 0..100", n)
	}
	s.MaxRetries = n
	return nil
}

// SetRetryWait sets the minimum and maximum wait between attempts.
func (s *Settings) SetRetryWait(minWait, maxWait time.Duration) error {
	if minWait < 0 || maxWait <= 0 || minWait > maxWait {
		return fmt.Errorf("retry wait: need 0 <= min <= max and max > 0, got min %s max %s", minWait, maxWait)
	}
	s.RetryWaitMin, s.RetryWaitMax = minWait, maxWait
	return nil
}

// SetUserAgent sets text appended to the SDK's User-Agent.
func (s *Settings) SetUserAgent(ua string) error {
	if strings.ContainsAny(ua, "\r\n") {
		return errors.New("user agent must not contain line breaks")
	}
	s.UserAgent = strings.TrimSpace(ua)
	return nil
}

// SetLogger sets the logger; nil turns logging off.
func (s *Settings) SetLogger(l *slog.Logger) error {
	s.Logger = l
	return nil
}

// SetMaxResponseBytes caps the size of a response body read into memory.
func (s *Settings) SetMaxResponseBytes(n int64) error {
	if n <= 0 {
		return fmt.Errorf("max response bytes must be positive, got %d", n)
	}
	s.MaxResponseBytes = n
	return nil
}

// SetRateLimit sets the built-in limiter to at most requests per window
// (less a small margin, spread evenly with a small burst); (0, 0) turns
// it off.
func (s *Settings) SetRateLimit(requests int, per time.Duration) error {
	if requests == 0 && per == 0 {
		s.RateLimitRequests, s.RateLimitPer = 0, 0
		return nil
	}
	if requests <= 0 || per <= 0 {
		return fmt.Errorf("rate limit needs positive requests and window (or 0, 0 to turn it off), got %d per %s", requests, per)
	}
	if requests > maxThrottleRequests {
		return fmt.Errorf("rate limit of %d requests per window is more than %d", requests, maxThrottleRequests)
	}
	s.RateLimitRequests, s.RateLimitPer = requests, per
	return nil
}

// SetLimiter replaces the built-in limiter with l; nil is an error.
func (s *Settings) SetLimiter(l Limiter) error {
	if l == nil {
		return errors.New("rate limiter is nil")
	}
	s.Limiter = l
	return nil
}

// SetTimeout bounds every attempt (see the attempts RoundTripper); zero
// turns the bound off.
func (s *Settings) SetTimeout(d time.Duration) error {
	if d < 0 {
		return fmt.Errorf("timeout must not be negative, got %s", d)
	}
	s.Timeout = d
	return nil
}

// SetPrefetch sets how many pages a list fetches ahead of the caller: 0
// turns prefetching off. A page-number list fetches up to that many pages
// ahead while the caller handles the current one; a cursor list fetches
// one, as a page's successor is known only once it has arrived.
func (s *Settings) SetPrefetch(pages int) error {
	if pages < 0 || pages > MaxParallelPages {
		return fmt.Errorf("prefetch must be 0..%d, got %d", MaxParallelPages, pages)
	}
	s.Prefetch = pages
	return nil
}

// MaxParallelPages bounds SetParallelPages and SetPrefetch.
const MaxParallelPages = 64

// SetParallelPages sets how many pages of a page-number list are fetched
// at once (default 1): the page the caller waits for and n-1 after it,
// yielded in page order. Cursor lists fetch one page at a time whatever
// n is.
func (s *Settings) SetParallelPages(n int) error {
	if n < 1 || n > MaxParallelPages {
		return fmt.Errorf("parallel pages must be 1..%d, got %d", MaxParallelPages, n)
	}
	s.ParallelPages = n
	return nil
}
