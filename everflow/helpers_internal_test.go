package everflow

import (
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// The helpers of the package-internal tests; the external tests, which use
// the fake, have their own in helpers_test.go.

// feb is a day of February 2024, where the fake's seeded data lives.
func feb(day int) time.Time { return time.Date(2024, time.February, day, 0, 0, 0, 0, time.UTC) }

// allFeb asks for the postbacks of February 2024.
var allFeb = &PostbackReportParams{From: feb(1), To: feb(29), TimezoneID: TimezoneUTC}

// readVendor reads a vendor sample of testdata/vendor.
func readVendor(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "vendor", name))
	require.NoError(t, err)
	return b
}
