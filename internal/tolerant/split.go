package tolerant

import (
	"encoding/json"
	"errors"
	"strings"
)

// Members, Elements and ObjectMembers cut valid JSON into its parts in one
// cheap pass: the caller checks the body once with json.Valid (SyntaxError
// says what is wrong when it is not), and these find where each value ends
// without decoding it. The parts are subslices of the body, never copies.

// errNotValid is what SyntaxError returns when encoding/json has nothing
// to add.
var errNotValid = errors.New("invalid JSON")

// SyntaxError returns encoding/json's description of what is wrong with
// the invalid JSON b.
func SyntaxError(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	return errNotValid
}

// skipSpace returns the index of the first non-space byte at or after i.
func skipSpace(b []byte, i int) int {
	for i < len(b) {
		switch b[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// stringEnd returns the index just past the string starting at b[i] ('"').
func stringEnd(b []byte, i int) int {
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			j++
		case '"':
			return j + 1
		}
	}
	return len(b)
}

// valueEnd returns the index just past the value starting at b[i].
func valueEnd(b []byte, i int) int {
	if i >= len(b) {
		return i
	}
	switch b[i] {
	case '"':
		return stringEnd(b, i)
	case '{', '[':
		depth := 0
		for j := i; j < len(b); j++ {
			switch b[j] {
			case '"':
				j = stringEnd(b, j) - 1
			case '{', '[':
				depth++
			case '}', ']':
				if depth--; depth == 0 {
					return j + 1
				}
			}
		}
		return len(b)
	}
	j := i
	for j < len(b) {
		switch b[j] {
		case ',', '}', ']', ' ', '\t', '\r', '\n':
			return j
		}
		j++
	}
	return j
}

// Members calls fn with each member of the valid JSON object b (which
// starts with '{'), in order; escaped keys are unescaped.
func Members(b []byte, fn func(key string, value []byte)) {
	i := 1
	for {
		i = skipSpace(b, i)
		if i >= len(b) || b[i] != '"' {
			return
		}
		kEnd := stringEnd(b, i)
		key := string(b[i+1 : kEnd-1])
		if strings.IndexByte(key, '\\') >= 0 {
			_ = json.Unmarshal(b[i:kEnd], &key)
		}
		i = skipSpace(b, kEnd) + 1 // the ':'
		i = skipSpace(b, i)
		vEnd := valueEnd(b, i)
		fn(key, b[i:vEnd])
		i = skipSpace(b, vEnd)
		if i < len(b) && b[i] == ',' {
			i++
		}
	}
}

// Elements returns the elements of the valid JSON array b (which starts
// with '['), as subslices of b.
func Elements(b []byte) []json.RawMessage {
	items := []json.RawMessage{}
	i := 1
	for {
		i = skipSpace(b, i)
		if i >= len(b) || b[i] == ']' {
			return items
		}
		end := valueEnd(b, i)
		items = append(items, b[i:end])
		i = skipSpace(b, end)
		if i < len(b) && b[i] == ',' {
			i++
		}
	}
}

// ObjectMembers returns the members of the valid JSON object b as a map;
// of repeated keys the last wins, as with json.Unmarshal.
func ObjectMembers(b []byte) map[string]json.RawMessage {
	m := make(map[string]json.RawMessage)
	Members(b, func(k string, v []byte) { m[k] = v })
	return m
}
