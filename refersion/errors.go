package refersion

import "github.com/affiliatekit/affiliatekit-go/internal/transport"

// Error is returned for a failed API call: an error status, a rate limit
// whose wait is longer than the client's maximum, or a body that is not the
// expected JSON. Match it with errors.As, or its kind with errors.Is and
// the sentinels below.
//
// Refersion writes its error bodies in three shapes, {"error": "..."},
// {"error": ["...", ...]} and {"errors": ["...", ...]}; Message holds the
// text of any of them, several messages joined by "; ".
type Error = transport.Error

// Response holds the status, headers, rate limit and pagination state of a
// page, as returned by the ListPage and SearchPage methods.
type Response = transport.Response

// RateLimit is the quota announced by the server.
type RateLimit = transport.RateLimit

// Sentinel errors, matched with errors.Is.
var (
	// ErrUnauthorized: 401, a wrong or missing key pair ("Invalid API
	// credentials (error 2).").
	ErrUnauthorized = transport.ErrUnauthorized
	// ErrForbidden: 403.
	ErrForbidden = transport.ErrForbidden
	// ErrNotFound: 404, which Refersion also uses for a request without a
	// body ("Bad request, no body"). A missing affiliate is a 422 from
	// Refersion; Get and GetByCode make that error match ErrNotFound too.
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
