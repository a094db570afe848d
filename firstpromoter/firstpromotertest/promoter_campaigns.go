package firstpromotertest

import (
	"net/http"
	"slices"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// PromoterCampaign links a promoter to a campaign: its state there, its
// referral token and link. Referrals and commissions point to one. Stats
// other than ClicksCount are derived from the stored referrals and
// commissions.
type PromoterCampaign struct {
	ID         int64        `json:"id"`
	CampaignID int64        `json:"campaign_id"`
	PromoterID int64        `json:"promoter_id"`
	CreatedAt  Timestamp    `json:"created_at"`
	Promoter   *PromoterRef `json:"promoter"`
	Campaign   *CampaignRef `json:"campaign"`
	// State is pending, accepted, rejected, blocked or inactive.
	State                     firstpromoter.PromoterState `json:"state"`
	Stats                     PromoterCampaignStats       `json:"stats"`
	Coupon                    NullString                  `json:"coupon"`
	DisplayCoupon             NullString                  `json:"display_coupon"`
	RefToken                  NullString                  `json:"ref_token"`
	RefLink                   NullString                  `json:"ref_link"`
	IsCustomized              bool                        `json:"is_customized"`
	DirectURL                 NullString                  `json:"direct_url"`
	ReferralRewardsCustomized bool                        `json:"referral_rewards_customized"`
	PromoterRewardsCustomized bool                        `json:"promoter_rewards_customized"`
	RewardsForPromoters       []CampaignReward            `json:"rewards_for_promoters"`
	RewardsForReferrals       []CampaignReward            `json:"rewards_for_referrals"`
	PromoCodes                []string                    `json:"promo_codes"`
}

// PromoterCampaignStats are a promoter campaign's counts. The spec types
// revenue_amount as a number here (an integer elsewhere); RevenueAmount
// is worth what it says and is sent as integer cents.
type PromoterCampaignStats struct {
	ClicksCount    int          `json:"clicks_count"`
	ReferralsCount int          `json:"referrals_count"`
	SalesCount     int          `json:"sales_count"`
	CustomersCount int          `json:"customers_count"`
	RevenueAmount  money.Amount `json:"revenue_amount"`
}

// PromoterCampaignSummary is the promoter campaign as nested in a
// promoter's promoter_campaigns.
type PromoterCampaignSummary struct {
	ID         int64                       `json:"id"`
	CampaignID int64                       `json:"campaign_id"`
	PromoterID int64                       `json:"promoter_id"`
	State      firstpromoter.PromoterState `json:"state"`
	CreatedAt  Timestamp                   `json:"created_at"`
	Campaign   *CampaignRef                `json:"campaign"`
	Coupon     NullString                  `json:"coupon"`
	RefToken   NullString                  `json:"ref_token"`
	RefLink    NullString                  `json:"ref_link"`
}

// ReferralLink is one of a promoter campaign's referral links.
type ReferralLink struct {
	ID        int64        `json:"id"`
	Name      string       `json:"name"`
	URL       string       `json:"url"`
	IsDefault bool         `json:"is_default"`
	Source    string       `json:"source"`
	SubID     NullString   `json:"sub_id"`
	Campaign  *CampaignRef `json:"campaign"`
}

var promoterCampaignStates = []firstpromoter.PromoterState{"pending", "accepted", "rejected", "blocked", "inactive"}

func (s *Server) promoterCampaignRoutes() {
	s.handle("GET /company/promoter_campaigns", s.listPromoterCampaigns)
	s.handle("GET /company/promoter_campaigns/search", s.searchPromoterCampaigns)
	s.handle("PUT /company/promoter_campaigns/{id}", s.updatePromoterCampaign)
	s.handle("GET /company/promoter_campaigns/{id}/referral_links", s.promoterCampaignLinks)
	s.handle("GET /company/promoter_campaigns/{id}/chart_data", s.promoterCampaignChart)
}

func (s *Server) listPromoterCampaigns(r *http.Request) (int, any, *apiError) {
	page, per, e := listQuery(r.URL.Query()).page(DefaultPerPage)
	if e != nil {
		return 0, nil, e
	}
	ix := s.index()
	rows := paginate(s.promoterCampaigns.All(), page, per)
	out := make([]PromoterCampaign, len(rows))
	for i, pc := range rows {
		out[i] = s.promoterCampaignView(pc, ix)
	}
	return http.StatusOK, out, nil
}

// searchPromoterCampaigns answers at most 5 promoter campaigns whose
// promoter email or name, campaign name or ref token contains q.
func (s *Server) searchPromoterCampaigns(r *http.Request) (int, any, *apiError) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if q == "" {
		return 0, nil, errParam("q")
	}
	ix := s.index()
	out := []PromoterCampaign{}
	for _, pc := range s.promoterCampaigns.All() {
		v := s.promoterCampaignView(pc, ix)
		var fields []string
		if v.Promoter != nil {
			fields = append(fields, v.Promoter.Email, v.Promoter.Name)
		}
		if v.Campaign != nil {
			fields = append(fields, v.Campaign.Name)
		}
		if containsFold(q, append(fields, string(v.RefToken))...) {
			out = append(out, v)
			if len(out) == 5 {
				break
			}
		}
	}
	return http.StatusOK, out, nil
}

func (s *Server) updatePromoterCampaign(r *http.Request) (int, any, *apiError) {
	pc, e := s.promoterCampaignByPath(r)
	if e != nil {
		return 0, nil, e
	}
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	next := *pc
	if p.has("state") {
		next.State = firstpromoter.PromoterState(p.str("state"))
		if !slices.Contains(promoterCampaignStates, next.State) {
			return 0, nil, errParam("state")
		}
	}
	if p.has("ref_token") {
		tok := strings.TrimSpace(p.str("ref_token"))
		if tok == "" {
			return 0, nil, errParam("ref_token")
		}
		if other := s.promoterCampaignByRefToken(tok); other != nil && other.ID != pc.ID {
			return 0, nil, errInvalid("ref_token", "has already been taken")
		}
		delete(s.refTokens, strings.ToLower(string(pc.RefToken)))
		s.refTokens[strings.ToLower(tok)] = pc.ID
		next.RefToken = NullString(tok)
		next.RefLink = ""
	}
	for _, f := range []struct {
		key string
		dst *NullString
	}{{"coupon", &next.Coupon}, {"display_coupon", &next.DisplayCoupon}, {"direct_url", &next.DirectURL}} {
		if p.has(f.key) {
			*f.dst = NullString(p.str(f.key))
		}
	}
	for _, f := range []struct {
		key string
		dst *bool
	}{{"promoter_rewards_customized", &next.PromoterRewardsCustomized}, {"referral_rewards_customized", &next.ReferralRewardsCustomized}} {
		if v, ok, e := p.bool(f.key); e != nil {
			return 0, nil, e
		} else if ok {
			*f.dst = v
		}
	}
	for _, f := range []struct {
		key string
		dst *[]CampaignReward
	}{{"rewards_for_promoters", &next.RewardsForPromoters}, {"rewards_for_referrals", &next.RewardsForReferrals}} {
		var rules []CampaignReward
		if ok, e := p.decode(f.key, &rules); e != nil {
			return 0, nil, e
		} else if ok {
			for i, rule := range rules {
				if _, known := s.findReward(rule.RewardID); !known {
					return 0, nil, errParam(f.key)
				}
				full := s.rewardConfig(rule.RewardID)
				if rule.ApplyOn != "" {
					full.ApplyOn = rule.ApplyOn
				}
				rules[i] = full
			}
			*f.dst = rules
			next.IsCustomized = true
		}
	}
	*pc = next
	return http.StatusOK, s.promoterCampaignView(pc, s.index()), nil
}

func (s *Server) promoterCampaignLinks(r *http.Request) (int, any, *apiError) {
	pc, e := s.promoterCampaignByPath(r)
	if e != nil {
		return 0, nil, e
	}
	v := s.promoterCampaignView(pc, s.index())
	links := []ReferralLink{{
		ID: pc.ID * 10, Name: "Default link", URL: string(v.RefLink), IsDefault: true,
		Source: "campaign", Campaign: v.Campaign,
	}}
	if c, ok := s.campaigns.Get(pc.CampaignID); ok {
		for i, l := range c.Links {
			links = append(links, ReferralLink{
				ID: pc.ID*10 + int64(i) + 1, Name: l.Name, URL: withRefToken(l.URL, c.RefTokenParam, string(pc.RefToken)),
				Source: "campaign", Campaign: v.Campaign,
			})
		}
	}
	return http.StatusOK, links, nil
}

func (s *Server) promoterCampaignChart(r *http.Request) (int, any, *apiError) {
	pc, e := s.promoterCampaignByPath(r)
	if e != nil {
		return 0, nil, e
	}
	c, e := s.chart(r, []int64{pc.ID}, chartSelections)
	if e != nil {
		return 0, nil, e
	}
	items := make([]chartPoint, len(c.points))
	for i, pt := range c.points {
		items[i] = chartPoint{Date: pt.label, Value: pt.value}
	}
	return http.StatusOK, struct {
		PeriodFrom     string       `json:"period_from"`
		PeriodTo       string       `json:"period_to"`
		Selection      string       `json:"selection"`
		SelectionItems []chartPoint `json:"selection_items"`
		GroupBy        string       `json:"group_by"`
	}{c.from, c.to, c.selection, items, c.groupBy}, nil
}

// chartPoint is a promoter campaign chart's data point; the promoter chart
// sends [date, value] pairs instead.
type chartPoint struct {
	Date  string `json:"date"`
	Value int64  `json:"value"`
}

func (s *Server) promoterCampaignByPath(r *http.Request) (*PromoterCampaign, *apiError) {
	id, ok := pathID(r, "id")
	if !ok {
		return nil, errNotFound()
	}
	pc, found := s.promoterCampaigns.Get(id)
	if !found {
		return nil, errNotFound()
	}
	return pc, nil
}

func (s *Server) promoterCampaignByRefToken(tok string) *PromoterCampaign {
	if id, ok := s.refTokens[strings.ToLower(tok)]; ok {
		if pc, ok := s.promoterCampaigns.Get(id); ok && strings.EqualFold(string(pc.RefToken), tok) {
			return pc
		}
	}
	return nil
}

// AddPromoterCampaign stores pc, which must name an existing promoter and
// campaign, assigning an id, a ref token and defaults for zero fields. It
// panics when the promoter or campaign does not exist.
func (s *Server) AddPromoterCampaign(pc PromoterCampaign) PromoterCampaign {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.promoters.Get(pc.PromoterID); !ok {
		panic("firstpromotertest: AddPromoterCampaign: no promoter " + idString(pc.PromoterID))
	}
	if _, ok := s.campaigns.Get(pc.CampaignID); !ok {
		panic("firstpromotertest: AddPromoterCampaign: no campaign " + idString(pc.CampaignID))
	}
	return s.promoterCampaignView(s.addPromoterCampaign(pc), s.index())
}

// PromoterCampaigns returns the stored promoter campaigns in id order.
func (s *Server) PromoterCampaigns() []PromoterCampaign {
	s.mu.Lock()
	defer s.mu.Unlock()
	ix := s.index()
	out := make([]PromoterCampaign, 0, s.promoterCampaigns.Len())
	for _, pc := range s.promoterCampaigns.All() {
		out = append(out, s.promoterCampaignView(pc, ix))
	}
	return out
}

// addPromoterCampaign stores pc; the caller holds s.mu.
func (s *Server) addPromoterCampaign(pc PromoterCampaign) *PromoterCampaign {
	pc.ID = s.promoterCampaigns.Assign(pc.ID)
	if pc.CreatedAt.IsZero() {
		pc.CreatedAt = At(s.now())
	}
	if pc.State == "" {
		pc.State = "accepted"
	}
	if pc.RefToken == "" {
		base := "ref"
		if p, ok := s.promoters.Get(pc.PromoterID); ok {
			base = slug(firstWord(p.Name, p.Email))
		}
		tok := base
		if s.promoterCampaignByRefToken(tok) != nil {
			tok = base + idString(pc.ID%10000)
		}
		pc.RefToken = NullString(tok)
	}
	if pc.RewardsForPromoters == nil {
		pc.RewardsForPromoters = []CampaignReward{}
	}
	if pc.RewardsForReferrals == nil {
		pc.RewardsForReferrals = []CampaignReward{}
	}
	pc.Promoter, pc.Campaign = nil, nil
	s.refTokens[strings.ToLower(string(pc.RefToken))] = pc.ID
	s.promoterCampaigns.Put(&pc)
	return &pc
}

// promoterCampaignView renders pc with its nested promoter and campaign
// and derived stats; the caller holds s.mu.
func (s *Server) promoterCampaignView(pc *PromoterCampaign, ix *index) PromoterCampaign {
	v := *pc
	v.Promoter = s.promoterRef(pc.PromoterID)
	v.Campaign = s.campaignRef(pc.CampaignID)
	st := ix.stats(pc.ID)
	v.Stats = PromoterCampaignStats{
		ClicksCount: pc.Stats.ClicksCount, ReferralsCount: st.referrals, SalesCount: st.sales,
		CustomersCount: st.customers, RevenueAmount: cents(st.revenue),
	}
	if v.RefLink == "" {
		if c, ok := s.campaigns.Get(pc.CampaignID); ok {
			v.RefLink = NullString(withRefToken(c.LandingURL, c.RefTokenParam, string(pc.RefToken)))
		}
	}
	v.RewardsForPromoters = append([]CampaignReward{}, pc.RewardsForPromoters...)
	v.RewardsForReferrals = append([]CampaignReward{}, pc.RewardsForReferrals...)
	v.PromoCodes = []string{}
	for _, code := range s.promoCodes.All() {
		if code.PromoterCampaignID == pc.ID && code.ArchivedAt.IsZero() {
			v.PromoCodes = append(v.PromoCodes, code.Code)
		}
	}
	return v
}

// promoterCampaignRef is the nested promoter campaign of referrals and
// commissions, nil when id is unknown.
func (s *Server) promoterCampaignRef(id int64) *PromoterCampaignRef {
	pc, ok := s.promoterCampaigns.Get(id)
	if !ok {
		return nil
	}
	return &PromoterCampaignRef{
		ID: pc.ID, CampaignID: pc.CampaignID, PromoterID: pc.PromoterID, CreatedAt: pc.CreatedAt,
		Promoter: s.promoterRef(pc.PromoterID), Campaign: s.campaignRef(pc.CampaignID),
	}
}

// withRefToken appends the campaign's ref token parameter to url.
func withRefToken(url, param, token string) string {
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	return url + sep + strings.TrimPrefix(param, "?") + "=" + token
}
