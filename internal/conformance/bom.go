package conformance

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
)

// ByteOrderMark lists and reads through a server that puts a UTF-8
// byte-order mark before every body the fake sends: the client drops it
// and decodes the rest as usual.
func ByteOrderMark[S platformtest.Server, C platformtest.Client, O, R any](t *testing.T, p platformtest.Platform[S, C, O, R]) {
	fake, keys := p.Start(t, 5, platformtest.Fake{Unthrottled: true})
	fakeURL, err := url.Parse(p.URL(fake))
	require.NoError(t, err)
	handler := fake.HTTPServer().Config.Handler
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		rec := httptest.NewRecorder()
		handler.ServeHTTP(rec, r)
		for k, vs := range rec.Header() {
			w.Header()[k] = vs
		}
		w.Header().Del("Content-Length")
		w.WriteHeader(rec.Code)
		_, _ = w.Write(append([]byte("\ufeff"), bytes.TrimPrefix(rec.Body.Bytes(), []byte("\ufeff"))...))
	}))
	defer srv.Close()

	c := p.UserClient(t, srv.URL+fakeURL.Path, p.Prefetch(0))
	var got []string
	for key, err := range p.Keys(p.List(context.Background(), c, 2)) {
		require.NoError(t, err)
		got = append(got, key)
	}
	if p.Unordered {
		assert.ElementsMatch(t, keys, got)
	} else {
		assert.Equal(t, keys, got)
	}
	require.NoError(t, p.Get(context.Background(), c, keys[0]))
}
