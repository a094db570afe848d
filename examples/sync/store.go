package main

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" database/sql driver (pure Go)
)

// store is the SQLite database the sync writes: one table per platform
// and resource, keyed by the platform's id, holding each record's JSON,
// and the sync_state table with each stream's checkpoint.
type store struct {
	db  *sql.DB
	now func() time.Time
}

// stateSchema holds one row per stream. A pass is one complete read of a
// stream; in_progress is 1 while a pass is unfinished, and then page,
// cursor and window_start say where it resumes.
const stateSchema = `CREATE TABLE IF NOT EXISTS sync_state (
	stream       TEXT PRIMARY KEY,  -- platform/resource, e.g. partnerstack/customers
	mode         TEXT NOT NULL,     -- full, updated, created, window or report
	since        TEXT,              -- lower time bound of the current (or last) pass
	until        TEXT,              -- when that pass started: its upper bound
	next_since   TEXT,              -- lower time bound of the next pass
	page         INTEGER,           -- next page of the pass (page-number lists)
	cursor       TEXT,              -- next cursor of the pass (cursor lists)
	window_start TEXT,              -- next report window of the pass (Everflow reports)
	in_progress  INTEGER NOT NULL,  -- 1 while the pass is unfinished
	records      INTEGER NOT NULL,  -- records read by the pass so far
	updated_at   TEXT NOT NULL
)`

// openStore opens (creating if needed) the database at path and the
// tables of streams.
func openStore(ctx context.Context, path string, streams []*stream) (*store, error) {
	dsn := "file:" + path + "?_pragma=busy_timeout(10000)&_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)"
	db, err := sql.Open("sqlite", dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	// One connection: SQLite has one writer at a time anyway, and this
	// keeps every statement of a transaction on the same connection.
	db.SetMaxOpenConns(1)
	s := &store{db: db, now: time.Now}
	stmts := []string{stateSchema}
	for _, st := range streams {
		stmts = append(stmts, st.schema())
	}
	for _, q := range stmts {
		if _, err := db.ExecContext(ctx, q); err != nil {
			db.Close()
			return nil, fmt.Errorf("create tables in %s: %w", path, err)
		}
	}
	return s, nil
}

// Close closes the database.
func (s *store) Close() error { return s.db.Close() }

// schema is the CREATE TABLE statement of the stream's table: the id, the
// record's JSON, when that version was written, and a few generated
// columns read from the JSON for convenience.
func (st *stream) schema() string {
	idType := "TEXT"
	if st.intID {
		idType = "INTEGER"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE TABLE IF NOT EXISTS %s (\n\tid %s PRIMARY KEY,\n\traw_json TEXT NOT NULL,\n\tsynced_at TEXT NOT NULL", st.table(), idType)
	for _, c := range st.columns {
		fmt.Fprintf(&b, ",\n\t%s GENERATED ALWAYS AS (json_extract(raw_json, '%s')) VIRTUAL", c.name, c.path)
	}
	b.WriteString("\n)")
	return b.String()
}

// counts are what writing a batch did.
type counts struct {
	inserted, updated, unchanged int
}

// commit writes recs and the checkpoint cp in one transaction: either the
// whole page and its checkpoint are stored, or neither is. A record whose
// JSON is already stored unchanged is not written.
func (s *store) commit(ctx context.Context, st *stream, recs []record, cp checkpoint) (counts, error) {
	var c counts
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return c, err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	sel, err := tx.PrepareContext(ctx, "SELECT raw_json FROM "+st.table()+" WHERE id = ?")
	if err != nil {
		return c, err
	}
	defer sel.Close()
	ups, err := tx.PrepareContext(ctx, "INSERT INTO "+st.table()+" (id, raw_json, synced_at) VALUES (?, ?, ?) "+
		"ON CONFLICT (id) DO UPDATE SET raw_json = excluded.raw_json, synced_at = excluded.synced_at "+
		"WHERE raw_json IS NOT excluded.raw_json")
	if err != nil {
		return c, err
	}
	defer ups.Close()
	now := formatTime(s.now())
	for _, r := range recs {
		var old []byte
		err := sel.QueryRowContext(ctx, r.id).Scan(&old)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			c.inserted++
		case err != nil:
			return c, err
		case bytes.Equal(old, r.raw):
			c.unchanged++
			continue
		default:
			c.updated++
		}
		if _, err := ups.ExecContext(ctx, r.id, string(r.raw), now); err != nil {
			return c, fmt.Errorf("upsert %s %v: %w", st.table(), r.id, err)
		}
	}
	if err := saveState(ctx, tx, st, cp, s.now()); err != nil {
		return c, err
	}
	return c, tx.Commit()
}

// saveCheckpoint stores cp alone (the end of a pass).
func (s *store) saveCheckpoint(ctx context.Context, st *stream, cp checkpoint) error {
	return saveState(ctx, s.db, st, cp, s.now())
}

type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

func saveState(ctx context.Context, db execer, st *stream, cp checkpoint, now time.Time) error {
	_, err := db.ExecContext(ctx, `INSERT INTO sync_state
		(stream, mode, since, until, next_since, page, cursor, window_start, in_progress, records, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (stream) DO UPDATE SET mode = excluded.mode, since = excluded.since, until = excluded.until,
			next_since = excluded.next_since, page = excluded.page, cursor = excluded.cursor,
			window_start = excluded.window_start, in_progress = excluded.in_progress,
			records = excluded.records, updated_at = excluded.updated_at`,
		st.key(), string(st.mode), nullTime(cp.Since), nullTime(cp.Until), nullTime(cp.Next),
		nullInt(cp.Page), nullString(cp.Cursor), nullTime(cp.Window), cp.InProgress, cp.Records, formatTime(now))
	if err != nil {
		return fmt.Errorf("save checkpoint of %s: %w", st.key(), err)
	}
	return nil
}

// loadCheckpoint reads the stream's checkpoint; ok is false when the
// stream never ran.
func (s *store) loadCheckpoint(ctx context.Context, st *stream) (cp checkpoint, ok bool, err error) {
	var since, until, next, cursor, window sql.NullString
	var page sql.NullInt64
	err = s.db.QueryRowContext(ctx, `SELECT since, until, next_since, page, cursor, window_start, in_progress, records
		FROM sync_state WHERE stream = ?`, st.key()).
		Scan(&since, &until, &next, &page, &cursor, &window, &cp.InProgress, &cp.Records)
	if errors.Is(err, sql.ErrNoRows) {
		return cp, false, nil
	}
	if err != nil {
		return cp, false, fmt.Errorf("load checkpoint of %s: %w", st.key(), err)
	}
	cp.Page, cp.Cursor = int(page.Int64), cursor.String
	for _, f := range []struct {
		src sql.NullString
		dst *time.Time
	}{{since, &cp.Since}, {until, &cp.Until}, {next, &cp.Next}, {window, &cp.Window}} {
		if f.src.Valid {
			if *f.dst, err = time.Parse(time.RFC3339Nano, f.src.String); err != nil {
				return cp, false, fmt.Errorf("checkpoint of %s: %w", st.key(), err)
			}
		}
	}
	return cp, true, nil
}

// formatTime is the text form of times in the database: RFC 3339 in UTC.
func formatTime(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }

func nullTime(t time.Time) sql.NullString {
	if t.IsZero() {
		return sql.NullString{}
	}
	return sql.NullString{String: formatTime(t), Valid: true}
}

func nullInt(n int) sql.NullInt64 { return sql.NullInt64{Int64: int64(n), Valid: n != 0} }

func nullString(s string) sql.NullString { return sql.NullString{String: s, Valid: s != ""} }
