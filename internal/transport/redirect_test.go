package transport

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recorder is a server that records the headers of every request it gets
// and answers 200 with a small JSON record.
type recorder struct {
	*httptest.Server
	mu   sync.Mutex
	seen []http.Header
}

func newRecorder(t *testing.T, tls bool) *recorder {
	t.Helper()
	r := &recorder{}
	h := http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.seen = append(r.seen, req.Header.Clone())
		r.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write([]byte(`{"id":7}`))
	})
	if tls {
		r.Server = httptest.NewTLSServer(h)
	} else {
		r.Server = httptest.NewServer(h)
	}
	t.Cleanup(r.Close)
	return r
}

func (r *recorder) headers() []http.Header {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]http.Header(nil), r.seen...)
}

// redirector answers every request with code and a Location of target plus
// the request's path.
func redirector(t *testing.T, code int, target func() string, tls bool) *recorder {
	t.Helper()
	r := &recorder{}
	h := http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.mu.Lock()
		r.seen = append(r.seen, req.Header.Clone())
		r.mu.Unlock()
		w.Header().Set("Location", target()+req.URL.Path)
		w.WriteHeader(code)
	})
	if tls {
		r.Server = httptest.NewTLSServer(h)
	} else {
		r.Server = httptest.NewServer(h)
	}
	t.Cleanup(r.Close)
	return r
}

var redirectAuths = []struct {
	name  string
	auth  Auth
	names []string
}{
	{"bearer", BearerAuth{Token: NewSecret("tok-secret")}, []string{"Authorization"}},
	{"basic", BasicAuth{User: NewSecret("user-secret"), Password: NewSecret("pw-secret")}, []string{"Authorization"}},
	{"headers", MultiAuth{
		HeaderAuth{"X-Eflow-API-Key": NewSecret("ef-secret")},
		HeaderAuth{"Refersion-Public-Key": NewSecret("pub"), "Refersion-Secret-Key": NewSecret("sec")},
		HeaderAuth{"ACCOUNT-ID": NewSecret("acct")},
	}, []string{"X-Eflow-Api-Key", "Refersion-Public-Key", "Refersion-Secret-Key", "Account-Id"}},
}

func redirectClient(t *testing.T, base string, auth Auth, hc *http.Client) *Client {
	t.Helper()
	s := NewSettings("")
	require.NoError(t, s.SetBaseURL(base))
	s.MaxRetries = 2
	if hc != nil {
		s.HTTPClient = hc
	}
	c, err := New(Config{Settings: s, Platform: "test", Auth: auth})
	require.NoError(t, err)
	return c
}

// A read redirected to another origin (another port of the same host)
// arrives there without any credential header and without a Referer.
func TestRedirectToOtherOriginDropsCredentials(t *testing.T) {
	for _, a := range redirectAuths {
		t.Run(a.name, func(t *testing.T) {
			other := newRecorder(t, false)
			front := redirector(t, http.StatusFound, func() string { return other.URL }, false)
			c := redirectClient(t, front.URL, a.auth, nil)

			var out item
			_, err := c.Do(context.Background(), &Request{Method: http.MethodGet, Path: "promoters/auth_token-secret"}, &out)
			require.NoError(t, err)
			assert.EqualValues(t, 7, out.ID)

			require.Len(t, front.headers(), 1)
			for _, name := range a.names {
				assert.NotEmpty(t, front.headers()[0].Get(name), "the origin gets %s", name)
			}
			got := other.headers()
			require.Len(t, got, 1)
			for _, name := range a.names {
				assert.Empty(t, got[0].Get(name), "credential header %s crossed origins", name)
			}
			assert.Empty(t, got[0].Get("Authorization"))
			assert.Empty(t, got[0].Get("Referer"), "a Referer carries the original URL")
		})
	}
}

// A read redirected within the origin keeps its credentials, and sends no
// Referer either.
func TestRedirectWithinOriginKeepsCredentials(t *testing.T) {
	var mu sync.Mutex
	var final http.Header
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/api/old" {
			http.Redirect(w, r, "/api/new", http.StatusMovedPermanently)
			return
		}
		mu.Lock()
		final = r.Header.Clone()
		mu.Unlock()
		_, _ = w.Write([]byte(`{"id":1}`))
	}))
	t.Cleanup(srv.Close)
	c := redirectClient(t, srv.URL+"/api", HeaderAuth{"X-Eflow-API-Key": NewSecret("k")}, nil)
	_, err := c.Do(context.Background(), get("old"), &item{})
	require.NoError(t, err)
	mu.Lock()
	defer mu.Unlock()
	assert.Equal(t, "k", final.Get("X-Eflow-API-Key"))
	assert.Empty(t, final.Get("Referer"))
}

// A write is never redirected, whatever the code: the 3xx comes back as an
// *Error that says the outcome is unknown, and the other host sees nothing.
func TestWriteIsNeverRedirected(t *testing.T) {
	for _, code := range []int{301, 302, 303, 307, 308} {
		for _, method := range []string{http.MethodPost, http.MethodPatch} {
			t.Run(http.StatusText(code)+"/"+method, func(t *testing.T) {
				other := newRecorder(t, false)
				front := redirector(t, code, func() string { return other.URL }, false)
				c := redirectClient(t, front.URL, BearerAuth{Token: NewSecret("t")}, nil)
				_, err := c.Do(context.Background(), &Request{Method: method, Path: "affiliates", Body: map[string]int{"amount": 100}}, &item{})
				require.Error(t, err)
				var apiErr *Error
				require.ErrorAs(t, err, &apiErr)
				assert.Equal(t, code, apiErr.StatusCode)
				assert.ErrorIs(t, err, ErrOutcomeUnknown)
				assert.Len(t, front.headers(), 1, "sent once, never retried")
				assert.Empty(t, other.headers(), "the write followed the redirect")
			})
		}
	}
}

// A retry-safe POST (a search, a report) follows a redirect like a read,
// without credentials on another origin.
func TestRetrySafePostFollowsRedirect(t *testing.T) {
	other := newRecorder(t, false)
	front := redirector(t, http.StatusTemporaryRedirect, func() string { return other.URL }, false)
	c := redirectClient(t, front.URL, BearerAuth{Token: NewSecret("t")}, nil)
	_, err := c.Do(context.Background(), &Request{Method: http.MethodPost, Path: "search", Body: map[string]int{"q": 1}, RetrySafe: true}, &item{})
	require.NoError(t, err)
	require.Len(t, other.headers(), 1)
	assert.Empty(t, other.headers()[0].Get("Authorization"))
}

// An https API that redirects to plain http is not followed, and the
// refusal is not retried.
func TestRedirectHTTPSToHTTPRefused(t *testing.T) {
	plain := newRecorder(t, false)
	front := redirector(t, http.StatusFound, func() string { return plain.URL }, true)
	c := redirectClient(t, front.URL, BearerAuth{Token: NewSecret("t")}, front.Client())
	_, err := c.Do(context.Background(), get("x"), &item{})
	require.Error(t, err)
	assert.Contains(t, err.Error(), "redirect refused")
	assert.NotContains(t, err.Error(), plain.URL)
	assert.Len(t, front.headers(), 1, "a refused redirect is not retried")
	assert.Empty(t, plain.headers())
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "a read")
}

// The caller's CheckRedirect runs after the SDK's checks: it sees the
// request already stripped, and its error ends the call.
func TestCallerCheckRedirectRunsAfterPolicy(t *testing.T) {
	other := newRecorder(t, false)
	front := redirector(t, http.StatusFound, func() string { return other.URL }, false)
	var sawAuth []string
	mine := errors.New("caller says no")
	hc := &http.Client{CheckRedirect: func(req *http.Request, via []*http.Request) error {
		sawAuth = append(sawAuth, req.Header.Get("Authorization"), req.Header.Get("Referer"))
		return mine
	}}
	c := redirectClient(t, front.URL, BearerAuth{Token: NewSecret("t")}, hc)
	_, err := c.Do(context.Background(), get("x"), &item{})
	require.ErrorIs(t, err, mine)
	assert.Equal(t, []string{"", ""}, sawAuth)
	assert.Len(t, front.headers(), 1, "a refused redirect is not retried")
	assert.Empty(t, other.headers())
}

// A request that carries no credentials by design (a signed download link)
// follows a redirect to another host.
func TestNoAuthLinkFollowsRedirect(t *testing.T) {
	other := newRecorder(t, false)
	front := redirector(t, http.StatusFound, func() string { return other.URL }, false)
	c := redirectClient(t, "https://api.example.com", BearerAuth{Token: NewSecret("t")}, nil)
	u, err := url.Parse(front.URL + "/signed?sig=abc")
	require.NoError(t, err)
	_, err = c.Do(context.Background(), &Request{Method: http.MethodGet, URL: u, NoAuth: true}, &item{})
	require.NoError(t, err)
	require.Len(t, other.headers(), 1)
	assert.Empty(t, front.headers()[0].Get("Authorization"))
}

// A redirect loop ends after ten redirects with an error.
func TestRedirectLoopEnds(t *testing.T) {
	var loop *recorder
	loop = redirector(t, http.StatusFound, func() string { return loop.URL }, false)
	c := redirectClient(t, loop.URL, BearerAuth{Token: NewSecret("t")}, nil)
	_, err := c.Do(context.Background(), get("x"), &item{})
	require.Error(t, err)
	assert.True(t, strings.Contains(err.Error(), "redirect"), err.Error())
	assert.Len(t, loop.headers(), maxRedirects)
}

func TestOrigin(t *testing.T) {
	cases := map[string]string{
		"https://API.example.com/x":     "https://api.example.com:443",
		"https://api.example.com:443/x": "https://api.example.com:443",
		"http://api.example.com/x":      "http://api.example.com:80",
		"http://127.0.0.1:8080/x":       "http://127.0.0.1:8080",
	}
	for in, want := range cases {
		u, err := url.Parse(in)
		require.NoError(t, err)
		assert.Equal(t, want, origin(u), in)
	}
}
