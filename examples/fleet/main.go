// Command fleet syncs many affiliate accounts of the five platforms the
// SDK supports into PostgreSQL, with the work spread over any number of
// worker processes by River, a job queue that lives in the same database.
//
//	export DATABASE_URL=postgres://fleet@127.0.0.1/fleet
//	fleet migrate
//	fleet accounts add --platform everflow --name acme --credentials-env ACME_EVERFLOW
//	fleet schedule
//	fleet work --concurrency 4        # on as many machines as you like
//	fleet serve-webhooks --addr :8080
//	fleet status
//
// See README.md for the schema, the jobs' timeout and rescue time, the
// shared limiter and what full scans do.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/jackc/pgx/v5/pgxpool"
)

const usage = `Usage: fleet <command> [flags]

Syncs affiliate accounts of Everflow, FirstPromoter, PartnerStack, Post
Affiliate Pro and Refersion into PostgreSQL, the work shared by any number
of worker processes through River. DATABASE_URL names the database.

Commands:
  migrate                     create or upgrade the schema and River's tables
  accounts add [flags]        add an account (accounts add -h for the flags)
  accounts list               list the accounts
  accounts pause|resume ACCT  stop or restart scheduling an account (id or platform/name)
  accounts remove ACCT        remove an account and its records
  schedule [--full] [ACCT]    enqueue a sync of every stream of every active account, or of one
  work [--concurrency N]      run workers until SIGINT or SIGTERM
  serve-webhooks [--addr A]   receive the platforms' webhooks, one URL per account
  status                      per account and stream: last sync, records, errors, 429s, lag
`

// environment is what the commands share: the database, the output and
// the process environment.
type environment struct {
	getenv         func(string) string
	stdout, stderr io.Writer
	log            *slog.Logger
	db             *pgxpool.Pool
}

// errUsage marks an error in the command line (exit code 2).
type errUsage struct{ msg string }

func (e *errUsage) Error() string { return e.msg }

func usageError(msg string) error { return &errUsage{msg} }

// pool connects to DATABASE_URL once.
func (env *environment) pool(ctx context.Context) (*pgxpool.Pool, error) {
	if env.db != nil {
		return env.db, nil
	}
	dsn := env.getenv("DATABASE_URL")
	if dsn == "" {
		return nil, errors.New("DATABASE_URL is not set")
	}
	cfg, err := pgxpool.ParseConfig(dsn)
	if err != nil {
		// pgx's parse errors may quote the DSN, password included.
		return nil, errors.New("DATABASE_URL is not a valid PostgreSQL connection string")
	}
	pool, err := pgxpool.NewWithConfig(ctx, cfg)
	if err != nil {
		return nil, fmt.Errorf("connect to %s: %w", redactDSN(dsn), err)
	}
	if err := pool.Ping(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("connect to %s: %w", redactDSN(dsn), err)
	}
	env.db = pool
	return pool, nil
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run is the program: it returns the exit code, 0, 1 on failure, 2 for a
// bad command line.
func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	env := &environment{getenv: getenv, stdout: stdout, stderr: stderr,
		log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: logLevel(getenv("FLEET_LOG_LEVEL"))}))}
	defer func() {
		if env.db != nil {
			env.db.Close()
		}
	}()
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, usage)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	var err error
	switch cmd, rest := args[0], args[1:]; cmd {
	case "migrate":
		err = cmdMigrate(ctx, env, rest)
	case "accounts":
		err = cmdAccounts(ctx, env, rest)
	case "schedule":
		err = cmdSchedule(ctx, env, rest)
	case "work":
		err = cmdWork(ctx, env, rest)
	case "serve-webhooks":
		err = cmdServeWebhooks(ctx, env, rest)
	case "status":
		err = cmdStatus(ctx, env, rest)
	default:
		err = usageError(fmt.Sprintf("unknown command %q", cmd))
	}
	var ue *errUsage
	switch {
	case err == nil:
		return 0
	case errors.As(err, &ue):
		fmt.Fprintln(stderr, "fleet:", err)
		fmt.Fprintln(stderr, "(fleet -h for help)")
		return 2
	default:
		fmt.Fprintln(stderr, "fleet:", err)
		return 1
	}
}

func cmdMigrate(ctx context.Context, env *environment, args []string) error {
	if len(args) > 0 {
		return usageError("migrate takes no arguments")
	}
	pool, err := env.pool(ctx)
	if err != nil {
		return err
	}
	applied, err := migrate(ctx, pool)
	for _, v := range applied {
		fmt.Fprintln(env.stdout, "applied", v)
	}
	if err == nil && len(applied) == 0 {
		fmt.Fprintln(env.stdout, "up to date")
	}
	return err
}

// logLevel reads FLEET_LOG_LEVEL (debug, info, warn, error; default info).
func logLevel(s string) slog.Level {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return slog.LevelInfo
	}
	return l
}
