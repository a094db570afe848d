package main

import (
	"context"
	"fmt"
	"testing"
	"time"
)

// TestKillAndResume kills one of three worker processes (SIGKILL) while
// it is in the middle of a stream, starts another one later, and expects
// the same tables as a clean run: River rescues the dead worker's jobs
// after the rescue time and another worker resumes them from their
// checkpoints.
func TestKillAndResume(t *testing.T) {
	dsn, pool := testDB(t)
	ctx := context.Background()
	fleet(t, dsn, "migrate")
	accts := newFakeFleet(t, dsn, fleetOptions{perPlatform: 4, latency: 20 * time.Millisecond, records: 120, enforce: true})
	fleet(t, dsn, "schedule")
	ws := []*worker{startWorker(t, dsn), startWorker(t, dsn), startWorker(t, dsn)}
	victim := ws[0]

	// Wait until the victim runs a job whose stream has committed a page
	// of an unfinished pass: mid-stream.
	pattern := fmt.Sprintf("%%_pid%d_%%", victim.cmd.Process.Pid)
	deadline := time.Now().Add(time.Minute)
	for {
		var n int
		err := pool.QueryRow(ctx, `SELECT count(*) FROM river_job j JOIN checkpoints c
			ON c.account_id = (j.args->>'account_id')::bigint AND c.stream = j.args->>'stream'
			WHERE j.state = 'running' AND j.attempted_by[array_length(j.attempted_by, 1)] LIKE $1
			AND (c.state->>'in_progress')::boolean AND c.version > 0`, pattern).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n > 0 {
			break
		}
		if time.Now().After(deadline) {
			dumpJobs(t, pool, ws)
			t.Fatal("the victim never got to the middle of a stream")
		}
		time.Sleep(20 * time.Millisecond)
	}
	victim.kill()
	var orphans int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE state = 'running' AND attempted_by[array_length(attempted_by, 1)] LIKE $1`,
		pattern).Scan(&orphans); err != nil {
		t.Fatal(err)
	}
	t.Logf("killed worker %d with %d job(s) running", victim.cmd.Process.Pid, orphans)

	// Another worker joins later: once the others have run out of work
	// or after a few seconds, whichever comes first.
	joinBy := time.Now().Add(5 * time.Second)
	for time.Now().Before(joinBy) {
		var available int
		if err := pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE state = 'available'`).Scan(&available); err != nil {
			t.Fatal(err)
		}
		if available == 0 {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	ws = append(ws, startWorker(t, dsn))
	waitIdle(t, pool, 4*time.Minute, ws...)
	checkTables(t, pool, accts)
	if req, n := throttled(accts); n != 0 {
		t.Errorf("the fakes answered %d of %d requests with 429", n, req)
	}
	var rescued int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM river_job WHERE attempted_by[1] LIKE $1 AND array_length(attempted_by, 1) > 1`,
		pattern).Scan(&rescued); err != nil {
		t.Fatal(err)
	}
	if rescued < orphans {
		t.Errorf("%d of the victim's %d jobs were finished by another worker", rescued, orphans)
	}
}
