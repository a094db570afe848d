package firstpromotertest_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

// fixedNow is the clock of most tests: 2025-03-18 14:20:50.403 UTC.
var fixedNow = time.Date(2025, 3, 18, 14, 20, 50, 403_000_000, time.UTC)

// newServer starts a server on the fixed clock and closes it with the
// test.
func newServer(t *testing.T, opts ...firstpromotertest.ServerOption) *firstpromotertest.Server {
	t.Helper()
	opts = append([]firstpromotertest.ServerOption{firstpromotertest.WithClock(func() time.Time { return fixedNow })}, opts...)
	srv := firstpromotertest.NewServer(opts...)
	t.Cleanup(srv.Close)
	return srv
}

// response is a raw answer.
type response struct {
	status int
	header http.Header
	body   []byte
}

// call sends an authenticated request to path (below srv.URL, with any
// query); body is JSON-encoded unless it is a string.
func call(t *testing.T, srv *firstpromotertest.Server, method, path string, body any) response {
	t.Helper()
	h := http.Header{}
	h.Set("Authorization", "Bearer "+firstpromotertest.APIKey)
	h.Set("ACCOUNT-ID", firstpromotertest.AccountID)
	return callWith(t, srv, method, path, body, h)
}

// callWith sends a request with exactly the given headers.
func callWith(t *testing.T, srv *firstpromotertest.Server, method, path string, body any, h http.Header) response {
	t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = bytes.NewBufferString(b)
	default:
		raw, err := json.Marshal(b)
		require.NoError(t, err)
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, srv.URL+path, rd)
	require.NoError(t, err)
	for k, vs := range h {
		req.Header[k] = vs
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := srv.HTTPServer().Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return response{status: resp.StatusCode, header: resp.Header, body: raw}
}

// decode unmarshals a response body into T.
func decode[T any](t *testing.T, r response) T {
	t.Helper()
	var v T
	require.NoError(t, json.Unmarshal(r.body, &v), "body: %s", r.body)
	return v
}

// okJSON asserts the status and decodes the body.
func okJSON[T any](t *testing.T, r response, status int) T {
	t.Helper()
	require.Equal(t, status, r.status, "body: %s", r.body)
	return decode[T](t, r)
}

// sample reads a file of testdata/.
func sample(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return string(b)
}

// errorBody is the admin API's error shape.
type errorBody struct {
	Message string              `json:"message"`
	Errors  map[string][]string `json:"errors"`
	Code    string              `json:"code"`
}

// requireParamError asserts a 422 invalid_params naming param.
func requireParamError(t *testing.T, r response, param string) {
	t.Helper()
	require.Equal(t, http.StatusUnprocessableEntity, r.status, "body: %s", r.body)
	require.JSONEq(t, `{"message":"param is missing or the value is empty or invalid: `+param+`","code":"invalid_params"}`, string(r.body))
}

// timestampRE is the API's timestamp format.
var timestampRE = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$`)

// ids returns the "id" of each object of a JSON array.
func ids(t *testing.T, r response) []int64 {
	t.Helper()
	var rows []struct {
		ID int64 `json:"id"`
	}
	require.NoError(t, json.Unmarshal(r.body, &rows), "body: %s", r.body)
	out := make([]int64, len(rows))
	for i, row := range rows {
		out[i] = row.ID
	}
	return out
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}

// usd returns text ("25.00") as an amount, for seeding.
func usd(t *testing.T, text string) firstpromoter.Amount {
	t.Helper()
	a, err := firstpromoter.ParseAmount(text, "")
	require.NoError(t, err)
	return a
}

// centsOf returns a in cents.
func centsOf(t *testing.T, a firstpromoter.Amount) int64 {
	t.Helper()
	n, err := a.MinorUnits("USD")
	require.NoError(t, err)
	return n
}
