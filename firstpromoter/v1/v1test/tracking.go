package v1test

import (
	"net/http"
	"strconv"
	"strings"
)

// trackAnswer is the body of a tracking call.
type trackAnswer struct {
	ID          int64          `json:"id"`
	Type        string         `json:"type"`
	AmountCents *int64         `json:"amount_cents"`
	Lead        *leadWire      `json:"lead"`
	Promoter    *briefPromoter `json:"promoter"`
}

func (s *Server) tracked(typ string, amount *int64, l *Lead) (answer, *apiError) {
	_, p := s.promotion(l.PromotionID)
	return ok(trackAnswer{ID: s.nextID(), Type: typ, AmountCents: amount, Lead: leadOut(l), Promoter: p.brief()})
}

func noContent() (answer, *apiError) { return answer{status: http.StatusNoContent}, nil }

// leadOf finds the lead of a tracking call by email or uid.
func (s *Server) leadOf(q request) *Lead {
	email, uid := strings.ToLower(q.str("email")), q.str("uid")
	l, _ := s.leads.Find(func(l *Lead) bool {
		return (uid != "" && l.UID == uid) || (email != "" && strings.ToLower(l.Email) == email)
	})
	return l
}

// referrer finds the promotion a new lead belongs to: ref_id or
// promoter_email (the fake knows no visitor tids). ok is false when none
// was given; a given one that matches nothing is a 404.
func (s *Server) referrer(q request) (*Promotion, bool, *apiError) {
	switch {
	case q.str("ref_id") != "":
		if pr, _ := s.byRefID(q.str("ref_id")); pr != nil {
			return pr, true, nil
		}
	case q.str("promoter_email") != "":
		e := q.str("promoter_email")
		if p, found := s.promoters.Find(func(p *Promoter) bool { return strings.EqualFold(p.Email, e) }); found {
			return p.Promotions[0], true, nil
		}
	case q.str("tid") != "":
	default:
		return nil, false, nil
	}
	return nil, true, messagef(http.StatusNotFound, "Visitor  invalid, not found or you are trying to use the signup tracking test via API which doesn't work on API calls.")
}

func (s *Server) newLead(q request, pr *Promotion, state string) *Lead {
	id := s.nextID()
	uid := q.str("uid")
	l := &Lead{ID: id, State: state, Email: q.str("email"), UID: uid, Suspicion: "no_suspicion", PromotionID: pr.ID}
	pr.LeadsCount++
	s.leads.Put(l)
	return l
}

func (s *Server) trackSignup(q request) (answer, *apiError) {
	if q.str("email") == "" && q.str("uid") == "" {
		return answer{}, messagef(http.StatusBadRequest, "Error. Email and uid can not be blank!")
	}
	pr, given, err := s.referrer(q)
	if err != nil {
		return answer{}, err
	}
	if !given {
		return answer{}, messagef(http.StatusNotFound, "Visitor  invalid, not found or you are trying to use the signup tracking test via API which doesn't work on API calls.")
	}
	if l := s.leadOf(q); l != nil {
		if !q.bool("override_existing_lead") {
			return answer{}, &apiError{http.StatusUnprocessableEntity, map[string]string{"transaction_id": "there is already a signup event registered on this lead"}}
		}
		l.PromotionID = pr.ID
		return s.tracked("signup", nil, l)
	}
	return s.tracked("signup", nil, s.newLead(q, pr, "signup"))
}

func (s *Server) trackSubscriber(q request) (answer, *apiError) {
	if q.str("email") == "" && q.str("uid") == "" {
		return answer{}, messagef(http.StatusBadRequest, "Error. Email and uid can not be blank!")
	}
	if s.leadOf(q) != nil {
		return answer{}, messagef(http.StatusConflict, "a subscriber event for this lead already exists")
	}
	pr, given, err := s.referrer(q)
	if err != nil {
		return answer{}, err
	}
	if !given {
		return noContent()
	}
	return s.tracked("subscriber", nil, s.newLead(q, pr, "subscribed"))
}

// moneyParam reads a required amount in cents.
func moneyParam(q request) (int64, *apiError) {
	v := q.str("amount")
	if v == "" {
		return 0, messagef(http.StatusBadRequest, "Error. Amount can not be blank!")
	}
	n, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, messagef(http.StatusBadRequest, "Error. Amount must be an integer in cents!")
	}
	return n, nil
}

func (s *Server) trackSale(q request) (answer, *apiError) {
	if q.str("email") == "" && q.str("uid") == "" {
		return answer{}, messagef(http.StatusBadRequest, "Error. Email and uid can not be blank!")
	}
	ev := q.str("event_id")
	if ev == "" {
		return answer{}, messagef(http.StatusBadRequest, "Error. Event id can not be blank!")
	}
	amount, err := moneyParam(q)
	if err != nil {
		return answer{}, err
	}
	if s.events["sale:"+ev] {
		return answer{}, messagef(http.StatusConflict, "Sale event with this event_id already tracked")
	}
	l := s.leadOf(q)
	if l == nil {
		pr, given, err := s.referrer(q)
		if err != nil {
			return answer{}, err
		}
		if !given {
			return noContent()
		}
		l = s.newLead(q, pr, "signup")
	}
	pr, _ := s.promotion(l.PromotionID)
	if pr == nil {
		return noContent()
	}
	s.events["sale:"+ev] = true
	if l.State != "active" {
		now := s.nowTime()
		l.State, l.CustomerSince = "active", &now
		pr.CustomersCount++
	}
	if p := q.str("plan"); p != "" {
		l.PlanName = p
	}
	pr.SalesCount++
	pr.SalesTotal = amountOf(minorOrZero(pr.SalesTotal, unitCash)+amount, unitCash)
	s.addReward(pr.ID, l.ID, "approved", unitCash, amount*int64(defaultReward.PerOfSale)/100, &amount, strp(ev))
	return s.tracked("sale", &amount, l)
}

func (s *Server) trackRefund(q request) (answer, *apiError) {
	if q.str("email") == "" && q.str("uid") == "" {
		return answer{}, messagef(http.StatusBadRequest, "Error. Email and uid can not be blank!")
	}
	ev := q.str("event_id")
	if ev == "" {
		return answer{}, messagef(http.StatusBadRequest, "Error. Event id can not be blank!")
	}
	amount, err := moneyParam(q)
	if err != nil {
		return answer{}, err
	}
	if s.events["refund:"+ev] {
		return answer{}, messagef(http.StatusConflict, "Refund event with this event_id already tracked")
	}
	l := s.leadOf(q)
	if l == nil {
		return noContent()
	}
	pr, _ := s.promotion(l.PromotionID)
	if pr == nil {
		return noContent()
	}
	s.events["refund:"+ev] = true
	pr.RefundsCount++
	pr.RefundsTotal = amountOf(minorOrZero(pr.RefundsTotal, unitCash)+amount, unitCash)
	neg := -amount
	s.addReward(pr.ID, l.ID, "approved", unitCash, neg*int64(defaultReward.PerOfSale)/100, &neg, strp(ev))
	return s.tracked("refund", &neg, l)
}

func (s *Server) trackCancellation(q request) (answer, *apiError) {
	if q.str("email") == "" && q.str("uid") == "" {
		return answer{}, messagef(http.StatusBadRequest, "Error. Email and uid can not be blank!")
	}
	l := s.leadOf(q)
	if l == nil {
		return noContent()
	}
	pr, _ := s.promotion(l.PromotionID)
	if pr == nil {
		return noContent()
	}
	if l.State != "cancelled" {
		l.State = "cancelled"
		pr.CancellationsCount++
	}
	return s.tracked("cancellation", nil, l)
}
