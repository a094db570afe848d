package main

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
)

// progress prints what the sync is doing to stderr: a line when a stream
// starts, a line at most every interval while it runs, and one when it
// ends.
type progress struct {
	mu       sync.Mutex
	w        io.Writer
	interval time.Duration
	last     time.Time
}

func newProgress(w io.Writer) *progress { return &progress{w: w, interval: time.Second} }

func (p *progress) printf(format string, args ...any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	fmt.Fprintf(p.w, format, args...)
}

func (p *progress) start(r *result, cp checkpoint) {
	p.mu.Lock()
	p.last = time.Now()
	p.mu.Unlock()
	var from string
	switch {
	case r.resumed:
		from = "resuming " + describe(cp)
	case cp.Since.IsZero():
		from = "from the start"
	default:
		from = "since " + cp.Since.UTC().Format(time.RFC3339)
	}
	p.printf("%s: %s sync, %s\n", r.stream.key(), r.stream.mode, from)
}

// describe says where a checkpoint resumes.
func describe(cp checkpoint) string {
	var parts []string
	if !cp.Window.IsZero() {
		parts = append(parts, "window "+cp.Window.UTC().Format(time.DateOnly))
	}
	if cp.Page > 0 {
		parts = append(parts, fmt.Sprintf("page %d", cp.Page))
	}
	if cp.Cursor != "" {
		parts = append(parts, "after "+cp.Cursor)
	}
	if len(parts) == 0 {
		return "the start of its pass"
	}
	return strings.Join(parts, ", ")
}

func (p *progress) page(r *result, traffic snapshot, elapsed time.Duration) {
	p.mu.Lock()
	due := time.Since(p.last) >= p.interval
	if due {
		p.last = time.Now()
	}
	p.mu.Unlock()
	if !due {
		return
	}
	p.printf("%s: %s\n", r.stream.key(), line(r.fetched, r.pages, r.counts, traffic, elapsed))
}

func (p *progress) done(r *result) {
	switch {
	case r.skipped:
		return
	case r.err != nil:
		p.printf("%s: %s after %s\n", r.stream.key(), r.status(), line(r.fetched, r.pages, r.counts, r.traffic, r.elapsed))
		p.printf("error: %v\n", r.err)
	default:
		p.printf("%s: done, %s\n", r.stream.key(), line(r.fetched, r.pages, r.counts, r.traffic, r.elapsed))
	}
}

func line(fetched, pages int, c counts, t snapshot, elapsed time.Duration) string {
	return fmt.Sprintf("%d records (%d new, %d updated), %s, %s/s, %d requests, %d retries, %d rate-limited (%s waited)",
		fetched, c.inserted, c.updated, pageCount(pages), rate(fetched, elapsed), t.requests, t.retries, t.rateLimited, t.waited.Round(time.Millisecond))
}

// pageCount returns "1 page" or "n pages".
func pageCount(n int) string {
	if n == 1 {
		return "1 page"
	}
	return fmt.Sprintf("%d pages", n)
}

func rate(n int, d time.Duration) string {
	if d <= 0 {
		return "-"
	}
	return fmt.Sprintf("%.0f", float64(n)/d.Seconds())
}

// summary writes the table printed at the end of a run.
func summary(w io.Writer, results []*result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "STREAM\tMODE\tFETCHED\tNEW\tUPDATED\tUNCHANGED\tPAGES\tREQUESTS\tRETRIES\tRATE-LIMITED\tTIME\tSTATUS")
	var total result
	failed := 0
	for _, r := range results {
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t%s\n", r.stream.key(), r.stream.mode, r.fetched,
			r.counts.inserted, r.counts.updated, r.counts.unchanged, r.pages, r.traffic.requests, r.traffic.retries,
			r.traffic.rateLimited, r.elapsed.Round(time.Millisecond), r.status())
		total.fetched += r.fetched
		total.counts.inserted += r.counts.inserted
		total.counts.updated += r.counts.updated
		total.counts.unchanged += r.counts.unchanged
		total.pages += r.pages
		total.traffic.requests += r.traffic.requests
		total.traffic.retries += r.traffic.retries
		total.traffic.rateLimited += r.traffic.rateLimited
		total.elapsed += r.elapsed
		if r.err != nil || r.skipped {
			failed++
		}
	}
	status := "ok"
	if failed > 0 {
		status = fmt.Sprintf("%d not ok", failed)
	}
	fmt.Fprintf(tw, "total\t\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%d\t%s\t%s\n", total.fetched, total.counts.inserted,
		total.counts.updated, total.counts.unchanged, total.pages, total.traffic.requests, total.traffic.retries,
		total.traffic.rateLimited, total.elapsed.Round(time.Millisecond), status)
	return tw.Flush()
}
