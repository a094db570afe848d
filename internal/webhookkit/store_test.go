package webhookkit

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newTestStore(ttl time.Duration) (*MemoryStore, *testclock.Clock) {
	clk := testclock.New(time.Date(2025, 1, 15, 10, 0, 0, 0, time.UTC))
	m := NewMemoryStore(ttl)
	m.now = clk.Now
	return m, clk
}

func TestMemoryStoreLifecycle(t *testing.T) {
	ctx := context.Background()
	m, _ := newTestStore(time.Hour)

	st, err := m.Claim(ctx, "a")
	require.NoError(t, err)
	assert.Equal(t, ClaimNew, st)
	st, _ = m.Claim(ctx, "a")
	assert.Equal(t, ClaimBusy, st, "claimed and not completed")

	require.NoError(t, m.Release(ctx, "a"))
	st, _ = m.Claim(ctx, "a")
	assert.Equal(t, ClaimNew, st, "released claims can be taken again")

	require.NoError(t, m.Complete(ctx, "a"))
	st, _ = m.Claim(ctx, "a")
	assert.Equal(t, ClaimDone, st)
	st, _ = m.Claim(ctx, "b")
	assert.Equal(t, ClaimNew, st, "keys are independent")
}

func TestMemoryStoreExpiresAndSweeps(t *testing.T) {
	ctx := context.Background()
	m, clk := newTestStore(time.Hour)
	for i := range 100 {
		_, _ = m.Claim(ctx, fmt.Sprint(i))
		_ = m.Complete(ctx, fmt.Sprint(i))
	}
	assert.Equal(t, 100, m.Len())

	_ = clk.Sleep(ctx, 59*time.Minute)
	st, _ := m.Claim(ctx, "1")
	assert.Equal(t, ClaimDone, st, "still remembered within the TTL")

	_ = clk.Sleep(ctx, 2*time.Minute)
	st, _ = m.Claim(ctx, "2")
	assert.Equal(t, ClaimNew, st, "forgotten after the TTL")

	_ = clk.Sleep(ctx, 7*time.Minute) // past the next sweep (every TTL/10), within ClaimTTL
	st, _ = m.Claim(ctx, "x")
	assert.Equal(t, ClaimNew, st)
	assert.Equal(t, 2, m.Len(), "expired keys are swept; only the claims on 2 and x remain")
}

func TestMemoryStoreStaleClaimExpires(t *testing.T) {
	ctx := context.Background()
	m, clk := newTestStore(time.Minute)
	st, _ := m.Claim(ctx, "crashed")
	require.Equal(t, ClaimNew, st)
	_ = clk.Sleep(ctx, 2*time.Minute)
	st, _ = m.Claim(ctx, "crashed")
	assert.Equal(t, ClaimNew, st, "a claim never settled does not block the event forever")
}

func TestMemoryStoreDefaultTTL(t *testing.T) {
	assert.Equal(t, DefaultMemoryTTL, NewMemoryStore(0).ttl)
	assert.Equal(t, DefaultMemoryTTL, NewMemoryStore(-time.Second).ttl)
}

func TestMemoryStoreConcurrentClaims(t *testing.T) {
	ctx := context.Background()
	m := NewMemoryStore(0)
	var wg sync.WaitGroup
	var mu sync.Mutex
	won := 0
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if st, _ := m.Claim(ctx, "same"); st == ClaimNew {
				mu.Lock()
				won++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	assert.Equal(t, 1, won, "exactly one delivery holds the claim")
}

func TestClaimStateString(t *testing.T) {
	assert.Equal(t, "new", ClaimNew.String())
	assert.Equal(t, "done", ClaimDone.String())
	assert.Equal(t, "busy", ClaimBusy.String())
	assert.Equal(t, "unknown", ClaimState(9).String())
}

func TestMemoryStoreClaimOutlivesNoCallback(t *testing.T) {
	ctx := context.Background()
	m, clk := newTestStore(DefaultMemoryTTL)
	st, _ := m.Claim(ctx, "stuck")
	require.Equal(t, ClaimNew, st)
	_ = clk.Sleep(ctx, ClaimTTL-time.Second)
	st, _ = m.Claim(ctx, "stuck")
	assert.Equal(t, ClaimBusy, st, "within ClaimTTL the claim holds")
	_ = clk.Sleep(ctx, 2*time.Second)
	st, _ = m.Claim(ctx, "stuck")
	assert.Equal(t, ClaimNew, st, "an unsettled claim lasts ClaimTTL, not the long TTL of processed keys")
	require.NoError(t, m.Complete(ctx, "stuck"))
	_ = clk.Sleep(ctx, time.Hour)
	st, _ = m.Claim(ctx, "stuck")
	assert.Equal(t, ClaimDone, st, "a processed key keeps the long TTL")
}
