package firstpromotertest

import (
	"net/http"
	"slices"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// Reward is a reward as the API answers it.
type Reward struct {
	ID                 int64          `json:"id"`
	Name               string         `json:"name"`
	IsPromoterReward   bool           `json:"is_promoter_reward"`
	PromoterRewardType NullString     `json:"promoter_reward_type"`
	Coupon             NullString     `json:"coupon"`
	Editable           bool           `json:"editable"`
	HideReward         *bool          `json:"hide_reward"`
	ProviderCouponID   NullString     `json:"provider_coupon_id"`
	Duration           NullString     `json:"duration"`
	DurationInMonths   *int64         `json:"duration_in_months"`
	MaxRedemptions     *int64         `json:"max_redemptions"`
	NewCustomersOnly   bool           `json:"new_customers_only"`
	CreatedAt          Timestamp      `json:"created_at"`
	UpdatedAt          Timestamp      `json:"updated_at"`
	Provider           string         `json:"provider"`
	TierRewardMode     NullString     `json:"tier_reward_mode"`
	TierLevel          *int64         `json:"tier_level"`
	Schemas            []RewardSchema `json:"schemas"`
}

// RewardSchema is one amount of a reward.
type RewardSchema struct {
	Unit       firstpromoter.RewardUnit `json:"unit"`
	Amount     money.Amount             `json:"amount"`
	FlatAmount bool                     `json:"flat_amount"`
	Rules      []RewardRule             `json:"rules"`
}

// RewardRule is a condition of a reward schema.
type RewardRule struct {
	Type      string       `json:"type"`
	Condition string       `json:"condition"`
	FilterBy  NullString   `json:"filter_by"`
	Value     money.Amount `json:"value"`
	Operator  string       `json:"operator"`
}

var (
	rewardUnits      = []firstpromoter.RewardUnit{"cash", "free_months", "credits", "points", "mon_discount", "discount_per"}
	rewardTypes      = []string{"sale", "tier", "target", "custom"}
	rewardDurations  = []string{"once", "forever", "repeating"}
	rewardTierModes  = []string{"tier_commission_mode", "tier_override_mode", "tier_net_override_mode"}
	rewardRuleTypes  = []string{"customer_sales_count", "customer_age_in_months", "promoter_campaign_customers_count", "promoter_campaign_revenue"}
	rewardConditions = []string{"less than", "less than or equal to", "equal to", "greater than or equal to", "greater than", "multiple of"}
)

func (s *Server) rewardRoutes() {
	s.handle("GET /company/rewards", s.listRewards)
	s.handle("POST /company/rewards", s.createReward)
	s.handle("PUT /company/rewards/{id}", s.updateReward)
	s.handle("POST /company/rewards/{id}/hide", s.hideReward)
}

// listRewards answers a page of the visible rewards, filtered by scope
// (promoters or referrals); hidden rewards are left out.
func (s *Server) listRewards(r *http.Request) (int, any, *apiError) {
	q := listQuery(r.URL.Query())
	page, per, e := q.page(DefaultPerPage)
	if e != nil {
		return 0, nil, e
	}
	scope := q.get("scope")
	if scope != "" && scope != "promoters" && scope != "referrals" {
		return 0, nil, errParam("scope")
	}
	out := []Reward{}
	for _, rw := range s.rewards.All() {
		if rw.HideReward != nil && *rw.HideReward {
			continue
		}
		if scope != "" && rw.IsPromoterReward != (scope == "promoters") {
			continue
		}
		out = append(out, rewardView(rw))
	}
	return http.StatusOK, paginate(out, page, per), nil
}

// createReward requires name, is_promoter_reward and schemas; the spec
// answers 200 with the reward.
func (s *Server) createReward(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	if strings.TrimSpace(p.str("name")) == "" {
		return 0, nil, errParam("name")
	}
	if _, ok, e := p.bool("is_promoter_reward"); e != nil {
		return 0, nil, e
	} else if !ok {
		return 0, nil, errParam("is_promoter_reward")
	}
	if !p.has("schemas") {
		return 0, nil, errParam("schemas")
	}
	rw := Reward{Editable: true, Provider: "stripe", CreatedAt: At(s.now())}
	if e := applyReward(p, &rw); e != nil {
		return 0, nil, e
	}
	if len(rw.Schemas) == 0 {
		return 0, nil, errParam("schemas")
	}
	return http.StatusOK, rewardView(s.addReward(rw)), nil
}

// updateReward changes the fields present in the body.
func (s *Server) updateReward(r *http.Request) (int, any, *apiError) {
	rw, e := s.rewardByPath(r)
	if e != nil {
		return 0, nil, e
	}
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	next := rewardView(rw)
	if p.has("name") && strings.TrimSpace(p.str("name")) == "" {
		return 0, nil, errParam("name")
	}
	if e := applyReward(p, &next); e != nil {
		return 0, nil, e
	}
	next.UpdatedAt = At(s.now())
	*rw = next
	return http.StatusOK, rewardView(rw), nil
}

// hideReward hides the reward; the spec documents a 200 with no body.
func (s *Server) hideReward(r *http.Request) (int, any, *apiError) {
	rw, e := s.rewardByPath(r)
	if e != nil {
		return 0, nil, e
	}
	hidden := true
	rw.HideReward, rw.UpdatedAt = &hidden, At(s.now())
	return http.StatusOK, nil, nil
}

// applyReward sets the body's fields on rw, checking the enums.
func applyReward(p *params, rw *Reward) *apiError {
	if p.has("name") {
		rw.Name = strings.TrimSpace(p.str("name"))
	}
	if v, ok, e := p.bool("is_promoter_reward"); e != nil {
		return e
	} else if ok {
		rw.IsPromoterReward = v
	}
	for _, f := range []struct {
		key     string
		allowed []string
		dst     *NullString
	}{
		{"promoter_reward_type", rewardTypes, &rw.PromoterRewardType},
		{"tier_reward_mode", rewardTierModes, &rw.TierRewardMode},
		{"duration", rewardDurations, &rw.Duration},
		{"coupon", nil, &rw.Coupon},
		{"provider_coupon_id", nil, &rw.ProviderCouponID},
	} {
		if !p.has(f.key) {
			continue
		}
		v := p.str(f.key)
		if f.allowed != nil && v != "" && !slices.Contains(f.allowed, v) {
			return errParam(f.key)
		}
		*f.dst = NullString(v)
	}
	for _, f := range []struct {
		key string
		dst **int64
	}{{"tier_level", &rw.TierLevel}, {"duration_in_months", &rw.DurationInMonths}, {"max_redemptions", &rw.MaxRedemptions}} {
		if v, ok, e := p.int(f.key); e != nil {
			return e
		} else if ok {
			*f.dst = &v
		}
	}
	if rw.TierLevel != nil && *rw.TierLevel < 2 {
		return errInvalid("tier_level", "must be greater than or equal to 2")
	}
	if rw.Duration == "repeating" && rw.DurationInMonths == nil {
		return errParam("duration_in_months")
	}
	if v, ok, e := p.bool("hide_reward"); e != nil {
		return e
	} else if ok {
		rw.HideReward = &v
	}
	if v, ok, e := p.bool("new_customers_only"); e != nil {
		return e
	} else if ok {
		rw.NewCustomersOnly = v
	}
	var schemas []RewardSchema
	if ok, e := p.decode("schemas", &schemas); e != nil {
		return e
	} else if ok {
		for i := range schemas {
			sc := &schemas[i]
			if !slices.Contains(rewardUnits, sc.Unit) {
				return errParam("schemas")
			}
			if sc.Rules == nil {
				sc.Rules = []RewardRule{}
			}
			for _, rule := range sc.Rules {
				if !slices.Contains(rewardRuleTypes, rule.Type) || !slices.Contains(rewardConditions, rule.Condition) ||
					(rule.Operator != "and" && rule.Operator != "or") || (rule.FilterBy != "" && rule.FilterBy != "price") {
					return errParam("schemas")
				}
			}
		}
		rw.Schemas = schemas
	}
	return nil
}

func (s *Server) rewardByPath(r *http.Request) (*Reward, *apiError) {
	id, ok := pathID(r, "id")
	if !ok {
		return nil, errNotFound()
	}
	rw, found := s.rewards.Get(id)
	if !found {
		return nil, errNotFound()
	}
	return rw, nil
}

// calc is how the fake computes commissions with the reward: its first
// schema as a percentage, or as flat cents for a flat cash amount.
func (rw *Reward) calc() reward {
	out := reward{id: rw.ID, name: rw.Name, kind: "per_of_sale"}
	if len(rw.Schemas) == 0 {
		return out
	}
	sc := rw.Schemas[0]
	n := amountRat(sc.Amount)
	whole := n.Num().Int64() / max(n.Denom().Int64(), 1)
	switch {
	case sc.Unit == "discount_per":
		out.kind, out.percent = "discount_per", whole
	case sc.FlatAmount && sc.Unit == "cash":
		out.kind, out.fixed = "fixed", whole
	case !sc.FlatAmount:
		out.percent = whole
	}
	return out
}

// seedRewards stores the default rewards; the caller holds s.mu.
func (s *Server) seedRewards() {
	for _, d := range defaultRewards {
		sc := RewardSchema{Unit: "cash", Amount: num(d.percent), Rules: []RewardRule{}}
		rw := Reward{ID: d.id, Name: d.name, IsPromoterReward: true, PromoterRewardType: "sale", Editable: true, Provider: "stripe"}
		switch d.kind {
		case "fixed":
			sc.Amount, sc.FlatAmount = num(d.fixed), true
		case "discount_per":
			sc.Unit = "discount_per"
			rw.IsPromoterReward, rw.PromoterRewardType = false, ""
			coupon := "REF10"
			rw.Coupon, rw.Duration = NullString(coupon), "once"
		}
		rw.Schemas = []RewardSchema{sc}
		s.addReward(rw)
	}
}

// AddReward stores rw, assigning an id and timestamps for zero fields,
// and returns it as the API would answer it.
func (s *Server) AddReward(rw Reward) Reward {
	s.mu.Lock()
	defer s.mu.Unlock()
	return rewardView(s.addReward(rw))
}

// Rewards returns the stored rewards, hidden ones included, in id order.
func (s *Server) Rewards() []Reward {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Reward, 0, s.rewards.Len())
	for _, rw := range s.rewards.All() {
		out = append(out, rewardView(rw))
	}
	return out
}

// addReward stores rw; the caller holds s.mu.
func (s *Server) addReward(rw Reward) *Reward {
	rw.ID = s.rewards.Assign(rw.ID)
	if rw.CreatedAt.IsZero() {
		rw.CreatedAt = At(s.now())
	}
	if rw.UpdatedAt.IsZero() {
		rw.UpdatedAt = rw.CreatedAt
	}
	if rw.Schemas == nil {
		rw.Schemas = []RewardSchema{}
	}
	s.rewards.Put(&rw)
	return &rw
}

// rewardView is a deep copy of rw.
func rewardView(rw *Reward) Reward {
	v := *rw
	v.Schemas = make([]RewardSchema, len(rw.Schemas))
	for i, sc := range rw.Schemas {
		sc.Rules = slices.Clone(sc.Rules)
		if sc.Rules == nil {
			sc.Rules = []RewardRule{}
		}
		v.Schemas[i] = sc
	}
	return v
}
