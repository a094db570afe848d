package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
)

// querier is what the store's reads need: a pool, a connection or a
// transaction.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
	QueryRow(ctx context.Context, sql string, args ...any) pgx.Row
}

// errCheckpointMoved means another worker advanced the stream's checkpoint
// since this one read it (a job rescued while its first worker was still
// alive): this worker's page is rolled back and the job ends.
var errCheckpointMoved = errors.New("the checkpoint moved: another worker is syncing this stream")

// storedCheckpoint is a checkpoint row: the state and its version, which
// every page's commit checks and bumps.
type storedCheckpoint struct {
	cp      checkpoint
	exists  bool
	version int64
}

// loadCheckpoint reads (creating it when missing) the stream's checkpoint.
func loadCheckpoint(ctx context.Context, q querier, accountID int64, streamName string) (storedCheckpoint, error) {
	if _, err := q.Exec(ctx, `INSERT INTO checkpoints (account_id, stream) VALUES ($1, $2) ON CONFLICT DO NOTHING`,
		accountID, streamName); err != nil {
		return storedCheckpoint{}, err
	}
	var raw []byte
	var s storedCheckpoint
	if err := q.QueryRow(ctx, `SELECT state, version FROM checkpoints WHERE account_id = $1 AND stream = $2`,
		accountID, streamName).Scan(&raw, &s.version); err != nil {
		return s, err
	}
	if string(raw) != "{}" {
		if err := json.Unmarshal(raw, &s.cp); err != nil {
			return s, fmt.Errorf("checkpoint of %s: %w", streamName, err)
		}
		s.exists = true
	}
	return s, nil
}

// page is one page to commit: its records, the checkpoint after it and
// the traffic since the last commit.
type page struct {
	accountID int64
	platform  string
	stream    *stream
	recs      []record
	cp        checkpoint
	// version is the checkpoint's version this worker read or last wrote.
	version   int64
	requests  int64
	throttled int64
}

// commitPage writes the page's records and its checkpoint in tx, checking
// that the checkpoint is still at version; when the pass is over
// (cp.InProgress false) it also stamps the sync and, for a completed full
// scan, marks the records the scan did not see as deleted. It returns how
// many records it wrote (new, changed or undeleted).
func commitPage(ctx context.Context, tx pgx.Tx, p *page) (int64, error) {
	written, err := upsertRecords(ctx, tx, p.platform, p.accountID, p.stream, p.recs, scanOf(p.cp), "sync")
	if err != nil {
		return 0, err
	}
	if !p.cp.InProgress && p.cp.Full {
		tag, err := tx.Exec(ctx, `UPDATE `+p.stream.table+` SET deleted_at = clock_timestamp()
			WHERE platform = $1 AND account_id = $2 AND stream = $3 AND seen_scan < $4 AND deleted_at IS NULL`,
			p.platform, p.accountID, p.stream.name, p.cp.Scan)
		if err != nil {
			return 0, fmt.Errorf("mark deleted: %w", err)
		}
		written += tag.RowsAffected()
	}
	state, err := json.Marshal(p.cp)
	if err != nil {
		return 0, err
	}
	var lastSync *time.Time
	if !p.cp.InProgress {
		lastSync = &p.cp.Until
	}
	tag, err := tx.Exec(ctx, `UPDATE checkpoints SET state = $3, version = version + 1,
		last_sync_at = coalesce($4, last_sync_at), records_written = records_written + $5,
		requests = requests + $6, rate_limited = rate_limited + $7, updated_at = clock_timestamp()
		WHERE account_id = $1 AND stream = $2 AND version = $8`,
		p.accountID, p.stream.name, state, lastSync, written, p.requests, p.throttled, p.version)
	if err != nil {
		return 0, fmt.Errorf("save checkpoint: %w", err)
	}
	if tag.RowsAffected() != 1 {
		return 0, errCheckpointMoved
	}
	return written, nil
}

// scanOf is the scan number records read by the pass are stamped with:
// the full scan's, or 0 (the stamp is left as it is).
func scanOf(cp checkpoint) int64 {
	if cp.Full {
		return cp.Scan
	}
	return 0
}

// upsertSQL writes a page of records into a record table in one
// statement. A row is only rewritten when its JSON changed, it was marked
// deleted, or a full scan stamps it; written_at moves only when its data
// did. $9 is the source: sync or webhook.
const upsertSQL = `INSERT INTO %[1]s AS t (platform, account_id, id, stream, data, amount, currency, occurred_at, source, seen_scan, written_at)
SELECT $1, $2, r.id, $3, r.data::jsonb, r.amount::numeric, r.currency, r.occurred_at, $9, $4, statement_timestamp()
FROM unnest($5::text[], $6::text[], $7::text[], $8::text[], $10::timestamptz[]) AS r(id, data, amount, currency, occurred_at)
ON CONFLICT (platform, account_id, id) DO UPDATE SET
	data = excluded.data, amount = excluded.amount, currency = excluded.currency,
	occurred_at = excluded.occurred_at, stream = excluded.stream, source = excluded.source,
	written_at = CASE WHEN t.data IS DISTINCT FROM excluded.data OR t.deleted_at IS NOT NULL
		THEN statement_timestamp() ELSE t.written_at END,
	seen_scan = greatest(t.seen_scan, excluded.seen_scan), deleted_at = NULL
WHERE t.data IS DISTINCT FROM excluded.data OR t.deleted_at IS NOT NULL OR t.seen_scan < excluded.seen_scan
RETURNING t.written_at = statement_timestamp()`

// upsertRecords writes recs into the stream's table and returns how many
// rows it inserted or changed (a full scan's stamp alone is not counted).
// A page that holds one id twice keeps the last.
func upsertRecords(ctx context.Context, tx pgx.Tx, platform string, accountID int64, st *stream, recs []record, scan int64, source string) (int64, error) {
	if len(recs) == 0 {
		return 0, nil
	}
	if !slices.Contains(recordTables, st.table) {
		return 0, fmt.Errorf("unknown table %q", st.table)
	}
	seen := make(map[string]int, len(recs))
	var ids, data, currencies []string
	var amounts []*string
	var times []*time.Time
	for _, r := range recs {
		var at *time.Time
		if !r.at.IsZero() {
			t := r.at
			at = &t
		}
		cur := r.currency
		if i, dup := seen[r.id]; dup {
			data[i], amounts[i], currencies[i], times[i] = string(r.raw), r.amount, cur, at
			continue
		}
		seen[r.id] = len(ids)
		ids, data, amounts, currencies, times = append(ids, r.id), append(data, string(r.raw)), append(amounts, r.amount),
			append(currencies, cur), append(times, at)
	}
	curs := make([]*string, len(currencies))
	for i := range currencies {
		if currencies[i] != "" {
			curs[i] = &currencies[i]
		}
	}
	rows, err := tx.Query(ctx, fmt.Sprintf(upsertSQL, st.table),
		platform, accountID, st.name, scan, ids, data, amounts, curs, source, times)
	if err != nil {
		return 0, fmt.Errorf("write %s: %w", st.table, err)
	}
	defer rows.Close()
	var written int64
	for rows.Next() {
		var changed bool
		if err := rows.Scan(&changed); err != nil {
			return 0, err
		}
		if changed {
			written++
		}
	}
	if err := rows.Err(); err != nil {
		return 0, fmt.Errorf("write %s: %w", st.table, err)
	}
	return written, nil
}
