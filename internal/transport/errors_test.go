package transport

import (
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
