package everflow_test

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

// The example request, sent by the client, reads back the example row.
func TestPostbacksListVerbatimRequest(t *testing.T) {
	srv := newFakeServer()
	defer srv.Close()
	raw, err := os.ReadFile("testdata/affiliate_pixels_report.json")
	require.NoError(t, err)
	var wire struct {
		Pixels []everflowtest.PostbackLog `json:"pixels"`
	}
	require.NoError(t, json.Unmarshal(raw, &wire))
	srv.AddPostback(wire.Pixels[0])
	c, _ := newTestClient(t, srv)

	la, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	rep, err := c.Postbacks.Report(context.Background(), &PostbackReportParams{
		From: time.Date(2024, 2, 7, 0, 0, 0, 0, la), To: time.Date(2024, 2, 8, 0, 0, 0, 0, la),
		TimezoneID: TimezoneLosAngeles,
		Query:      Query{Filters: []Filter{OfferFilter(11), DeliveryStatusFilter(DeliverySuccess)}},
	})
	require.NoError(t, err)
	wantReq, err := os.ReadFile("testdata/affiliate_pixels_request.json")
	require.NoError(t, err)
	assert.JSONEq(t, string(wantReq), string(srv.Requests()[0].Body))
	assert.Equal(t, "/v1/networks/reporting/affiliate/pixels", srv.Requests()[0].Path)
	require.Len(t, rep.Postbacks, 1)
	assert.False(t, rep.Truncated)
	assert.Equal(t, "d5c6feef0d8f489fb91aa5cfb4d64f4e", rep.Postbacks[0].TransactionID)
	assert.Equal(t, "John Doe Inc.", rep.Postbacks[0].Relationship.Affiliate.Name)
}

func TestPostbacksListOneOfferFailuresOnly(t *testing.T) {
	_, c, _ := demo(t)
	rep, err := c.Postbacks.Report(context.Background(), &PostbackReportParams{
		From: feb(1), To: feb(29), TimezoneID: TimezoneUTC,
		Query: Query{Filters: []Filter{OfferFilter(3), DeliveryStatusFilter(DeliveryFailure)}},
	})
	require.NoError(t, err)
	require.NotEmpty(t, rep.Postbacks)
	for _, p := range rep.Postbacks {
		assert.Equal(t, int64(3), p.NetworkOfferID)
		assert.False(t, p.IsSuccess)
		assert.Equal(t, 3, p.FailedAttempts)
		assert.True(t, p.LastAttempt.After(p.Timestamp))
		assert.Contains(t, p.DebugInformation, "Status: ")
	}
	excl, err := c.Postbacks.Report(context.Background(), &PostbackReportParams{
		From: feb(1), To: feb(29), TimezoneID: TimezoneUTC,
		Query: Query{Exclusions: []Filter{DeliveryStatusFilter(DeliverySuccess)}},
	})
	require.NoError(t, err)
	for _, p := range excl.Postbacks {
		assert.False(t, p.IsSuccess)
	}
}

func TestPostbacksListTruncatedAtTheCap(t *testing.T) {
	srv := newFakeServer()
	defer srv.Close()
	c, _ := newTestClient(t, srv)
	params := &PostbackReportParams{From: feb(1), To: time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC), TimezoneID: TimezoneUTC}

	srv.SeedPostbacks(PostbackReportLimit - 1)
	rep, err := c.Postbacks.Report(context.Background(), params)
	require.NoError(t, err)
	assert.Len(t, rep.Postbacks, PostbackReportLimit-1)
	assert.False(t, rep.Truncated)

	srv.SeedPostbacks(600)
	rep, err = c.Postbacks.Report(context.Background(), params)
	require.NoError(t, err)
	assert.Len(t, rep.Postbacks, PostbackReportLimit)
	assert.True(t, rep.Truncated, "exactly 1000 rows may hide more")
}

func TestPostbacksParamsCheckedBeforeRequest(t *testing.T) {
	srv, c, _ := demo(t)
	ctx := context.Background()
	tests := []struct {
		name   string
		params *PostbackReportParams
		err    string
	}{
		{"nil", nil, "required"},
		{"country filter", &PostbackReportParams{From: feb(1), To: feb(2), TimezoneID: TimezoneUTC,
			Query: Query{Filters: []Filter{CountryFilter("Canada")}}}, `not "country"`},
		{"bad delivery status", &PostbackReportParams{From: feb(1), To: feb(2), TimezoneID: TimezoneUTC,
			Query: Query{Exclusions: []Filter{DeliveryStatusFilter("pending")}}}, "delivery_status filter"},
		{"two years", &PostbackReportParams{From: feb(1), To: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), TimezoneID: TimezoneUTC}, "one year"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := c.Postbacks.Report(ctx, tt.params)
			assert.ErrorContains(t, err, tt.err)
			for _, err := range c.Postbacks.Export(ctx, tt.params) {
				assert.ErrorContains(t, err, tt.err)
			}
			for _, err := range c.Postbacks.ExportCSV(ctx, tt.params) {
				assert.ErrorContains(t, err, tt.err)
			}
			_, _, err = c.Postbacks.ExportRaw(ctx, tt.params, FormatJSON)
			assert.ErrorContains(t, err, tt.err)
		})
	}
	assert.Zero(t, srv.RequestCount())
}

// exportRows is how many rows the big export test streams.
func exportRows() int {
	if raceEnabled {
		return 20000
	}
	return 200000
}

func TestPostbacksExportAllInOrder(t *testing.T) {
	srv := newFakeServer()
	defer srv.Close()
	srv.SeedAffiliates(36)
	srv.SeedOffers(24)
	rows := exportRows()
	srv.SeedPostbacks(rows)
	c, _ := newTestClient(t, srv)

	params := &PostbackReportParams{From: feb(1), To: time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC), TimezoneID: TimezoneUTC}
	n := 0
	var prev time.Time
	var peak uint64
	var ms runtime.MemStats
	for p, err := range c.Postbacks.Export(context.Background(), params) {
		require.NoError(t, err)
		if n > 0 && !p.Timestamp.After(prev) {
			require.Failf(t, "out of order", "row %d at %s after %s", n, p.Timestamp, prev)
		}
		prev = p.Timestamp
		if n%20000 == 0 {
			runtime.ReadMemStats(&ms)
			peak = max(peak, ms.HeapInuse)
		}
		n++
	}
	assert.Equal(t, rows, n)
	assert.Equal(t, feb(1).Add(time.Duration(rows-1)*149*time.Second), prev)
	assert.Equal(t, 1, srv.RequestCount())
	assert.Zero(t, ReportSlotsInUse(c), "the reporting slot is freed")
	if !raceEnabled {
		// Client and fake share this process; buffering the ~230 MB export
		// or its 200,000 decoded rows would go far past this.
		assert.Less(t, peak, uint64(64<<20), "heap in use stays flat while streaming")
	}
	t.Logf("streamed %d rows, peak heap in use %.1f MiB", n, float64(peak)/(1<<20))
}

func TestPostbacksExportBreakClosesTheDownload(t *testing.T) {
	srv := newFakeServer(everflowtest.WithDemoData())
	defer srv.Close()
	srv.SeedPostbacks(50000)
	c, _ := newTestClient(t, srv)
	params := &PostbackReportParams{From: feb(1), To: time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC), TimezoneID: TimezoneUTC}
	for range MaxConcurrentReports + 5 {
		for p, err := range c.Postbacks.Export(context.Background(), params) {
			require.NoError(t, err)
			assert.Equal(t, feb(1), p.Timestamp)
			break
		}
	}
	// Were the bodies left open, the reporting slots would be used up
	// and the loop above would have blocked.
	assert.Zero(t, ReportSlotsInUse(c))
	assert.Equal(t, MaxConcurrentReports+5, srv.RequestCount())
}

func TestPostbacksExportCSVKeyedByHeader(t *testing.T) {
	_, c, _ := demo(t)
	params := &PostbackReportParams{From: feb(1), To: feb(29), TimezoneID: TimezoneUTC,
		Query: Query{Filters: []Filter{DeliveryStatusFilter(DeliveryFailure)}}}
	var fromJSON []*PostbackLog
	for p, err := range c.Postbacks.Export(context.Background(), params) {
		require.NoError(t, err)
		fromJSON = append(fromJSON, p)
	}
	i := 0
	for rec, err := range c.Postbacks.ExportCSV(context.Background(), params) {
		require.NoError(t, err)
		require.Less(t, i, len(fromJSON))
		p := fromJSON[i]
		assert.Equal(t, p.TransactionID, rec.Get("transaction_id"))
		assert.Equal(t, strconv.FormatInt(p.Timestamp.Unix(), 10), rec.Get("timestamp"))
		assert.Equal(t, "false", rec.Get("is_success"))
		assert.Equal(t, p.DebugInformation, rec.Get("debug_information"), "quoted multi-line cells survive")
		i++
	}
	assert.Equal(t, len(fromJSON), i)
}

func TestPostbacksExportRaw(t *testing.T) {
	srv, c, _ := demo(t)
	body, resp, err := c.Postbacks.ExportRaw(context.Background(),
		&PostbackReportParams{From: feb(1), To: feb(29), TimezoneID: TimezoneUTC}, FormatJSON)
	require.NoError(t, err)
	raw, err := io.ReadAll(body)
	require.NoError(t, err)
	require.NoError(t, body.Close())
	assert.Equal(t, 480, strings.Count(string(raw), "\n"))
	assert.Contains(t, resp.Header.Get("Content-Disposition"), "attachment")
	assert.Contains(t, string(srv.Requests()[0].Body), `"format":"json"`)
	assert.Zero(t, ReportSlotsInUse(c))
}
