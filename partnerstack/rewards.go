package partnerstack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"time"
)

// RewardsService lists and creates partner rewards (commissions):
// /v2/rewards.
type RewardsService service

// Reward statuses (RewardStatus).
const (
	RewardHold      = "hold"
	RewardPending   = "pending"
	RewardApproved  = "approved"
	RewardDeclined  = "declined"
	RewardPaid      = "paid"
	RewardScheduled = "scheduled"
)

// Reward payment statuses (PaymentStatus, and the PaymentStatus filter).
const (
	PaymentInTransit      = "in_transit"
	PaymentPending        = "pending"
	PaymentAvailable      = "available"
	PaymentWithdrawn      = "withdrawn"
	PaymentPaidExternally = "paid_externally"
	PaymentExpired        = "expired"
	PaymentFailed         = "failed"
	PaymentMerging        = "merging"
)

// Reward is a partner's reward for a transaction, action, lead, deal or
// bonus. PartnerStack documents amount, payment_status, payout_id and
// reward_status as nullable: Amount keeps a null apart from zero (IsNull),
// the others are pointers, nil for null; all encode back as null. The Vendor API adds Partnership, Action, Invoice, Offer and
// Trigger.
type Reward struct {
	// Key is the reward key (rwrd_…).
	Key string `json:"key"`
	// Amount is sent in US cents (2500 is 25.00 USD); a null stays null.
	Amount Amount `json:"amount"`
	// Currency is the reward's currency code, nil when PartnerStack sends
	// null; Amount is in USD whatever it says.
	Currency *string     `json:"currency"`
	Company  *CompanyRef `json:"company,omitempty"`
	// CreatedBy, CreatedByName, DeclineReason and Description are free
	// text: null reads as "".
	CreatedBy     string `json:"created_by,omitempty"`
	CreatedByName string `json:"created_by_name,omitempty"`
	// CreationSource is what created the reward (transaction, api, ...),
	// nil when PartnerStack sends null.
	CreationSource *string      `json:"creation_source"`
	Customer       *CustomerRef `json:"customer,omitempty"`
	DeclineReason  string       `json:"decline_reason,omitempty"`
	Description    string       `json:"description,omitempty"`
	// PartnershipKey is the partnership (part_…) the reward is for, nil
	// when PartnerStack sends null.
	PartnershipKey *string `json:"partnership_key"`
	// PaymentDate is when the reward becomes withdrawable (may be null).
	PaymentDate *time.Time `json:"payment_date,omitempty"`
	// PaymentStatus is one of the Payment… constants, nil when null (a
	// declined reward has none).
	PaymentStatus *string `json:"payment_status"`
	// PayoutID is the numeric id of the payout that paid the reward, nil
	// when none.
	PayoutID *int64 `json:"payout_id"`
	// RewardStatus is one of the Reward… constants, nil when null.
	RewardStatus *string `json:"reward_status"`
	// Source is what earned the reward (may be null).
	Source *RewardSource `json:"source,omitempty"`
	// Transaction is the transaction the reward is for (may be null).
	Transaction *RewardTransaction `json:"transaction,omitempty"`
	Withdrawn   bool               `json:"withdrawn"`
	// Partnership, Action, Invoice, Offer and Trigger are sent by the
	// Vendor API.
	Partnership *RewardPartnership `json:"partnership,omitempty" tolerant:"lenient"`
	Action      *RewardAction      `json:"action,omitempty" tolerant:"lenient"`
	Invoice     *Invoice           `json:"invoice,omitempty" tolerant:"lenient"`
	Offer       *RewardOffer       `json:"offer,omitempty" tolerant:"lenient"`
	Trigger     *RewardTrigger     `json:"trigger,omitempty" tolerant:"lenient"`
	CreatedAt   time.Time          `json:"created_at"`
	UpdatedAt   time.Time          `json:"updated_at"`
}

// UnmarshalJSON implements json.Unmarshaler. Amount, sent in US cents,
// becomes its value in USD.
func (r *Reward) UnmarshalJSON(b []byte) error {
	r.Amount = Amount{} // cents decoded before are converted already
	if err := records.Unmarshal(b, r); err != nil {
		return err
	}
	return fromCents("USD", &r.Amount)
}

func (r *Reward) itemKey() string { return r.Key }

// RewardSource is what earned a reward.
type RewardSource struct {
	Key string `json:"key"`
	// Type is transaction, lead, deal, submission, action, bill, asset,
	// order_item, request or bonus; nil when PartnerStack sends null.
	Type *string `json:"type"`
}

// RewardTransaction is the transaction nested in a reward. PartnerStack
// documents its amounts and timestamps as nullable: a null amount stays
// null (IsNull), a null time is nil.
type RewardTransaction struct {
	Key string `json:"key,omitempty"`
	// Amount is sent in cents of Currency, AmountUSD in US cents; both
	// hold their value in major units with their currency.
	Amount    Amount `json:"amount"`
	AmountUSD Amount `json:"amount_usd"`
	Archived  bool   `json:"archived"`
	// CategoryKey and ProductKey are nil when PartnerStack sends null.
	CategoryKey *string `json:"category_key"`
	Currency    string  `json:"currency"`
	ProductKey  *string `json:"product_key"`
	// CreatedAt and UpdatedAt encode back as RFC 3339, or null.
	CreatedAt *time.Time `json:"created_at"`
	UpdatedAt *time.Time `json:"updated_at"`
}

// UnmarshalJSON implements json.Unmarshaler. The amounts, sent in cents,
// become their values in Currency and USD.
func (t *RewardTransaction) UnmarshalJSON(b []byte) error {
	t.Amount, t.AmountUSD = Amount{}, Amount{} // cents decoded before are converted already
	if err := records.Unmarshal(b, t); err != nil {
		return err
	}
	if err := fromCents(t.Currency, &t.Amount); err != nil {
		return err
	}
	return fromCents("USD", &t.AmountUSD)
}

// RewardPartnership is the partnership nested in a Vendor API reward.
type RewardPartnership struct {
	Key   string `json:"key"`
	Email string `json:"email,omitempty"`
	Name  string `json:"name,omitempty"`
	Group *Group `json:"group,omitempty" tolerant:"lenient"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (p *RewardPartnership) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, p) }

// RewardAction is the action nested in a Vendor API reward.
type RewardAction struct {
	Key   string `json:"key"`
	Type  string `json:"type"`
	Value int64  `json:"value"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (a *RewardAction) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, a) }

// Invoice is the vendor invoice that paid a reward.
type Invoice struct {
	Key string `json:"key"`
	// PaymentDate is when the invoice was charged, when it was.
	PaymentDate *time.Time `json:"payment_date,omitempty"`
	// Status is pending, flagged, approved, charge_queued, charge_pending,
	// charge_cancelled, charge_failed or charge_succeeded.
	Status string `json:"status"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (i *Invoice) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, i) }

// RewardOffer is the offer a reward was earned under.
type RewardOffer struct {
	Key         string `json:"key"`
	Description string `json:"description"`
}

// RewardTrigger is the trigger that created a reward.
type RewardTrigger struct {
	Key string `json:"key"`
}

// RewardListOptions filter GET /v2/rewards (both APIs).
type RewardListOptions struct {
	ListParams
	// OrderBy is [OrderCreatedAt], [OrderCreatedAtDesc] (the default),
	// [OrderAmount], [OrderAmountDesc], [OrderReadyAt] or
	// [OrderReadyAtDesc].
	OrderBy    Order     `url:"order_by,omitempty"`
	MinCreated time.Time `url:"min_created,omitempty,unixmilli"`
	MaxCreated time.Time `url:"max_created,omitempty,unixmilli"`
	// CompanyKey limits a partner's rewards to one program.
	CompanyKey string `url:"company_key,omitempty"`
	// PaymentStatus is one of the Payment… constants.
	PaymentStatus string `url:"payment_status,omitempty"`
	// Status is one of the Reward… constants.
	Status      string `url:"status,omitempty"`
	GroupKey    string `url:"group_key,omitempty"`
	CustomerKey string `url:"customer_key,omitempty"`
	InvoiceKey  string `url:"invoice_key,omitempty"`
	Currency    string `url:"currency,omitempty"`
	Keywords    string `url:"keywords,omitempty"`
	Description string `url:"description,omitempty"`
	// DeclineReason filters declined rewards by reason.
	DeclineReason         string `url:"decline_reason,omitempty"`
	ExcludeDripRewards    *bool  `url:"exclude_drip_rewards,omitempty"`
	HideArchivedRewards   *bool  `url:"hide_archived_rewards,omitempty"`
	EmptyLineID           *bool  `url:"empty_line_id,omitempty"`
	DistinctDescription   *bool  `url:"distinct_description,omitempty"`
	DistinctDeclineReason *bool  `url:"distinct_decline_reason,omitempty"`
	Invoiceable           *bool  `url:"invoiceable,omitempty"`
}

// List iterates over the rewards, fetching pages of up to MaxPerPage.
func (s *RewardsService) List(ctx context.Context, opts ...*RewardListOptions) iter.Seq2[*Reward, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of rewards.
func (s *RewardsService) ListPage(ctx context.Context, opts *RewardListOptions) ([]*Reward, *Response, error) {
	return listPage[Reward](ctx, s.api, "rewards", opts)
}

// RewardTarget is what a created reward is for.
type RewardTarget struct {
	Key string `json:"key"`
	// Type is "customer" or "transaction" (or "partnership").
	Type string `json:"type"`
}

// RewardCreateParams is the body of POST /v2/rewards ("creates a new
// reward for a given target"). PartnerStack's text does not confirm the
// body: peers send a target object, others a partner_key. Set Target or
// PartnerKey as your account's reference shows; Extra carries anything
// else.
type RewardCreateParams struct {
	// Amount in USD, 0.01 to 1000000.00 (sent as 1 to 100000000 US cents:
	// AmountFromMinorUnits(2500, 2, "USD") and ParseAmount("25.00", "USD")
	// both send 2500). Required.
	Amount      Amount        `json:"amount"`
	Description string        `json:"description,omitempty"`
	Target      *RewardTarget `json:"target,omitempty"`
	PartnerKey  string        `json:"partner_key,omitempty"`
	Extra       Extra         `json:"-"`
}

// MarshalJSON writes Amount as integer US cents and merges Extra.
func (p RewardCreateParams) MarshalJSON() ([]byte, error) {
	type plain RewardCreateParams
	amount, err := centsJSON(p.Amount, "USD", false)
	if err != nil {
		return nil, err
	}
	return withExtra(struct {
		plain
		Amount json.RawMessage `json:"amount"`
	}{plain(p), amount}, p.Extra)
}

// maxRewardAmount bounds a reward as PartnerStack documents.
const maxRewardAmount = 100_000_000

// Create adds a reward. It is never retried after it may have reached the
// server: a retried credit could be paid twice.
func (s *RewardsService) Create(ctx context.Context, params *RewardCreateParams, opts ...RequestOption) (*Reward, error) {
	if params == nil {
		return nil, errors.New("partnerstack: create reward: params are required")
	}
	if cents, err := centsOf(params.Amount, "USD"); err != nil || cents <= 0 || cents > maxRewardAmount {
		return nil, fmt.Errorf("partnerstack: create reward: Amount must be 0.01 to 1000000.00 USD (1 to 100000000 cents), got %s", params.Amount.String())
	}
	if params.Target == nil && params.PartnerKey == "" && len(params.Extra) == 0 {
		return nil, errors.New("partnerstack: create reward: a Target or PartnerKey is required")
	}
	return send[Reward](ctx, s.api, http.MethodPost, "rewards", params, opts...)
}
