package main

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
)

// TestFleet runs 20 accounts (4 per platform) with three worker processes
// against the fakes, with a simulated round trip and the fakes' quotas
// enforced; then a second run, then a full scan after a deletion.
func TestFleet(t *testing.T) {
	dsn, pool := testDB(t)
	ctx := context.Background()
	fleet(t, dsn, "migrate")
	accts := newFakeFleet(t, dsn, fleetOptions{perPlatform: 4, latency: 20 * time.Millisecond, records: 120, enforce: true})

	t.Run("three workers copy every account", func(t *testing.T) {
		out := fleet(t, dsn, "schedule")
		if !strings.Contains(out, "queued 52 sync job(s)") {
			t.Fatalf("schedule: %s", out)
		}
		// Scheduling again while the jobs wait adds none: unique jobs.
		if out := fleet(t, dsn, "schedule"); !strings.Contains(out, "queued 0 sync job(s); 52") {
			t.Fatalf("second schedule: %s", out)
		}
		ws := []*worker{startWorker(t, dsn), startWorker(t, dsn), startWorker(t, dsn)}
		waitIdle(t, pool, 3*time.Minute, ws...)
		checkTables(t, pool, accts)
		if req, n := throttled(accts); n != 0 {
			t.Errorf("the fakes answered %d of %d requests with 429", n, req)
		}
		for _, a := range accts[:5] {
			t.Logf("%s/%s: %d requests", a.platform, a.name, a.proxy.requests.Load())
		}
		var attempts []string
		for i, w := range ws {
			if c := strings.Count(w.logText(), `msg="sync started"`); c > 0 {
				attempts = append(attempts, string(rune('0'+i)))
			}
		}
		if len(attempts) < 2 {
			t.Errorf("only workers %v ran jobs; want the work spread", attempts)
		}
		for _, w := range ws {
			w.stop(t)
		}
	})

	t.Run("a second run writes nothing", func(t *testing.T) {
		var before time.Time
		if err := pool.QueryRow(ctx, `SELECT clock_timestamp()`).Scan(&before); err != nil {
			t.Fatal(err)
		}
		fleet(t, dsn, "schedule")
		w := startWorker(t, dsn, "--concurrency", "8")
		waitIdle(t, pool, 3*time.Minute, w)
		w.stop(t)
		for _, tb := range recordTables {
			var n int
			if err := pool.QueryRow(ctx, `SELECT count(*) FROM `+tb+` WHERE written_at > $1 OR deleted_at IS NOT NULL`, before).Scan(&n); err != nil {
				t.Fatal(err)
			}
			if n != 0 {
				t.Errorf("%s: %d rows written by the second run", tb, n)
			}
		}
		checkTables(t, pool, accts)
	})

	t.Run("a full scan marks deleted records", func(t *testing.T) {
		var ps *fakeAccount
		for _, a := range accts {
			if a.ps != nil {
				ps = a
				break
			}
		}
		gone := ps.ps.Customers()[7].Key
		client, err := partnerstack.NewClient(partnerstack.WithBaseURL(ps.ps.URL), partnerstack.WithKeys(psKeys()))
		if err != nil {
			t.Fatal(err)
		}
		if err := client.Customers.Delete(ctx, gone); err != nil {
			t.Fatal(err)
		}
		// An incremental run cannot see a deletion.
		fleet(t, dsn, "schedule", "partnerstack/"+ps.name)
		w := startWorker(t, dsn)
		waitIdle(t, pool, time.Minute, w)
		if deletedAt(t, pool, ps, "referrals", gone) {
			t.Fatal("an incremental pass marked a record deleted")
		}
		fleet(t, dsn, "schedule", "--full")
		waitIdle(t, pool, 3*time.Minute, w)
		w.stop(t)
		if !deletedAt(t, pool, ps, "referrals", gone) {
			t.Errorf("customer %s deleted on the platform is not marked deleted after --full", gone)
			var state string
			_ = pool.QueryRow(ctx, `SELECT c.state::text FROM checkpoints c JOIN accounts a ON a.id = c.account_id
				WHERE a.platform = 'partnerstack' AND a.name = $1 AND c.stream = 'customers'`, ps.name).Scan(&state)
			t.Logf("checkpoint of %s customers: %s", ps.name, state)
			dumpJobs(t, pool, []*worker{w})
		}
		var n int
		if err := pool.QueryRow(ctx, `SELECT count(*) FROM referrals WHERE deleted_at IS NOT NULL`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("%d referrals marked deleted, want 1", n)
		}
		checkTables(t, pool, accts)
		if _, n := throttled(accts); n != 0 {
			t.Errorf("the fakes answered %d requests with 429", n)
		}
	})

	t.Run("status shows every stream and no secret", func(t *testing.T) {
		out := fleet(t, dsn, "status")
		if got := strings.Count(out, "\n"); got != 53 {
			t.Errorf("status has %d lines, want 53:\n%s", got, out)
		}
		for _, secret := range allTestSecrets() {
			if strings.Contains(out, secret) {
				t.Errorf("status shows a secret")
			}
		}
	})
}

// deletedAt reports whether the account's record with id is marked
// deleted (the fakes of one platform seed the same ids).
func deletedAt(t testing.TB, q querier, a *fakeAccount, table, id string) bool {
	t.Helper()
	var deleted bool
	if err := q.QueryRow(context.Background(), `SELECT r.deleted_at IS NOT NULL FROM `+table+` r JOIN accounts a ON a.id = r.account_id
		WHERE a.platform = $1 AND a.name = $2 AND r.id = $3`, a.platform, a.name, id).Scan(&deleted); err != nil {
		t.Fatal(err)
	}
	return deleted
}
