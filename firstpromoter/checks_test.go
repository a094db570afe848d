package firstpromoter_test

import (
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
)

// TestConformance runs the shared checks on the referrals list (conformance.Checks):
// bodies drained on one keep-alive connection, no leak after a list is
// broken off, cancelled or failed, one client shared by 64 goroutines, the
// response size cap, redirects, repeated pages and byte-order marks.
func TestConformance(t *testing.T) { conformance.Checks(t, platform) }
