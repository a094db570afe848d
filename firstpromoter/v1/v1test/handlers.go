package v1test

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
)

// routes registers every v1 endpoint.
func (s *Server) routes() {
	s.handle("GET /promoters/list", s.listPromoters)
	s.handle("GET /promoters/show", s.showPromoter)
	s.handle("POST /promoters/create", s.createPromoter)
	s.handle("PUT /promoters/update", s.updatePromoter)
	s.handle("DELETE /promoters/delete", s.deletePromoter)
	s.handle("POST /promoters/move_to_campaign", s.moveToCampaign)
	s.handle("POST /promoters/add_to_campaign", s.addToCampaign)
	s.handle("PUT /promoters/refresh_token", s.refreshToken)
	s.handle("GET /leads/list", s.listLeads)
	s.handle("GET /leads/show", s.showLead)
	s.handle("PUT /leads/update", s.updateLead)
	s.handle("DELETE /leads/delete", s.deleteLead)
	s.handle("GET /rewards/list", s.listRewards)
	s.handle("POST /rewards/create", s.createReward)
	s.handle("PUT /rewards/update", s.updateReward)
	s.handle("GET /payouts/list", s.listPayouts)
	s.handle("POST /payouts/create", s.createPayout)
	s.handle("PUT /payouts/update", s.updatePayout)
	s.handle("GET /reports/overview", s.reportOverview)
	s.handle("GET /reports/campaigns", s.reportCampaigns)
	s.handle("GET /reports/promoters", s.reportPromoters)
	s.handle("POST /track/signup", s.trackSignup)
	s.handle("POST /track/subscriber", s.trackSubscriber)
	s.handle("POST /track/sale", s.trackSale)
	s.handle("POST /track/refund", s.trackRefund)
	s.handle("POST /track/cancellation", s.trackCancellation)
}

// findPromoter finds the promoter named by exactly one key parameter;
// emailParam is the endpoint's name for the email ("" when it has none).
func (s *Server) findPromoter(q request, emailParam string) (*Promoter, *apiError) {
	id, aerr := q.int64("id")
	if aerr != nil {
		return nil, aerr
	}
	var match func(*Promoter) bool
	switch {
	case id != 0:
		match = func(p *Promoter) bool { return p.ID == id }
	case emailParam != "" && q.str(emailParam) != "":
		e := strings.ToLower(q.str(emailParam))
		match = func(p *Promoter) bool { return strings.ToLower(p.Email) == e }
	case q.str("cust_id") != "":
		c := q.str("cust_id")
		match = func(p *Promoter) bool { return p.CustID != nil && *p.CustID == c }
	case q.str("ref_id") != "":
		r := q.str("ref_id")
		match = func(p *Promoter) bool {
			return slices.ContainsFunc(p.Promotions, func(pr *Promotion) bool { return pr.RefID == r })
		}
	case q.str("auth_token") != "":
		t := q.str("auth_token")
		match = func(p *Promoter) bool { return p.AuthToken == t }
	default:
		return nil, errorf(http.StatusUnprocessableEntity, "You need to find the promoter either by id, cust_id, auth_token, ref_id, promoter_email or promo_code")
	}
	p, found := s.promoters.Find(match)
	if !found {
		return nil, errorf(http.StatusNotFound, "Promoter not found.")
	}
	return p, nil
}

func (s *Server) listPromoters(q request) (answer, *apiError) {
	cid, err := q.int64("campaign_id")
	if err != nil {
		return answer{}, err
	}
	rows := s.promoters.Filter(func(p *Promoter) bool {
		return cid == 0 || slices.ContainsFunc(p.Promotions, func(pr *Promotion) bool { return pr.CampaignID == cid })
	})
	return page(s, q, rows)
}

func (s *Server) showPromoter(q request) (answer, *apiError) {
	p, err := s.findPromoter(q, "promoter_email")
	if err != nil {
		return answer{}, err
	}
	return ok(promoterOut(p))
}

// setProfile applies the profile parameters of a create or update.
func setProfile(q request, p *Promoter) {
	for name, dst := range map[string]**string{
		"first_name": &p.Profile.FirstName, "last_name": &p.Profile.LastName, "website": &p.Profile.Website,
		"company_name": &p.Profile.CompanyName, "phone_number": &p.Profile.PhoneNumber, "address": &p.Profile.Address,
		"country": &p.Profile.Country, "paypal_email": &p.Profile.PaypalEmail, "avatar_url": &p.Profile.AvatarURL,
		"note": &p.Note,
	} {
		if v := q.str(name); v != "" {
			*dst = strp(v)
		}
	}
	if v := q.str("temp_password"); v != "" {
		p.TempPassword = strp(v)
	}
	if v := q.str("promo_code"); v != "" {
		p.Promotions[0].PromoCode = strp(v)
	}
}

func (s *Server) createPromoter(q request) (answer, *apiError) {
	email := q.str("email")
	if email == "" || !strings.Contains(email, "@") {
		return answer{}, errorf(http.StatusUnprocessableEntity, "Email is invalid")
	}
	if _, dup := s.promoters.Find(func(p *Promoter) bool { return strings.EqualFold(p.Email, email) }); dup {
		return answer{}, errorf(http.StatusUnprocessableEntity, "Email has already been taken")
	}
	cid, err := q.int64("campaign_id")
	if err != nil {
		return answer{}, err
	}
	if cid == 0 {
		cid = 1
	}
	if ref := q.str("ref_id"); ref != "" {
		if pr, _ := s.byRefID(ref); pr != nil {
			return answer{}, errorf(http.StatusUnprocessableEntity, "Ref has already been taken")
		}
	}
	p := s.newPromoter(email, cid)
	if c := q.str("cust_id"); c != "" {
		p.CustID = strp(c)
	}
	if ref := q.str("ref_id"); ref != "" {
		p.Promotions[0].RefID, p.DefaultRefID = ref, ref
	}
	setProfile(q, p)
	return ok(promoterOut(p))
}

func (s *Server) updatePromoter(q request) (answer, *apiError) {
	p, err := s.findPromoter(q, "email")
	if err != nil {
		return answer{}, err
	}
	if c := q.str("new_cust_id"); c != "" {
		p.CustID = strp(c)
	}
	if ref := q.str("new_ref_id"); ref != "" {
		if other, _ := s.byRefID(ref); other != nil && other.PromoterID != p.ID {
			return answer{}, errorf(http.StatusUnprocessableEntity, "Ref has already been taken")
		}
		p.Promotions[0].RefID, p.DefaultRefID = ref, ref
	}
	setProfile(q, p)
	return ok(promoterOut(p))
}

func (s *Server) deletePromoter(q request) (answer, *apiError) {
	p, err := s.findPromoter(q, "")
	if err != nil {
		return answer{}, err
	}
	s.promoters.Delete(p.ID)
	return ok(map[string]string{"message": "Promoter removed."})
}

func (s *Server) moveToCampaign(q request) (answer, *apiError) {
	p, err := s.findPromoter(q, "promoter_email")
	if err != nil {
		return answer{}, err
	}
	from, err := q.int64("source_campaign_id")
	if err != nil {
		return answer{}, err
	}
	to, err := q.int64("destination_campaign_id")
	if err != nil {
		return answer{}, err
	}
	if from == 0 || to == 0 {
		return answer{}, errorf(http.StatusUnprocessableEntity, "source_campaign_id and destination_campaign_id are required")
	}
	i := slices.IndexFunc(p.Promotions, func(pr *Promotion) bool { return pr.CampaignID == from })
	if i < 0 {
		return answer{}, errorf(http.StatusUnprocessableEntity, "The promoter is not in the source campaign")
	}
	if slices.ContainsFunc(p.Promotions, func(pr *Promotion) bool { return pr.CampaignID == to }) {
		return answer{}, errorf(http.StatusUnprocessableEntity, "The promoter is already in the destination campaign")
	}
	p.Promotions[i].CampaignID = to
	p.Promotions[i].CampaignName = fmt.Sprintf("Campaign %d", to)
	return ok(promoterOut(p))
}

func (s *Server) addToCampaign(q request) (answer, *apiError) {
	p, err := s.findPromoter(q, "promoter_email")
	if err != nil {
		return answer{}, err
	}
	cid, err := q.int64("campaign_id")
	if err != nil {
		return answer{}, err
	}
	if cid == 0 {
		return answer{}, errorf(http.StatusUnprocessableEntity, "campaign_id is required")
	}
	if slices.ContainsFunc(p.Promotions, func(pr *Promotion) bool { return pr.CampaignID == cid }) {
		return answer{}, errorf(http.StatusUnprocessableEntity, "The promoter is already in this campaign")
	}
	p.Promotions = append(p.Promotions, s.newPromotion(p, cid, fmt.Sprintf("%s%d", p.DefaultRefID, cid)))
	return ok(promoterOut(p))
}

func (s *Server) refreshToken(q request) (answer, *apiError) {
	p, err := s.findPromoter(q, "promoter_email")
	if err != nil {
		return answer{}, err
	}
	p.AuthToken = fmt.Sprintf("tok_%d_%x", p.ID, s.nextID()*104729)
	return ok(map[string]string{"auth_token": p.AuthToken})
}

// promotionFilter is the filter of the lead and reward lists: a promotion
// id, a referral id, a promoter or a campaign.
func (s *Server) promotionFilter(q request) (func(promotionID int64) bool, *apiError) {
	var ids [3]int64
	for i, name := range []string{"promotion_id", "promoter_id", "campaign_id"} {
		n, err := q.int64(name)
		if err != nil {
			return nil, err
		}
		ids[i] = n
	}
	ref := q.str("ref_id")
	return func(promotionID int64) bool {
		pr, _ := s.promotion(promotionID)
		if pr == nil {
			return ids == [3]int64{} && ref == ""
		}
		return (ids[0] == 0 || pr.ID == ids[0]) && (ids[1] == 0 || pr.PromoterID == ids[1]) &&
			(ids[2] == 0 || pr.CampaignID == ids[2]) && (ref == "" || pr.RefID == ref)
	}, nil
}

func (s *Server) listLeads(q request) (answer, *apiError) {
	keep, err := s.promotionFilter(q)
	if err != nil {
		return answer{}, err
	}
	var rows []leadJSON
	for _, l := range s.leads.All() {
		if keep(l.PromotionID) {
			rows = append(rows, s.renderLead(l))
		}
	}
	return page(s, q, rows)
}

// findLead finds the lead named by id, uid or email.
func (s *Server) findLead(q request) (*Lead, *apiError) {
	id, aerr := q.int64("id")
	if aerr != nil {
		return nil, aerr
	}
	var match func(*Lead) bool
	switch {
	case id != 0:
		match = func(l *Lead) bool { return l.ID == id }
	case q.str("uid") != "":
		u := q.str("uid")
		match = func(l *Lead) bool { return l.UID == u }
	case q.str("email") != "":
		e := strings.ToLower(q.str("email"))
		match = func(l *Lead) bool { return strings.ToLower(l.Email) == e }
	default:
		return nil, errorf(http.StatusUnprocessableEntity, "You need to find the lead either by id, uid or email")
	}
	l, found := s.leads.Find(match)
	if !found {
		return nil, errorf(http.StatusNotFound, "Lead not found.")
	}
	return l, nil
}

func (s *Server) showLead(q request) (answer, *apiError) {
	l, err := s.findLead(q)
	if err != nil {
		return answer{}, err
	}
	return ok(s.renderLead(l))
}

var leadStates = []string{"subscribed", "signup", "active", "cancelled", "refunded", "denied", "pending", "moved"}

func (s *Server) updateLead(q request) (answer, *apiError) {
	l, err := s.findLead(q)
	if err != nil {
		return answer{}, err
	}
	if st := q.str("state"); st != "" {
		if !slices.Contains(leadStates, st) {
			return answer{}, errorf(http.StatusUnprocessableEntity, "State is not included in the list")
		}
		l.State = st
	}
	if ref := q.str("new_ref_id"); ref != "" {
		pr, _ := s.byRefID(ref)
		if pr == nil {
			return answer{}, errorf(http.StatusNotFound, "Promoter not found.")
		}
		l.PromotionID = pr.ID
	}
	if v := q.str("new_uid"); v != "" {
		l.UID = v
	}
	if v := q.str("new_email"); v != "" {
		l.Email = v
	}
	if v := q.str("customer_since"); v != "" {
		t, err := parseTime(v)
		if err != nil {
			return answer{}, errorf(http.StatusUnprocessableEntity, "Customer since is invalid")
		}
		l.CustomerSince = &t
	}
	if v := q.str("plan_name"); v != "" {
		l.PlanName = v
	}
	return ok(s.renderLead(l))
}

func (s *Server) deleteLead(q request) (answer, *apiError) {
	l, err := s.findLead(q)
	if err != nil {
		return answer{}, err
	}
	s.leads.Delete(l.ID)
	return ok(map[string]string{"message": "Lead removed."})
}

func (s *Server) listRewards(q request) (answer, *apiError) {
	keep, err := s.promotionFilter(q)
	if err != nil {
		return answer{}, err
	}
	var rows []rewardJSON
	for _, r := range s.rewards.All() {
		if keep(r.PromotionID) {
			rows = append(rows, s.renderReward(r))
		}
	}
	return page(s, q, rows)
}

var rewardUnits = []string{"cash", "credits", "points", "free_months", "discount_per"}
var rewardStatuses = []string{"pending", "approved", "denied"}

func (s *Server) createReward(q request) (answer, *apiError) {
	unit := q.str("reward_type")
	if !slices.Contains(rewardUnits, unit) {
		return answer{}, errorf(http.StatusUnprocessableEntity, "reward_type must be one of %s", strings.Join(rewardUnits, ", "))
	}
	amount, err := strconv.ParseInt(q.str("amount"), 10, 64)
	if err != nil {
		return answer{}, errorf(http.StatusUnprocessableEntity, "amount must be an integer")
	}
	status := q.str("status")
	if status == "" {
		status = "pending"
	}
	if !slices.Contains(rewardStatuses, status) {
		return answer{}, errorf(http.StatusUnprocessableEntity, "status must be pending, approved or denied")
	}
	var leadID, promotionID int64
	if q.str("lead_id") != "" || q.str("uid") != "" || q.str("email") != "" {
		lq := request{r: q.r, p: map[string][]string{"id": {q.str("lead_id")}, "uid": {q.str("uid")}, "email": {q.str("email")}}}
		l, aerr := s.findLead(lq)
		if aerr != nil {
			return answer{}, aerr
		}
		leadID, promotionID = l.ID, l.PromotionID
	}
	if pid, aerr := q.int64("promotion_id"); aerr != nil {
		return answer{}, aerr
	} else if pid != 0 {
		if pr, _ := s.promotion(pid); pr == nil {
			return answer{}, errorf(http.StatusNotFound, "Promotion not found.")
		}
		promotionID = pid
	}
	if ref := q.str("ref_id"); ref != "" {
		pr, _ := s.byRefID(ref)
		if pr == nil {
			return answer{}, errorf(http.StatusNotFound, "Promoter not found.")
		}
		promotionID = pr.ID
	}
	if promotionID == 0 {
		return answer{}, errorf(http.StatusUnprocessableEntity, "You need to pass a lead or a promoter (promotion_id or ref_id)")
	}
	r := s.addReward(promotionID, leadID, status, unit, amount, nil, nil)
	return ok(s.renderReward(r))
}

func (s *Server) updateReward(q request) (answer, *apiError) {
	id, err := q.int64("id")
	if err != nil {
		return answer{}, err
	}
	ev := q.str("event_id")
	if id == 0 && ev == "" {
		return answer{}, errorf(http.StatusUnprocessableEntity, "You need to find the reward by id or event_id")
	}
	r, found := s.rewards.Find(func(r *Reward) bool {
		return (id != 0 && r.ID == id) || (id == 0 && r.EventID != nil && *r.EventID == ev)
	})
	if !found {
		return answer{}, errorf(http.StatusNotFound, "Reward not found.")
	}
	if st := q.str("status"); st != "" {
		if !slices.Contains(rewardStatuses, st) {
			return answer{}, errorf(http.StatusUnprocessableEntity, "status must be pending, approved or denied")
		}
		r.Status = st
	}
	return ok(s.renderReward(r))
}

var payoutStatuses = []string{"pending", "processing", "completed"}

func (s *Server) listPayouts(q request) (answer, *apiError) {
	pid, err := q.int64("promoter_id")
	if err != nil {
		return answer{}, err
	}
	cid, err := q.int64("campaign_id")
	if err != nil {
		return answer{}, err
	}
	st := q.str("status")
	var rows []payoutJSON
	for _, p := range s.payouts.All() {
		if (pid == 0 || p.PromoterID == pid) && (cid == 0 || p.CampaignID == cid) && (st == "" || p.Status == st) {
			rows = append(rows, s.renderPayout(p))
		}
	}
	return page(s, q, rows)
}

// createPayout turns the promoter's approved, unpaid cash rewards into a
// pending payout.
func (s *Server) createPayout(q request) (answer, *apiError) {
	pid, err := q.int64("promoter_id")
	if err != nil {
		return answer{}, err
	}
	email := q.str("promoter_email")
	if pid == 0 && email == "" {
		return answer{}, errorf(http.StatusUnprocessableEntity, "You need to pass either promoter_email or promoter_id.")
	}
	p, found := s.promoters.Find(func(p *Promoter) bool { return p.ID == pid || (pid == 0 && strings.EqualFold(p.Email, email)) })
	if !found {
		return answer{}, errorf(http.StatusNotFound, "Promoter not found.")
	}
	cid, err := q.int64("campaign_id")
	if err != nil {
		return answer{}, err
	}
	status := q.str("status")
	if status == "" {
		status = "pending"
	}
	if !slices.Contains(payoutStatuses, status) {
		return answer{}, errorf(http.StatusUnprocessableEntity, "status must be pending, processing or completed")
	}
	var total int64 // cents
	for _, r := range s.rewards.All() {
		pr, _ := s.promotion(r.PromotionID)
		if pr != nil && pr.PromoterID == p.ID && (cid == 0 || pr.CampaignID == cid) && r.Unit == "cash" && r.Status == "approved" && !r.Paid {
			total += minorOrZero(r.Amount, r.Unit)
			r.Paid = true
		}
	}
	if cid == 0 {
		cid = p.Promotions[0].CampaignID
	}
	now := s.nowTime()
	po := &Payout{ID: s.nextID(), Status: status, Amount: amountOf(total, unitCash), Unit: unitCash, CreatedAt: now, DueDate: &now, PromoterID: p.ID, CampaignID: cid}
	s.payouts.Put(po)
	return ok(s.renderPayout(po))
}

func (s *Server) updatePayout(q request) (answer, *apiError) {
	id, err := q.int64("id")
	if err != nil {
		return answer{}, err
	}
	if id == 0 {
		return answer{}, errorf(http.StatusUnprocessableEntity, "You need to find the payout by id.")
	}
	po, found := s.payouts.Get(id)
	if !found {
		return answer{}, errorf(http.StatusNotFound, "Payment not found")
	}
	if st := q.str("status"); st != "" {
		if !slices.Contains(payoutStatuses, st) {
			return answer{}, errorf(http.StatusUnprocessableEntity, "status must be pending, processing or completed")
		}
		po.Status = st
		if st == "completed" {
			now := s.nowTime()
			po.DatePaid = &now
		}
	}
	return ok(s.renderPayout(po))
}
