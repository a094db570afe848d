package everflow

import (
	"errors"
	"log/slog"
	"net/http"
	"net/url"
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

// WithAPIKey sets the network API key sent in the X-Eflow-API-Key header
// (Control Center → Security → API keys). Required. An affiliate or
// advertiser portal key is refused by the network paths with 403 "Out of
// realm".
func WithAPIKey(key string) Option {
	key = strings.TrimSpace(key)
	return func(s *settings) error {
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

// WithBaseURL overrides DefaultBaseURL, e.g. with EUBaseURL or a fake
// server's URL. A path prefix such as /v1 is kept.
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
// a streamed body included: prefer WithTimeout, which bounds the pauses of a
// stream rather than its length.
func WithHTTPClient(c *http.Client) Option {
	return func(s *settings) error { return s.SetHTTPClient(c) }
}

// WithTimeout bounds each attempt of a call (default 80s; zero turns the
// bound off). For an ordinary call it runs from sending the request to the
// last byte of the answer; for a streamed export or download it bounds the
// wait for the headers and then the longest pause between two reads, so an
// export that keeps flowing is never cut and one that stalls ends. An
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
// (ErrServer), and Error.RetryAfter holds the wait asked for. After a 429
// without Retry-After the client waits RateLimitResetWindow (about 30s, with
// jitter), capped by the maximum.
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
// (default 32 MiB); a larger body fails with ErrMalformedResponse. The
// parsed exports (Export and ExportCSV) are streamed, so their length is
// not capped, but each of their rows is: a row longer than the cap,
// counted from the end of the row before it, ends the export with
// ErrMalformedResponse, and reading it allocates a small multiple of the
// cap at most, however long the row the server sends. ExportRaw bodies
// are not capped at all.
func WithMaxResponseBytes(n int64) Option {
	return func(s *settings) error { return s.SetMaxResponseBytes(n) }
}

// WithRateLimit sets the client's throttle to at most requests per window,
// spread evenly after a small burst (1 plus 1 % of the quota, at most 10)
// with room for arrivals to lag by 1.5 % of the window, so every window the
// server counts stays within the quota while about 97.5 % of it is used.
// It is shared by every call of the client, retries included. It is on by default at
// [RateLimitRequests] per [RateLimitWindow]; WithRateLimit(0, 0) turns it
// off (for tests against a local fake, say). Waits honour the context and
// are counted by [Client.ThrottleStats].
func WithRateLimit(requests int, per time.Duration) Option {
	return func(s *settings) error { return s.SetRateLimit(requests, per) }
}

// WithPrefetch sets how many pages a list fetches ahead of the caller
// while it handles the current page: 1, the default, fetches the next
// page; 0 turns it off. A page-number list fetches up to that many pages
// ahead; a cursor list one, as a page's successor is known only once it
// has arrived. Breaking out of a loop cancels the requests made ahead and
// waits for them; they count against the quota.
func WithPrefetch(pages int) Option {
	return func(s *settings) error { return s.SetPrefetch(pages) }
}

// WithParallelPages sets how many pages of a page-number list are fetched
// at once (default 1, at most 64): the page the caller waits for and up to
// n-1 after it, all under the client's throttle, yielded in page order. A
// list that ends (a short page, or the total reached) cancels the pages
// fetched past its end and drops their answers, errors included; a loop
// that breaks makes at most max(prefetch, n-1) requests beyond its page.
// Against a distant API this keeps the quota busy: n = round trip ×
// requests per second + 1 reaches the quota's ceiling. Records that move
// to a later page while pages are in flight are yielded once; records
// that move to an earlier one may be missed, as with any offset paging.
func WithParallelPages(n int) Option {
	return func(s *settings) error { return s.SetParallelPages(n) }
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

// RequestOption configures one call: it is the variadic last parameter of
// every method that is not a list or an export iterator (List, ListPage,
// Search, SearchPage, Export and ExportCSV), such as [OffersService.Get]
// or [AffiliatesService.Create]. [WithResponseInto] and
// [WithRelationships] are request options.
type RequestOption = transport.RequestOption

// WithResponseInto stores the call's HTTP response in resp: its
// StatusCode, Header, RateLimit and RequestID. When the call fails with an
// [*Error] from an error status, resp gets that response's StatusCode,
// Header and RequestID; when no response arrived (a network error, a
// check before sending) resp is left as it was.
func WithResponseInto(resp *Response) RequestOption { return transport.WithResponseInto(resp) }

// WithRelationships asks a Get call ([AffiliatesService.Get],
// [OffersService.Get], [AdvertisersService.Get]) to include the related
// objects named, sent as relationship=... query parameters in the order
// given. Empty names are skipped; several WithRelationships add up.
func WithRelationships(rels ...Relationship) RequestOption {
	q := url.Values{}
	addRelationships(q, rels)
	return transport.WithQuery(q)
}

// Clock is the client's source of time and of waiting: retry waits,
// throttle waits and timeouts go through it. Its methods:
//   - Now() time.Time: the current time.
//   - Sleep(ctx context.Context, d time.Duration) error: waits d or until
//     ctx is done, returning ctx.Err() then.
//   - AfterFunc(d time.Duration, f func()) (stop func() bool): calls f in
//     its own goroutine once d has passed, unless stop is called first;
//     stop reports whether it prevented the call.
//
// The default is the wall clock. In tests, pass a [everflowtest.Clock] from
// [everflowtest.NewClock] to [WithClock]: its Sleep returns at once and moves the
// fake time on, so waits take no real time.
type Clock = transport.Clock

// WithClock sets the client's clock (default: the wall clock). A fake
// clock such as [everflowtest.NewClock]'s makes retry and throttle waits in tests
// instant; give the same clock's Now to the fake server's WithClock so that
// both agree on the time.
func WithClock(c Clock) Option {
	return func(s *settings) error {
		if c == nil {
			return errors.New("clock is nil")
		}
		s.Clock = c
		return nil
	}
}
