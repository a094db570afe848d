// Package leakcheck finds goroutines that outlive a test or a test
// binary, from runtime.Stack: an equivalent of go.uber.org/goleak without
// the dependency. A goroutine serving an HTTP connection that a response
// body was never closed on, or a retry loop that ignored its context, shows
// up here and fails the test.
package leakcheck

import (
	"bytes"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// Goroutine is one goroutine of a stack dump.
type Goroutine struct {
	ID    int
	State string
	// Stack is the goroutine's part of the dump, header line included.
	Stack string
}

// Snapshot returns the goroutines running now, except the caller's.
func Snapshot() []Goroutine {
	buf := make([]byte, 64<<10)
	for {
		n := runtime.Stack(buf, true)
		if n < len(buf) {
			buf = buf[:n]
			break
		}
		buf = make([]byte, 2*len(buf))
	}
	var out []Goroutine
	for i, block := range bytes.Split(buf, []byte("\n\n")) {
		g, ok := parse(string(block))
		if ok && i > 0 { // the first block is the calling goroutine
			out = append(out, g)
		}
	}
	return out
}

// parse reads "goroutine 7 [chan receive, 2 minutes]:\n...".
func parse(block string) (Goroutine, bool) {
	header, _, _ := strings.Cut(block, "\n")
	rest, ok := strings.CutPrefix(header, "goroutine ")
	if !ok {
		return Goroutine{}, false
	}
	idText, state, ok := strings.Cut(rest, " [")
	if !ok {
		return Goroutine{}, false
	}
	id, err := strconv.Atoi(idText)
	if err != nil {
		return Goroutine{}, false
	}
	state, _, _ = strings.Cut(strings.TrimSuffix(state, "]:"), ",")
	return Goroutine{ID: id, State: state, Stack: block}, true
}

// benign are functions whose goroutines belong to the test runner or the
// runtime, not to the code under test.
var benign = []string{
	"testing.(*T).Run(",
	"testing.(*T).Parallel(",
	"testing.tRunner(",
	"testing.(*M).",
	"testing.runTests",
	"testing.runFuzzing",
	"testing.(*F).Fuzz",
	"testing.runFuzzTests",
	"testing/internal/testdeps.",
	"runtime.goexit0",
	"os/signal.signal_recv",
	"os/signal.loop",
	"runtime.ensureSigM",
	"runtime/trace.",
}

func isBenign(g Goroutine) bool {
	for _, fn := range benign {
		if strings.Contains(g.Stack, fn) {
			return true
		}
	}
	return false
}

// Leaked returns the goroutines running now that are neither in before (by
// id) nor benign, waiting up to timeout for them to finish: connection
// goroutines end shortly after a server closes or a body is closed.
func Leaked(before []Goroutine, timeout time.Duration) []Goroutine {
	known := make(map[int]bool, len(before))
	for _, g := range before {
		known[g.ID] = true
	}
	deadline := time.Now().Add(timeout)
	wait := time.Millisecond
	for {
		var leaked []Goroutine
		for _, g := range Snapshot() {
			if !known[g.ID] && !isBenign(g) {
				leaked = append(leaked, g)
			}
		}
		if len(leaked) == 0 || time.Now().After(deadline) {
			return leaked
		}
		time.Sleep(wait)
		wait = min(2*wait, 50*time.Millisecond)
	}
}

// Format describes leaked goroutines for a failure message.
func Format(leaked []Goroutine) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d goroutine(s) leaked:\n", len(leaked))
	slices.SortFunc(leaked, func(a, b Goroutine) int { return a.ID - b.ID })
	for _, g := range leaked {
		b.WriteString(g.Stack)
		b.WriteString("\n\n")
	}
	return b.String()
}

// Check fails t if goroutines started during the test are still running
// when it ends (after its other cleanups, which close its servers). Call
// it first in the test. Idle keep-alive connections are not leaks: close
// them with the HTTP client's CloseIdleConnections in a cleanup registered
// after Check, so it runs before the check.
func Check(t testing.TB) {
	t.Helper()
	before := Snapshot()
	t.Cleanup(func() {
		if leaked := Leaked(before, 3*time.Second); len(leaked) > 0 {
			t.Error(Format(leaked))
		}
	})
}

// Main runs the tests of m and then fails the binary if any goroutine the
// tests started is still running. Use it as a package's TestMain:
//
//	func TestMain(m *testing.M) { leakcheck.Main(m) }
func Main(m *testing.M) {
	before := Snapshot()
	code := m.Run()
	if code == 0 {
		if leaked := Leaked(before, 5*time.Second); len(leaked) > 0 {
			fmt.Fprintln(os.Stderr, "leakcheck: "+Format(leaked))
			code = 1
		}
	}
	os.Exit(code)
}
