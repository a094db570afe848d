package main

import (
	"slices"
	"testing"
	"time"
)

// BenchmarkFleetSpeedup measures what more worker processes buy when the
// work waits on the network: 10 accounts (2 per platform) against fakes
// with a 100 ms round trip, every process at --concurrency 1, one process
// against three. Each configuration runs three times on a fresh database;
// the medians are reported, with their ratio as "speedup" (the target is
// at least 2.5).
//
//	FLEET_TEST_DATABASE_URL=... go test -run '^$' -bench FleetSpeedup -benchtime 1x
func BenchmarkFleetSpeedup(b *testing.B) {
	for b.Loop() {
		var one, three []time.Duration
		for range 3 {
			one = append(one, fleetRun(b, 1))
			three = append(three, fleetRun(b, 3))
		}
		m1, m3 := median(one), median(three)
		b.Logf("1 process: %v; 3 processes: %v", one, three)
		b.ReportMetric(m1.Seconds(), "s/run-1proc")
		b.ReportMetric(m3.Seconds(), "s/run-3procs")
		b.ReportMetric(m1.Seconds()/m3.Seconds(), "speedup")
	}
}

// fleetRun syncs a fresh fleet with procs worker processes and returns
// how long the workers took, from their start to the last job's end.
func fleetRun(b *testing.B, procs int) time.Duration {
	b.Helper()
	b.StopTimer()
	dsn, pool := testDB(b)
	fleet(b, dsn, "migrate")
	newFakeFleet(b, dsn, fleetOptions{perPlatform: 2, latency: 100 * time.Millisecond, records: 60})
	fleet(b, dsn, "schedule")
	b.StartTimer()
	start := time.Now()
	var ws []*worker
	for range procs {
		ws = append(ws, startWorker(b, dsn, "--concurrency", "1"))
	}
	waitIdle(b, pool, 5*time.Minute, ws...)
	elapsed := time.Since(start)
	b.StopTimer()
	for _, w := range ws {
		w.stop(b)
	}
	b.StartTimer()
	return elapsed
}

func median(ds []time.Duration) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}
