package wirecheck

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDiff(t *testing.T) {
	type rec struct {
		ID     int64   `json:"id"`
		Amount string  `json:"amount"`
		When   string  `json:"when"`
		Extra  bool    `json:"extra"`
		Tags   []int   `json:"tags"`
		Parent *string `json:"parent"`
	}
	cases := []struct {
		name   string
		want   string
		got    any
		except []string
		diffs  []string
	}{
		{"equal with added key", `{"id":1,"tags":[1,2],"parent":null}`, rec{ID: 1, Tags: []int{1, 2}}, nil, nil},
		{"numbers by value", `{"id":1.0}`, rec{ID: 1}, nil, nil},
		{"times by instant", `{"when":"2026-01-02T03:04:05.000Z"}`, rec{When: "2026-01-02T03:04:05Z"}, nil, nil},
		{"lost key", `{"id":1,"gone":{"a":1}}`, rec{ID: 1}, nil, []string{`gone: lost (the example has {"a":1})`}},
		{"changed value", `{"id":2}`, rec{ID: 1}, nil, []string{"id: 1, want 2"}},
		{"number as string", `{"amount":12.5}`, rec{Amount: "12.5"}, nil, []string{`amount: "12.5", want 12.5`}},
		{"excepted path", `{"amount":12.5}`, rec{Amount: "12.5"}, []string{"amount"}, nil},
		{"excepted subtree", `{"id":1,"gone":{"a":1}}`, rec{ID: 1}, []string{"gone.*"}, nil},
		{"array length", `{"tags":[1]}`, rec{Tags: []int{1, 2}}, nil, []string{"tags: 2 elements, want 1"}},
		{"null kept apart", `{"parent":"p"}`, rec{}, nil, []string{`parent: null, want "p"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			diffs, err := Diff([]byte(tc.want), tc.got, tc.except...)
			require.NoError(t, err)
			assert.Equal(t, tc.diffs, diffs)
		})
	}
}
