package firstpromotertest

import (
	"github.com/affiliatekit/affiliatekit-go/internal/money"

	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"reflect"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Page sizes of the v2 lists.
const (
	// DefaultPerPage is the page size when per_page is absent.
	DefaultPerPage = 20
	// MaxPerPage caps per_page: a larger value serves MaxPerPage rows.
	MaxPerPage = 100
)

// params merges a request's JSON body and query string, like the Rails
// params the real API reads: body keys win, the query fills the rest.
type params struct {
	q    url.Values
	body map[string]json.RawMessage
}

// readParams parses the request's query and, when present, its JSON
// object body.
func readParams(r *http.Request) (*params, *apiError) {
	p := &params{q: r.URL.Query(), body: map[string]json.RawMessage{}}
	raw, err := io.ReadAll(io.LimitReader(r.Body, 8<<20))
	if err != nil {
		return nil, errBadRequest("request body could not be read")
	}
	if len(bytes.TrimSpace(raw)) == 0 {
		return p, nil
	}
	if err := json.Unmarshal(raw, &p.body); err != nil {
		return nil, errBadRequest("request body is not a JSON object")
	}
	return p, nil
}

// has reports whether key is present in the body or the query.
func (p *params) has(key string) bool {
	if _, ok := p.body[key]; ok {
		return true
	}
	_, ok := p.q[key]
	return ok
}

// str returns key as text: a JSON string, number or bool, or the query
// value. Null and absence give "".
func (p *params) str(key string) string {
	if raw, ok := p.body[key]; ok {
		return rawText(raw)
	}
	return p.q.Get(key)
}

func rawText(raw json.RawMessage) string {
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s
	}
	t := strings.TrimSpace(string(raw))
	if t == "null" {
		return ""
	}
	return t
}

// int returns key as an integer (a JSON number or a numeric string). ok is
// false when absent or empty; a value that is not an integer is an error
// naming the key.
func (p *params) int(key string) (v int64, ok bool, e *apiError) {
	s := strings.TrimSpace(p.str(key))
	if s == "" {
		return 0, false, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		a, aerr := money.ParseDecimal(s, "")
		if aerr != nil {
			return 0, false, errParam(key)
		}
		whole, frac, _ := strings.Cut(a.String(), ".")
		if strings.Trim(frac, "0") != "" {
			return 0, false, errParam(key)
		}
		if n, err = strconv.ParseInt(whole, 10, 64); err != nil {
			return 0, false, errParam(key)
		}
	}
	return n, true, nil
}

// requiredInt is int with absence reported as the missing-param error.
func (p *params) requiredInt(key string) (int64, *apiError) {
	v, ok, e := p.int(key)
	if e != nil {
		return 0, e
	}
	if !ok {
		return 0, errParam(key)
	}
	return v, nil
}

// bool returns key as a boolean: true/false, "true"/"false", "yes"/"no",
// 1/0. ok is false when absent.
func (p *params) bool(key string) (v, ok bool, e *apiError) {
	s := strings.ToLower(strings.TrimSpace(p.str(key)))
	switch s {
	case "":
		return false, false, nil
	case "true", "yes", "1":
		return true, true, nil
	case "false", "no", "0":
		return false, true, nil
	}
	return false, false, errParam(key)
}

// ids returns an integer list from a JSON array in the body (numbers or
// numeric strings) or from key[] / key in the query.
func (p *params) ids(key string) ([]int64, *apiError) {
	if raw, ok := p.body[key]; ok {
		var items []json.RawMessage
		if err := json.Unmarshal(raw, &items); err != nil {
			// A single id is accepted too.
			items = []json.RawMessage{raw}
		}
		out := make([]int64, 0, len(items))
		for _, it := range items {
			n, err := strconv.ParseInt(strings.TrimSpace(rawText(it)), 10, 64)
			if err != nil {
				return nil, errParam(key)
			}
			out = append(out, n)
		}
		return out, nil
	}
	return listQuery(p.q).ints(key)
}

// decode replaces *v (v is a pointer) with the body value of key, decoded
// into a fresh value so that maps and slices already in *v are neither
// merged into nor shared. A value of the wrong shape is an invalid param.
func (p *params) decode(key string, v any) (bool, *apiError) {
	raw, ok := p.body[key]
	if !ok || string(raw) == "null" {
		return false, nil
	}
	dst := reflect.ValueOf(v).Elem()
	fresh := reflect.New(dst.Type())
	if err := json.Unmarshal(raw, fresh.Interface()); err != nil {
		return false, errParam(key)
	}
	dst.Set(fresh.Elem())
	return true, nil
}

// listQuery reads the bracket-encoded query of the list endpoints:
// filters[state]=accepted, filters[created_at][from]=2024-01-01,
// ids[]=1&ids[]=2, sorting[joined_at]=desc.
type listQuery url.Values

func (l listQuery) get(key string) string { return strings.TrimSpace(url.Values(l).Get(key)) }

// values returns the values of key and of key[] (a filter that takes one
// value or an array).
func (l listQuery) values(key string) []string {
	var out []string
	for _, k := range []string{key, key + "[]"} {
		for _, v := range l[k] {
			if v = strings.TrimSpace(v); v != "" {
				out = append(out, v)
			}
		}
	}
	return out
}

// ints parses values(key) as integers.
func (l listQuery) ints(key string) ([]int64, *apiError) {
	vals := l.values(key)
	out := make([]int64, 0, len(vals))
	for _, v := range vals {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, errParam(key)
		}
		out = append(out, n)
	}
	return out, nil
}

// timeRange reads key[from] and key[to] as dates (YYYY-MM-DD, or a date
// and time). A date-only "to" includes that whole day.
func (l listQuery) timeRange(key string) (r timeRange, e *apiError) {
	if s := l.get(key + "[from]"); s != "" {
		t, err := parseTime(s)
		if err != nil {
			return r, errParam(key + "[from]")
		}
		r.from = t
	}
	if s := l.get(key + "[to]"); s != "" {
		t, err := parseTime(s)
		if err != nil {
			return r, errParam(key + "[to]")
		}
		if len(s) == len(time.DateOnly) {
			t = t.Add(24*time.Hour - time.Nanosecond)
		}
		r.to = t
	}
	return r, nil
}

// numRange reads key[from] and key[to] as numbers.
func (l listQuery) numRange(key string) (r numRange, e *apiError) {
	for _, end := range []string{"from", "to"} {
		s := l.get(key + "[" + end + "]")
		if s == "" {
			continue
		}
		a, err := money.ParseDecimal(s, "")
		if err != nil {
			return r, errParam(key + "[" + end + "]")
		}
		if end == "from" {
			r.from = &a
		} else {
			r.to = &a
		}
	}
	return r, nil
}

// sorting returns the first sorting[field]=asc|desc parameter among the
// allowed fields. An unknown field is ignored; a bad direction is an
// invalid param.
func (l listQuery) sorting(allowed ...string) (field string, desc bool, e *apiError) {
	keys := make([]string, 0, len(l))
	for k := range l {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if !strings.HasPrefix(k, "sorting[") || !strings.HasSuffix(k, "]") {
			continue
		}
		f := k[len("sorting[") : len(k)-1]
		found := false
		for _, a := range allowed {
			found = found || a == f
		}
		if !found {
			continue
		}
		switch strings.ToLower(l.get(k)) {
		case "asc":
			return f, false, nil
		case "desc":
			return f, true, nil
		default:
			return "", false, errParam(k)
		}
	}
	return "", false, nil
}

// page returns the 1-based page and the page size: per_page defaults to
// def and is capped at MaxPerPage; a missing, zero or negative value gives
// the default. The API publishes no behaviour for malformed values; they
// are reported as invalid params.
func (l listQuery) page(def int) (page, per int, e *apiError) {
	page, per = 1, def
	if s := l.get("page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			return 0, 0, errParam("page")
		}
		if n > 1 {
			page = n
		}
	}
	if s := l.get("per_page"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil {
			return 0, 0, errParam("per_page")
		}
		if n > 0 {
			per = min(n, MaxPerPage)
		}
	}
	return page, per, nil
}

// yesNo reads a yes/no (or true/false) filter; ok is false when absent.
func (l listQuery) yesNo(key string) (v, ok bool, e *apiError) {
	switch strings.Trim(strings.ToLower(l.get(key)), "`") {
	case "":
		return false, false, nil
	case "yes", "true", "1":
		return true, true, nil
	case "no", "false", "0":
		return false, true, nil
	}
	return false, false, errParam(key)
}

// timeRange is an inclusive date filter; zero ends are open.
type timeRange struct{ from, to time.Time }

func (r timeRange) set() bool { return !r.from.IsZero() || !r.to.IsZero() }

// match reports whether t is in the range; an unset t matches only an
// unset range.
func (r timeRange) match(t Timestamp) bool {
	if !r.set() {
		return true
	}
	if t.IsZero() {
		return false
	}
	if !r.from.IsZero() && t.Before(r.from) {
		return false
	}
	return r.to.IsZero() || !t.After(r.to)
}

// numRange is an inclusive numeric filter; nil ends are open.
type numRange struct{ from, to *money.Amount }

func (r numRange) match(n int64) bool {
	v := num(n)
	return (r.from == nil || cmpAmount(v, *r.from) >= 0) && (r.to == nil || cmpAmount(v, *r.to) <= 0)
}

// paginate returns the page of items.
func paginate[T any](items []T, page, per int) []T {
	lo := min((page-1)*per, len(items))
	hi := min(lo+per, len(items))
	return items[lo:hi]
}

// containsFold reports whether any of fields contains q, ignoring case.
func containsFold(q string, fields ...string) bool {
	q = strings.ToLower(q)
	for _, f := range fields {
		if strings.Contains(strings.ToLower(f), q) {
			return true
		}
	}
	return false
}

// inIDs reports whether id is in ids, or ids is empty.
func inIDs(ids []int64, id int64) bool {
	if len(ids) == 0 {
		return true
	}
	for _, v := range ids {
		if v == id {
			return true
		}
	}
	return false
}

// sortBy sorts items stably by key, ties by the original (id) order.
func sortBy[T any](items []T, desc bool, key func(T) money.Amount) {
	sort.SliceStable(items, func(i, j int) bool {
		c := cmpAmount(key(items[i]), key(items[j]))
		if desc {
			return c > 0
		}
		return c < 0
	})
}

// unixMilli is a sort key for a timestamp (zero sorts first).
func unixMilli(t Timestamp) money.Amount {
	if t.IsZero() {
		return num(0)
	}
	return num(t.UnixMilli())
}
