package main

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// Refersion's conversions read through the GraphQL list, window by
// window, land once each, keyed by conversion id; a second run writes
// nothing new.
func TestRefersionConversionsThroughGraphQL(t *testing.T) {
	f := newFakes(t)
	cfg := testConfig(f)
	cfg.getenv = func(k string) string {
		if k == "REFERSION_CONVERSIONS" {
			return "graphql"
		}
		return ""
	}
	db := filepath.Join(t.TempDir(), "sync.db")
	requireOK(t, syncDB(t, context.Background(), cfg, db, "refersion"))
	got := dump(t, db)["refersion_conversions"]
	want := map[string]bool{}
	for _, c := range f.refersion.Conversions() {
		want[fmt.Sprint(c.ID)] = true
	}
	require.NotEmpty(t, want)
	assert.Len(t, got, len(want))
	for id := range got {
		assert.True(t, want[id], "conversion %s is not one of the fake's", id)
	}

	requireOK(t, syncDB(t, context.Background(), cfg, db, "refersion"))
	again := dump(t, db)["refersion_conversions"]
	assert.Equal(t, raws(map[string]map[string]row{"t": got}), raws(map[string]map[string]row{"t": again}))
}
