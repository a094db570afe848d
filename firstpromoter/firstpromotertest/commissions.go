package firstpromotertest

import (
	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/internal/money"

	"errors"
	"maps"
	"net/http"
	"slices"
	"time"
)

// Commission is a commission as the API answers it. Its amounts are
// [firstpromoter.Amount] values read as [firstpromoter.Commission] reads
// them: SaleAmount, and Amount for a cash commission, are worth what they
// say (25.00) and are sent as integer cents (2500); OriginalSaleAmount is
// sent in the minor units of OriginalSaleCurrency; Amount of another unit
// is the count of that unit, sent as is. An amount finer than its unit is
// rounded to it when stored. Set PromoterCampaign.ID (and Referral.ID for
// a sale) to link it; the server fills the rest of those objects from its
// state.
type Commission struct {
	ID int64 `json:"id"`
	// Status is pending, approved or denied.
	Status         firstpromoter.CommissionStatus `json:"status"`
	Metadata       map[string]any                 `json:"metadata"`
	IsSelfReferral *bool                          `json:"is_self_referral"`
	// CommissionType is sale or custom.
	CommissionType       firstpromoter.CommissionType `json:"commission_type"`
	CreatedByUserEmail   NullString                   `json:"created_by_user_email"`
	CreatedByUserAt      Timestamp                    `json:"created_by_user_at"`
	SaleAmount           money.Amount                 `json:"sale_amount"`
	OriginalSaleAmount   money.Amount                 `json:"original_sale_amount"`
	OriginalSaleCurrency NullString                   `json:"original_sale_currency"`
	// EventID and PlanID are sent as null when empty.
	EventID      NullString `json:"event_id"`
	PlanID       NullString `json:"plan_id"`
	Tier         int        `json:"tier"`
	InternalNote NullString `json:"internal_note"`
	ExternalNote NullString `json:"external_note"`
	// Unit is cash, credits, points, free_months, mon_discount or
	// discount_per.
	Unit firstpromoter.CommissionUnit `json:"unit"`
	// FraudCheck defaults to no_suspicion; set it to Null to send null.
	FraudCheck       NullString           `json:"fraud_check"`
	Amount           money.Amount         `json:"amount"`
	IsPaid           bool                 `json:"is_paid"`
	IsSplit          bool                 `json:"is_split"`
	CreatedAt        Timestamp            `json:"created_at"`
	StatusUpdatedAt  Timestamp            `json:"status_updated_at"`
	PromoterCampaign *PromoterCampaignRef `json:"promoter_campaign"`
	Referral         *ReferralRef         `json:"referral"`
	Reward           *RewardRef           `json:"reward"`
	SplitDetails     map[string]any       `json:"split_details"`
	// PayoutID is the payout generate_payouts put the commission in. The
	// commission object does not carry it; it backs filters[payout_id].
	PayoutID int64 `json:"-"`
}

func (c *Commission) promoterCampaignID() int64 {
	if c.PromoterCampaign == nil {
		return 0
	}
	return c.PromoterCampaign.ID
}

func (c *Commission) referralID() int64 {
	if c.Referral == nil {
		return 0
	}
	return c.Referral.ID
}

var (
	commissionStatuses = []string{"pending", "approved", "denied"}
	units              = []firstpromoter.CommissionUnit{"cash", "credits", "points", "free_months", "mon_discount", "discount_per"}
)

func (s *Server) commissionRoutes() {
	s.handle("GET /company/commissions", s.listCommissions)
	s.handle("POST /company/commissions", s.createCommission)
	s.handle("GET /company/commissions/{id}", s.getCommission)
	s.handle("PUT /company/commissions/{id}", s.updateCommission)
	s.handle("POST /company/commissions/approve", s.commissionAction("commission/approve", s.setCommissionStatus("approved")))
	s.handle("POST /company/commissions/deny", s.commissionAction("commission/deny", s.setCommissionStatus("denied")))
	s.handle("POST /company/commissions/mark_fulfilled", s.commissionAction("commission/mark_fulfilled", s.fulfil("completed")))
	s.handle("POST /company/commissions/mark_unfulfilled", s.commissionAction("commission/mark_unfulfilled", s.fulfil("pending")))
	s.handle("DELETE /company/commissions/destroy", s.commissionAction("commission/destroy", func(c *Commission) error {
		s.commissions.Delete(c.ID)
		return nil
	}))
	s.handle("POST /company/commissions/generate_payouts", s.commissionAction("commission/generate_payouts", s.generatePayout))
}

func (s *Server) setCommissionStatus(status string) func(*Commission) error {
	return func(c *Commission) error {
		if string(c.Status) != status {
			c.Status = firstpromoter.CommissionStatus(status)
			c.StatusUpdatedAt = At(s.now())
		}
		if status == "approved" && c.Unit != "cash" && c.PayoutID == 0 {
			// An approved non-monetary reward waits in a pending payout
			// of its unit until it is fulfilled.
			s.addToPendingPayout(c)
		}
		return nil
	}
}

// fulfil is mark_fulfilled (payoutStatus completed) or mark_unfulfilled
// (pending), as the API documents them (firstpromoter/docs,
// webhooks-v2/non-monetary-rewards.mdx): they work only on approved
// non-monetary commissions that have a payout, and move that payout to
// completed or back to pending. The commission's is_paid follows its
// payout, which is how fulfilment shows on the commission and what
// filters[fulfilled] reads.
func (s *Server) fulfil(payoutStatus string) func(*Commission) error {
	return func(c *Commission) error {
		switch {
		case c.Unit == "cash":
			return errors.New("only non-monetary commissions can be fulfilled")
		case c.Status != "approved":
			return errors.New("the commission is not approved")
		}
		po, ok := s.payouts.Get(c.PayoutID)
		if !ok {
			return errors.New("the commission has no payout")
		}
		before := s.payoutView(po)
		po.Status, po.PaidAt = firstpromoter.PayoutStatus(payoutStatus), Timestamp{}
		if payoutStatus == "completed" {
			po.PaidAt = At(s.now())
		}
		s.setPayoutCommissionsPaid(po.ID, payoutStatus == "completed")
		after := s.payoutView(po)
		s.emit("payout.updated", "payout", po.ID, changes(before, after, "status", "paid_at"), after)
		return nil
	}
}

// listCommissions applies q (event_id, referral email or uid), ids[] and
// filters[status|paid|fulfilled|campaign_id|payout_id|plan_id|promoter_id|
// first_commission|refunded|fraud_check], the sale_amount and amount
// ranges and the created_at range; sorting by sale_amount, amount,
// created_at or referral. filters[due_period] is accepted and ignored.
// filters[paid] tests is_paid; filters[fulfilled] tests it on
// non-monetary commissions only, where it follows the payout that
// mark_fulfilled and mark_unfulfilled complete and reopen.
func (s *Server) listCommissions(r *http.Request) (int, any, *apiError) {
	q := listQuery(r.URL.Query())
	page, per, e := q.page(DefaultPerPage)
	if e != nil {
		return 0, nil, e
	}
	match, e := s.commissionFilter(q)
	if e != nil {
		return 0, nil, e
	}
	field, desc, e := q.sorting("sale_amount", "amount", "created_at", "referral")
	if e != nil {
		return 0, nil, e
	}
	var rows []Commission
	for _, c := range s.commissions.All() {
		if match(c) {
			rows = append(rows, s.commissionView(c))
		}
	}
	if field != "" {
		sortBy(rows, desc, func(c Commission) money.Amount {
			switch field {
			case "sale_amount":
				return num(c.sale())
			case "amount":
				return num(c.units())
			case "referral":
				if c.Referral != nil {
					return num(c.Referral.ID)
				}
				return num(0)
			}
			return unixMilli(c.CreatedAt)
		})
	}
	out := paginate(rows, page, per)
	if out == nil {
		out = []Commission{}
	}
	return http.StatusOK, out, nil
}

func (s *Server) commissionFilter(q listQuery) (func(*Commission) bool, *apiError) {
	ints := map[string][]int64{}
	for _, key := range []string{"ids", "filters[campaign_id]", "filters[payout_id]", "filters[promoter_id]"} {
		v, e := q.ints(key)
		if e != nil {
			return nil, e
		}
		ints[key] = v
	}
	status := q.get("filters[status]")
	if status != "" && !slices.Contains(commissionStatuses, status) {
		return nil, errParam("filters[status]")
	}
	yesNo := map[string]*bool{}
	for _, key := range []string{"paid", "fulfilled", "first_commission", "refunded"} {
		v, ok, e := q.yesNo("filters[" + key + "]")
		if e != nil {
			return nil, e
		}
		if ok {
			yesNo[key] = &v
		}
	}
	sale, e := q.numRange("filters[sale_amount]")
	if e != nil {
		return nil, e
	}
	amount, e := q.numRange("filters[amount]")
	if e != nil {
		return nil, e
	}
	created, e := q.timeRange("filters[created_at]")
	if e != nil {
		return nil, e
	}
	fraud, plans, search := q.values("filters[fraud_check]"), q.values("filters[plan_id]"), q.get("q")
	first := map[int64]int64{} // referral id -> id of its first sale commission
	for _, c := range s.commissions.All() {
		if rid := c.referralID(); rid != 0 && c.CommissionType == "sale" && c.sale() > 0 {
			if _, seen := first[rid]; !seen {
				first[rid] = c.ID
			}
		}
	}
	return func(c *Commission) bool {
		pc, _ := s.promoterCampaigns.Get(c.promoterCampaignID())
		if pc == nil {
			pc = &PromoterCampaign{}
		}
		switch {
		case !inIDs(ints["ids"], c.ID), !inIDs(ints["filters[campaign_id]"], pc.CampaignID),
			!inIDs(ints["filters[promoter_id]"], pc.PromoterID), !inIDs(ints["filters[payout_id]"], c.PayoutID),
			status != "" && string(c.Status) != status, len(fraud) > 0 && !slices.Contains(fraud, string(c.FraudCheck)),
			len(plans) > 0 && !slices.Contains(plans, string(c.PlanID)),
			!sale.match(c.sale()), !amount.match(c.units()), !created.match(c.CreatedAt):
			return false
		}
		for key, want := range yesNo {
			var got bool
			switch key {
			case "paid":
				got = c.IsPaid
			case "fulfilled":
				// Fulfilment is for non-monetary commissions only.
				if c.Unit == "cash" {
					return false
				}
				got = c.IsPaid
			case "first_commission":
				got = first[c.referralID()] == c.ID
			case "refunded":
				got = c.sale() < 0
			}
			if got != *want {
				return false
			}
		}
		if search != "" {
			fields := []string{string(c.EventID)}
			if ref, ok := s.referrals.Get(c.referralID()); ok {
				fields = append(fields, string(ref.Email), string(ref.UID))
			}
			if !containsFold(search, fields...) {
				return false
			}
		}
		return true
	}, nil
}

// createCommission creates a sale commission (commission_type "sale":
// referral_id and sale_amount required, the amount computed from the
// campaign's reward unless given) or a custom one (commission_type
// "custom": promoter_campaign_id and amount required). The spec documents
// the answer as an array of commissions, which looks like a spec error:
// the fake answers the single Commission object.
func (s *Server) createCommission(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	c := Commission{CommissionType: firstpromoter.CommissionType(p.str("commission_type")), Status: "approved", Tier: 1, Unit: "cash"}
	var amount int64 // cents for cash, the count of the unit otherwise
	switch c.CommissionType {
	case "sale":
		refID, e := p.requiredInt("referral_id")
		if e != nil {
			return 0, nil, e
		}
		sale, e := p.requiredInt("sale_amount")
		if e != nil {
			return 0, nil, e
		}
		ref, ok := s.referrals.Get(refID)
		if !ok {
			return 0, nil, errNotFound()
		}
		pc, ok := s.promoterCampaigns.Get(ref.promoterCampaignID())
		if !ok {
			return 0, nil, errOperation("Referral is not assigned to a promoter")
		}
		c.Referral = &ReferralRef{ID: ref.ID}
		c.PromoterCampaign = &PromoterCampaignRef{ID: pc.ID}
		c.SaleAmount, c.OriginalSaleAmount = cents(sale), cents(sale)
		amount, _ = s.commissionFor(pc.CampaignID, sale)
		if v, ok, e := p.int("amount"); e != nil {
			return 0, nil, e
		} else if ok {
			amount = v
		}
	case "custom":
		pcID, e := p.requiredInt("promoter_campaign_id")
		if e != nil {
			return 0, nil, e
		}
		v, e := p.requiredInt("amount")
		if e != nil {
			return 0, nil, e
		}
		amount = v
		if _, ok := s.promoterCampaigns.Get(pcID); !ok {
			return 0, nil, errNotFound()
		}
		c.PromoterCampaign = &PromoterCampaignRef{ID: pcID}
	default:
		return 0, nil, errParam("commission_type")
	}
	if p.has("unit") {
		if c.Unit = firstpromoter.CommissionUnit(p.str("unit")); !slices.Contains(units, c.Unit) {
			return 0, nil, errParam("unit")
		}
	}
	c.Amount = unitAmount(amount, c.Unit)
	if p.has("billing_period") && !slices.Contains([]string{"monthly", "yearly", "one_time"}, p.str("billing_period")) {
		return 0, nil, errParam("billing_period")
	}
	if _, _, e := p.bool("notify_promoter"); e != nil {
		return 0, nil, e
	}
	c.EventID, c.PlanID = NullString(p.str("event_id")), NullString(p.str("plan_id"))
	c.InternalNote, c.ExternalNote = NullString(p.str("internal_note")), NullString(p.str("external_note"))
	if c.EventID != "" {
		for _, other := range s.commissions.All() {
			if other.EventID == c.EventID {
				return 0, nil, errInvalid("event_id", "has already been taken")
			}
		}
	}
	if d := p.str("event_date"); d != "" {
		t, err := parseTime(d)
		if err != nil {
			return 0, nil, errParam("event_date")
		}
		c.CreatedAt = At(t)
	}
	v := s.commissionView(s.addCommission(c))
	s.emit("commission.created", "commission", v.ID, nil, v)
	return http.StatusOK, v, nil
}

func (s *Server) getCommission(r *http.Request) (int, any, *apiError) {
	c, e := s.commissionByPath(r)
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, s.commissionView(c), nil
}

// updateCommission changes internal_note and external_note, the only
// fields the API lets change.
func (s *Server) updateCommission(r *http.Request) (int, any, *apiError) {
	c, e := s.commissionByPath(r)
	if e != nil {
		return 0, nil, e
	}
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	before := s.commissionView(c)
	if p.has("internal_note") {
		c.InternalNote = NullString(p.str("internal_note"))
	}
	if p.has("external_note") {
		c.ExternalNote = NullString(p.str("external_note"))
	}
	after := s.commissionView(c)
	s.emit("commission.updated", "commission", c.ID, changes(before, after, "internal_note", "external_note"), after)
	return http.StatusOK, after, nil
}

func (s *Server) commissionByPath(r *http.Request) (*Commission, *apiError) {
	id, ok := pathID(r, "id")
	if !ok {
		return nil, errNotFound()
	}
	c, found := s.commissions.Get(id)
	if !found {
		return nil, errNotFound()
	}
	return c, nil
}

// commissionAction is a bulk action applying fn to each commission.
func (s *Server) commissionAction(label string, fn func(*Commission) error) handlerFunc {
	return func(r *http.Request) (int, any, *apiError) {
		p, e := readParams(r)
		if e != nil {
			return 0, nil, e
		}
		return s.bulk(p, label, nil, func(id int64) error {
			c, ok := s.commissions.Get(id)
			if !ok {
				return errRecordNotFound
			}
			return fn(c)
		})
	}
}

// generatePayout puts an approved, unpaid cash commission into the pending
// payout of its promoter and campaign, creating the payout if needed.
func (s *Server) generatePayout(c *Commission) error {
	if c.Status != "approved" || c.IsPaid || c.Unit != "cash" {
		return errors.New("only approved unpaid cash commissions can be paid out")
	}
	if c.PayoutID != 0 {
		return errors.New("commission already has a payout")
	}
	return s.addToPendingPayout(c)
}

// addToPendingPayout puts c into the pending payout of its promoter,
// campaign and unit, creating the payout if needed.
func (s *Server) addToPendingPayout(c *Commission) error {
	pc, ok := s.promoterCampaigns.Get(c.promoterCampaignID())
	if !ok {
		return errors.New("commission has no promoter")
	}
	var payout *Payout
	for _, p := range s.payouts.All() {
		if p.Status == "pending" && p.Unit == string(c.Unit) && p.promoterID() == pc.PromoterID && p.campaignID() == pc.CampaignID {
			payout = p
			break
		}
	}
	if payout == nil {
		now := s.now()
		start := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
		payout = s.addPayout(Payout{
			Promoter: &PromoterRef{ID: pc.PromoterID}, Campaign: &CampaignRef{ID: pc.CampaignID}, Unit: string(c.Unit),
			PeriodStart: At(start), PeriodEnd: At(start.AddDate(0, 1, 0).Add(-time.Millisecond)),
		})
	}
	payout.Amount = plus(payout.Amount, num(c.units()))
	payout.TotalInclTax = withTax(payout.Amount, payout.TaxRate)
	c.PayoutID = payout.ID
	return nil
}

// AddCommission stores c, assigning an id, a created_at and defaults for
// zero fields (status approved, unit cash, tier 1), and returns it as the
// API would answer it.
func (s *Server) AddCommission(c Commission) Commission {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.commissionView(s.addCommission(c))
}

// Commissions returns the stored commissions in id order.
func (s *Server) Commissions() []Commission {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Commission, 0, s.commissions.Len())
	for _, c := range s.commissions.All() {
		out = append(out, s.commissionView(c))
	}
	return out
}

// SeedCommissions adds n generated sale commissions on the stored
// referrals (seeding referrals when there are none), dated this month and
// last.
func (s *Server) SeedCommissions(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	refs := s.referrals.All()
	if len(refs) == 0 {
		pcs := s.seedPromoterCampaigns()
		for range max(n/2, 1) {
			refs = append(refs, s.addReferral(s.genReferral(s.referrals.Len(), pcs, s.now().Add(-time.Duration(s.referrals.Len()+1)*time.Hour))))
		}
	}
	for range n {
		s.addCommission(s.genCommission(s.commissions.Len(), refs))
	}
}

// addCommission stores c; the caller holds s.mu.
func (s *Server) addCommission(c Commission) *Commission {
	c.ID = s.commissions.Assign(c.ID)
	if c.CreatedAt.IsZero() {
		c.CreatedAt = At(s.now())
	}
	if c.Status == "" {
		c.Status = "approved"
	}
	if c.CommissionType == "" {
		c.CommissionType = "sale"
		if c.Referral == nil {
			c.CommissionType = "custom"
		}
	}
	if c.Unit == "" {
		c.Unit = "cash"
	}
	if c.Tier == 0 {
		c.Tier = 1
	}
	// The amounts are kept in the form the API sends: integer cents (the
	// original sale's minor units; the count of a non-cash unit).
	c.SaleAmount = cents(c.sale())
	exp := currencyExponent(string(c.OriginalSaleCurrency))
	if c.OriginalSaleAmount.IsZero() || c.OriginalSaleAmount.IsNull() {
		// The same number as the sale, as the API sends when the sale
		// was in the account's currency.
		c.OriginalSaleAmount, _ = money.FromMinorUnits(c.sale(), exp, "")
	} else {
		c.OriginalSaleAmount, _ = money.FromMinorUnits(minorUnits(c.OriginalSaleAmount, exp), exp, "")
	}
	c.Amount = unitAmount(c.units(), c.Unit)
	if c.FraudCheck == "" {
		c.FraudCheck = "no_suspicion"
	}
	if c.IsSelfReferral == nil {
		f := false
		c.IsSelfReferral = &f
	}
	if c.Metadata == nil {
		c.Metadata = map[string]any{}
	}
	if c.PromoterCampaign == nil && c.Referral != nil {
		if ref, ok := s.referrals.Get(c.Referral.ID); ok && ref.PromoterCampaign != nil {
			c.PromoterCampaign = &PromoterCampaignRef{ID: ref.PromoterCampaign.ID}
		}
	}
	if c.PromoterCampaign != nil {
		c.PromoterCampaign = &PromoterCampaignRef{ID: c.PromoterCampaign.ID}
	}
	if c.Referral != nil {
		c.Referral = &ReferralRef{ID: c.Referral.ID}
	}
	if c.Reward == nil {
		rewardID := int64(201)
		if pc, ok := s.promoterCampaigns.Get(c.promoterCampaignID()); ok {
			_, rewardID = s.commissionFor(pc.CampaignID, 0)
		}
		c.Reward = &RewardRef{ID: rewardID}
	}
	s.commissions.Put(&c)
	return &c
}

// commissionView renders c with its nested objects; the caller holds s.mu.
func (s *Server) commissionView(c *Commission) Commission {
	v := *c
	v.Metadata = maps.Clone(c.Metadata)
	v.SplitDetails = maps.Clone(c.SplitDetails)
	if c.IsSelfReferral != nil {
		b := *c.IsSelfReferral
		v.IsSelfReferral = &b
	}
	if c.PromoterCampaign != nil {
		v.PromoterCampaign = s.promoterCampaignRef(c.PromoterCampaign.ID)
	}
	if c.Referral != nil {
		v.Referral = s.referralRef(c.Referral.ID)
	}
	if c.Reward != nil {
		name := c.Reward.Name
		if rw, ok := s.findReward(c.Reward.ID); ok && name == "" {
			name = rw.name
		}
		v.Reward = &RewardRef{ID: c.Reward.ID, Name: name}
	}
	return v
}
