// Command sync copies affiliates, transactions, referrals and postbacks
// of every platform the SDK supports into a SQLite database, and picks up
// where it stopped.
//
//	go run . -db sync.db
//
// Without a platform's credentials in the environment, that platform is
// synced from its in-process fake server, seeded with a few thousand
// records per stream; with them (the quickstart's variables) it is synced
// from the real API.
//
// Each platform and resource has its own table (firstpromoter_promoters,
// partnerstack_customers, everflow_postbacks, ...) keyed by the platform's
// id, holding each record's JSON in raw_json; sync_state holds each
// stream's checkpoint. Every page is committed in one transaction with its
// checkpoint, so a run that is interrupted (Ctrl-C, a failing API) resumes
// at the last committed page with no duplicate and no missing row, and a
// record whose JSON did not change is never written again.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"time"
)

// platformNames lists the platforms in the order they are synced.
var platformNames = []string{"firstpromoter", "partnerstack", "refersion", "everflow", "postaffiliatepro"}

// constructors build each platform's client and streams.
var constructors = map[string]func(*config) (*platform, error){
	"firstpromoter":    newFirstPromoter,
	"partnerstack":     newPartnerStack,
	"refersion":        newRefersion,
	"everflow":         newEverflow,
	"postaffiliatepro": newPostAffiliatePro,
}

const usage = `Usage: go run . [flags]

Copies affiliates, transactions, referrals and postbacks from affiliate
platforms into a SQLite database, incrementally and resumably.

A platform whose credentials are not in the environment is synced from its
in-process fake server with seeded data:
  FirstPromoter       FIRSTPROMOTER_API_KEY, FIRSTPROMOTER_ACCOUNT_ID
  PartnerStack        PARTNERSTACK_PUBLIC_KEY, PARTNERSTACK_SECRET_KEY
  Refersion           REFERSION_PUBLIC_KEY, REFERSION_SECRET_KEY,
                      REFERSION_REPORT_ID (a saved conversions report)
  Everflow            EVERFLOW_API_KEY (EVERFLOW_BASE_URL for EU accounts)
  Post Affiliate Pro  POSTAFFILIATEPRO_API_KEY with POSTAFFILIATEPRO_ACCOUNT
                      or POSTAFFILIATEPRO_BASE_URL

Each stream reads only what changed where the API can filter by time
(mode "updated", "created" or "window"), and everything otherwise (mode
"full" or "report"); records whose JSON did not change are not written.
An interrupted run resumes from the last committed page.

Flags:
`

// options are the command-line flags.
type options struct {
	db string
	// platforms holds platform names and platform/stream keys.
	platforms []string
	since     time.Time
	full      bool
	verbose   bool
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the program: it parses args, syncs, prints the summary table on
// stdout and progress on stderr, and returns the exit code: 0, 1 when a
// stream failed, 2 for bad flags, 130 when interrupted.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	o, err := parseFlags(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintln(stderr, "sync:", err)
		return 2
	}
	f := &fakes{}
	defer f.Close()
	cfg := &config{getenv: getenv, fakes: f, maxRetries: -1, warn: stderr}
	if o.verbose {
		cfg.verbose = slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelDebug})
	}
	results, err := runSync(ctx, o, cfg, stdout, stderr)
	if err != nil && ctx.Err() == nil {
		fmt.Fprintln(stderr, "sync:", err)
		return 1
	}
	var failed []string
	for _, r := range results {
		if r.err != nil && !errors.Is(r.err, context.Canceled) {
			failed = append(failed, r.err.Error())
		}
	}
	switch {
	case ctx.Err() != nil:
		fmt.Fprintln(stderr, "sync: interrupted; the next run resumes from the last committed page")
		return 130
	case len(failed) > 0:
		fmt.Fprintf(stderr, "sync: %d stream(s) failed:\n  %s\n", len(failed), strings.Join(failed, "\n  "))
		return 1
	}
	return 0
}

func parseFlags(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("sync", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, usage)
		fs.PrintDefaults()
	}
	fs.StringVar(&o.db, "db", "sync.db", "SQLite database `file` to write (created if missing)")
	platforms := fs.String("platform", "all", "comma-separated `platforms` to sync: "+strings.Join(platformNames, ", ")+"\n"+
		"or all; platform/stream (everflow/postbacks) syncs one stream")
	since := fs.String("since", "", "where a stream without a checkpoint starts: `time` as YYYY-MM-DD or RFC 3339\n"+
		"(full-scan streams filter on it every run where the API can). Default: everything\n"+
		"the API keeps (Everflow reports: about a year; on the fake servers 2024-01-01)")
	fs.BoolVar(&o.full, "full", false, "ignore the time checkpoints and read every stream from -since again\n"+
		"(records that did not change are still not written)")
	fs.BoolVar(&o.verbose, "v", false, "log every HTTP request and retry to stderr")
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if fs.NArg() > 0 {
		return o, fmt.Errorf("unexpected arguments %q (see -h)", fs.Args())
	}
	if *since != "" {
		t, err := time.Parse(time.DateOnly, *since)
		if err != nil {
			if t, err = time.Parse(time.RFC3339, *since); err != nil {
				return o, fmt.Errorf("-since %q: want YYYY-MM-DD or an RFC 3339 time", *since)
			}
		}
		o.since = t.UTC()
	}
	for _, p := range strings.Split(*platforms, ",") {
		p = strings.TrimSpace(strings.ToLower(p))
		name, _, _ := strings.Cut(p, "/")
		switch {
		case p == "all":
			o.platforms = append(o.platforms, platformNames...)
		case slices.Contains(platformNames, name):
			o.platforms = append(o.platforms, p)
		default:
			return o, fmt.Errorf("-platform: unknown platform %q (want %s or all)", p, strings.Join(platformNames, ", "))
		}
	}
	slices.Sort(o.platforms)
	o.platforms = slices.Compact(o.platforms)
	return o, nil
}

// selected reports whether the -platform list names the platform or one
// of its streams.
func selected(list []string, platform string) bool {
	return slices.ContainsFunc(list, func(s string) bool { return s == platform || strings.HasPrefix(s, platform+"/") })
}

// runSync builds the platforms' clients, opens the database, syncs every
// stream and prints the summary table. It returns an error only when the
// sync could not start; the results carry each stream's outcome.
func runSync(ctx context.Context, o options, cfg *config, stdout, stderr io.Writer) ([]*result, error) {
	var platforms []*platform
	var streams []*stream
	for _, name := range platformNames {
		if !selected(o.platforms, name) {
			continue
		}
		p, err := constructors[name](cfg)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		fmt.Fprintf(stderr, "%s: %s\n", name, p.where)
		p.streams = slices.DeleteFunc(p.streams, func(st *stream) bool {
			return !slices.Contains(o.platforms, name) && !slices.Contains(o.platforms, st.key())
		})
		platforms = append(platforms, p)
		streams = append(streams, p.streams...)
	}
	for _, want := range o.platforms {
		if strings.Contains(want, "/") && !slices.ContainsFunc(streams, func(st *stream) bool { return st.key() == want }) {
			return nil, fmt.Errorf("-platform: no stream %q", want)
		}
	}
	st, err := openStore(ctx, o.db, streams)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	s := &syncer{store: st, progress: newProgress(stderr), since: o.since, full: o.full, now: time.Now, afterPage: cfg.afterPage}
	results := s.run(ctx, platforms)
	fmt.Fprintln(stdout)
	return results, summary(stdout, results)
}
