package conformance

import (
	"context"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// plainHeaders are the request headers that carry no credential.
var plainHeaders = map[string]bool{
	"Accept": true, "Accept-Encoding": true, "User-Agent": true, "Content-Type": true, "Content-Length": true,
}

// headerLog records the headers of every request a server gets.
type headerLog struct {
	mu   sync.Mutex
	seen []http.Header
}

func (l *headerLog) add(h http.Header) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.seen = append(l.seen, h.Clone())
}

func (l *headerLog) all() []http.Header {
	l.mu.Lock()
	defer l.mu.Unlock()
	return append([]http.Header(nil), l.seen...)
}

// Redirects sends a read and a write of the platform's client to an API
// that redirects them to another origin (another port of the loopback
// host), where the fake server answers. The read arrives there without any
// of the headers its credentials travel in, and without a Referer; the
// write is never sent there: its 307 comes back as an error that matches
// ErrOutcomeUnknown.
func Redirects[S platformtest.Server, C platformtest.Client, O, R any](t *testing.T, p platformtest.Platform[S, C, O, R]) {
	fake, keys := p.Start(t, 3, platformtest.Fake{Unthrottled: true})
	fakeURL, err := url.Parse(p.URL(fake))
	require.NoError(t, err)
	handler := fake.HTTPServer().Config.Handler

	var atOther headerLog
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		atOther.add(r.Header)
		handler.ServeHTTP(w, r)
	}))
	defer other.Close()
	var atOrigin headerLog
	code := http.StatusFound
	var mu sync.Mutex
	origin := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		atOrigin.add(r.Header)
		mu.Lock()
		c := code
		mu.Unlock()
		w.Header().Set("Location", other.URL+r.URL.RequestURI())
		w.WriteHeader(c)
	}))
	defer origin.Close()

	c := p.UserClient(t, origin.URL+fakeURL.Path, p.Prefetch(0))
	ctx := context.Background()
	_ = p.Get(ctx, c, keys[0]) // the fake refuses it without credentials

	sent := atOrigin.all()
	require.Len(t, sent, 1)
	var creds []string
	for name := range sent[0] {
		if !plainHeaders[name] {
			creds = append(creds, name)
		}
	}
	require.NotEmpty(t, creds, "the read carried no credential header to its origin")
	got := atOther.all()
	require.NotEmpty(t, got, "the read did not follow the redirect")
	for _, h := range got {
		for _, name := range creds {
			assert.Empty(t, h.Get(name), "credential header %s crossed to another origin", name)
		}
		assert.Empty(t, h.Get("Referer"), "a Referer crossed to another origin")
	}

	mu.Lock()
	code = http.StatusTemporaryRedirect
	mu.Unlock()
	before := len(atOther.all())
	_, err = p.Create(ctx, c, fake)
	require.Error(t, err)
	assert.ErrorIs(t, err, transport.ErrOutcomeUnknown, "a redirected write")
	assert.Len(t, atOrigin.all(), 2, "the write was sent once")
	assert.Len(t, atOther.all(), before, "the write followed a redirect")
	assert.False(t, strings.Contains(err.Error(), other.URL), "the error names the redirect target: %v", err)
}
