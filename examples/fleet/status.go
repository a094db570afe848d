package main

import (
	"context"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"
)

// cmdStatus prints, per account and stream: the start of the last
// completed pass, whether a pass is under way, the records stored (and
// marked deleted), the failed attempts and the last error, the requests
// and the 429 answers, and the lag (how long ago the last pass started).
// It shows where credentials come from, never them.
func cmdStatus(ctx context.Context, env *environment, args []string) error {
	if len(args) > 0 {
		return usageError("status takes no arguments")
	}
	pool, err := env.pool(ctx)
	if err != nil {
		return err
	}
	accts, err := listAccounts(ctx, pool)
	if err != nil {
		return err
	}
	type row struct {
		lastSync                             *time.Time
		inProgress                           bool
		errors, requests, throttled, written int64
		lastError                            *string
	}
	rows, err := pool.Query(ctx, `SELECT account_id, stream, last_sync_at, coalesce((state->>'in_progress')::boolean, false),
		errors, requests, rate_limited, records_written, last_error FROM checkpoints`)
	if err != nil {
		return err
	}
	state := map[string]row{}
	for rows.Next() {
		var id int64
		var s string
		var r row
		if err := rows.Scan(&id, &s, &r.lastSync, &r.inProgress, &r.errors, &r.requests, &r.throttled, &r.written, &r.lastError); err != nil {
			rows.Close()
			return err
		}
		state[fmt.Sprint(id, "/", s)] = r
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	counts := map[string][2]int64{}
	for _, t := range recordTables {
		rows, err := pool.Query(ctx, `SELECT account_id, stream, count(*) FILTER (WHERE deleted_at IS NULL), count(*) FILTER (WHERE deleted_at IS NOT NULL)
			FROM `+t+` GROUP BY account_id, stream`)
		if err != nil {
			return err
		}
		for rows.Next() {
			var id, live, deleted int64
			var s string
			if err := rows.Scan(&id, &s, &live, &deleted); err != nil {
				rows.Close()
				return err
			}
			counts[fmt.Sprint(id, "/", s)] = [2]int64{live, deleted}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
	}
	now := time.Now()
	tw := tabwriter.NewWriter(env.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ACCOUNT\tPLATFORM\tNAME\tSTREAM\tLAST SYNC\tLAG\tSTATE\tRECORDS\tDELETED\tREQUESTS\t429s\tERRORS\tLAST ERROR")
	for _, a := range accts {
		for _, s := range streamNames[a.Platform] {
			k := fmt.Sprint(a.ID, "/", s)
			r, c := state[k], counts[k]
			last, lag := "never", "-"
			if r.lastSync != nil {
				last = r.lastSync.UTC().Format(time.DateTime)
				lag = now.Sub(*r.lastSync).Truncate(time.Second).String()
			}
			st := "idle"
			switch {
			case a.Paused:
				st = "paused"
			case r.inProgress:
				st = "syncing"
			}
			lastErr := "-"
			if r.lastError != nil && *r.lastError != "" {
				lastErr = strings.ReplaceAll(*r.lastError, "\n", " ")
				if len(lastErr) > 80 {
					lastErr = lastErr[:80] + "..."
				}
			}
			fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%d\t%s\n", a.ID, a.Platform, a.Name, s, last, lag, st,
				c[0], c[1], r.requests, r.throttled, r.errors, lastErr)
		}
	}
	return tw.Flush()
}
