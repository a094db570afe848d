package faultmatrix

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// MaxRetries is the retry budget every matrix client is configured with.
const MaxRetries = 2

// deadlineAfterFault is how long a never-finishing response runs before
// the caller's deadline ends it.
const deadlineAfterFault = 80 * time.Millisecond

// Server is what the matrix needs of a platform's fake server.
type Server interface {
	Inject(n int, f fakeserver.Fault)
	RequestCount() int
}

// Env is what a target's constructor configures its client with.
type Env struct {
	// Clock is the fake clock the client sleeps on, so retry waits take no
	// time.
	Clock *testclock.Clock
	// MaxRetries is the retry budget.
	MaxRetries int
	// HTTPClient has keep-alives off, so that net/http's own replay of an
	// idempotent request on a reused connection that the server closed
	// never adds an attempt the count does not expect.
	HTTPClient *http.Client
}

// Instance is a freshly seeded fake server and a client on it.
type Instance struct {
	Server Server
	// Run performs the call and returns the keys of the records it got, in
	// order. An iterator calls onRecord after each record (Collect does);
	// the fault is injected at the first call, so it lands on a later
	// page. A write ignores onRecord: its fault is injected before the
	// call.
	Run func(ctx context.Context, onRecord func()) ([]string, error)
	// Seeded holds the keys of the seeded records an iterator must yield,
	// in any order.
	Seeded []string
	// Applied counts the records the write created on the fake server.
	Applied func() int
}

// Target is one row of the matrix: a list iterator or a write.
type Target struct {
	// Name is the subtest name.
	Name string
	// Write marks a call that changes state; otherwise it is an iterator.
	Write bool
	// RetrySafe reports whether the transport may retry the call after it
	// may have reached the server.
	RetrySafe bool
	// Path is a part of the endpoint's path every API error must name.
	Path string
	// WrongShape is a JSON body of the wrong shape for the endpoint; the
	// default is an object for an iterator and an array for a write.
	WrongShape string
	// New starts a fresh instance.
	New func(t *testing.T, env Env) Instance
}

// Collect ranges over seq and returns the key of every record, calling
// onRecord after each one. A nil record without an error is an error.
func Collect[R any](seq iter.Seq2[R, error], key func(R) string, onRecord func()) ([]string, error) {
	var keys []string
	for v, err := range seq {
		if err != nil {
			return keys, err
		}
		if isNil(v) {
			return keys, errors.New("the iterator yielded a nil record without an error")
		}
		keys = append(keys, key(v))
		if onRecord != nil {
			onRecord()
		}
	}
	return keys, nil
}

// isNil reports whether v is a nil pointer, or nil itself.
func isNil(v any) bool {
	if v == nil {
		return true
	}
	r := reflect.ValueOf(v)
	return r.Kind() == reflect.Pointer && r.IsNil()
}

// Run runs every fault against every target. The calling test's name must
// state the matrix size as TestFaultMatrix_<targets>x<faults>_cells, so CI
// output shows it.
func Run(t *testing.T, targets []Target) {
	t.Helper()
	faults := Faults()
	want := fmt.Sprintf("_%dx%d_cells", len(targets), len(faults))
	if !strings.HasSuffix(t.Name(), want) {
		t.Fatalf("the matrix has %d targets x %d faults: name the test TestFaultMatrix%s", len(targets), len(faults), want)
	}
	for _, tg := range targets {
		t.Run(tg.Name, func(t *testing.T) {
			base := clean(t, tg)
			for _, f := range faults {
				t.Run(f.Name, func(t *testing.T) {
					t.Parallel()
					cell(t, tg, f, base, 1)
					if retried(tg, f) {
						cell(t, tg, f, base, MaxRetries+1)
					}
				})
			}
		})
	}
}

// baseline is what a run without faults did.
type baseline struct {
	keys     []string
	requests int
	// before is the number of requests made when the first record
	// arrived, where the fault is injected; beforeKeys is the number of
	// records yielded before the next request.
	before, beforeKeys int
}

func newInstance(t *testing.T, tg Target) (Instance, *testclock.Clock) {
	t.Helper()
	clk := testclock.New(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	hc := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	inst := tg.New(t, Env{Clock: clk, MaxRetries: MaxRetries, HTTPClient: hc})
	return inst, clk
}

func clean(t *testing.T, tg Target) baseline {
	t.Helper()
	inst, _ := newInstance(t, tg)
	var b baseline
	n := 0
	keys, err := inst.Run(context.Background(), func() {
		n++
		if r := inst.Server.RequestCount(); n == 1 {
			b.before, b.beforeKeys = r, 1
		} else if r == b.before {
			b.beforeKeys++
		}
	})
	if err != nil {
		t.Fatalf("run without faults: %v", err)
	}
	b.keys, b.requests = keys, inst.Server.RequestCount()
	if tg.Write {
		if n := inst.Applied(); n != 1 {
			t.Fatalf("run without faults: the write created %d records, want 1", n)
		}
		return b
	}
	if b.before == b.requests {
		t.Fatalf("run without faults: all %d records came in the first page; seed more than one page", len(keys))
	}
	got, seeded := slices.Clone(keys), slices.Clone(inst.Seeded)
	slices.Sort(got)
	slices.Sort(seeded)
	if len(seeded) == 0 || !slices.Equal(got, seeded) {
		t.Fatalf("run without faults yielded %v, want the seeded %v", keys, seeded)
	}
	if len(slices.Compact(got)) != len(keys) {
		t.Fatalf("run without faults yielded duplicates: %v", keys)
	}
	return b
}

// retried reports whether the transport retries f for tg.
func retried(tg Target, f Fault) bool {
	return f.Kind == Always || ((f.Kind == IfSafe || f.Kind == Timeout) && tg.RetrySafe)
}

// cell injects n copies of f where the target's first record arrives (or
// before a write) and checks the outcome.
func cell(t *testing.T, tg Target, f Fault, base baseline, n int) {
	t.Helper()
	phase := "once"
	if n > 1 {
		phase = fmt.Sprintf("%d_times", n)
	}
	inst, clk := newInstance(t, tg)
	wrongShape := tg.WrongShape
	if wrongShape == "" {
		wrongShape = `{"unexpected":true}`
		if tg.Write {
			wrongShape = `[{"unexpected":true}]`
		}
	}
	ctx := newArmedContext()
	defer ctx.end(context.Canceled)
	injected := false
	runDone := make(chan struct{})
	var injectedCount atomic.Int64
	injectedCount.Store(-1)
	injectedAt := func() int { return int(injectedCount.Load()) }
	inject := func() {
		if injected {
			return
		}
		injected = true
		inst.Server.Inject(n, f.Make(clk.Now(), wrongShape))
		injectedCount.Store(int64(inst.Server.RequestCount()))
		if f.Kind == Deadline {
			// The deadline runs from when the hanging request reached the
			// server, however long a loaded machine took to send it.
			at := injectedAt()
			go func() {
				for inst.Server.RequestCount() <= at {
					select {
					case <-runDone:
						return
					case <-time.After(time.Millisecond):
					}
				}
				ctx.arm(deadlineAfterFault)
			}()
		}
	}
	if tg.Write {
		inject()
	}
	if f.Kind == Timeout {
		// Each of the n hanging attempts times out on the client's clock:
		// once the next one reaches the server, the clock moves past the
		// client's timeout.
		go func() {
			base := -1
			for fired := 0; fired < n; {
				if ctx.Err() != nil {
					return
				}
				if base < 0 {
					if injected := injectedAt(); injected >= 0 {
						base = injected
					}
				}
				if base >= 0 && inst.Server.RequestCount() > base+fired && clk.PendingTimers() > 0 {
					clk.Advance(transport.DefaultTimeout)
					fired++
					continue
				}
				time.Sleep(time.Millisecond)
			}
		}()
	}
	keys, err := inst.Run(ctx, inject)
	close(runDone)
	if !injected {
		t.Fatalf("%s: the fault was never injected", phase)
	}
	requests := inst.Server.RequestCount()

	if sleeps := clk.Sleeps(); f.Wait > 0 && retried(tg, f) && (len(sleeps) == 0 || sleeps[0] != f.Wait) {
		t.Errorf("%s: waits %v before the retries, want %s first, as the server asked", phase, sleeps, f.Wait)
	}
	recovers := retried(tg, f) && n <= MaxRetries
	if recovers {
		if err != nil {
			t.Fatalf("%s: want recovery, got %v", phase, err)
		}
		if !slices.Equal(keys, base.keys) {
			t.Errorf("%s: records %v, want every record once in order: %v", phase, keys, base.keys)
		}
		if want := base.requests + n; requests != want {
			t.Errorf("%s: %d requests, want %d (%d without the fault, plus %d retried)", phase, requests, want, base.requests, n)
		}
		if tg.Write {
			if got := inst.Applied(); got != 1 {
				t.Errorf("%s: the write took effect %d times, want exactly once", phase, got)
			}
		}
		return
	}

	checkErr(t, phase, tg, f, err)
	if want := base.keys[:base.beforeKeys]; !slices.Equal(keys, want) {
		t.Errorf("%s: records %v before the error, want %v", phase, keys, want)
	}
	attempts := 1
	if retried(tg, f) {
		attempts = MaxRetries + 1
	}
	if want := base.before + attempts; requests != want {
		t.Errorf("%s: %d requests, want %d (%d before the fault, then %d attempts)", phase, requests, want, base.before, attempts)
	}
	// A fault that never reaches the endpoint leaves no trace; one that
	// does, on a call that is not retried, takes effect exactly once. (A
	// retry-safe write retried over such faults takes effect each time,
	// which is what makes it retry-safe.)
	if tg.Write && (!f.Reaches || attempts == 1) {
		want := 0
		if f.Reaches {
			want = 1
		}
		got := inst.Applied()
		switch {
		case f.Kind == Timeout && got <= 1:
			// The client's clock may run out before or after the server
			// acted: exactly why the write's outcome is unknown. It never
			// takes effect twice.
		case got != want:
			t.Errorf("%s: the write took effect %d times, want %d", phase, got, want)
		}
	}
}

func checkErr(t *testing.T, phase string, tg Target, f Fault, err error) {
	t.Helper()
	if err == nil {
		t.Fatalf("%s: want an error, got none", phase)
	}
	var apiErr *transport.Error
	isAPI := errors.As(err, &apiErr)
	switch {
	case f.Want == nil:
		if isAPI || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("%s: want a connection error, got %v", phase, err)
		}
	case !errors.Is(err, f.Want):
		t.Errorf("%s: error %v does not match %v", phase, err, f.Want)
	}
	if unknown := tg.Write && !tg.RetrySafe && !f.Refused; errors.Is(err, transport.ErrOutcomeUnknown) != unknown {
		t.Errorf("%s: errors.Is(%v, ErrOutcomeUnknown) = %v, want %v", phase, err, !unknown, unknown)
	}
	if f.RetryAfter && (!isAPI || apiErr.RetryAfter <= 0) {
		t.Errorf("%s: error %v carries no Retry-After wait", phase, err)
	}
	if tg.Path != "" && !strings.Contains(err.Error(), tg.Path) {
		t.Errorf("%s: error %q does not name the endpoint %q", phase, err, tg.Path)
	}
}
