package transport

import (
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseErrorBodySamples(t *testing.T) {
	cases := []struct {
		file, message, code string
	}{
		{"firstpromoter_error_403.json", "You don't have enough rights to perform this action", "forbidden"},
		{"firstpromoter_error_404.json", "Record not found", "not_found"},
		{"firstpromoter_error_409.json", "Failed to destroy Rewards::Providers::Account", "destroy_failed"},
		{"firstpromoter_error_422.json", "param is missing or the value is empty or invalid: email", "invalid_params"},
		{"everflow_error_generic.json", "descriptive error message", ""},
		{"refersion_error_404.json", "Bad request, no body", ""},
		{"refersion_error_429_trigger_delete.json", "Max number of elements on attribute (50) reached.", ""},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", tc.file))
			require.NoError(t, err)
			msg, code := parseErrorBody(body)
			assert.Equal(t, tc.message, msg)
			assert.Equal(t, tc.code, code)
		})
	}
}

func TestParseErrorBodyShapes(t *testing.T) {
	cases := []struct {
		body, message, code string
	}{
		{`{"message":"Validation failed: Email has already been taken","errors":{"email":["has already been taken"]},"code":"invalid_record"}`,
			"Validation failed: Email has already been taken (email: has already been taken)", "invalid_record"},
		{`{"error":["first is required","second is bad"]}`, "first is required; second is bad", ""},
		{`{"errors":[{"message":"x is wrong"},"y is wrong"]}`, "x is wrong; y is wrong", ""},
		{`{"Error":"capitalised"}`, "capitalised", ""},
		{`{"message":"Not found","status":404}`, "Not found", ""},
		{`{"code":42}`, "", "42"},
		{`{"error":{"code":"rate_limited","message":"Too many requests"}}`, "Too many requests", "rate_limited"},
		{`{"error":{"type":"invalid_scope","message":"Scope missing"}}`, "Scope missing", "invalid_scope"},
		{`{"message":"Bad","error_code":"E12"}`, "Bad", "E12"},
		{`{"error_code":4031,"message":"x"}`, "x", "4031"},
		{`{"error":"not_found","message":"Affiliate not found"}`, "Affiliate not found", "not_found"},
		{`{}`, "", ""},
		{``, "", ""},
		{`<html><body>502 Bad Gateway</body></html>`, "", ""},
		{`{"message":`, "", ""},
		{`[1,2]`, "", ""},
	}
	for _, tc := range cases {
		msg, code := parseErrorBody([]byte(tc.body))
		assert.Equal(t, tc.message, msg, tc.body)
		assert.Equal(t, tc.code, code, tc.body)
	}
}

func TestParseFields(t *testing.T) {
	cases := []struct {
		body string
		want map[string][]string
	}{
		{`{"message":"Validation failed","errors":{"email":["has already been taken"],"name":"is blank"},"code":"invalid_record"}`,
			map[string][]string{"email": {"has already been taken"}, "name": {"is blank"}}},
		{`{"errors":["First name is required","Email is invalid"]}`, map[string][]string{"": {"First name is required", "Email is invalid"}}},
		{`{"error":["Affiliate not found","Check the id"]}`, map[string][]string{"": {"Affiliate not found", "Check the id"}}},
		{`{"errors":[{"field":"username","message":"is taken"}]}`, map[string][]string{"username": {"is taken"}}},
		{`{"error":{"code":"x","message":"no field"}}`, nil},
		{`{"message":"Record not found","code":"not_found"}`, nil},
		{`{"error":"Invalid API credentials (error 2)."}`, nil},
		{`<html>oops</html>`, nil},
		{``, nil},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, parseFields([]byte(tc.body)), tc.body)
	}
}

func TestErrorCarriesFieldsHeaderAndRequestID(t *testing.T) {
	c, _, _ := newTestClient(t, status(422, `{"message":"Validation failed","errors":{"email":["has already been taken"]}}`,
		"X-Request-Id", "req-123", "Set-Cookie", "session=x"))
	_, err := c.Do(t.Context(), &Request{Method: "POST", Path: "promoters", Body: map[string]string{"email": "a@b"}}, nil)
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, map[string][]string{"email": {"has already been taken"}}, apiErr.Fields)
	assert.Equal(t, "req-123", apiErr.RequestID)
	assert.Equal(t, "req-123", apiErr.Header.Get("X-Request-Id"))
	assert.Empty(t, apiErr.Header.Get("Authorization"), "response headers only")
}

// A server that echoes the credentials back in its error body or headers
// never gets them into the *Error.
func TestErrorScrubsEchoedCredentials(t *testing.T) {
	c, _, _ := newTestClient(t, status(400, `{"message":"bad","received":"Bearer sekret-token"}`, "X-Echo", "sekret-token"))
	_, err := c.Do(t.Context(), get("x"), nil)
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.NotContains(t, string(apiErr.Body), "sekret-token")
	assert.NotContains(t, apiErr.Header.Get("X-Echo"), "sekret-token")
	assert.NotContains(t, fmt.Sprintf("%#v", apiErr), "sekret-token")
}

// A status used in a platform's own sense matches the kind it means and no
// other, and the message does not repeat the kind.
func TestKindOverrideMatchesExactlyOneKind(t *testing.T) {
	e := &Error{StatusCode: 422, Message: "Affiliate not found.", Method: "POST", Path: "/v2/affiliate/get", Err: ErrNotFound}
	assert.ErrorIs(t, e, ErrNotFound)
	assert.NotErrorIs(t, e, ErrInvalidRequest)
	assert.Equal(t, "POST /v2/affiliate/get: HTTP 422 Unprocessable Entity: Affiliate not found.", e.Error())
	plain := &Error{StatusCode: 422}
	assert.ErrorIs(t, plain, ErrInvalidRequest)
	assert.NotErrorIs(t, plain, ErrNotFound)
	for _, code := range []int{400, 401, 403, 404, 409, 422, 429, 500, 502, 503} {
		n := 0
		for _, k := range statusKinds {
			if errors.Is(&Error{StatusCode: code}, k) {
				n++
			}
		}
		assert.Equal(t, 1, n, "HTTP %d matches %d kinds", code, n)
	}
}

// An answer found wrong after Do returned names its endpoint, and for a
// write says the outcome is unknown, as Do's own errors do.
func TestMalformedResponseAfterDo(t *testing.T) {
	c, _, _ := newTestClient(t, status(200, `{"id":0}`))
	for _, tc := range []struct {
		req     *Request
		unknown bool
	}{
		{&Request{Method: http.MethodPost, Path: "things", Body: map[string]int{"a": 1}}, true},
		{get("things"), false},
		{&Request{Method: http.MethodPost, Path: "search", RetrySafe: true}, false},
	} {
		resp, err := c.Do(t.Context(), tc.req, &item{})
		require.NoError(t, err)
		e := MalformedResponse(resp, []byte(`{"id":0}`), "no id in the record", nil)
		assert.ErrorIs(t, e, ErrMalformedResponse)
		assert.Equal(t, tc.unknown, errors.Is(e, ErrOutcomeUnknown), tc.req.Method+" "+tc.req.Path)
		assert.Contains(t, e.Error(), "test: "+tc.req.Method+" /api/v2/"+tc.req.Path)
	}
}
