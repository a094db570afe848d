package webhook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/internal/webhookkit"
)

// Event types documented by FirstPromoter ("Event Types", webhooks v2).
// Subscribe to them by name; new types reach Callbacks.Default.
const (
	PromoterCreated         = "promoter.created"
	PromoterUpdated         = "promoter.updated"
	PromoterDeleted         = "promoter.deleted"
	PromoterProfileUpdated  = "promoter.profile.updated"
	PromoterBalanceUpdated  = "promoter.balance.updated"
	PromoterCampaignCreated = "promoter_campaign.created"
	PromoterCampaignUpdated = "promoter_campaign.updated"
	PromoterCampaignDeleted = "promoter_campaign.deleted"
	ReferralCreated         = "referral.created"
	ReferralUpdated         = "referral.updated"
	ReferralDeleted         = "referral.deleted"
	ReferralMoved           = "referral.moved"
	CommissionCreated       = "commission.created"
	CommissionUpdated       = "commission.updated"
	CommissionDeleted       = "commission.deleted"
	PayoutCreated           = "payout.created"
	PayoutUpdated           = "payout.updated"
	PayoutDeleted           = "payout.deleted"
	PayoutCommissionCreated = "payout.commissions.created"
	PayoutCommissionUpdated = "payout.commissions.updated"
	PayoutCommissionDeleted = "payout.commissions.deleted"
	PayoutMethodCreated     = "payout_method.created"
	PayoutMethodUpdated     = "payout_method.updated"
	PayoutMethodDeleted     = "payout_method.deleted"
	PaymentsBatchCreated    = "payments_batch.created"
	PaymentsBatchUpdated    = "payments_batch.updated"
	PaymentsBatchDeleted    = "payments_batch.deleted"
	ContractDocumentSigned  = "contract_document.signed"
)

// Entity types of the resources this package decodes.
const (
	EntityPromoter         = "promoter"
	EntityPromoterCampaign = "promoter_campaign"
	EntityReferral         = "referral"
	EntityCommission       = "commission"
	EntityPayout           = "payout"
)

// Headers of a delivery.
const (
	// SignatureHeader carries the lowercase hex HMAC-SHA256 of the raw
	// body, keyed with the subscription's secret_key.
	SignatureHeader = "X-Webhook-Signature"
	// EventIDHeader and EventTypeHeader repeat the payload's event_id and
	// event_type.
	EventIDHeader   = "X-Event-Id"
	EventTypeHeader = "X-Event-Type"
)

// Event is one webhook delivery.
type Event struct {
	// ID is the event's UUID (event_id), the same in every delivery of the
	// event.
	ID string
	// Type is the event type, e.g. ReferralCreated.
	Type string
	// Action is created, updated or deleted.
	Action string
	// EntityType is the kind of resource in Data, e.g. EntityReferral.
	EntityType string
	// EntityID is the resource's id.
	EntityID int64
	// Changes maps each field an update changed to its old and new value;
	// empty for created and deleted events.
	Changes map[string]Change
	// Data is the resource as it was at the event, in the JSON form the
	// API uses; the typed accessors (Referral, Commission, ...) decode it.
	Data json.RawMessage
	// Time is when the event occurred.
	Time time.Time
	// Test reports a test delivery sent from the dashboard, whose Data is
	// {"test": true} rather than a resource.
	Test bool
	// Raw is the body as received.
	Raw []byte
}

// Change is a changed field's value before and after an update, as JSON
// (null for a field that was unset).
type Change struct {
	Old json.RawMessage
	New json.RawMessage
}

// UnmarshalJSON decodes the [old, new] pair FirstPromoter sends. Any other
// shape is kept whole in New.
func (c *Change) UnmarshalJSON(b []byte) error {
	var pair []json.RawMessage
	if err := json.Unmarshal(b, &pair); err != nil || len(pair) == 0 || len(pair) > 2 {
		c.Old, c.New = nil, append(json.RawMessage(nil), b...)
		return nil
	}
	c.Old, c.New = nil, pair[len(pair)-1]
	if len(pair) == 2 {
		c.Old = pair[0]
	}
	return nil
}

// payload is the wire form of a delivery.
type payload struct {
	EventID    webhookkit.String `json:"event_id"`
	EventType  string            `json:"event_type"`
	Action     string            `json:"action"`
	EntityType string            `json:"entity_type"`
	EntityID   webhookkit.Int    `json:"entity_id"`
	Changes    map[string]Change `json:"changes"`
	Data       json.RawMessage   `json:"data"`
	Timestamp  webhookkit.Time   `json:"timestamp"`
}

// Parse decodes a delivery's body, without verifying it (see
// VerifySignature). header may be nil; when the payload lacks event_id or
// event_type, the X-Event-Id and X-Event-Type headers fill them in. The
// error wraps ErrMalformedPayload.
func Parse(header http.Header, body []byte) (*Event, error) {
	var p payload
	if err := json.Unmarshal(body, &p); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrMalformedPayload, err)
	}
	if p.EventID == "" && header != nil {
		p.EventID = webhookkit.String(strings.TrimSpace(header.Get(EventIDHeader)))
	}
	if p.EventType == "" && header != nil {
		p.EventType = strings.TrimSpace(header.Get(EventTypeHeader))
	}
	if p.EventType == "" {
		return nil, fmt.Errorf("%w: no event_type", ErrMalformedPayload)
	}
	ev := &Event{
		ID:         string(p.EventID),
		Type:       p.EventType,
		Action:     p.Action,
		EntityType: p.EntityType,
		EntityID:   int64(p.EntityID),
		Changes:    p.Changes,
		Data:       p.Data,
		Time:       time.Time(p.Timestamp),
		Raw:        body,
	}
	ev.Test = isTestData(p.Data)
	return ev, nil
}

// isTestData reports data of the form {"test": true}.
func isTestData(data json.RawMessage) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(data, &m) != nil || len(m) != 1 {
		return false
	}
	return bytes.Equal(bytes.TrimSpace(m["test"]), []byte("true"))
}

// entity returns the entity type, derived from an entity.action event type
// when the payload has none.
func (e *Event) entity() string {
	if e.EntityType != "" {
		return e.EntityType
	}
	if ent, _, ok := strings.Cut(e.Type, "."); ok && strings.Count(e.Type, ".") == 1 {
		return ent
	}
	return ""
}

// Promoter decodes Data as a promoter.
func (e *Event) Promoter() (*firstpromoter.Promoter, error) {
	return decodeData[firstpromoter.Promoter](e, EntityPromoter)
}

// PromoterCampaign decodes Data as a promoter campaign.
func (e *Event) PromoterCampaign() (*firstpromoter.PromoterCampaign, error) {
	return decodeData[firstpromoter.PromoterCampaign](e, EntityPromoterCampaign)
}

// Referral decodes Data as a referral.
func (e *Event) Referral() (*firstpromoter.Referral, error) {
	return decodeData[firstpromoter.Referral](e, EntityReferral)
}

// Commission decodes Data as a commission.
func (e *Event) Commission() (*firstpromoter.Commission, error) {
	return decodeData[firstpromoter.Commission](e, EntityCommission)
}

// Payout decodes Data as a payout.
func (e *Event) Payout() (*firstpromoter.Payout, error) {
	return decodeData[firstpromoter.Payout](e, EntityPayout)
}

// decodeData decodes the event's data as T, after checking that the event
// is about an entity of that kind.
func decodeData[T any](e *Event, entity string) (*T, error) {
	if got := e.entity(); got != entity {
		return nil, fmt.Errorf("webhook: %s event %s is about a %q, not a %s", e.Type, e.ID, got, entity)
	}
	if len(bytes.TrimSpace(e.Data)) == 0 || string(bytes.TrimSpace(e.Data)) == "null" {
		return nil, fmt.Errorf("%w: %s event %s has no data", ErrMalformedPayload, e.Type, e.ID)
	}
	return webhookkit.DecodeResource[T](e.Data, e.Type+" data")
}
