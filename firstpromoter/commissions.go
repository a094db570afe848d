package firstpromoter

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strconv"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// CommissionsService manages commissions: /company/commissions.
type CommissionsService service

// CommissionStatus is the approval status of a commission.
type CommissionStatus string

// Commission statuses.
const (
	CommissionPending  CommissionStatus = "pending"
	CommissionApproved CommissionStatus = "approved"
	CommissionDenied   CommissionStatus = "denied"
)

// CommissionType says whether a commission comes from a sale or was
// created as a custom amount.
type CommissionType string

// Commission types.
const (
	CommissionSale   CommissionType = "sale"
	CommissionCustom CommissionType = "custom"
)

// CommissionUnit says what a commission amount means.
type CommissionUnit string

// Commission units. Only CommissionUnitCash amounts are money (in cents).
const (
	CommissionUnitCash        CommissionUnit = "cash"
	CommissionUnitCredits     CommissionUnit = "credits"
	CommissionUnitPoints      CommissionUnit = "points"
	CommissionUnitFreeMonths  CommissionUnit = "free_months"
	CommissionUnitMonDiscount CommissionUnit = "mon_discount"
	CommissionUnitDiscountPer CommissionUnit = "discount_per"
)

// DuePeriod selects commissions or payouts by when they fall due.
type DuePeriod string

// Due periods.
const (
	DueNext    DuePeriod = "next"
	DueOverdue DuePeriod = "overdue"
	DueCustom  DuePeriod = "custom"
)

// Commission is a reward earned by a promoter.
type Commission struct {
	ID     int64            `json:"id"`
	Status CommissionStatus `json:"status"`
	// Metadata is free-form and may be null.
	Metadata map[string]any `json:"metadata"`
	// IsSelfReferral is null in some real data, which decodes as nil.
	IsSelfReferral     *bool          `json:"is_self_referral"`
	CommissionType     CommissionType `json:"commission_type"`
	CreatedByUserEmail string         `json:"created_by_user_email"`
	CreatedByUserAt    *time.Time     `json:"created_by_user_at"`
	// SaleAmount and OriginalSaleAmount are sent as integer cents (whole
	// units for zero-decimal currencies) and decode to their value: 2500
	// reads as 25.00. SaleAmount is in the account's currency, which the
	// record does not name; OriginalSaleAmount carries
	// OriginalSaleCurrency.
	SaleAmount           Amount `json:"sale_amount"`
	OriginalSaleAmount   Amount `json:"original_sale_amount"`
	OriginalSaleCurrency string `json:"original_sale_currency"`
	// EventID and PlanID are nil when the API sends null.
	EventID *string `json:"event_id"`
	PlanID  *string `json:"plan_id"`
	// Tier is 1 for the promoter's own commission, higher for parents.
	Tier         int            `json:"tier"`
	InternalNote string         `json:"internal_note"`
	ExternalNote string         `json:"external_note"`
	Unit         CommissionUnit `json:"unit"`
	// FraudCheck is no_suspicion, same_ip_suspicion, same_promoter_email
	// or ad_source; nil when the API sends null.
	FraudCheck *string `json:"fraud_check"`
	// Amount is sent as integer cents for CommissionUnitCash (and when no
	// unit is sent) and decodes to its value, 2500 reading as 25.00; for
	// the other units it is the count of the unit, kept as sent.
	Amount Amount `json:"amount"`
	// IsPaid reports a completed payout: for cash commissions, paid out;
	// for the others, fulfilled (see Fulfilled).
	IsPaid           bool                 `json:"is_paid"`
	IsSplit          bool                 `json:"is_split"`
	CreatedAt        time.Time            `json:"created_at"`
	StatusUpdatedAt  *time.Time           `json:"status_updated_at"`
	PromoterCampaign *PromoterCampaignRef `json:"promoter_campaign"`
	// Referral is null for custom commissions.
	Referral *ReferralRef      `json:"referral"`
	Reward   *CommissionReward `json:"reward"`
	// SplitDetails is null unless the commission is split; its shape is
	// not documented, so it is kept as raw JSON.
	SplitDetails json.RawMessage `json:"split_details"`
}

// UnmarshalJSON decodes the cents fields to their values.
func (c *Commission) UnmarshalJSON(b []byte) error {
	type plain Commission
	if err := json.Unmarshal(b, (*plain)(c)); err != nil {
		return err
	}
	return c.decodeAmounts()
}

func (c *Commission) decodeAmounts() error {
	if err := money.ToMinorUnits(centsExponent, &c.SaleAmount); err != nil {
		return err
	}
	if err := money.ToMinorUnits(minorExponent(c.OriginalSaleCurrency), &c.OriginalSaleAmount); err != nil {
		return err
	}
	money.SetCurrency(c.OriginalSaleCurrency, &c.OriginalSaleAmount)
	if c.Unit == CommissionUnitCash || c.Unit == "" {
		return money.ToMinorUnits(centsExponent, &c.Amount)
	}
	return nil
}

// Fulfilled reports whether a non-monetary commission has been
// delivered. The API records fulfilment (MarkFulfilled) by completing the
// commission's payout, which the commission shows as is_paid, and
// filters[fulfilled] matches non-monetary commissions on it. It is false
// for cash commissions, which are paid out rather than fulfilled.
func (c *Commission) Fulfilled() bool {
	return c != nil && c.Unit != CommissionUnitCash && c.IsPaid
}

// ReferralRef is the short referral object nested in other resources.
type ReferralRef struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
	// UID is nil for the many referrals the API sends with a null uid.
	UID *string `json:"uid"`
}

// CommissionReward is the reward rule that produced a commission.
type CommissionReward struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// CommissionListOptions filter and sort GET /company/commissions.
type CommissionListOptions struct {
	ListParams
	// Q searches the event id and the referral's email and uid.
	Q string `url:"q,omitempty"`
	// IDs limits the list to these commissions (ids[]=1&ids[]=2).
	IDs     []int64           `url:"ids,omitempty,brackets"`
	Filters CommissionFilters `url:"filters,omitempty"`
	Sorting CommissionSorting `url:"sorting,omitempty"`
}

// CommissionFilters are the filters[...] parameters of the commission list.
type CommissionFilters struct {
	Status    CommissionStatus `url:"status,omitempty"`
	Paid      YesNo            `url:"paid,omitempty"`
	Fulfilled YesNo            `url:"fulfilled,omitempty"`
	// SaleAmount and Amount are sent in cents.
	SaleAmount AmountRange `url:"sale_amount,omitempty"`
	Amount     AmountRange `url:"amount,omitempty"`
	CreatedAt  DateRange   `url:"created_at,omitempty"`
	// CampaignID, PayoutID and PlanID filter by one or more ids.
	CampaignID []int64   `url:"campaign_id,omitempty,brackets"`
	PayoutID   []int64   `url:"payout_id,omitempty,brackets"`
	PlanID     []int64   `url:"plan_id,omitempty,brackets"`
	DuePeriod  DuePeriod `url:"due_period,omitempty"`
	PromoterID int64     `url:"promoter_id,omitempty"`
	// FirstCommission and Refunded are sent as true or false when not nil.
	FirstCommission *bool `url:"first_commission,omitempty"`
	Refunded        *bool `url:"refunded,omitempty"`
	// FraudCheck is no_suspicion, same_ip_suspicion, same_promoter_email
	// or ad_source.
	FraudCheck string `url:"fraud_check,omitempty"`
	// FraudChecks matches any of several fraud checks, sent in the array
	// form filters[fraud_check][]=...; use it or FraudCheck.
	FraudChecks []string `url:"fraud_check,omitempty,brackets"`
}

// CommissionSorting is sorting[<field>]=asc|desc on the commission list.
type CommissionSorting struct {
	SaleAmount SortOrder `url:"sale_amount,omitempty"`
	Amount     SortOrder `url:"amount,omitempty"`
	CreatedAt  SortOrder `url:"created_at,omitempty"`
	Referral   SortOrder `url:"referral,omitempty"`
}

// List iterates over all commissions matching opts, fetching pages of up
// to MaxPerPage as the loop advances.
func (s *CommissionsService) List(ctx context.Context, opts ...*CommissionListOptions) iter.Seq2[*Commission, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of commissions.
func (s *CommissionsService) ListPage(ctx context.Context, opts *CommissionListOptions) ([]*Commission, *Response, error) {
	return listPage[Commission](ctx, s.client, "company/commissions", copyOpts(opts))
}

// CommissionCreateParams is the body of POST /company/commissions. One
// struct serves both kinds, told apart by CommissionType:
//
//   - CommissionSale: ReferralID and SaleAmount are required; PlanID and
//     BillingPeriod are optional; the reward rules compute the amount.
//   - CommissionCustom: PromoterCampaignID and Amount are required.
//
// The other fields apply to both.
type CommissionCreateParams struct {
	CommissionType CommissionType `json:"commission_type"`

	// ReferralID is the referral the sale belongs to (sale).
	ReferralID int64 `json:"referral_id,omitempty"`
	// SaleAmount is the sale (sale), sent as integer cents: build it with
	// AmountFromMinorUnits(2500, 2, "") or ParseAmount("25.00", ""); both
	// send 2500.
	SaleAmount Amount `json:"-"`
	PlanID     int64  `json:"plan_id,omitempty"`
	// BillingPeriod is monthly, yearly or one_time (sale).
	BillingPeriod string `json:"billing_period,omitempty"`

	// PromoterCampaignID pairs the commission with a promoter in a
	// campaign (custom).
	PromoterCampaignID int64 `json:"promoter_campaign_id,omitempty"`
	// Amount is the commission (custom), sent as integer cents for
	// CommissionUnitCash or no Unit, else as the whole count of the unit.
	Amount Amount `json:"-"`

	EventID string `json:"event_id,omitempty"`
	// EventDate is sent as YYYY-MM-DD when set.
	EventDate    Date           `json:"-"`
	InternalNote string         `json:"internal_note,omitempty"`
	ExternalNote string         `json:"external_note,omitempty"`
	Unit         CommissionUnit `json:"unit,omitempty"`
	// NotifyPromoter is sent when not nil.
	NotifyPromoter *bool `json:"notify_promoter,omitempty"`
}

// MarshalJSON writes EventDate as a calendar date and the amounts as
// integers in the API's unit: cents, or the count of a non-cash Unit.
func (p CommissionCreateParams) MarshalJSON() ([]byte, error) {
	type plain CommissionCreateParams
	w := struct {
		plain
		SaleAmount *int64 `json:"sale_amount,omitempty"`
		Amount     *int64 `json:"amount,omitempty"`
		EventDate  string `json:"event_date,omitempty"`
	}{plain: plain(p)}
	if !p.SaleAmount.IsZero() {
		c, err := toCents(p.SaleAmount, "")
		if err != nil {
			return nil, fmt.Errorf("sale_amount: %w", err)
		}
		w.SaleAmount = &c
	}
	if !p.Amount.IsZero() {
		conv := func(a Amount) (int64, error) { return toCents(a, "") }
		if p.Unit != "" && p.Unit != CommissionUnitCash {
			conv = toCount
		}
		c, err := conv(p.Amount)
		if err != nil {
			return nil, fmt.Errorf("amount: %w", err)
		}
		w.Amount = &c
	}
	if !p.EventDate.IsZero() {
		w.EventDate = p.EventDate.Format(time.DateOnly)
	}
	return json.Marshal(w)
}

func (p *CommissionCreateParams) validate() error {
	if p == nil {
		return errors.New("no params given")
	}
	switch p.CommissionType {
	case CommissionSale:
		if p.ReferralID == 0 || p.SaleAmount.IsZero() || p.SaleAmount.IsNull() {
			return errors.New("a sale commission needs ReferralID and SaleAmount")
		}
	case CommissionCustom:
		if p.PromoterCampaignID == 0 || p.Amount.IsZero() || p.Amount.IsNull() {
			return errors.New("a custom commission needs PromoterCampaignID and Amount")
		}
	case "":
		return errors.New("CommissionType is required (CommissionSale or CommissionCustom)")
	default:
		return fmt.Errorf("unknown CommissionType %q", p.CommissionType)
	}
	return nil
}

// commissionList decodes the create answer, which the API documents as an
// array of commissions (a sale can pay several tiers) but which may be a
// single object.
type commissionList []*Commission

// UnmarshalJSON accepts an array or a single object.
func (l *commissionList) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '{' {
		c := new(Commission)
		if err := json.Unmarshal(b, c); err != nil {
			return err
		}
		*l = commissionList{c}
		return nil
	}
	var cs []*Commission
	if err := json.Unmarshal(b, &cs); err != nil {
		return err
	}
	*l = cs
	return nil
}

// identified reports whether the list holds at least one commission and
// each carries its id; null items, which Create drops, are skipped.
func (l *commissionList) identified() bool {
	n := 0
	for _, c := range *l {
		if c == nil {
			continue
		}
		if c.ID == 0 {
			return false
		}
		n++
	}
	return n > 0
}

// checked decodes an answer into l and refuses it as malformed when a
// commission lacks its id.
func (l *commissionList) checked() any {
	return transport.Require(l, `no "id" in a commission`, (*commissionList).identified)
}

// Create adds a commission and returns what the API created: one
// commission, or one per tier when parent promoters earn too. An answer
// that is a single object is returned as a one-item slice. It is not
// retried after it may have reached the server.
func (s *CommissionsService) Create(ctx context.Context, params *CommissionCreateParams, opts ...RequestOption) ([]*Commission, error) {
	if err := params.validate(); err != nil {
		return nil, fmt.Errorf("firstpromoter: create commission: %w", err)
	}
	return records(call(ctx, s.client, post("company/commissions", params), (*commissionList).checked, opts))
}

// CommissionUpdateParams is the body of PUT /company/commissions/{id}.
// Empty notes are left unchanged.
type CommissionUpdateParams struct {
	// InternalNote is seen by your team only.
	InternalNote string `json:"internal_note,omitempty"`
	// ExternalNote is shown to the promoter.
	ExternalNote string `json:"external_note,omitempty"`
}

// Update changes the notes of the commission with the given id.
func (s *CommissionsService) Update(ctx context.Context, id int64, params *CommissionUpdateParams, opts ...RequestOption) (*Commission, error) {
	path := transport.Join("company/commissions/%s", strconv.FormatInt(id, 10))
	return call(ctx, s.client, put(path, orEmpty(params)), withID[Commission], opts)
}

// Approve approves commissions. More than 5 ids run asynchronously: wait
// for the returned batch with BatchProcesses.Wait.
func (s *CommissionsService) Approve(ctx context.Context, ids []int64, opts ...RequestOption) (*Batch, error) {
	return s.client.bulk(ctx, http.MethodPost, "company/commissions/approve", idsBody{IDs: ids}, opts...)
}

// Deny denies commissions (a batch; see Approve).
func (s *CommissionsService) Deny(ctx context.Context, ids []int64, opts ...RequestOption) (*Batch, error) {
	return s.client.bulk(ctx, http.MethodPost, "company/commissions/deny", idsBody{IDs: ids}, opts...)
}

// MarkFulfilled marks non-monetary commissions as delivered (a batch; see
// Approve): it works only on approved non-cash commissions that have a
// payout, and completes that payout, which then shows as
// Commission.Fulfilled. Cash and unapproved commissions fail in the
// batch's processing errors.
func (s *CommissionsService) MarkFulfilled(ctx context.Context, ids []int64, opts ...RequestOption) (*Batch, error) {
	return s.client.bulk(ctx, http.MethodPost, "company/commissions/mark_fulfilled", idsBody{IDs: ids}, opts...)
}

// MarkUnfulfilled reverses MarkFulfilled (a batch; see Approve): the
// commissions' payout goes back to pending.
func (s *CommissionsService) MarkUnfulfilled(ctx context.Context, ids []int64, opts ...RequestOption) (*Batch, error) {
	return s.client.bulk(ctx, http.MethodPost, "company/commissions/mark_unfulfilled", idsBody{IDs: ids}, opts...)
}

// Delete deletes commissions with DELETE /company/commissions/destroy (a
// batch; see Approve).
func (s *CommissionsService) Delete(ctx context.Context, ids []int64, opts ...RequestOption) (*Batch, error) {
	return s.client.bulk(ctx, http.MethodDelete, "company/commissions/destroy", idsBody{IDs: ids}, opts...)
}

// GeneratePayouts creates payouts for the given commissions and returns
// the batch process doing it.
func (s *CommissionsService) GeneratePayouts(ctx context.Context, ids []int64, opts ...RequestOption) (*Batch, error) {
	const path = "company/commissions/generate_payouts"
	return s.client.bulk(ctx, http.MethodPost, path, idsBody{IDs: ids}, opts...)
}
