package refersion

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
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
	return postChecked(ctx, s.client, affiliateTrigger.check(params.validate()), params,
		transport.Record(new(Trigger), "trigger_id", func(t *Trigger) bool { return t.TriggerID != 0 }), opts...)
}

// validate checks the required fields.
func (p *TriggerCreateParams) validate() error {
	if p == nil || strings.TrimSpace(p.AffiliateCode) == "" || p.Type == "" || strings.TrimSpace(p.Trigger) == "" {
		return errors.New("AffiliateCode, Type and Trigger are required")
	}
	return nil
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
	body := struct {
		Affiliates []TriggerRef `json:"affiliates"`
	}{triggers}
	ids, err := postChecked(ctx, s.client, triggerDelete.check(checkTriggers(triggers)), body, transport.Require(new(triggerIDs),
		"the answer is not an array of trigger ids", func(ids *triggerIDs) bool { return *ids != nil }), opts...)
	return ids.int64s(), err
}

// checkTriggers checks the size of the batch and that each trigger is
// named whole.
func checkTriggers(triggers []TriggerRef) error {
	if err := checkBatch("triggers", len(triggers)); err != nil {
		return err
	}
	return everyItem(triggers, func(t TriggerRef) bool {
		return t.ID > 0 && strings.TrimSpace(t.Trigger) != "" && t.Type != ""
	}, "trigger %d needs ID, Trigger and Type")
}

// triggerIDs is the answer of trigger/delete: the ids deleted, as numbers
// or numeric strings.
type triggerIDs []tolerant.FormattedInt

// int64s returns the ids, nil for a nil answer.
func (ids *triggerIDs) int64s() []int64 {
	if ids == nil {
		return nil
	}
	return tolerant.Int64s(*ids)
}
