package partnerstack

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// Option configures a Client or a PartnerClient. Options are validated by
// NewClient and NewPartnerClient.
type Option func(*settings) error

// settings is what the options fill in.
type settings struct {
	transport.Settings
	publicKey transport.Secret
	secretKey transport.Secret
	apiKey    transport.Secret
	// trackingToken and conversionURL configure the server-to-server
	// conversion call, which has its own host and credential.
	trackingToken transport.Secret
	conversionURL *url.URL
}

// WithKeys sets the Vendor API key pair (Settings → Integrations →
// PartnerStack API Keys), sent as HTTP basic credentials with the public
// key as user and the secret key as password. Test and production pairs are
// separate; test keys create test customers and transactions. Required by
// NewClient; not accepted by NewPartnerClient.
func WithKeys(publicKey, secretKey string) Option {
	publicKey, secretKey = strings.TrimSpace(publicKey), strings.TrimSpace(secretKey)
	return func(s *settings) error {
		if publicKey == "" {
			return errors.New("public key is empty")
		}
		if secretKey == "" {
			return errors.New("secret key is empty")
		}
		if strings.Contains(publicKey, ":") {
			return errors.New("public key must not contain ':'")
		}
		s.publicKey = transport.NewSecret(publicKey)
		s.secretKey = transport.NewSecret(secretKey)
		return nil
	}
}

// WithAPIKey sets the Partner API key (the partner's profile → API tab),
// sent as "Authorization: Bearer <key>". Required by NewPartnerClient; not
// accepted by NewClient.
func WithAPIKey(key string) Option {
	key = strings.TrimSpace(key)
	return func(s *settings) error {
		if key == "" {
			return errors.New("API key is empty")
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
// PartnerStack's lists page by cursor, so they fetch one page at a time
// whatever n is; the option exists so that code configuring every platform
// the same way compiles.
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

// WithTrackingToken sets the tracking token of the server-to-server
// conversion call (Conversions.Record), sent as "Authorization: Bearer
// <token>" to the conversion host only. The vendor key pair is never sent
// there, and the token never goes to the API host. Accepted by NewClient.
func WithTrackingToken(token string) Option {
	token = strings.TrimSpace(token)
	return func(s *settings) error {
		if token == "" {
			return errors.New("tracking token is empty")
		}
		s.trackingToken = transport.NewSecret(token)
		return nil
	}
}

// WithConversionBaseURL overrides DefaultConversionBaseURL, the host of the
// server-to-server conversion call, e.g. with a fake server's
// ConversionURL.
func WithConversionBaseURL(rawURL string) Option {
	return func(s *settings) error {
		u, err := transport.ParseBaseURL(rawURL)
		if err != nil {
			return fmt.Errorf("conversion %w", err)
		}
		s.conversionURL = u
		return nil
	}
}

// RequestOption configures one call: it is the last, variadic parameter of
// every method that is not a List, a ListPage (or another ...Page) or an
// iterator. [WithResponseInto] is one. A method that sends several requests
// applies the options to the last one and says so.
type RequestOption = transport.RequestOption

// WithResponseInto stores the call's HTTP response in resp once the call
// returns: on success its StatusCode, Header, RateLimit and RequestID; on
// an [*Error] that carried a response, that response's StatusCode, Header
// and RequestID. When no response arrived (a refused argument, a broken
// connection, a cancelled context) resp is left as it was.
//
//	var resp partnerstack.Response
//	p, err := client.Partnerships.Get(ctx, key, partnerstack.WithResponseInto(&resp))
//	fmt.Println(resp.StatusCode, resp.Header.Get("Content-Type"))
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
// The fake clock of partnerstacktest.NewClock implements it, so retry
// and throttle waits in tests take no real time.
type Clock = transport.Clock

// WithClock replaces the wall clock the client waits on (default: the
// real time). For tests: pass a partnerstacktest.NewClock clock, and
// the same clock's Now to the fake's WithClock, so a wait of the client
// moves the fake's time too.
func WithClock(c Clock) Option {
	return func(s *settings) error {
		if c == nil {
			return errors.New("clock is nil")
		}
		s.Clock = c
		return nil
	}
}
