package refersion

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
)

// TriggerType is the kind of a conversion trigger: what, found in an order,
// credits the affiliate.
type TriggerType string

// Conversion trigger types.
const (
	TriggerCoupon TriggerType = "COUPON"
	TriggerSKU    TriggerType = "SKU"
	TriggerEmail  TriggerType = "EMAIL"
)

// TriggerCreateParams is the body of affiliate/trigger.
type TriggerCreateParams struct {
	// AffiliateCode is the affiliate's code ("a3y7"). Required.
	AffiliateCode string `json:"affiliate_code"`
	// Type is TriggerCoupon, TriggerSKU or TriggerEmail. Required.
	Type TriggerType `json:"type"`
	// Trigger is the coupon code, SKU or email address. Required.
	Trigger string `json:"trigger"`
}

// Trigger is a conversion trigger created by affiliate/trigger.
type Trigger struct {
	TriggerID int64 `json:"trigger_id"`
	// Trigger is the trigger as Refersion stored it (coupon codes come back
	// in upper case: "code100" is stored as "CODE100").
	Trigger string `json:"trigger"`
}

// UnmarshalJSON decodes the trigger, accepting trigger_id as a number or a
// numeric string.
func (t *Trigger) UnmarshalJSON(b []byte) error {
	var w struct {
		TriggerID tolerant.FormattedInt `json:"trigger_id"`
		Trigger   string                `json:"trigger"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*t = Trigger{TriggerID: int64(w.TriggerID), Trigger: w.Trigger}
	return nil
}

var affiliateTrigger = call{path: "affiliate/trigger"}

// AddTrigger creates a conversion trigger for an affiliate.
func (s *AffiliatesService) AddTrigger(ctx context.Context, params *TriggerCreateParams, opts ...RequestOption) (*Trigger, error) {
	if params == nil || strings.TrimSpace(params.AffiliateCode) == "" || params.Type == "" || strings.TrimSpace(params.Trigger) == "" {
		return nil, errors.New("refersion: affiliate/trigger: AffiliateCode, Type and Trigger are required")
	}
	t, err := postChecked(ctx, s.client, affiliateTrigger, params,
		transport.Record(new(Trigger), "trigger_id", func(t *Trigger) bool { return t.TriggerID != 0 }), opts...)
	if err != nil {
		return nil, err
	}
	return t, nil
}

// TriggerRef names one conversion trigger to delete.
type TriggerRef struct {
	// ID is the numeric id of the affiliate that owns the trigger.
	ID int64 `json:"id"`
	// Trigger is the coupon code, SKU or email address ("JANEDOE10").
	Trigger string `json:"trigger"`
	// Type is TriggerCoupon, TriggerSKU or TriggerEmail.
	Type TriggerType `json:"type"`
}

// triggerDelete answers 429 with "Max number of elements on attribute (50)
// reached." for more than 50 triggers: a validation error, not a rate
// limit. That answer is read as 422, so it is never retried and matches
// ErrInvalidRequest; any other 429 is a rate limit, retried as usual.
// DeleteTriggers checks the batch size first, so this only guards against
// a server-side limit change.
var triggerDelete = call{path: "trigger/delete", remap: func(status int, _ http.Header, body []byte) int {
	if status == http.StatusTooManyRequests && bytes.Contains(body, []byte("Max number of elements")) {
		return http.StatusUnprocessableEntity
	}
	return status
}}

// DeleteTriggers deletes up to MaxBatch conversion triggers and returns the
// ids of the triggers deleted. A larger batch fails before any request:
// Refersion answers one with 429, which here means "too many items", not
// a rate limit, and is never retried.
func (s *AffiliatesService) DeleteTriggers(ctx context.Context, triggers []TriggerRef, opts ...RequestOption) ([]int64, error) {
	if err := checkBatch("triggers", len(triggers)); err != nil {
		return nil, fmt.Errorf("refersion: trigger/delete: %w", err)
	}
	for i, t := range triggers {
		if t.ID <= 0 || strings.TrimSpace(t.Trigger) == "" || t.Type == "" {
			return nil, fmt.Errorf("refersion: trigger/delete: trigger %d needs ID, Trigger and Type", i)
		}
	}
	body := struct {
		Affiliates []TriggerRef `json:"affiliates"`
	}{triggers}
	ids, err := postChecked(ctx, s.client, triggerDelete, body, transport.Require(new([]tolerant.FormattedInt),
		"the answer is not an array of trigger ids", func(ids *[]tolerant.FormattedInt) bool { return *ids != nil }), opts...)
	if err != nil {
		return nil, err
	}
	return tolerant.Int64s(*ids), nil
}
