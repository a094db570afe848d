package firstpromotertest

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// The tracking API (/api/v2/track) answers errors as {"message": ...}
// without a code, with the texts of the tracking spec's examples.
const (
	msgBlankLead   = "Error. Email and uid can not be blank!"
	msgBadAmount   = "Error. Amount blank or invalid."
	msgBadEventID  = "Error. Event id blank or invalid."
	msgAlreadyLead = "there is already a signup event registered on this lead"
)

func (s *Server) trackingRoutes() {
	s.handle("POST /track/signup", s.trackSignup)
	s.handle("POST /track/sale", s.trackSale("sale"))
	s.handle("POST /track/refund", s.trackSale("refund"))
	s.handle("POST /track/cancellation", s.trackCancellation)
}

// trackedLead reads email/uid and finds the referral, creating it from
// tid or ref_id when there is none. It returns nil (204) when the lead is
// not a referral.
func (s *Server) trackedLead(p *params, create bool) (*Referral, *apiError) {
	email, uid := strings.TrimSpace(p.str("email")), strings.TrimSpace(p.str("uid"))
	if email == "" && uid == "" {
		return nil, errTrack(http.StatusBadRequest, msgBlankLead)
	}
	if ref := s.referralByEmailOrUID(email, uid); ref != nil {
		return ref, nil
	}
	if !create {
		return nil, nil
	}
	var pcID int64
	source := "api"
	switch tid, refID := strings.TrimSpace(p.str("tid")), strings.TrimSpace(p.str("ref_id")); {
	case refID != "":
		pc := s.promoterCampaignByRefToken(refID)
		if pc == nil {
			return nil, errTrack(http.StatusNotFound, "Promoter with ref_id "+refID+" invalid or not found.")
		}
		pcID = pc.ID
	case tid != "":
		id, ok := s.visitors[tid]
		if !ok {
			return nil, errTrack(http.StatusNotFound, "Visitor "+tid+" invalid, not found or you are trying to use the signup tracking test via API which doesn't work on API calls.")
		}
		pcID, source = id, "cookie"
	default:
		return nil, nil
	}
	ref := Referral{
		Email: NullString(email), UID: NullString(uid), Username: NullString(p.str("username")),
		FirstName: NullString(p.str("first_name")), LastName: NullString(p.str("last_name")),
		Website: NullString(p.str("website")), PromoterCampaign: &PromoterCampaignRef{ID: pcID},
		EntrySource: source, State: "signup",
	}
	if c := p.str("created_at"); c != "" {
		if t, err := parseTime(c); err == nil {
			ref.CreatedAt = At(t)
		}
	}
	created := s.addReferral(ref)
	s.emit("referral.created", "referral", created.ID, nil, s.referralView(created))
	return created, nil
}

// trackSignup creates a lead from tid or ref_id. An email or uid that is
// already a referral answers 422 {"transaction_id": "..."}; a signup
// without tid or ref_id is not a referral and answers 204.
func (s *Server) trackSignup(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	email, uid := strings.TrimSpace(p.str("email")), strings.TrimSpace(p.str("uid"))
	if email != "" || uid != "" {
		if s.referralByEmailOrUID(email, uid) != nil {
			return 0, nil, &apiError{status: http.StatusUnprocessableEntity, raw: map[string]string{"transaction_id": msgAlreadyLead}}
		}
	}
	ref, e := s.trackedLead(p, true)
	if e != nil {
		return 0, nil, e
	}
	if ref == nil {
		return http.StatusNoContent, nil, nil
	}
	return http.StatusOK, map[string]any{
		"id": s.nextTrackID(), "etype": "signup", "sale_amount": nil, "original_sale_amount": nil,
		"original_sale_currency": nil, "event_id": nil, "plan_id": nil, "billing_period": nil,
		"created_at": ref.CreatedAt, "referral": s.referralRef(ref.ID), "commissions": []Commission{},
	}, nil
}

// trackSale records a sale or a refund: event_id and amount (cents, a
// number or a numeric string) are required, a repeated event_id answers
// 409, and a lead that is not a referral answers 204. A sale makes the
// referral an active customer and creates its commission; a refund creates
// a negative commission.
func (s *Server) trackSale(kind string) handlerFunc {
	return func(r *http.Request) (int, any, *apiError) {
		p, e := readParams(r)
		if e != nil {
			return 0, nil, e
		}
		if strings.TrimSpace(p.str("email")) == "" && strings.TrimSpace(p.str("uid")) == "" {
			return 0, nil, errTrack(http.StatusBadRequest, msgBlankLead)
		}
		eventID := strings.TrimSpace(p.str("event_id"))
		if eventID == "" {
			return 0, nil, errTrack(http.StatusBadRequest, msgBadEventID)
		}
		amount, err := strconv.ParseInt(strings.TrimSpace(p.str("amount")), 10, 64)
		if err != nil || amount <= 0 {
			return 0, nil, errTrack(http.StatusBadRequest, msgBadAmount)
		}
		if s.trackedEvents[kind+":"+eventID] {
			return 0, nil, errTrack(http.StatusConflict, "The '"+kind+"' event with the id '"+eventID+"' already exists.")
		}
		ref, e := s.trackedLead(p, kind == "sale")
		if e != nil {
			return 0, nil, e
		}
		if ref == nil {
			return http.StatusNoContent, nil, nil
		}
		pc, ok := s.promoterCampaigns.Get(ref.promoterCampaignID())
		if !ok {
			return http.StatusNoContent, nil, nil
		}
		s.trackedEvents[kind+":"+eventID] = true
		now := At(s.now())
		sale := amount
		if kind == "refund" {
			sale = -amount
		}
		commissionAmount, rewardID := s.commissionFor(pc.CampaignID, sale)
		var currency NullString
		if cur := strings.ToUpper(p.str("currency")); cur != "" && cur != "USD" {
			currency = NullString(cur)
		}
		original, _ := money.FromMinorUnits(sale, currencyExponent(string(currency)), "")
		c := Commission{
			CommissionType: "sale", Status: "approved", SaleAmount: cents(sale),
			OriginalSaleAmount: original, OriginalSaleCurrency: currency,
			EventID: NullString(eventID), PlanID: NullString(p.str("plan")), Amount: cents(commissionAmount),
			Referral: &ReferralRef{ID: ref.ID}, PromoterCampaign: &PromoterCampaignRef{ID: pc.ID},
			Reward: &RewardRef{ID: rewardID}, CreatedAt: now,
		}
		created := s.addCommission(c)
		view := s.commissionView(created)
		s.emit("commission.created", "commission", created.ID, nil, view)
		if kind == "sale" {
			if ref.CustomerSince.IsZero() {
				ref.CustomerSince = now
			}
			ref.State = "active"
			return http.StatusOK, map[string]any{
				"id": s.nextTrackID(), "etype": "sale", "sale_amount": sale, "original_sale_amount": sale,
				"original_sale_currency": c.OriginalSaleCurrency, "event_id": eventID, "plan_id": c.PlanID,
				"billing_period": nil, "created_at": now, "referral": s.referralRef(ref.ID),
				"commissions": []Commission{view},
			}, nil
		}
		lead := s.leadV1(ref)
		return http.StatusOK, map[string]any{
			"id": s.nextTrackID(), "type": "refund", "amount_cents": sale,
			"reward": map[string]any{
				"id": created.ID, "status": created.Status, "amount": created.Amount, "unit": created.Unit,
				"created_at": created.CreatedAt, "lead": lead, "event_id": eventID, "conversion_amount": sale,
				"tier_level": created.Tier, "split_type": nil,
			},
			"lead": lead, "promoter": s.promoterV1(pc),
		}, nil
	}
}

// trackCancellation marks the referral cancelled; a lead that is not a
// referral answers 204.
func (s *Server) trackCancellation(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	ref, e := s.trackedLead(p, false)
	if e != nil {
		return 0, nil, e
	}
	if ref == nil {
		return http.StatusNoContent, nil, nil
	}
	pc, ok := s.promoterCampaigns.Get(ref.promoterCampaignID())
	if !ok {
		return http.StatusNoContent, nil, nil
	}
	ref.State, ref.CancelledAt = "cancelled", At(s.now())
	if c := p.str("created_at"); c != "" {
		if t, err := parseTime(c); err == nil {
			ref.CancelledAt = At(t)
		}
	}
	return http.StatusOK, map[string]any{
		"id": s.nextTrackID(), "type": "cancellation", "amount_cents": nil, "reward": nil,
		"lead": s.leadV1(ref), "promoter": s.promoterV1(pc),
	}, nil
}

// leadV1 is the lead object of the refund and cancellation answers, which
// keep the v1 shape.
func (s *Server) leadV1(ref *Referral) map[string]any {
	return map[string]any{
		"id": ref.ID, "state": ref.State, "email": ref.Email, "uid": ref.UID,
		"customer_since": ref.CustomerSince, "cancelled_at": ref.CancelledAt, "plan_name": nil,
		"suspicion": ref.FraudCheck, "username": ref.Username, "website": ref.Website,
		"created_at": ref.CreatedAt, "split_promotion_id": nil, "custom_fields": nil,
		"split_percentage_value": nil, "visitor_sub_id": nil,
	}
}

// promoterV1 is the promoter object of the refund and cancellation
// answers, in the v1 shape.
func (s *Server) promoterV1(pc *PromoterCampaign) map[string]any {
	pr, ok := s.promoters.Get(pc.PromoterID)
	if !ok {
		return nil
	}
	ix := s.index()
	earned, paid := int64(0), int64(0)
	for _, c := range s.commissions.All() {
		if pcOf, ok := s.promoterCampaigns.Get(c.promoterCampaignID()); ok && pcOf.PromoterID == pr.ID && c.Status == "approved" {
			earned += c.units()
			if c.IsPaid {
				paid += c.units()
			}
		}
	}
	var parent any
	if pr.ParentPromoterID != 0 {
		parent = pr.ParentPromoterID
	}
	return map[string]any{
		"id": pr.ID, "status": "active", "cust_id": pr.CustID, "email": pr.Email, "created_at": pr.CreatedAt,
		"temp_password": nil, "default_promotion_id": pc.ID, "pref": pc.RefToken, "default_ref_id": pc.RefToken,
		"note": pr.Note, "w8_form_url": pr.Profile.W8FormURL, "w9_form_url": pr.Profile.W9FormURL,
		"parent_promoter_id": parent, "earnings_balance": map[string]int64{"cash": earned},
		"current_balance": map[string]int64{"cash": ix.balance[pr.ID]}, "paid_balance": map[string]int64{"cash": paid},
		"auth_token": pr.AuthToken,
	}
}

func (s *Server) nextTrackID() int64 {
	s.eventSeq++
	return 45830000 + s.eventSeq
}

// AddVisitor registers a visitor tracking id (the _fprom_tid cookie) as
// referred by a promoter campaign, so tracking calls can pass it as tid.
func (s *Server) AddVisitor(tid string, promoterCampaignID int64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.visitors[tid] = promoterCampaignID
}
