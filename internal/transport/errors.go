package transport

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"
)

// Sentinel errors matched with errors.Is against an *Error.
var (
	ErrUnauthorized      = errors.New("unauthorized")
	ErrForbidden         = errors.New("forbidden")
	ErrNotFound          = errors.New("not found")
	ErrRateLimited       = errors.New("rate limited")
	ErrInvalidRequest    = errors.New("invalid request")
	ErrServer            = errors.New("server error")
	ErrMalformedResponse = errors.New("malformed response")
	// ErrOutcomeUnknown is matched by the error of a write (a request that
	// is not retry-safe) that failed after it may have reached the server:
	// the connection broke after sending, an attempt timed out, a 500, 502
	// or 504, a 503 without Retry-After, a redirect, or a 2xx whose body
	// could not be read, decoded or validated. The server may have acted.
	ErrOutcomeUnknown = errors.New("outcome unknown: the server may have acted on the request")
	// ErrTimeout is matched by the error of an attempt that ran past the
	// client's timeout (WithTimeout). The caller's own context deadline
	// does not match it.
	ErrTimeout error = timeoutError{}
)

// Error is returned for every failed API call: an error status from the
// platform, a rate limit whose wait exceeds the configured maximum, or a
// body that is not the expected JSON.
type Error struct {
	// StatusCode is the HTTP status; for a malformed success body it is the
	// (2xx) status that carried it.
	StatusCode int
	// Message is the platform's error message when its body had one, else
	// the HTTP status text or a description of the problem.
	Message string
	// Code is the platform's machine-readable error code, when it sends one.
	Code string
	// Method and Path identify the endpoint. Path never holds the query.
	Method string
	Path   string
	// Body is the start (at most 4 KiB) of the response body.
	Body []byte
	// RetryAfter is the wait the server asked for (429 and 503).
	RetryAfter time.Duration
	// Fields holds field-level validation messages from the error body,
	// keyed by field name ({"errors": {"email": ["has already been
	// taken"]}}); messages the body gives without a field are under "".
	// Nil when the body has none.
	Fields map[string][]string
	// Header is the header of the response that carried the error (nil
	// when no response arrived).
	Header http.Header
	// RequestID is the platform's id of the request, from the response's
	// X-Request-Id (or Request-Id, X-Amzn-Requestid, X-Correlation-Id)
	// header, when it sends one: quote it to the platform's support.
	RequestID string
	// Err is the underlying cause, such as a JSON syntax error.
	Err error

	platform       string
	malformed      bool
	outcomeUnknown bool
}

// Error implements error.
func (e *Error) Error() string {
	var b strings.Builder
	if e.platform != "" {
		b.WriteString(e.platform)
		b.WriteString(": ")
	}
	b.WriteString(e.Method)
	b.WriteString(" ")
	b.WriteString(e.Path)
	b.WriteString(": ")
	if e.malformed {
		b.WriteString("malformed response")
		if e.StatusCode != 0 {
			fmt.Fprintf(&b, " (HTTP %d)", e.StatusCode)
		}
	} else {
		fmt.Fprintf(&b, "HTTP %d", e.StatusCode)
		if t := http.StatusText(e.StatusCode); t != "" {
			b.WriteString(" " + t)
		}
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if e.Code != "" {
		fmt.Fprintf(&b, " (code %s)", e.Code)
	}
	if e.RetryAfter > 0 {
		fmt.Fprintf(&b, " (retry after %s)", e.RetryAfter)
	}
	if e.Err != nil && e.kindOverride() == nil { // a kind is said by the status already
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	if e.outcomeUnknown {
		b.WriteString(" (outcome unknown: the server may have acted on the request)")
	}
	return b.String()
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// statusKinds are the sentinels an answer's status matches, one each.
var statusKinds = []error{ErrUnauthorized, ErrForbidden, ErrNotFound, ErrRateLimited, ErrInvalidRequest, ErrServer}

// kindOverride returns the status kind Err names, if any: a platform that
// uses a status in its own sense (Refersion's 422 "Affiliate not found")
// sets Err to the kind it means, and the status then matches no other.
func (e *Error) kindOverride() error {
	for _, k := range statusKinds {
		if e.Err == k {
			return k
		}
	}
	return nil
}

// Is matches the sentinel errors by status code or kind. An answer
// matches exactly one status kind; ErrMalformedResponse, ErrOutcomeUnknown
// and ErrTimeout are flags beside it.
func (e *Error) Is(target error) bool {
	if k := e.kindOverride(); k != nil {
		switch target {
		case ErrMalformedResponse:
			return e.malformed
		case ErrOutcomeUnknown:
			return e.outcomeUnknown
		}
		return target == k
	}
	switch target {
	case ErrMalformedResponse:
		return e.malformed
	case ErrOutcomeUnknown:
		return e.outcomeUnknown
	case ErrUnauthorized:
		return e.StatusCode == http.StatusUnauthorized
	case ErrForbidden:
		return e.StatusCode == http.StatusForbidden
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests
	case ErrInvalidRequest:
		return e.StatusCode == http.StatusBadRequest || e.StatusCode == http.StatusConflict ||
			e.StatusCode == http.StatusUnprocessableEntity
	case ErrServer:
		return e.StatusCode >= 500 && e.StatusCode <= 599
	}
	return false
}

// Malformed reports whether the error is about a body that was not the
// expected JSON.
func (e *Error) Malformed() bool { return e.malformed }

// OutcomeUnknown reports whether the failed request was a write that may
// have reached the server: errors.Is(e, ErrOutcomeUnknown).
func (e *Error) OutcomeUnknown() bool { return e.outcomeUnknown }

// NewMalformedError builds an ErrMalformedResponse error for a platform
// package that validates a decoded body beyond its JSON shape.
func NewMalformedError(platform, method, path string, status int, body []byte, msg string, cause error) *Error {
	return &Error{
		StatusCode: status, Method: method, Path: path, Message: msg, Err: cause,
		Body: clip(body), platform: platform, malformed: true,
	}
}

// NewStatusError builds the error of a status the platform uses in its own
// sense (Refersion's 204 No Content for an invalid field): kind is the
// sentinel it matches, msg what it means.
func NewStatusError(platform, method, path string, status int, msg string, kind error) *Error {
	return &Error{StatusCode: status, Method: method, Path: path, Message: msg, Err: kind, platform: platform}
}

// MalformedResponse builds the ErrMalformedResponse error of an answer
// that decoded but is not what the endpoint promises, found after Do
// returned resp: it names resp's endpoint and, for an answer to a write,
// also matches ErrOutcomeUnknown, as the errors Do builds do.
func MalformedResponse(resp *Response, body []byte, msg string, cause error) *Error {
	return &Error{
		StatusCode: resp.StatusCode, Method: resp.method, Path: resp.path, platform: resp.platform,
		Message: msg, Err: cause, Body: clip(body), malformed: true, outcomeUnknown: !resp.safe,
	}
}

// callError is a failed call that is not an *Error: a connection error,
// a timeout, or the caller's context ending. It names the endpoint and
// matches ErrOutcomeUnknown for a write that may have reached the server.
type callError struct {
	prefix  string
	err     error
	unknown bool
}

func (e *callError) Error() string {
	s := e.prefix + ": " + e.err.Error()
	if e.unknown {
		s += " (outcome unknown: the server may have acted on the request)"
	}
	return s
}

func (e *callError) Unwrap() error { return e.err }

func (e *callError) Is(target error) bool { return target == ErrOutcomeUnknown && e.unknown }

// Timeout reports whether the cause was a timeout, as net.Error does.
func (e *callError) Timeout() bool {
	var t interface{ Timeout() bool }
	return errors.As(e.err, &t) && t.Timeout()
}
