package partnerstack

import "github.com/affiliatekit/affiliatekit-go/internal/transport"

// Error is returned for a failed API call: an error status, a rate limit
// whose wait is longer than the client's maximum, or a body that is not the
// expected JSON. Message holds the "message" of PartnerStack's error body
// ({"message": "...", "status": 404}); PartnerStack sends no error code, so
// Code stays empty. Match it with errors.As, or its kind with errors.Is and
// the sentinels below.
type Error = transport.Error

// Response holds the status, headers, rate limit and pagination state of a
// page, as returned by the ListPage methods. For PartnerStack's cursor
// pagination HasMore is the page's has_more, NextCursor the key to pass as
// StartingAfter (or EndingBefore when paging backwards) for the next page,
// and Total the list's total when the endpoint reports one.
type Response = transport.Response

// RateLimit is the quota announced by the server.
type RateLimit = transport.RateLimit

// Sentinel errors, matched with errors.Is.
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
