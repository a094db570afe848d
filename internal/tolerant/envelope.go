package tolerant

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Records finds the records of a list body whose envelope is not
// documented: a bare array, or an object holding them under the first of
// keys present (an array, or null for none), possibly nested one level
// under "data". The total is read from "total", "total_count",
// "totalCount" or "count" beside the records, in the outer object, or in
// a "meta" or "pagination" object of either; nil when none is sent. The
// records are subslices of body.
func Records(body []byte, keys []string) ([]json.RawMessage, *int, error) {
	body = bytes.TrimSpace(body)
	switch {
	case !json.Valid(body):
		return nil, nil, SyntaxError(body)
	case body[0] == '[':
		return Elements(body), nil, nil
	case body[0] != '{':
		return nil, nil, errors.New("the body is neither a JSON array nor an object")
	}
	outer := ObjectMembers(body)
	holder, items, found := findRecords(outer, keys)
	if d, ok := outer["data"]; !found && ok {
		if IsNull(d) {
			return nil, nil, nil
		}
		if d = bytes.TrimSpace(d); d[0] == '{' {
			holder, items, found = findRecords(ObjectMembers(d), slices.DeleteFunc(slices.Clone(keys), func(k string) bool { return k == "data" }))
		}
	}
	if !found {
		return nil, nil, fmt.Errorf("no list of records found under %s", strings.Join(keys, ", "))
	}
	total := readTotal(holder, len(items))
	if total == nil {
		total = readTotal(outer, len(items))
	}
	return items, total, nil
}

// findRecords returns the first of keys in m holding an array (or null).
// m comes from a valid body.
func findRecords(m map[string]json.RawMessage, keys []string) (map[string]json.RawMessage, []json.RawMessage, bool) {
	for _, k := range keys {
		raw, ok := m[k]
		switch raw = bytes.TrimSpace(raw); {
		case !ok:
		case IsNull(raw):
			return m, nil, true
		case raw[0] == '[':
			return m, Elements(raw), true
		}
	}
	return nil, nil, false
}

// readTotal reads a total from m or its "meta"/"pagination" object.
// "count" may as well be the size of the page, so it counts as a total only
// when it exceeds the number of records on the page (n).
func readTotal(m map[string]json.RawMessage, n int) *int {
	for _, sub := range []string{"", "meta", "pagination"} {
		mm := m
		if sub != "" {
			raw := bytes.TrimSpace(m[sub])
			if len(raw) == 0 || raw[0] != '{' {
				continue
			}
			mm = ObjectMembers(raw)
		}
		for _, k := range []string{"total", "total_count", "totalCount", "count"} {
			raw, ok := mm[k]
			if !ok {
				continue
			}
			v, ok := Float(raw)
			if !ok || v < 0 || v != math.Trunc(v) || v > math.MaxInt32 {
				continue
			}
			if t := int(v); k != "count" || t > n {
				return &t
			}
		}
	}
	return nil
}

// Unwrap returns the record of a single-record body: the body itself, or
// the object under one of keys ("data", the resource's singular name)
// when the body has no "id" of its own.
func Unwrap(body []byte, keys ...string) ([]byte, error) {
	m, err := jsonObject(body)
	if err != nil {
		return nil, errors.New("the body is not a JSON object")
	}
	if _, hasID := m["id"]; hasID {
		return body, nil
	}
	for _, k := range keys {
		if _, err := jsonObject(m[k]); err == nil {
			return m[k], nil
		}
	}
	return body, nil
}

// jsonObject parses a JSON object into its members.
func jsonObject(raw []byte) (map[string]json.RawMessage, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || raw[0] != '{' {
		return nil, errors.New("not a JSON object")
	}
	if !json.Valid(raw) {
		return nil, SyntaxError(raw)
	}
	return ObjectMembers(raw), nil
}
