package everflow

import "github.com/affiliatekit/affiliatekit-go/internal/transport"

// Error is returned for a failed API call: an error status, a rate limit
// whose wait is longer than the client's maximum, or a body that is not the
// expected JSON. Its Message comes from Everflow's {"error": "..."} body
// (also accepted as {"Error": "..."}). Match it with errors.As, or its kind
// with errors.Is and the sentinels below.
type Error = transport.Error

// Response holds the status, headers, rate limit and pagination state of a
// page, as returned by the ListPage and SearchPage methods.
type Response = transport.Response

// RateLimit is the quota announced by the server.
type RateLimit = transport.RateLimit

// Sentinel errors, matched with errors.Is.
var (
	// ErrUnauthorized: 401, a missing or invalid API key ("No
	// Authentication Method Found").
	ErrUnauthorized = transport.ErrUnauthorized
	// ErrForbidden: 403, a key of another portal ("Out of realm") or one
	// lacking the permission.
	ErrForbidden = transport.ErrForbidden
	// ErrNotFound: 404, an unknown id or path.
	ErrNotFound = transport.ErrNotFound
	// ErrRateLimited: 429, including a wait longer than the client allows.
	ErrRateLimited = transport.ErrRateLimited
	// ErrInvalidRequest: 400, 409 or 422, such as a report window Everflow
	// refuses or a missing required field.
	ErrInvalidRequest = transport.ErrInvalidRequest
	// ErrServer: any 5xx.
	ErrServer = transport.ErrServer
	// ErrMalformedResponse: a body that is not the expected JSON, or an
	// export stream that breaks off or holds a row that does not decode.
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
