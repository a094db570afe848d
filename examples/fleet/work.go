package main

import (
	"context"
	"flag"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/riverqueue/river"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
)

// Production defaults of the job timing (see README.md, "Jobs").
const (
	// defaultJobTimeout is how long one job may run before River cancels
	// its context. A sync job works for at most half of it, then commits
	// and snoozes, so that a long stream moves between workers in slices
	// and never hits the timeout in normal operation.
	defaultJobTimeout = 10 * time.Minute
	// defaultRescueAfter is how long a job may stay running before River
	// takes it for stuck (its worker died) and hands it to another worker,
	// which resumes from the checkpoint. It must exceed the job timeout.
	defaultRescueAfter = 15 * time.Minute
)

// workConfig is the work command's settings.
type workConfig struct {
	concurrency int
	jobTimeout  time.Duration
	rescueAfter time.Duration
	// slice is how long a sync job works before it snoozes (half the
	// timeout).
	slice time.Duration
}

// cmdWork runs River workers for the sync and webhook queues until the
// context ends, then stops them gracefully: a job in flight finishes its
// page, or is cancelled and resumes elsewhere from its checkpoint.
func cmdWork(ctx context.Context, env *environment, args []string) error {
	fs := flag.NewFlagSet("work", flag.ContinueOnError)
	fs.SetOutput(env.stderr)
	var wc workConfig
	fs.IntVar(&wc.concurrency, "concurrency", 4, "most `jobs` this process runs at once")
	fs.DurationVar(&wc.jobTimeout, "job-timeout", defaultJobTimeout, "how long one job may run (`duration`); a sync job snoozes after half of it")
	fs.DurationVar(&wc.rescueAfter, "rescue-after", defaultRescueAfter, "how long a running job may go on before it is taken for stuck and retried (`duration`)")
	if err := fs.Parse(args); err != nil {
		return usageError(err.Error())
	}
	if fs.NArg() > 0 {
		return usageError("work takes no arguments")
	}
	if wc.concurrency < 1 || wc.concurrency > 1000 {
		return usageError("work: --concurrency must be 1 to 1000")
	}
	if wc.jobTimeout < time.Second || wc.rescueAfter <= wc.jobTimeout {
		return usageError("work: --job-timeout must be at least 1s and --rescue-after longer than it")
	}
	wc.slice = wc.jobTimeout / 2
	pool, err := env.pool(ctx)
	if err != nil {
		return err
	}
	demo := &demoFakes{}
	defer demo.Close()
	workers := river.NewWorkers()
	river.AddWorker(workers, &syncWorker{env: env, cfg: wc, demo: demo})
	river.AddWorker(workers, &webhookWorker{env: env, cfg: wc})
	host, _ := os.Hostname()
	id := fmt.Sprintf("%s_pid%d_%d", cmpOr(host, "fleet"), os.Getpid(), time.Now().Unix())
	client, err := river.NewClient[pgx.Tx](riverpgxv5.New(pool), &river.Config{
		ID: id,
		Queues: map[string]river.QueueConfig{
			queueSync:     {MaxWorkers: wc.concurrency},
			queueWebhooks: {MaxWorkers: max(wc.concurrency/2, 1)},
		},
		Workers:              workers,
		JobTimeout:           wc.jobTimeout,
		RescueStuckJobsAfter: wc.rescueAfter,
		FetchCooldown:        20 * time.Millisecond,
		FetchPollInterval:    250 * time.Millisecond,
		Logger:               env.log.With(slog.String("component", "river")),
	})
	if err != nil {
		return err
	}
	if err := client.Start(ctx); err != nil {
		return err
	}
	env.log.Info("worker started", slog.String("client_id", id), slog.Int("concurrency", wc.concurrency),
		slog.Duration("job_timeout", wc.jobTimeout), slog.Duration("rescue_after", wc.rescueAfter))
	<-ctx.Done()
	stopCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 30*time.Second)
	defer cancel()
	if err := client.Stop(stopCtx); err != nil {
		_ = client.StopAndCancel(stopCtx)
		return fmt.Errorf("stop workers: %w", err)
	}
	env.log.Info("worker stopped")
	return nil
}
