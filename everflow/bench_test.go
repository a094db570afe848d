package everflow_test

// Benchmarks of the list path. A local server answers with pre-rendered
// pages (recorded once from the fake, so they are the real wire format),
// and the same 10,000 affiliates are read once through the SDK's iterator
// and once through the loop a user would write with net/http and
// encoding/json. The streaming export is measured the same way further
// down. The README's "Performance" section has the commands and the
// measured numbers.

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"runtime/metrics"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/benchkit"

	"github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

// benchRecords is how many affiliates one benchmark operation reads.
const benchRecords = 10_000

// benchPageKey names the page a request asks for.
func benchPageKey(r *http.Request) string { return r.URL.Query().Get("page") }

// listAffiliatesByHand is the baseline: what a user writes without the SDK.
// It sends the requests the SDK sends (same path, query and headers) and
// decodes each page's envelope into the SDK's own Affiliate struct, until
// the paging object's total_count is reached.
func listAffiliatesByHand(ctx context.Context, hc *http.Client, baseURL string, each func(*everflow.Affiliate)) error {
	const size = everflow.MaxPerPage
	for page := 1; ; page++ {
		u := baseURL + "/networks/affiliates?page=" + strconv.Itoa(page) + "&page_size=" + strconv.Itoa(size)
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return err
		}
		req.Header.Set("Accept", "application/json")
		req.Header.Set("X-Eflow-API-Key", everflowtest.APIKey)
		resp, err := hc.Do(req)
		if err != nil {
			return err
		}
		var env struct {
			Affiliates []*everflow.Affiliate `json:"affiliates"`
			Paging     everflow.Paging       `json:"paging"`
		}
		err = json.NewDecoder(resp.Body).Decode(&env)
		_ = resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return fmt.Errorf("GET %s: %s", u, resp.Status)
		}
		if err != nil {
			return err
		}
		for _, it := range env.Affiliates {
			each(it)
		}
		if len(env.Affiliates) == 0 || page*size >= env.Paging.TotalCount {
			return nil
		}
	}
}

// listBench drives the list benchmarks below through internal/benchkit.
var listBench = benchkit.For(platform)

// BenchmarkListOverhead reads benchRecords records per operation through
// the hand-written loop (impl=nethttp) and through the SDK's iterator
// (impl=sdk). "benchstat -col /impl" puts the two side by side.
func BenchmarkListOverhead(b *testing.B) { listBench.Overhead(b) }

// BenchmarkListOverheadRatio runs the SDK and the hand-written loop in
// every operation, alternately, and reports the SDK's time and allocations
// as ratios of the loop's.
func BenchmarkListOverheadRatio(b *testing.B) { listBench.Ratio(b) }

// BenchmarkListParallel fetches one page per operation through a single
// shared client from 1 to 8 goroutines, with and without 1ms of simulated
// latency.
func BenchmarkListParallel(b *testing.B) { listBench.Parallel(b) }

// Streaming export. BenchmarkPostbacksExport (export_test.go) streams from
// the fake end to end; BenchmarkExportStream isolates the client: a server
// that costs next to nothing sends one export of b.N rows (so an operation
// is one row, and -benchtime=1000000x streams a million), and the SDK's
// iterator is compared with a bare json.Decoder or csv.Reader loop over the
// same bytes.

// exportBlockRows is how many distinct rows the export server cycles
// through.
const exportBlockRows = 1024

// exportBlock is a block of postback export rows as the fake renders them.
type exportBlock struct {
	header []byte // the CSV header row; nil for NDJSON
	rows   []byte
	ends   []int // ends[i] is the offset just past row i in rows
}

// exportBlocks renders exportBlockRows rows of the postback export once per
// process, in both formats.
var exportBlocks = sync.OnceValues(func() (map[everflow.ExportFormat]*exportBlock, error) {
	fake := newFakeServer()
	defer fake.Close()
	fake.SeedPostbacks(exportBlockRows)
	// Loopback: measure the SDK, not the quota.
	c, err := everflow.NewClient(everflow.WithAPIKey(everflowtest.APIKey), everflow.WithBaseURL(fake.URL), everflow.WithRateLimit(0, 0))
	if err != nil {
		return nil, err
	}
	blocks := map[everflow.ExportFormat]*exportBlock{}
	for _, f := range []everflow.ExportFormat{everflow.FormatJSON, everflow.FormatCSV} {
		rc, _, err := c.Postbacks.ExportRaw(context.Background(), exportParams, f)
		if err != nil {
			return nil, err
		}
		raw, err := io.ReadAll(rc)
		_ = rc.Close()
		if err != nil {
			return nil, err
		}
		blk, err := splitRows(f, raw)
		if err != nil {
			return nil, err
		}
		if len(blk.ends) != exportBlockRows {
			return nil, fmt.Errorf("%s export: %d rows, want %d", f, len(blk.ends), exportBlockRows)
		}
		blocks[f] = blk
	}
	return blocks, nil
})

var exportParams = &everflow.PostbackReportParams{
	From:       time.Date(2024, time.February, 1, 0, 0, 0, 0, time.UTC),
	To:         time.Date(2024, time.February, 29, 0, 0, 0, 0, time.UTC),
	TimezoneID: everflow.TimezoneUTC,
}

// splitRows finds the row boundaries of an export file (CSV fields may
// hold line breaks, so CSV rows are found by parsing).
func splitRows(f everflow.ExportFormat, raw []byte) (*exportBlock, error) {
	blk := &exportBlock{}
	if f == everflow.FormatJSON {
		blk.rows = raw
		for i, ch := range raw {
			if ch == '\n' {
				blk.ends = append(blk.ends, i+1)
			}
		}
		return blk, nil
	}
	r := csv.NewReader(bytes.NewReader(raw))
	if _, err := r.Read(); err != nil {
		return nil, err
	}
	start := int(r.InputOffset())
	blk.header, blk.rows = raw[:start], raw[start:]
	for {
		_, err := r.Read()
		if errors.Is(err, io.EOF) {
			return blk, nil
		}
		if err != nil {
			return nil, err
		}
		blk.ends = append(blk.ends, int(r.InputOffset())-start)
	}
}

// exportServer answers every export with rows rows, cycling through the
// block; written counts the bytes sent.
type exportServer struct {
	*httptest.Server
	rows    atomic.Int64
	written atomic.Int64
}

func newExportServer(b *testing.B, f everflow.ExportFormat) *exportServer {
	b.Helper()
	blocks, err := exportBlocks()
	if err != nil {
		b.Fatal(err)
	}
	blk := blocks[f]
	s := &exportServer{}
	contentType := "application/json"
	if f == everflow.FormatCSV {
		contentType = "text/csv"
	}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", contentType)
		n, _ := w.Write(blk.header)
		sent := int64(n)
		for left := s.rows.Load(); left > 0; {
			chunk := blk.rows
			if left < exportBlockRows {
				chunk = chunk[:blk.ends[left-1]]
			}
			n, err := w.Write(chunk)
			sent += int64(n)
			if err != nil {
				break
			}
			left -= min(left, exportBlockRows)
		}
		s.written.Store(sent)
	}))
	b.Cleanup(s.Close)
	return s
}

// exportByHand is the baseline: the same POST sent with net/http, its body
// handed to read.
func exportByHand(ctx context.Context, hc *http.Client, baseURL string, f everflow.ExportFormat, read func(io.Reader) (int, error)) (int, error) {
	body := `{"from":"2024-02-01","to":"2024-02-29","timezone_id":67,"format":"` + string(f) + `"}`
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, baseURL+"/networks/reporting/affiliate/pixels/export", strings.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-Eflow-API-Key", everflowtest.APIKey)
	resp, err := hc.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("export: %s", resp.Status)
	}
	return read(resp.Body)
}

// BenchmarkExportStream streams the postback export as NDJSON and as CSV,
// one operation per row, through the SDK (impl=sdk) and through a bare
// json.Decoder or csv.Reader loop (impl=decoder). It reports rows/s, MB/s
// and the peak heap in use during the stream (client and server share the
// process, so the server's buffers are counted too).
func BenchmarkExportStream(b *testing.B) {
	ctx := context.Background()
	b.Run("format=json/impl=decoder", func(b *testing.B) {
		srv := newExportServer(b, everflow.FormatJSON)
		hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
		measureStream(b, srv, func() (int, error) {
			return exportByHand(ctx, hc, srv.URL, everflow.FormatJSON, func(r io.Reader) (int, error) {
				dec := json.NewDecoder(r)
				n := 0
				for {
					p := new(everflow.PostbackLog)
					if err := dec.Decode(p); err != nil {
						if errors.Is(err, io.EOF) {
							return n, nil
						}
						return n, err
					}
					if p.TransactionID != "" {
						n++
					}
				}
			})
		})
	})
	b.Run("format=json/impl=sdk", func(b *testing.B) {
		srv := newExportServer(b, everflow.FormatJSON)
		c := platform.UserClient(b, srv.URL)
		measureStream(b, srv, func() (int, error) {
			n := 0
			for p, err := range c.Postbacks.Export(ctx, exportParams) {
				if err != nil {
					return n, err
				}
				if p.TransactionID != "" {
					n++
				}
			}
			return n, nil
		})
	})
	b.Run("format=csv/impl=decoder", func(b *testing.B) {
		srv := newExportServer(b, everflow.FormatCSV)
		hc := &http.Client{Transport: http.DefaultTransport.(*http.Transport).Clone()}
		measureStream(b, srv, func() (int, error) {
			return exportByHand(ctx, hc, srv.URL, everflow.FormatCSV, func(r io.Reader) (int, error) {
				cr := csv.NewReader(r)
				header, err := cr.Read()
				if err != nil {
					return 0, err
				}
				id := slices.Index(header, "transaction_id")
				n := 0
				for {
					rec, err := cr.Read()
					if err != nil {
						if errors.Is(err, io.EOF) {
							return n, nil
						}
						return n, err
					}
					if rec[id] != "" {
						n++
					}
				}
			})
		})
	})
	b.Run("format=csv/impl=sdk", func(b *testing.B) {
		srv := newExportServer(b, everflow.FormatCSV)
		c := platform.UserClient(b, srv.URL)
		measureStream(b, srv, func() (int, error) {
			n := 0
			for rec, err := range c.Postbacks.ExportCSV(ctx, exportParams) {
				if err != nil {
					return n, err
				}
				if rec.Get("transaction_id") != "" {
					n++
				}
			}
			return n, nil
		})
	})
}

// measureStream streams one export of b.N rows while a goroutine samples
// the heap in use, and reports the stream's rate and the peak.
func measureStream(b *testing.B, srv *exportServer, stream func() (int, error)) {
	srv.rows.Store(int64(b.N))
	b.ReportAllocs()
	runtime.GC()
	peak := sampleHeap()
	b.ResetTimer()
	n, err := stream()
	b.StopTimer()
	maxHeap := peak()
	if err != nil {
		b.Fatal(err)
	}
	if n != b.N {
		b.Fatalf("streamed %d rows, want %d", n, b.N)
	}
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(n)/secs, "rows/s")
	b.ReportMetric(float64(srv.written.Load())/1e6/secs, "MB/s")
	b.ReportMetric(float64(maxHeap)/(1<<20), "MiB-peak-heap")
}

// sampleHeap samples the heap in use (runtime.MemStats.HeapInuse, read
// through runtime/metrics, which does not stop the world) every
// millisecond until the returned function is called, which returns the
// largest value seen.
func sampleHeap() (stop func() uint64) {
	samples := []metrics.Sample{
		{Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/heap/unused:bytes"},
	}
	read := func() uint64 {
		metrics.Read(samples)
		return samples[0].Value.Uint64() + samples[1].Value.Uint64()
	}
	var peak atomic.Uint64
	peak.Store(read())
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if v := read(); v > peak.Load() {
					peak.Store(v)
				}
			}
		}
	}()
	return func() uint64 {
		close(done)
		<-finished
		if v := read(); v > peak.Load() {
			peak.Store(v)
		}
		return peak.Load()
	}
}
