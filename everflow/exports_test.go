package everflow_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

// exportStub answers every export with body (and contentType).
func exportStub(t *testing.T, contentType string, write func(w http.ResponseWriter)) *Client {
	t.Helper()
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", contentType)
		write(w)
	}))
	t.Cleanup(ts.Close)
	c, err := NewClient(WithAPIKey("k"), WithBaseURL(ts.URL+"/v1"), WithMaxRetries(0))
	require.NoError(t, err)
	return c
}

var allFeb = &PostbackReportParams{From: feb(1), To: feb(29), TimezoneID: TimezoneUTC}

func collect(t *testing.T, c *Client) ([]*PostbackLog, error) {
	t.Helper()
	var out []*PostbackLog
	for p, err := range c.Postbacks.Export(context.Background(), allFeb) {
		if err != nil {
			return out, err
		}
		out = append(out, p)
	}
	return out, nil
}

func TestExportJSONForms(t *testing.T) {
	long := strings.Repeat("x", 1<<20) // a 1 MiB payload: no line-length limit applies
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"newline-delimited", `{"transaction_id":"a"}` + "\n" + `{"transaction_id":"b"}` + "\n", []string{"a", "b"}},
		{"no final newline and blank lines", "\n\n" + `{"transaction_id":"a"}` + "\r\n\r\n" + `{"transaction_id":"b"}`, []string{"a", "b"}},
		{"JSON array", ` [ {"transaction_id":"a"}, {"transaction_id":"b"} ] `, []string{"a", "b"}},
		{"empty array", `[]`, nil},
		{"empty body", ``, nil},
		{"byte order mark", "\ufeff" + `{"transaction_id":"a"}`, []string{"a"}},
		{"huge row", `{"transaction_id":"a","payload":"` + long + `"}`, []string{"a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := exportStub(t, "application/json", func(w http.ResponseWriter) { _, _ = io.WriteString(w, tt.body) })
			rows, err := collect(t, c)
			require.NoError(t, err)
			var ids []string
			for _, r := range rows {
				ids = append(ids, r.TransactionID)
			}
			assert.Equal(t, tt.want, ids)
		})
	}
}

func TestExportJSONFailures(t *testing.T) {
	tests := []struct {
		name  string
		ctype string
		body  string
		rows  int
		msg   string
	}{
		{"bad row mid-stream", "application/json", `{"transaction_id":"a"}` + "\n" + `{"transaction_id":` + "\n", 1, "decoding export row 2"},
		{"wrong types", "application/json", `{"transaction_id":"a"}` + "\n" + `{"timestamp":"soon"}`, 1, "decoding export row 2"},
		{"unclosed array", "application/json", `[{"transaction_id":"a"}`, 1, "array is not closed"},
		{"HTML", "text/html", "<html><body>Maintenance</body></html>", 0, "HTML page"},
		{"CSV instead of JSON", "text/csv", "transaction_id\na\n", 0, "not JSON"},
		{"report shape instead of rows", "application/json", `{"pixels": [{"transaction_id":"a"}]}`, 0, "wrapping a list"},
		{"paged report shape", "application/json", `{"pixels": [], "paging": {"page": 1}}`, 0, "wrapping a list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := exportStub(t, tt.ctype, func(w http.ResponseWriter) { _, _ = io.WriteString(w, tt.body) })
			rows, err := collect(t, c)
			assert.Len(t, rows, tt.rows)
			require.ErrorIs(t, err, ErrMalformedResponse)
			assert.ErrorContains(t, err, tt.msg)
			assert.ErrorContains(t, err, "/v1/networks/reporting/affiliate/pixels/export")
			assert.Zero(t, ReportSlotsInUse(c))
		})
	}
}

// A stream cut off by the server is an error, never a short success.
func TestExportCutOff(t *testing.T) {
	c := exportStub(t, "application/json", func(w http.ResponseWriter) {
		w.Header().Set("Content-Length", "100000")
		w.WriteHeader(http.StatusOK)
		_, _ = io.WriteString(w, `{"transaction_id":"a"}`+"\n"+`{"transaction_id":"b"}`+"\n"+`{"transaction_id":"c`)
	})
	rows, err := collect(t, c)
	assert.Len(t, rows, 2)
	require.ErrorIs(t, err, ErrMalformedResponse)
	assert.ErrorIs(t, err, io.ErrUnexpectedEOF)
}

func TestExportErrorStatus(t *testing.T) {
	srv, c, _ := demo(t, WithMaxRetries(0))
	srv.Inject(1, everflowtest.Fault{Status: http.StatusBadRequest, Body: `{"Error":"format is required"}`})
	rows, err := collect(t, c)
	assert.Empty(t, rows)
	require.ErrorIs(t, err, ErrInvalidRequest)
	assert.ErrorContains(t, err, "format is required")
	assert.Zero(t, ReportSlotsInUse(c))
}

func TestExportRetriedBeforeTheBodyStarts(t *testing.T) {
	srv, c, clk := demo(t)
	srv.Inject(1, everflowtest.Fault{Status: http.StatusServiceUnavailable})
	rows, err := collect(t, c)
	require.NoError(t, err)
	assert.Len(t, rows, 480)
	assert.Equal(t, 2, srv.RequestCount())
	assert.Len(t, clk.Sleeps(), 1)
}

func TestExportContextCancelled(t *testing.T) {
	srv := newFakeServer()
	defer srv.Close()
	srv.SeedPostbacks(100000)
	c, _ := newTestClient(t, srv)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	n := 0
	var last error
	for _, err := range c.Postbacks.Export(ctx, &PostbackReportParams{From: feb(1), To: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), TimezoneID: TimezoneUTC}) {
		if err != nil {
			last = err
			break
		}
		n++
		if n == 10 {
			cancel()
		}
	}
	assert.Equal(t, 10, n)
	assert.ErrorIs(t, last, context.Canceled)
	assert.Zero(t, ReportSlotsInUse(c))
}

func TestExportCSVForms(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []map[string]string
		err  string
	}{
		{"columns in any order", "is_success,transaction_id\r\ntrue,a\r\nfalse,b\r\n",
			[]map[string]string{{"is_success": "true", "transaction_id": "a"}, {"is_success": "false", "transaction_id": "b"}}, ""},
		{"byte order mark and padded names", "\ufeff transaction_id , payload\na,\"line one\nline two\"\n",
			[]map[string]string{{"transaction_id": "a", "payload": "line one\nline two"}}, ""},
		{"header only", "transaction_id\n", nil, ""},
		{"empty", "", nil, ""},
		{"ragged row", "a,b\n1,2\n3\n", []map[string]string{{"a": "1", "b": "2"}}, "reading the export"},
		{"JSON instead of CSV", `{"transaction_id":"a"}`, nil, "not CSV"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := exportStub(t, "text/csv", func(w http.ResponseWriter) { _, _ = io.WriteString(w, tt.body) })
			var got []map[string]string
			var last error
			for rec, err := range c.Postbacks.ExportCSV(context.Background(), allFeb) {
				if err != nil {
					last = err
					break
				}
				got = append(got, rec.Map())
			}
			assert.Equal(t, tt.want, got)
			if tt.err == "" {
				assert.NoError(t, last)
			} else {
				assert.ErrorIs(t, last, ErrMalformedResponse)
				assert.ErrorContains(t, last, tt.err)
			}
		})
	}
}

// BenchmarkPostbacksExport streams 200,000 postbacks from the fake and
// reports the peak heap in use (client and fake share the process).
func BenchmarkPostbacksExport(b *testing.B) {
	srv := newFakeServer()
	defer srv.Close()
	const rows = 200000
	srv.SeedPostbacks(rows)
	c, err := NewClient(WithAPIKey(everflowtest.APIKey), WithBaseURL(srv.URL))
	if err != nil {
		b.Fatal(err)
	}
	params := &PostbackReportParams{From: feb(1), To: time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC), TimezoneID: TimezoneUTC}
	var peak uint64
	var ms runtime.MemStats
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		n := 0
		for _, err := range c.Postbacks.Export(context.Background(), params) {
			if err != nil {
				b.Fatal(err)
			}
			if n%10000 == 0 {
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
			n++
		}
		if n != rows {
			b.Fatalf("got %d rows", n)
		}
	}
	b.ReportMetric(float64(peak)/(1<<20), "MiB-peak-heap")
	b.ReportMetric(float64(rows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

func TestCSVRecord(t *testing.T) {
	c := exportStub(t, "text/csv", func(w http.ResponseWriter) {
		_, _ = io.WriteString(w, "transaction_id,is_success,transaction_id\na,true,shadowed\nb,false,x\n")
	})
	var rows []CSVRecord
	for rec, err := range c.Postbacks.ExportCSV(context.Background(), allFeb) {
		require.NoError(t, err)
		rows = append(rows, rec)
	}
	require.Len(t, rows, 2)
	first := rows[0]
	assert.Equal(t, "a", first.Get("transaction_id"), "kept rows keep their values; a repeated name reads the first column")
	assert.Equal(t, "true", first.Get("is_success"))
	v, ok := first.Lookup("missing")
	assert.False(t, ok)
	assert.Empty(t, v)
	assert.Equal(t, 3, first.Len())
	assert.Equal(t, []string{"transaction_id", "is_success", "transaction_id"}, first.Header())
	assert.Equal(t, []string{"a", "true", "shadowed"}, first.Values())
	assert.Equal(t, map[string]string{"transaction_id": "a", "is_success": "true"}, first.Map())
	assert.Equal(t, "map[is_success:true transaction_id:a]", fmt.Sprint(first))
	assert.Equal(t, fmt.Sprint(first), fmt.Sprintf("%+v", first))
	assert.Equal(t, `everflow.CSVRecord(map[string]string{"is_success":"true", "transaction_id":"a"})`, fmt.Sprintf("%#v", first))
	b, err := json.Marshal(first)
	require.NoError(t, err)
	assert.JSONEq(t, `{"transaction_id":"a","is_success":"true"}`, string(b))

	first.Values()[0] = "changed"
	assert.Equal(t, "a", first.Get("transaction_id"), "Values is a copy")

	var zero CSVRecord
	assert.Empty(t, zero.Get("a"))
	assert.Zero(t, zero.Len())
	assert.Nil(t, zero.Header())
	assert.Equal(t, map[string]string{}, zero.Map())
}
