package conformance

import (
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

// BodyServer returns a server, closed when t ends, that answers every
// request with status and body as JSON: a vendor's published body served
// to the SDK call that decodes it.
func BodyServer(t testing.TB, status int, body []byte) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

// AllServed fails unless served names every JSON file under testdata/dir,
// and no other.
func AllServed(t *testing.T, dir string, served []string) {
	files, err := filepath.Glob(filepath.Join("testdata", dir, "*.json"))
	require.NoError(t, err)
	rows := map[string]bool{}
	for _, f := range served {
		rows[f] = true
	}
	for _, f := range files {
		require.True(t, rows[filepath.Base(f)], "%s has no row", f)
	}
	require.Len(t, rows, len(files))
}
