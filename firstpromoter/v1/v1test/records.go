package v1test

import (
	"fmt"
	"strconv"
	"time"

	v1 "github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
)

// The records hold times as time.Time and money as [v1.Amount], the
// client's types; the fake sends them as v1 does (wire.go): times as UTC
// text to the millisecond ("2026-03-16T12:00:00.000Z"), amounts as integer
// cents for the cash unit and as whole counts for the other units. An
// amount finer than that has no wire form: the endpoint that would send it
// answers 500.

// Promoter is a promoter as v1 renders it in full (promoters/show).
type Promoter struct {
	ID                 int64        `json:"id"`
	Status             string       `json:"status"`
	CustID             *string      `json:"cust_id"`
	Email              string       `json:"email"`
	CreatedAt          time.Time    `json:"created_at"`
	TempPassword       *string      `json:"temp_password"`
	DefaultPromotionID int64        `json:"default_promotion_id"`
	Pref               string       `json:"pref"`
	DefaultRefID       string       `json:"default_ref_id"`
	Note               *string      `json:"note"`
	W8FormURL          *string      `json:"w8_form_url"`
	W9FormURL          *string      `json:"w9_form_url"`
	ParentPromoterID   *int64       `json:"parent_promoter_id"`
	EarningsBalance    v1.Balance   `json:"earnings_balance"`
	CurrentBalance     v1.Balance   `json:"current_balance"`
	PaidBalance        v1.Balance   `json:"paid_balance"`
	AuthToken          string       `json:"auth_token"`
	Profile            Profile      `json:"profile"`
	Promotions         []*Promotion `json:"promotions"`
}

// Profile is a promoter's profile.
type Profile struct {
	ID             int64          `json:"id"`
	FirstName      *string        `json:"first_name"`
	LastName       *string        `json:"last_name"`
	Website        *string        `json:"website"`
	CompanyName    *string        `json:"company_name"`
	PhoneNumber    *string        `json:"phone_number"`
	Address        *string        `json:"address"`
	VATID          *string        `json:"vat_id"`
	Country        *string        `json:"country"`
	PaypalEmail    *string        `json:"paypal_email"`
	AvatarURL      *string        `json:"avatar_url"`
	Description    *string        `json:"description"`
	SocialAccounts map[string]any `json:"social_accounts"`
}

// Promotion is a promoter's place in a campaign.
type Promotion struct {
	ID                     int64       `json:"id"`
	Status                 string      `json:"status"`
	RefID                  string      `json:"ref_id"`
	PromoCode              *string     `json:"promo_code"`
	CustomerPromoCode      *string     `json:"customer_promo_code"`
	TargetReachedAt        *time.Time  `json:"target_reached_at"`
	PromoterID             int64       `json:"promoter_id"`
	CampaignID             int64       `json:"campaign_id"`
	ReferralLink           string      `json:"referral_link"`
	CurrentOffer           *RewardPlan `json:"current_offer"`
	CurrentReferralReward  *RewardPlan `json:"current_referral_reward"`
	CurrentPromotionReward *RewardPlan `json:"current_promotion_reward"`
	CurrentTargetReward    *RewardPlan `json:"current_target_reward"`
	CampaignName           string      `json:"campaign_name"`
	Hidden                 bool        `json:"hidden"`
	VisitorsCount          int         `json:"visitors_count"`
	LeadsCount             int         `json:"leads_count"`
	CustomersCount         int         `json:"customers_count"`
	RefundsCount           int         `json:"refunds_count"`
	CancellationsCount     int         `json:"cancellations_count"`
	SalesCount             int         `json:"sales_count"`
	SalesTotal             v1.Amount   `json:"sales_total"`
	RefundsTotal           v1.Amount   `json:"refunds_total"`
	ActiveCustomersCount   int         `json:"active_customers_count"`
}

// RewardPlan is a campaign's reward definition; Amount is cents for cash.
type RewardPlan struct {
	ID               int64     `json:"id"`
	Amount           v1.Amount `json:"amount"`
	Type             string    `json:"type"`
	Unit             string    `json:"unit"`
	Name             string    `json:"name"`
	PerOfSale        int       `json:"per_of_sale"`
	DefaultPromoCode string    `json:"default_promo_code"`
}

// briefPromoter is the promoter embedded in leads, rewards and tracking
// answers: no profile, no promotions.
type briefPromoter struct {
	ID                 int64                 `json:"id"`
	CustID             *string               `json:"cust_id"`
	Email              string                `json:"email"`
	TempPassword       *string               `json:"temp_password"`
	DefaultPromotionID int64                 `json:"default_promotion_id"`
	DefaultRefID       string                `json:"default_ref_id"`
	EarningsBalance    map[string]wireAmount `json:"earnings_balance"`
	CurrentBalance     map[string]wireAmount `json:"current_balance"`
	PaidBalance        map[string]wireAmount `json:"paid_balance"`
	AuthToken          string                `json:"auth_token"`
}

func (p *Promoter) brief() *briefPromoter {
	if p == nil {
		return nil
	}
	return &briefPromoter{p.ID, p.CustID, p.Email, p.TempPassword, p.DefaultPromotionID, p.DefaultRefID,
		balanceWire(p.EarningsBalance), balanceWire(p.CurrentBalance), balanceWire(p.PaidBalance), p.AuthToken}
}

// Lead is a lead or customer; PromotionID ties it to a promoter.
type Lead struct {
	ID            int64      `json:"id"`
	State         string     `json:"state"`
	Email         string     `json:"email"`
	UID           string     `json:"uid"`
	CustomerSince *time.Time `json:"customer_since"`
	PlanName      string     `json:"plan_name"`
	Suspicion     string     `json:"suspicion"`
	PromotionID   int64      `json:"-"`
}

// leadJSON is a lead as v1 renders it, with its promotion and promoter.
type leadJSON struct {
	*leadWire
	Promotion *promotionWire `json:"promotion,omitempty"`
	Promoter  *briefPromoter `json:"promoter,omitempty"`
}

// Reward is a reward; Amount is cents for the cash unit.
type Reward struct {
	ID               int64      `json:"id"`
	Status           string     `json:"status"`
	Amount           v1.Amount  `json:"amount"`
	Unit             string     `json:"unit"`
	ConversionAmount *v1.Amount `json:"conversion_amount"`
	EventID          *string    `json:"event_id"`
	PromotionID      int64      `json:"-"`
	LeadID           int64      `json:"-"`
	Paid             bool       `json:"-"`
}

type rewardJSON struct {
	*rewardWire
	Promoter  *briefPromoter `json:"promoter"`
	Promotion *promotionWire `json:"promotion"`
}

// Payout is a payout; Amount is cents for the cash unit.
type Payout struct {
	ID         int64      `json:"id"`
	Status     string     `json:"status"`
	Amount     v1.Amount  `json:"amount"`
	DatePaid   *time.Time `json:"date_paid"`
	DueDate    *time.Time `json:"due_date"`
	Unit       string     `json:"unit"`
	CreatedAt  time.Time  `json:"created_at"`
	HasIssues  bool       `json:"has_issues"`
	PromoterID int64      `json:"-"`
	CampaignID int64      `json:"-"`
}

type payoutJSON struct {
	*payoutWire
	Reward   *rewardPlanWire `json:"reward"`
	Promoter *briefPromoter  `json:"promoter"`
	Campaign *campaign       `json:"campaign"`
}

type campaign struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// defaultReward is the cash reward of every campaign: 20 % of each sale.
var defaultReward = RewardPlan{ID: 205, Amount: amountOf(2000, unitCash), Type: "per_referral", Unit: "cash", Name: "20% recurring commission", PerOfSale: 20}

func strp(s string) *string { return &s }

// newPromoter builds a promoter with one promotion in campaignID.
func (s *Server) newPromoter(email string, campaignID int64) *Promoter {
	id := s.nextID()
	ref := "ref" + strconv.FormatInt(id, 10)
	p := &Promoter{
		ID: id, Status: "active", Email: email, CreatedAt: s.nowTime(), Pref: "p" + strconv.FormatInt(id, 36),
		DefaultRefID: ref, AuthToken: fmt.Sprintf("tok_%d_%x", id, id*7919),
		Profile: Profile{ID: id + 500000, SocialAccounts: map[string]any{}},
	}
	p.Promotions = []*Promotion{s.newPromotion(p, campaignID, ref)}
	p.DefaultPromotionID = p.Promotions[0].ID
	s.promoters.Put(p)
	return p
}

func (s *Server) newPromotion(p *Promoter, campaignID int64, ref string) *Promotion {
	plan := defaultReward
	return &Promotion{
		ID: s.nextID(), Status: "offer_running", RefID: ref, PromoterID: p.ID, CampaignID: campaignID,
		ReferralLink: "https://example.com?fpr=" + ref, CurrentReferralReward: &plan,
		CampaignName: fmt.Sprintf("Campaign %d", campaignID),
	}
}

// promotion returns the promotion with the given id and its promoter.
func (s *Server) promotion(id int64) (*Promotion, *Promoter) {
	for _, p := range s.promoters.All() {
		for _, pr := range p.Promotions {
			if pr.ID == id {
				return pr, p
			}
		}
	}
	return nil, nil
}

// byRefID returns the promotion with the given referral id.
func (s *Server) byRefID(ref string) (*Promotion, *Promoter) {
	for _, p := range s.promoters.All() {
		for _, pr := range p.Promotions {
			if pr.RefID == ref {
				return pr, p
			}
		}
	}
	return nil, nil
}

func (s *Server) renderLead(l *Lead) leadJSON {
	pr, p := s.promotion(l.PromotionID)
	return leadJSON{leadWire: leadOut(l), Promotion: promotionOut(pr), Promoter: p.brief()}
}

func (s *Server) renderReward(r *Reward) rewardJSON {
	pr, p := s.promotion(r.PromotionID)
	w := &rewardWire{r.ID, r.Status, wireAmount{r.Amount, r.Unit}, r.Unit, centsPtr(r.ConversionAmount), r.EventID}
	return rewardJSON{rewardWire: w, Promoter: p.brief(), Promotion: promotionOut(pr)}
}

func (s *Server) renderPayout(p *Payout) payoutJSON {
	pm, _ := s.promoters.Get(p.PromoterID)
	w := &payoutWire{p.ID, p.Status, wireAmount{p.Amount, p.Unit}, timePtr(p.DatePaid), timePtr(p.DueDate), p.Unit,
		wireTime(p.CreatedAt), p.HasIssues}
	plan := defaultReward
	return payoutJSON{payoutWire: w, Reward: planOut(&plan), Promoter: pm.brief(), Campaign: &campaign{ID: p.CampaignID, Name: fmt.Sprintf("Campaign %d", p.CampaignID)}}
}

// SeedPromoters adds n promoters in campaign 1 and returns them.
func (s *Server) SeedPromoters(n int) []Promoter {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Promoter, n)
	for i := range n {
		out[i] = *s.newPromoter(fmt.Sprintf("promoter%d@example.com", s.seq+1), 1)
	}
	return out
}

// SeedLeads adds n leads, spread over the existing promoters (one is
// created when there is none), and returns them.
func (s *Server) SeedLeads(n int) []Lead {
	s.mu.Lock()
	defer s.mu.Unlock()
	ps := s.promoters.All()
	if len(ps) == 0 {
		ps = []*Promoter{s.newPromoter("seed@example.com", 1)}
	}
	out := make([]Lead, n)
	for i := range n {
		pr := ps[i%len(ps)].Promotions[0]
		id := s.nextID()
		l := &Lead{ID: id, State: "signup", Email: fmt.Sprintf("lead%d@example.com", id), UID: fmt.Sprintf("cus_%d", id), Suspicion: "no_suspicion", PromotionID: pr.ID}
		pr.LeadsCount++
		s.leads.Put(l)
		out[i] = *l
	}
	return out
}

// SeedRewards adds n approved cash rewards of 10.00 each over the seeded
// leads (seeding leads when there are none) and returns them.
func (s *Server) SeedRewards(n int) []Reward {
	if s.LeadCount() == 0 {
		s.SeedLeads(max(n, 1))
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	ls := s.leads.All()
	out := make([]Reward, n)
	for i := range n {
		l := ls[i%len(ls)]
		r := s.addReward(l.PromotionID, l.ID, "approved", unitCash, 1000, nil, nil)
		out[i] = *r
	}
	return out
}

// SeedPayouts adds n pending cash payouts of 30.00 each to the existing
// promoters (seeding one when there is none) and returns them.
func (s *Server) SeedPayouts(n int) []Payout {
	s.mu.Lock()
	defer s.mu.Unlock()
	ps := s.promoters.All()
	if len(ps) == 0 {
		ps = []*Promoter{s.newPromoter("seed@example.com", 1)}
	}
	out := make([]Payout, n)
	for i := range n {
		p := ps[i%len(ps)]
		now := s.nowTime()
		po := &Payout{ID: s.nextID(), Status: "pending", Amount: amountOf(3000, unitCash), Unit: unitCash, CreatedAt: now, DueDate: &now, PromoterID: p.ID, CampaignID: p.Promotions[0].CampaignID}
		s.payouts.Put(po)
		out[i] = *po
	}
	return out
}

// addReward stores a reward of amount integer units of unit (cents for
// cash), of a sale of conversion cents when not nil, and credits the
// promoter's balances.
func (s *Server) addReward(promotionID, leadID int64, status, unit string, amount int64, conversion *int64, eventID *string) *Reward {
	r := &Reward{ID: s.nextID(), Status: status, Amount: amountOf(amount, unit), Unit: unit, EventID: eventID, PromotionID: promotionID, LeadID: leadID}
	if conversion != nil {
		c := amountOf(*conversion, unitCash)
		r.ConversionAmount = &c
	}
	s.rewards.Put(r)
	if _, p := s.promotion(promotionID); p != nil && status != "denied" {
		if p.EarningsBalance == nil {
			p.EarningsBalance, p.CurrentBalance = v1.Balance{}, v1.Balance{}
		}
		addTo(p.EarningsBalance, unit, amount)
		addTo(p.CurrentBalance, unit, amount)
	}
	return r
}

// Promoters returns a copy of the promoters, in creation order.
func (s *Server) Promoters() []Promoter { return snapshot(s, s.promoters.All) }

// Leads returns a copy of the leads, in creation order.
func (s *Server) Leads() []Lead { return snapshot(s, s.leads.All) }

// Rewards returns a copy of the rewards, in creation order.
func (s *Server) Rewards() []Reward { return snapshot(s, s.rewards.All) }

// Payouts returns a copy of the payouts, in creation order.
func (s *Server) Payouts() []Payout { return snapshot(s, s.payouts.All) }

// LeadCount returns how many leads the server holds.
func (s *Server) LeadCount() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.leads.Len()
}

func snapshot[T any](s *Server, all func() []*T) []T {
	s.mu.Lock()
	defer s.mu.Unlock()
	rows := all()
	out := make([]T, len(rows))
	for i, r := range rows {
		out[i] = *r
	}
	return out
}
