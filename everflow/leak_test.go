package everflow_test

import (
	"context"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
	"github.com/affiliatekit/affiliatekit-go/internal/leakcheck"
)

// TestMain fails the package's tests if any of them leaves a goroutine
// running: a connection whose body was never closed, a retry loop or an
// export stream that outlived its context.
func TestMain(m *testing.M) { leakcheck.Main(m) }

// exportLeaks follows the shared no-leak check's calls on the same server
// and client with the export streams': it leaves them by breaking out of
// them, by cancelling their context midway and during a response that
// never finishes, and by an error.
func exportLeaks(t *testing.T, srv *everflowtest.Server, c *Client) {
	srv.SeedConversions(500)
	export := &ConversionExportParams{ConversionReportParams: ConversionReportParams{From: feb(1), To: feb(29), TimezoneID: TimezoneUTC}}

	for _, err := range c.Conversions.Export(context.Background(), export) {
		require.NoError(t, err)
		break
	}
	for _, err := range c.Conversions.ExportCSV(context.Background(), export) {
		require.NoError(t, err)
		break
	}

	// Cancelled mid-export: the stream ends with the context error.
	ectx, ecancel := context.WithCancel(context.Background())
	n := 0
	var last error
	for _, err := range c.Conversions.Export(ectx, export) {
		if last = err; err != nil {
			break
		}
		if n++; n == 10 {
			ecancel()
		}
	}
	ecancel()
	assert.ErrorIs(t, last, context.Canceled)

	srv.Inject(1, everflowtest.Fault{Hang: true})
	hctx, hcancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	for _, err := range c.Conversions.Export(hctx, export) {
		if err != nil {
			assert.ErrorIs(t, err, context.DeadlineExceeded)
			break
		}
	}
	hcancel()

	srv.Inject(1, everflowtest.Fault{Truncate: true})
	for _, err := range c.Conversions.ExportCSV(context.Background(), export) {
		if err != nil {
			assert.ErrorIs(t, err, ErrMalformedResponse)
			break
		}
	}
}
