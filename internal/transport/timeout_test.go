package transport

import (
	"context"
	"errors"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

const testTimeout = 30 * time.Second

// stallServer answers its first `stalls` requests by blocking (before the
// headers, or after half a body when midBody), signalling arrived for each,
// and every later one with a small record.
func stallServer(t *testing.T, stalls int, midBody bool) (*httptest.Server, chan struct{}, *atomic.Int32) {
	t.Helper()
	arrived := make(chan struct{}, 16)
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // so the server notices a closed connection
		if int(n.Add(1)) <= stalls {
			if midBody {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusOK)
				_, _ = w.Write([]byte(`{"id":`))
				w.(http.Flusher).Flush()
			}
			arrived <- struct{}{}
			<-r.Context().Done()
			return
		}
		_, _ = w.Write([]byte(`{"id":1}`))
	}))
	t.Cleanup(srv.Close)
	return srv, arrived, &n
}

func timeoutClient(t *testing.T, base string, clk *testclock.Clock, timeout time.Duration) *Client {
	t.Helper()
	s := NewSettings("")
	require.NoError(t, s.SetBaseURL(base))
	require.NoError(t, s.SetTimeout(timeout))
	s.Clock = clk
	s.MaxRetries = 2
	c, err := New(Config{Settings: s, Platform: "test", Auth: BearerAuth{Token: NewSecret("t")}})
	require.NoError(t, err)
	return c
}

// advanceOnArrival moves the clock past the timeout each time a stalled
// request reaches the server, until the test ends.
func advanceOnArrival(t *testing.T, clk *testclock.Clock, arrived chan struct{}, d time.Duration) {
	ctx := t.Context()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-arrived:
			}
			for clk.PendingTimers() == 0 && ctx.Err() == nil {
				time.Sleep(time.Millisecond)
			}
			clk.Advance(d)
		}
	}()
}

func TestTimeoutReadRetried(t *testing.T) {
	for _, midBody := range []bool{false, true} {
		name := map[bool]string{false: "before_headers", true: "mid_body"}[midBody]
		t.Run(name, func(t *testing.T) {
			srv, arrived, n := stallServer(t, 1, midBody)
			clk := testclock.New(time.Unix(1_700_000_000, 0))
			advanceOnArrival(t, clk, arrived, testTimeout)
			c := timeoutClient(t, srv.URL, clk, testTimeout)
			var out item
			_, err := c.Do(context.Background(), get("x"), &out)
			require.NoError(t, err)
			assert.EqualValues(t, 1, out.ID)
			assert.EqualValues(t, 2, n.Load(), "the timed-out read was retried")
		})
	}
}

func TestTimeoutReadGivesUp(t *testing.T) {
	srv, arrived, n := stallServer(t, 10, false)
	clk := testclock.New(time.Unix(1_700_000_000, 0))
	advanceOnArrival(t, clk, arrived, testTimeout)
	c := timeoutClient(t, srv.URL, clk, testTimeout)
	_, err := c.Do(context.Background(), get("x"), &item{})
	require.ErrorIs(t, err, ErrTimeout)
	assert.NotErrorIs(t, err, ErrOutcomeUnknown, "a read")
	assert.EqualValues(t, 3, n.Load())
}

func TestTimeoutWriteNotRetried(t *testing.T) {
	for _, midBody := range []bool{false, true} {
		name := map[bool]string{false: "before_headers", true: "mid_body"}[midBody]
		t.Run(name, func(t *testing.T) {
			srv, arrived, n := stallServer(t, 1, midBody)
			clk := testclock.New(time.Unix(1_700_000_000, 0))
			advanceOnArrival(t, clk, arrived, testTimeout)
			c := timeoutClient(t, srv.URL, clk, testTimeout)
			_, err := c.Do(context.Background(), &Request{Method: http.MethodPost, Path: "x", Body: map[string]int{"a": 1}}, &item{})
			require.ErrorIs(t, err, ErrTimeout)
			assert.ErrorIs(t, err, ErrOutcomeUnknown)
			var apiErr *Error
			assert.False(t, errors.As(err, &apiErr), "a timeout is not an *Error")
			var ne net.Error
			require.ErrorAs(t, err, &ne)
			assert.True(t, ne.Timeout())
			assert.False(t, errors.Is(err, context.DeadlineExceeded))
			assert.EqualValues(t, 1, n.Load(), "a write is sent once")
			assert.Contains(t, err.Error(), "test: POST /x")
		})
	}
}

// The caller's own deadline stays context.DeadlineExceeded, not ErrTimeout.
func TestCallerDeadlineIsNotErrTimeout(t *testing.T) {
	srv, _, _ := stallServer(t, 10, false)
	clk := testclock.New(time.Unix(1_700_000_000, 0))
	c := timeoutClient(t, srv.URL, clk, testTimeout)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Do(ctx, get("x"), &item{})
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.NotErrorIs(t, err, ErrTimeout)
}

// A stream that keeps flowing is never cut, however long it runs; one that
// stalls for the timeout ends with ErrTimeout.
func TestTimeoutStreamPauses(t *testing.T) {
	next := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusOK)
		w.(http.Flusher).Flush()
		for {
			select {
			case <-next:
				_, _ = w.Write([]byte("row\n"))
				w.(http.Flusher).Flush()
			case <-r.Context().Done():
				return
			}
		}
	}))
	t.Cleanup(srv.Close)
	clk := testclock.New(time.Unix(1_700_000_000, 0))
	c := timeoutClient(t, srv.URL, clk, testTimeout)
	body, _, err := c.Stream(context.Background(), get("export"))
	require.NoError(t, err)
	defer body.Close()

	buf := make([]byte, 64)
	for range 6 { // 6 × 20 s: four times the timeout, in pauses shorter than it
		next <- struct{}{}
		n, err := body.Read(buf)
		require.NoError(t, err)
		assert.Equal(t, "row\n", string(buf[:n]))
		clk.Advance(20 * time.Second)
	}
	done := make(chan error, 1)
	go func() {
		_, err := body.Read(buf)
		done <- err
	}()
	var readErr error
	for readErr == nil {
		select {
		case readErr = <-done:
		default:
			clk.Advance(testTimeout)
			time.Sleep(time.Millisecond)
		}
	}
	assert.ErrorIs(t, readErr, ErrTimeout)
	assert.NotErrorIs(t, readErr, io.EOF)
}

// A stream whose headers never come times out like any attempt.
func TestTimeoutStreamHeaders(t *testing.T) {
	srv, arrived, n := stallServer(t, 10, false)
	clk := testclock.New(time.Unix(1_700_000_000, 0))
	advanceOnArrival(t, clk, arrived, testTimeout)
	c := timeoutClient(t, srv.URL, clk, testTimeout)
	_, _, err := c.Stream(context.Background(), get("export"))
	require.ErrorIs(t, err, ErrTimeout)
	assert.EqualValues(t, 3, n.Load(), "a read stream is retried until its headers come")
}

// Zero turns the timeout off: no timer is ever set.
func TestTimeoutOff(t *testing.T) {
	srv, _, _ := stallServer(t, 0, false)
	clk := testclock.New(time.Unix(1_700_000_000, 0))
	c := timeoutClient(t, srv.URL, clk, 0)
	_, err := c.Do(context.Background(), get("x"), &item{})
	require.NoError(t, err)
	assert.Zero(t, clk.PendingTimers())
	require.Error(t, (&Settings{}).SetTimeout(-time.Second))
}

// A finished call leaves no timer behind.
func TestTimeoutTimersReleased(t *testing.T) {
	srv, _, _ := stallServer(t, 0, false)
	clk := testclock.New(time.Unix(1_700_000_000, 0))
	c := timeoutClient(t, srv.URL, clk, testTimeout)
	for range 5 {
		_, err := c.Do(context.Background(), get("x"), &item{})
		require.NoError(t, err)
	}
	assert.Zero(t, clk.PendingTimers())
}
