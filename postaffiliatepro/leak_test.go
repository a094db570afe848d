package postaffiliatepro_test

import (
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/internal/leakcheck"
)

// TestMain fails the package's tests if any of them leaves a goroutine
// running: a connection whose body was never closed, a retry loop that
// outlived its context.
func TestMain(m *testing.M) { leakcheck.Main(m) }

// TestNoLeakAfterBreakCancelOrError leaves a list by breaking out of it, by
// cancelling its context mid-list and during a response that never
// finishes, and by errors after retries; once the pool's idle keep-alive
// connections are closed, no goroutine or connection the calls started is
// left, with the server still running.
func TestNoLeakAfterBreakCancelOrError(t *testing.T) {
	conformance.NoLeakAfterBreakCancelOrError(t, platform)
}
