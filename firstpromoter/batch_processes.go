package firstpromoter

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"math/big"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// BatchProcessesService reads the batch processes that bulk actions start:
// /company/batch_processes.
type BatchProcessesService service

// BatchStatus is the state of a batch process.
type BatchStatus string

// Batch statuses.
const (
	BatchPending    BatchStatus = "pending"
	BatchInProgress BatchStatus = "in_progress"
	BatchCompleted  BatchStatus = "completed"
	BatchFailed     BatchStatus = "failed"
	BatchStopped    BatchStatus = "stopped"
)

// Done reports whether the status is final.
func (s BatchStatus) Done() bool {
	return s == BatchCompleted || s == BatchFailed || s == BatchStopped
}

// Batch is a bulk action's batch process. Actions over more than 5 ids
// answer 202 with a batch that completes later.
type Batch struct {
	ID             int64          `json:"id"`
	Status         BatchStatus    `json:"status"`
	Total          int            `json:"total"`
	SelectedTotal  int            `json:"selected_total"`
	ProcessedCount int            `json:"processed_count"`
	FailedCount    int            `json:"failed_count"`
	ActionLabel    string         `json:"action_label"`
	CreatedAt      time.Time      `json:"created_at"`
	UpdatedAt      time.Time      `json:"updated_at"`
	Meta           map[string]any `json:"meta"`
	// Progress is kept exactly as sent: batch processes send an integer
	// percentage, the generate_payouts answer documents a number from 0
	// to 1. Percent reads either as a percentage.
	Progress BatchProgress `json:"progress"`
	// ProcessingErrors are the errors per record. The API sends strings;
	// an error sent as an object is kept as its JSON text.
	ProcessingErrors []string `json:"processing_errors"`
}

// BatchListOptions filter GET /company/batch_processes.
type BatchListOptions struct {
	ListParams
	Filters BatchFilters `url:"filters,omitempty"`
}

// BatchFilters are the filters[...] of the batch process list and of
// Progress. Without a status filter the API answers the batches in
// progress.
type BatchFilters struct {
	Status BatchStatus `url:"status,omitempty"`
	// Statuses matches any of several statuses, sent in the array form
	// filters[status][]=...; use it or Status.
	Statuses []BatchStatus `url:"status,omitempty,brackets"`
}

// BatchProgressOptions filter GET /company/batch_processes/progress.
type BatchProgressOptions struct {
	Filters BatchFilters `url:"filters,omitempty"`
}

// List iterates over batch processes.
func (s *BatchProcessesService) List(ctx context.Context, opts ...*BatchListOptions) iter.Seq2[*Batch, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of batch processes.
func (s *BatchProcessesService) ListPage(ctx context.Context, opts *BatchListOptions) ([]*Batch, *Response, error) {
	return listPage[Batch](ctx, s.client, "company/batch_processes", copyOpts(opts))
}

// Get returns one batch process.
func (s *BatchProcessesService) Get(ctx context.Context, id int64, opts ...RequestOption) (*Batch, error) {
	path := transport.Join("company/batch_processes/%s", strconv.FormatInt(id, 10))
	return call(ctx, s.client, get(path, nil), withID[Batch], opts)
}

// Progress returns the progress (0-100) of the batches matching params
// (nil: those in progress), keyed by batch id.
func (s *BatchProcessesService) Progress(ctx context.Context, params *BatchProgressOptions, opts ...RequestOption) (map[int64]int, error) {
	var query any
	if params != nil {
		query = params
	}
	var raw map[string]int
	if _, err := s.client.do(ctx, http.MethodGet, "company/batch_processes/progress", query, nil, &raw, opts...); err != nil {
		return nil, err
	}
	out := make(map[int64]int, len(raw))
	for k, v := range raw {
		id, err := strconv.ParseInt(k, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("firstpromoter: batch progress: key %q is not a batch id", k)
		}
		out[id] = v
	}
	return out, nil
}

// Wait polls the batch until its status is final (completed, failed or
// stopped), waiting between polls with a backoff from 500ms up to 10s. It
// returns the final batch; a failed or stopped batch is returned with a
// nil error, so check Status. A done ctx ends the wait with ctx.Err().
// Wait has no deadline of its own (a status it does not know is taken as
// still running), so give ctx one. A batch answered without any status
// ends the wait with an error matching ErrMalformedResponse. opts apply to
// every poll, so [WithResponseInto] holds the last poll's response; a batch
// that is already final is returned without a request, leaving it as it
// was.
func (s *BatchProcessesService) Wait(ctx context.Context, batch *Batch, opts ...RequestOption) (*Batch, error) {
	if batch == nil {
		return nil, errors.New("firstpromoter: wait for batch: nil batch")
	}
	clock := s.client.t.Clock()
	wait := 500 * time.Millisecond
	for !batch.Status.Done() {
		if err := clock.Sleep(ctx, wait); err != nil {
			return batch, fmt.Errorf("firstpromoter: waiting for batch %d: %w", batch.ID, err)
		}
		next, err := s.Get(ctx, batch.ID, opts...)
		if err != nil {
			return batch, err
		}
		if next.Status == "" {
			return batch, fmt.Errorf("firstpromoter: waiting for batch %d: the batch has no status: %w", batch.ID, ErrMalformedResponse)
		}
		batch = next
		wait = min(wait*2, 10*time.Second)
	}
	return batch, nil
}

// UnmarshalJSON decodes a batch process tolerantly. The payout and
// generate-payouts documentation types processing_errors as objects and
// progress as a 0-1 number, where the batch endpoints use strings and a
// 0-100 integer: objects are kept as their JSON text, and a fractional
// progress of at most 1 is scaled to 0-100.
// BatchProgress is a batch's progress as the literal number the API sent,
// "" when it sent none. No precision is lost: read it with Number, Rat or
// Percent.
type BatchProgress string

// Number returns the progress as sent, "" when absent.
func (p BatchProgress) Number() json.Number { return json.Number(p) }

// Rat returns the exact value sent; ok is false when none was.
func (p BatchProgress) Rat() (r *big.Rat, ok bool) {
	if p == "" {
		return nil, false
	}
	return new(big.Rat).SetString(string(p))
}

// Percent returns the progress as a whole percentage, rounded half up. A
// value with a fraction or exponent that is at most 1 is the 0–1 form the
// generate_payouts answer documents and is scaled by 100; other values are
// percentages already. It is 0 when no progress was sent.
func (p BatchProgress) Percent() int {
	r, ok := p.Rat()
	if !ok {
		return 0
	}
	if strings.ContainsAny(string(p), ".eE") && r.Cmp(big.NewRat(1, 1)) <= 0 {
		r.Mul(r, big.NewRat(100, 1))
	}
	// Round half up: floor(r + 1/2).
	r.Add(r, big.NewRat(1, 2))
	q := new(big.Int).Quo(r.Num(), r.Denom())
	if r.Sign() < 0 && new(big.Int).Mul(q, r.Denom()).Cmp(r.Num()) != 0 {
		q.Sub(q, big.NewInt(1))
	}
	return int(q.Int64())
}

// MarshalJSON writes the number as sent, or null when none was.
func (p BatchProgress) MarshalJSON() ([]byte, error) {
	if p == "" {
		return []byte("null"), nil
	}
	return []byte(p), nil
}

func (batch *Batch) UnmarshalJSON(b []byte) error {
	out, err := decodeBatch(b)
	if err != nil {
		return err
	}
	*batch = *out
	return nil
}

func decodeBatch(b []byte) (*Batch, error) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || b[0] != '{' {
		return nil, errors.New("batch process: not a JSON object")
	}
	type plain Batch
	var w struct {
		plain
		Progress         json.RawMessage   `json:"progress"`
		ProcessingErrors []json.RawMessage `json:"processing_errors"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return nil, err
	}
	out := Batch(w.plain)
	if out.ID == 0 && out.Status == "" {
		return nil, errors.New("batch process: no id or status in the response")
	}
	if p := bytes.TrimSpace(w.Progress); len(p) > 0 && string(p) != "null" {
		p = bytes.Trim(p, `"`)
		if _, ok := new(big.Rat).SetString(string(p)); !ok || !json.Valid(p) {
			return nil, fmt.Errorf("batch process: progress %s is not a number", p)
		}
		out.Progress = BatchProgress(p)
	}
	if w.ProcessingErrors != nil {
		out.ProcessingErrors = []string{}
	}
	for _, raw := range w.ProcessingErrors {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			out.ProcessingErrors = append(out.ProcessingErrors, s)
			continue
		}
		out.ProcessingErrors = append(out.ProcessingErrors, string(bytes.TrimSpace(raw)))
	}
	return &out, nil
}
