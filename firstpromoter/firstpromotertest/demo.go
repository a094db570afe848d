package firstpromotertest

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
)

// Names of the generated data. Emails use the reserved example domains.
var (
	promoterFirst = []string{
		"Olivia", "Liam", "Emma", "Noah", "Ava", "Elijah", "Sophia", "Mateo", "Isabella", "Lucas",
		"Mia", "Levi", "Amelia", "Ethan", "Harper", "James", "Evelyn", "Aiden", "Abigail", "Leo",
		"Emily", "Jack", "Ella", "Henry", "Chloe",
	}
	promoterLast = []string{
		"Bennett", "Carter", "Nguyen", "Patel", "Rossi", "Schmidt", "Kowalski", "Okafor", "Lindqvist", "Moreau",
		"Tanaka", "Silva", "Fischer", "Murphy", "Haddad", "Novak", "Andersen", "Romero", "Kim", "Dubois",
		"Walsh", "Costa", "Jensen", "Ibrahim", "Sato",
	}
	customerFirst = []string{
		"Grace", "Owen", "Lily", "Caleb", "Zoe", "Nathan", "Hannah", "Isaac", "Nora", "Samuel",
		"Ruby", "Gabriel", "Stella", "Julian", "Alice", "Miles", "Clara", "Theo", "Maya", "Felix",
	}
	customerLast = []string{
		"Hughes", "Foster", "Bryant", "Reyes", "Coleman", "Warren", "Porter", "Hayes", "Graham", "Wagner",
		"Stone", "Barker", "Fleming", "Lambert", "Ortega", "Vaughn", "Holt", "Marsh", "Quinn", "Sutton",
	}
	emailDomains  = []string{"example.com", "example.org", "example.net", "mail.example.com"}
	campaignNames = []string{"Partner Program", "Influencer Program", "Agency Partners", "Customer Referrals", "Reseller Program"}
	countries     = []string{"US", "GB", "DE", "CA", "AU", "FR", "NL", "ES"}
	plans         = []struct {
		id     string
		amount int64
	}{{"starter_monthly", 2900}, {"growth_monthly", 4900}, {"pro_monthly", 9900}, {"growth_monthly", 4900}, {"business_monthly", 19900}, {"starter_monthly", 2900}}
)

// seedDemo loads the WithDemoData set: 3 campaigns, 25 promoters, 60
// referrals, 80 commissions (this month and last), 10 payouts, 5 promo
// codes and a webhook subscription. Names, amounts and ids are fixed;
// dates are relative to the server clock.
func (s *Server) seedDemo() {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	monthStart := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	lastMonth := monthStart.AddDate(0, -1, 0)

	campaigns := []*Campaign{
		s.addCampaign(Campaign{
			Name: "Partner Program", Color: "#6366F1", LandingURL: "https://www.acmeanalytics.com",
			RefTokenParam: "?fpr", VisitorCookieLife: 60, AutoApprovePromoters: true, IsDefault: true,
			RewardsForPromoters: []CampaignReward{s.rewardConfig(201)}, RewardsForReferrals: []CampaignReward{s.rewardConfig(204)},
			Links: []CampaignLink{{Name: "Pricing", URL: "https://www.acmeanalytics.com/pricing"}},
		}),
		s.addCampaign(Campaign{
			Name: "Influencer Program", Color: "#EC4899", LandingURL: "https://www.acmeanalytics.com/creators",
			RefTokenParam: "?via", VisitorCookieLife: 90, RewardsForPromoters: []CampaignReward{s.rewardConfig(202)},
		}),
		s.addCampaign(Campaign{
			Name: "Agency Partners", Color: "#10B981", LandingURL: "https://www.acmeanalytics.com/agencies",
			RefTokenParam: "?ref", VisitorCookieLife: 120, IsPrivate: true, RewardsForPromoters: []CampaignReward{s.rewardConfig(203)},
		}),
	}

	states := map[int]firstpromoter.PromoterState{3: "pending", 11: "pending", 19: "pending", 7: "rejected", 22: "blocked"}
	var accepted []*PromoterCampaign
	for i := range 25 {
		pr := s.genPromoter(i)
		pr.JoinedAt = At(now.AddDate(0, 0, -(190 - i*6)).Add(time.Duration(9*60+i*7) * time.Minute))
		c := campaigns[[]int{0, 0, 1, 0, 2}[i%5]]
		pr.PromoterCampaigns = []PromoterCampaignSummary{{CampaignID: c.ID, State: states[i]}}
		if i == 0 {
			pr.PromoterCampaigns = append(pr.PromoterCampaigns, PromoterCampaignSummary{CampaignID: campaigns[1].ID, State: "accepted"})
		}
		added := s.addPromoter(pr)
		for _, pc := range s.promoterCampaigns.All() {
			if pc.PromoterID == added.ID && pc.State == "accepted" {
				accepted = append(accepted, pc)
			}
		}
	}

	// 60 referrals: the first 40 in the two months before last month, the
	// rest from the start of last month up to now. The active customers
	// among the first 36 are the ones that pay the commissions, so which
	// referral earned which commission does not depend on the clock.
	var payers []*Referral
	for j := range 60 {
		created := lastMonth.Add(-time.Duration(60-j)*36*time.Hour + time.Duration(j%24)*time.Minute)
		if j >= 40 {
			created = lastMonth.Add(now.Sub(lastMonth) * time.Duration(j-39) / 21)
		}
		added := s.addReferral(s.genReferral(j, accepted, created))
		if j < 36 && added.State == "active" {
			payers = append(payers, added)
		}
	}

	// 80 commissions: 40 last month, 40 this month up to now.
	for k := range 80 {
		at := monthStart.Add(now.Sub(monthStart) * time.Duration(k-39) / 41)
		if k < 40 {
			at = lastMonth.Add(monthStart.Sub(lastMonth) * time.Duration(k+1) / 41)
		}
		c := s.genCommission(k, []*Referral{payers[spread(k, len(payers))]})
		c.CreatedAt = At(at)
		s.addCommission(c)
	}

	// 10 payouts for last month, 6 of them paid.
	payoutCount := 0
	for _, pc := range accepted {
		if payoutCount == 10 {
			break
		}
		var total int64
		var comms []*Commission
		for _, c := range s.commissions.All() {
			if c.promoterCampaignID() == pc.ID && c.Status == "approved" && c.CreatedAt.Before(monthStart) && c.Unit == "cash" {
				total += c.units()
				comms = append(comms, c)
			}
		}
		if total <= 0 {
			continue
		}
		p := Payout{
			Promoter: &PromoterRef{ID: pc.PromoterID}, Campaign: &CampaignRef{ID: pc.CampaignID},
			Amount: num(total), PeriodStart: At(lastMonth), PeriodEnd: At(monthStart.Add(-time.Millisecond)),
			CreatedAt: At(monthStart.Add(now.Sub(monthStart) / 4)),
		}
		if payoutCount%5 < 3 {
			p.Status, p.PaidAt = "completed", At(monthStart.Add(now.Sub(monthStart)/2))
		}
		added := s.addPayout(p)
		for _, c := range comms {
			c.PayoutID = added.ID
			c.IsPaid = added.Status == "completed"
		}
		payoutCount++
	}

	for i, pc := range accepted[:5] {
		code := strings.ToUpper(string(pc.RefToken)) + []string{"10", "15", "20", "10", "25"}[i]
		s.addPromoCode(PromoCode{Code: code, PromoterCampaignID: pc.ID, Reward: &RewardRef{ID: 204}, Description: "10% off the first month"})
	}
	s.addWebhook(Webhook{
		URL: "https://hooks.acmeanalytics.com/firstpromoter", Description: "CRM sync",
		EventTypes: []string{"referral.created", "commission.created", "promoter.created"},
		Active:     true, Timeout: 30, MaxRetries: 3, CreatedAt: At(lastMonth),
	})
}

// genPromoter returns the i-th generated promoter.
func (s *Server) genPromoter(i int) Promoter {
	n := len(promoterFirst)
	first, last := promoterFirst[i%n], promoterLast[(i+i/n*7)%len(promoterLast)]
	email := strings.ToLower(first+"."+last) + suffixNum(i, n) + "@" + emailDomains[i%len(emailDomains)]
	pr := Promoter{
		Email: email,
		Profile: Profile{
			FirstName: NullString(first), LastName: NullString(last), Country: NullString(countries[i%len(countries)]),
		},
		IsConfirmed: true,
		JoinedAt:    At(s.now().AddDate(0, 0, -(i%180)-1)),
		Stats:       PromoterStats{ClicksCount: clicks(i)},
	}
	if i%3 == 0 {
		pr.Profile.Website = NullString("https://" + strings.ToLower(first+last) + ".example.com")
	}
	if i%4 != 3 {
		pr.LastLoginAt = At(s.now().AddDate(0, 0, -(i % 9)).Add(-time.Duration(i%5) * time.Hour))
	}
	if i%6 == 0 {
		pr.CustID = NullString(fmt.Sprintf("cus_%06d", 100000+i*37))
	}
	if i%5 == 4 {
		pr.InvoiceDetailsStatus = "approved"
	}
	if m := []string{"paypal", "bank", "wise", "paypal", "bank", "paypal", ""}[i%7]; m != "" {
		pr.SelectedPayoutMethod = &PayoutMethodRef{ID: int64(2001 + i), Method: m, DateAdded: pr.JoinedAt}
	}
	return pr
}

// genReferral returns the i-th generated referral, assigned to one of pcs
// and created at created (a customer three days later, if that is past).
func (s *Server) genReferral(i int, pcs []*PromoterCampaign, created time.Time) Referral {
	n := len(customerFirst)
	first, last := customerFirst[i%n], customerLast[(i*3+i/n)%len(customerLast)]
	ref := Referral{
		Email:     NullString(strings.ToLower(first+"."+last) + suffixNum(i, n) + "@" + emailDomains[(i+1)%len(emailDomains)]),
		FirstName: NullString(first), LastName: NullString(last),
		CreatedAt: At(created),
	}
	if len(pcs) > 0 {
		ref.PromoterCampaign = &PromoterCampaignRef{ID: pcs[spread(i, len(pcs))].ID}
	}
	switch i % 10 {
	case 0, 1, 2, 3, 4, 5:
		ref.State = "active"
		ref.UID = NullString(fmt.Sprintf("usr_%05d", 10000+i*13))
		ref.CustomerSince = At(ref.CreatedAt.Add(72 * time.Hour))
		if ref.CustomerSince.After(s.now()) {
			ref.CustomerSince = ref.CreatedAt
		}
	case 8:
		ref.State = "cancelled"
		ref.UID = NullString(fmt.Sprintf("usr_%05d", 10000+i*13))
		ref.CustomerSince = ref.CreatedAt
		ref.CancelledAt = At(ref.CreatedAt.Add(time.Hour))
	default:
		ref.State = "signup"
	}
	return ref
}

// genCommission returns the i-th generated sale commission on one of refs.
func (s *Server) genCommission(i int, refs []*Referral) Commission {
	ref := refs[i%len(refs)]
	plan := plans[i%len(plans)]
	sale := plan.amount
	if i%27 == 26 {
		sale = -plan.amount // a refund
	}
	c := Commission{
		CommissionType: "sale", SaleAmount: cents(sale), PlanID: NullString(plan.id),
		EventID:  NullString(fmt.Sprintf("ch_3P%010d", 40217+i*7919)),
		Referral: &ReferralRef{ID: ref.ID},
		Status:   "approved",
	}
	switch {
	case i%9 == 4:
		c.Status = "pending"
	case i%13 == 6:
		c.Status = "denied"
	}
	if pc, ok := s.promoterCampaigns.Get(ref.promoterCampaignID()); ok {
		c.PromoterCampaign = &PromoterCampaignRef{ID: pc.ID}
		amount, _ := s.commissionFor(pc.CampaignID, sale)
		c.Amount = cents(amount)
	} else {
		c.Amount = cents(sale * 20 / 100)
	}
	now := s.now()
	monthStart := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	if i%2 == 0 {
		c.CreatedAt = At(monthStart.Add(now.Sub(monthStart) * time.Duration(i%40+1) / 41))
	} else {
		last := monthStart.AddDate(0, -1, 0)
		c.CreatedAt = At(last.Add(monthStart.Sub(last) * time.Duration(i%40+1) / 41))
	}
	return c
}

// genPayout returns the i-th generated payout for last month.
func (s *Server) genPayout(i int, pcs []*PromoterCampaign) Payout {
	pc := pcs[i%len(pcs)]
	now := s.now()
	monthStart := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	p := Payout{
		Promoter: &PromoterRef{ID: pc.PromoterID}, Campaign: &CampaignRef{ID: pc.CampaignID},
		Amount:      num(int64(5000 + (i*1733)%40000)),
		PeriodStart: At(monthStart.AddDate(0, -1, 0)), PeriodEnd: At(monthStart.Add(-time.Millisecond)),
	}
	if i%3 == 0 {
		p.Status, p.PaidAt = "completed", At(now)
	}
	return p
}

// seedPromoterCampaigns returns the accepted promoter campaigns seeds are
// spread over, creating a campaign and a promoter when there is none.
func (s *Server) seedPromoterCampaigns() []*PromoterCampaign {
	var out []*PromoterCampaign
	for _, pc := range s.promoterCampaigns.All() {
		if pc.State == "accepted" {
			out = append(out, pc)
		}
	}
	if len(out) == 0 {
		s.defaultCampaign()
		pr := s.genPromoter(s.promoters.Len())
		pr.State = "accepted"
		added := s.addPromoter(pr)
		for _, pc := range s.promoterCampaigns.All() {
			if pc.PromoterID == added.ID {
				out = append(out, pc)
			}
		}
	}
	return out
}

// spread maps i to an index below n, deterministic but well spread, so
// generated rows do not all land on a few parents.
func spread(i, n int) int {
	return int((uint64(i)*0x9E3779B97F4A7C15)>>33) % n
}

// clicks is a generated promoter campaign's click count.
func clicks(i int) int { return 40 + (i*37)%260 }

// suffixNum distinguishes generated names after the first round of n.
func suffixNum(i, n int) string {
	if i < n {
		return ""
	}
	return strconv.Itoa(i)
}

// suffix distinguishes generated titles after the first round of n.
func suffix(i, n int) string {
	if i < n {
		return ""
	}
	return " " + strconv.Itoa(i/n+1)
}

// slug lowercases s and keeps letters and digits.
func slug(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "ref"
	}
	return b.String()
}

// firstWord is the first word of name, else the local part of email.
func firstWord(name, email string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	local, _, _ := strings.Cut(email, "@")
	return local
}

// parseID parses a path id.
func parseID(s string) (int64, error) { return strconv.ParseInt(s, 10, 64) }
