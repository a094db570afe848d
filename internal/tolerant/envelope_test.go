package tolerant

import (
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// recordKeys are the keys of a list of affiliates of an undocumented API.
var recordKeys = []string{"data", "items", "results", "affiliates"}

func TestRecords(t *testing.T) {
	tests := []struct {
		name      string
		body      string
		wantN     int
		wantTotal int // -1: none
	}{
		{"bare array", `[{"id":"a"},{"id":"b"}]`, 2, -1},
		{"empty array", `[]`, 0, -1},
		{"data", `{"data":[{"id":"a"}],"total":9}`, 1, 9},
		{"items", `{"items":[{"id":"a"}],"total_count":"9"}`, 1, 9},
		{"results", `{"results":[{"id":"a"}],"totalCount":9}`, 1, 9},
		{"resource key", `{"affiliates":[{"id":"a"}]}`, 1, -1},
		{"data items", `{"data":{"items":[{"id":"a"}],"total":4}}`, 1, 4},
		{"data results, total outside", `{"data":{"results":[{"id":"a"}]},"total":4}`, 1, 4},
		{"data resource", `{"data":{"affiliates":[{"id":"a"}]}}`, 1, -1},
		{"meta total", `{"data":[{"id":"a"}],"meta":{"total":12}}`, 1, 12},
		{"pagination total", `{"items":[{"id":"a"}],"pagination":{"total_count":12}}`, 1, 12},
		{"count equal to page is not a total", `{"data":[{"id":"a"},{"id":"b"}],"count":2}`, 2, -1},
		{"count beyond page is a total", `{"data":[{"id":"a"},{"id":"b"}],"count":20}`, 2, 20},
		{"null data", `{"data":null,"total":0}`, 0, 0},
		{"negative total ignored", `{"data":[],"total":-1}`, 0, -1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, total, err := Records([]byte(tt.body), recordKeys)
			require.NoError(t, err)
			assert.Len(t, items, tt.wantN)
			if tt.wantTotal < 0 {
				assert.Nil(t, total)
			} else {
				require.NotNil(t, total)
				assert.Equal(t, tt.wantTotal, *total)
			}
		})
	}
	for _, bad := range []string{`{"message":"ok"}`, `"text"`, `{"data":{"id":"a"}}`, `{"transactions":[]}`} {
		_, _, err := Records([]byte(bad), recordKeys)
		assert.Error(t, err, bad)
	}
}

func TestUnwrap(t *testing.T) {
	for _, body := range []string{
		`{"id":"a1","username":"x@example.com"}`,
		`{"data":{"id":"a1","username":"x@example.com"}}`,
		`{"affiliate":{"id":"a1","username":"x@example.com"}}`,
	} {
		raw, err := Unwrap([]byte(body), "data", "affiliate")
		require.NoError(t, err)
		var a struct{ ID, Username string }
		require.NoError(t, json.Unmarshal(raw, &a))
		assert.Equal(t, "a1", a.ID, body)
		assert.Equal(t, "x@example.com", a.Username, body)
	}
	_, err := Unwrap([]byte(`[{"id":"a1"}]`), "data", "affiliate")
	assert.Error(t, err)
}
