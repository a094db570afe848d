package webhook

import (
	"bytes"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/require"
)

const testSecret = "rfsn-webhook-signing-secret-1f2e3d"

func sample(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// signedRequest is a delivery as Refersion sends it.
func signedRequest(topic string, body []byte, secret string) *http.Request {
	r := httptest.NewRequest(http.MethodPost, "/webhooks/refersion", bytes.NewReader(body))
	r.Header.Set("Content-Type", "application/json")
	if topic != "" {
		r.Header.Set(TopicHeader, topic)
	}
	r.Header.Set(SignatureHeader, Sign(secret, body))
	return r
}

func serve(h http.Handler, r *http.Request) *httptest.ResponseRecorder {
	w := httptest.NewRecorder()
	h.ServeHTTP(w, r)
	return w
}
