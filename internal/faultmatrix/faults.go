// Package faultmatrix runs the reliability fault matrix shared by the
// platform packages' tests: every listed fault is injected through a fake
// server's Inject into every target (a list iterator or a write call), and
// each cell checks the request count, the final error and, for an iterator
// that recovers, that every record arrives exactly once and in order.
//
// A platform's rows of its listed endpoint and of its write come from its
// description (ListTarget and WriteTarget of a platformtest.Platform);
// ListRow makes a row of another of its lists, and Start and Client give a
// row of its own the matrix's fake and client.
package faultmatrix

import (
	"context"
	"net/http"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// Kind says when the transport retries a fault.
type Kind int

// Fault kinds, after the transport's retry rules.
const (
	// Always: 429 and 503, where the server did not process the request;
	// retried for every method.
	Always Kind = iota
	// IfSafe: other 5xx, a dropped connection and bodies that are not the
	// expected JSON; retried only for retry-safe requests.
	IfSafe
	// Deadline: a response that never finishes; the caller's context
	// deadline ends it, and nothing is retried.
	Deadline
	// Timeout: a response that never finishes; the client's own timeout
	// (WithTimeout, on its clock) ends the attempt, and a retry-safe
	// request is retried.
	Timeout
)

// Fault is one column of the matrix.
type Fault struct {
	// Name is the subtest name.
	Name string
	// Kind says whether the transport retries it.
	Kind Kind
	// Make builds the injected fault. now is the client's clock, for the
	// HTTP-date form of Retry-After; wrongShape is the target's JSON body of
	// the wrong shape.
	Make func(now time.Time, wrongShape string) fakeserver.Fault
	// Want is the sentinel the final error matches. Nil means a
	// connection error: not an API error and not a context error.
	Want error
	// Reaches reports whether the endpoint runs under the fault, so a
	// write takes effect although the client sees an error.
	Reaches bool
	// RetryAfter reports that the final error carries the server's wait.
	RetryAfter bool
	// Wait is the wait the server asks for, which the client must sleep
	// before its first retry.
	Wait time.Duration
	// Refused reports a fault with which the server turns a request away
	// before acting on it: a write that meets it does not match
	// ErrOutcomeUnknown. A write that meets any other fault does.
	Refused bool
}

const htmlPage = "<!DOCTYPE html>\n<html><head><title>Error</title></head><body><h1>Something went wrong</h1></body></html>\n"

// Faults returns the columns of the matrix: every fault the reliability
// requirements list.
func Faults() []Fault {
	status := func(code int) func(time.Time, string) fakeserver.Fault {
		return func(time.Time, string) fakeserver.Fault { return fakeserver.Fault{Status: code} }
	}
	return []Fault{
		{Name: "429_retry_after_seconds", Kind: Always, Want: transport.ErrRateLimited, Refused: true, RetryAfter: true, Wait: 2 * time.Second,
			Make: func(time.Time, string) fakeserver.Fault { return fakeserver.Fault{Status: 429, RetryAfter: "2"} }},
		// The date is fixed when injected, so after the first wait it lies in
		// the past: the final error carries no wait.
		{Name: "429_retry_after_http_date", Kind: Always, Want: transport.ErrRateLimited, Refused: true, Wait: 3 * time.Second,
			Make: func(now time.Time, _ string) fakeserver.Fault {
				return fakeserver.Fault{Status: 429, RetryAfter: now.Add(3 * time.Second).UTC().Format(http.TimeFormat)}
			}},
		{Name: "429_no_header", Kind: Always, Want: transport.ErrRateLimited, Refused: true, Make: status(429)},
		// A bare 503 may come from a gateway that gave up on a request the
		// application still runs: a write is not sent again after it.
		{Name: "503", Kind: IfSafe, Want: transport.ErrServer, Make: status(503)},
		{Name: "500", Kind: IfSafe, Want: transport.ErrServer, Make: status(500)},
		{Name: "502", Kind: IfSafe, Want: transport.ErrServer, Make: status(502)},
		{Name: "504", Kind: IfSafe, Want: transport.ErrServer, Make: status(504)},
		{Name: "connection_closed_before_headers", Kind: IfSafe,
			Make: func(time.Time, string) fakeserver.Fault { return fakeserver.Fault{Drop: true} }},
		{Name: "body_cut_mid_json", Kind: IfSafe, Want: transport.ErrMalformedResponse, Reaches: true,
			Make: func(time.Time, string) fakeserver.Fault { return fakeserver.Fault{Truncate: true} }},
		{Name: "html_page_200", Kind: IfSafe, Want: transport.ErrMalformedResponse, Reaches: true,
			Make: func(time.Time, string) fakeserver.Fault { return fakeserver.Fault{Body: htmlPage} }},
		{Name: "html_page_502", Kind: IfSafe, Want: transport.ErrServer,
			Make: func(time.Time, string) fakeserver.Fault { return fakeserver.Fault{Status: 502, Body: htmlPage} }},
		{Name: "empty_200", Kind: IfSafe, Want: transport.ErrMalformedResponse, Reaches: true,
			Make: func(time.Time, string) fakeserver.Fault { return fakeserver.Fault{EmptyBody: true} }},
		{Name: "json_of_wrong_shape", Kind: IfSafe, Want: transport.ErrMalformedResponse, Reaches: true,
			Make: func(_ time.Time, wrongShape string) fakeserver.Fault { return fakeserver.Fault{Body: wrongShape} }},
		{Name: "never_finishes", Kind: Deadline, Want: context.DeadlineExceeded, Reaches: true,
			Make: func(time.Time, string) fakeserver.Fault { return fakeserver.Fault{Hang: true} }},
		{Name: "attempt_timeout", Kind: Timeout, Want: transport.ErrTimeout, Reaches: true,
			Make: func(time.Time, string) fakeserver.Fault { return fakeserver.Fault{Hang: true} }},
	}
}
