package postaffiliatepro

import (
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// Version is the SDK version, sent in the User-Agent header
// ("affiliatekit-go/<Version>"); the same in every package.
const Version = transport.Version

// Error is returned for a failed API call: an error status, a rate limit
// whose wait is longer than the client's maximum, or a body that is not the
// expected JSON. Match it with errors.As, or its kind with errors.Is and
// the sentinels below ([ErrNotFound], [ErrRateLimited], ...). It is the
// same type in every package of this module. Its fields:
//   - StatusCode int: the HTTP status; for a malformed success body, the
//     2xx status that carried it.
//   - Message string: the error message of the body when it had one, else
//     the HTTP status text or a description of the problem.
//   - Code string: the machine-readable error code, when the body has one.
//   - Method string and Path string: the endpoint; Path never holds the
//     query.
//   - Body []byte: the start (at most 4 KiB) of the response body.
//   - RetryAfter time.Duration: the wait the server asked for (429, 503).
//   - Fields map[string][]string: field-level validation messages keyed by
//     field name (messages without a field under ""); nil when none.
//   - Header http.Header: the header of the response that carried the
//     error; nil when no response arrived.
//   - RequestID string: the server's id of the request from X-Request-Id
//     (or Request-Id, X-Amzn-Requestid, X-Correlation-Id), when sent.
//   - Err error: the underlying cause, such as a JSON syntax error.
//
// Its methods:
//   - Error() string: the message, naming the platform and endpoint.
//   - Unwrap() error: Err.
//   - Is(target error) bool: matches the sentinels by status or kind.
//   - Malformed() bool: the body was not the expected JSON
//     ([ErrMalformedResponse]).
//   - OutcomeUnknown() bool: a write that may have reached the server
//     ([ErrOutcomeUnknown]).
type Error = transport.Error

// Response holds the status, headers, rate limit, request id and
// pagination state of a page, as returned by the ...Page methods. It is the same type in every
// package of this module. Its fields:
//   - StatusCode int and Header http.Header: those of the final HTTP
//     response.
//   - RateLimit [RateLimit]: the quota this response announced (zero if
//     none).
//   - NextPage int: the page to request next, 0 when there is no further
//     page.
//   - NextCursor string: the cursor to request next for cursor APIs; always
//     "" here, as Post Affiliate Pro pages by number.
//   - HasMore bool: whether another page follows.
//   - Total *int: the total number of records when the server reports it.
//   - RequestID string: the platform's id of the request from the
//     response's X-Request-Id (or Request-Id, X-Amzn-Requestid,
//     X-Correlation-Id) header, "" when none is sent.
//
// A method other than a list fills one through [WithResponseInto].
type Response = transport.Response

// RateLimit is the quota announced by the server in its X-RateLimit-Limit,
// X-RateLimit-Remaining and X-RateLimit-Reset headers, as returned by
// [Client.RateLimit] and in [Response]. It is the same type in every
// package of this module. Zero fields mean the server did not say. Its
// fields:
//   - Limit int: requests allowed per window.
//   - Remaining int: requests left in the current window.
//   - Reset time.Time: when the window resets.
type RateLimit = transport.RateLimit

// Sentinel errors, matched with errors.Is against an [Error] (ErrTimeout
// apart). They are the same values in every package of this module, so
// errors.Is(err, postaffiliatepro.ErrNotFound) matches a not-found from any
// platform.
var (
	// ErrUnauthorized: 401, a missing, wrong, expired or revoked API key.
	ErrUnauthorized = transport.ErrUnauthorized
	// ErrForbidden: 403, the key lacks the scope (Read or Write on the
	// area) the call needs, or the caller's IP is not whitelisted.
	ErrForbidden = transport.ErrForbidden
	// ErrNotFound: 404.
	ErrNotFound = transport.ErrNotFound
	// ErrRateLimited: 429, including a wait longer than the client allows.
	ErrRateLimited = transport.ErrRateLimited
	// ErrInvalidRequest: 400 (also an unknown endpoint), 409 or 422.
	ErrInvalidRequest = transport.ErrInvalidRequest
	// ErrServer: any 5xx.
	ErrServer = transport.ErrServer
	// ErrMalformedResponse: a body that is not the expected JSON.
	ErrMalformedResponse = transport.ErrMalformedResponse
	// ErrOutcomeUnknown: a write (a call not safe to repeat) failed after
	// it may have reached the server, so it may have taken effect: the
	// connection broke after sending, a timeout, a 500, 502 or 504, a 503
	// without Retry-After, a redirect, or a success whose body could not be
	// read or decoded. It is never retried; reconcile before retrying by
	// hand. It comes beside the status kind (a 502 matches ErrServer too).
	ErrOutcomeUnknown = transport.ErrOutcomeUnknown
	// ErrTimeout: an attempt ran past WithTimeout. Not an *Error; its
	// Timeout method reports true. The caller's own context deadline does
	// not match it.
	ErrTimeout = transport.ErrTimeout
)
