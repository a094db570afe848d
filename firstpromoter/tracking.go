package firstpromoter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// TrackingService reports signups, sales, refunds and cancellations from
// your backend: /track.
//
// None of these calls is retried once it may have reached the server:
// the API takes no idempotency key, and although it rejects a repeated
// event_id with 409 (ErrInvalidRequest), a sale or refund sent twice
// without one would count twice. A 429, or a 503 with Retry-After, which
// the server did not process, is retried.
//
// When the email or uid is not a referral, the API answers 204 No Content
// and the methods return nil and a nil error: not an error, nothing was
// recorded.
type TrackingService service

// TrackSignupParams is the body of POST /track/signup. Email or UID is
// required, and TID or RefID ties the lead to a promoter.
type TrackSignupParams struct {
	Email string `json:"email,omitempty"`
	// UID is your id for the user; use it when the email may change
	// before the first sale.
	UID string `json:"uid,omitempty"`
	// TID is the visitor tracking id from the _fprom_tid cookie.
	TID string `json:"tid,omitempty"`
	// RefID assigns the lead to the promoter with this referral id.
	RefID string `json:"ref_id,omitempty"`
	// IP of the visitor, used for fraud checks.
	IP string `json:"ip,omitempty"`
	// CreatedAt dates the signup; now when nil.
	CreatedAt             *time.Time `json:"created_at,omitempty"`
	SkipEmailNotification bool       `json:"skip_email_notification,omitempty"`
}

// TrackSaleParams is the body of POST /track/sale. EventID, Amount and
// Email or UID are required.
type TrackSaleParams struct {
	Email string `json:"email,omitempty"`
	UID   string `json:"uid,omitempty"`
	// EventID is your transaction id; the API refuses a second sale with
	// the same one (409).
	EventID string `json:"event_id"`
	// Amount is the sale before taxes, sent as integer minor units of
	// Currency (cents when Currency is empty; whole units for zero-decimal
	// currencies such as JPY): AmountFromMinorUnits(2500, 2, "") and
	// ParseAmount("25.00", "") both send 2500.
	Amount Amount `json:"-"`
	// Quantity of items or seats; 1 when zero.
	Quantity int `json:"quantity,omitempty"`
	// Plan is the billing provider's plan id, for plan-level rewards.
	Plan string `json:"plan,omitempty"`
	// Currency is needed only when it differs from the account's default.
	Currency string `json:"currency,omitempty"`
	// MRR is the customer's monthly recurring revenue, sent in minor
	// units like Amount when not zero. The API documents it as a string;
	// it is sent as a number like Amount.
	MRR       Amount `json:"-"`
	PromoCode string `json:"promo_code,omitempty"`
	// TID or RefID create the lead and the sale in one call when the lead
	// was not tracked at signup.
	TID                   string `json:"tid,omitempty"`
	RefID                 string `json:"ref_id,omitempty"`
	SkipEmailNotification bool   `json:"skip_email_notification,omitempty"`
}

// MarshalJSON sends Amount and MRR as integer minor units of Currency.
func (p TrackSaleParams) MarshalJSON() ([]byte, error) {
	type plain TrackSaleParams
	w := struct {
		plain
		Amount int64  `json:"amount"`
		MRR    *int64 `json:"mrr,omitempty"`
	}{plain: plain(p)}
	var err error
	if w.Amount, err = toCents(p.Amount, p.Currency); err != nil {
		return nil, fmt.Errorf("amount: %w", err)
	}
	if !p.MRR.IsZero() && !p.MRR.IsNull() {
		mrr, err := toCents(p.MRR, p.Currency)
		if err != nil {
			return nil, fmt.Errorf("mrr: %w", err)
		}
		w.MRR = &mrr
	}
	return json.Marshal(w)
}

// TrackRefundParams is the body of POST /track/refund. EventID, Amount and
// Email or UID are required.
type TrackRefundParams struct {
	Email string `json:"email,omitempty"`
	UID   string `json:"uid,omitempty"`
	// EventID is your refund transaction id; a repeat is refused (409).
	EventID string `json:"event_id"`
	// Amount is the refunded sum, positive, sent as integer minor units
	// of Currency as for sales. The API documents amount and quantity as
	// strings; they are sent as numbers, as for sales.
	Amount   Amount `json:"-"`
	Currency string `json:"currency,omitempty"`
	Quantity int    `json:"quantity,omitempty"`
	// SaleEventID is the EventID of the sale refunded.
	SaleEventID           string `json:"sale_event_id,omitempty"`
	SkipEmailNotification bool   `json:"skip_email_notification,omitempty"`
}

// MarshalJSON sends Amount as integer minor units of Currency.
func (p TrackRefundParams) MarshalJSON() ([]byte, error) {
	type plain TrackRefundParams
	w := struct {
		plain
		Amount int64 `json:"amount"`
	}{plain: plain(p)}
	var err error
	if w.Amount, err = toCents(p.Amount, p.Currency); err != nil {
		return nil, fmt.Errorf("amount: %w", err)
	}
	return json.Marshal(w)
}

// TrackCancellationParams is the body of POST /track/cancellation. Email or
// UID is required.
type TrackCancellationParams struct {
	Email string `json:"email,omitempty"`
	UID   string `json:"uid,omitempty"`
}

// TrackedEvent is what a signup or sale recorded.
type TrackedEvent struct {
	ID int64 `json:"id"`
	// Etype is signup or sale.
	Etype string `json:"etype"`
	// SaleAmount and OriginalSaleAmount are sent as integer cents and
	// decode to their value (2500 reads as 25.00); null for a signup.
	// OriginalSaleAmount carries OriginalSaleCurrency.
	SaleAmount           Amount `json:"sale_amount"`
	OriginalSaleAmount   Amount `json:"original_sale_amount"`
	OriginalSaleCurrency string `json:"original_sale_currency"`
	// EventID, PlanID and BillingPeriod are nil when the API sends null,
	// as it does for a signup.
	EventID       *string      `json:"event_id"`
	PlanID        *string      `json:"plan_id"`
	BillingPeriod *string      `json:"billing_period"`
	CreatedAt     time.Time    `json:"created_at"`
	Referral      *ReferralRef `json:"referral"`
	// Commissions are those the sale earned, one per tier; empty for a
	// signup.
	Commissions []*Commission `json:"commissions"`
}

// UnmarshalJSON decodes the cents fields to their values.
func (e *TrackedEvent) UnmarshalJSON(b []byte) error {
	type plain TrackedEvent
	if err := json.Unmarshal(b, (*plain)(e)); err != nil {
		return err
	}
	if err := money.ToMinorUnits(centsExponent, &e.SaleAmount); err != nil {
		return err
	}
	if err := money.ToMinorUnits(minorExponent(e.OriginalSaleCurrency), &e.OriginalSaleAmount); err != nil {
		return err
	}
	money.SetCurrency(e.OriginalSaleCurrency, &e.OriginalSaleAmount)
	return nil
}

// TrackedLeadEvent is what a refund or cancellation recorded. Its shape is
// the legacy API's: a lead and a promoter rather than a referral.
type TrackedLeadEvent struct {
	ID int64 `json:"id"`
	// Type is refund or cancellation.
	Type string `json:"type"`
	// AmountCents is sent as integer cents and decodes to its value (-2500
	// reads as -25.00); negative for a refund and null for a cancellation.
	AmountCents Amount `json:"amount_cents"`
	// Reward is the negative commission of a refund; nil otherwise.
	Reward   *TrackedReward   `json:"reward"`
	Lead     *TrackedLead     `json:"lead"`
	Promoter *TrackedPromoter `json:"promoter"`
}

// UnmarshalJSON decodes AmountCents to its value.
func (e *TrackedLeadEvent) UnmarshalJSON(b []byte) error {
	type plain TrackedLeadEvent
	return money.UnmarshalMinorUnits(b, (*plain)(e), centsExponent, &e.AmountCents)
}

// TrackedReward is a commission as the legacy API shows it.
type TrackedReward struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
	// Amount is sent as integer cents for cash rewards (and when no unit
	// is sent) and decodes to its value, 2500 reading as 25.00; for the
	// other units it is the count of the unit, kept as sent.
	Amount    Amount       `json:"amount"`
	Unit      string       `json:"unit"`
	CreatedAt time.Time    `json:"created_at"`
	Lead      *TrackedLead `json:"lead"`
	EventID   string       `json:"event_id"`
	// ConversionAmount is the sale or refund amount, sent as integer cents
	// and decoded to its value.
	ConversionAmount Amount `json:"conversion_amount"`
	TierLevel        int    `json:"tier_level"`
	// SplitType is nil when the API sends null (an unsplit reward).
	SplitType *string `json:"split_type"`
}

// UnmarshalJSON decodes the cents fields to their values.
func (r *TrackedReward) UnmarshalJSON(b []byte) error {
	type plain TrackedReward
	if err := json.Unmarshal(b, (*plain)(r)); err != nil {
		return err
	}
	if r.Unit == "" || r.Unit == string(CommissionUnitCash) {
		if err := money.ToMinorUnits(centsExponent, &r.Amount); err != nil {
			return err
		}
	}
	return money.ToMinorUnits(centsExponent, &r.ConversionAmount)
}

// TrackedLead is a referral as the legacy API shows it.
type TrackedLead struct {
	ID    int64  `json:"id"`
	State string `json:"state"`
	Email string `json:"email"`
	// UID is nil when the API sends null.
	UID           *string    `json:"uid"`
	CustomerSince *time.Time `json:"customer_since"`
	CancelledAt   *time.Time `json:"cancelled_at"`
	PlanName      string     `json:"plan_name"`
	// Suspicion is the fraud check, e.g. no_suspicion.
	Suspicion string     `json:"suspicion"`
	Username  string     `json:"username"`
	Website   string     `json:"website"`
	CreatedAt *time.Time `json:"created_at"`
	// SplitPromotionID, CustomFields, SplitPercentageValue and
	// VisitorSubID are documented loosely (strings, mostly null); they are
	// kept as decoded JSON values.
	SplitPromotionID     any `json:"split_promotion_id"`
	CustomFields         any `json:"custom_fields"`
	SplitPercentageValue any `json:"split_percentage_value"`
	VisitorSubID         any `json:"visitor_sub_id"`
}

// TrackedPromoter is a promoter as the legacy API shows it. TempPassword
// and AuthToken are credentials, so they never print (see Secret); read
// them with Reveal.
type TrackedPromoter struct {
	ID                 int64      `json:"id"`
	Status             string     `json:"status"`
	CustID             string     `json:"cust_id"`
	Email              string     `json:"email"`
	CreatedAt          *time.Time `json:"created_at"`
	TempPassword       Secret     `json:"temp_password"`
	DefaultPromotionID int64      `json:"default_promotion_id"`
	Pref               string     `json:"pref"`
	DefaultRefID       string     `json:"default_ref_id"`
	Note               string     `json:"note"`
	W8FormURL          string     `json:"w8_form_url"`
	W9FormURL          string     `json:"w9_form_url"`
	ParentPromoterID   int64      `json:"parent_promoter_id"`
	// The balances map a unit (cash, points ...) to its amount; nil when
	// the API sends null. The cash balance is sent as integer cents and
	// decodes to its value (2500 reads as 25.00); the other units are
	// counts kept as sent.
	EarningsBalance map[string]Amount `json:"earnings_balance"`
	CurrentBalance  map[string]Amount `json:"current_balance"`
	PaidBalance     map[string]Amount `json:"paid_balance"`
	AuthToken       Secret            `json:"auth_token"`
}

// UnmarshalJSON decodes the cash balances from cents.
func (p *TrackedPromoter) UnmarshalJSON(b []byte) error {
	type plain TrackedPromoter
	if err := json.Unmarshal(b, (*plain)(p)); err != nil {
		return err
	}
	for _, m := range []map[string]Amount{p.EarningsBalance, p.CurrentBalance, p.PaidBalance} {
		if cash, ok := m[string(CommissionUnitCash)]; ok {
			if err := money.ToMinorUnits(centsExponent, &cash); err != nil {
				return err
			}
			m[string(CommissionUnitCash)] = cash
		}
	}
	return nil
}

// LogValue implements slog.LogValuer in the printed form, where the
// credentials are redacted, so that slog's JSON handler does not encode
// them either.
func (p TrackedPromoter) LogValue() slog.Value { return redactedLogValue(p) }

// Signup records a lead. See TrackingService for retries and 204.
func (s *TrackingService) Signup(ctx context.Context, params *TrackSignupParams, opts ...RequestOption) (*TrackedEvent, error) {
	if params == nil || (params.Email == "" && params.UID == "") {
		return nil, errors.New("firstpromoter: track signup: Email or UID is required")
	}
	return track(ctx, s, "track/signup", params, func(e *TrackedEvent) bool { return e.ID != 0 }, opts...)
}

// Sale records a sale and the commissions it earns. See TrackingService
// for retries and 204.
func (s *TrackingService) Sale(ctx context.Context, params *TrackSaleParams, opts ...RequestOption) (*TrackedEvent, error) {
	if params == nil {
		return nil, errors.New("firstpromoter: track sale: Email or UID is required")
	}
	if err := checkTracked("track sale", params.Email, params.UID, params.EventID, params.Amount); err != nil {
		return nil, err
	}
	return track(ctx, s, "track/sale", params, func(e *TrackedEvent) bool { return e.ID != 0 }, opts...)
}

// Refund records a refund and its negative commissions. See
// TrackingService for retries and 204.
func (s *TrackingService) Refund(ctx context.Context, params *TrackRefundParams, opts ...RequestOption) (*TrackedLeadEvent, error) {
	if params == nil {
		return nil, errors.New("firstpromoter: track refund: Email or UID is required")
	}
	if err := checkTracked("track refund", params.Email, params.UID, params.EventID, params.Amount); err != nil {
		return nil, err
	}
	return track(ctx, s, "track/refund", params, func(e *TrackedLeadEvent) bool { return e.ID != 0 }, opts...)
}

// checkTracked reports the first required field a sale or refund (op)
// lacks: Email or UID, EventID, and a positive Amount.
func checkTracked(op, email, uid, eventID string, amount Amount) error {
	switch {
	case email == "" && uid == "":
		return errors.New("firstpromoter: " + op + ": Email or UID is required")
	case eventID == "":
		return errors.New("firstpromoter: " + op + ": EventID is required")
	case amount.IsNull() || amount.Sign() <= 0:
		return errors.New("firstpromoter: " + op + ": Amount must be positive")
	}
	return nil
}

// Cancellation marks a customer as cancelled. See TrackingService for
// retries and 204.
func (s *TrackingService) Cancellation(ctx context.Context, params *TrackCancellationParams, opts ...RequestOption) (*TrackedLeadEvent, error) {
	if params == nil || (params.Email == "" && params.UID == "") {
		return nil, errors.New("firstpromoter: track cancellation: Email or UID is required")
	}
	return track(ctx, s, "track/cancellation", params, func(e *TrackedLeadEvent) bool { return e.ID != 0 }, opts...)
}

// track POSTs body to path and returns the event answered, which must
// carry its id (hasID); a 204 (the email or uid is not a referral)
// gives (nil, nil).
func track[T any](ctx context.Context, s *TrackingService, path string, body any, hasID func(*T) bool, opts ...RequestOption) (*T, error) {
	return callOrNone(ctx, s.client, post(path, body), func(v *T) any { return transport.Record(v, "id", hasID) }, opts)
}
