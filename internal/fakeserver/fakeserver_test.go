package fakeserver

import (
	"context"
	"io"
	"net/http"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newServer(t *testing.T) *Server {
	t.Helper()
	s := New(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		WriteJSON(w, http.StatusOK, []map[string]int{{"id": 1}, {"id": 2}})
	}), func(status int) []byte { return []byte(`{"error":"boom"}`) })
	t.Cleanup(s.Close)
	return s
}

func fetch(t *testing.T, s *Server) (*http.Response, []byte, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL()+"/x?a=1", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp, b, err
}

func TestFaults(t *testing.T) {
	const real = `[{"id":1},{"id":2}]`
	cases := []struct {
		name    string
		fault   Fault
		status  int
		body    string
		wantErr bool
		check   func(t *testing.T, r *http.Response)
	}{
		{name: "none", status: 200, body: real},
		{name: "429 retry-after", fault: Fault{Status: 429, RetryAfter: "3"}, status: 429, body: `{"error":"boom"}`,
			check: func(t *testing.T, r *http.Response) { assert.Equal(t, "3", r.Header.Get("Retry-After")) }},
		{name: "502 html", fault: Fault{Status: 502, Body: "<html>bad gateway</html>"}, status: 502, body: "<html>bad gateway</html>",
			check: func(t *testing.T, r *http.Response) { assert.Contains(t, r.Header.Get("Content-Type"), "text/html") }},
		{name: "wrong shape", fault: Fault{Body: `{"unexpected":true}`}, status: 200, body: `{"unexpected":true}`},
		{name: "empty", fault: Fault{EmptyBody: true}, status: 200, body: ""},
		{name: "truncated", fault: Fault{Truncate: true}, wantErr: true},
		{name: "drop", fault: Fault{Drop: true}, wantErr: true},
		{name: "hang", fault: Fault{Hang: true}, wantErr: true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t)
			if tc.name != "none" {
				s.Inject(1, tc.fault)
			}
			resp, body, err := fetch(t, s)
			if tc.wantErr {
				assert.Error(t, err)
			} else {
				require.NoError(t, err)
				assert.Equal(t, tc.status, resp.StatusCode)
				assert.Equal(t, tc.body, string(body))
				if tc.check != nil {
					tc.check(t, resp)
				}
			}
			assert.Equal(t, 0, s.PendingFaults())
			// The next request is served normally.
			resp, body, err = fetch(t, s)
			require.NoError(t, err)
			assert.Equal(t, 200, resp.StatusCode)
			assert.Equal(t, real, string(body))
			reqs := s.Requests()
			require.Len(t, reqs, 2)
			assert.Equal(t, "/x", reqs[0].Path)
			assert.Equal(t, "a=1", reqs[0].Query)
		})
	}
}

func TestWindow(t *testing.T) {
	cases := []struct{ n, page, per, lo, hi int }{
		{250, 1, 100, 0, 100}, {250, 3, 100, 200, 250}, {250, 4, 100, 250, 250}, {0, 1, 10, 0, 0}, {5, 0, 10, 0, 0},
	}
	for _, c := range cases {
		lo, hi := Window(c.n, c.page, c.per)
		assert.Equal(t, []int{c.lo, c.hi}, []int{lo, hi})
	}
}

func TestErrorFaultDoesNotRunEndpoint(t *testing.T) {
	runs := 0
	s := New(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		runs++
		WriteJSON(w, http.StatusCreated, map[string]int{"id": 1})
	}), nil)
	defer s.Close()
	s.Inject(1, Fault{Status: 503})
	resp, body, err := fetch(t, s)
	require.NoError(t, err)
	assert.Equal(t, 503, resp.StatusCode)
	assert.JSONEq(t, `{"message":"Service Unavailable"}`, string(body))
	assert.Zero(t, runs)
	s.Inject(1, Fault{Truncate: true})
	_, _, err = fetch(t, s)
	assert.Error(t, err)
	assert.Equal(t, 1, runs)
}

// The latency is asked for every request, before the handler runs, and a
// wait the client gives up on ends with it.
func TestLatency(t *testing.T) {
	var asked atomic.Int32
	s := New(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { _, _ = w.Write([]byte("{}")) }), nil)
	defer s.Close()
	s.SetLatency(func(r *http.Request) time.Duration {
		asked.Add(1)
		if r.URL.Path == "/slow" {
			return time.Hour
		}
		return 0
	})
	resp, err := http.Get(s.URL() + "/fast")
	require.NoError(t, err)
	_ = resp.Body.Close()
	assert.EqualValues(t, 1, asked.Load())

	ctx, cancel := context.WithCancel(context.Background())
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, s.URL()+"/slow", nil)
	done := make(chan error, 1)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			_ = resp.Body.Close()
		}
		done <- err
	}()
	require.Eventually(t, func() bool { return asked.Load() == 2 }, 5*time.Second, time.Millisecond)
	cancel()
	assert.ErrorIs(t, <-done, context.Canceled)
}
