package postaffiliateprotest

import (
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// window is the slice of a list one request asks for.
type window struct{ offset, limit int }

// readWindow reads the paging parameters of the configured style. A page
// size over the maximum is served capped; a negative or non-numeric value
// is an error.
func (s *Server) readWindow(r *http.Request) (window, error) {
	if s.pagination == PagePerPage {
		page, err := fakeserver.IntParam(r, "page", 1)
		if err != nil {
			return window{}, err
		}
		per, err := fakeserver.IntParam(r, "per_page", s.defPage)
		if err != nil {
			return window{}, err
		}
		if page < 1 {
			return window{}, fmt.Errorf("page must be at least 1, got %d", page)
		}
		if per < 1 {
			return window{}, fmt.Errorf("per_page must be at least 1, got %d", per)
		}
		per = min(per, s.maxPage)
		return window{offset: (page - 1) * per, limit: per}, nil
	}
	offset, err := fakeserver.IntParam(r, "offset", 0)
	if err != nil {
		return window{}, err
	}
	limit, err := fakeserver.IntParam(r, "limit", s.defPage)
	if err != nil {
		return window{}, err
	}
	if offset < 0 {
		return window{}, fmt.Errorf("offset must not be negative, got %d", offset)
	}
	if limit < 1 {
		return window{}, fmt.Errorf("limit must be at least 1, got %d", limit)
	}
	return window{offset: offset, limit: min(limit, s.maxPage)}, nil
}

// readFields reads the fields parameter against the record type's names.
func readFields(r *http.Request, proto any) (map[string]bool, error) {
	v := strings.TrimSpace(r.URL.Query().Get("fields"))
	if v == "" {
		return nil, nil
	}
	known := fieldNames(proto)
	out := map[string]bool{}
	for _, f := range strings.Split(v, ",") {
		f = strings.TrimSpace(f)
		if !known[f] {
			return nil, fmt.Errorf("unknown field %q in fields", f)
		}
		out[f] = true
	}
	return out, nil
}

// isDataEnvelope reports envelopes that also wrap single records in
// {"data": ...}.
func (s *Server) isDataEnvelope() bool {
	return s.envelope == EnvelopeData || s.envelope == EnvelopeDataItems || s.envelope == EnvelopeDataResource
}

// writeList answers one page of rows (already filtered and rendered in
// full) in the configured envelope, keeping only the selected fields.
func (s *Server) writeList(w http.ResponseWriter, r *http.Request, resource string, rows []map[string]any, fields map[string]bool) {
	page, err := s.window(r, len(rows), func(i int) map[string]any { return rows[i] })
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.writePage(w, resource, page, len(rows), fields)
}

// window renders the rows of the page r asks for out of n, row(i) giving
// the i-th; only those rows are rendered, so an unfiltered list costs the
// page, not the table.
func (s *Server) window(r *http.Request, n int, row func(i int) map[string]any) ([]map[string]any, error) {
	win, err := s.readWindow(r)
	if err != nil {
		return nil, err
	}
	lo := min(win.offset, n)
	hi := min(lo+win.limit, n)
	page := make([]map[string]any, 0, hi-lo)
	for i := lo; i < hi; i++ {
		page = append(page, row(i))
	}
	return page, nil
}

// writePage writes a page of rows, n in all, in the configured envelope.
func (s *Server) writePage(w http.ResponseWriter, resource string, rows []map[string]any, n int, fields map[string]bool) {
	page := make([]map[string]any, 0, len(rows))
	for _, row := range rows {
		page = append(page, project(row, fields))
	}
	var total any = n
	if s.stringNumbers {
		total = strconv.Itoa(n)
	}
	withTotal := func(m map[string]any) map[string]any {
		if s.totalKey != "" {
			m[s.totalKey] = total
		}
		return m
	}
	var body any
	switch s.envelope {
	case EnvelopeArray:
		body = page
	case EnvelopeItems:
		body = withTotal(map[string]any{"items": page})
	case EnvelopeResults:
		body = withTotal(map[string]any{"results": page})
	case EnvelopeResource:
		body = withTotal(map[string]any{resource: page})
	case EnvelopeDataItems:
		body = map[string]any{"data": withTotal(map[string]any{"items": page})}
	case EnvelopeDataResource:
		body = map[string]any{"data": withTotal(map[string]any{resource: page})}
	default:
		body = withTotal(map[string]any{"data": page})
	}
	fakeserver.WriteJSON(w, http.StatusOK, body)
}

// project keeps the selected fields of row, and its id.
func project(row map[string]any, fields map[string]bool) map[string]any {
	if len(fields) == 0 {
		return row
	}
	out := make(map[string]any, len(fields)+1)
	for k, v := range row {
		if fields[k] || k == "id" {
			out[k] = v
		}
	}
	return out
}

// writeRecord answers one record, wrapped in {"data": ...} by the data
// envelopes.
func (s *Server) writeRecord(w http.ResponseWriter, status int, rec map[string]any) {
	if s.isDataEnvelope() {
		fakeserver.WriteJSON(w, status, map[string]any{"data": rec})
		return
	}
	fakeserver.WriteJSON(w, status, rec)
}

var fieldTerm = regexp.MustCompile(`^([a-z0-9_]+):(.*)$`)

// matcher is a parsed q parameter: a "field:value" term matching one field
// exactly (case-insensitively), or free text matched as a substring of the
// searchable fields.
type matcher struct {
	field, value string
	text         string
	searchable   []string
}

// parseQ parses q for records whose fields are known; searchable are the
// fields free text searches.
func parseQ(r *http.Request, proto any, searchable []string) (*matcher, error) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" {
		return nil, nil
	}
	if m := fieldTerm.FindStringSubmatch(q); m != nil {
		if !fieldNames(proto)[m[1]] {
			return nil, fmt.Errorf("unknown search field %q in q", m[1])
		}
		return &matcher{field: m[1], value: strings.TrimSpace(m[2])}, nil
	}
	return &matcher{text: strings.ToLower(q), searchable: searchable}, nil
}

func (m *matcher) match(row map[string]any) bool {
	if m == nil {
		return true
	}
	if m.field != "" {
		return strings.EqualFold(text(row[m.field]), m.value)
	}
	for _, f := range m.searchable {
		if strings.Contains(strings.ToLower(text(row[f])), m.text) {
			return true
		}
	}
	return false
}

func text(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// dateFilter is the created_at filter of the reports: a day
// ("2026-03-01") or an exact second ("2026-03-01 10:00:00" or RFC 3339),
// read in the fake's date zone.
type dateFilter struct {
	from, to time.Time
}

func (s *Server) parseCreatedAt(r *http.Request) (*dateFilter, error) {
	v := strings.TrimSpace(r.URL.Query().Get("created_at"))
	if v == "" {
		return nil, nil
	}
	if t, err := time.ParseInLocation(time.DateOnly, v, s.dateLoc); err == nil {
		return &dateFilter{from: t, to: t.AddDate(0, 0, 1)}, nil
	}
	for _, layout := range []string{time.DateTime, "2006-01-02T15:04:05"} {
		if t, err := time.ParseInLocation(layout, v, s.dateLoc); err == nil {
			return &dateFilter{from: t, to: t.Add(time.Second)}, nil
		}
	}
	if t, err := time.Parse(time.RFC3339, v); err == nil {
		return &dateFilter{from: t, to: t.Add(time.Second)}, nil
	}
	return nil, errors.New("created_at must be a date (YYYY-MM-DD) or a date and time (YYYY-MM-DD HH:MM:SS)")
}

func (d *dateFilter) match(t time.Time) bool {
	return d == nil || (!t.Before(d.from) && t.Before(d.to))
}
