package main

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgxpool"
)

// testDSNVar names the environment variable with the DSN of a PostgreSQL
// server the tests may create databases in; .ci/run sets it.
const testDSNVar = "FLEET_TEST_DATABASE_URL"

// binary is the fleet binary, built once per test run.
var binary struct {
	once sync.Once
	dir  string
	path string
	err  error
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binary.dir != "" {
		os.RemoveAll(binary.dir)
	}
	os.Exit(code)
}

// fleetBinary builds the command once, into a temporary directory.
func fleetBinary(t testing.TB) string {
	t.Helper()
	binary.once.Do(func() {
		binary.dir, binary.err = os.MkdirTemp("", "fleet-bin-")
		if binary.err != nil {
			return
		}
		binary.path = filepath.Join(binary.dir, "fleet")
		out, err := exec.Command("go", "build", "-o", binary.path, ".").CombinedOutput()
		if err != nil {
			binary.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binary.err != nil {
		t.Fatal(binary.err)
	}
	return binary.path
}

// testDB creates a fresh database on the test server and returns its DSN
// and a pool; both go away with the test. Without the server the test is
// skipped.
func testDB(t testing.TB) (string, *pgxpool.Pool) {
	t.Helper()
	base := os.Getenv(testDSNVar)
	if base == "" {
		t.Skipf("%s is not set: these tests need a PostgreSQL server (.ci/run starts one)", testDSNVar)
	}
	ctx := context.Background()
	admin, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to the test server: %v", err)
	}
	defer admin.Close(ctx)
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "fleet_test_" + hex.EncodeToString(b)
	if _, err := admin.Exec(ctx, "CREATE DATABASE "+name); err != nil {
		t.Fatal(err)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	u.Path = "/" + name
	dsn := u.String()
	pool, err := pgxpool.New(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		pool.Close()
		c, err := pgx.Connect(context.Background(), base)
		if err == nil {
			_, _ = c.Exec(context.Background(), "DROP DATABASE "+name+" WITH (FORCE)")
			c.Close(context.Background())
		}
	})
	return dsn, pool
}

// fleet runs the binary to completion and returns its stdout.
func fleet(t testing.TB, dsn string, args ...string) string {
	t.Helper()
	cmd := exec.Command(fleetBinary(t), args...)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dsn)
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("fleet %s: %v\n%s", strings.Join(args, " "), err, stderr.String())
	}
	return string(out)
}

// worker is a running `fleet work` process.
type worker struct {
	cmd  *exec.Cmd
	log  *os.File
	done chan error
	once sync.Once
}

// startWorker starts `fleet work` with the test's job timing: a 4 s job
// timeout (2 s slices) and a 6 s rescue time.
func startWorker(t testing.TB, dsn string, extra ...string) *worker {
	t.Helper()
	logf, err := os.CreateTemp(t.TempDir(), "worker-*.log")
	if err != nil {
		t.Fatal(err)
	}
	args := append([]string{"work", "--job-timeout", "4s", "--rescue-after", "6s"}, extra...)
	cmd := exec.Command(fleetBinary(t), args...)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dsn)
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w := &worker{cmd: cmd, log: logf, done: make(chan error, 1)}
	go func() { w.done <- cmd.Wait(); close(w.done) }()
	t.Cleanup(func() { w.stop(t) })
	return w
}

// stop ends the worker with SIGTERM (SIGKILL after 40 s) and waits.
func (w *worker) stop(t testing.TB) {
	w.once.Do(func() {
		_ = w.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-w.done:
		case <-time.After(40 * time.Second):
			t.Logf("worker %d did not stop on SIGTERM; killed", w.cmd.Process.Pid)
			_ = w.cmd.Process.Kill()
			<-w.done
		}
	})
}

// kill ends the worker with SIGKILL, as a machine dying would.
func (w *worker) kill() {
	w.once.Do(func() {
		_ = w.cmd.Process.Kill()
		<-w.done
	})
}

// logText returns what the worker logged so far.
func (w *worker) logText() string {
	b, _ := os.ReadFile(w.log.Name())
	return string(b)
}

// waitIdle polls the database until no job is waiting or running, with a
// deadline, and fails the test if any job was discarded or cancelled.
func waitIdle(t testing.TB, pool *pgxpool.Pool, deadline time.Duration, workers ...*worker) {
	t.Helper()
	ctx := context.Background()
	end := time.Now().Add(deadline)
	for {
		var pending, failed int
		err := pool.QueryRow(ctx, `SELECT count(*) FILTER (WHERE state NOT IN ('completed', 'cancelled', 'discarded')),
			count(*) FILTER (WHERE state IN ('cancelled', 'discarded')) FROM river_job`).Scan(&pending, &failed)
		if err != nil {
			t.Fatal(err)
		}
		if failed > 0 {
			dumpJobs(t, pool, workers)
			t.Fatalf("%d job(s) failed for good", failed)
		}
		if pending == 0 {
			return
		}
		if time.Now().After(end) {
			dumpJobs(t, pool, workers)
			t.Fatalf("%d job(s) still pending after %s", pending, deadline)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func dumpJobs(t testing.TB, pool *pgxpool.Pool, workers []*worker) {
	t.Helper()
	rows, err := pool.Query(context.Background(), `SELECT id, state, args::text, attempt, coalesce(errors::text, '') FROM river_job WHERE state <> 'completed' ORDER BY id`)
	if err == nil {
		for rows.Next() {
			var id int64
			var state, args, errs string
			var attempt int
			_ = rows.Scan(&id, &state, &args, &attempt, &errs)
			t.Logf("job %d %s attempt %d %s %.400s", id, state, attempt, args, errs)
		}
		rows.Close()
	}
	for i, w := range workers {
		lines := strings.Split(w.logText(), "\n")
		t.Logf("worker %d log (last lines):\n%s", i, strings.Join(lines[max(0, len(lines)-30):], "\n"))
	}
}

// countingProxy stands in front of a fake on loopback and counts the 429
// answers the fake gives, so the test sees every worker's traffic.
type countingProxy struct {
	srv       *httptest.Server
	requests  atomic.Int64
	throttled atomic.Int64
}

func newCountingProxy(t testing.TB, target string) *countingProxy {
	t.Helper()
	u, err := url.Parse(target)
	if err != nil {
		t.Fatal(err)
	}
	p := &countingProxy{}
	rp := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: u.Scheme, Host: u.Host})
	rp.Transport = &http.Transport{MaxIdleConnsPerHost: 64}
	// A worker killed mid-request leaves the proxy a cancelled request:
	// answered 502 to nobody, not worth a line.
	rp.ErrorLog = log.New(io.Discard, "", 0)
	rp.ModifyResponse = func(r *http.Response) error {
		p.requests.Add(1)
		if r.StatusCode == http.StatusTooManyRequests {
			p.throttled.Add(1)
		}
		return nil
	}
	p.srv = httptest.NewServer(rp)
	t.Cleanup(p.srv.Close)
	return p
}

// via returns the fake's URL rewritten to go through the proxy.
func (p *countingProxy) via(t testing.TB, fakeURL string) string {
	t.Helper()
	u, err := url.Parse(fakeURL)
	if err != nil {
		t.Fatal(err)
	}
	pu, _ := url.Parse(p.srv.URL)
	u.Host = pu.Host
	return u.String()
}

// writeCredentials writes an account's credentials file.
func writeCredentials(t testing.TB, c credentials) string {
	t.Helper()
	b, err := json.Marshal(c)
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(t.TempDir(), "credentials.json")
	if err := os.WriteFile(f, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return f
}
