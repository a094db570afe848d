package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"time"

	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
)

// errSliceOver ends a job's slice after a committed page.
var errSliceOver = errors.New("slice over")

// syncWorker runs sync jobs: one pass (or a slice of one) of one stream
// of one account, page by page, each page committed with its checkpoint.
type syncWorker struct {
	river.WorkerDefaults[SyncArgs]
	env  *environment
	cfg  workConfig
	demo *demoFakes
}

// Timeout implements river.Worker: the job timeout, explicitly.
func (w *syncWorker) Timeout(*river.Job[SyncArgs]) time.Duration { return w.cfg.jobTimeout }

// Work implements river.Worker.
func (w *syncWorker) Work(ctx context.Context, job *river.Job[SyncArgs]) error {
	args := job.Args
	log := w.env.log.With(slog.Int64("account", args.AccountID), slog.String("platform", args.Platform),
		slog.String("stream", args.Stream), slog.Int64("job_id", job.ID), slog.Int("attempt", job.Attempt))
	ctx = withLogger(ctx, log)
	pool := w.env.db
	a, err := loadAccount(ctx, pool, args.AccountID)
	if err != nil {
		log.Warn("account gone; job cancelled", slog.String("error", err.Error()))
		return river.JobCancel(err)
	}
	if a.Platform != args.Platform {
		return river.JobCancel(fmt.Errorf("account %d is a %s account, not %s", a.ID, a.Platform, args.Platform))
	}
	if a.Paused {
		log.Info("account paused; job skipped")
		return nil
	}
	creds, err := loadCredentials(a, w.env.getenv)
	if err != nil {
		w.recordError(ctx, a.ID, args.Stream, err, nil)
		log.Error("credentials", slog.String("error", err.Error()))
		return err
	}
	lim, err := newPGLimiter(ctx, pool, a)
	if err != nil {
		return err
	}
	tr := &traffic{base: http.DefaultTransport}
	streams, err := streamsOf(&conn{acct: a, creds: creds, limiter: lim, http: &http.Client{Transport: tr}, demo: w.demo})
	if err != nil {
		w.recordError(ctx, a.ID, args.Stream, err, nil)
		return err
	}
	var st *stream
	for _, s := range streams {
		if s.name == args.Stream {
			st = s
		}
	}
	if st == nil {
		return river.JobCancel(fmt.Errorf("%s account %d has no stream %q with its credentials", a.Platform, a.ID, args.Stream))
	}
	stored, err := loadCheckpoint(ctx, pool, a.ID, st.name)
	if err != nil {
		return err
	}
	cp, resumed := stored.cp, stored.exists && stored.cp.InProgress
	if !resumed {
		cp = st.nextPass(stored.cp, stored.exists, time.Now().UTC().Truncate(time.Second), args.Full)
	}
	log.Info("sync started", slog.Bool("resumed", resumed), slog.Bool("full", cp.Full), slog.Time("since", cp.Since))
	version, pages, written, done := stored.version, 0, int64(0), false
	sliceEnd := time.Now().Add(w.cfg.slice)
	commit := func(ctx context.Context, recs []record, next position) error {
		next2 := cp
		next2.position = next
		next2.Done = false
		next2.Records += int64(len(recs))
		if next.Done {
			next2.position, next2.InProgress = position{}, false
		}
		req, thr := tr.take()
		p := &page{accountID: a.ID, platform: a.Platform, stream: st, recs: recs, cp: next2, version: version,
			requests: req, throttled: thr}
		n, err := w.commitTx(ctx, job, p)
		if err != nil {
			return fmt.Errorf("commit: %w", err)
		}
		cp, version, pages, written, done = next2, version+1, pages+1, written+n, next.Done
		if !done && time.Now().After(sliceEnd) {
			return errSliceOver
		}
		return nil
	}
	err = st.pull(ctx, cp, commit)
	if err == nil && !done {
		// A pass with nothing to read (no window left) still ends.
		err = commit(ctx, nil, position{Done: true})
	}
	attrs := []any{slog.Int("pages", pages), slog.Int64("written", written), slog.Int64("records", cp.Records)}
	switch {
	case errors.Is(err, errSliceOver):
		log.Info("slice over; job snoozed to resume from its checkpoint", attrs...)
		return river.JobSnooze(0)
	case errors.Is(err, errCheckpointMoved):
		log.Warn("another worker took this stream over; job ends", attrs...)
		return nil
	case err != nil:
		w.recordError(ctx, a.ID, st.name, err, tr)
		log.Error("sync failed; the retry resumes from the checkpoint", append(attrs, slog.String("error", err.Error()))...)
		return err
	}
	log.Info("sync done", attrs...)
	return nil
}

// commitTx commits a page and its checkpoint in one transaction; the last
// page of a pass also completes the job in it (River's JobCompleteTx), so
// a pass is never finished without its job, nor the reverse.
func (w *syncWorker) commitTx(ctx context.Context, job *river.Job[SyncArgs], p *page) (int64, error) {
	tx, err := w.env.db.Begin(ctx)
	if err != nil {
		return 0, err
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	n, err := commitPage(ctx, tx, p)
	if err != nil {
		return 0, err
	}
	if !p.cp.InProgress {
		if _, err := river.JobCompleteTx[*riverpgxv5.Driver](ctx, tx, job); err != nil {
			return 0, fmt.Errorf("complete job: %w", err)
		}
	}
	return n, tx.Commit(ctx)
}

// recordError counts a failed attempt in the stream's checkpoint row, with
// its message (which never holds a credential: the SDK's errors do not,
// and credential errors name only their source).
func (w *syncWorker) recordError(ctx context.Context, accountID int64, streamName string, err error, tr *traffic) {
	var req, thr int64
	if tr != nil {
		req, thr = tr.take()
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
	defer cancel()
	msg := err.Error()
	if len(msg) > 500 {
		msg = msg[:500]
	}
	_, _ = w.env.db.Exec(ctx, `INSERT INTO checkpoints (account_id, stream, last_error, last_error_at, errors, requests, rate_limited)
		VALUES ($1, $2, $3, clock_timestamp(), 1, $4, $5)
		ON CONFLICT (account_id, stream) DO UPDATE SET last_error = excluded.last_error, last_error_at = excluded.last_error_at,
		errors = checkpoints.errors + 1, requests = checkpoints.requests + excluded.requests,
		rate_limited = checkpoints.rate_limited + excluded.rate_limited`,
		accountID, streamName, msg, req, thr)
}
