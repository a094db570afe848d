package webhookkit

import (
	"errors"
	"testing"

	"github.com/stretchr/testify/assert"
)

type testSettings struct{ applied []string }

type testOption func(*testSettings) error

func TestApplyOptions(t *testing.T) {
	add := func(name string) testOption {
		return func(s *testSettings) error { s.applied = append(s.applied, name); return nil }
	}
	fail := func(*testSettings) error { return errors.New("store is nil") }
	tests := []struct {
		name    string
		opts    []testOption
		applied []string
		wantErr string
	}{
		{"in order", []testOption{add("a"), add("b")}, []string{"a", "b"}, ""},
		{"nil skipped", []testOption{nil, add("a"), nil}, []string{"a"}, ""},
		{"first error stops", []testOption{add("a"), fail, add("b")}, []string{"a"}, "x/webhook: store is nil"},
		{"none", nil, nil, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var s testSettings
			err := ApplyOptions("x/webhook", &s, tt.opts)
			assert.Equal(t, tt.applied, s.applied)
			if tt.wantErr == "" {
				assert.NoError(t, err)
			} else {
				assert.EqualError(t, err, tt.wantErr)
			}
		})
	}
}
