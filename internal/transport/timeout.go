package transport

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// timeoutError is the error of an attempt that ran past the client's
// timeout; it matches ErrTimeout and, as a net.Error, its Timeout is true.
type timeoutError struct{ d time.Duration }

func (e timeoutError) Error() string {
	if e.d <= 0 {
		return "request timed out"
	}
	return fmt.Sprintf("request timed out (no progress for %s)", e.d)
}

func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }

// Is makes every timeoutError match ErrTimeout, whatever its duration.
func (timeoutError) Is(target error) bool {
	_, ok := target.(timeoutError)
	return ok
}

// attempts is the RoundTripper under go-retryablehttp. It bounds each
// attempt by the client's timeout, on the client's clock:
//   - an ordinary call, from sending to the last byte of its body;
//   - a stream (a 2xx answer to Stream), the wait for its headers and then
//     the longest pause between two reads of its body, so a body that keeps
//     flowing is never cut and one that stalls ends.
//
// When the timeout fires, the attempt's context is cancelled and its error
// becomes a timeoutError. It also hides the transport's
// CloseIdleConnections from go-retryablehttp, which calls it after every
// failed request and would churn a pool the caller shares with the rest of
// the program.
type attempts struct {
	rt http.RoundTripper
	c  *Client
}

func (a attempts) RoundTrip(r *http.Request) (*http.Response, error) {
	d := a.c.cfg.Timeout
	st, _ := r.Context().Value(stateKey{}).(*call)
	if d <= 0 || st == nil {
		return a.rt.RoundTrip(r)
	}
	ctx, cancel := context.WithCancel(r.Context())
	w := newWatchdog(a.c.cfg.Clock, d, cancel)
	resp, err := a.rt.RoundTrip(r.WithContext(ctx))
	if err != nil {
		w.stop()
		if w.fired.Load() {
			err = timeoutError{d}
		}
		return nil, err
	}
	stream := st.stream && resp.StatusCode >= 200 && resp.StatusCode <= 299
	if stream {
		w.touch() // from here on, the pauses between reads count
	}
	resp.Body = &watchedBody{rc: resp.Body, w: w, stream: stream}
	return resp, nil
}

// watchdog cancels an attempt once d passes without progress: for a
// stream every read is progress, for anything else only the end.
type watchdog struct {
	clock  Clock
	d      time.Duration
	cancel context.CancelFunc
	fired  atomic.Bool
	// last is when the last progress was made, in the clock's UnixNano.
	last atomic.Int64

	mu      sync.Mutex
	stopped bool
	stopFn  func() bool
}

func newWatchdog(clock Clock, d time.Duration, cancel context.CancelFunc) *watchdog {
	w := &watchdog{clock: clock, d: d, cancel: cancel}
	w.last.Store(clock.Now().UnixNano())
	w.mu.Lock()
	w.stopFn = clock.AfterFunc(d, w.check)
	w.mu.Unlock()
	return w
}

// touch records progress. The timer is not reset on every read: when it
// fires, check sees the progress and sets itself for the rest of the
// period.
func (w *watchdog) touch() { w.last.Store(w.clock.Now().UnixNano()) }

func (w *watchdog) check() {
	w.mu.Lock()
	if w.stopped {
		w.mu.Unlock()
		return
	}
	idle := time.Duration(w.clock.Now().UnixNano() - w.last.Load())
	if idle < w.d {
		w.stopFn = w.clock.AfterFunc(w.d-idle, w.check)
		w.mu.Unlock()
		return
	}
	w.stopped = true
	w.fired.Store(true)
	w.mu.Unlock()
	w.cancel()
}

// stop ends the watch and releases the attempt's context.
func (w *watchdog) stop() {
	w.mu.Lock()
	if !w.stopped {
		w.stopped = true
		w.stopFn()
	}
	w.mu.Unlock()
	w.cancel()
}

// watchedBody reports a read cut by the watchdog as a timeoutError.
type watchedBody struct {
	rc     io.ReadCloser
	w      *watchdog
	stream bool
}

func (b *watchedBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	switch {
	case err != nil && !errors.Is(err, io.EOF) && b.w.fired.Load():
		err = timeoutError{b.w.d}
	case n > 0 && b.stream:
		b.w.touch()
	}
	if errors.Is(err, io.EOF) {
		// The whole body is in: the attempt is over. net/http has put the
		// connection back in the pool before a read returns io.EOF, so
		// cancelling the attempt's context now costs nothing.
		b.w.stop()
	}
	return n, err
}

func (b *watchedBody) Close() error {
	err := b.rc.Close()
	b.w.stop()
	return err
}
