package webhook

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/webhookkit"
)

// Headers of a delivery.
const (
	// SignatureHeader carries the base64 HMAC-SHA256 of the raw body keyed
	// with the Webhook Signing Secret.
	SignatureHeader = "Refersion-Signature"
	// TopicHeader names the event, e.g. TopicApprovedConversion.
	TopicHeader = "Refersion-Topic"
)

// The two topic header values Refersion's documentation shows. The other
// topics' values are not documented; match events by Kind instead.
const (
	TopicApprovedConversion     = "APPROVED_CONVERSION"
	TopicAffiliateDetailsChange = "AFFILIATE_DETAILS_CHANGE"
)

// Kind is the kind of resource a delivery carries.
type Kind string

// Kinds of deliveries.
const (
	// KindConversion: New Conversion, Conversion Approved and Conversion
	// Denied.
	KindConversion Kind = "conversion"
	// KindAffiliate: New Affiliate, Affiliate Status Change, Affiliate
	// Details Change and Bonus Tier Movement.
	KindAffiliate Kind = "affiliate"
	// KindTrigger: New Conversion Trigger.
	KindTrigger Kind = "conversion_trigger"
	// KindPayment: New Payment.
	KindPayment Kind = "payment"
	// KindUnknown: neither the topic nor the payload says.
	KindUnknown Kind = ""
)

// Event is one webhook delivery.
type Event struct {
	// ID identifies the delivery's content: Refersion sends no event id, so
	// it is the hex SHA-256 of the topic and the body. A redelivery of the
	// same bytes has the same ID.
	ID string
	// Type is the Refersion-Topic header, e.g. TopicApprovedConversion;
	// "" when the header is missing.
	Type string
	// Kind is the kind of resource in Raw, from the topic or, without one,
	// from the payload's fields.
	Kind Kind
	// Raw is the body as received: the resource itself, not an envelope.
	Raw []byte
}

// Parse decodes a delivery, without verifying it (see VerifySignature).
// header may be nil; the topic is read from Refersion-Topic. The error
// wraps ErrMalformedPayload.
func Parse(header http.Header, body []byte) (*Event, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(body, &fields); err != nil || fields == nil {
		return nil, fmt.Errorf("%w: the body is not a JSON object", ErrMalformedPayload)
	}
	var topic string
	if header != nil {
		topic = strings.TrimSpace(header.Get(TopicHeader))
	}
	kind := kindOfTopic(topic)
	if kind == KindUnknown {
		kind = kindOfFields(fields)
	}
	return &Event{
		ID:   webhookkit.Digest([]byte(topic), body),
		Type: topic,
		Kind: kind,
		Raw:  body,
	}, nil
}

// kindOfTopic reads the kind from the words of a topic such as
// APPROVED_CONVERSION, NEW_CONVERSION_TRIGGER or AFFILIATE_STATUS_CHANGE.
func kindOfTopic(topic string) Kind {
	t := strings.ToUpper(topic)
	switch {
	case t == "":
		return KindUnknown
	case strings.Contains(t, "TRIGGER"):
		return KindTrigger
	case strings.Contains(t, "PAYMENT"):
		return KindPayment
	case strings.Contains(t, "CONVERSION"):
		return KindConversion
	case strings.Contains(t, "AFFILIATE"), strings.Contains(t, "BONUS"), strings.Contains(t, "TIER"):
		return KindAffiliate
	}
	return KindUnknown
}

// kindOfFields recognises a payload by the fields only its kind carries.
func kindOfFields(f map[string]json.RawMessage) Kind {
	has := func(keys ...string) bool {
		for _, k := range keys {
			if _, ok := f[k]; !ok {
				return false
			}
		}
		return true
	}
	switch {
	case has("trigger", "affiliate_id"):
		return KindTrigger
	case has("payments"), has("payment_total"):
		return KindPayment
	case has("commission_total"), has("order_id"), has("denied_reason_code"):
		return KindConversion
	case has("code", "email"), has("is_marketplace_user"):
		return KindAffiliate
	}
	return KindUnknown
}

// Conversion decodes the delivery as a conversion.
func (e *Event) Conversion() (*Conversion, error) {
	if err := e.want(KindConversion); err != nil {
		return nil, err
	}
	return webhookkit.DecodeResource[Conversion](e.Raw, "conversion")
}

// Affiliate decodes the delivery as an affiliate.
func (e *Event) Affiliate() (*Affiliate, error) {
	if err := e.want(KindAffiliate); err != nil {
		return nil, err
	}
	return webhookkit.DecodeResource[Affiliate](e.Raw, "affiliate")
}

// Trigger decodes the delivery as a conversion trigger.
func (e *Event) Trigger() (*ConversionTrigger, error) {
	if err := e.want(KindTrigger); err != nil {
		return nil, err
	}
	return webhookkit.DecodeResource[ConversionTrigger](e.Raw, "conversion trigger")
}

func (e *Event) want(k Kind) error {
	if e.Kind != k {
		return fmt.Errorf("webhook: the %q delivery is a %q, not a %s", e.Type, e.Kind, k)
	}
	return nil
}
