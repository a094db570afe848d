package everflowtest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// call sends a request with the given key ("" for none) and returns the
// status, headers and body.
func call(t *testing.T, s *Server, method, path, key string, body any) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != nil {
		switch b := body.(type) {
		case string:
			rd = bytes.NewBufferString(b)
		case []byte:
			rd = bytes.NewReader(b)
		default:
			raw, err := json.Marshal(b)
			require.NoError(t, err)
			rd = bytes.NewReader(raw)
		}
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	require.NoError(t, err)
	if key != "" {
		req.Header.Set("X-Eflow-API-Key", key)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := s.HTTPServer().Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, raw
}

// getJSON calls with the network key and decodes the answer.
func getJSON(t *testing.T, s *Server, method, path string, body any, status int) map[string]any {
	t.Helper()
	code, _, raw := call(t, s, method, path, APIKey, body)
	require.Equal(t, status, code, "body: %s", raw)
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m), "body: %s", raw)
	return m
}

func loadSample(t *testing.T, name string) map[string]any {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(raw, &m))
	return m
}

// assertShape checks that got has every member of sample, recursively,
// with the same JSON kind (a null in the sample allows anything). skip
// names members the fake leaves out on purpose.
func assertShape(t *testing.T, sample, got any, path string, skip map[string]bool) {
	t.Helper()
	switch s := sample.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !assert.True(t, ok, "%s: want an object, got %T", path, got) {
			return
		}
		for k, v := range s {
			p := path + "." + k
			if skip[p] {
				continue
			}
			gv, ok := g[k]
			if assert.True(t, ok, "%s missing", p) {
				assertShape(t, v, gv, p, skip)
			}
		}
	case []any:
		g, ok := got.([]any)
		if assert.True(t, ok, "%s: want an array, got %T", path, got) && len(s) > 0 && len(g) > 0 {
			assertShape(t, s[0], g[0], path+"[0]", skip)
		}
	case nil:
	default:
		assert.IsType(t, sample, got, "%s: JSON kind", path)
	}
}

// seedNow is the server's time when it starts in these tests: seeded
// clicks, conversions and postback rows lie in the 28 days before it,
// February 2024.
var seedNow = time.Date(2024, time.February, 29, 0, 0, 0, 0, time.UTC)

// newTestServer starts a fake whose clock starts at seedNow and runs on in
// real time (so that its rate-limit windows pass); opts may replace it.
func newTestServer(opts ...ServerOption) *Server {
	start := time.Now()
	clock := func() time.Time { return seedNow.Add(time.Since(start)) }
	return NewServer(append([]ServerOption{WithClock(clock)}, opts...)...)
}
