package apicheck

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestNoCapturedWrites runs the check over the whole module: no option
// constructor (nor any other closure) rewrites what it captured.
func TestNoCapturedWrites(t *testing.T) {
	found, err := CapturedWrites(filepath.Join("..", ".."))
	require.NoError(t, err)
	assert.Empty(t, found)
}

func TestCapturedWrites(t *testing.T) {
	tests := []struct {
		name, src string
		want      int
	}{
		{"rewrites its capture", `func WithKey(key string) func() string {
	return func() string { key = trim(key); return key }
}`, 1},
		{"normalises before the closure", `func WithKey(key string) func() string {
	key = trim(key)
	return func() string { return key }
}`, 0},
		{"shadows with :=", `func WithKey(key string) func() string {
	return func() string { key := trim(key); key = key + "!"; return key }
}`, 0},
		{"its own parameter", `func WithKey(key string) func(string) string {
	return func(key string) string { key = trim(key); return key }
}`, 0},
		{"a range variable", `func WithKeys(key string, keys []string) func() {
	return func() { for _, key := range keys { key = trim(key); _ = key } }
}`, 0},
		{"increments", `func Counter(n int) func() int {
	return func() int { n++; return n }
}`, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			src := "package p\n\nfunc trim(s string) string { return s }\n\n" + tt.src + "\n"
			require.NoError(t, os.WriteFile(filepath.Join(dir, "p.go"), []byte(src), 0o644))
			found, err := CapturedWrites(dir)
			require.NoError(t, err)
			assert.Len(t, found, tt.want, "%v", found)
		})
	}
}
