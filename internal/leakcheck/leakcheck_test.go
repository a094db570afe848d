package leakcheck

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// TestLeakedFindsAGoroutineUntilItEnds: a goroutine started after the
// snapshot is reported while it runs and forgotten once it ends.
func TestLeakedFindsAGoroutineUntilItEnds(t *testing.T) {
	before := Snapshot()
	stop := make(chan struct{})
	go func() { <-stop }()
	leaked := Leaked(before, 20*time.Millisecond)
	if len(leaked) != 1 || !strings.Contains(leaked[0].Stack, "TestLeakedFindsAGoroutineUntilItEnds") {
		t.Fatalf("want the one blocked goroutine, got %s", Format(leaked))
	}
	close(stop)
	if leaked := Leaked(before, time.Second); len(leaked) > 0 {
		t.Fatalf("the goroutine ended, yet: %s", Format(leaked))
	}
}

// TestLeakedFindsAnUnclosedBody: a response body left open keeps its
// connection's goroutines alive even after idle connections are closed;
// closing it lets them go.
func TestLeakedFindsAnUnclosedBody(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		_, _ = w.Write([]byte(strings.Repeat("x", 64<<10)))
	}))
	defer srv.Close()
	dc := NewDialCounter()
	before := Snapshot()
	resp, err := dc.Client().Get(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	dc.Transport.CloseIdleConnections()
	if leaked := Leaked(before, 50*time.Millisecond); len(leaked) == 0 {
		t.Fatal("an open body leaked nothing")
	}
	_ = resp.Body.Close()
	dc.Transport.CloseIdleConnections()
	if leaked := Leaked(before, 2*time.Second); len(leaked) > 0 {
		t.Fatalf("after closing the body: %s", Format(leaked))
	}
	if dc.Dials() != 1 {
		t.Fatalf("%d dials, want 1", dc.Dials())
	}
}

// TestCheckWaitsForCleanups: Check runs after the test's other cleanups,
// so a goroutine a cleanup stops is not a leak.
func TestCheckWaitsForCleanups(t *testing.T) {
	Check(t)
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() {
		defer close(done)
		<-stop
	}()
	t.Cleanup(func() {
		close(stop)
		<-done
	})
}
