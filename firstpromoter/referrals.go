package firstpromoter

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strconv"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// ReferralsService manages referrals (leads and customers):
// /company/referrals.
type ReferralsService service

// ReferralState is the lifecycle state of a referral.
type ReferralState string

// Referral states.
const (
	ReferralSubscribed ReferralState = "subscribed"
	ReferralSignup     ReferralState = "signup"
	ReferralActive     ReferralState = "active"
	ReferralCancelled  ReferralState = "cancelled"
	ReferralRefunded   ReferralState = "refunded"
	ReferralDenied     ReferralState = "denied"
	ReferralPending    ReferralState = "pending"
	ReferralMoved      ReferralState = "moved"
)

// Referral is a lead or customer referred by a promoter.
type Referral struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
	// UID is your id for the user; nil when the API sends null, as it
	// does for many referrals.
	UID   *string       `json:"uid"`
	State ReferralState `json:"state"`
	// Metadata is free-form and may be null.
	Metadata map[string]any `json:"metadata"`
	// EntrySource is api, coupon, cookie, manual_admin or manual_affiliate.
	EntrySource   string     `json:"entry_source"`
	CreatedAt     time.Time  `json:"created_at"`
	CustomerSince *time.Time `json:"customer_since"`
	// PromoterCampaign can be null in real data.
	PromoterCampaign *PromoterCampaignRef `json:"promoter_campaign"`
	// FraudCheck is no_suspicion, same_ip_suspicion, same_promoter_email or
	// ad_source.
	FraudCheck         string        `json:"fraud_check"`
	CreatedByUserEmail string        `json:"created_by_user_email"`
	Username           string        `json:"username"`
	SplitDetails       []SplitDetail `json:"split_details"`
	FirstName          string        `json:"first_name"`
	LastName           string        `json:"last_name"`
	Website            string        `json:"website"`
	Comment            string        `json:"comment"`
	IsExpired          bool          `json:"is_expired"`
	// CustomStatus is the referral's custom status (see
	// CustomReferralStatusesService), nil when it has none.
	CustomStatus *CustomReferralStatus `json:"custom_status"`
}

// ReferralListOptions filter GET /company/referrals.
type ReferralListOptions struct {
	ListParams
	// Q searches email, uid, username and website.
	Q string `url:"q,omitempty"`
	// IDs limits the list to these referrals (ids[]=1&ids[]=2).
	IDs     []int64         `url:"ids,omitempty,brackets"`
	Filters ReferralFilters `url:"filters,omitempty"`
}

// ReferralFilters are the filters[...] parameters of the referrals list.
type ReferralFilters struct {
	// Type is "lead" or "customer".
	Type       string        `url:"type,omitempty"`
	PromoterID int64         `url:"promoter_id,omitempty"`
	State      ReferralState `url:"state,omitempty"`
	// CampaignID filters by one or more campaigns.
	CampaignID    []int64   `url:"campaign_id,omitempty,brackets"`
	CustomerSince DateRange `url:"customer_since,omitempty"`
	CreatedAt     DateRange `url:"created_at,omitempty"`
	CancelledAt   DateRange `url:"cancelled_at,omitempty"`
}

// List iterates over all referrals matching opts, fetching pages of up to
// MaxPerPage as the loop advances.
func (s *ReferralsService) List(ctx context.Context, opts ...*ReferralListOptions) iter.Seq2[*Referral, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of referrals.
func (s *ReferralsService) ListPage(ctx context.Context, opts *ReferralListOptions) ([]*Referral, *Response, error) {
	return listPage[Referral](ctx, s.client, "company/referrals", copyOpts(opts))
}

// Get returns the referral with the given id.
func (s *ReferralsService) Get(ctx context.Context, id int64, opts ...RequestOption) (*Referral, error) {
	return s.get(ctx, strconv.FormatInt(id, 10), "", opts...)
}

// GetByEmail returns the referral with the given email.
func (s *ReferralsService) GetByEmail(ctx context.Context, email string, opts ...RequestOption) (*Referral, error) {
	return s.get(ctx, email, "email", opts...)
}

// GetByUID returns the referral with the given uid (your user id).
func (s *ReferralsService) GetByUID(ctx context.Context, uid string, opts ...RequestOption) (*Referral, error) {
	return s.get(ctx, uid, "uid", opts...)
}

// GetByUsername returns the referral with the given username.
func (s *ReferralsService) GetByUsername(ctx context.Context, username string, opts ...RequestOption) (*Referral, error) {
	return s.get(ctx, username, "username", opts...)
}

type findBy struct {
	FindBy string `url:"find_by,omitempty"`
}

func (s *ReferralsService) get(ctx context.Context, key, by string, opts ...RequestOption) (*Referral, error) {
	if key == "" {
		return nil, errors.New("firstpromoter: get referral: empty key")
	}
	return call(ctx, s.client, get(transport.Join("company/referrals/%s", key), findBy{by}), withID[Referral], opts)
}

// ReferralCreateParams is the body of POST /company/referrals.
type ReferralCreateParams struct {
	// PromoterCampaignID pairs the referral with a promoter in a campaign
	// (not the campaign id). Required.
	PromoterCampaignID int64  `json:"promoter_campaign_id"`
	Email              string `json:"email,omitempty"`
	UID                string `json:"uid,omitempty"`
	Username           string `json:"username,omitempty"`
	// SplitDetails needs the split feature enabled on the account.
	SplitDetails []SplitDetail `json:"split_details,omitempty"`
}

// Create adds a referral. It is not retried after it may have reached the
// server.
func (s *ReferralsService) Create(ctx context.Context, params *ReferralCreateParams, opts ...RequestOption) (*Referral, error) {
	if err := params.check(); err != nil {
		return nil, err
	}
	return call(ctx, s.client, post("company/referrals", params), withID[Referral], opts)
}

// check reports the first required field params lacks.
func (p *ReferralCreateParams) check() error {
	switch {
	case p == nil || p.PromoterCampaignID == 0:
		return errors.New("firstpromoter: create referral: PromoterCampaignID is required")
	case p.Email == "" && p.UID == "":
		return errors.New("firstpromoter: create referral: Email or UID is required")
	}
	return nil
}

// ReferralUpdateParams is the body of PUT /company/referrals/{id}. Empty
// fields are left unchanged.
type ReferralUpdateParams struct {
	Email              string        `json:"email,omitempty"`
	UID                string        `json:"uid,omitempty"`
	Username           string        `json:"username,omitempty"`
	PromoterCampaignID int64         `json:"promoter_campaign_id,omitempty"`
	FraudCheck         string        `json:"fraud_check,omitempty"`
	SplitDetails       []SplitDetail `json:"split_details,omitempty"`
	// CustomStatusID sets or clears the referral's custom status: nil
	// leaves it unchanged, SetID(id) assigns the status id and ClearID()
	// sends null, which removes it.
	CustomStatusID *NullableID `json:"custom_status_id,omitempty"`
}

// ReferralLookup is the attribute a referral is found by instead of its
// id: the find_by parameter.
type ReferralLookup string

// Referral lookups.
const (
	ReferralByEmail    ReferralLookup = "email"
	ReferralByUID      ReferralLookup = "uid"
	ReferralByUsername ReferralLookup = "username"
)

// referralUpdateBody adds find_by to an update; the API reads it from the
// body of the PUT.
type referralUpdateBody struct {
	*ReferralUpdateParams
	FindBy ReferralLookup `json:"find_by,omitempty"`
}

// Update changes the referral with the given id.
func (s *ReferralsService) Update(ctx context.Context, id int64, params *ReferralUpdateParams, opts ...RequestOption) (*Referral, error) {
	return s.update(ctx, strconv.FormatInt(id, 10), "", params, opts...)
}

// UpdateBy changes the referral found by key, matched against the
// attribute by (e.g. ReferralByEmail).
func (s *ReferralsService) UpdateBy(ctx context.Context, by ReferralLookup, key string, params *ReferralUpdateParams, opts ...RequestOption) (*Referral, error) {
	if by == "" {
		return nil, errors.New("firstpromoter: update referral: no lookup attribute given")
	}
	return s.update(ctx, key, by, params, opts...)
}

func (s *ReferralsService) update(ctx context.Context, key string, by ReferralLookup, params *ReferralUpdateParams, opts ...RequestOption) (*Referral, error) {
	if key == "" {
		return nil, errors.New("firstpromoter: update referral: empty key")
	}
	body := referralUpdateBody{orEmpty(params), by}
	return call(ctx, s.client, put(transport.Join("company/referrals/%s", key), body), withID[Referral], opts)
}

// Delete deletes referrals. More than 5 ids run asynchronously: wait for
// the returned batch with BatchProcesses.Wait.
func (s *ReferralsService) Delete(ctx context.Context, ids []int64, opts ...RequestOption) (*Batch, error) {
	return s.client.bulk(ctx, http.MethodDelete, "company/referrals", idsBody{IDs: ids}, opts...)
}

// Approve approves referrals (a batch; see Delete).
func (s *ReferralsService) Approve(ctx context.Context, ids []int64, opts ...RequestOption) (*Batch, error) {
	return s.client.bulk(ctx, http.MethodPost, "company/referrals/approve", idsBody{IDs: ids}, opts...)
}

// Disable disables referrals (a batch; see Delete).
func (s *ReferralsService) Disable(ctx context.Context, ids []int64, opts ...RequestOption) (*Batch, error) {
	return s.client.bulk(ctx, http.MethodPost, "company/referrals/disable", idsBody{IDs: ids}, opts...)
}

// Enable enables referrals (a batch; see Delete).
func (s *ReferralsService) Enable(ctx context.Context, ids []int64, opts ...RequestOption) (*Batch, error) {
	return s.client.bulk(ctx, http.MethodPost, "company/referrals/enable", idsBody{IDs: ids}, opts...)
}

// ReferralMoveParams is the body of POST /company/referrals/move_to_promoter.
type ReferralMoveParams struct {
	// PromoterCampaignID is the destination. Required.
	PromoterCampaignID        int64   `json:"promoter_campaign_id"`
	IDs                       []int64 `json:"ids"`
	MoveAssociatedCommissions bool    `json:"move_associated_commissions,omitempty"`
}

// MoveToPromoter moves referrals to another promoter campaign (a batch).
func (s *ReferralsService) MoveToPromoter(ctx context.Context, params *ReferralMoveParams, opts ...RequestOption) (*Batch, error) {
	if params == nil || params.PromoterCampaignID == 0 {
		return nil, errors.New("firstpromoter: move referrals: PromoterCampaignID is required")
	}
	return s.client.bulk(ctx, http.MethodPost, "company/referrals/move_to_promoter", params, opts...)
}

// ImportEvents imports the referral's previous sales from Stripe; the
// API answers 202 with a batch.
func (s *ReferralsService) ImportEvents(ctx context.Context, id int64, opts ...RequestOption) (*Batch, error) {
	return s.importEvents(ctx, strconv.FormatInt(id, 10), "", opts...)
}

// ImportEventsBy is ImportEvents for the referral found by key, matched
// against the attribute by (find_by in the query).
func (s *ReferralsService) ImportEventsBy(ctx context.Context, by ReferralLookup, key string, opts ...RequestOption) (*Batch, error) {
	if by == "" {
		return nil, errors.New("firstpromoter: import referral events: no lookup attribute given")
	}
	return s.importEvents(ctx, key, by, opts...)
}

func (s *ReferralsService) importEvents(ctx context.Context, key string, by ReferralLookup, opts ...RequestOption) (*Batch, error) {
	if key == "" {
		return nil, errors.New("firstpromoter: import referral events: empty key")
	}
	path := transport.Join("company/referrals/%s/import_events", key)
	return call(ctx, s.client, &transport.Request{Method: http.MethodPost, Path: path, Query: findBy{string(by)}}, asIs[Batch], opts)
}

// idsBody is the BatchSelectionRequest body of the bulk actions.
type idsBody struct {
	IDs []int64 `json:"ids"`
}

// selection is the body of a bulk action that must name at least one id.
type selection interface{ selected() []int64 }

func (b idsBody) selected() []int64 { return b.IDs }

// bulk sends a bulk action and returns its batch process. A body that is
// a selection of no ids is refused before anything is sent.
func (c *Client) bulk(ctx context.Context, method, path string, body any, opts ...RequestOption) (*Batch, error) {
	if b, ok := body.(selection); ok && len(b.selected()) == 0 {
		return nil, fmt.Errorf("firstpromoter: %s %s: no ids given", method, path)
	}
	return call(ctx, c, &transport.Request{Method: method, Path: path, Body: body}, asIs[Batch], opts)
}
