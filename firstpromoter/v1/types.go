package v1

import (
	"encoding/json"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// Balance is a promoter balance by unit: "cash" in the account currency's
// minor units, decoded so that 1200 reads as 12.00; "points",
// "free_months" and the other units as plain counts. It is nil when the
// API sends null (no balance yet).
type Balance map[string]Amount

// UnmarshalJSON decodes the units, cash as cents.
func (b *Balance) UnmarshalJSON(data []byte) error {
	var m map[string]Amount
	if err := json.Unmarshal(data, &m); err != nil {
		return err
	}
	for unit, a := range m {
		if err := unitAmount(&a, unit); err != nil {
			return err
		}
		m[unit] = a
	}
	*b = m
	return nil
}

// Promoter is an affiliate. Lists and embedded copies (in leads, rewards
// and tracking answers) carry fewer fields than Promoters.Get; absent
// fields stay zero. Nullable text decodes null as "".
type Promoter struct {
	ID     int64  `json:"id"`
	Status string `json:"status"`
	// CustID is your id for the promoter; nil when the API sends null.
	CustID    *string    `json:"cust_id"`
	Email     string     `json:"email"`
	CreatedAt *time.Time `json:"created_at"`
	// TempPassword is the initial password, nil once the promoter set one.
	TempPassword       *string `json:"temp_password"`
	DefaultPromotionID int64   `json:"default_promotion_id"`
	Pref               string  `json:"pref"`
	DefaultRefID       string  `json:"default_ref_id"`
	Note               string  `json:"note"`
	W8FormURL          string  `json:"w8_form_url"`
	W9FormURL          string  `json:"w9_form_url"`
	ParentPromoterID   *int64  `json:"parent_promoter_id"`
	EarningsBalance    Balance `json:"earnings_balance"`
	CurrentBalance     Balance `json:"current_balance"`
	PaidBalance        Balance `json:"paid_balance"`
	// AuthToken signs the promoter into the affiliate dashboard: a
	// credential of theirs, to keep out of logs.
	AuthToken  string       `json:"auth_token"`
	Profile    *Profile     `json:"profile"`
	Promotions []*Promotion `json:"promotions"`
}

// Profile is a promoter's profile. Nullable text decodes null as "".
type Profile struct {
	ID             int64          `json:"id"`
	FirstName      string         `json:"first_name"`
	LastName       string         `json:"last_name"`
	Website        string         `json:"website"`
	CompanyName    string         `json:"company_name"`
	PhoneNumber    string         `json:"phone_number"`
	Address        string         `json:"address"`
	VATID          string         `json:"vat_id"`
	Country        string         `json:"country"`
	PaypalEmail    string         `json:"paypal_email"`
	AvatarURL      string         `json:"avatar_url"`
	Description    string         `json:"description"`
	SocialAccounts map[string]any `json:"social_accounts"`
}

// Promotion is a promoter's membership in a campaign (v2 calls it a
// promoter campaign), with its referral link and counters.
type Promotion struct {
	ID                     int64       `json:"id"`
	Status                 string      `json:"status"`
	RefID                  string      `json:"ref_id"`
	PromoCode              *string     `json:"promo_code"`
	CustomerPromoCode      *string     `json:"customer_promo_code"`
	TargetReachedAt        *time.Time  `json:"target_reached_at"`
	PromoterID             int64       `json:"promoter_id"`
	CampaignID             int64       `json:"campaign_id"`
	CampaignName           string      `json:"campaign_name"`
	Hidden                 bool        `json:"hidden"`
	ReferralLink           string      `json:"referral_link"`
	CurrentOffer           *RewardPlan `json:"current_offer"`
	CurrentReferralReward  *RewardPlan `json:"current_referral_reward"`
	CurrentPromotionReward *RewardPlan `json:"current_promotion_reward"`
	CurrentTargetReward    *RewardPlan `json:"current_target_reward"`
	VisitorsCount          int         `json:"visitors_count"`
	LeadsCount             int         `json:"leads_count"`
	CustomersCount         int         `json:"customers_count"`
	RefundsCount           int         `json:"refunds_count"`
	CancellationsCount     int         `json:"cancellations_count"`
	SalesCount             int         `json:"sales_count"`
	ActiveCustomersCount   int         `json:"active_customers_count"`
	// SalesTotal and RefundsTotal are sent in cents: 6000 reads as 60.00.
	SalesTotal   Amount `json:"sales_total"`
	RefundsTotal Amount `json:"refunds_total"`
}

// UnmarshalJSON decodes the totals as cents.
func (p *Promotion) UnmarshalJSON(data []byte) error {
	type plain Promotion
	return money.UnmarshalMinorUnits(data, (*plain)(p), centsExponent, &p.SalesTotal, &p.RefundsTotal)
}

// RewardPlan is a campaign's reward or offer definition, as embedded in a
// promotion or a payout.
type RewardPlan struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	// Type is per_referral, per_promotion, per_target and the like.
	Type string `json:"type"`
	// Unit is cash, points, free_months, credits, discount_per and the
	// like.
	Unit string `json:"unit"`
	// Amount is cents for the cash unit (2000 reads as 20.00) and a plain
	// number for the others.
	Amount           Amount `json:"amount"`
	PerOfSale        *int   `json:"per_of_sale"`
	DefaultPromoCode string `json:"default_promo_code"`
}

// UnmarshalJSON decodes Amount by its unit.
func (r *RewardPlan) UnmarshalJSON(data []byte) error {
	type plain RewardPlan
	if err := json.Unmarshal(data, (*plain)(r)); err != nil {
		return err
	}
	return unitAmount(&r.Amount, r.Unit)
}

// Campaign is the campaign embedded in a payout.
type Campaign struct {
	ID                   int64  `json:"id"`
	Name                 string `json:"name"`
	LandingURL           string `json:"landing_url"`
	Description          string `json:"description"`
	Private              bool   `json:"private"`
	Color                string `json:"color"`
	DefaultWebhookURL    string `json:"default_webhook_url"`
	AutoApproveRewards   bool   `json:"auto_approve_rewards"`
	AutoApprovePromoters bool   `json:"auto_approve_promoters"`
}
