package postaffiliatepro

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzDecodeList feeds arbitrary bodies through the list decoding: it may
// reject them, never panic.
func FuzzDecodeList(f *testing.F) {
	files, _ := filepath.Glob(filepath.Join("testdata", "*.json"))
	for _, name := range files {
		if b, err := os.ReadFile(name); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"data":{"items":[{"id":1,"created_at":"2026-01-01 10:00:00","commission":"1e3"}],"count":"5"}}`))
	f.Add([]byte(`{"data":null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		env, err := extractList(body, transactionKeys)
		if err != nil {
			return
		}
		if env.total != nil && *env.total < 0 {
			t.Fatalf("negative total %d", *env.total)
		}
		for _, raw := range env.items {
			tx, err := decodeRecord[Transaction](raw, time.UTC)
			if err == nil && tx == nil {
				t.Fatal("nil record without an error")
			}
		}
	})
}
