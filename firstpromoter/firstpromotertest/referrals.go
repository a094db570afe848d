package firstpromotertest

import (
	"maps"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
)

// Referral is a lead or customer as GET /company/referrals/{id} answers
// it. Set PromoterCampaign.ID to link it to a promoter campaign; the
// server fills the rest of that object from its state.
type Referral struct {
	ID    int64      `json:"id"`
	Email NullString `json:"email"`
	UID   NullString `json:"uid"`
	// State is subscribed, signup, active, cancelled, refunded, denied,
	// pending or moved.
	State    firstpromoter.ReferralState `json:"state"`
	Metadata map[string]any              `json:"metadata"`
	// EntrySource is api, coupon, cookie, manual_admin or manual_affiliate.
	EntrySource      string               `json:"entry_source"`
	CreatedAt        Timestamp            `json:"created_at"`
	CustomerSince    Timestamp            `json:"customer_since"`
	PromoterCampaign *PromoterCampaignRef `json:"promoter_campaign"`
	// FraudCheck is no_suspicion, same_ip_suspicion, same_promoter_email or
	// ad_source.
	FraudCheck         string        `json:"fraud_check"`
	CreatedByUserEmail NullString    `json:"created_by_user_email"`
	Username           NullString    `json:"username"`
	SplitDetails       []SplitDetail `json:"split_details"`
	FirstName          NullString    `json:"first_name"`
	LastName           NullString    `json:"last_name"`
	Website            NullString    `json:"website"`
	Comment            NullString    `json:"comment"`
	IsExpired          bool          `json:"is_expired"`
	// CustomStatus is the referral's custom status, null when it has none;
	// derived from CustomStatusID.
	CustomStatus *CustomReferralStatus `json:"custom_status"`
	// CustomStatusID is set by PUT /company/referrals/{id} with
	// custom_status_id (or given to AddReferral); 0 means none.
	CustomStatusID int64 `json:"-"`
	// CancelledAt is set by a tracked cancellation. The v2 referral object
	// does not carry it; it backs filters[cancelled_at].
	CancelledAt Timestamp `json:"-"`
}

func (r *Referral) promoterCampaignID() int64 {
	if r.PromoterCampaign == nil {
		return 0
	}
	return r.PromoterCampaign.ID
}

var (
	referralStates = []string{"subscribed", "signup", "active", "cancelled", "refunded", "denied", "pending", "moved"}
	fraudChecks    = []string{"no_suspicion", "same_ip_suspicion", "same_promoter_email", "ad_source"}
)

func (s *Server) referralRoutes() {
	s.handle("GET /company/referrals", s.listReferrals)
	s.handle("POST /company/referrals", s.createReferral)
	s.handle("DELETE /company/referrals", s.referralAction("referral/delete", func(r *Referral) error {
		s.referrals.Delete(r.ID)
		return nil
	}))
	s.handle("GET /company/referrals/{id}", s.getReferral)
	s.handle("PUT /company/referrals/{id}", s.updateReferral)
	s.handle("POST /company/referrals/approve", s.referralAction("referral/approve", approveReferral))
	s.handle("POST /company/referrals/enable", s.referralAction("referral/enable", approveReferral))
	s.handle("POST /company/referrals/disable", s.referralAction("referral/disable", func(r *Referral) error {
		r.State = "denied"
		return nil
	}))
	s.handle("POST /company/referrals/move_to_promoter", s.moveReferrals)
	s.handle("POST /company/referrals/{id}/import_events", s.importEvents)
}

// approveReferral lifts a denied or pending referral back to signup, or to
// active when it is a customer.
func approveReferral(r *Referral) error {
	if r.State == "denied" || r.State == "pending" {
		r.State = "signup"
		if !r.CustomerSince.IsZero() {
			r.State = "active"
		}
	}
	return nil
}

// listReferrals applies q (email, uid, username, website), ids[] and
// filters[type|promoter_id|campaign_id|state] and the customer_since,
// created_at and cancelled_at ranges.
func (s *Server) listReferrals(r *http.Request) (int, any, *apiError) {
	q := listQuery(r.URL.Query())
	page, per, e := q.page(DefaultPerPage)
	if e != nil {
		return 0, nil, e
	}
	ids, e := q.ints("ids")
	if e != nil {
		return 0, nil, e
	}
	promoters, e := q.ints("filters[promoter_id]")
	if e != nil {
		return 0, nil, e
	}
	campaigns, e := q.ints("filters[campaign_id]")
	if e != nil {
		return 0, nil, e
	}
	state := q.get("filters[state]")
	if state != "" && !slices.Contains(referralStates, state) {
		return 0, nil, errParam("filters[state]")
	}
	kind := q.get("filters[type]")
	if kind != "" && kind != "lead" && kind != "customer" {
		return 0, nil, errParam("filters[type]")
	}
	ranges := map[string]timeRange{}
	for _, f := range []string{"customer_since", "created_at", "cancelled_at"} {
		if ranges[f], e = q.timeRange("filters[" + f + "]"); e != nil {
			return 0, nil, e
		}
	}
	search := q.get("q")
	// Filter on the stored records and build the full view (promoter
	// campaign, custom status) only for the page answered, so a list
	// costs its page, not the table.
	filtered := len(ids) > 0 || state != "" || kind != "" || len(promoters) > 0 || len(campaigns) > 0 || search != "" ||
		ranges["customer_since"].set() || ranges["created_at"].set() || ranges["cancelled_at"].set()
	all := s.referrals.All()
	if !filtered {
		out := []Referral{}
		for _, ref := range paginate(all, page, per) {
			out = append(out, s.referralView(ref))
		}
		return http.StatusOK, out, nil
	}
	var rows []*Referral
	for _, v := range all {
		if !inIDs(ids, v.ID) || (state != "" && string(v.State) != state) ||
			!ranges["customer_since"].match(v.CustomerSince) || !ranges["created_at"].match(v.CreatedAt) ||
			!ranges["cancelled_at"].match(v.CancelledAt) {
			continue
		}
		if kind != "" && (kind == "customer") == v.CustomerSince.IsZero() {
			continue
		}
		if len(promoters) > 0 || len(campaigns) > 0 {
			var pc *PromoterCampaignRef
			if v.PromoterCampaign != nil {
				pc = s.promoterCampaignRef(v.PromoterCampaign.ID)
			}
			if len(promoters) > 0 && (pc == nil || !slices.Contains(promoters, pc.PromoterID)) {
				continue
			}
			if len(campaigns) > 0 && (pc == nil || !slices.Contains(campaigns, pc.CampaignID)) {
				continue
			}
		}
		if search != "" && !containsFold(search, string(v.Email), string(v.UID), string(v.Username), string(v.Website)) {
			continue
		}
		rows = append(rows, v)
	}
	out := []Referral{}
	for _, ref := range paginate(rows, page, per) {
		out = append(out, s.referralView(ref))
	}
	return http.StatusOK, out, nil
}

func (s *Server) createReferral(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	pcID, e := p.requiredInt("promoter_campaign_id")
	if e != nil {
		return 0, nil, e
	}
	email, uid := strings.TrimSpace(p.str("email")), strings.TrimSpace(p.str("uid"))
	if email == "" && uid == "" {
		return 0, nil, errParam("email")
	}
	if _, ok := s.promoterCampaigns.Get(pcID); !ok {
		return 0, nil, errNotFound()
	}
	ref := Referral{
		Email: NullString(email), UID: NullString(uid), Username: NullString(p.str("username")),
		PromoterCampaign: &PromoterCampaignRef{ID: pcID}, EntrySource: "api", State: "signup",
	}
	if e := s.checkReferral(&ref); e != nil {
		return 0, nil, e
	}
	if _, e := p.decode("split_details", &ref.SplitDetails); e != nil {
		return 0, nil, e
	}
	v := s.referralView(s.addReferral(ref))
	s.emit("referral.created", "referral", v.ID, nil, v)
	return http.StatusOK, v, nil
}

func (s *Server) getReferral(r *http.Request) (int, any, *apiError) {
	ref, e := s.findReferral(r.PathValue("id"), r.URL.Query().Get("find_by"))
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, s.referralView(ref), nil
}

func (s *Server) updateReferral(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	ref, e := s.findReferral(r.PathValue("id"), p.str("find_by"))
	if e != nil {
		return 0, nil, e
	}
	before := s.referralView(ref)
	next := *ref
	for _, f := range []struct {
		key string
		dst *NullString
	}{{"email", &next.Email}, {"uid", &next.UID}, {"username", &next.Username}} {
		if p.has(f.key) {
			*f.dst = NullString(strings.TrimSpace(p.str(f.key)))
		}
	}
	if next.Email == "" && next.UID == "" {
		return 0, nil, errParam("email")
	}
	if e := s.checkReferral(&next); e != nil {
		return 0, nil, e
	}
	if id, ok, e := p.int("promoter_campaign_id"); e != nil {
		return 0, nil, e
	} else if ok {
		if _, found := s.promoterCampaigns.Get(id); !found {
			return 0, nil, errNotFound()
		}
		next.PromoterCampaign = &PromoterCampaignRef{ID: id}
	}
	if p.has("fraud_check") {
		next.FraudCheck = p.str("fraud_check")
		if !slices.Contains(fraudChecks, next.FraudCheck) {
			return 0, nil, errParam("fraud_check")
		}
	}
	if _, e := p.decode("split_details", &next.SplitDetails); e != nil {
		return 0, nil, e
	}
	if p.has("custom_status_id") {
		// An explicit null (or "") clears the status.
		id, ok, e := p.int("custom_status_id")
		if e != nil {
			return 0, nil, e
		}
		if ok {
			if _, found := s.customStatuses.Get(id); !found {
				return 0, nil, errInvalid("custom_status_id", "is not a custom referral status of this account")
			}
		}
		next.CustomStatusID = id
	}
	*ref = next
	after := s.referralView(ref)
	s.emit("referral.updated", "referral", ref.ID, changes(before, after, "email", "uid", "username", "fraud_check", "promoter_campaign"), after)
	return http.StatusOK, after, nil
}

// referralAction is a bulk action applying fn to each referral.
func (s *Server) referralAction(label string, fn func(*Referral) error) handlerFunc {
	return func(r *http.Request) (int, any, *apiError) {
		p, e := readParams(r)
		if e != nil {
			return 0, nil, e
		}
		return s.bulk(p, label, nil, func(id int64) error {
			ref, ok := s.referrals.Get(id)
			if !ok {
				return errRecordNotFound
			}
			return fn(ref)
		})
	}
}

func (s *Server) moveReferrals(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	pcID, e := p.requiredInt("promoter_campaign_id")
	if e != nil {
		return 0, nil, e
	}
	if _, ok := s.promoterCampaigns.Get(pcID); !ok {
		return 0, nil, errNotFound()
	}
	withCommissions, _, e := p.bool("move_associated_commissions")
	if e != nil {
		return 0, nil, e
	}
	meta := map[string]any{"promoter_campaign_id": pcID, "move_associated_commissions": withCommissions}
	return s.bulk(p, "referral/move_to_promoter", meta, func(id int64) error {
		ref, ok := s.referrals.Get(id)
		if !ok {
			return errRecordNotFound
		}
		ref.PromoterCampaign = &PromoterCampaignRef{ID: pcID}
		if withCommissions {
			for _, c := range s.commissions.All() {
				if c.referralID() == id {
					c.PromoterCampaign = &PromoterCampaignRef{ID: pcID}
				}
			}
		}
		return nil
	})
}

// importEvents starts the (Stripe) import of a referral's past sales: it
// always answers 202 with a batch, which completes without changes here.
func (s *Server) importEvents(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	ref, e := s.findReferral(r.PathValue("id"), p.str("find_by"))
	if e != nil {
		return 0, nil, e
	}
	status, b := s.startBatch([]int64{ref.ID}, "referral/import_events", nil, true, func(int64) error { return nil })
	return status, b, nil
}

// findReferral looks a referral up by id, or by find_by: email, uid or
// username.
func (s *Server) findReferral(key, by string) (*Referral, *apiError) {
	switch by {
	case "":
		id, err := parseID(key)
		if err != nil {
			return nil, errNotFound()
		}
		if ref, ok := s.referrals.Get(id); ok {
			return ref, nil
		}
	case "email", "uid", "username":
		if key == "" {
			return nil, errNotFound()
		}
		for _, ref := range s.referrals.All() {
			if (by == "email" && strings.EqualFold(string(ref.Email), key)) ||
				(by == "uid" && string(ref.UID) == key) || (by == "username" && string(ref.Username) == key) {
				return ref, nil
			}
		}
	default:
		return nil, errParam("find_by")
	}
	return nil, errNotFound()
}

// referralByEmailOrUID finds the referral a tracking call names.
func (s *Server) referralByEmailOrUID(email, uid string) *Referral {
	for _, ref := range s.referrals.All() {
		if (uid != "" && string(ref.UID) == uid) || (email != "" && strings.EqualFold(string(ref.Email), email)) {
			return ref
		}
	}
	return nil
}

// checkReferral rejects a taken email or uid.
func (s *Server) checkReferral(ref *Referral) *apiError {
	for _, other := range s.referrals.All() {
		if other.ID == ref.ID {
			continue
		}
		if ref.Email != "" && strings.EqualFold(string(other.Email), string(ref.Email)) {
			return errInvalid("email", "has already been taken")
		}
		if ref.UID != "" && other.UID == ref.UID {
			return errInvalid("uid", "has already been taken")
		}
	}
	return nil
}

// AddReferral stores ref, assigning an id, a created_at and defaults for
// zero fields, and returns it as the API would answer it.
func (s *Server) AddReferral(ref Referral) Referral {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.referralView(s.addReferral(ref))
}

// Referrals returns the stored referrals in id order.
func (s *Server) Referrals() []Referral {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Referral, 0, s.referrals.Len())
	for _, ref := range s.referrals.All() {
		out = append(out, s.referralView(ref))
	}
	return out
}

// SeedReferrals adds n generated referrals spread over the accepted
// promoter campaigns (creating a promoter when there is none), created an
// hour apart going back from the clock; six in ten are active customers.
func (s *Server) SeedReferrals(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	pcs := s.seedPromoterCampaigns()
	for range n {
		s.addReferral(s.genReferral(s.referrals.Len(), pcs, s.now().Add(-time.Duration(s.referrals.Len()+1)*time.Hour)))
	}
}

// addReferral stores ref; the caller holds s.mu.
func (s *Server) addReferral(ref Referral) *Referral {
	ref.ID = s.referrals.Assign(ref.ID)
	if ref.CreatedAt.IsZero() {
		ref.CreatedAt = At(s.now())
	}
	if ref.State == "" {
		ref.State = "signup"
		if !ref.CustomerSince.IsZero() {
			ref.State = "active"
		}
	}
	if ref.EntrySource == "" {
		ref.EntrySource = "cookie"
	}
	if ref.FraudCheck == "" {
		ref.FraudCheck = "no_suspicion"
	}
	if ref.PromoterCampaign != nil {
		ref.PromoterCampaign = &PromoterCampaignRef{ID: ref.PromoterCampaign.ID}
	}
	s.referrals.Put(&ref)
	return &ref
}

// referralView renders ref with its nested promoter campaign; the caller
// holds s.mu.
func (s *Server) referralView(ref *Referral) Referral {
	v := *ref
	v.Metadata = maps.Clone(ref.Metadata)
	if ref.SplitDetails != nil {
		v.SplitDetails = slices.Clone(ref.SplitDetails)
	}
	if ref.PromoterCampaign != nil {
		v.PromoterCampaign = s.promoterCampaignRef(ref.PromoterCampaign.ID)
	}
	v.CustomStatus = nil
	if st, ok := s.customStatuses.Get(ref.CustomStatusID); ok {
		c := *st
		v.CustomStatus = &c
	}
	return v
}

// referralRef is the short referral object, nil for an unknown id.
func (s *Server) referralRef(id int64) *ReferralRef {
	ref, ok := s.referrals.Get(id)
	if !ok {
		return nil
	}
	return &ReferralRef{ID: ref.ID, Email: ref.Email, UID: ref.UID}
}
