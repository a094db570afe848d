package firstpromotertest

import (
	"errors"
	"maps"
	"net/http"
	"slices"
	"strconv"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
)

// AsyncThreshold is the largest number of ids a bulk action applies at
// once (200 with a completed batch); more ids answer 202 with a batch in
// progress that completes over later polls of GET /batch_processes/{id}.
const AsyncThreshold = 5

// Batch is a batch process, the answer of every bulk action.
type Batch struct {
	ID int64 `json:"id"`
	// Status is pending, in_progress, completed, failed or stopped.
	Status         firstpromoter.BatchStatus `json:"status"`
	Total          int                       `json:"total"`
	SelectedTotal  int                       `json:"selected_total"`
	ProcessedCount int                       `json:"processed_count"`
	FailedCount    int                       `json:"failed_count"`
	// ActionLabel names the action, e.g. "promoter/accept".
	ActionLabel      string         `json:"action_label"`
	CreatedAt        Timestamp      `json:"created_at"`
	UpdatedAt        Timestamp      `json:"updated_at"`
	Meta             map[string]any `json:"meta"`
	Progress         int            `json:"progress"`
	ProcessingErrors []string       `json:"processing_errors"`
}

var batchStatuses = []string{"pending", "in_progress", "completed", "failed", "stopped"}

// runningBatch is the work left in an asynchronous batch.
type runningBatch struct {
	ids   []int64
	apply func(id int64) error
	polls int
}

// errRecordNotFound is the processing error of an id that does not exist.
var errRecordNotFound = errors.New("record not found")

func (s *Server) batchRoutes() {
	s.handle("GET /company/batch_processes", s.listBatches)
	s.handle("GET /company/batch_processes/progress", s.batchProgress)
	s.handle("GET /company/batch_processes/{id}", s.getBatch)
}

// statusFilter reads filters[status] (one value or an array); without it
// the batches in progress (pending or in_progress) match, as the spec's
// "List in progress batch processes" says.
func statusFilter(q listQuery) ([]string, *apiError) {
	statuses := q.values("filters[status]")
	for _, st := range statuses {
		if !slices.Contains(batchStatuses, st) {
			return nil, errParam("filters[status]")
		}
	}
	if len(statuses) == 0 {
		statuses = []string{"pending", "in_progress"}
	}
	return statuses, nil
}

func (s *Server) listBatches(r *http.Request) (int, any, *apiError) {
	q := listQuery(r.URL.Query())
	page, per, e := q.page(DefaultPerPage)
	if e != nil {
		return 0, nil, e
	}
	statuses, e := statusFilter(q)
	if e != nil {
		return 0, nil, e
	}
	var rows []Batch
	for _, b := range s.batches.All() {
		if slices.Contains(statuses, string(b.Status)) {
			rows = append(rows, batchView(b))
		}
	}
	out := paginate(rows, page, per)
	if out == nil {
		out = []Batch{}
	}
	return http.StatusOK, out, nil
}

// batchProgress answers {"<id>": percent} for the matching batches.
func (s *Server) batchProgress(r *http.Request) (int, any, *apiError) {
	statuses, e := statusFilter(listQuery(r.URL.Query()))
	if e != nil {
		return 0, nil, e
	}
	out := map[string]int{}
	for _, b := range s.batches.All() {
		if slices.Contains(statuses, string(b.Status)) {
			out[strconv.FormatInt(b.ID, 10)] = b.Progress
		}
	}
	return http.StatusOK, out, nil
}

// getBatch answers a batch; each call advances a running batch, which
// completes (and applies its action) on the server's batchPolls-th call.
func (s *Server) getBatch(r *http.Request) (int, any, *apiError) {
	id, ok := pathID(r, "id")
	if !ok {
		return 0, nil, errNotFound()
	}
	b, found := s.batches.Get(id)
	if !found {
		return 0, nil, errNotFound()
	}
	if rb := s.running[id]; rb != nil {
		rb.polls++
		if rb.polls >= s.batchPolls {
			s.finishBatch(b, rb.ids, rb.apply)
		} else {
			b.Progress = rb.polls * 100 / s.batchPolls
			b.ProcessedCount = b.Total * b.Progress / 100
			b.UpdatedAt = At(s.now())
		}
	}
	return http.StatusOK, batchView(b), nil
}

// bulk reads the ids of a bulk action and runs it: at once for up to
// AsyncThreshold ids (200), else as a batch in progress (202).
func (s *Server) bulk(p *params, label string, meta map[string]any, apply func(id int64) error) (int, any, *apiError) {
	ids, e := p.ids("ids")
	if e != nil {
		return 0, nil, e
	}
	if len(ids) == 0 {
		return 0, nil, errParam("ids")
	}
	status, b := s.startBatch(ids, label, meta, len(ids) > AsyncThreshold, apply)
	return status, b, nil
}

// startBatch records a batch and applies it now, or leaves it running when
// async.
func (s *Server) startBatch(ids []int64, label string, meta map[string]any, async bool, apply func(int64) error) (int, Batch) {
	now := At(s.now())
	if meta == nil {
		meta = map[string]any{}
	}
	b := &Batch{
		ID: s.batches.Assign(0), Status: "in_progress", Total: len(ids), SelectedTotal: len(ids),
		ActionLabel: label, CreatedAt: now, UpdatedAt: now, Meta: meta, ProcessingErrors: []string{},
	}
	s.batches.Put(b)
	if !async {
		s.finishBatch(b, ids, apply)
		return http.StatusOK, batchView(b)
	}
	s.running[b.ID] = &runningBatch{ids: slices.Clone(ids), apply: apply}
	return http.StatusAccepted, batchView(b)
}

// finishBatch applies the action to every id and completes the batch: an
// id that fails counts in failed_count with a processing error; a batch
// where every id failed is failed.
func (s *Server) finishBatch(b *Batch, ids []int64, apply func(int64) error) {
	delete(s.running, b.ID)
	b.ProcessedCount, b.FailedCount = 0, 0
	for _, id := range ids {
		if err := apply(id); err != nil {
			b.FailedCount++
			b.ProcessingErrors = append(b.ProcessingErrors, "ID "+idString(id)+": "+err.Error())
			continue
		}
		b.ProcessedCount++
	}
	b.Status = "completed"
	if b.ProcessedCount == 0 && b.FailedCount > 0 {
		b.Status = "failed"
	}
	b.Progress = 100
	b.UpdatedAt = At(s.now())
}

func batchView(b *Batch) Batch {
	v := *b
	v.Meta = maps.Clone(b.Meta)
	v.ProcessingErrors = append([]string{}, b.ProcessingErrors...)
	return v
}

// AddBatchProcess stores a batch process (the client's BatchProcesses
// service reads them), assigning an id and timestamps when zero. A batch
// added this way never advances; use a bulk action for one that does.
func (s *Server) AddBatchProcess(b Batch) Batch {
	s.mu.Lock()
	defer s.mu.Unlock()
	b.ID = s.batches.Assign(b.ID)
	now := At(s.now())
	if b.CreatedAt.IsZero() {
		b.CreatedAt = now
	}
	if b.UpdatedAt.IsZero() {
		b.UpdatedAt = b.CreatedAt
	}
	if b.Status == "" {
		b.Status = "completed"
	}
	if b.Meta == nil {
		b.Meta = map[string]any{}
	}
	if b.ProcessingErrors == nil {
		b.ProcessingErrors = []string{}
	}
	s.batches.Put(&b)
	return batchView(&b)
}

// BatchProcesses returns every stored batch process, whatever its status,
// in id order.
func (s *Server) BatchProcesses() []Batch {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Batch, 0, s.batches.Len())
	for _, b := range s.batches.All() {
		out = append(out, batchView(b))
	}
	return out
}
