package webhook

import (
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/webhookkit"
)

// Store remembers processed events so that a redelivery is acknowledged
// without being processed twice. Claim reserves a key before processing and
// answers ClaimNew (process it), ClaimDone (processed already) or ClaimBusy
// (another delivery is processing it); Complete records success and
// Release drops the claim after a failure. The same Store serves the
// webhook packages of every platform: keys are prefixed with the platform.
// Implementations must be safe for concurrent use. Its methods:
//   - Claim(ctx context.Context, key string) (ClaimState, error): reserve
//     key before its event is processed; it must be atomic.
//   - Complete(ctx context.Context, key string) error: record that the
//     event of a claimed key was processed.
//   - Release(ctx context.Context, key string) error: drop a claim whose
//     processing failed, so that a redelivery is processed.
type Store = webhookkit.Store

// ClaimState is the answer of [Store].Claim: [ClaimNew], [ClaimDone] or
// [ClaimBusy]. Its method:
//   - String() string: "new", "done", "busy" (or "unknown").
type ClaimState = webhookkit.ClaimState

// Claim states.
const (
	// ClaimNew: the caller holds the claim and processes the event, then
	// calls Complete (success) or Release (failure).
	ClaimNew = webhookkit.ClaimNew
	// ClaimDone: the event was processed already; acknowledge it.
	ClaimDone = webhookkit.ClaimDone
	// ClaimBusy: another delivery of the event holds the claim; the
	// handler answers 409 Conflict, for the platform to deliver it again.
	ClaimBusy = webhookkit.ClaimBusy
)

// MemoryStore is a [Store] held in memory: it serves one process and
// forgets everything on restart. Processed keys are kept for the TTL given
// to [NewMemoryStore]; a claim never completed nor released expires after
// ten minutes (or the TTL if shorter). It has no exported fields; its
// methods:
//   - Claim(ctx context.Context, key string) (ClaimState, error): the Store method;
//   - Complete(ctx context.Context, key string) error: the Store method;
//   - Release(ctx context.Context, key string) error: the Store method.
//   - Len() int: the number of keys held, claims and expired keys not yet
//     swept included.
type MemoryStore = webhookkit.MemoryStore

// NewMemoryStore returns a MemoryStore that remembers events for ttl (72
// hours when ttl <= 0, long enough for any retry schedule).
func NewMemoryStore(ttl time.Duration) *MemoryStore { return webhookkit.NewMemoryStore(ttl) }
