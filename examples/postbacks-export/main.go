// Command postbacks-export saves Everflow's affiliate postback log to a CSV
// or NDJSON file, streaming it with the export endpoint (which has no
// 1000-row cap), so memory stays flat for millions of rows. Progress goes
// to stderr.
//
//	go run ./examples/postbacks-export -o postbacks.csv
//	go run ./examples/postbacks-export -format ndjson -status failure -o failed.ndjson
//
// Without EVERFLOW_API_KEY in the environment it exports from an
// in-process fake server that generates -fake-rows postbacks from 28 days
// ago on; with it, from the real API (EVERFLOW_BASE_URL selects the EU
// host).
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// config is the parsed command line.
type config struct {
	from, to  time.Time
	format    string
	out       string
	offer     int64
	affiliate int64
	status    string
	timezone  int
	fakeRows  int
	interval  time.Duration
}

// run is the program; it returns the exit code (2 for bad flags).
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	key := getenv("EVERFLOW_API_KEY")
	cfg, err := parseFlags(args, key == "", stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "postbacks-export:", err)
		return 2
	}
	opts := []everflow.Option{}
	if key == "" {
		srv := everflowtest.NewServer(everflowtest.WithDemoData())
		defer srv.Close()
		srv.SeedPostbacks(cfg.fakeRows)
		fmt.Fprintln(stderr, "Everflow: in-process fake server (set EVERFLOW_API_KEY for the real API)")
		opts = append(opts, everflow.WithBaseURL(srv.URL), everflow.WithAPIKey(everflowtest.APIKey))
	} else {
		base := getenv("EVERFLOW_BASE_URL")
		if base == "" {
			base = everflow.DefaultBaseURL
		}
		fmt.Fprintln(stderr, "Everflow: real API at", base)
		opts = append(opts, everflow.WithBaseURL(base), everflow.WithAPIKey(key))
	}
	client, err := everflow.NewClient(opts...)
	if err != nil {
		fmt.Fprintln(stderr, "postbacks-export:", err)
		return 1
	}

	params := &everflow.PostbackReportParams{From: cfg.from, To: cfg.to, TimezoneID: cfg.timezone}
	if cfg.offer != 0 {
		params.Query.Filters = append(params.Query.Filters, everflow.OfferFilter(cfg.offer))
	}
	if cfg.affiliate != 0 {
		params.Query.Filters = append(params.Query.Filters, everflow.AffiliateFilter(cfg.affiliate))
	}
	if cfg.status != "" {
		params.Query.Filters = append(params.Query.Filters, everflow.DeliveryStatusFilter(everflow.DeliveryStatus(cfg.status)))
	}

	start := time.Now()
	p := &progress{w: stderr, interval: cfg.interval, start: start, last: start}
	e := &exporter{client: client, format: cfg.format, onRow: p.row}
	fmt.Fprintf(stderr, "exporting postbacks %s to %s as %s into %s\n",
		cfg.from.Format(time.DateTime), cfg.to.Format(time.DateTime), cfg.format, cfg.out)
	rows, err := e.toFile(ctx, params, cfg.out, stdout)
	p.final(rows, err)
	if err != nil {
		fmt.Fprintln(stderr, "postbacks-export:", err)
		if ctx.Err() != nil {
			return 130
		}
		return 1
	}
	return 0
}

func parseFlags(args []string, fake bool, stderr io.Writer) (config, error) {
	cfg := config{timezone: everflow.TimezoneUTC, interval: time.Second}
	fs := flag.NewFlagSet("postbacks-export", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, `Usage: go run ./examples/postbacks-export [flags]

Streams Everflow's affiliate postback log into a CSV or NDJSON file, in
constant memory, with progress on stderr. The file appears only when the
export is complete. Without EVERFLOW_API_KEY the export comes from an
in-process fake server.

Flags:
`)
		fs.PrintDefaults()
	}
	from := fs.String("from", "", "start of the window, `YYYY-MM-DD` or \"YYYY-MM-DD HH:MM:SS\" in -tz\n(default: 7 days ago; 28 days ago on the fake server)")
	to := fs.String("to", "", "end of the window, same forms; a date includes that whole day\n(default: today; ten months from today on the fake server)")
	fs.StringVar(&cfg.format, "format", "", "csv or ndjson (default: from the -o extension, else csv)")
	fs.StringVar(&cfg.out, "o", "", "output `file`, or - for stdout (default postbacks.csv or postbacks.ndjson)")
	fs.Int64Var(&cfg.offer, "offer", 0, "only this offer `id`")
	fs.Int64Var(&cfg.affiliate, "affiliate", 0, "only this affiliate `id`")
	fs.StringVar(&cfg.status, "status", "", "only postbacks that ended in success or failure")
	fs.IntVar(&cfg.timezone, "tz", everflow.TimezoneUTC, "Everflow time zone `id` the window is read in (67 is UTC)")
	fs.IntVar(&cfg.fakeRows, "fake-rows", 200_000, "postbacks the fake server generates (without EVERFLOW_API_KEY)")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments %q (see -h)", fs.Args())
	}

	today := time.Now().UTC().Truncate(24 * time.Hour)
	defFrom, defTo := today.AddDate(0, 0, -7), today
	if fake {
		// The fake's rows fire every 149 seconds from 28 days before it
		// started: 200,000 of them reach about eleven months ahead.
		defFrom, defTo = today.AddDate(0, 0, -28), today.AddDate(0, 10, 0)
	}
	var err error
	if cfg.from, err = parseTime("-from", *from, defFrom); err != nil {
		return cfg, err
	}
	if cfg.to, err = parseTime("-to", *to, defTo); err != nil {
		return cfg, err
	}

	if cfg.format == "" {
		cfg.format = formatCSV
		if ext := strings.ToLower(filepath.Ext(cfg.out)); ext == ".ndjson" || ext == ".jsonl" {
			cfg.format = formatNDJSON
		}
	}
	if cfg.format != formatCSV && cfg.format != formatNDJSON {
		return cfg, fmt.Errorf("-format %q: want csv or ndjson", cfg.format)
	}
	if cfg.out == "" {
		cfg.out = "postbacks." + cfg.format
	}
	if cfg.status != "" && cfg.status != string(everflow.DeliverySuccess) && cfg.status != string(everflow.DeliveryFailure) {
		return cfg, fmt.Errorf("-status %q: want success or failure", cfg.status)
	}
	return cfg, nil
}

// parseTime reads a window bound; the wall-clock time is kept as written,
// since Everflow reads it in the request's time zone.
func parseTime(name, v string, def time.Time) (time.Time, error) {
	if v == "" {
		return def, nil
	}
	for _, layout := range []string{time.DateOnly, time.DateTime} {
		if t, err := time.Parse(layout, v); err == nil {
			return t, nil
		}
	}
	return time.Time{}, fmt.Errorf("%s %q: want YYYY-MM-DD or \"YYYY-MM-DD HH:MM:SS\"", name, v)
}

// progress prints the rows and bytes written at most once per interval.
type progress struct {
	mu       sync.Mutex
	w        io.Writer
	interval time.Duration
	start    time.Time
	last     time.Time
}

func (p *progress) row(rows, bytes int64) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if time.Since(p.last) < p.interval {
		return
	}
	p.last = time.Now()
	fmt.Fprintf(p.w, "  %s\n", p.line(rows, bytes))
}

func (p *progress) line(rows, bytes int64) string {
	elapsed := time.Since(p.start)
	return fmt.Sprintf("%d rows, %.1f MB, %.0f rows/s, %s", rows, float64(bytes)/1e6,
		float64(rows)/max(elapsed.Seconds(), 1e-9), elapsed.Round(time.Millisecond))
}

func (p *progress) final(rows int64, err error) {
	if err != nil {
		fmt.Fprintf(p.w, "stopped after %d rows, %s; no file written\n", rows, time.Since(p.start).Round(time.Millisecond))
		return
	}
	fmt.Fprintf(p.w, "done: %d rows in %s\n", rows, time.Since(p.start).Round(time.Millisecond))
}
