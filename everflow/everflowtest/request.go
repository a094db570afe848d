package everflowtest

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// pageParams reads page and page_size from the query string (also for the
// POST table and report endpoints): 1-based, page_size defaulting to 50
// and capped at 2000.
func pageParams(r *http.Request) (page, size int, err error) {
	page, err = fakeserver.IntParam(r, "page", 1)
	if err != nil {
		return 0, 0, err
	}
	size, err = fakeserver.IntParam(r, "page_size", DefaultPerPage)
	if err != nil {
		return 0, 0, err
	}
	if page < 1 {
		return 0, 0, fmt.Errorf("page must be 1 or more, got %d", page)
	}
	if size < 1 {
		return 0, 0, fmt.Errorf("page_size must be 1 or more, got %d", size)
	}
	return page, min(size, MaxPerPage), nil
}

// paging is the "paging" object.
type paging struct {
	Page       int `json:"page"`
	PageSize   int `json:"page_size"`
	TotalCount int `json:"total_count"`
}

// writePage answers {"<key>": items[page], "paging": {...}}.
func writePage[T any](w http.ResponseWriter, r *http.Request, key string, items []T) {
	pg, err := pageOf(r, len(items))
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	pg.write(w, key, items[pg.lo:pg.hi])
}

// listPage is the page of a list a request asks for: its number and size,
// and the bounds lo:hi of its records among total.
type listPage struct {
	page, size, lo, hi, total int
}

// pageOf reads the page a request asks for of a list of total records,
// so that a handler renders that page's records only.
func pageOf(r *http.Request, total int) (listPage, error) {
	page, size, err := pageParams(r)
	if err != nil {
		return listPage{}, err
	}
	lo, hi := fakeserver.Window(total, page, size)
	return listPage{page: page, size: size, lo: lo, hi: hi, total: total}, nil
}

// write answers the page with its records under key and the paging
// object.
func (p listPage) write(w http.ResponseWriter, key string, records any) {
	fakeserver.WriteJSON(w, http.StatusOK, map[string]any{
		key:      records,
		"paging": paging{Page: p.page, PageSize: p.size, TotalCount: p.total},
	})
}

// decodeBody decodes a JSON request body, answering 400 when it is not
// JSON.
func decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := fakeserver.DecodeJSON(r, v); err != nil {
		writeError(w, http.StatusBadRequest, "Invalid JSON body: "+err.Error())
		return false
	}
	return true
}

// pathID reads an integer path parameter, answering 404 when it is not
// one.
func pathID(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		writeError(w, http.StatusNotFound, msgNotFound)
		return 0, false
	}
	return id, true
}

// basicFilter is a parsed filter=<field><op><value> parameter.
type basicFilter struct {
	field, op, value string
}

// basicFilters parses the filter parameters; fields lists the filterable
// fields.
func basicFilters(r *http.Request, fields ...string) ([]basicFilter, error) {
	var out []basicFilter
	for _, raw := range r.URL.Query()["filter"] {
		i := strings.IndexAny(raw, "=<>")
		if i <= 0 {
			return nil, fmt.Errorf("invalid filter %q", raw)
		}
		f := basicFilter{field: raw[:i], op: raw[i : i+1], value: raw[i+1:]}
		known := false
		for _, k := range fields {
			known = known || k == f.field
		}
		if !known {
			return nil, fmt.Errorf("invalid filter field %q", f.field)
		}
		out = append(out, f)
	}
	return out, nil
}

// matches applies a filter to a string or integer value, a string-based
// enum or a time (as unix seconds).
func (f basicFilter) matches(v any) bool {
	switch x := v.(type) {
	case time.Time:
		return f.matches(unix(x))
	}
	if rv := reflect.ValueOf(v); rv.Kind() == reflect.String {
		v = rv.String() // the client's enums
	}
	switch x := v.(type) {
	case string:
		switch f.op {
		case "=":
			return x == f.value
		case ">":
			return x > f.value
		default:
			return x < f.value
		}
	case int64:
		n, err := strconv.ParseInt(f.value, 10, 64)
		if err != nil {
			return false
		}
		switch f.op {
		case "=":
			return x == n
		case ">":
			return x > n
		default:
			return x < n
		}
	}
	return false
}

// reportWindow is the from/to/timezone_id part of a report request.
type reportWindow struct {
	From       string `json:"from"`
	To         string `json:"to"`
	TimezoneID int    `json:"timezone_id"`
}

// span is a window resolved to unix seconds, [lo, hi).
type span struct {
	lo, hi int64
	loc    *time.Location
}

func (s span) contains(ts int64) bool { return ts >= s.lo && ts < s.hi }

// resolve reads the window in its time zone: a date from is the start of
// that day, a date to the end of that day; a datetime to is included.
// datetimeOnly rejects dates (the click stream wants datetimes); maxSpan
// bounds the window.
func (rw reportWindow) resolve(datetimeOnly bool, maxSpan time.Duration) (span, error) {
	if rw.From == "" || rw.To == "" {
		return span{}, fmt.Errorf("from and to are required")
	}
	if rw.TimezoneID == 0 {
		return span{}, fmt.Errorf("timezone_id is required")
	}
	loc, ok := location(rw.TimezoneID)
	if !ok {
		return span{}, fmt.Errorf("invalid timezone_id %d", rw.TimezoneID)
	}
	parse := func(v string, end bool) (time.Time, error) {
		if t, err := time.ParseInLocation(time.DateTime, v, loc); err == nil {
			if end {
				t = t.Add(time.Second)
			}
			return t, nil
		}
		if datetimeOnly {
			return time.Time{}, fmt.Errorf("invalid date %q: expected YYYY-MM-DD HH:MM:SS", v)
		}
		t, err := time.ParseInLocation(time.DateOnly, v, loc)
		if err != nil {
			return time.Time{}, fmt.Errorf("invalid date %q: expected YYYY-MM-DD or YYYY-MM-DD HH:MM:SS", v)
		}
		if end {
			t = t.AddDate(0, 0, 1)
		}
		return t, nil
	}
	from, err := parse(rw.From, false)
	if err != nil {
		return span{}, err
	}
	to, err := parse(rw.To, true)
	if err != nil {
		return span{}, err
	}
	if !to.After(from) {
		return span{}, fmt.Errorf("to must be after from")
	}
	if to.Sub(from) > maxSpan {
		return span{}, fmt.Errorf("the requested interval is longer than the %s allowed", maxSpanText(maxSpan))
	}
	return span{lo: from.Unix(), hi: to.Unix(), loc: loc}, nil
}

func maxSpanText(d time.Duration) string {
	if d == maxClickSpan {
		return "14 days"
	}
	return "one year"
}

// Window limits of the reports: one year (Everflow's docs allow up to 367
// days) and 14 days for raw clicks.
const (
	maxReportSpan = 367 * 24 * time.Hour
	maxClickSpan  = 14*24*time.Hour + time.Second
)

// filter is an entry of a report query's filters or exclusions.
type filter struct {
	ResourceType  string `json:"resource_type"`
	FilterIDValue string `json:"filter_id_value"`
}

// reportQuery is a report's "query" object.
type reportQuery struct {
	Filters     []filter     `json:"filters"`
	Exclusions  []filter     `json:"exclusions"`
	SearchTerms []searchTerm `json:"search_terms"`
}

type searchTerm struct {
	SearchType string `json:"search_type"`
	Value      string `json:"value"`
}

// matcher applies a report query: filters of one resource type are ORed,
// different types ANDed; exclusions remove matches.
type matcher struct {
	include map[string][]string
	exclude map[string][]string
}

// newMatcher checks the query's resource types against allowed.
func newMatcher(q *reportQuery, allowed ...string) (matcher, error) {
	m := matcher{include: map[string][]string{}, exclude: map[string][]string{}}
	if q == nil {
		return m, nil
	}
	ok := map[string]bool{}
	for _, a := range allowed {
		ok[a] = true
	}
	for _, pair := range []struct {
		list []filter
		into map[string][]string
	}{{q.Filters, m.include}, {q.Exclusions, m.exclude}} {
		for _, f := range pair.list {
			if !ok[f.ResourceType] {
				return m, fmt.Errorf("invalid resource_type %q", f.ResourceType)
			}
			pair.into[f.ResourceType] = append(pair.into[f.ResourceType], f.FilterIDValue)
		}
	}
	return m, nil
}

// match tests a record whose value for a resource type is get(type).
func (m matcher) match(get func(resourceType string) string) bool {
	for rt, values := range m.include {
		v := get(rt)
		hit := false
		for _, want := range values {
			hit = hit || strings.EqualFold(v, want)
		}
		if !hit {
			return false
		}
	}
	for rt, values := range m.exclude {
		v := get(rt)
		for _, want := range values {
			if strings.EqualFold(v, want) {
				return false
			}
		}
	}
	return true
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// exportFormat checks the format field of an export.
func exportFormat(w http.ResponseWriter, format string, allowed ...string) bool {
	for _, a := range allowed {
		if format == a {
			return true
		}
	}
	writeError(w, http.StatusBadRequest, fmt.Sprintf("format must be one of %s", strings.Join(allowed, ", ")))
	return false
}

// streamNDJSON writes a newline-delimited JSON download, one row at a
// time, stopping when next is done or the client goes away.
func streamNDJSON(w http.ResponseWriter, r *http.Request, filename string, next func() (any, bool)) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Content-Disposition", `attachment; filename="`+filename+`.json"`)
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, 32<<10)
	enc := json.NewEncoder(bw)
	for n := 0; ; n++ {
		if n%512 == 0 && r.Context().Err() != nil {
			return
		}
		v, ok := next()
		if !ok {
			break
		}
		if err := enc.Encode(v); err != nil {
			return
		}
	}
	_ = bw.Flush()
}

// streamCSV writes a CSV download with a header row.
func streamCSV(w http.ResponseWriter, r *http.Request, filename string, header []string, next func() ([]string, bool)) {
	h := w.Header()
	h.Set("Content-Type", "text/csv")
	h.Set("Content-Disposition", `attachment; filename="`+filename+`.csv"`)
	w.WriteHeader(http.StatusOK)
	bw := bufio.NewWriterSize(w, 32<<10)
	cw := csv.NewWriter(bw)
	_ = cw.Write(header)
	for n := 0; ; n++ {
		if n%512 == 0 && r.Context().Err() != nil {
			return
		}
		rec, ok := next()
		if !ok {
			break
		}
		if err := cw.Write(rec); err != nil {
			return
		}
	}
	cw.Flush()
	_ = bw.Flush()
}
