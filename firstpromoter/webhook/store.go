package webhook

import (
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/webhookkit"
)

// Store remembers processed events so that a redelivery is acknowledged
// without being processed twice. The same Store serves the webhook
// packages of every platform of the module (it is the same interface
// type): keys are prefixed with the platform. Implementations must be
// safe for concurrent use; one shared by several replicas (Redis, SQL)
// makes the guarantee hold across them. Its methods:
//   - Claim(ctx context.Context, key string) (ClaimState, error): reserves
//     key before processing, atomically, and answers [ClaimNew] (process
//     it), [ClaimDone] (processed already) or [ClaimBusy] (another
//     delivery is processing it);
//   - Complete(ctx context.Context, key string) error: records that the
//     claimed event was processed;
//   - Release(ctx context.Context, key string) error: drops a claim whose
//     processing failed, so that a redelivery is processed.
type Store = webhookkit.Store

// ClaimState is the answer of [Store].Claim: [ClaimNew], [ClaimDone] or
// [ClaimBusy]. It is the same type in every webhook package of the
// module. Its method:
//   - String() string: "new", "done" or "busy".
type ClaimState = webhookkit.ClaimState

// Claim states.
const (
	// ClaimNew: the caller holds the claim and processes the event, then
	// calls Complete (success) or Release (failure).
	ClaimNew = webhookkit.ClaimNew
	// ClaimDone: the event was processed already; acknowledge it.
	ClaimDone = webhookkit.ClaimDone
	// ClaimBusy: another delivery of the event holds the claim; ask for
	// it to be delivered again later.
	ClaimBusy = webhookkit.ClaimBusy
)

// MemoryStore is a [Store] held in memory: it serves one process and
// forgets everything on restart. Processed keys are kept for a TTL; a claim
// never completed nor released expires after ten minutes (or the TTL if
// shorter). It is the same type in every webhook package of the module;
// build it with [NewMemoryStore]. Its methods:
//   - Claim, Complete and Release: those of [Store];
//   - Len() int: how many keys it holds, expired ones not yet swept
//     included.
type MemoryStore = webhookkit.MemoryStore

// NewMemoryStore returns a MemoryStore that remembers events for ttl (72
// hours when ttl <= 0, longer than FirstPromoter's retry schedule).
func NewMemoryStore(ttl time.Duration) *MemoryStore { return webhookkit.NewMemoryStore(ttl) }
