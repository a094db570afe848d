package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

func TestHelpExplainsTheFlags(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), []string{"-h"}, func(string) string { return "" }, &stdout, &stderr)
	assert.Zero(t, code)
	for _, want := range []string{"Usage: go run . [flags]", "-db", "-platform", "-since", "-full", "FIRSTPROMOTER_API_KEY", "EVERFLOW_API_KEY"} {
		assert.Contains(t, stderr.String(), want)
	}
}

func TestBadFlagsExitTwo(t *testing.T) {
	for _, args := range [][]string{
		{"-since", "yesterday"},
		{"-platform", "firstpromoter,shopify"},
		{"-db", "x.db", "extra"},
	} {
		var stdout, stderr bytes.Buffer
		code := run(context.Background(), args, func(string) string { return "" }, &stdout, &stderr)
		assert.Equal(t, 2, code, args)
		assert.Contains(t, stderr.String(), "sync: ", args)
	}
}

func TestParseFlags(t *testing.T) {
	o, err := parseFlags([]string{"-db", "a.db", "-platform", "everflow, PartnerStack,everflow", "-since", "2025-03-01", "-full"}, &bytes.Buffer{})
	require.NoError(t, err)
	assert.Equal(t, "a.db", o.db)
	assert.Equal(t, []string{"everflow", "partnerstack"}, o.platforms)
	assert.True(t, selected(o.platforms, "everflow"))
	assert.False(t, selected(o.platforms, "refersion"))

	assert.Equal(t, time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), o.since)
	assert.True(t, o.full)

	o, err = parseFlags([]string{"-platform", "everflow/postbacks,refersion"}, &bytes.Buffer{})
	require.NoError(t, err)
	assert.True(t, selected(o.platforms, "everflow"))
	assert.True(t, selected(o.platforms, "refersion"))
	assert.False(t, selected(o.platforms, "firstpromoter"))

	o, err = parseFlags([]string{"-since", "2025-03-01T12:00:00+02:00"}, &bytes.Buffer{})
	require.NoError(t, err)
	assert.ElementsMatch(t, platformNames, o.platforms)
	assert.Equal(t, time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC), o.since)
}

// TestCredentialsSelectTheRealAPIPath runs the program as a user with
// credentials would, against a fake server on loopback named by
// POSTAFFILIATEPRO_BASE_URL: a good run exits 0 with its summary, and a
// failing API makes it exit 1 naming the stream and the error.
func TestCredentialsSelectTheRealAPIPath(t *testing.T) {
	srv := postaffiliateprotest.NewServer(postaffiliateprotest.WithRateLimit(0, time.Minute))
	t.Cleanup(srv.Close)
	srv.SeedAffiliates(250)
	srv.SeedTransactions(320)
	env := map[string]string{
		"POSTAFFILIATEPRO_API_KEY":  postaffiliateprotest.APIKey,
		"POSTAFFILIATEPRO_BASE_URL": srv.URL,
	}
	db := filepath.Join(t.TempDir(), "sync.db")
	args := []string{"-db", db, "-platform", "postaffiliatepro"}

	var stdout, stderr bytes.Buffer
	code := run(context.Background(), args, func(k string) string { return env[k] }, &stdout, &stderr)
	require.Zero(t, code, stderr.String())
	assert.Contains(t, stderr.String(), "postaffiliatepro: real API at "+srv.URL)
	assert.Regexp(t, `postaffiliatepro/affiliates\s+full\s+250\s+250\s`, stdout.String())
	assert.Regexp(t, `postaffiliatepro/transactions\s+full\s+320\s+320\s`, stdout.String())
	assert.Regexp(t, `total\s+570\s+570\s`, stdout.String())

	// The next request fails. The platform's two streams run at once, so
	// either may be the one that meets it; the other completes.
	srv.Inject(1, postaffiliateprotest.Fault{Status: 403})
	stdout.Reset()
	stderr.Reset()
	code = run(context.Background(), args, func(k string) string { return env[k] }, &stdout, &stderr)
	assert.Equal(t, 1, code)
	assert.Contains(t, stderr.String(), "sync: 1 stream(s) failed")
	assert.Contains(t, stderr.String(), "403")
	failed, ok, n := "affiliates", "transactions", "320"
	if !strings.Contains(stderr.String(), "postaffiliatepro/affiliates: page 1:") {
		failed, ok, n = "transactions", "affiliates", "250"
	}
	assert.Contains(t, stderr.String(), "postaffiliatepro/"+failed+": page 1:")
	assert.Regexp(t, `postaffiliatepro/`+failed+`\s.*FAILED`, stdout.String())
	assert.Regexp(t, `postaffiliatepro/`+ok+`\s+full\s+`+n+`\s+0\s+0\s+`+n+`\s.*ok`, stdout.String())
}

func TestInterruptedRunExits130(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	db := filepath.Join(t.TempDir(), "sync.db")
	code := run(ctx, []string{"-db", db, "-platform", "refersion"}, func(string) string { return "" }, &stdout, &stderr)
	assert.Equal(t, 130, code)
	assert.Contains(t, stderr.String(), "sync: interrupted")
}
