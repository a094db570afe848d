package partnerstacktest

import (
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRateLimit: off by default; on, the window's quota is served, the
// next request answers 429 with PartnerStack's error body and a
// Retry-After of the seconds left, and a new window serves again.
func TestRateLimit(t *testing.T) {
	t.Run("off by default", func(t *testing.T) {
		srv := NewServer()
		t.Cleanup(srv.Close)
		c := vendorCaller(t, srv)
		for range 50 {
			status, _ := c.do(http.MethodGet, "/v2/groups", nil)
			require.Equal(t, http.StatusOK, status)
		}
	})

	now := time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC)
	srv := NewServer(WithClock(func() time.Time { return now }), WithRateLimit(3, time.Minute))
	t.Cleanup(srv.Close)
	c := vendorCaller(t, srv)
	tests := []struct {
		name       string
		advance    time.Duration
		wantStatus int
		wantRetry  string
	}{
		{"first", 0, http.StatusOK, ""},
		{"second", 10 * time.Second, http.StatusOK, ""},
		{"third", 0, http.StatusOK, ""},
		{"over the quota", 500 * time.Millisecond, http.StatusTooManyRequests, "50"},
		{"still over", 29 * time.Second, http.StatusTooManyRequests, "21"},
		{"next window", 21 * time.Second, http.StatusOK, ""},
	}
	for _, tt := range tests {
		now = now.Add(tt.advance)
		req, err := http.NewRequest(http.MethodGet, srv.URL+"/groups", nil)
		require.NoError(t, err)
		req.SetBasicAuth(PublicKey, SecretKey)
		resp, err := srv.HTTPServer().Client().Do(req)
		require.NoError(t, err, tt.name)
		resp.Body.Close()
		assert.Equal(t, tt.wantStatus, resp.StatusCode, tt.name)
		assert.Equal(t, tt.wantRetry, resp.Header.Get("Retry-After"), tt.name)
		assert.Empty(t, resp.Header.Get("X-RateLimit-Limit"), "PartnerStack sends no quota headers")
	}
	status, body := c.do(http.MethodGet, "/v2/groups", nil)
	require.Equal(t, http.StatusOK, status)
	for range 2 {
		status, body = c.do(http.MethodGet, "/v2/groups", nil)
	}
	assert.Equal(t, http.StatusTooManyRequests, status)
	assert.Equal(t, "Rate limit exceeded", body["message"])
}
