package main

import (
	"context"
	"encoding/json"
	"fmt"
	"time"
)

// mode says how a stream finds what changed since its last pass.
type mode string

const (
	// modeFull reads the whole list on every pass: the API has no time
	// filter that catches changes. Unchanged records are not written.
	modeFull mode = "full"
	// modeUpdated asks for records updated since the last pass started.
	modeUpdated mode = "updated"
	// modeCreated asks for records created since the last pass started;
	// later changes to older records are seen within the overlap only
	// (or by a --full pass).
	modeCreated mode = "created"
	// modeWindow reads a report window by window, from the last pass's
	// start (less the overlap) to now. It has no full scan: a report
	// cannot prove that a record is gone.
	modeWindow mode = "window"
)

// record is one API record as stored: its platform id, its JSON, and the
// columns read from it.
type record struct {
	id  string
	raw []byte
	// amount is the exact decimal (Amount.String()), nil when the record
	// has none; currency is its ISO code, "" when unknown.
	amount   *string
	currency string
	// at is when the record happened (created, converted, fired); zero
	// when unknown.
	at time.Time
}

// newRecord builds a record from a decoded API value. The packages decode
// into typed structs, so the JSON stored is the struct encoded again: a
// canonical form that only changes when a field does.
func newRecord(id string, v any, at time.Time) (record, error) {
	if id == "" {
		return record{}, fmt.Errorf("record without an id")
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return record{}, fmt.Errorf("encode record %s: %w", id, err)
	}
	return record{id: id, raw: raw, at: at}, nil
}

// withAmount sets the record's amount from an SDK Amount (never through a
// float): a null amount stays NULL.
func (r record) withAmount(a interface {
	IsNull() bool
	String() string
	Currency() string
}, currency string) record {
	if a.IsNull() {
		return r
	}
	s := a.String()
	r.amount = &s
	r.currency = currency
	if r.currency == "" {
		r.currency = a.Currency()
	}
	return r
}

// position is where a pass resumes: the next page number, the next
// cursor, the next report window. The zero value is the start of the
// pass. Done marks the position after the pass's last page.
type position struct {
	Page   int       `json:"page,omitempty"`
	Cursor string    `json:"cursor,omitempty"`
	Window time.Time `json:"window,omitzero"`
	Done   bool      `json:"-"`
}

// checkpoint is a stream's state, stored with every page.
type checkpoint struct {
	// Since, Until and Next describe the pass: it reads records from Since
	// (zero: from the start) and started at Until; the pass after it
	// starts at Next.
	Since time.Time `json:"since,omitzero"`
	Until time.Time `json:"until,omitzero"`
	Next  time.Time `json:"next,omitzero"`
	position
	// InProgress is true until the pass has read everything.
	InProgress bool `json:"in_progress"`
	// Full marks a full scan: when it completes, the records it did not
	// see are marked deleted. Scan numbers the full scans of the stream.
	Full bool  `json:"full,omitempty"`
	Scan int64 `json:"scan,omitempty"`
	// Records counts the records read by the pass.
	Records int64 `json:"records"`
}

// emitFunc commits one page of records together with the position after
// it.
type emitFunc func(ctx context.Context, recs []record, next position) error

// stream is one resource of one platform, synced into one table.
type stream struct {
	name  string
	table string
	mode  mode
	// overlap is how far before a pass's start the next pass begins, to
	// absorb clock skew and late changes; records read twice are
	// recognised by their JSON and not written again.
	overlap time.Duration
	// start is where the first pass begins (zero: the beginning).
	start time.Time
	// pull reads the pass described by cp from its resume position,
	// calling emit for every page in order.
	pull func(ctx context.Context, cp checkpoint, emit emitFunc) error
}

// fullScan reports whether a --full pass of the stream reads the whole
// list, so that what it did not see is gone.
func (st *stream) fullScan() bool { return st.mode != modeWindow }

// nextPass describes the pass that follows prev (ok: prev exists) when it
// starts at now; full asks for a full scan.
func (st *stream) nextPass(prev checkpoint, ok bool, now time.Time, full bool) checkpoint {
	cp := checkpoint{Until: now, InProgress: true, Scan: prev.Scan}
	if full && st.fullScan() {
		cp.Full, cp.Scan = true, prev.Scan+1
	}
	switch {
	case st.mode == modeFull:
		return cp
	case ok && !full && !prev.Next.IsZero():
		cp.Since = prev.Next
	default:
		cp.Since = st.start
	}
	cp.Next = now.Add(-st.overlap)
	if cp.Next.Before(cp.Since) {
		cp.Next = cp.Since
	}
	return cp
}
