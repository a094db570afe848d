package fakeserver

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
)

// WriteJSON answers status with v encoded as JSON.
func WriteJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	_, _ = w.Write(b)
}

// WriteRaw answers status with a pre-rendered JSON body.
func WriteRaw(w http.ResponseWriter, status int, body []byte) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

// DecodeJSON decodes a JSON request body into v, rejecting a body that is
// not JSON or has trailing data.
func DecodeJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(io.LimitReader(r.Body, 8<<20))
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("request body is not valid JSON: %w", err)
	}
	if dec.More() {
		return fmt.Errorf("request body has trailing data")
	}
	return nil
}

// IntParam reads an integer query parameter with a default, reporting an
// error for a value that is present but not an integer.
func IntParam(r *http.Request, name string, def int) (int, error) {
	v := r.URL.Query().Get(name)
	if v == "" {
		return def, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return 0, fmt.Errorf("%s must be an integer, got %q", name, v)
	}
	return n, nil
}

// Window returns the [lo, hi) slice bounds of a 1-based page of size per
// over n items.
func Window(n, page, per int) (lo, hi int) {
	if page < 1 || per < 1 {
		return 0, 0
	}
	lo = (page - 1) * per
	if lo > n {
		lo = n
	}
	hi = min(lo+per, n)
	return lo, hi
}
