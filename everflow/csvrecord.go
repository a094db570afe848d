package everflow

import (
	"encoding/json"
	"fmt"
	"strings"
)

// CSVRecord is one row of a CSV export. Read a column by the name in the
// file's header row with Get or Lookup: the column order of Everflow's
// files is not relied on. A record holds its own values (nothing is
// reused by the next row), so it may be kept after the loop moves on.
// The zero CSVRecord has no columns. It prints and encodes to JSON as
// the map of header names to values.
type CSVRecord struct {
	header *csvHeader
	fields []string
}

// csvHeader is the header row of one export, shared by all its records.
type csvHeader struct {
	names []string
	index map[string]int
}

// newCSVHeader reads a header row: a leading byte order mark and the
// space around each name are dropped; of two columns with the same name,
// the first is the one Get reads.
func newCSVHeader(row []string) *csvHeader {
	h := &csvHeader{names: make([]string, len(row)), index: make(map[string]int, len(row))}
	for i, name := range row {
		if i == 0 {
			name = strings.TrimPrefix(name, "\ufeff")
		}
		name = strings.TrimSpace(name)
		h.names[i] = name
		if _, dup := h.index[name]; !dup {
			h.index[name] = i
		}
	}
	return h
}

// Get returns the value of the column named name, or "" when the export
// has no such column.
func (r CSVRecord) Get(name string) string {
	v, _ := r.Lookup(name)
	return v
}

// Lookup returns the value of the column named name and whether the
// export has that column.
func (r CSVRecord) Lookup(name string) (string, bool) {
	if r.header == nil {
		return "", false
	}
	i, ok := r.header.index[name]
	if !ok || i >= len(r.fields) {
		return "", false
	}
	return r.fields[i], true
}

// Len returns the number of columns.
func (r CSVRecord) Len() int { return len(r.fields) }

// Header returns the column names in file order (a copy).
func (r CSVRecord) Header() []string {
	if r.header == nil {
		return nil
	}
	return append([]string(nil), r.header.names...)
}

// Values returns the values in file order (a copy).
func (r CSVRecord) Values() []string { return append([]string(nil), r.fields...) }

// Map returns the row as a new map of column names to values.
func (r CSVRecord) Map() map[string]string {
	m := make(map[string]string, len(r.fields))
	if r.header == nil {
		return m
	}
	for name, i := range r.header.index {
		if i < len(r.fields) {
			m[name] = r.fields[i]
		}
	}
	return m
}

// String prints the row as its Map does.
func (r CSVRecord) String() string { return fmt.Sprint(r.Map()) }

// MarshalJSON encodes the row as an object of column names to values.
func (r CSVRecord) MarshalJSON() ([]byte, error) { return json.Marshal(r.Map()) }

// GoString prints the row for %#v as its map of column names to values.
func (r CSVRecord) GoString() string { return fmt.Sprintf("everflow.CSVRecord(%#v)", r.Map()) }
