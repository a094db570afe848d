package refersiontest

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// rawPost posts body to url with both APIs' credentials and returns the
// status, headers and body of the answer.
func rawPost(t *testing.T, srv *Server, url, body string) (int, http.Header, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, url, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Refersion-Public-Key", PublicKey)
	req.Header.Set("Refersion-Secret-Key", SecretKey)
	req.Header.Set("X-Refersion-Key", GraphQLToken)
	resp, err := srv.HTTPServer().Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, string(b)
}

// TestRateLimit: the quota is off by default; once on, each API has its
// own bucket, a request over it is answered 429 with Retry-After, and the
// bucket refills with the fake's clock.
func TestRateLimit(t *testing.T) {
	tests := []struct {
		name     string
		opts     func(clk *Clock) []ServerOption
		limited  bool
		wantWait string
	}{
		{name: "off by default", opts: func(clk *Clock) []ServerOption { return []ServerOption{WithClock(clk.Now)} }},
		{name: "off by zero", opts: func(clk *Clock) []ServerOption {
			return []ServerOption{WithClock(clk.Now), WithRateLimit(0, time.Minute)}
		}},
		{name: "two a minute", limited: true, wantWait: "30", opts: func(clk *Clock) []ServerOption {
			return []ServerOption{WithClock(clk.Now), WithRateLimit(2, time.Minute)}
		}},
		{name: "two a second", limited: true, wantWait: "1", opts: func(clk *Clock) []ServerOption {
			return []ServerOption{WithClock(clk.Now), WithRateLimit(2, time.Second)}
		}},
	}
	const rest, gql = `{"limit":1}`, `{"query":"{ offers { id } }"}`
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := NewClock(time.Date(2025, time.March, 3, 12, 0, 0, 0, time.UTC))
			srv := NewServer(tt.opts(clk)...)
			defer srv.Close()
			for range 2 {
				code, _, _ := rawPost(t, srv, srv.URL+"/affiliate/list", rest)
				require.Equal(t, http.StatusOK, code)
			}
			code, h, body := rawPost(t, srv, srv.URL+"/affiliate/list", rest)
			if !tt.limited {
				assert.Equal(t, http.StatusOK, code)
				assert.Empty(t, h.Get("Retry-After"))
				return
			}
			assert.Equal(t, http.StatusTooManyRequests, code)
			assert.Equal(t, tt.wantWait, h.Get("Retry-After"))
			assert.JSONEq(t, `{"error":"Too Many Requests"}`, body)

			// The GraphQL endpoint has a bucket of its own.
			for range 2 {
				code, _, _ = rawPost(t, srv, srv.GraphQLURL, gql)
				require.Equal(t, http.StatusOK, code)
			}
			code, h, body = rawPost(t, srv, srv.GraphQLURL, gql)
			assert.Equal(t, http.StatusTooManyRequests, code)
			assert.Equal(t, tt.wantWait, h.Get("Retry-After"))
			assert.Contains(t, body, `"RATE_LIMITED"`)

			clk.Advance(time.Minute)
			code, _, _ = rawPost(t, srv, srv.URL+"/affiliate/list", rest)
			assert.Equal(t, http.StatusOK, code, "the bucket refills")
		})
	}
}
