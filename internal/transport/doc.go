// Package transport is the HTTP layer shared by every platform package of
// affiliatekit-go: URL building, authentication, retries with Retry-After
// honoured, rate-limit tracking, client-side throttling, typed errors,
// response size caps, opt-in slog logging and iterator-based pagination.
//
// Platform packages configure one *Client each and re-export the public
// pieces (Error, Response, RateLimit and the sentinel errors) as aliases so
// that users never import this package.
//
// The files by concern: client.go builds a Client and runs a call;
// request.go builds its URL; retry.go is the retry policy; timeout.go
// bounds each attempt; redirect.go is the redirect policy; body.go reads,
// caps and decodes a body inside the retry loop; errors.go and
// errorbody.go are the errors and how an error body is read; paginate.go
// and pagekey.go turn pages into iterators that always end; auth.go and
// secret.go hold the credentials; retryafter.go and throttle.go the
// server's and the client's rate limits.
package transport

// Version is the SDK version sent in the User-Agent header.
const Version = "0.1.0"
