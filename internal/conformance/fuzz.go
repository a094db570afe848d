package conformance

import (
	"encoding/json"
	"iter"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// FuzzClient returns a client of p whose every request is answered with a
// 200 of contentType and body, without any network, for a fuzz target to
// run arbitrary bodies through the whole response path.
func FuzzClient[S platformtest.Server, C platformtest.Client, O, R any](t testing.TB, p platformtest.Platform[S, C, O, R], contentType string, body []byte, opts ...O) C {
	t.Helper()
	return OfflineClient(t, p, faultmatrix.ResponseClient(http.StatusOK, contentType, body), opts...)
}

// OfflineClient returns a client of p that sends through hc, which
// answers without any network: p's credentials, a loopback base URL on the
// path of p.Input.APIRoot, no retries and a fake clock, then opts.
func OfflineClient[S platformtest.Server, C platformtest.Client, O, R any](t testing.TB, p platformtest.Platform[S, C, O, R], hc *http.Client, opts ...O) C {
	t.Helper()
	root, err := url.Parse(p.Input.APIRoot)
	if err != nil {
		t.Fatal(err)
	}
	all := append([]O{p.BaseURL("http://127.0.0.1:9" + root.Path)}, p.Credentials()...)
	all = append(all, p.HTTPClient(hc), p.MaxRetries(0), p.Clock(testclock.New(p.ClockStart)))
	c, err := p.New(append(all, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// CheckPage is what every page call promises for any body: an error, or a
// response and records without nil entries. It reports whether there was a
// page, for the caller's own checks of the response.
func CheckPage[T any](t testing.TB, what string, items []*T, resp *transport.Response, err error) bool {
	t.Helper()
	if err != nil {
		return false
	}
	if resp == nil {
		t.Fatalf("%s: no error and no response", what)
	}
	for i, it := range items {
		if it == nil {
			t.Fatalf("%s: record %d is nil", what, i)
		}
	}
	return true
}

// DecodeEncodes decodes body into each of values, pointers to the record
// types: a value that decodes encodes back to JSON (no NaN or infinite
// amounts).
func DecodeEncodes(t testing.TB, body []byte, values ...any) {
	t.Helper()
	for _, v := range values {
		if json.Unmarshal(body, v) != nil {
			continue
		}
		if _, err := json.Marshal(v); err != nil {
			t.Fatalf("%T decoded from %q does not encode: %v", v, body, err)
		}
	}
}

// Drain ranges over seq, which a fuzz target answers with body alone,
// until its first error or its end, and at most len(body)+1 values: with
// any body, nothing on the way may panic.
func Drain[R any](seq iter.Seq2[R, error], body []byte) {
	n := 0
	for _, err := range seq {
		if n++; n > len(body)+1 || err != nil {
			return
		}
	}
}

// AddSamples seeds f with every JSON body under the package's testdata,
// the captured responses.
func AddSamples(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
}
