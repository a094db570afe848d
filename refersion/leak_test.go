package refersion_test

import (
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/leakcheck"
)

// TestMain fails the package's tests if any of them leaves a goroutine
// running: a connection whose body was never closed, a retry loop that
// outlived its context.
func TestMain(m *testing.M) { leakcheck.Main(m) }
