package transport

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

type item struct {
	ID int64 `json:"id"`
}

func get(path string) *Request { return &Request{Method: http.MethodGet, Path: path} }

func TestRetryMatrix(t *testing.T) {
	ok := status(200, `{"id":1}`)
	cases := []struct {
		name      string
		req       *Request
		first     http.HandlerFunc
		wantCalls int
		wantErr   error
	}{
		{"GET 500 retried", get("x"), status(500, `{}`), 2, nil},
		{"GET 502 retried", get("x"), status(502, `{}`), 2, nil},
		{"GET 504 retried", get("x"), status(504, `{}`), 2, nil},
		{"GET 501 not retried", get("x"), status(501, `{}`), 1, ErrServer},
		{"GET 404 not retried", get("x"), status(404, `{"message":"Record not found"}`), 1, ErrNotFound},
		{"GET 429 retried", get("x"), status(429, `{}`), 2, nil},
		{"POST 429 retried", &Request{Method: "POST", Path: "x"}, status(429, `{}`), 2, nil},
		{"POST 503 with Retry-After retried", &Request{Method: "POST", Path: "x"}, status(503, `{}`, "Retry-After", "1"), 2, nil},
		{"POST bare 503 not retried", &Request{Method: "POST", Path: "x"}, status(503, `{}`), 1, ErrServer},
		{"GET bare 503 retried", get("x"), status(503, `{}`), 2, nil},
		{"POST 502 not retried", &Request{Method: "POST", Path: "x"}, status(502, `{}`), 1, ErrServer},
		{"POST 500 not retried", &Request{Method: "POST", Path: "x"}, status(500, `{}`), 1, ErrServer},
		{"PATCH 504 not retried", &Request{Method: "PATCH", Path: "x"}, status(504, `{}`), 1, ErrServer},
		{"read-only POST 502 retried", &Request{Method: "POST", Path: "x", RetrySafe: true}, status(502, `{}`), 2, nil},
		{"PUT 502 retried", &Request{Method: "PUT", Path: "x"}, status(502, `{}`), 2, nil},
		{"GET malformed retried", get("x"), status(200, `{"id":`), 2, nil},
		{"POST malformed not retried", &Request{Method: "POST", Path: "x"}, status(200, `{"id":`), 1, ErrMalformedResponse},
		{"GET HTML 200 retried", get("x"), status(200, `<html>oops</html>`, "Content-Type", "text/html"), 2, nil},
		{"GET empty 200 retried", get("x"), status(200, ``), 2, nil},
		{"GET wrong shape retried", get("x"), status(200, `[1,2]`), 2, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, sc, _ := newTestClient(t, tc.first, ok)
			var out item
			_, err := c.Do(context.Background(), tc.req, &out)
			assert.Equal(t, tc.wantCalls, sc.count())
			if tc.wantErr == nil {
				require.NoError(t, err)
				assert.Equal(t, int64(1), out.ID)
				return
			}
			require.Error(t, err)
			assert.ErrorIs(t, err, tc.wantErr)
			var apiErr *Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tc.req.Method, apiErr.Method)
			assert.Equal(t, "/api/v2/x", apiErr.Path)
		})
	}
}

func TestGivesUpAfterMaxRetries(t *testing.T) {
	c, sc, clk := newTestClient(t, status(503, `{"message":"down for maintenance"}`))
	_, err := c.Do(context.Background(), get("x"), nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrServer)
	assert.Equal(t, DefaultMaxRetries+1, sc.count())
	assert.Len(t, clk.Sleeps(), DefaultMaxRetries)
	assert.Contains(t, err.Error(), "down for maintenance")
	for _, d := range clk.Sleeps() {
		assert.GreaterOrEqual(t, d, DefaultRetryWaitMin)
		assert.LessOrEqual(t, d, DefaultRetryWaitMax)
	}
}

func TestMalformedGivesUpWithSentinel(t *testing.T) {
	c, sc, _ := newTestClient(t, status(200, `<!doctype html><p>maintenance</p>`))
	var out item
	_, err := c.Do(context.Background(), get("promoters"), &out)
	assert.ErrorIs(t, err, ErrMalformedResponse)
	assert.Equal(t, DefaultMaxRetries+1, sc.count())
	assert.Contains(t, err.Error(), "GET /api/v2/promoters")
	assert.Zero(t, out)
}

func TestRetryAfterHonoured(t *testing.T) {
	date := time.Date(2026, 1, 2, 3, 4, 35, 0, time.UTC).Format(http.TimeFormat) // clock + 30s
	cases := []struct {
		name string
		hdr  string
		want time.Duration
	}{
		{"seconds", "7", 7 * time.Second},
		{"http-date", date, 30 * time.Second},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, sc, clk := newTestClient(t, status(429, `{}`, "Retry-After", tc.hdr), status(200, `{"id":1}`))
			_, err := c.Do(context.Background(), get("x"), nil)
			require.NoError(t, err)
			assert.Equal(t, 2, sc.count())
			assert.Equal(t, []time.Duration{tc.want}, clk.Sleeps())
		})
	}
}

func TestRetryAfterTooLongFailsAtOnce(t *testing.T) {
	c, sc, clk := newTestClient(t, status(429, `{"message":"slow down"}`, "Retry-After", "3600"))
	_, err := c.Do(context.Background(), get("x"), nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, ErrRateLimited)
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, time.Hour, apiErr.RetryAfter)
	assert.Equal(t, 1, sc.count())
	assert.Empty(t, clk.Sleeps())
	assert.Contains(t, apiErr.Message, "slow down")
}

func TestResetHeaderAndWindow(t *testing.T) {
	t.Run("reset header", func(t *testing.T) {
		c, _, clk := newTestClient(t,
			status(429, `{}`, "X-RateLimit-Reset", fmt.Sprint(time.Date(2026, 1, 2, 3, 4, 15, 0, time.UTC).Unix())),
			status(200, `{}`))
		c.cfg.RateLimitHeaders = RateLimitHeaders{Reset: "X-RateLimit-Reset", ResetKind: ResetUnixSeconds}
		_, err := c.Do(context.Background(), get("x"), nil)
		require.NoError(t, err)
		assert.Equal(t, []time.Duration{10 * time.Second}, clk.Sleeps())
	})
	t.Run("documented window with jitter", func(t *testing.T) {
		c, _, clk := newTestClient(t, status(429, `{}`), status(200, `{}`))
		c.cfg.RateLimitWindow = 30 * time.Second
		_, err := c.Do(context.Background(), get("x"), nil)
		require.NoError(t, err)
		require.Len(t, clk.Sleeps(), 1)
		assert.GreaterOrEqual(t, clk.Sleeps()[0], 30*time.Second)
		assert.LessOrEqual(t, clk.Sleeps()[0], 33*time.Second)
	})
}

func TestRateLimitHeadersRead(t *testing.T) {
	c, _, _ := newTestClient(t, status(200, `{}`, "X-RateLimit-Limit", "100", "X-RateLimit-Remaining", "42", "X-RateLimit-Reset", "1767323100"))
	c.cfg.RateLimitHeaders = RateLimitHeaders{Limit: "X-RateLimit-Limit", Remaining: "X-RateLimit-Remaining", Reset: "X-RateLimit-Reset", ResetKind: ResetUnixSeconds}
	resp, err := c.Do(context.Background(), get("x"), nil)
	require.NoError(t, err)
	want := RateLimit{Limit: 100, Remaining: 42, Reset: time.Unix(1767323100, 0)}
	assert.Equal(t, want, c.RateLimit())
	assert.Equal(t, want, resp.RateLimit)
}

func TestRealRetryAfterWait(t *testing.T) {
	if testing.Short() {
		t.Skip("real one-second wait")
	}
	sc := &script{steps: []http.HandlerFunc{status(429, `{}`, "Retry-After", "1"), status(200, `{"id":1}`)}}
	srv := httptest.NewServer(sc)
	defer srv.Close()
	s := NewSettings(srv.URL)
	c, err := New(Config{Settings: s, Platform: "test", Auth: BearerAuth{Token: NewSecret("k")}})
	require.NoError(t, err)
	start := time.Now()
	_, err = c.Do(context.Background(), get("x"), nil)
	require.NoError(t, err)
	elapsed := time.Since(start)
	assert.GreaterOrEqual(t, elapsed, 900*time.Millisecond)
	assert.Less(t, elapsed, 5*time.Second)
	assert.Equal(t, 2, sc.count())
}

func TestContextCancelEndsWait(t *testing.T) {
	sc := &script{steps: []http.HandlerFunc{status(503, `{}`, "Retry-After", "30")}}
	srv := httptest.NewServer(sc)
	defer srv.Close()
	s := NewSettings(srv.URL)
	c, err := New(Config{Settings: s, Platform: "test", Auth: BearerAuth{Token: NewSecret("k")}})
	require.NoError(t, err)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = c.Do(ctx, get("x"), nil)
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Equal(t, 1, sc.count())
}

func TestHangingResponseEndsAtDeadline(t *testing.T) {
	release := make(chan struct{})
	defer close(release)
	c, _, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(200)
		_, _ = w.Write([]byte(`{"id":`))
		w.(http.Flusher).Flush()
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	_, err := c.Do(ctx, get("x"), &item{})
	require.Error(t, err)
	assert.ErrorIs(t, err, context.DeadlineExceeded)
}

func TestTruncatedBodyRetried(t *testing.T) {
	truncated := func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Length", "100")
		w.WriteHeader(200)
		_, _ = w.Write([]byte(`{"id":1,"pad":"`))
		conn, _, err := w.(http.Hijacker).Hijack()
		if err == nil {
			conn.Close()
		}
	}
	c, sc, _ := newTestClient(t, truncated, status(200, `{"id":1}`))
	var out item
	_, err := c.Do(context.Background(), get("x"), &out)
	require.NoError(t, err)
	assert.Equal(t, 2, sc.count())
	assert.Equal(t, int64(1), out.ID)
}

func TestConnectionDropNotRetriedForPOST(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		n.Add(1)
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.Close()
	}))
	defer srv.Close()
	s := NewSettings(srv.URL)
	s.Clock = nil
	c, err := New(Config{Settings: s, Platform: "test", Auth: BearerAuth{Token: NewSecret("k")}})
	require.NoError(t, err)
	c.cfg.RetryWaitMin, c.cfg.RetryWaitMax = time.Millisecond, 2*time.Millisecond
	_, err = c.Do(context.Background(), &Request{Method: "POST", Path: "credit", Body: map[string]int{"amount": 1}}, nil)
	require.Error(t, err)
	assert.Equal(t, int32(1), n.Load())
	assert.NotContains(t, err.Error(), srv.URL)

	n.Store(0)
	_, err = c.Do(context.Background(), get("list"), nil)
	require.Error(t, err)
	assert.Equal(t, int32(DefaultMaxRetries+1), n.Load())
}

func TestResponseSizeCap(t *testing.T) {
	c, _, _ := newTestClient(t, status(200, `{"id":1,"pad":"`+strings.Repeat("x", 2000)+`"}`))
	c.cfg.MaxResponseBytes = 1000
	c.cfg.MaxRetries = 0
	c.rc.RetryMax = 0
	_, err := c.Do(context.Background(), get("x"), &item{})
	assert.ErrorIs(t, err, ErrMalformedResponse)
	assert.Contains(t, err.Error(), "exceeds")
}

func TestRequestWireFormat(t *testing.T) {
	type opts struct {
		Page    int   `url:"page,omitempty"`
		IDs     []int `url:"ids,omitempty,brackets"`
		Filters struct {
			State string `url:"state,omitempty"`
		} `url:"filters,omitempty"`
	}
	c, sc, _ := newTestClient(t, status(200, `{}`))
	o := opts{Page: 2, IDs: []int{1, 2}}
	o.Filters.State = "accepted"
	_, err := c.Do(context.Background(), &Request{
		Method: "POST", Path: Join("company/promoters/%s/notes", "a/../b?x"), Query: o,
		Body: map[string]string{"note": "hi"}, Header: http.Header{"X-Extra": {"1"}},
	}, nil)
	require.NoError(t, err)
	r := sc.reqs[0]
	assert.Equal(t, "/api/v2/company/promoters/a%2F..%2Fb%3Fx/notes", r.URL.EscapedPath())
	assert.Equal(t, "filters%5Bstate%5D=accepted&ids%5B%5D=1&ids%5B%5D=2&page=2", r.URL.RawQuery)
	assert.Equal(t, "Bearer sekret-token", r.Header.Get("Authorization"))
	assert.Equal(t, "application/json", r.Header.Get("Accept"))
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.Equal(t, "affiliatekit-go/"+Version, r.Header.Get("User-Agent"))
	assert.Equal(t, "1", r.Header.Get("X-Extra"))
}

func TestEscapeSegment(t *testing.T) {
	for in, want := range map[string]string{
		"123": "123", "..": "%2E%2E", ".": "%2E", "a/b": "a%2Fb", "a b": "a%20b", "?q=1": "%3Fq=1", "#f": "%23f",
		"jane@example.com": "jane@example.com",
	} {
		assert.Equal(t, want, EscapeSegment(in), in)
	}
	assert.Equal(t, "company/referrals/%2E%2E", Join("/company/referrals/%s/", ".."))
}

func TestBaseURLValidation(t *testing.T) {
	for _, bad := range []string{"", "  ", "ftp://x", "api.example.com", "http://", "https://u:p@x.com", "https://x.com/?a=1", "http://[::1"} {
		_, err := ParseBaseURL(bad)
		assert.Error(t, err, bad)
	}
	u, err := ParseBaseURL("https://acme.example.com/api/v3/")
	require.NoError(t, err)
	assert.Equal(t, "/api/v3/", u.Path)
}

func TestUserAgentAppended(t *testing.T) {
	c, sc, _ := newTestClient(t, status(200, `{}`))
	c.ua += " myjob/1.0"
	_, err := c.Do(context.Background(), get("x"), nil)
	require.NoError(t, err)
	assert.Equal(t, "affiliatekit-go/"+Version+" myjob/1.0", sc.reqs[0].Header.Get("User-Agent"))
}

// countingTransport counts CloseIdleConnections calls.
type countingTransport struct {
	http.RoundTripper
	closes atomic.Int32
}

func (c *countingTransport) CloseIdleConnections() { c.closes.Add(1) }

func TestCallerPoolNotChurned(t *testing.T) {
	srv := httptest.NewServer(status(404, `{}`))
	defer srv.Close()
	ct := &countingTransport{RoundTripper: http.DefaultTransport}
	s := NewSettings(srv.URL)
	require.NoError(t, s.SetHTTPClient(&http.Client{Transport: ct}))
	c, err := New(Config{Settings: s, Platform: "test", Auth: BearerAuth{Token: NewSecret("k")}})
	require.NoError(t, err)
	_, err = c.Do(context.Background(), get("x"), nil)
	require.ErrorIs(t, err, ErrNotFound)
	assert.Zero(t, ct.closes.Load())
}

func TestLoggingRedacts(t *testing.T) {
	var buf bytes.Buffer
	c, _, _ := newTestClient(t, status(503, `{}`), status(200, `{}`))
	c.cfg.Logger = slog.New(slog.NewTextHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug}))
	_, err := c.Do(context.Background(), &Request{Method: "GET", Path: "x", Query: url.Values{"email": {"jane@example.com"}}}, nil)
	require.NoError(t, err)
	out := buf.String()
	assert.Equal(t, 3, strings.Count(out, "\n"), out) // request, retry, request
	assert.Contains(t, out, "status=503")
	assert.Contains(t, out, "attempt=2")
	assert.Contains(t, out, "path=/api/v2/x")
	assert.NotContains(t, out, "sekret-token")
	assert.NotContains(t, out, "jane@example.com")
}

func TestStream(t *testing.T) {
	c, _, _ := newTestClient(t, status(200, "a,b\n1,2\n", "Content-Type", "text/csv"))
	body, resp, err := c.Stream(context.Background(), get("export"))
	require.NoError(t, err)
	defer body.Close()
	b, err := io.ReadAll(body)
	require.NoError(t, err)
	assert.Equal(t, "a,b\n1,2\n", string(b))
	assert.Equal(t, 200, resp.StatusCode)

	c2, _, _ := newTestClient(t, status(403, `{"message":"no"}`))
	_, _, err = c2.Stream(context.Background(), get("export"))
	assert.ErrorIs(t, err, ErrForbidden)
}

func TestNilContextAndBadBody(t *testing.T) {
	c, _, _ := newTestClient(t, status(200, `{}`))
	//lint:ignore SA1012 checking the guard
	_, err := c.Do(nil, get("x"), nil) //nolint:staticcheck
	assert.Error(t, err)
	_, err = c.Do(context.Background(), &Request{Method: "POST", Path: "x", Body: func() {}}, nil)
	assert.ErrorContains(t, err, "encoding body")
}

func TestErrorsIsAndFormat(t *testing.T) {
	e := &Error{StatusCode: 422, Message: "param is missing", Code: "invalid_params", Method: "POST", Path: "/api/v2/company/promoters", platform: "firstpromoter"}
	assert.True(t, errors.Is(e, ErrInvalidRequest))
	assert.False(t, errors.Is(e, ErrNotFound))
	assert.Equal(t, "firstpromoter: POST /api/v2/company/promoters: HTTP 422 Unprocessable Entity: param is missing (code invalid_params)", e.Error())
	wrapped := fmt.Errorf("sync: %w", e)
	var got *Error
	require.True(t, errors.As(wrapped, &got))
	assert.Equal(t, 422, got.StatusCode)
}

func TestNoContentLeavesOutUntouched(t *testing.T) {
	c, _, _ := newTestClient(t, status(204, ``))
	out := item{ID: 7}
	resp, err := c.Do(context.Background(), &Request{Method: "POST", Path: "track/sale"}, &out)
	require.NoError(t, err)
	assert.Equal(t, 204, resp.StatusCode)
	assert.Equal(t, int64(7), out.ID)
}

type envelope struct {
	Data []item `json:"data"`
}

func (e *envelope) Validate() error {
	if e.Data == nil {
		return errors.New("no data array")
	}
	return nil
}

func TestValidatorRetriesWrongShape(t *testing.T) {
	c, sc, _ := newTestClient(t, status(200, `{"unexpected":true}`), status(200, `{"data":[{"id":3}]}`))
	var out envelope
	_, err := c.Do(context.Background(), get("x"), &out)
	require.NoError(t, err)
	assert.Equal(t, 2, sc.count())
	assert.Equal(t, int64(3), out.Data[0].ID)

	c, sc, _ = newTestClient(t, status(200, `{"unexpected":true}`))
	var out2 envelope
	_, err = c.Do(context.Background(), get("x"), &out2)
	assert.ErrorIs(t, err, ErrMalformedResponse)
	assert.ErrorContains(t, err, "no data array")
	assert.Equal(t, DefaultMaxRetries+1, sc.count())
}

func TestFromRoot(t *testing.T) {
	c, sc, _ := newTestClient(t, status(404, `{}`))
	_, err := c.Do(context.Background(), &Request{Method: "GET", Path: Join("api/deals/%s/file/%s", "d 1", "f"), FromRoot: true}, nil)
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "/api/deals/d%201/file/f", apiErr.Path)
	assert.Equal(t, "/api/deals/d%201/file/f", sc.reqs[0].URL.EscapedPath())
}

func TestRemapStatus(t *testing.T) {
	c, sc, clk := newTestClient(t, status(429, `{"error":"Max number of elements on attribute (50) reached."}`))
	_, err := c.Do(context.Background(), &Request{
		Method: "POST", Path: "trigger/delete",
		RemapStatus: func(code int, _ http.Header, body []byte) int {
			if code == http.StatusTooManyRequests && bytes.Contains(body, []byte("Max number of elements")) {
				return http.StatusUnprocessableEntity
			}
			return code
		},
	}, nil)
	require.ErrorIs(t, err, ErrInvalidRequest)
	assert.NotErrorIs(t, err, ErrRateLimited)
	assert.ErrorContains(t, err, "(50) reached")
	assert.Equal(t, 1, sc.count())
	assert.Empty(t, clk.Sleeps())
}

// One leading UTF-8 byte-order mark is dropped from every body, as the
// stream readers drop it; two are not a JSON body.
func TestByteOrderMarkStripped(t *testing.T) {
	cases := []struct {
		name    string
		body    string
		status  int
		wantErr error
		wantMsg string
	}{
		{"record", "\ufeff{\"id\":5}", 200, nil, ""},
		{"record after white space", " \ufeff {\"id\":5}\n", 200, nil, ""},
		{"two marks", "\ufeff\ufeff{\"id\":5}", 200, ErrMalformedResponse, ""},
		{"error body", "\ufeff{\"message\":\"Record not found\"}", 404, ErrNotFound, "Record not found"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, _, _ := newTestClient(t, status(tc.status, tc.body))
			c.cfg.MaxRetries = 0
			var out item
			_, err := c.Do(context.Background(), get("x"), &out)
			if tc.wantErr == nil {
				require.NoError(t, err)
				assert.EqualValues(t, 5, out.ID)
				return
			}
			require.ErrorIs(t, err, tc.wantErr)
			if tc.wantMsg != "" {
				var apiErr *Error
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, tc.wantMsg, apiErr.Message)
			}
		})
	}
}

// A form is sent as application/x-www-form-urlencoded: arrays as name[],
// nested structs as name[key]; a request cannot carry both a form and a
// JSON body.
func TestFormBody(t *testing.T) {
	var gotType, gotBody string
	c, _, _ := newTestClient(t, func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		gotType, gotBody = r.Header.Get("Content-Type"), string(b)
		_, _ = w.Write([]byte(`{"id":1}`))
	})
	type dates struct {
		From string `url:"from,omitempty"`
	}
	form := struct {
		Email string   `url:"email"`
		IDs   []int    `url:"promoter_ids,brackets"`
		Range dates    `url:"date"`
		Empty []string `url:"empty,omitempty"`
	}{Email: "a@b.c", IDs: []int{1, 2}, Range: dates{From: "2026-01-01"}}
	_, err := c.Do(context.Background(), &Request{Method: http.MethodPost, Path: "promoters/create", Form: form}, &item{})
	require.NoError(t, err)
	assert.Equal(t, "application/x-www-form-urlencoded", gotType)
	vals, err := url.ParseQuery(gotBody)
	require.NoError(t, err)
	assert.Equal(t, url.Values{"email": {"a@b.c"}, "promoter_ids[]": {"1", "2"}, "date[from]": {"2026-01-01"}}, vals)

	_, err = c.Do(context.Background(), &Request{Method: http.MethodPost, Path: "x", Form: url.Values{"a": {"1"}}, Body: map[string]int{"a": 1}}, nil)
	assert.ErrorContains(t, err, "not both")
}
