package tolerant

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestSplitValidJSON(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"scalars", ` [ 1 , -2.5e3,"a",true ,false, null ] `, []string{`1`, `-2.5e3`, `"a"`, `true`, `false`, `null`}},
		{"nested", `[{"a":[1,{"b":"]}"}]},[[],{}],"\"[{"]`, []string{`{"a":[1,{"b":"]}"}]}`, `[[],{}]`, `"\"[{"`}},
		{"escapes", `["\\", "\\\"", "\u005d"]`, []string{`"\\"`, `"\\\""`, `"\u005d"`}},
		{"empty", `[]`, []string{}},
		{"space inside", "[\n\t{ \"a\" : 1 }\r\n]", []string{`{ "a" : 1 }`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := bytes.TrimSpace([]byte(tt.body))
			require.True(t, json.Valid(body))
			got := []string{}
			for _, it := range Elements(body) {
				got = append(got, string(it))
			}
			assert.Equal(t, tt.want, got)
		})
	}
	m := ObjectMembers([]byte(`{"a\u0062":1, "x":{"y":"}"} ,"a\"":[ ],"x":2}`))
	assert.Equal(t, map[string]json.RawMessage{"ab": json.RawMessage(`1`), `a"`: json.RawMessage(`[ ]`), "x": json.RawMessage(`2`)}, m,
		"escaped keys are unescaped; of repeated keys the last wins")
}
