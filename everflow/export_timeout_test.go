package everflow

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

// An export that stalls mid-body for longer than WithTimeout ends with
// ErrTimeout (not ErrMalformedResponse) after the rows that arrived, in
// both formats; the clock, not real time, runs out.
func TestExportStallTimesOut(t *testing.T) {
	for _, tc := range []struct {
		name, ctype, head string
		rows              int32
		run               func(context.Context, *Client, *atomic.Int32) error
	}{
		{"json", "application/json", `{"transaction_id":"a"}` + "\n" + `{"transaction_id":"b"}` + "\n", 2,
			func(ctx context.Context, c *Client, n *atomic.Int32) error {
				for _, err := range c.Postbacks.Export(ctx, allFeb) {
					if err != nil {
						return err
					}
					n.Add(1)
				}
				return nil
			}},
		{"csv", "text/csv", "transaction_id,status\na,ok\nb,ok\n", 2,
			func(ctx context.Context, c *Client, n *atomic.Int32) error {
				for _, err := range c.Postbacks.ExportCSV(ctx, allFeb) {
					if err != nil {
						return err
					}
					n.Add(1)
				}
				return nil
			}},
		// A stall inside a quoted field, which encoding/csv would report as
		// a syntax error of the row it cut.
		{"csv_inside_quotes", "text/csv", "transaction_id,status\na,ok\nb,\"o", 1,
			func(ctx context.Context, c *Client, n *atomic.Int32) error {
				for _, err := range c.Postbacks.ExportCSV(ctx, allFeb) {
					if err != nil {
						return err
					}
					n.Add(1)
				}
				return nil
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				w.Header().Set("Content-Type", tc.ctype)
				w.WriteHeader(http.StatusOK)
				_, _ = io.WriteString(w, tc.head)
				w.(http.Flusher).Flush()
				<-r.Context().Done()
			}))
			t.Cleanup(ts.Close)
			clk := testclock.New(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
			c, err := NewClient(WithAPIKey("k"), WithBaseURL(ts.URL+"/v1"), WithTimeout(time.Minute),
				func(s *settings) error { s.Clock = clk; return nil })
			require.NoError(t, err)

			var n atomic.Int32
			done := make(chan error, 1)
			go func() { done <- tc.run(context.Background(), c, &n) }()
			// Once the rows are in, the stream stalls: move the clock on
			// until the client gives up.
			for waiting := true; waiting; {
				select {
				case err = <-done:
					waiting = false
				default:
					if n.Load() == tc.rows {
						clk.Advance(time.Minute)
					}
					time.Sleep(time.Millisecond)
				}
			}
			assert.Equal(t, tc.rows, n.Load())
			require.ErrorIs(t, err, ErrTimeout)
			assert.NotErrorIs(t, err, ErrMalformedResponse)
			assert.ErrorContains(t, err, "everflow: POST")
		})
	}
}
