package partnerstacktest

import (
	"cmp"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// apiError is PartnerStack's error body.
type apiError struct {
	Message string `json:"message"`
	Status  int    `json:"status"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	fakeserver.WriteJSON(w, status, apiError{Message: msg, Status: status})
}

// envelope is PartnerStack's success body.
type envelope struct {
	Data    any    `json:"data"`
	Message string `json:"message"`
	Status  int    `json:"status"`
}

func writeData(w http.ResponseWriter, status int, msg string, data any) {
	fakeserver.WriteJSON(w, status, envelope{Data: data, Message: msg, Status: status})
}

// listData is the data of a list response. Total is sent by the endpoints
// that report it (customers and actions in captured responses).
type listData struct {
	HasMore bool `json:"has_more"`
	Items   any  `json:"items"`
	Total   *int `json:"total,omitempty"`
}

// Page sizes of the API.
const (
	defaultLimit = 10
	maxLimit     = 250
)

// listQuery holds the parameters every list takes.
type listQuery struct {
	limit      int
	after      string
	before     string
	orderField string
	desc       bool
	minCreated *int64
	maxCreated *int64
	minUpdated *int64
	maxUpdated *int64
}

// parseList reads the cursor, time-filter and order_by parameters; orders
// lists the fields the endpoint sorts by (nil: order_by is not taken).
func parseList(r *http.Request, orders ...string) (listQuery, error) {
	q := listQuery{orderField: "created_at", desc: true}
	v := r.URL.Query()
	n, err := fakeserver.IntParam(r, "limit", defaultLimit)
	if err != nil {
		return q, err
	}
	if n < 1 || n > maxLimit {
		return q, fmt.Errorf("limit must be between 1 and %d", maxLimit)
	}
	q.limit = n
	q.after, q.before = v.Get("starting_after"), v.Get("ending_before")
	if q.after != "" && q.before != "" {
		return q, fmt.Errorf("starting_after and ending_before are mutually exclusive")
	}
	for name, dst := range map[string]**int64{
		"min_created": &q.minCreated, "max_created": &q.maxCreated,
		"min_updated": &q.minUpdated, "max_updated": &q.maxUpdated,
	} {
		raw := v.Get(name)
		if raw == "" {
			continue
		}
		ms, err := strconv.ParseInt(raw, 10, 64)
		if err != nil {
			return q, fmt.Errorf("%s must be an epoch timestamp in milliseconds", name)
		}
		*dst = &ms
	}
	if ob := v.Get("order_by"); ob != "" {
		field := strings.TrimPrefix(ob, "-")
		if !slices.Contains(orders, field) {
			return q, fmt.Errorf("order_by must be one of %s, optionally prefixed with '-'", strings.Join(orders, ", "))
		}
		q.orderField, q.desc = field, strings.HasPrefix(ob, "-")
	}
	return q, nil
}

// inTime applies the min/max filters to a record's times, to the
// millisecond as they are sent.
func (q listQuery) inTime(created, updated time.Time) bool {
	return q.inMs(epochMs(created), epochMs(updated))
}

// inMs applies the min/max filters to times in epoch milliseconds.
func (q listQuery) inMs(created, updated int64) bool {
	return (q.minCreated == nil || created >= *q.minCreated) &&
		(q.maxCreated == nil || created <= *q.maxCreated) &&
		(q.minUpdated == nil || updated >= *q.minUpdated) &&
		(q.maxUpdated == nil || updated <= *q.maxUpdated)
}

// sortBy orders rows by the query's order field (read with field), ties
// broken by key so pages are stable.
func sortBy[T any](rows []*T, q listQuery, key func(*T) string, field func(*T, string) int64) {
	slices.SortStableFunc(rows, func(a, b *T) int {
		c := cmp.Compare(field(a, q.orderField), field(b, q.orderField))
		if c == 0 {
			c = strings.Compare(key(a), key(b))
		}
		if q.desc {
			return -c
		}
		return c
	})
}

// paginate cuts the page the cursor asks for out of the sorted rows.
func paginate[T any](rows []*T, q listQuery, key func(*T) string) ([]*T, bool, error) {
	n := len(rows)
	find := func(k string) int {
		return slices.IndexFunc(rows, func(r *T) bool { return key(r) == k })
	}
	switch {
	case q.after != "":
		i := find(q.after)
		if i < 0 {
			return nil, false, fmt.Errorf("starting_after: no object with key %q in this list", q.after)
		}
		lo := i + 1
		hi := min(lo+q.limit, n)
		return rows[lo:hi], hi < n, nil
	case q.before != "":
		i := find(q.before)
		if i < 0 {
			return nil, false, fmt.Errorf("ending_before: no object with key %q in this list", q.before)
		}
		lo := max(0, i-q.limit)
		return rows[lo:i], lo > 0, nil
	}
	hi := min(q.limit, n)
	return rows[:hi], hi < n, nil
}

// writeList sorts, pages and writes rows rendered with view.
func writeList[T any](w http.ResponseWriter, q listQuery, msg string, withTotal bool, rows []*T,
	key func(*T) string, field func(*T, string) int64, view func(*T) any) {
	sortBy(rows, q, key, field)
	page, more, err := paginate(rows, q, key)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	items := make([]any, len(page))
	for i, r := range page {
		items[i] = view(r)
	}
	d := listData{HasMore: more, Items: items}
	if withTotal {
		t := len(rows)
		d.Total = &t
	}
	writeData(w, http.StatusOK, msg, d)
}

// ptr returns a pointer to v.
func ptr[T any](v T) *T { return &v }

// strOr returns *p, or "" for nil.
func strOr(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}
