package transport

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"testing"
	"time"
	"unicode/utf8"
)

var fuzzNow = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// FuzzParseErrorBody feeds any body to the error-body parser of the five
// platforms' shapes: it never panics, and an *Error built from the body
// prints.
func FuzzParseErrorBody(f *testing.F) {
	for _, s := range []string{
		`{"message":"Invalid","code":"invalid","errors":{"email":["is taken"]}}`,
		`{"error":"not_found","message":"Affiliate not found"}`,
		`{"error":{"code":"rate_limited","message":"slow"}}`,
		`{"error":["a","b"]}`, `{"errors":[{"message":"x"},{"detail":"y"}]}`,
		`{"Error":"bad"}`, `{"error_code":42,"error_message":"nope"}`, `[1]`, `null`, `<html>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		msg, code := parseErrorBody(body)
		if utf8.Valid(body) && (!utf8.ValidString(msg) || !utf8.ValidString(code)) {
			t.Fatalf("invalid UTF-8 from a valid body: %q %q", msg, code)
		}
		e := &Error{StatusCode: 400, Message: msg, Code: code, Body: clip(body), Method: "GET", Path: "/x"}
		_ = e.Error()
		if len(e.Body) > maxErrorBody {
			t.Fatalf("kept %d bytes of body", len(e.Body))
		}
	})
}

// FuzzParseRetryAfter: any Retry-After value is a wait between zero and
// the header cap, or no wait at all.
func FuzzParseRetryAfter(f *testing.F) {
	for _, s := range []string{"0", "1", "120", "1.5", "-1", "NaN", "1e309", "Fri, 02 Jan 2026 03:05:05 GMT",
		"Friday, 02-Jan-26 03:05:05 GMT", "Fri Jan  2 03:05:05 2026", "", "  7  "} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		d, ok := ParseRetryAfter(v, fuzzNow)
		if !ok && d != 0 {
			t.Fatalf("no wait, but %s", d)
		}
		if d < 0 || d > maxHeaderWait {
			t.Fatalf("wait %s out of range for %q", d, v)
		}
	})
}

// FuzzParseReset: any rate-limit header set reads as a quota whose reset
// lies within the header cap of now, or as no quota.
func FuzzParseReset(f *testing.F) {
	f.Add("100", "0", "1767323160", uint8(ResetUnixSeconds))
	f.Add("60", "59", "30", uint8(ResetDeltaSeconds))
	f.Add("x", "-1", "99999999999999999999", uint8(ResetDeltaSeconds))
	f.Fuzz(func(t *testing.T, limit, remaining, reset string, kind uint8) {
		h := http.Header{}
		h.Set("X-Limit", limit)
		h.Set("X-Remaining", remaining)
		h.Set("X-Reset", reset)
		rl, _ := RateLimitHeaders{Limit: "X-Limit", Remaining: "X-Remaining", Reset: "X-Reset", ResetKind: ResetKind(kind % 3)}.read(h, fuzzNow)
		if !rl.Reset.IsZero() && rl.Reset.After(fuzzNow.Add(maxHeaderWait)) {
			t.Fatalf("reset %s beyond the cap", rl.Reset)
		}
	})
}

// fuzzResponse answers every request with one canned response.
type fuzzResponse struct {
	status int
	header http.Header
	body   []byte
}

func (f fuzzResponse) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{
		StatusCode: f.status, Status: strconv.Itoa(f.status), Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: f.header, Body: io.NopCloser(bytes.NewReader(f.body)), ContentLength: -1, Request: r,
	}, nil
}

// FuzzResponse runs any status, Retry-After, content type and body through
// Do: it returns a decoded value or an error, never panics, never waits
// longer than the configured maximum, and keeps at most 4 KiB of a body in
// an error.
func FuzzResponse(f *testing.F) {
	f.Add(200, "", "application/json", []byte(`{"id":1}`))
	f.Add(429, "3600", "application/json", []byte(`{"message":"slow down"}`))
	f.Add(503, "Fri, 02 Jan 2026 03:05:06 GMT", "text/html", []byte(`<html>busy</html>`))
	f.Add(200, "", "text/html", []byte(`<!doctype html>`))
	f.Add(204, "", "", []byte(``))
	f.Add(422, "", "application/json", []byte(`{"errors":{"email":["taken"]}}`))
	f.Fuzz(func(t *testing.T, status int, retryAfter, contentType string, body []byte) {
		status = 200 + (status%400+400)%400
		h := http.Header{}
		h.Set("Retry-After", retryAfter)
		h.Set("Content-Type", contentType)
		s := NewSettings("http://127.0.0.1:9/api")
		s.HTTPClient = &http.Client{Transport: fuzzResponse{status: status, header: h, body: body}}
		s.MaxRetries = 1
		s.MaxResponseBytes = 1 << 16
		clk := &sleepRecorder{}
		s.Clock = clk
		c, err := New(Config{Settings: s, Platform: "fuzz", Auth: BearerAuth{Token: NewSecret("t")},
			RateLimitHeaders: RateLimitHeaders{Limit: "X-Limit", Remaining: "X-Remaining", Reset: "Retry-After", ResetKind: ResetDeltaSeconds}})
		if err != nil {
			t.Fatal(err)
		}
		var out map[string]any
		_, err = c.Do(context.Background(), &Request{Method: http.MethodGet, Path: "x"}, &out)
		if e, ok := err.(*Error); ok {
			_ = e.Error()
			if len(e.Body) > maxErrorBody {
				t.Fatalf("kept %d bytes of body", len(e.Body))
			}
		}
		if clk.max > s.RetryWaitMax {
			t.Fatalf("waited %s, more than the %s maximum", clk.max, s.RetryWaitMax)
		}
	})
}

// sleepRecorder is a clock that never sleeps and records the longest wait.
type sleepRecorder struct{ max time.Duration }

func (*sleepRecorder) Now() time.Time { return fuzzNow }

func (s *sleepRecorder) Sleep(ctx context.Context, d time.Duration) error {
	s.max = max(s.max, d)
	return ctx.Err()
}

// AfterFunc never fires: the fuzzed server answers at once.
func (*sleepRecorder) AfterFunc(time.Duration, func()) func() bool {
	return func() bool { return true }
}
