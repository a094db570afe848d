package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestGCRAStaysUnderTheQuota(t *testing.T) {
	for _, tc := range []struct {
		requests int
		per      time.Duration
	}{
		{20, time.Second}, {400, time.Minute}, {60, time.Minute}, {150, 30 * time.Second}, {10, time.Second}, {1, time.Minute}, {3, time.Second},
	} {
		emission, tolerance := gcra(tc.requests, tc.per)
		// At most 1 + tolerance/emission start at once, then one per
		// emission: within any window of per.
		most := 1 + int(tolerance/emission) + int(tc.per/emission)
		if most > tc.requests || emission <= 0 || tolerance < 0 {
			t.Errorf("%d/%s: emission %s tolerance %s lets %d start per window", tc.requests, tc.per, emission, tolerance, most)
		}
	}
}

func TestParseRate(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		per  time.Duration
		fail bool
	}{
		{"20/1s", 20, time.Second, false},
		{"60/1m", 60, time.Minute, false},
		{"0/1s", 0, 0, true},
		{"20", 0, 0, true},
		{"x/1s", 0, 0, true},
		{"5/0s", 0, 0, true},
		{"5/-1s", 0, 0, true},
	} {
		n, per, err := parseRate(tc.in)
		if (err != nil) != tc.fail || n != tc.n || per != tc.per {
			t.Errorf("parseRate(%q) = %d, %s, %v", tc.in, n, per, err)
		}
	}
}

func TestRedactDSN(t *testing.T) {
	for _, tc := range []struct{ in, secret string }{
		{"postgres://fleet:s3cr3t@db.example/fleet", "s3cr3t"},
		{"postgres://fleet@db.example/fleet?password=s3cr3t&sslmode=require", "s3cr3t"},
		{"host=db user=fleet password=s3cr3t dbname=fleet", "s3cr3t"},
		{"host=db user=fleet password='s3 cr3t' dbname=fleet", "cr3t"},
	} {
		if got := redactDSN(tc.in); strings.Contains(got, tc.secret) {
			t.Errorf("redactDSN(%q) = %q", tc.in, got)
		}
	}
}

func TestNextPass(t *testing.T) {
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	start := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC)
	prev := checkpoint{Next: now.Add(-time.Hour), Scan: 2}
	for _, tc := range []struct {
		name     string
		st       stream
		prev     checkpoint
		ok, full bool
		since    time.Time
		fullScan bool
		scan     int64
	}{
		{"new list", stream{mode: modeFull}, checkpoint{}, false, false, time.Time{}, false, 0},
		{"list --full", stream{mode: modeFull}, prev, true, true, time.Time{}, true, 3},
		{"updated", stream{mode: modeUpdated, overlap: time.Minute}, prev, true, false, prev.Next, false, 2},
		{"updated --full", stream{mode: modeUpdated}, prev, true, true, time.Time{}, true, 3},
		{"new window", stream{mode: modeWindow, start: start}, checkpoint{}, false, false, start, false, 0},
		{"window --full has no full scan", stream{mode: modeWindow, start: start}, prev, true, true, start, false, 2},
	} {
		cp := tc.st.nextPass(tc.prev, tc.ok, now, tc.full)
		if !cp.Since.Equal(tc.since) || cp.Full != tc.fullScan || cp.Scan != tc.scan || !cp.InProgress || !cp.Until.Equal(now) {
			t.Errorf("%s: %+v", tc.name, cp)
		}
	}
}

func TestCredentialErrorsNameNoSecret(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"api_key": "sk-live-123", "oops": "sk-live-456"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"GOOD": `{"api_key": "sk-live-789"}`, "BAD": `sk-live-000`}
	getenv := func(k string) string { return env[k] }
	for _, tc := range []struct {
		name string
		acct account
		ok   bool
	}{
		{"env", account{CredentialsEnv: "GOOD"}, true},
		{"env not JSON", account{CredentialsEnv: "BAD"}, false},
		{"env unset", account{CredentialsEnv: "MISSING"}, false},
		{"unknown field", account{CredentialsFile: bad}, false},
		{"no file", account{CredentialsFile: filepath.Join(dir, "none.json")}, false},
	} {
		c, err := loadCredentials(&tc.acct, getenv)
		if (err == nil) != tc.ok {
			t.Errorf("%s: %v", tc.name, err)
		}
		if err != nil && strings.Contains(err.Error(), "sk-live") {
			t.Errorf("%s: the error shows a secret: %v", tc.name, err)
		}
		if c != nil && strings.Contains(c.String(), "sk-live") {
			t.Errorf("%s: credentials print their secret", tc.name)
		}
	}
}

func TestCommandLine(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{nil, 2, "Usage"},
		{[]string{"help"}, 0, "Usage"},
		{[]string{"nope"}, 2, "unknown command"},
		{[]string{"status"}, 1, "DATABASE_URL is not set"},
		{[]string{"work", "--concurrency", "0"}, 2, "--concurrency"},
		{[]string{"work", "--job-timeout", "10s", "--rescue-after", "5s"}, 2, "--rescue-after"},
	} {
		var out, errb bytes.Buffer
		code := run(context.Background(), tc.args, func(string) string { return "" }, &out, &errb)
		if code != tc.code || !strings.Contains(out.String()+errb.String(), tc.want) {
			t.Errorf("fleet %v: exit %d, want %d with %q:\n%s%s", tc.args, code, tc.code, tc.want, out.String(), errb.String())
		}
	}
	var errb bytes.Buffer
	code := run(context.Background(), []string{"status"}, func(k string) string {
		if k == "DATABASE_URL" {
			return "postgres://fleet:hunter2@127.0.0.1:1/none?connect_timeout=1"
		}
		return ""
	}, &bytes.Buffer{}, &errb)
	if code != 1 || strings.Contains(errb.String(), "hunter2") {
		t.Errorf("a failed connection: exit %d, message %q", code, errb.String())
	}
}
