package refersiontest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// gqlPost sends query to the fake's GraphQL endpoint with token.
func gqlPost(t *testing.T, s *Server, token, query string) (int, map[string]any) {
	t.Helper()
	b, _ := json.Marshal(map[string]string{"query": query})
	req, err := http.NewRequest(http.MethodPost, s.GraphQLURL, bytes.NewReader(b))
	require.NoError(t, err)
	req.Header.Set("X-Refersion-Key", token)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	var out map[string]any
	require.NoError(t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out
}

func firstError(t *testing.T, out map[string]any) (msg, code string) {
	t.Helper()
	errs, ok := out["errors"].([]any)
	require.True(t, ok, "an errors array: %v", out)
	e := errs[0].(map[string]any)
	msg, _ = e["message"].(string)
	if ext, ok := e["extensions"].(map[string]any); ok {
		code, _ = ext["code"].(string)
	}
	return msg, code
}

func TestGraphQLEndpoint(t *testing.T) {
	s := NewServer()
	defer s.Close()
	s.SeedConversionsEvery(10, time.Unix(1000, 0), time.Hour)

	// The documented query, arguments inlined, window inclusive.
	status, out := gqlPost(t, s, GraphQLToken, `{ conversions (created_from: 4600 created_to: 11800, first: 2, offset: 1) {
		affiliate { name, email }, total, commission_total, currency, created } }`)
	require.Equal(t, http.StatusOK, status)
	rows := out["data"].(map[string]any)["conversions"].([]any)
	require.Len(t, rows, 2)
	row := rows[0].(map[string]any)
	assert.Equal(t, "8200", row["created"], "rows 4600, 8200, 11800: offset 1 starts at the second")
	assert.Equal(t, "11800", rows[1].(map[string]any)["created"], "created_to is included")
	assert.NotContains(t, row, "id", "only the selected fields")
	assert.Contains(t, row["affiliate"], "email")
	_, isString := row["total"].(string)
	assert.True(t, isString, "money as strings")

	for _, tt := range []struct{ token, query, code string }{
		{"wrong", `{ offers { commission } }`, "UNAUTHENTICATED"},
		{GraphQLToken, `{ conversions(first: 1) { status } }`, "GRAPHQL_VALIDATION_FAILED"},
		{GraphQLToken, `{ conversions(page: 1) { id } }`, "GRAPHQL_VALIDATION_FAILED"},
		{GraphQLToken, `{ payments { id } }`, "GRAPHQL_VALIDATION_FAILED"},
		{GraphQLToken, `{ conversions(first: "1") { id } }`, "GRAPHQL_PARSE_FAILED"},
		{GraphQLToken, `{ conversions { id }`, "GRAPHQL_PARSE_FAILED"},
	} {
		status, out := gqlPost(t, s, tt.token, tt.query)
		assert.Equal(t, http.StatusOK, status, tt.query)
		_, code := firstError(t, out)
		assert.Equal(t, tt.code, code, tt.query)
		assert.Nil(t, out["data"])
	}

	// first is capped at 200; the default is 50.
	s.SeedConversionsEvery(300, time.Unix(100000, 0), time.Second)
	_, out = gqlPost(t, s, GraphQLToken, `{ conversions(first: 500) { id } }`)
	assert.Len(t, out["data"].(map[string]any)["conversions"], MaxGraphQLPerPage)
	_, out = gqlPost(t, s, GraphQLToken, `query { conversions { id } }`)
	assert.Len(t, out["data"].(map[string]any)["conversions"], DefaultGraphQLPerPage)
}
