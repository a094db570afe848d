package postaffiliatepro

import (
	"errors"
	"fmt"
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
	apiKey     transport.Secret
	account    string
	baseURLSet bool
	pagination Pagination
	location   *time.Location
	clicksPath string
}

// Pagination selects the query parameters a list request pages with. The
// v3 paging parameters are not public; offset/limit is the default.
type Pagination int

// Pagination styles.
const (
	// OffsetLimit sends offset=<n>&limit=<size>, offset counted from 0.
	OffsetLimit Pagination = iota
	// PagePerPage sends page=<n>&per_page=<size>, pages counted from 1.
	PagePerPage
)

// String returns the style's name.
func (p Pagination) String() string {
	switch p {
	case OffsetLimit:
		return "offset/limit"
	case PagePerPage:
		return "page/per_page"
	}
	return fmt.Sprintf("Pagination(%d)", int(p))
}

// WithAPIKey sets the API key sent as "Authorization: Bearer <key>"
// (Configuration > Tools > Integration > API v3). Keys look like
// pap_<id>_<secret>; any other bearer token, such as an OAuth access token,
// is accepted too and noted at debug level. Required.
func WithAPIKey(key string) Option {
	key = strings.TrimSpace(key)
	return func(s *settings) error {
		if key == "" {
			return errors.New("API key is empty")
		}
		if strings.ContainsAny(key, " \t\r\n") {
			return errors.New("API key must not contain whitespace")
		}
		s.apiKey = transport.NewSecret(key)
		return nil
	}
}

// WithAccount sets the base URL from the account name:
// WithAccount("acme") talks to https://acme.postaffiliatepro.com/api/v3.
// The full host name ("acme.postaffiliatepro.com") is accepted too. Use
// WithBaseURL instead for a custom domain. One of the two is required.
func WithAccount(account string) Option {
	account = strings.ToLower(strings.TrimSpace(account))
	account = strings.TrimSuffix(account, hostSuffix)
	return func(s *settings) error {
		if !validAccount(account) {
			return fmt.Errorf("account %q is not a valid host name label (letters, digits and dashes)", account)
		}
		if err := s.SetBaseURL("https://" + account + hostSuffix + apiPath); err != nil {
			return err
		}
		s.account = account
		return nil
	}
}

// hostSuffix and apiPath make up the hosted account's API root.
const (
	hostSuffix = ".postaffiliatepro.com"
	apiPath    = "/api/v3"
)

func validAccount(a string) bool {
	if a == "" || len(a) > 63 || a[0] == '-' || a[len(a)-1] == '-' {
		return false
	}
	for _, r := range a {
		if (r < 'a' || r > 'z') && (r < '0' || r > '9') && r != '-' {
			return false
		}
	}
	return true
}

// WithBaseURL sets the API root, e.g. "https://acme.postaffiliatepro.com/api/v3"
// (shown under Configuration > Tools > Integration > API v3) or a fake
// server's URL. A path prefix such as /api/v3 is kept. There is no default:
// either WithBaseURL or WithAccount is required.
func WithBaseURL(rawURL string) Option {
	return func(s *settings) error {
		if err := s.SetBaseURL(rawURL); err != nil {
			return err
		}
		s.baseURLSet = true
		return nil
	}
}

// WithPagination selects the paging parameters of list requests (default
// OffsetLimit). The v3 parameters are not public; check your account's
// OpenAPI description at the API root.
func WithPagination(p Pagination) Option {
	return func(s *settings) error {
		if p != OffsetLimit && p != PagePerPage {
			return fmt.Errorf("unknown pagination style %d", int(p))
		}
		s.pagination = p
		return nil
	}
}

// WithTimezone sets the time zone of timestamps the server sends without
// one, such as the legacy "2006-01-02 15:04:05" form, which Post Affiliate
// Pro writes in the account's server time zone (Configuration > General).
// The default is UTC. Timestamps that carry a zone or offset are unaffected.
func WithTimezone(loc *time.Location) Option {
	return func(s *settings) error {
		if loc == nil {
			return errors.New("time zone is nil")
		}
		s.location = loc
		return nil
	}
}

// WithClicksPath sets the path, relative to the API root, of the clicks
// list report. The vendor has announced the report but not its path; the
// default is "reports/clicks". Set the path your account's OpenAPI
// description shows.
func WithClicksPath(path string) Option {
	path = strings.Trim(strings.TrimSpace(path), "/")
	return func(s *settings) error {
		if path == "" {
			return errors.New("clicks path is empty")
		}
		if strings.ContainsAny(path, "?#") {
			return fmt.Errorf("clicks path %q must not have a query or fragment", path)
		}
		segs := strings.Split(path, "/")
		for i, seg := range segs {
			if seg == "" || seg == "." || seg == ".." {
				return fmt.Errorf("clicks path %q has an empty or dot segment", path)
			}
			segs[i] = transport.EscapeSegment(seg)
		}
		s.clicksPath = strings.Join(segs, "/")
		return nil
	}
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
// for longer (in Retry-After or X-RateLimit-Reset), the call fails at once
// with its 429 (ErrRateLimited) or 503 (ErrServer), and Error.RetryAfter
// holds the wait asked for.
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

// RequestOption configures one call: it is the last, variadic parameter of
// every method that is not a List, a ...Page method or an iterator.
// [WithResponseInto] is one.
type RequestOption = transport.RequestOption

// WithResponseInto stores the call's HTTP response in resp once the call
// returns: on success its StatusCode, Header, RateLimit (the
// X-RateLimit-* headers) and RequestID; on an [*Error] that carried a
// response, that response's StatusCode, Header and RequestID. When no
// response arrived (a refused argument, a broken connection, a cancelled
// context) resp is left as it was.
//
//	var resp postaffiliatepro.Response
//	a, err := client.Affiliates.Get(ctx, id, postaffiliatepro.WithResponseInto(&resp))
//	fmt.Println(resp.StatusCode, resp.RateLimit.Remaining)
func WithResponseInto(resp *Response) RequestOption { return transport.WithResponseInto(resp) }

// Clock is the source of time and sleeping of a client: its retry waits
// and its throttle go through it. The same type in every package of this
// module. Its methods:
//   - Now() time.Time: the current time.
//   - Sleep(ctx context.Context, d time.Duration) error: waits d, or until
//     ctx is done and then returns ctx.Err().
//   - AfterFunc(d time.Duration, f func()) (stop func() bool): calls f in
//     its own goroutine once d has passed, unless stop is called first;
//     stop reports whether it prevented the call.
//
// The fake clock of postaffiliateprotest.NewClock implements it, so retry
// and throttle waits in tests take no real time.
type Clock = transport.Clock

// WithClock replaces the wall clock the client waits on (default: the
// real time). For tests: pass a postaffiliateprotest.NewClock clock, and
// the same clock's Now to the fake's WithClock, so a wait of the client
// refills the fake's token bucket too.
func WithClock(c Clock) Option {
	return func(s *settings) error {
		if c == nil {
			return errors.New("clock is nil")
		}
		s.Clock = c
		return nil
	}
}
