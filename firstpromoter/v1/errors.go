package v1

import "github.com/affiliatekit/affiliatekit-go/internal/transport"

// Version is the SDK version, sent in the User-Agent header; the same in
// every package.
const Version = transport.Version

// Error is returned for a failed API call: an error status, a rate limit
// whose wait is longer than the client's maximum, or a body that is not the
// expected JSON. Match it with errors.As, or its kind with errors.Is and
// the sentinels below ([ErrNotFound], [ErrRateLimited], ...). It is the same
// type in every package of the module. Its fields:
//   - StatusCode int: the HTTP status; for a malformed success body, the
//     2xx status that carried it;
//   - Message string: the platform's error message, else the status text
//     or a description of the problem;
//   - Code string: the platform's machine-readable error code, when sent;
//   - Method, Path string: the endpoint; Path never holds the query;
//   - Body []byte: the start (at most 4 KiB) of the response body;
//   - RetryAfter time.Duration: the wait the server asked for (429, 503);
//   - Fields map[string][]string: field-level validation messages keyed
//     by field name ("" for those without a field); nil when none;
//   - Header http.Header: the header of the response that carried the
//     error (nil when no response arrived);
//   - RequestID string: the platform's id of the request, from
//     X-Request-Id or a similar header, to quote to its support;
//   - Err error: the underlying cause, such as a JSON syntax error.
//
// Its methods:
//   - Error() string: the message, naming the platform and endpoint;
//   - Unwrap() error: Err;
//   - Is(target error) bool: matches the sentinels by status and kind;
//   - Malformed() bool: the body was not the expected JSON
//     ([ErrMalformedResponse]);
//   - OutcomeUnknown() bool: a write that may have reached the server
//     failed ([ErrOutcomeUnknown]).
type Error = transport.Error

// Response is the HTTP response of a call: the ListPage methods return
// it with the state of the page, and [WithResponseInto] fills one for any
// other call. It is the same type in every package of the module. Its
// fields:
//   - StatusCode int and Header http.Header: those of the final HTTP
//     response;
//   - RequestID string: the platform's id of the request, from the
//     response's X-Request-Id or a similar header ("" when it sent none);
//   - RateLimit [RateLimit]: the quota this response announced (zero if
//     none);
//   - NextPage int: the page number to request next, 0 when there is no
//     further page (from a Link header's rel="next" when the server sends
//     one, else the page after any non-empty page);
//   - NextCursor string: the cursor of cursor-paged APIs; always "" here;
//   - HasMore bool: another page follows;
//   - Total *int: the total number of records when the API reports it;
//     nil here, as the v1 API documents none.
//   - RequestID string: the platform's id of the request from the
//     response's X-Request-Id (or Request-Id, X-Amzn-Requestid,
//     X-Correlation-Id) header, "" when none is sent.
type Response = transport.Response

// RateLimit is the quota the server announced in a response; zero fields
// mean the server did not say. It is the same type in every package of the module.
// Its fields:
//   - Limit int: the requests allowed in the window;
//   - Remaining int: the requests left in it;
//   - Reset time.Time: when the window resets.
type RateLimit = transport.RateLimit

// Sentinel errors, matched with errors.Is. They are the same values in
// every package of the module: errors.Is(err, fpv1.ErrNotFound)
// matches a 404 from any of them.
var (
	// ErrUnauthorized: 401, a wrong or missing API key.
	ErrUnauthorized = transport.ErrUnauthorized
	// ErrForbidden: 403, the key lacks the rights for the action.
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
