package firstpromotertest

import (
	"net/http"
	"slices"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// Campaign is a campaign as GET /company/campaigns/{id} answers it. Stats
// are derived from the stored promoters, referrals and commissions.
type Campaign struct {
	ID                int64         `json:"id"`
	Name              string        `json:"name"`
	Color             string        `json:"color"`
	Stats             CampaignStats `json:"stats"`
	LandingURL        string        `json:"landing_url"`
	VisitorCookieLife int           `json:"visitor_cookie_life"`
	// RefTokenParam is one of ?fpr, ?via, ?fp_ref, ?deal, ?ref, ?_from,
	// ?_by, ?_go.
	RefTokenParam        string `json:"ref_token_param"`
	AutoApproveLeads     bool   `json:"auto_approve_leads"`
	AutoApprovePromoters bool   `json:"auto_approve_promoters"`
	IsPrivate            bool   `json:"is_private"`
	IsDefault            bool   `json:"is_default"`
	// TrackAdTraffic is pending, allow or block.
	TrackAdTraffic      firstpromoter.AdTrafficPolicy `json:"track_ad_traffic"`
	UpgradeDetails      map[string]any                `json:"upgrade_details"`
	SignupURL           NullString                    `json:"signup_url"`
	Links               []CampaignLink                `json:"links"`
	RewardsForPromoters []CampaignReward              `json:"rewards_for_promoters"`
	RewardsForReferrals []CampaignReward              `json:"rewards_for_referrals"`
}

// CampaignStats are a campaign's derived counts. RevenueAmount is worth
// what it says and is sent as integer cents, as [firstpromoter.Amount]
// reads it.
type CampaignStats struct {
	ReferralsCount int          `json:"referrals_count"`
	SalesCount     int          `json:"sales_count"`
	CustomersCount int          `json:"customers_count"`
	PromotersCount int          `json:"promoters_count"`
	RevenueAmount  money.Amount `json:"revenue_amount"`
}

// CampaignLink is an extra landing link of a campaign.
type CampaignLink struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

// reward is how the fake computes commissions with one of the account's
// rewards: the first schema's percentage or flat cents.
type reward struct {
	id      int64
	name    string
	kind    string // the reward's kind in campaign rules
	percent int64  // percent of the sale, or 0
	fixed   int64  // cents per sale, or 0
}

// defaultRewards are the rewards every server starts with.
var defaultRewards = []reward{
	{201, "20% recurring commission", "per_of_sale", 20, 0},
	{202, "30% first payment", "per_of_sale", 30, 0},
	{203, "$50 per new customer", "fixed", 0, 5000},
	{204, "10% off for referrals", "discount_per", 10, 0},
}

// findReward returns the stored reward id; the caller holds s.mu.
func (s *Server) findReward(id int64) (reward, bool) {
	r, ok := s.rewards.Get(id)
	if !ok {
		return reward{}, false
	}
	return r.calc(), true
}

// rewardConfig is a campaign reward rule for reward id.
func (s *Server) rewardConfig(id int64) CampaignReward {
	rw, _ := s.findReward(id)
	return CampaignReward{
		ApplyOn: "all", ProductIDs: []int64{}, RewardID: id, Products: []RewardRef{},
		Reward: &RewardDetails{Name: rw.name, PromoterRewardType: rw.kind, TierLevel: 1},
	}
}

// refTokenParams are the accepted ref_token_param values.
var refTokenParams = []string{"?fpr", "?via", "?fp_ref", "?deal", "?ref", "?_from", "?_by", "?_go"}

var campaignColors = []string{"#6366F1", "#EC4899", "#10B981", "#F59E0B", "#3B82F6", "#EF4444"}

func (s *Server) campaignRoutes() {
	s.handle("GET /company/campaigns", s.listCampaigns)
	s.handle("POST /company/campaigns", s.createCampaign)
	s.handle("GET /company/campaigns/{id}", s.getCampaign)
	s.handle("PUT /company/campaigns/{id}", s.updateCampaign)
	s.handle("DELETE /company/campaigns/{id}", s.deleteCampaign)
}

func (s *Server) listCampaigns(r *http.Request) (int, any, *apiError) {
	page, per, e := listQuery(r.URL.Query()).page(DefaultPerPage)
	if e != nil {
		return 0, nil, e
	}
	ix := s.index()
	rows := paginate(s.campaigns.All(), page, per)
	out := make([]Campaign, len(rows))
	for i, c := range rows {
		out[i] = s.campaignView(c, ix)
	}
	return http.StatusOK, out, nil
}

func (s *Server) createCampaign(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	for _, key := range []string{"name", "landing_url", "ref_token_param", "visitor_cookie_life"} {
		if strings.TrimSpace(p.str(key)) == "" {
			return 0, nil, errParam(key)
		}
	}
	c := &Campaign{}
	if e := s.applyCampaignParams(c, p); e != nil {
		return 0, nil, e
	}
	c = s.addCampaign(*c)
	return http.StatusCreated, s.campaignView(c, s.index()), nil
}

func (s *Server) getCampaign(r *http.Request) (int, any, *apiError) {
	c, e := s.campaignByPath(r)
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, s.campaignView(c, s.index()), nil
}

func (s *Server) updateCampaign(r *http.Request) (int, any, *apiError) {
	c, e := s.campaignByPath(r)
	if e != nil {
		return 0, nil, e
	}
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	next := *c
	if e := s.applyCampaignParams(&next, p); e != nil {
		return 0, nil, e
	}
	s.fillCampaign(&next)
	*c = next
	return http.StatusOK, s.campaignView(c, s.index()), nil
}

func (s *Server) deleteCampaign(r *http.Request) (int, any, *apiError) {
	c, e := s.campaignByPath(r)
	if e != nil {
		return 0, nil, e
	}
	view := s.campaignView(c, s.index())
	s.campaigns.Delete(c.ID)
	return http.StatusOK, view, nil
}

func (s *Server) campaignByPath(r *http.Request) (*Campaign, *apiError) {
	id, ok := pathID(r, "id")
	if !ok {
		return nil, errNotFound()
	}
	c, found := s.campaigns.Get(id)
	if !found {
		return nil, errNotFound()
	}
	return c, nil
}

// applyCampaignParams copies the present fields of a create or update body.
func (s *Server) applyCampaignParams(c *Campaign, p *params) *apiError {
	if p.has("name") {
		if c.Name = strings.TrimSpace(p.str("name")); c.Name == "" {
			return errParam("name")
		}
	}
	if p.has("landing_url") {
		if c.LandingURL = strings.TrimSpace(p.str("landing_url")); c.LandingURL == "" {
			return errParam("landing_url")
		}
	}
	if p.has("ref_token_param") {
		c.RefTokenParam = p.str("ref_token_param")
		if !slices.Contains(refTokenParams, c.RefTokenParam) {
			return errParam("ref_token_param")
		}
	}
	if v, ok, e := p.int("visitor_cookie_life"); e != nil {
		return e
	} else if ok {
		if v < 1 {
			return errParam("visitor_cookie_life")
		}
		c.VisitorCookieLife = int(v)
	}
	if p.has("color") {
		c.Color = p.str("color")
	}
	for _, f := range []struct {
		key string
		dst *bool
	}{
		{"auto_approve_promoters", &c.AutoApprovePromoters},
		{"auto_approve_leads", &c.AutoApproveLeads},
		{"is_private", &c.IsPrivate},
	} {
		if v, ok, e := p.bool(f.key); e != nil {
			return e
		} else if ok {
			*f.dst = v
		}
	}
	if p.has("track_ad_traffic") {
		c.TrackAdTraffic = firstpromoter.AdTrafficPolicy(p.str("track_ad_traffic"))
		if !slices.Contains([]firstpromoter.AdTrafficPolicy{"pending", "allow", "block"}, c.TrackAdTraffic) {
			return errParam("track_ad_traffic")
		}
	}
	if _, e := p.decode("upgrade_details", &c.UpgradeDetails); e != nil {
		return e
	}
	var links []CampaignLink
	if ok, e := p.decode("links", &links); e != nil {
		return e
	} else if ok {
		c.Links = links
	}
	for _, f := range []struct {
		key string
		dst *[]CampaignReward
	}{
		{"rewards_for_promoters", &c.RewardsForPromoters},
		{"rewards_for_referrals", &c.RewardsForReferrals},
	} {
		key := f.key
		var rules []CampaignReward
		if ok, e := p.decode(key, &rules); e != nil {
			return e
		} else if ok {
			for i, rule := range rules {
				if _, known := s.findReward(rule.RewardID); !known {
					return errParam(key)
				}
				full := s.rewardConfig(rule.RewardID)
				if rule.ApplyOn != "" {
					full.ApplyOn = rule.ApplyOn
				}
				if rule.ProductIDs != nil {
					full.ProductIDs = rule.ProductIDs
				}
				rules[i] = full
			}
			*f.dst = rules
		}
	}
	return nil
}

// AddCampaign stores c, assigning an id and defaults for zero fields, and
// returns it as the API would answer it.
func (s *Server) AddCampaign(c Campaign) Campaign {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.campaignView(s.addCampaign(c), s.index())
}

// Campaigns returns the stored campaigns in id order.
func (s *Server) Campaigns() []Campaign {
	s.mu.Lock()
	defer s.mu.Unlock()
	ix := s.index()
	out := make([]Campaign, 0, s.campaigns.Len())
	for _, c := range s.campaigns.All() {
		out = append(out, s.campaignView(c, ix))
	}
	return out
}

// SeedCampaigns adds n generated campaigns.
func (s *Server) SeedCampaigns(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		i := s.campaigns.Len()
		s.addCampaign(Campaign{Name: campaignNames[i%len(campaignNames)] + suffix(i, len(campaignNames))})
	}
}

// addCampaign stores c; the caller holds s.mu.
func (s *Server) addCampaign(c Campaign) *Campaign {
	c.ID = s.campaigns.Assign(c.ID)
	if s.campaigns.Len() == 0 {
		c.IsDefault = true
	}
	s.fillCampaign(&c)
	s.campaigns.Put(&c)
	return &c
}

// fillCampaign gives zero fields their defaults.
func (s *Server) fillCampaign(c *Campaign) {
	if c.Name == "" {
		c.Name = "Campaign " + idString(c.ID)
	}
	if c.Color == "" {
		c.Color = campaignColors[int(c.ID)%len(campaignColors)]
	}
	if c.LandingURL == "" {
		c.LandingURL = "https://www.acmeanalytics.com"
	}
	if c.VisitorCookieLife == 0 {
		c.VisitorCookieLife = 60
	}
	if c.RefTokenParam == "" {
		c.RefTokenParam = "?fpr"
	}
	if c.TrackAdTraffic == "" {
		c.TrackAdTraffic = "pending"
	}
	if c.SignupURL == "" {
		c.SignupURL = NullString("https://acmeanalytics.firstpromoter.com/signup/" + idString(c.ID))
	}
	for i := range c.Links {
		if c.Links[i].ID == 0 {
			c.Links[i].ID = c.ID*100 + int64(i) + 1
		}
	}
	if len(c.RewardsForPromoters) == 0 {
		c.RewardsForPromoters = []CampaignReward{s.rewardConfig(201)}
	}
	if c.RewardsForReferrals == nil {
		c.RewardsForReferrals = []CampaignReward{}
	}
}

// campaignView renders c with derived stats; the caller holds s.mu.
func (s *Server) campaignView(c *Campaign, ix *index) Campaign {
	v := *c
	v.Stats = CampaignStats{}
	var revenue int64
	for _, pc := range ix.pcsByCampaign[c.ID] {
		st := ix.stats(pc.ID)
		v.Stats.PromotersCount++
		v.Stats.ReferralsCount += st.referrals
		v.Stats.CustomersCount += st.customers
		v.Stats.SalesCount += st.sales
		revenue += st.revenue
	}
	v.Stats.RevenueAmount = cents(revenue)
	v.Links = append([]CampaignLink{}, c.Links...)
	v.RewardsForPromoters = append([]CampaignReward{}, c.RewardsForPromoters...)
	v.RewardsForReferrals = append([]CampaignReward{}, c.RewardsForReferrals...)
	return v
}

// campaignRef is the short campaign object, nil for a deleted campaign.
func (s *Server) campaignRef(id int64) *CampaignRef {
	c, ok := s.campaigns.Get(id)
	if !ok {
		return nil
	}
	return &CampaignRef{ID: c.ID, Name: c.Name, Color: c.Color}
}

// defaultCampaign returns the default campaign, creating one when the
// account has none.
func (s *Server) defaultCampaign() *Campaign {
	for _, c := range s.campaigns.All() {
		if c.IsDefault {
			return c
		}
	}
	if all := s.campaigns.All(); len(all) > 0 {
		return all[0]
	}
	return s.addCampaign(Campaign{Name: "Partner Program", IsDefault: true, AutoApprovePromoters: true})
}

// commissionFor computes the promoter commission on a sale in a campaign,
// from the campaign's first promoter reward (20% when it has none).
func (s *Server) commissionFor(campaignID, saleAmount int64) (amount int64, rewardID int64) {
	rewardID = 201
	if c, ok := s.campaigns.Get(campaignID); ok && len(c.RewardsForPromoters) > 0 {
		rewardID = c.RewardsForPromoters[0].RewardID
	}
	rw, ok := s.findReward(rewardID)
	if !ok || (rw.percent == 0 && rw.fixed == 0) {
		return saleAmount * 20 / 100, rewardID
	}
	if rw.fixed != 0 {
		if saleAmount < 0 {
			return -rw.fixed, rewardID
		}
		return rw.fixed, rewardID
	}
	return saleAmount * rw.percent / 100, rewardID
}
