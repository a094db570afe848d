package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	fpwebhook "github.com/affiliatekit/affiliatekit-go/firstpromoter/webhook"
)

// TestWebhookRedelivery delivers one FirstPromoter event three times: it
// is verified, enqueued and applied once; a later sync that reads the
// same commission updates that row, and a fourth delivery changes
// nothing.
func TestWebhookRedelivery(t *testing.T) {
	dsn, pool := testDB(t)
	ctx := context.Background()
	fleet(t, dsn, "migrate")
	a := fpAccount(t, 0, fleetOptions{latency: 5 * time.Millisecond, records: 40})
	fleet(t, dsn, append([]string{"accounts", "add", "--platform", a.platform, "--name", a.name}, a.args...)...)
	base := startWebhookServer(t, dsn)
	w := startWorker(t, dsn)

	want := a.expected()["transactions"]
	var id, amount string
	for id, amount = range want {
		break
	}
	body := fmt.Sprintf(`{"event_id": "evt-%s", "event_type": "commission.updated", "entity_type": "commission",
		"entity_id": %s, "data": {"id": %s, "status": "approved", "amount": %s}}`, id, id, id, strings.ReplaceAll(amount, ".", ""))
	deliver := func(secret string) (int, string) {
		req, err := http.NewRequest(http.MethodPost, base+"/webhooks/1", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set(fpwebhook.SignatureHeader, fpwebhook.Sign(secret, []byte(body)))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, strings.TrimSpace(string(b))
	}
	if code, _ := deliver("not-the-secret"); code != http.StatusUnauthorized {
		t.Fatalf("a forged delivery got %d, want 401", code)
	}
	for i, want := range []string{"ok", "already processed", "already processed"} {
		if code, msg := deliver("whsec-fp"); code != http.StatusOK || msg != want {
			t.Fatalf("delivery %d: %d %q, want 200 %q", i+1, code, msg, want)
		}
	}
	waitIdle(t, pool, time.Minute, w)
	counts := func() (jobs, events, rows int) {
		t.Helper()
		err := pool.QueryRow(ctx, `SELECT (SELECT count(*) FROM river_job WHERE kind = 'fleet_webhook'),
			(SELECT count(*) FROM webhook_events), (SELECT count(*) FROM transactions WHERE id = $1)`, id).Scan(&jobs, &events, &rows)
		if err != nil {
			t.Fatal(err)
		}
		return
	}
	if jobs, events, rows := counts(); jobs != 1 || events != 1 || rows != 1 {
		t.Fatalf("after three deliveries: %d jobs, %d events, %d rows; want 1 each", jobs, events, rows)
	}
	var source, stored string
	if err := pool.QueryRow(ctx, `SELECT source, amount::text FROM transactions WHERE id = $1`, id).Scan(&source, &stored); err != nil {
		t.Fatal(err)
	}
	if source != "webhook" || !sameDecimal(stored, amount) {
		t.Errorf("the webhook's row: source %s amount %s, want webhook %s", source, stored, amount)
	}

	// The sync reads the same commission: one row still, now the sync's.
	fleet(t, dsn, "schedule")
	waitIdle(t, pool, time.Minute, w)
	checkTables(t, pool, []*fakeAccount{a})
	if code, msg := deliver("whsec-fp"); code != http.StatusOK || msg != "already processed" {
		t.Errorf("a fourth delivery: %d %q", code, msg)
	}
	waitIdle(t, pool, time.Minute, w)
	if jobs, events, rows := counts(); jobs != 1 || events != 1 || rows != 1 {
		t.Errorf("after the sync and a fourth delivery: %d jobs, %d events, %d rows; want 1 each", jobs, events, rows)
	}
	var n int
	if err := pool.QueryRow(ctx, `SELECT count(*) FROM transactions`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != len(want) {
		t.Errorf("%d transactions, want %d", n, len(want))
	}
}

// startWebhookServer runs serve-webhooks on a free loopback port and
// returns its base URL once it answers.
func startWebhookServer(t *testing.T, dsn string) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(fleetBinary(t), "serve-webhooks", "--addr", addr)
	cmd.Env = append(os.Environ(), "DATABASE_URL="+dsn)
	logf, err := os.CreateTemp(t.TempDir(), "webhooks-*.log")
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = cmd.Process.Kill()
		_ = cmd.Wait()
		if t.Failed() {
			b, _ := os.ReadFile(logf.Name())
			t.Logf("serve-webhooks log:\n%s", b)
		}
	})
	base := "http://" + addr
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(base + "/webhooks/0")
		if err == nil {
			resp.Body.Close()
			return base
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve-webhooks did not start: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
