package v1

import (
	"context"
	"fmt"
	"iter"
	"net/http"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// LeadsService manages leads and customers (v2 calls them referrals):
// /leads.
type LeadsService service

// Lead is a lead or customer referred by a promoter. Nullable text
// decodes null as "".
type Lead struct {
	ID int64 `json:"id"`
	// State is subscribed, signup, active, cancelled, refunded, denied,
	// pending or moved.
	State string `json:"state"`
	Email string `json:"email"`
	// UID is your id for the user.
	UID           string     `json:"uid"`
	CustomerSince *time.Time `json:"customer_since"`
	PlanName      string     `json:"plan_name"`
	// Suspicion is the fraud check: no_suspicion, same_ip_suspicion,
	// same_promoter_email and the like.
	Suspicion string     `json:"suspicion"`
	CreatedAt *time.Time `json:"created_at"`
	Promotion *Promotion `json:"promotion"`
	Promoter  *Promoter  `json:"promoter"`
}

func hasLeadID(l *Lead) bool { return l.ID != 0 }

// LeadListOptions filter GET /leads/list (and /rewards/list).
type LeadListOptions struct {
	ListParams
	PromotionID int64  `url:"promotion_id,omitempty"`
	RefID       string `url:"ref_id,omitempty"`
	PromoterID  int64  `url:"promoter_id,omitempty"`
	CampaignID  int64  `url:"campaign_id,omitempty"`
}

// List iterates over all leads matching opts.
func (s *LeadsService) List(ctx context.Context, opts ...*LeadListOptions) iter.Seq2[*Lead, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of leads.
func (s *LeadsService) ListPage(ctx context.Context, opts *LeadListOptions) ([]*Lead, *Response, error) {
	return listPage[Lead](ctx, s.client, "leads/list", copyOpts(opts))
}

// Get returns the lead with the given id.
func (s *LeadsService) Get(ctx context.Context, id int64, opts ...RequestOption) (*Lead, error) {
	return s.GetBy(ctx, LeadKey{ID: id}, opts...)
}

// GetBy returns the lead found by key: GET /leads/show.
func (s *LeadsService) GetBy(ctx context.Context, key LeadKey, opts ...RequestOption) (*Lead, error) {
	q, err := key.values()
	if err != nil {
		return nil, fmt.Errorf("%s: get lead: %w", platform, err)
	}
	l := new(Lead)
	if err := s.client.query(ctx, http.MethodGet, "leads/show", q, transport.Record(l, "id", hasLeadID), opts...); err != nil {
		return nil, err
	}
	return l, nil
}

// LeadUpdateParams is the form of PUT /leads/update beside the lead key;
// empty fields are left unchanged.
type LeadUpdateParams struct {
	NewUID   string `url:"new_uid,omitempty"`
	NewEmail string `url:"new_email,omitempty"`
	// NewRefID moves the lead to the promoter with this referral id;
	// SoftSwitch keeps its earlier rewards with the old promoter.
	NewRefID   string `url:"new_ref_id,omitempty"`
	SoftSwitch bool   `url:"soft_switch,omitempty"`
	State      string `url:"state,omitempty"`
	// CustomerSince is an ISO 8601 date or time.
	CustomerSince string `url:"customer_since,omitempty"`
	PlanName      string `url:"plan_name,omitempty"`
}

// Update changes the lead found by key.
func (s *LeadsService) Update(ctx context.Context, key LeadKey, params *LeadUpdateParams, opts ...RequestOption) (*Lead, error) {
	form, err := key.values()
	if err == nil {
		form, err = merge(form, params)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: update lead: %w", platform, err)
	}
	l := new(Lead)
	if _, err := s.client.send(ctx, http.MethodPut, "leads/update", form, transport.Record(l, "id", hasLeadID), opts...); err != nil {
		return nil, err
	}
	return l, nil
}

// Delete removes the lead found by key.
func (s *LeadsService) Delete(ctx context.Context, key LeadKey, opts ...RequestOption) (*Message, error) {
	q, err := key.values()
	if err != nil {
		return nil, fmt.Errorf("%s: delete lead: %w", platform, err)
	}
	m := new(Message)
	if err := s.client.query(ctx, http.MethodDelete, "leads/delete", q, transport.Require(m, `no "message" in the answer`, hasMessage), opts...); err != nil {
		return nil, err
	}
	return m, nil
}
