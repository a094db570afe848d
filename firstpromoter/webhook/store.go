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
type Store = webhookkit.Store

// ClaimState is the answer of Store.Claim.
type ClaimState = webhookkit.ClaimState

// Claim states.
const (
	ClaimNew  = webhookkit.ClaimNew
	ClaimDone = webhookkit.ClaimDone
	ClaimBusy = webhookkit.ClaimBusy
)

// MemoryStore is a Store held in memory, for a single process.
type MemoryStore = webhookkit.MemoryStore

// NewMemoryStore returns a MemoryStore that remembers events for ttl (72
// hours when ttl <= 0, longer than FirstPromoter's retry schedule).
func NewMemoryStore(ttl time.Duration) *MemoryStore { return webhookkit.NewMemoryStore(ttl) }
