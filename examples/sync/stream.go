package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// mode says how a stream finds what changed since the last run.
type mode string

const (
	// modeFull reads the whole list on every run: the API has no time
	// filter that catches changes. Unchanged records are still not written.
	modeFull mode = "full"
	// modeUpdated asks for records updated since the last pass started.
	modeUpdated mode = "updated"
	// modeCreated asks for records created since the last pass started;
	// later changes to older records are picked up within the overlap
	// only (or with -full).
	modeCreated mode = "created"
	// modeWindow reads a report window by window, from the last pass's
	// start (less the overlap) to now.
	modeWindow mode = "window"
	// modeReport downloads a saved report whole on every run.
	modeReport mode = "report"
)

// record is one API record as stored: its id and its JSON.
type record struct {
	id  any // int64 or string
	raw []byte
}

// jsonRecord builds a record from a decoded API value. The packages
// decode into typed structs, so the JSON stored is the struct encoded
// again: a canonical form that only changes when a field does.
func jsonRecord(id any, v any) (record, error) {
	raw, err := json.Marshal(v)
	if err != nil {
		return record{}, fmt.Errorf("encode record %v: %w", id, err)
	}
	return record{id: id, raw: raw}, nil
}

// column is a generated column of a stream's table, read from the JSON.
type column struct{ name, path string }

// position is where a pass resumes: the next page number, the next
// cursor, the next report window. The zero value is the start of the pass.
type position struct {
	Page   int
	Cursor string
	Window time.Time
}

// checkpoint is a stream's state, stored in sync_state with every page.
type checkpoint struct {
	// Since, Until and Next describe the pass: it reads records from Since
	// (zero: from the start) and started at Until; the pass after it
	// starts at Next.
	Since, Until, Next time.Time
	position
	// InProgress is true until the pass has read everything.
	InProgress bool
	// Records counts the records read by the pass.
	Records int
}

// emitFunc commits one page of records together with the position after
// it.
type emitFunc func(recs []record, next position) error

// stream is one resource of one platform synced into one table.
type stream struct {
	platform string
	name     string
	mode     mode
	intID    bool
	columns  []column
	// overlap is how far before a pass's start the next pass begins, to
	// absorb clock skew and late changes; records read twice are
	// recognised by their JSON and not written again.
	overlap time.Duration
	// start is where the first pass begins when -since is not given
	// (zero: the beginning).
	start time.Time
	// pull reads the pass described by cp from its resume position,
	// calling emit for every page in order.
	pull func(ctx context.Context, cp checkpoint, emit emitFunc) error
}

// key names the stream in sync_state and in the output.
func (st *stream) key() string { return st.platform + "/" + st.name }

// table is the stream's table.
func (st *stream) table() string { return st.platform + "_" + st.name }

// nextPass describes the pass that follows prev (ok: prev exists) when the
// sync starts at now. since is the -since flag (zero when not given);
// full ignores the time checkpoints.
func (st *stream) nextPass(prev checkpoint, ok bool, now, since time.Time, full bool) checkpoint {
	cp := checkpoint{Until: now, InProgress: true}
	switch {
	case st.mode == modeFull || st.mode == modeReport:
		cp.Since = since
		return cp
	case ok && !full && !prev.Next.IsZero():
		cp.Since = prev.Next
	case !since.IsZero():
		cp.Since = since
	default:
		cp.Since = st.start
	}
	cp.Next = now.Add(-st.overlap)
	if cp.Next.Before(cp.Since) {
		cp.Next = cp.Since
	}
	return cp
}
