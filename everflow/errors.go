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
)
