package webhook

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/webhookkit"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"
)

// Event names PartnerStack documents. The vendor webhook names are the
// partnerstack package's, which subscriptions use; the action and test
// names are partner postback events.
const (
	PartnershipCreated      = partnerstack.EventPartnershipCreated
	PartnershipUpdated      = partnerstack.EventPartnershipUpdated
	PartnershipDeleted      = partnerstack.EventPartnershipDeleted
	PartnershipGroupUpdated = partnerstack.EventPartnershipGroupUpdated
	CustomerCreated         = partnerstack.EventCustomerCreated
	CustomerUpdated         = partnerstack.EventCustomerUpdated
	CustomerDeleted         = partnerstack.EventCustomerDeleted
	AgreementAccepted       = partnerstack.EventAgreementAccepted
	ActionCreated           = "action_created"
	ActionUpdated           = "action_updated"
	// TestEvent is the event of the test delivery a partner sends from the
	// postback settings: {"event": "test", "data": {"message": ...}}.
	TestEvent = "test"
)

// Event is one delivery.
type Event struct {
	// ID identifies the delivery's content: PartnerStack sends no event id,
	// so it is the hex SHA-256 of the body.
	ID string
	// Type is the event name, e.g. PartnershipCreated, as sent (or as set
	// with WithEventType when the payload has none); "" when unknown.
	Type string
	// Data is the resource: the "data" object of a postback, else the
	// whole body.
	Data json.RawMessage
	// Test reports the postback test event.
	Test bool
	// Raw is the body as received.
	Raw []byte
}

// Parse decodes a delivery's body. eventType names the event when the
// payload carries no "event" field (pass "" otherwise). The error wraps
// ErrMalformedPayload.
func Parse(body []byte, eventType string) (*Event, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil || fields == nil {
		return nil, fmt.Errorf("%w: the body is not a JSON object", ErrMalformedPayload)
	}
	ev := &Event{ID: webhookkit.Digest(body), Type: eventType, Data: body, Raw: body}
	if raw, ok := fields["event"]; ok {
		var name string
		if err := json.Unmarshal(raw, &name); err != nil {
			return nil, fmt.Errorf("%w: event is not a string", ErrMalformedPayload)
		}
		if name = strings.TrimSpace(name); name != "" {
			ev.Type = name
		}
		// A postback: {"event": ..., "data": {...}}.
		if data, ok := fields["data"]; ok && len(fields) == 2 && bytes.HasPrefix(bytes.TrimSpace(data), []byte("{")) {
			ev.Data = data
		}
	}
	ev.Test = normalize(ev.Type) == TestEvent
	return ev, nil
}

// normalize folds the spellings of an event name: lower case, dots as
// underscores (partnership.created and partnership_created alike).
func normalize(name string) string {
	return strings.ReplaceAll(strings.ToLower(strings.TrimSpace(name)), ".", "_")
}

// Resource kinds decoded by this package.
const (
	kindPartnership = "partnership"
	kindCustomer    = "customer"
	kindAction      = "action"
)

// kind returns the resource the event is about, from its name's prefix.
func (e *Event) kind() string {
	n := normalize(e.Type)
	for _, k := range []string{kindPartnership, kindCustomer, kindAction} {
		if strings.HasPrefix(n, k+"_") {
			return k
		}
	}
	return ""
}

// Partnership decodes Data as a partnership (partnership_* events).
func (e *Event) Partnership() (*partnerstack.Partnership, error) {
	return decodeData[partnerstack.Partnership](e, kindPartnership)
}

// Customer decodes Data as a customer (customer_* events).
func (e *Event) Customer() (*partnerstack.Customer, error) {
	return decodeData[partnerstack.Customer](e, kindCustomer)
}

// Action decodes Data as an action (action_* postback events).
func (e *Event) Action() (*partnerstack.Action, error) {
	return decodeData[partnerstack.Action](e, kindAction)
}

func decodeData[T any](e *Event, kind string) (*T, error) {
	if got := e.kind(); got != kind {
		return nil, fmt.Errorf("webhook: the %q event is not about a %s", e.Type, kind)
	}
	return webhookkit.DecodeResource[T](e.Data, e.Type)
}
