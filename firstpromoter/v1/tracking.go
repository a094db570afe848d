package v1

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// TrackingService reports signups, subscribers, sales, refunds and
// cancellations from your backend: /track.
//
// None of these calls is retried once it may have reached the server: a
// sale or refund sent twice would count twice. A 429, or a 503 with
// Retry-After, which the server did not process, is retried. After an
// error matching ErrOutcomeUnknown, sending the same sale or refund again
// by hand with the same EventID is safe: the API refuses a repeated
// event_id with 409 (ErrInvalidRequest), so the event is recorded once.
//
// When the email or uid is not a referral, the API answers 204 No Content
// and the methods return nil and a nil error: nothing was recorded.
type TrackingService service

// TrackEvent is the answer of a tracking call.
type TrackEvent struct {
	ID int64 `json:"id"`
	// Type is signup, subscriber, sale, refund or cancellation.
	Type string `json:"type"`
	// AmountCents is the event's amount in cents (6000 reads as 60.00,
	// a refund negative); null for signups and cancellations.
	AmountCents Amount    `json:"amount_cents"`
	Lead        *Lead     `json:"lead"`
	Promoter    *Promoter `json:"promoter"`
}

// UnmarshalJSON decodes AmountCents as cents.
func (e *TrackEvent) UnmarshalJSON(data []byte) error {
	type plain TrackEvent
	return money.UnmarshalMinorUnits(data, (*plain)(e), centsExponent, &e.AmountCents)
}

// TrackSignupParams is the form of POST /track/signup (and
// /track/subscriber). Email or UID is required; TID, RefID or
// PromoterEmail ties the lead to a promoter.
type TrackSignupParams struct {
	Email string `url:"email,omitempty"`
	UID   string `url:"uid,omitempty"`
	// TID is the visitor tracking id from the _fprom_tid cookie.
	TID           string `url:"tid,omitempty"`
	RefID         string `url:"ref_id,omitempty"`
	PromoterEmail string `url:"promoter_email,omitempty"`
	IP            string `url:"ip,omitempty"`
	// CreatedAt dates the signup (ISO 8601); now when empty.
	CreatedAt             string `url:"created_at,omitempty"`
	SkipEmailNotification bool   `url:"skip_email_notification,omitempty"`
	Username              string `url:"username,omitempty"`
	FirstName             string `url:"first_name,omitempty"`
	LastName              string `url:"last_name,omitempty"`
	Website               string `url:"website,omitempty"`
	// CustomFields are sent as custom_fields[name]=value.
	CustomFields map[string]string `url:"-"`
	SubID        string            `url:"sub_id,omitempty"`
	// OverrideExistingLead re-assigns a lead already tracked (signup only).
	OverrideExistingLead bool `url:"override_existing_lead,omitempty"`
}

func (p *TrackSignupParams) form() (url.Values, error) {
	v, err := merge(nil, p)
	if err != nil {
		return nil, err
	}
	for k, val := range p.CustomFields {
		v.Set("custom_fields["+k+"]", val)
	}
	return v, nil
}

// Signup tracks a signup (a lead).
func (s *TrackingService) Signup(ctx context.Context, params *TrackSignupParams, opts ...RequestOption) (*TrackEvent, error) {
	return s.signup(ctx, "track/signup", params, opts...)
}

// Subscriber tracks a subscriber, a lead that signed up to a newsletter
// or a waiting list. OverrideExistingLead is not sent.
func (s *TrackingService) Subscriber(ctx context.Context, params *TrackSignupParams, opts ...RequestOption) (*TrackEvent, error) {
	if params != nil {
		p := *params
		p.OverrideExistingLead = false
		params = &p
	}
	return s.signup(ctx, "track/subscriber", params, opts...)
}

func (s *TrackingService) signup(ctx context.Context, path string, params *TrackSignupParams, opts ...RequestOption) (*TrackEvent, error) {
	if params == nil || (params.Email == "" && params.UID == "") {
		return nil, fmt.Errorf("%s: POST %s: Email or UID is required", platform, path)
	}
	form, err := params.form()
	if err != nil {
		return nil, fmt.Errorf("%s: POST %s: %w", platform, path, err)
	}
	return s.track(ctx, path, form, opts...)
}

// TrackSaleParams is the form of POST /track/sale. EventID, Amount and
// Email or UID are required.
type TrackSaleParams struct {
	Email string `url:"email,omitempty"`
	UID   string `url:"uid,omitempty"`
	// EventID is your transaction id; the API refuses a second sale with
	// the same one (409).
	EventID string `url:"event_id"`
	// Amount is the sale, sent as integer minor units of Currency (cents
	// when Currency is empty; whole units for zero-decimal currencies
	// such as JPY): AmountFromMinorUnits(2500, 2, "") and
	// ParseAmount("25.00", "") both send 2500.
	Amount Amount `url:"-"`
	// Quantity of items or seats; not sent when zero.
	Quantity int    `url:"quantity,omitempty"`
	Plan     string `url:"plan,omitempty"`
	// Currency is needed only when it differs from the account's default.
	Currency string `url:"currency,omitempty"`
	// MRR is the monthly recurring revenue, sent like Amount when not
	// zero.
	MRR                   Amount `url:"-"`
	PromoCode             string `url:"promo_code,omitempty"`
	TID                   string `url:"tid,omitempty"`
	RefID                 string `url:"ref_id,omitempty"`
	SkipEmailNotification bool   `url:"skip_email_notification,omitempty"`
	CreatedAt             string `url:"created_at,omitempty"`
	SubscriptionID        string `url:"subscription_id,omitempty"`
	// StartRecurringRewardIn, RecurringRewardFrequency and MaxRecurring
	// shape a recurring reward (in months; 0 is not sent).
	StartRecurringRewardIn   int  `url:"start_recurring_reward_in,omitempty"`
	RecurringRewardFrequency int  `url:"recurring_reward_frequency,omitempty"`
	MaxRecurring             int  `url:"max_recurring,omitempty"`
	EcomSale                 bool `url:"ecom_sale,omitempty"`
}

// Sale tracks a sale. The answer is nil, with a nil error, when the
// customer is not a referral (204).
func (s *TrackingService) Sale(ctx context.Context, params *TrackSaleParams, opts ...RequestOption) (*TrackEvent, error) {
	const path = "track/sale"
	if params == nil || params.EventID == "" || (params.Email == "" && params.UID == "") {
		return nil, errors.New(platform + ": POST track/sale: EventID and Email or UID are required")
	}
	form, err := merge(nil, params)
	if err == nil {
		err = setAmount(form, "amount", params.Amount, params.Currency, true)
	}
	if err == nil {
		err = setAmount(form, "mrr", params.MRR, params.Currency, false)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: POST %s: %w", platform, path, err)
	}
	return s.track(ctx, path, form, opts...)
}

// TrackRefundParams is the form of POST /track/refund. EventID, Amount
// and Email or UID are required.
type TrackRefundParams struct {
	Email string `url:"email,omitempty"`
	UID   string `url:"uid,omitempty"`
	// EventID is the refund's own id; a repeated one is refused (409).
	EventID string `url:"event_id"`
	// Amount is the refund, positive, sent like TrackSaleParams.Amount.
	Amount   Amount `url:"-"`
	Currency string `url:"currency,omitempty"`
	Quantity int    `url:"quantity,omitempty"`
	// SaleEventID is the event id of the sale refunded.
	SaleEventID           string `url:"sale_event_id,omitempty"`
	SkipEmailNotification bool   `url:"skip_email_notification,omitempty"`
	CreatedAt             string `url:"created_at,omitempty"`
	EcomRefund            bool   `url:"ecom_refund,omitempty"`
}

// Refund tracks a refund, which takes the reward of the sale back. The
// answer is nil, with a nil error, when the customer is not a referral.
func (s *TrackingService) Refund(ctx context.Context, params *TrackRefundParams, opts ...RequestOption) (*TrackEvent, error) {
	const path = "track/refund"
	if params == nil || params.EventID == "" || (params.Email == "" && params.UID == "") {
		return nil, errors.New(platform + ": POST track/refund: EventID and Email or UID are required")
	}
	form, err := merge(nil, params)
	if err == nil {
		err = setAmount(form, "amount", params.Amount, params.Currency, true)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: POST %s: %w", platform, path, err)
	}
	return s.track(ctx, path, form, opts...)
}

// TrackCancellationParams is the form of POST /track/cancellation. Email
// or UID is required.
type TrackCancellationParams struct {
	Email                 string `url:"email,omitempty"`
	UID                   string `url:"uid,omitempty"`
	EventID               string `url:"event_id,omitempty"`
	CreatedAt             string `url:"created_at,omitempty"`
	SkipEmailNotification bool   `url:"skip_email_notification,omitempty"`
}

// Cancellation tracks a cancelled subscription. The answer is nil, with a
// nil error, when the customer is not a referral.
func (s *TrackingService) Cancellation(ctx context.Context, params *TrackCancellationParams, opts ...RequestOption) (*TrackEvent, error) {
	if params == nil || (params.Email == "" && params.UID == "") {
		return nil, errors.New(platform + ": POST track/cancellation: Email or UID is required")
	}
	form, err := merge(nil, params)
	if err != nil {
		return nil, fmt.Errorf("%s: POST track/cancellation: %w", platform, err)
	}
	return s.track(ctx, "track/cancellation", form, opts...)
}

// setAmount sets name to a in minor units of currency; a zero amount is
// an error when required and not sent otherwise.
func setAmount(form url.Values, name string, a Amount, currency string, required bool) error {
	if !required && (a.IsZero() || a.IsNull()) {
		return nil
	}
	if required && a.Sign() <= 0 && !a.IsNull() {
		return fmt.Errorf("%s must be positive", name)
	}
	text, err := minorText(a, currency)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	form.Set(name, text)
	return nil
}

// track POSTs a tracking form and decodes an event that must carry its
// id; a 204 (not a referral) gives nil and a nil error.
func (s *TrackingService) track(ctx context.Context, path string, form url.Values, opts ...RequestOption) (*TrackEvent, error) {
	ev := new(TrackEvent)
	resp, err := s.client.send(ctx, http.MethodPost, path, form, transport.Record(ev, "id", func(e *TrackEvent) bool { return e.ID != 0 }), opts...)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode == http.StatusNoContent {
		return nil, nil
	}
	return ev, nil
}
