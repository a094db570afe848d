// Package wirecheck pins a decoder to a vendor's published example: it
// re-encodes what the SDK decoded from an example body and reports every
// key of the example that was lost and every value that changed, after
// normalising both sides as JSON.
//
// Normalisation compares numbers by value (1, 1.0 and 1e0 are equal),
// times by instant when both sides parse as RFC 3339, and objects by key
// regardless of order. Keys the SDK adds are allowed. A value the package
// documents as decoded tolerantly (a number sent as a string, null read as
// "") is listed by its path as an exception: the path is dotted object
// keys with [] for any array index ("data[].amount"), and a trailing ".*"
// excepts a whole subtree.
package wirecheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"testing"
	"time"
)

// Diff returns one line per difference between the example body want and
// got, the SDK's decoded value, re-encoded with encoding/json. except
// lists the paths that are not compared.
func Diff(want []byte, got any, except ...string) ([]string, error) {
	enc, err := json.Marshal(got)
	if err != nil {
		return nil, fmt.Errorf("encoding the decoded value: %w", err)
	}
	w, err := decode(want)
	if err != nil {
		return nil, fmt.Errorf("the example: %w", err)
	}
	g, err := decode(enc)
	if err != nil {
		return nil, fmt.Errorf("the re-encoded value: %w", err)
	}
	var out []string
	compare("", w, g, except, &out)
	slices.Sort(out)
	return out, nil
}

// RoundTrip fails t with every difference Diff finds.
func RoundTrip(t testing.TB, want []byte, got any, except ...string) {
	t.Helper()
	diffs, err := Diff(want, got, except...)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range diffs {
		t.Error(d)
	}
}

func decode(b []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

func excepted(path string, except []string) bool {
	for _, e := range except {
		if e == path {
			return true
		}
		if prefix, ok := strings.CutSuffix(e, ".*"); ok && (path == prefix || strings.HasPrefix(path, prefix+".") || strings.HasPrefix(path, prefix+"[]")) {
			return true
		}
	}
	return false
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func compare(path string, want, got any, except []string, out *[]string) {
	if excepted(path, except) {
		return
	}
	shown := path
	if shown == "" {
		shown = "(body)"
	}
	switch w := want.(type) {
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			*out = append(*out, fmt.Sprintf("%s: want an object, got %s", shown, brief(got)))
			return
		}
		for k, wv := range w {
			p := join(path, k)
			gv, ok := g[k]
			if !ok {
				if !excepted(p, except) {
					*out = append(*out, fmt.Sprintf("%s: lost (the example has %s)", p, brief(wv)))
				}
				continue
			}
			compare(p, wv, gv, except, out)
		}
	case []any:
		g, ok := got.([]any)
		if !ok {
			*out = append(*out, fmt.Sprintf("%s: want an array, got %s", shown, brief(got)))
			return
		}
		if len(g) != len(w) {
			*out = append(*out, fmt.Sprintf("%s: %d elements, want %d", shown, len(g), len(w)))
			return
		}
		for i := range w {
			compare(path+"[]", w[i], g[i], except, out)
		}
	default:
		if !sameScalar(want, got) {
			*out = append(*out, fmt.Sprintf("%s: %s, want %s", shown, brief(got), brief(want)))
		}
	}
}

func sameScalar(want, got any) bool {
	switch w := want.(type) {
	case json.Number:
		g, ok := got.(json.Number)
		if !ok {
			return false
		}
		a, _, err1 := big.ParseFloat(string(w), 10, 256, big.ToNearestEven)
		b, _, err2 := big.ParseFloat(string(g), 10, 256, big.ToNearestEven)
		return err1 == nil && err2 == nil && a.Cmp(b) == 0
	case string:
		g, ok := got.(string)
		if !ok {
			return false
		}
		if w == g {
			return true
		}
		tw, err1 := time.Parse(time.RFC3339Nano, w)
		tg, err2 := time.Parse(time.RFC3339Nano, g)
		return err1 == nil && err2 == nil && tw.Equal(tg)
	default: // bool, nil
		return want == got
	}
}

func brief(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	if len(b) > 80 {
		return string(b[:77]) + "..."
	}
	return string(b)
}
