package main

import (
	"context"
	"flag"
	"fmt"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
)

// cmdSchedule enqueues a sync job per stream of every active account (or
// of the one named), in one transaction. A stream that already has a job
// waiting or running is skipped: jobs are unique per (platform, account,
// stream) until they finish.
func cmdSchedule(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("schedule", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	full := fs.Bool("full", false, "full scan: read every list-all stream whole and mark records it did not see as deleted")
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if fs.NArg() > 1 {
		return usageError("schedule takes at most one account (id or platform/name)")
	}
	pool, err := env.pool(ctx)
	if err != nil {
		return err
	}
	var accts []*account
	if fs.NArg() == 1 {
		a, err := findAccount(ctx, pool, fs.Arg(0))
		if err != nil {
			return err
		}
		accts = []*account{a}
	} else if accts, err = listAccounts(ctx, pool); err != nil {
		return err
	}
	client, err := river.NewClient[pgx.Tx](riverpgxv5.New(pool), &river.Config{})
	if err != nil {
		return err
	}
	var params []river.InsertManyParams
	for _, a := range accts {
		if a.Paused {
			fmt.Fprintf(env.stdout, "account %d (%s/%s) is paused: skipped\n", a.ID, a.Platform, a.Name)
			continue
		}
		for _, s := range streamNames[a.Platform] {
			params = append(params, river.InsertManyParams{Args: SyncArgs{Platform: a.Platform, AccountID: a.ID, Stream: s, Full: *full}})
		}
	}
	if len(params) == 0 {
		fmt.Fprintln(env.stdout, "nothing to schedule")
		return nil
	}
	tx, err := pool.Begin(ctx)
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	res, err := client.InsertManyTx(ctx, tx, params)
	if err != nil {
		return err
	}
	if err := tx.Commit(ctx); err != nil {
		return err
	}
	queued, skipped := 0, 0
	for _, r := range res {
		if r.UniqueSkippedAsDuplicate {
			skipped++
		} else {
			queued++
		}
	}
	fmt.Fprintf(env.stdout, "queued %d sync job(s); %d stream(s) already had one waiting or running\n", queued, skipped)
	return nil
}
