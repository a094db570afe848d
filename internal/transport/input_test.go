package transport

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// newLoopback starts a test server for h and returns its URL.
func newLoopback(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv.URL
}

// TestBadSettingsAreClearErrors: the shared setters behind every
// platform's options reject nonsense with an error naming the problem.
func TestBadSettingsAreClearErrors(t *testing.T) {
	for raw, want := range map[string]string{
		"":                             "empty",
		"   ":                          "empty",
		"api.example.com/v1":           "scheme",
		"//api.example.com/v1":         "scheme",
		"ftp://api.example.com":        "scheme",
		"https://":                     "host",
		"https://api.example.com?x=1":  "query",
		"https://api.example.com/v1#x": "fragment",
		"https://u:p@api.example.com":  "credentials",
		"https://api.example.com/%zz":  "invalid",
	} {
		var s Settings
		assert.ErrorContains(t, s.SetBaseURL(raw), want, "%q", raw)
	}
	var s Settings
	assert.Error(t, s.SetMaxRetries(-1))
	assert.Error(t, s.SetMaxRetries(101))
	assert.Error(t, s.SetRetryWait(-1, 1))
	assert.Error(t, s.SetRetryWait(2, 1))
	assert.Error(t, s.SetMaxResponseBytes(0))
	assert.Error(t, s.SetMaxResponseBytes(-1))
	assert.Error(t, s.SetRateLimit(0, 1))
	assert.Error(t, s.SetRateLimit(1, 0))
	assert.Error(t, s.SetRateLimit(maxThrottleRequests+1, 1))
	assert.Error(t, s.SetUserAgent("x\r\nX-Evil: 1"))
	assert.Error(t, s.SetHTTPClient(nil))
}

// TestJoinNeverChangesTheRoute: whatever an id holds, the request goes to
// the route's path with the id as one segment, under the base URL's
// prefix, with no query or fragment of the id's making.
func TestJoinNeverChangesTheRoute(t *testing.T) {
	var got []*http.Request
	srvURL := newLoopback(t, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r)
		w.WriteHeader(http.StatusNoContent)
	}))
	s := NewSettings("")
	require.NoError(t, s.SetBaseURL(srvURL+"/api/v2"))
	c, err := New(Config{Settings: s, Platform: "test", Auth: BearerAuth{Token: NewSecret("t")}})
	require.NoError(t, err)
	for _, id := range []string{"../../admin", "..", ".", "a/b", "x?admin=1", "x#frag", "%2e%2e", "%2F", " ", "ü", "a;b", "a\\b"} {
		got = nil
		_, err := c.Do(context.Background(), &Request{Method: http.MethodGet, Path: Join("things/%s/sub", id)}, nil)
		require.NoError(t, err, "%q", id)
		require.Len(t, got, 1)
		assert.Equal(t, "/api/v2/things/"+id+"/sub", got[0].URL.Path, "%q", id)
		assert.Empty(t, got[0].URL.RawQuery, "%q", id)
		assert.Equal(t, 5, strings.Count(got[0].URL.EscapedPath(), "/"), "%q stays one segment", id)
	}
}
