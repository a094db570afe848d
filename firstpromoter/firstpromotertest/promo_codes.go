package firstpromotertest

import (
	"maps"
	"net/http"
	"strings"
)

// PromoCode is a promo code as the API answers it.
type PromoCode struct {
	ID                 int64          `json:"id"`
	Code               string         `json:"code"`
	Reward             *RewardRef     `json:"reward"`
	ExtID              NullString     `json:"ext_id"`
	Description        NullString     `json:"description"`
	CompanyID          int64          `json:"company_id"`
	PromoterCampaignID int64          `json:"promoter_campaign_id"`
	Metadata           map[string]any `json:"metadata"`
	Details            map[string]any `json:"details"`
	ArchivedAt         Timestamp      `json:"archived_at"`
}

// companyID is the fake account's company id.
const companyID = 4821

func (s *Server) promoCodeRoutes() {
	s.handle("GET /company/promo_codes", s.listPromoCodes)
	s.handle("POST /company/promo_codes", s.createPromoCode)
	s.handle("GET /company/promo_codes/{id}", s.getPromoCode)
	s.handle("PUT /company/promo_codes/{id}", s.updatePromoCode)
	s.handle("DELETE /company/promo_codes/{id}", s.archivePromoCode)
}

// listPromoCodes applies promoter_campaign_id (a plain query parameter).
func (s *Server) listPromoCodes(r *http.Request) (int, any, *apiError) {
	q := listQuery(r.URL.Query())
	page, per, e := q.page(DefaultPerPage)
	if e != nil {
		return 0, nil, e
	}
	pcs, e := q.ints("promoter_campaign_id")
	if e != nil {
		return 0, nil, e
	}
	var rows []PromoCode
	for _, c := range s.promoCodes.All() {
		if inIDs(pcs, c.PromoterCampaignID) {
			rows = append(rows, promoCodeView(c))
		}
	}
	out := paginate(rows, page, per)
	if out == nil {
		out = []PromoCode{}
	}
	return http.StatusOK, out, nil
}

// createPromoCode requires code, reward_id and promoter_campaign_id; the
// spec answers 200 with the promo code.
func (s *Server) createPromoCode(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	code := strings.TrimSpace(p.str("code"))
	if code == "" {
		return 0, nil, errParam("code")
	}
	rewardID, e := p.requiredInt("reward_id")
	if e != nil {
		return 0, nil, e
	}
	pcID, e := p.requiredInt("promoter_campaign_id")
	if e != nil {
		return 0, nil, e
	}
	if _, ok := s.findReward(rewardID); !ok {
		return 0, nil, errNotFound()
	}
	if _, ok := s.promoterCampaigns.Get(pcID); !ok {
		return 0, nil, errNotFound()
	}
	if s.promoCodeTaken(code, 0) {
		return 0, nil, errInvalid("code", "has already been taken")
	}
	c := PromoCode{Code: code, Reward: &RewardRef{ID: rewardID}, PromoterCampaignID: pcID, Description: NullString(p.str("description"))}
	if _, e := p.decode("metadata", &c.Metadata); e != nil {
		return 0, nil, e
	}
	if _, e := p.decode("details", &c.Details); e != nil {
		return 0, nil, e
	}
	return http.StatusOK, promoCodeView(s.addPromoCode(c)), nil
}

func (s *Server) getPromoCode(r *http.Request) (int, any, *apiError) {
	c, e := s.promoCodeByPath(r)
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, promoCodeView(c), nil
}

// updatePromoCode changes code, description, promoter_campaign_id,
// metadata and details; an archived code synced to the billing provider
// (ext_id set) can not be changed.
func (s *Server) updatePromoCode(r *http.Request) (int, any, *apiError) {
	c, e := s.promoCodeByPath(r)
	if e != nil {
		return 0, nil, e
	}
	if !c.ArchivedAt.IsZero() && c.ExtID != "" {
		return 0, nil, errOperation("Archived promo codes can not be updated")
	}
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	next := *c
	if p.has("code") {
		if next.Code = strings.TrimSpace(p.str("code")); next.Code == "" {
			return 0, nil, errParam("code")
		}
		if s.promoCodeTaken(next.Code, c.ID) {
			return 0, nil, errInvalid("code", "has already been taken")
		}
	}
	if p.has("description") {
		next.Description = NullString(p.str("description"))
	}
	if id, ok, e := p.int("promoter_campaign_id"); e != nil {
		return 0, nil, e
	} else if ok {
		if _, found := s.promoterCampaigns.Get(id); !found {
			return 0, nil, errNotFound()
		}
		next.PromoterCampaignID = id
	}
	if _, e := p.decode("metadata", &next.Metadata); e != nil {
		return 0, nil, e
	}
	if _, e := p.decode("details", &next.Details); e != nil {
		return 0, nil, e
	}
	*c = next
	return http.StatusOK, promoCodeView(c), nil
}

// archivePromoCode archives the code; the spec documents a 200 with no
// body.
func (s *Server) archivePromoCode(r *http.Request) (int, any, *apiError) {
	c, e := s.promoCodeByPath(r)
	if e != nil {
		return 0, nil, e
	}
	if c.ArchivedAt.IsZero() {
		c.ArchivedAt = At(s.now())
	}
	return http.StatusOK, nil, nil
}

func (s *Server) promoCodeByPath(r *http.Request) (*PromoCode, *apiError) {
	id, ok := pathID(r, "id")
	if !ok {
		return nil, errNotFound()
	}
	c, found := s.promoCodes.Get(id)
	if !found {
		return nil, errNotFound()
	}
	return c, nil
}

func (s *Server) promoCodeTaken(code string, self int64) bool {
	for _, c := range s.promoCodes.All() {
		if c.ID != self && strings.EqualFold(c.Code, code) {
			return true
		}
	}
	return false
}

// AddPromoCode stores c, assigning an id and defaults for zero fields, and
// returns it as the API would answer it.
func (s *Server) AddPromoCode(c PromoCode) PromoCode {
	s.mu.Lock()
	defer s.mu.Unlock()
	return promoCodeView(s.addPromoCode(c))
}

// PromoCodes returns the stored promo codes in id order.
func (s *Server) PromoCodes() []PromoCode {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]PromoCode, 0, s.promoCodes.Len())
	for _, c := range s.promoCodes.All() {
		out = append(out, promoCodeView(c))
	}
	return out
}

// SeedPromoCodes adds n generated promo codes on the stored promoter
// campaigns (seeding a promoter when there is none).
func (s *Server) SeedPromoCodes(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	pcs := s.seedPromoterCampaigns()
	for range n {
		i := s.promoCodes.Len()
		pc := pcs[i%len(pcs)]
		code := strings.ToUpper(string(pc.RefToken))
		if len(code) > 8 {
			code = code[:8]
		}
		code += []string{"10", "15", "20", "25"}[i%4]
		if s.promoCodeTaken(code, 0) {
			code += idString(int64(i))
		}
		s.addPromoCode(PromoCode{Code: code, PromoterCampaignID: pc.ID, Reward: &RewardRef{ID: 204}})
	}
}

// addPromoCode stores c; the caller holds s.mu.
func (s *Server) addPromoCode(c PromoCode) *PromoCode {
	c.ID = s.promoCodes.Assign(c.ID)
	if c.Code == "" {
		c.Code = "PROMO" + idString(c.ID)
	}
	if c.Reward == nil {
		c.Reward = &RewardRef{ID: 204}
	}
	if c.Reward.Name == "" {
		rw, _ := s.findReward(c.Reward.ID)
		c.Reward = &RewardRef{ID: c.Reward.ID, Name: rw.name}
	}
	if c.CompanyID == 0 {
		c.CompanyID = companyID
	}
	if c.Metadata == nil {
		c.Metadata = map[string]any{}
	}
	if c.Details == nil {
		c.Details = map[string]any{}
	}
	s.promoCodes.Put(&c)
	return &c
}

func promoCodeView(c *PromoCode) PromoCode {
	v := *c
	if c.Reward != nil {
		r := *c.Reward
		v.Reward = &r
	}
	v.Metadata = maps.Clone(c.Metadata)
	v.Details = maps.Clone(c.Details)
	return v
}
