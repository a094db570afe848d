package firstpromoter

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"strconv"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// RewardsService manages the account's rewards, the ids campaign rewards
// and promo codes refer to: /company/rewards.
type RewardsService service

// Reward is a promoter reward (a commission rule) or a referral reward (a
// discount or coupon).
type Reward struct {
	ID               int64  `json:"id"`
	Name             string `json:"name"`
	IsPromoterReward bool   `json:"is_promoter_reward"`
	// PromoterRewardType is sale, tier or target; nil when the API sends
	// null, as for referral rewards.
	PromoterRewardType *string `json:"promoter_reward_type"`
	// Coupon and ProviderCouponID are the coupon code and its id at the
	// payment provider; nil for null.
	Coupon           *string `json:"coupon"`
	Editable         bool    `json:"editable"`
	HideReward       *bool   `json:"hide_reward"`
	ProviderCouponID *string `json:"provider_coupon_id"`
	// Duration is once, forever or repeating; nil for null.
	Duration         *string   `json:"duration"`
	DurationInMonths *int64    `json:"duration_in_months"`
	MaxRedemptions   *int64    `json:"max_redemptions"`
	NewCustomersOnly bool      `json:"new_customers_only"`
	CreatedAt        time.Time `json:"created_at"`
	UpdatedAt        time.Time `json:"updated_at"`
	Provider         string    `json:"provider"`
	// TierRewardMode is tier_commission_mode, tier_override_mode or
	// tier_net_override_mode; nil for null.
	TierRewardMode *string         `json:"tier_reward_mode"`
	TierLevel      *int64          `json:"tier_level"`
	Schemas        []*RewardSchema `json:"schemas"`
}

// RewardUnit is what a reward schema's amount counts.
type RewardUnit string

// Reward units.
const (
	RewardCash        RewardUnit = "cash"
	RewardFreeMonths  RewardUnit = "free_months"
	RewardCredits     RewardUnit = "credits"
	RewardPoints      RewardUnit = "points"
	RewardMonDiscount RewardUnit = "mon_discount"
	RewardDiscountPer RewardUnit = "discount_per"
)

// RewardSchema is one amount of a reward and the rules it applies under.
type RewardSchema struct {
	Unit RewardUnit `json:"unit"`
	// Amount is kept exactly as sent, and sent as given: the spec types
	// it as a number without documenting its unit (a percentage when
	// FlatAmount is false).
	Amount     Amount        `json:"amount"`
	FlatAmount bool          `json:"flat_amount"`
	Rules      []*RewardRule `json:"rules,omitempty"`
}

// RewardRule is a condition a reward schema applies under.
type RewardRule struct {
	// Type is customer_sales_count, customer_age_in_months,
	// promoter_campaign_customers_count or promoter_campaign_revenue.
	Type string `json:"type"`
	// Condition is "less than", "less than or equal to", "equal to",
	// "greater than or equal to", "greater than" or "multiple of".
	Condition string `json:"condition"`
	// FilterBy is "price" or nil.
	FilterBy *string `json:"filter_by"`
	// Value is kept exactly as sent, and sent as given (a count, or the
	// revenue in the API's undocumented unit).
	Value Amount `json:"value"`
	// Operator is and or or.
	Operator string `json:"operator"`
}

// RewardScope selects promoter or referral rewards.
type RewardScope string

// Reward scopes.
const (
	RewardScopePromoters RewardScope = "promoters"
	RewardScopeReferrals RewardScope = "referrals"
)

// RewardListOptions filter GET /company/rewards.
type RewardListOptions struct {
	ListParams
	// Scope limits the list to promoter or referral rewards.
	Scope RewardScope `url:"scope,omitempty"`
}

// List iterates over the account's rewards matching opts.
func (s *RewardsService) List(ctx context.Context, opts ...*RewardListOptions) iter.Seq2[*Reward, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of rewards.
func (s *RewardsService) ListPage(ctx context.Context, opts *RewardListOptions) ([]*Reward, *Response, error) {
	return listPage[Reward](ctx, s.client, "company/rewards", copyOpts(opts))
}

// RewardParams is the body of POST /company/rewards and PUT
// /company/rewards/{id}. On update, empty fields are left unchanged.
type RewardParams struct {
	// Name, IsPromoterReward and Schemas are required on create.
	Name             string `json:"name,omitempty"`
	IsPromoterReward *bool  `json:"is_promoter_reward,omitempty"`
	// PromoterRewardType is sale, tier, target or custom; required for
	// promoter rewards.
	PromoterRewardType string `json:"promoter_reward_type,omitempty"`
	// TierRewardMode and TierLevel (2 or more) are required for tier
	// rewards.
	TierRewardMode string `json:"tier_reward_mode,omitempty"`
	TierLevel      int64  `json:"tier_level,omitempty"`
	Coupon         string `json:"coupon,omitempty"`
	HideReward     *bool  `json:"hide_reward,omitempty"`
	// Duration is once, forever or repeating; DurationInMonths is
	// required for repeating.
	Duration                   string          `json:"duration,omitempty"`
	DurationInMonths           int64           `json:"duration_in_months,omitempty"`
	MaxRedemptions             int64           `json:"max_redemptions,omitempty"`
	ShouldCreateProviderCoupon *bool           `json:"should_create_provider_coupon,omitempty"`
	NewCustomersOnly           *bool           `json:"new_customers_only,omitempty"`
	ProviderCouponID           string          `json:"provider_coupon_id,omitempty"`
	Schemas                    []*RewardSchema `json:"schemas,omitempty"`
}

// Create adds a reward. It is not retried after it may have reached the
// server.
func (s *RewardsService) Create(ctx context.Context, params *RewardParams, opts ...RequestOption) (*Reward, error) {
	switch {
	case params == nil || params.Name == "":
		return nil, errors.New("firstpromoter: create reward: Name is required")
	case params.IsPromoterReward == nil:
		return nil, errors.New("firstpromoter: create reward: IsPromoterReward is required")
	case len(params.Schemas) == 0:
		return nil, errors.New("firstpromoter: create reward: at least one schema is required")
	}
	return s.one(ctx, http.MethodPost, "company/rewards", params, opts...)
}

// Update changes the reward with the given id.
func (s *RewardsService) Update(ctx context.Context, id int64, params *RewardParams, opts ...RequestOption) (*Reward, error) {
	if params == nil {
		params = &RewardParams{}
	}
	return s.one(ctx, http.MethodPut, rewardPath(id, ""), params, opts...)
}

// Hide hides the reward with the given id. It is not retried after it
// may have reached the server.
func (s *RewardsService) Hide(ctx context.Context, id int64, opts ...RequestOption) error {
	_, err := s.client.do(ctx, http.MethodPost, rewardPath(id, "/hide"), nil, nil, nil, opts...)
	return err
}

func (s *RewardsService) one(ctx context.Context, method, path string, body any, opts ...RequestOption) (*Reward, error) {
	r := new(Reward)
	if _, err := s.client.do(ctx, method, path, nil, body, transport.RecordID(r), opts...); err != nil {
		return nil, err
	}
	return r, nil
}

func rewardPath(id int64, suffix string) string {
	return transport.Join("company/rewards/%s", strconv.FormatInt(id, 10)) + suffix
}
