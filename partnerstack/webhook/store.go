package webhook

import (
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/webhookkit"
)

// Store remembers processed events so that a redelivery is acknowledged
// without being processed twice. The same Store serves the webhook
// packages of every platform: keys are prefixed with the platform. Its
// methods:
//   - Claim(ctx context.Context, key string) ([ClaimState], error):
//     reserves a key before processing, atomically, and answers
//     [ClaimNew] (process it), [ClaimDone] (processed already) or
//     [ClaimBusy] (another delivery is processing it).
//   - Complete(ctx context.Context, key string) error: records that the
//     claimed event was processed.
//   - Release(ctx context.Context, key string) error: drops a claim whose
//     processing failed, so that a redelivery is processed.
type Store = webhookkit.Store

// ClaimState is the answer of Store.Claim: [ClaimNew], [ClaimDone] or
// [ClaimBusy]; the same type in every webhook package. Its method:
//   - String() string: the state's name.
type ClaimState = webhookkit.ClaimState

// Claim states.
const (
	ClaimNew  = webhookkit.ClaimNew
	ClaimDone = webhookkit.ClaimDone
	ClaimBusy = webhookkit.ClaimBusy
)

// MemoryStore is a [Store] held in memory, for a single process; the same
// type in every webhook package. Build one with [NewMemoryStore]. Its
// methods:
//   - Claim(ctx context.Context, key string) ([ClaimState], error): that of [Store];
//   - Complete(ctx context.Context, key string) error: that of [Store];
//   - Release(ctx context.Context, key string) error: that of [Store].
//   - Len() int: the number of keys it holds, expired ones not yet swept
//     included.
type MemoryStore = webhookkit.MemoryStore

// NewMemoryStore returns a MemoryStore that remembers events for ttl (72
// hours when ttl <= 0, long enough for any retry schedule).
func NewMemoryStore(ttl time.Duration) *MemoryStore { return webhookkit.NewMemoryStore(ttl) }
