// Package transport is the HTTP layer shared by every platform package of
// affiliatekit-go: URL building, authentication, retries with Retry-After
// honoured, rate-limit tracking, client-side throttling, typed errors,
// response size caps, opt-in slog logging and iterator-based pagination.
//
// Platform packages configure one *Client each and re-export the public
// pieces (Error, Response, RateLimit and the sentinel errors) as aliases so
// that users never import this package.
package transport

// Version is the SDK version sent in the User-Agent header.
const Version = "0.1.0"
