package everflow

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/rowcap"
)

// testRowCap is the response cap (and so the per-row cap) of the tests
// below: small, so an oversized row costs little to send.
const testRowCap = 1 << 20

// hugeRow is the length of the oversized row: a gzip body of under
// 100 KiB that inflates to 48 MiB in one row.
const hugeRow = 48 << 20

// gzipped compresses the concatenation of parts. Writing to memory
// cannot fail.
func gzipped(parts ...string) []byte {
	var b bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	for _, p := range parts {
		_, _ = io.WriteString(zw, p)
	}
	_ = zw.Close()
	return b.Bytes()
}

// gzipServer answers every request with body, already gzipped, and a
// client with a response cap of testRowCap; the HTTP client inflates it.
func gzipServer(t *testing.T, contentType string, body []byte) *Client {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		w.Header().Set("Content-Encoding", "gzip")
		_, _ = w.Write(body)
	}))
	t.Cleanup(ts.Close)
	c, err := NewClient(WithAPIKey("k"), WithBaseURL(ts.URL+"/v1"), WithMaxRetries(0), WithMaxResponseBytes(testRowCap))
	require.NoError(t, err)
	return c
}

// drain runs one export to its end and returns its row count and the
// error that ended it.
type drain func(c *Client) (int, error)

func drainSeq[T any](seq func(yield func(T, error) bool)) (int, error) {
	n := 0
	for _, err := range seq {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

var (
	ndjsonExports = []struct {
		name string
		run  drain
	}{
		{"postbacks", func(c *Client) (int, error) { return drainSeq(c.Postbacks.Export(context.Background(), allFeb)) }},
		{"conversions", func(c *Client) (int, error) {
			return drainSeq(c.Conversions.Export(context.Background(), &ConversionExportParams{ConversionReportParams: fuzzWindow}))
		}},
	}
	csvExports = []struct {
		name string
		run  drain
	}{
		{"postbacks", func(c *Client) (int, error) { return drainSeq(c.Postbacks.ExportCSV(context.Background(), allFeb)) }},
		{"conversions", func(c *Client) (int, error) {
			return drainSeq(c.Conversions.ExportCSV(context.Background(), &ConversionExportParams{ConversionReportParams: fuzzWindow}))
		}},
		{"entity report", func(c *Client) (int, error) {
			return drainSeq(c.Reports.ExportCSV(context.Background(), &EntityReportParams{From: feb(1), To: feb(29),
				TimezoneID: TimezoneUTC, CurrencyID: "USD", Columns: []ReportColumn{ColumnOffer}}))
		}},
	}
)

// jsonRow is a newline-delimited JSON row of exactly n bytes, its line
// ending included.
func jsonRow(n int) []string {
	const head, tail = `{"transaction_id":"a","payload":"`, "\"}\n"
	return []string{head, strings.Repeat("x", n-len(head)-len(tail)), tail}
}

// csvRow is a CSV row of exactly n bytes, its line ending included.
func csvRow(n int) []string { return []string{"a,", strings.Repeat("x", n-3), "\n"} }

var (
	hugeJSON = sync.OnceValue(func() []byte { return gzipped(jsonRow(hugeRow)...) })
	hugeCSV  = sync.OnceValue(func() []byte {
		return gzipped(append(append([]string{"transaction_id,payload\n"}, csvRow(hugeRow)...), "b,y\n")...)
	})
)

// TestExportRowCap: every parsed export caps each row at the response
// cap. A row of exactly the cap passes; one byte more, or a 48 MiB row
// inflated from a small gzip body, ends the stream with
// ErrMalformedResponse after the rows before it.
func TestExportRowCap(t *testing.T) {
	ok := `{"transaction_id":"z"}` + "\n"
	ndjson := []struct {
		name string
		body []byte
		rows int
		err  bool
	}{
		{"row of exactly the cap", gzipped(append(jsonRow(testRowCap), ok)...), 2, false},
		{"row one byte over the cap", gzipped(append([]string{ok}, jsonRow(testRowCap+2)...)...), 1, true},
		{"48 MiB row from a small gzip body", hugeJSON(), 0, true},
	}
	for _, ex := range ndjsonExports {
		for _, tt := range ndjson {
			t.Run("NDJSON "+ex.name+" "+tt.name, func(t *testing.T) {
				rows, err := ex.run(gzipServer(t, "application/x-ndjson", tt.body))
				assert.Equal(t, tt.rows, rows)
				if !tt.err {
					require.NoError(t, err)
					return
				}
				require.ErrorIs(t, err, ErrMalformedResponse)
				assert.ErrorIs(t, err, rowcap.ErrTooLong)
				assert.ErrorContains(t, err, "longer than 1048576 bytes")
				assert.ErrorContains(t, err, "WithMaxResponseBytes")
			})
		}
	}
	header := "transaction_id,payload\n"
	csvCases := []struct {
		name string
		body []byte
		rows int
		err  bool
	}{
		{"row of exactly the cap", gzipped(append(append([]string{header}, csvRow(testRowCap)...), "b,y\n")...), 2, false},
		{"row one byte over the cap", gzipped(append([]string{header, "b,y\n"}, csvRow(testRowCap+1)...)...), 1, true},
		{"header over the cap", gzipped("transaction_id,", strings.Repeat("p", testRowCap), "\n"), 0, true},
		{"48 MiB row from a small gzip body", hugeCSV(), 0, true},
	}
	for _, ex := range csvExports {
		for _, tt := range csvCases {
			t.Run("CSV "+ex.name+" "+tt.name, func(t *testing.T) {
				rows, err := ex.run(gzipServer(t, "text/csv", tt.body))
				assert.Equal(t, tt.rows, rows)
				if !tt.err {
					require.NoError(t, err)
					return
				}
				require.ErrorIs(t, err, ErrMalformedResponse)
				assert.ErrorIs(t, err, rowcap.ErrTooLong)
			})
		}
	}
	assert.Less(t, len(hugeJSON()), 1<<20, "the oversized row arrives as a small body")
	assert.Less(t, len(hugeCSV()), 1<<20, "the oversized row arrives as a small body")
}

// maxAllocPerCap bounds what reading one oversized row may allocate in
// all, in multiples of the cap. The parsers grow their buffers step by
// step until the cap stops them: encoding/csv appends to its line buffer
// (about 7x the cap in all, measured), json.Decoder doubles its buffer
// (about 3x to 4x); the rest (HTTP, gzip, bufio) is small.
const maxAllocPerCap = 10

// TestExportRowCapAllocation: a 48 MiB row sent as a small gzip body
// costs the client a small multiple of a 1 MiB cap in total allocation,
// not a multiple of the row.
func TestExportRowCapAllocation(t *testing.T) {
	tests := []struct {
		name  string
		ctype string
		body  []byte
		run   drain
	}{
		{"NDJSON", "application/x-ndjson", hugeJSON(), ndjsonExports[0].run},
		{"CSV", "text/csv", hugeCSV(), csvExports[0].run},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := gzipServer(t, tt.ctype, tt.body)
			_, _ = tt.run(c) // warm up: connections, pools
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			_, err := tt.run(c)
			runtime.ReadMemStats(&after)
			require.ErrorIs(t, err, ErrMalformedResponse)
			total := after.TotalAlloc - before.TotalAlloc
			t.Logf("%s: %.1f MiB allocated for a %d MiB row under a %d MiB cap (%.1fx the cap)",
				tt.name, float64(total)/(1<<20), hugeRow>>20, testRowCap>>20, float64(total)/testRowCap)
			assert.Less(t, total, uint64(maxAllocPerCap*testRowCap))
		})
	}
}
