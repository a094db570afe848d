package refersion

import "github.com/affiliatekit/affiliatekit-go/internal/transport"

// Version is the SDK version, sent in the User-Agent header; the same in
// every package.
const Version = transport.Version

// Error is returned for a failed API call: an error status, a rate limit
// whose wait is longer than the client's maximum, or a body that is not the
// expected JSON. Match it with errors.As, or its kind with errors.Is and
// the sentinels below ([ErrNotFound], [ErrInvalidRequest], ...).
//
// Refersion writes its error bodies in three shapes, {"error": "..."},
// {"error": ["...", ...]} and {"errors": ["...", ...]}; Message holds the
// text of any of them, several messages joined by "; ".
//
// Its fields:
//   - StatusCode int: the HTTP status (204 for the No Content Refersion
//     answers for an invalid field); for a malformed success body, the 2xx
//     status that carried it.
//   - Message string: Refersion's error message, else the status text or a
//     description of the problem.
//   - Code string: the platform's machine-readable code; Refersion sends
//     none, so it stays "".
//   - Method string and Path string: the endpoint ("POST",
//     "/v2/affiliate/get"); Path never holds a query.
//   - Body []byte: the start (at most 4 KiB) of the response body.
//   - RetryAfter time.Duration: the wait the server asked for (429, 503).
//   - Fields map[string][]string: field-level messages; the messages of an
//     {"errors": [...]} or {"error": [...]} list name no field and are under
//     "". Nil when the body has none.
//   - Header http.Header: the header of the response (nil when none
//     arrived).
//   - RequestID string: the request's id from an X-Request-Id (or similar)
//     header, when the server sends one.
//   - Err error: the underlying cause, such as a JSON syntax error.
//
// Its methods:
//   - Error() string: the message, with the method, path and status.
//   - Unwrap() error: Err.
//   - Is(target error) bool: matches the sentinels by status or kind.
//   - Malformed() bool: the body was not the expected JSON
//     ([ErrMalformedResponse]).
//   - OutcomeUnknown() bool: a write failed after it may have reached the
//     server ([ErrOutcomeUnknown]).
type Error = transport.Error

// Response holds the status, headers, rate limit and pagination state of a
// page, as returned by the ListPage and SearchPage methods, and the HTTP
// response of any other call through [WithResponseInto]. Its fields:
//   - StatusCode int and Header http.Header: those of the final HTTP
//     response.
//   - RateLimit [RateLimit]: the quota this response announced (zero
//     when none).
//   - NextPage int: the page to request next, 0 after the last page.
//   - NextCursor string: unused by Refersion's page-number lists; "".
//   - HasMore bool: whether another page follows.
//   - Total *int: the envelope's total number of records, nil when the
//     answer has none.
//   - RequestID string: the platform's id of the request from the
//     response's X-Request-Id (or Request-Id, X-Amzn-Requestid,
//     X-Correlation-Id) header, "" when none is sent.
type Response = transport.Response

// RateLimit is the quota announced by the server; zero fields mean it did
// not say. Refersion documents no rate-limit headers, so it stays zero
// unless the server starts sending them. Its fields:
//   - Limit int: the requests allowed per window.
//   - Remaining int: the requests left in the window.
//   - Reset time.Time: when the window resets.
type RateLimit = transport.RateLimit

// Sentinel errors, matched with errors.Is. They are the same values in all
// five packages of this module: errors.Is(err, refersion.ErrNotFound) and
// errors.Is(err, firstpromoter.ErrNotFound) agree.
var (
	// ErrUnauthorized: 401, a wrong or missing key pair ("Invalid API
	// credentials (error 2).").
	ErrUnauthorized = transport.ErrUnauthorized
	// ErrForbidden: 403.
	ErrForbidden = transport.ErrForbidden
	// ErrNotFound: 404, which Refersion also uses for a request without a
	// body ("Bad request, no body"). A missing affiliate is a 422 from
	// Refersion; Get and GetByCode make that error match ErrNotFound
	// (and not ErrInvalidRequest: an answer matches one kind).
	ErrNotFound = transport.ErrNotFound
	// ErrRateLimited: 429, including a wait longer than the client allows.
	// The 429 that trigger/delete answers for more than 50 triggers is a
	// validation error instead: see AffiliatesService.DeleteTriggers.
	ErrRateLimited = transport.ErrRateLimited
	// ErrInvalidRequest: 400 (a missing required field), 409 or 422 (data
	// errors), and the 204 No Content Refersion answers for an invalid
	// field in the request.
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
