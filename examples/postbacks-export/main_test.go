package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

func noEnv(string) string { return "" }

// csvRows counts the data rows of a CSV file.
func csvRows(t *testing.T, path string) int {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	require.NoError(t, err)
	require.NotEmpty(t, recs)
	assert.Contains(t, recs[0], "conversion_id", "the header row")
	return len(recs) - 1
}

func TestExportCSVFromTheFake(t *testing.T) {
	out := filepath.Join(t.TempDir(), "postbacks.csv")
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-o", out, "-fake-rows", "20000"}, noEnv, &stdout, &stderr)
	require.Zero(t, code, stderr.String())
	// 20000 generated rows plus the demo data's 480, all inside the window.
	assert.Equal(t, 20480, csvRows(t, out))
	assert.Contains(t, stderr.String(), "in-process fake server")
	assert.Contains(t, stderr.String(), "done: 20480 rows")
	info, err := os.Stat(out)
	require.NoError(t, err)
	assert.Equal(t, os.FileMode(0o644), info.Mode().Perm(), "readable by others, like a file from os.Create")
}

func TestExportNDJSONToStdoutWithAFilter(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-o", "-", "-format", "ndjson", "-status", "failure", "-fake-rows", "5000"},
		noEnv, &stdout, &stderr)
	require.Zero(t, code, stderr.String())
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var row struct {
			IsSuccess      *bool  `json:"is_success"`
			ConversionID   string `json:"conversion_id"`
			FailedAttempts int    `json:"failed_attempts"`
		}
		require.NoError(t, json.Unmarshal(sc.Bytes(), &row), sc.Text())
		require.NotNil(t, row.IsSuccess)
		assert.False(t, *row.IsSuccess)
		assert.NotEmpty(t, row.ConversionID)
		n++
	}
	require.NoError(t, sc.Err())
	assert.Greater(t, n, 100)
	assert.Less(t, n, 5480)
	assert.Contains(t, stderr.String(), "done: ")
}

// TestExportWithCredentials runs the real-API path against a fake on
// loopback: a download cut off halfway fails and leaves no file behind; a
// clean one writes every row of the window.
func TestExportWithCredentials(t *testing.T) {
	srv := newFakeInFebruary()
	t.Cleanup(srv.Close)
	srv.SeedPostbacks(30000)
	env := map[string]string{"EVERFLOW_API_KEY": everflowtest.APIKey, "EVERFLOW_BASE_URL": srv.URL}
	getenv := func(k string) string { return env[k] }
	dir := t.TempDir()
	out := filepath.Join(dir, "february.csv")
	args := []string{"-from", "2024-02-01", "-to", "2024-02-29", "-o", out}

	srv.Inject(1, everflowtest.Fault{Truncate: true})
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, getenv, &stdout, &stderr)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr.String(), "real API at "+srv.URL)
	assert.Contains(t, stderr.String(), "no file written")
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries, "neither the file nor a partial one")

	stderr.Reset()
	code = run(context.Background(), args, getenv, &stdout, &stderr)
	require.Zero(t, code, stderr.String())
	want := 0
	end := time.Date(2024, 3, 1, 0, 0, 0, 0, time.UTC) // the To date is included whole
	for _, p := range srv.Postbacks() {
		if p.Timestamp.Before(end) {
			want++
		}
	}
	assert.Equal(t, want, csvRows(t, out))
	assert.Greater(t, want, 10000)
}

func TestBadFlags(t *testing.T) {
	for _, args := range [][]string{
		{"-format", "xml"},
		{"-from", "last week"},
		{"-status", "maybe"},
		{"extra"},
	} {
		var stdout, stderr bytes.Buffer
		assert.Equal(t, 2, run(context.Background(), args, noEnv, &stdout, &stderr), args)
		assert.Contains(t, stderr.String(), "postbacks-export: ", args)
	}
	var stderr bytes.Buffer
	assert.Zero(t, run(context.Background(), []string{"-h"}, noEnv, io.Discard, &stderr))
	assert.Contains(t, stderr.String(), "constant")
}

func TestFormatFollowsTheExtension(t *testing.T) {
	cfg, err := parseFlags([]string{"-o", "x.ndjson"}, true, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, formatNDJSON, cfg.format)
	cfg, err = parseFlags(nil, true, io.Discard)
	require.NoError(t, err)
	assert.Equal(t, formatCSV, cfg.format)
	assert.Equal(t, "postbacks.csv", cfg.out)
	assert.Equal(t, time.Now().UTC().Truncate(24*time.Hour).AddDate(0, 0, -28), cfg.from)
}

// newFakeInFebruary starts a fake whose generated postback rows fire from
// 2024-02-01 on: its clock starts 28 days later and runs on in real time.
func newFakeInFebruary() *everflowtest.Server {
	start := time.Now()
	seedNow := time.Date(2024, time.February, 29, 0, 0, 0, 0, time.UTC)
	return everflowtest.NewServer(everflowtest.WithClock(func() time.Time { return seedNow.Add(time.Since(start)) }))
}

// TestMemoryStaysFlat exports tens of megabytes while sampling the heap:
// it never holds more than a few megabytes, whatever the export's size.
func TestMemoryStaysFlat(t *testing.T) {
	if testing.Short() {
		t.Skip("exports tens of megabytes")
	}
	rows := int64(100_000)
	if raceEnabled {
		rows = 20_000
	}
	srv := newFakeInFebruary()
	t.Cleanup(srv.Close)
	srv.SeedPostbacks(int(rows))
	client, err := everflow.NewClient(everflow.WithBaseURL(srv.URL), everflow.WithAPIKey(everflowtest.APIKey))
	require.NoError(t, err)

	// Collect often during the test, so heap in use tracks what is live
	// rather than how far the collector lags on a loaded machine, and count
	// only what the export adds to the fake's own seeded data.
	defer debug.SetGCPercent(debug.SetGCPercent(25))
	for _, format := range []string{formatCSV, formatNDJSON} {
		var peak uint64
		var ms runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms)
		base := ms.HeapInuse
		e := &exporter{client: client, format: format, onRow: func(n, _ int64) {
			if n%(rows/10) == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}}
		cw := &countingWriter{w: io.Discard}
		n, err := e.export(context.Background(), &everflow.PostbackReportParams{
			From: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC),
			TimezoneID: everflow.TimezoneUTC,
		}, cw)
		require.NoError(t, err)
		assert.Equal(t, rows, n, format)
		assert.Greater(t, cw.n, rows*350, "%s: hundreds of bytes a row", format)
		grown := peak - min(peak, base)
		assert.Less(t, grown, uint64(16<<20), "%s: heap in use stays small (grew by %d bytes)", format, grown)
		t.Logf("%s: %d rows, %d bytes, heap in use grew by %.1f MiB at most", strings.ToUpper(format), n, cw.n, float64(grown)/(1<<20))
	}
}

// TestNDJSONFromAJSONArray covers an export body sent as one JSON array
// (Everflow's documentation does not settle which form it sends): the
// output is still one row per line.
func TestNDJSONFromAJSONArray(t *testing.T) {
	srv := everflowtest.NewServer()
	t.Cleanup(srv.Close)
	srv.Inject(1, everflowtest.Fault{Body: `[
  {"conversion_id": "c1", "is_success": true, "payload": "https://x.example/?a=1&b=2"},
  {"conversion_id": "c2", "is_success": false}
]`})
	env := map[string]string{"EVERFLOW_API_KEY": everflowtest.APIKey, "EVERFLOW_BASE_URL": srv.URL}
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-o", "-", "-format", "ndjson", "-from", "2024-02-01", "-to", "2024-02-02"},
		func(k string) string { return env[k] }, &stdout, &stderr)
	require.Zero(t, code, stderr.String())
	assert.Equal(t, `{"conversion_id":"c1","is_success":true,"payload":"https://x.example/?a=1&b=2"}`+"\n"+
		`{"conversion_id":"c2","is_success":false}`+"\n", stdout.String())
}
