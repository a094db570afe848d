package main

import (
	"context"
	"fmt"
	"strings"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
	"github.com/riverqueue/river/riverdriver/riverpgxv5"
	"github.com/riverqueue/river/rivermigrate"
)

// recordTables are the tables every stream writes into, each keyed by
// (platform, account_id, id).
var recordTables = []string{"affiliates", "transactions", "referrals", "postbacks"}

// migrations are the fleet's schema versions, applied in order, each in
// one transaction with its row in fleet_schema_migrations. Never edit a
// released one: add the next.
var migrations = []string{
	// 1: accounts, checkpoints, limiters, webhook deliveries, records.
	`CREATE TABLE accounts (
	id               bigserial PRIMARY KEY,
	platform         text NOT NULL CHECK (platform IN ('everflow', 'firstpromoter', 'partnerstack', 'postaffiliatepro', 'refersion')),
	name             text NOT NULL,
	credentials_env  text NOT NULL DEFAULT '',
	credentials_file text NOT NULL DEFAULT '',
	base_url         text NOT NULL DEFAULT '',
	graphql_url      text NOT NULL DEFAULT '',
	start_at         timestamptz,
	rate_requests    integer NOT NULL CHECK (rate_requests > 0),
	rate_per_ms      bigint NOT NULL CHECK (rate_per_ms > 0),
	paused           boolean NOT NULL DEFAULT false,
	created_at       timestamptz NOT NULL DEFAULT now(),
	UNIQUE (platform, name),
	CHECK (credentials_env = '' OR credentials_file = '')
);

CREATE TABLE checkpoints (
	account_id      bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	stream          text NOT NULL,
	state           jsonb NOT NULL DEFAULT '{}',
	version         bigint NOT NULL DEFAULT 0,
	last_sync_at    timestamptz,
	last_error      text,
	last_error_at   timestamptz,
	errors          bigint NOT NULL DEFAULT 0,
	requests        bigint NOT NULL DEFAULT 0,
	rate_limited    bigint NOT NULL DEFAULT 0,
	records_written bigint NOT NULL DEFAULT 0,
	updated_at      timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (account_id, stream)
);

-- One GCRA cell per account, in microseconds since the Unix epoch (see
-- pglimiter.go).
CREATE TABLE rate_limits (
	account_id      bigint PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
	emission_us     bigint NOT NULL,
	tolerance_us    bigint NOT NULL,
	tat_us          bigint NOT NULL DEFAULT 0,
	paused_until_us bigint NOT NULL DEFAULT 0
);

CREATE TABLE webhook_deliveries (
	account_id   bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	key          text NOT NULL,
	state        text NOT NULL CHECK (state IN ('claimed', 'done')),
	claimed_at   timestamptz NOT NULL DEFAULT now(),
	done_at      timestamptz,
	PRIMARY KEY (account_id, key)
);

CREATE TABLE webhook_events (
	account_id  bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	key         text NOT NULL,
	type        text NOT NULL,
	payload     jsonb NOT NULL,
	applied_at  timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (account_id, key)
);
` + recordTablesSQL(),
}

// recordTablesSQL creates the record tables: the record's JSON, its exact
// amount and currency, when it happened, and the bookkeeping of writes
// and full scans.
func recordTablesSQL() string {
	var b strings.Builder
	for _, t := range recordTables {
		fmt.Fprintf(&b, `
CREATE TABLE %[1]s (
	platform    text NOT NULL,
	account_id  bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
	id          text NOT NULL,
	stream      text NOT NULL,
	data        jsonb NOT NULL,
	amount      numeric,
	currency    text,
	occurred_at timestamptz,
	source      text NOT NULL,
	written_at  timestamptz NOT NULL DEFAULT clock_timestamp(),
	seen_scan   bigint NOT NULL DEFAULT 0,
	deleted_at  timestamptz,
	PRIMARY KEY (platform, account_id, id)
);
CREATE INDEX %[1]s_stream ON %[1]s (account_id, stream, seen_scan) WHERE deleted_at IS NULL;
`, t)
	}
	return b.String()
}

// migrate brings River's tables and the fleet's schema to their latest
// versions. It is safe to run on every deploy, from several machines at
// once (an advisory lock serialises the fleet's part).
func migrate(ctx context.Context, pool *pgxpool.Pool) (applied []string, err error) {
	m, err := rivermigrate.New(riverpgxv5.New(pool), nil)
	if err != nil {
		return nil, err
	}
	res, err := m.Migrate(ctx, rivermigrate.DirectionUp, nil)
	if err != nil {
		return nil, fmt.Errorf("river migrations: %w", err)
	}
	for _, v := range res.Versions {
		applied = append(applied, fmt.Sprintf("river %d", v.Version))
	}
	tx, err := pool.Begin(ctx)
	if err != nil {
		return applied, err
	}
	defer func() { _ = tx.Rollback(context.WithoutCancel(ctx)) }()
	if _, err := tx.Exec(ctx, `SELECT pg_advisory_xact_lock(hashtext('affiliatekit-fleet-migrate'))`); err != nil {
		return applied, err
	}
	if _, err := tx.Exec(ctx, `CREATE TABLE IF NOT EXISTS fleet_schema_migrations (
	version    integer PRIMARY KEY,
	applied_at timestamptz NOT NULL DEFAULT now())`); err != nil {
		return applied, err
	}
	var current int
	if err := tx.QueryRow(ctx, `SELECT coalesce(max(version), 0) FROM fleet_schema_migrations`).Scan(&current); err != nil {
		return applied, err
	}
	if current > len(migrations) {
		return applied, fmt.Errorf("the database is at fleet schema version %d, newer than this binary's %d", current, len(migrations))
	}
	for v := current + 1; v <= len(migrations); v++ {
		if err := applyMigration(ctx, tx, v); err != nil {
			return applied, err
		}
		applied = append(applied, fmt.Sprintf("fleet %d", v))
	}
	return applied, tx.Commit(ctx)
}

func applyMigration(ctx context.Context, tx pgx.Tx, v int) error {
	if _, err := tx.Exec(ctx, migrations[v-1]); err != nil {
		return fmt.Errorf("fleet migration %d: %w", v, err)
	}
	_, err := tx.Exec(ctx, `INSERT INTO fleet_schema_migrations (version) VALUES ($1)`, v)
	return err
}
