package webhookkit

import (
	"context"
	"sync"
	"time"
)

// ClaimState is the answer of Store.Claim.
type ClaimState int

// Claim states.
const (
	// ClaimNew: the caller holds the claim and processes the event, then
	// calls Complete (success) or Release (failure).
	ClaimNew ClaimState = iota
	// ClaimDone: the event was processed already; acknowledge it.
	ClaimDone
	// ClaimBusy: another delivery of the event holds the claim; ask the
	// platform to deliver it again later.
	ClaimBusy
)

// String names the state.
func (s ClaimState) String() string {
	switch s {
	case ClaimNew:
		return "new"
	case ClaimDone:
		return "done"
	case ClaimBusy:
		return "busy"
	}
	return "unknown"
}

// Store remembers which events were processed, so that a redelivered event
// is acknowledged without being processed twice. Implementations must be
// safe for concurrent use; one shared by several server replicas (Redis,
// SQL) makes the guarantee hold across them.
//
// A Redis implementation, for instance: Claim runs SET key busy NX EX
// <claim ttl> and, when the key exists, reports ClaimDone or ClaimBusy from
// its value; Complete runs SET key done EX <ttl>; Release runs DEL key. The
// claim's TTL is short (ClaimTTL): a replica that dies inside a callback
// never releases its claim, and a claim as long-lived as the done marks
// would turn every redelivery away until the platform gives up.
type Store interface {
	// Claim reserves key before its event is processed; it must be atomic.
	Claim(ctx context.Context, key string) (ClaimState, error)
	// Complete records that the event of a claimed key was processed.
	Complete(ctx context.Context, key string) error
	// Release drops a claim whose processing failed, so that a redelivery
	// is processed.
	Release(ctx context.Context, key string) error
}

// ClaimTTL is how long a claim lasts when its holder neither completes nor
// releases it (a crash inside a callback): long enough for any callback,
// short enough for the platform's next redelivery to process the event.
const ClaimTTL = 10 * time.Minute

// DefaultMemoryTTL is how long a MemoryStore remembers a key unless told
// otherwise: longer than any platform's documented retry schedule
// (FirstPromoter retries for about 17 hours).
const DefaultMemoryTTL = 72 * time.Hour

// MemoryStore is a Store held in memory: it serves one process and forgets
// everything on restart. Processed keys are kept for a TTL and swept as new
// ones arrive; a claim whose holder never completes nor releases it (a
// callback that never returns) expires after ClaimTTL, or the TTL if that
// is shorter.
type MemoryStore struct {
	mu        sync.Mutex
	ttl       time.Duration
	now       func() time.Time
	entries   map[string]memoryEntry
	nextSweep time.Time
}

type memoryEntry struct {
	done    bool
	expires time.Time
}

// NewMemoryStore returns an empty MemoryStore that remembers keys for ttl
// (DefaultMemoryTTL when ttl <= 0).
func NewMemoryStore(ttl time.Duration) *MemoryStore {
	if ttl <= 0 {
		ttl = DefaultMemoryTTL
	}
	return &MemoryStore{ttl: ttl, now: time.Now, entries: make(map[string]memoryEntry)}
}

// Claim implements Store.
func (m *MemoryStore) Claim(_ context.Context, key string) (ClaimState, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := m.now()
	m.sweep(now)
	if e, ok := m.entries[key]; ok && now.Before(e.expires) {
		if e.done {
			return ClaimDone, nil
		}
		return ClaimBusy, nil
	}
	m.entries[key] = memoryEntry{expires: now.Add(min(m.ttl, ClaimTTL))}
	return ClaimNew, nil
}

// Complete implements Store.
func (m *MemoryStore) Complete(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.entries[key] = memoryEntry{done: true, expires: m.now().Add(m.ttl)}
	return nil
}

// Release implements Store.
func (m *MemoryStore) Release(_ context.Context, key string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.entries, key)
	return nil
}

// Len returns how many keys the store holds, expired ones not yet swept
// included.
func (m *MemoryStore) Len() int {
	m.mu.Lock()
	defer m.mu.Unlock()
	return len(m.entries)
}

// sweep drops expired keys, at most every tenth of the TTL.
func (m *MemoryStore) sweep(now time.Time) {
	if now.Before(m.nextSweep) {
		return
	}
	for k, e := range m.entries {
		if !now.Before(e.expires) {
			delete(m.entries, k)
		}
	}
	m.nextSweep = now.Add(m.ttl / 10)
}
