package partnerstack

import "github.com/affiliatekit/affiliatekit-go/internal/transport"

// Version is the SDK version, sent in the User-Agent header; the same in
// every package.
const Version = transport.Version

// Error is returned for a failed API call: an error status, a rate limit
// whose wait is longer than the client's maximum, or a body that is not the
// expected JSON. Match it with errors.As, or its kind with errors.Is and
// the sentinels below ([ErrNotFound], [ErrRateLimited], ...). It is the
// same type in every package of this module. Its fields:
//   - StatusCode int: the HTTP status; for a malformed success body, the
//     2xx status that carried it.
//   - Message string: the "message" of PartnerStack's error body
//     ({"message": "...", "status": 404}), else the status text or a
//     description of the problem.
//   - Code string: always empty, PartnerStack sends no error code.
//   - Method, Path string: the endpoint; Path never holds the query.
//   - Body []byte: the start (at most 4 KiB) of the response body.
//   - RetryAfter time.Duration: the wait the server asked for (429, 503).
//   - Fields map[string][]string: field-level validation messages, keyed
//     by field ("" for messages without one); nil when the body has none.
//   - Header http.Header: the header of the response (nil when none
//     arrived).
//   - RequestID string: the request id from the X-Request-Id (or a like)
//     header, when sent; quote it to support.
//   - Err error: the underlying cause, such as a JSON syntax error.
//
// Its methods:
//   - Error() string: the message with the status and endpoint.
//   - Unwrap() error: Err.
//   - Is(target error) bool: matches the sentinels by the status kind.
//   - Malformed() bool: the body was not the expected JSON
//     ([ErrMalformedResponse]).
//   - OutcomeUnknown() bool: a write that may have taken effect
//     ([ErrOutcomeUnknown]).
type Error = transport.Error

// Response holds the status, headers, rate limit, request id and
// pagination state of a page, as returned by the ListPage methods; the
// same type in every package of this module. Its fields:
//   - StatusCode int and Header http.Header: those of the final HTTP
//     response.
//   - RateLimit [RateLimit]: the quota the response announced (zero, as
//     PartnerStack sends no rate-limit headers).
//   - NextPage int: unused by PartnerStack's cursor pagination (0).
//   - NextCursor string: the key to pass as StartingAfter (or EndingBefore
//     when paging backwards) for the next page; "" after the last.
//   - HasMore bool: the page's has_more.
//   - Total *int: the list's total when the endpoint reports one, else nil.
//   - RequestID string: the platform's id of the request from the
//     response's X-Request-Id (or Request-Id, X-Amzn-Requestid,
//     X-Correlation-Id) header, "" when none is sent.
//
// A method other than a list fills one through [WithResponseInto].
type Response = transport.Response

// RateLimit is the quota announced by the server; the same type in every
// package of this module. Its fields:
//   - Limit int: the requests allowed per window.
//   - Remaining int: the requests left in the window.
//   - Reset time.Time: when the window resets.
//
// PartnerStack announces none, so it stays zero.
type RateLimit = transport.RateLimit

// Sentinel errors, matched with errors.Is against an [Error] (or, for
// [ErrTimeout], any error). They are the same values in all five platform
// packages of this module, so one check serves every platform.
var (
	// ErrUnauthorized: 401, missing or wrong keys, or a key of the other API
	// (a Partner API key on a Vendor API path and the reverse).
	ErrUnauthorized = transport.ErrUnauthorized
	// ErrForbidden: 403, the keys lack the rights for the action.
	ErrForbidden = transport.ErrForbidden
	// ErrNotFound: 404.
	ErrNotFound = transport.ErrNotFound
	// ErrRateLimited: 429, including a wait longer than the client allows.
	ErrRateLimited = transport.ErrRateLimited
	// ErrInvalidRequest: 400, 409 or 422.
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
