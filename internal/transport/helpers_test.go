package transport

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

// script is a test server answering each request with the next handler in
// a list (the last one repeats), counting requests.
type script struct {
	mu    sync.Mutex
	steps []http.HandlerFunc
	n     int
	reqs  []*http.Request
}

func (s *script) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	i := min(s.n, len(s.steps)-1)
	s.n++
	s.reqs = append(s.reqs, r.Clone(r.Context()))
	h := s.steps[i]
	s.mu.Unlock()
	h(w, r)
}

func (s *script) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.n
}

func status(code int, body string, hdr ...string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) {
		for i := 0; i+1 < len(hdr); i += 2 {
			w.Header().Set(hdr[i], hdr[i+1])
		}
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(code)
		_, _ = w.Write([]byte(body))
	}
}

// newTestClient starts a scripted server and a client on it with a fake
// clock.
func newTestClient(t *testing.T, steps ...http.HandlerFunc) (*Client, *script, *testclock.Clock) {
	t.Helper()
	sc := &script{steps: steps}
	srv := httptest.NewServer(sc)
	t.Cleanup(srv.Close)
	clk := testclock.New(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	s := NewSettings("")
	require.NoError(t, s.SetBaseURL(srv.URL+"/api/v2"))
	s.Clock = clk
	c, err := New(Config{Settings: s, Platform: "test", Auth: BearerAuth{Token: NewSecret("sekret-token")}})
	require.NoError(t, err)
	return c, sc, clk
}
