package firstpromoter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strconv"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// CampaignsService manages campaigns: /company/campaigns. A campaign holds
// the landing page, cookie life and rewards that its promoters work with.
type CampaignsService service

// AdTrafficPolicy says how a campaign treats referrals from paid ads.
type AdTrafficPolicy string

// Ad traffic policies.
const (
	AdTrafficPending AdTrafficPolicy = "pending"
	AdTrafficAllow   AdTrafficPolicy = "allow"
	AdTrafficBlock   AdTrafficPolicy = "block"
)

// ApplyOn says which sales a reward applies to.
type ApplyOn string

// Reward scopes.
const (
	ApplyOnMonthly  ApplyOn = "monthly"
	ApplyOnYearly   ApplyOn = "yearly"
	ApplyOnOneTime  ApplyOn = "one_time"
	ApplyOnAll      ApplyOn = "all"
	ApplyOnSpecific ApplyOn = "specific"
)

// Campaign is an affiliate program with its own landing page, tracking
// parameter and rewards.
type Campaign struct {
	ID    int64         `json:"id"`
	Name  string        `json:"name"`
	Color string        `json:"color"`
	Stats CampaignStats `json:"stats"`
	// LandingURL is where referral links lead.
	LandingURL string `json:"landing_url"`
	// VisitorCookieLife is the tracking cookie's lifetime in days.
	VisitorCookieLife int `json:"visitor_cookie_life"`
	// RefTokenParam is the referral link parameter, e.g. "?fpr" or "?via".
	RefTokenParam        string          `json:"ref_token_param"`
	AutoApproveLeads     bool            `json:"auto_approve_leads"`
	AutoApprovePromoters bool            `json:"auto_approve_promoters"`
	IsPrivate            bool            `json:"is_private"`
	IsDefault            bool            `json:"is_default"`
	TrackAdTraffic       AdTrafficPolicy `json:"track_ad_traffic"`
	// UpgradeDetails moves promoters to another campaign once they reach a
	// threshold; nil when not configured.
	UpgradeDetails *CampaignUpgrade `json:"upgrade_details"`
	// SignupURL is where promoters join the campaign.
	SignupURL           string           `json:"signup_url"`
	Links               []CampaignLink   `json:"links"`
	RewardsForPromoters []CampaignReward `json:"rewards_for_promoters"`
	RewardsForReferrals []CampaignReward `json:"rewards_for_referrals"`
}

// CampaignStats are a campaign's running totals.
type CampaignStats struct {
	ReferralsCount int `json:"referrals_count"`
	SalesCount     int `json:"sales_count"`
	CustomersCount int `json:"customers_count"`
	PromotersCount int `json:"promoters_count"`
	// RevenueAmount is sent as integer cents and decodes to its value:
	// 2500 reads as 25.00.
	RevenueAmount Amount `json:"revenue_amount"`
}

// UnmarshalJSON decodes RevenueAmount from cents.
func (s *CampaignStats) UnmarshalJSON(b []byte) error {
	type plain CampaignStats
	return money.UnmarshalMinorUnits(b, (*plain)(s), centsExponent, &s.RevenueAmount)
}

// CampaignUpgrade moves a promoter to CampaignID once Metric reaches
// Amount.
type CampaignUpgrade struct {
	CampaignID int64 `json:"campaign_id"`
	// Amount is the threshold: for the revenue metric, money sent as
	// integer cents (2500 reads as 25.00, and ParseAmount("25.00", "")
	// sends 2500); for the others, a whole count of customers.
	Amount Amount `json:"amount"`
	// Metric is "customers", "revenue" or "active_customers".
	Metric string `json:"metric"`
	// MoveReferralsOnLevelChange is reported by the API; it is not part of
	// the documented request body.
	MoveReferralsOnLevelChange bool `json:"move_referrals_on_level_change,omitempty"`
}

// UnmarshalJSON decodes a revenue threshold from cents.
func (u *CampaignUpgrade) UnmarshalJSON(b []byte) error {
	type plain CampaignUpgrade
	if err := json.Unmarshal(b, (*plain)(u)); err != nil {
		return err
	}
	if u.Metric == "revenue" {
		return money.ToMinorUnits(centsExponent, &u.Amount)
	}
	return nil
}

// MarshalJSON sends Amount as an integer: cents for the revenue metric, a
// count otherwise.
func (u CampaignUpgrade) MarshalJSON() ([]byte, error) {
	type plain CampaignUpgrade
	w := struct {
		plain
		Amount *int64 `json:"amount"`
	}{plain: plain(u)}
	if !u.Amount.IsNull() {
		conv := toCount
		if u.Metric == "revenue" {
			conv = func(a Amount) (int64, error) { return toCents(a, "") }
		}
		n, err := conv(u.Amount)
		if err != nil {
			return nil, fmt.Errorf("upgrade_details amount: %w", err)
		}
		w.Amount = &n
	}
	return json.Marshal(w)
}

// CampaignLink is an extra landing page promoters can link to. In create
// and update bodies, a link without ID is added, one with ID is changed,
// and one with Destroy set is removed.
type CampaignLink struct {
	ID      int64  `json:"id,omitempty"`
	Name    string `json:"name"`
	URL     string `json:"url"`
	Destroy bool   `json:"_destroy,omitempty"`
}

// CampaignReward is a reward assigned to a campaign or promoter campaign,
// with the reward and products it refers to.
type CampaignReward struct {
	ApplyOn    ApplyOn               `json:"apply_on"`
	ProductIDs []int64               `json:"product_ids"`
	RewardID   int64                 `json:"reward_id"`
	Reward     *CampaignRewardDetail `json:"reward"`
	Products   []CampaignProduct     `json:"products"`
}

// CampaignRewardDetail is the reward nested in a CampaignReward.
type CampaignRewardDetail struct {
	ID                 int64  `json:"id"`
	Name               string `json:"name"`
	PromoterRewardType string `json:"promoter_reward_type"`
	HideReward         bool   `json:"hide_reward"`
	TierLevel          int    `json:"tier_level"`
	Coupon             string `json:"coupon"`
}

// CampaignProduct is a product a reward is limited to.
type CampaignProduct struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// CampaignRewardParams assigns a reward in create and update bodies.
type CampaignRewardParams struct {
	ApplyOn ApplyOn `json:"apply_on"`
	// ProductIDs limits the reward to products when ApplyOn is
	// ApplyOnSpecific; it is sent as [] when empty.
	ProductIDs []int64 `json:"product_ids"`
	RewardID   int64   `json:"reward_id"`
}

// MarshalJSON sends an empty ProductIDs as [] rather than null: the API
// requires the field.
func (p CampaignRewardParams) MarshalJSON() ([]byte, error) {
	type plain CampaignRewardParams
	if p.ProductIDs == nil {
		p.ProductIDs = []int64{}
	}
	return json.Marshal(plain(p))
}

// CampaignListOptions page GET /company/campaigns, which takes no filters.
type CampaignListOptions struct {
	ListParams
}

// List iterates over all campaigns.
func (s *CampaignsService) List(ctx context.Context, opts ...*CampaignListOptions) iter.Seq2[*Campaign, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of campaigns.
func (s *CampaignsService) ListPage(ctx context.Context, opts *CampaignListOptions) ([]*Campaign, *Response, error) {
	return listPage[Campaign](ctx, s.client, "company/campaigns", copyOpts(opts))
}

// Get returns the campaign with the given id.
func (s *CampaignsService) Get(ctx context.Context, id int64, opts ...RequestOption) (*Campaign, error) {
	c := new(Campaign)
	if _, err := s.client.do(ctx, http.MethodGet, campaignPath(id), nil, nil, transport.RecordID(c), opts...); err != nil {
		return nil, err
	}
	return c, nil
}

// CampaignCreateParams is the body of POST /company/campaigns.
type CampaignCreateParams struct {
	// Name is required.
	Name string `json:"name"`
	// LandingURL is required.
	LandingURL string `json:"landing_url"`
	// RefTokenParam is required: one of "?fpr", "?via", "?fp_ref", "?deal",
	// "?ref", "?_from", "?_by" or "?_go".
	RefTokenParam string `json:"ref_token_param"`
	// VisitorCookieLife is the cookie lifetime in days. Required.
	VisitorCookieLife    int                    `json:"visitor_cookie_life"`
	Color                string                 `json:"color,omitempty"`
	AutoApprovePromoters *bool                  `json:"auto_approve_promoters,omitempty"`
	IsPrivate            *bool                  `json:"is_private,omitempty"`
	TrackAdTraffic       AdTrafficPolicy        `json:"track_ad_traffic,omitempty"`
	Links                []CampaignLink         `json:"links,omitempty"`
	UpgradeDetails       *CampaignUpgrade       `json:"upgrade_details,omitempty"`
	RewardsForPromoters  []CampaignRewardParams `json:"rewards_for_promoters,omitempty"`
	RewardsForReferrals  []CampaignRewardParams `json:"rewards_for_referrals,omitempty"`
}

// Create adds a campaign (the API answers 201). It is not retried after it
// may have reached the server.
func (s *CampaignsService) Create(ctx context.Context, params *CampaignCreateParams, opts ...RequestOption) (*Campaign, error) {
	if err := params.check(); err != nil {
		return nil, err
	}
	return call(ctx, s.client, post("company/campaigns", params), withID[Campaign], opts)
}

// check reports the first required field params lacks.
func (p *CampaignCreateParams) check() error {
	switch {
	case p == nil || p.Name == "":
		return errors.New("firstpromoter: create campaign: Name is required")
	case p.LandingURL == "":
		return errors.New("firstpromoter: create campaign: LandingURL is required")
	case p.RefTokenParam == "":
		return errors.New("firstpromoter: create campaign: RefTokenParam is required")
	case p.VisitorCookieLife <= 0:
		return errors.New("firstpromoter: create campaign: VisitorCookieLife (days) is required")
	}
	return nil
}

// CampaignUpdateParams is the body of PUT /company/campaigns/{id}. Empty
// and nil fields are left unchanged.
type CampaignUpdateParams struct {
	Name                 string                 `json:"name,omitempty"`
	LandingURL           string                 `json:"landing_url,omitempty"`
	RefTokenParam        string                 `json:"ref_token_param,omitempty"`
	VisitorCookieLife    int                    `json:"visitor_cookie_life,omitempty"`
	Color                string                 `json:"color,omitempty"`
	AutoApprovePromoters *bool                  `json:"auto_approve_promoters,omitempty"`
	IsPrivate            *bool                  `json:"is_private,omitempty"`
	TrackAdTraffic       AdTrafficPolicy        `json:"track_ad_traffic,omitempty"`
	Links                []CampaignLink         `json:"links,omitempty"`
	UpgradeDetails       *CampaignUpgrade       `json:"upgrade_details,omitempty"`
	RewardsForPromoters  []CampaignRewardParams `json:"rewards_for_promoters,omitempty"`
	RewardsForReferrals  []CampaignRewardParams `json:"rewards_for_referrals,omitempty"`
}

// Update changes the campaign with the given id.
func (s *CampaignsService) Update(ctx context.Context, id int64, params *CampaignUpdateParams, opts ...RequestOption) (*Campaign, error) {
	return call(ctx, s.client, put(campaignPath(id), orEmpty(params)), withID[Campaign], opts)
}

// Delete deletes the campaign with the given id and returns it as the API
// sends it back. A 204 without a body returns a nil campaign and no error;
// a 200 without a body is a malformed answer (ErrMalformedResponse).
func (s *CampaignsService) Delete(ctx context.Context, id int64, opts ...RequestOption) (*Campaign, error) {
	return callOrNone(ctx, s.client, del(campaignPath(id)), withID[Campaign], opts)
}

func campaignPath(id int64) string {
	return transport.Join("company/campaigns/%s", strconv.FormatInt(id, 10))
}
