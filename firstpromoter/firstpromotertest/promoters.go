package firstpromotertest

import (
	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/internal/money"

	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/mail"
	"slices"
	"strings"
)

// Promoter is a promoter (an affiliate) as GET /company/promoters/{id}
// answers it. State, Stats, Balances, PromoterCampaigns and ParentPromoter
// are derived from the stored promoter campaigns, referrals, commissions
// and parent. List rows are the same object without parent_promoter (see
// promoterRow). State, CreatedAt and UpdatedAt are kept for the fake's own
// bookkeeping and are not sent: the current API sends neither shape with
// them.
type Promoter struct {
	ID     int64      `json:"id"`
	Email  string     `json:"email"`
	Name   string     `json:"name"`
	CustID NullString `json:"cust_id"`
	Note   NullString `json:"note"`
	// State is the promoter's state in its first campaign, not_set when it
	// has none. AddPromoter uses it for the promoter campaign it creates.
	State           firstpromoter.PromoterState `json:"-"`
	Stats           PromoterStats               `json:"stats"`
	IsCustomized    bool                        `json:"is_customized"`
	FraudSuspicions []string                    `json:"fraud_suspicions"`
	IsConfirmed     bool                        `json:"is_confirmed"`
	// InvoiceDetailsStatus is pending, approved, denied or null.
	InvoiceDetailsStatus NullString     `json:"invoice_details_status"`
	Profile              Profile        `json:"profile"`
	JoinedAt             Timestamp      `json:"joined_at"`
	LastLoginAt          Timestamp      `json:"last_login_at"`
	ArchivedAt           Timestamp      `json:"archived_at"`
	CustomFields         map[string]any `json:"custom_fields"`
	PasswordSetupURL     NullString     `json:"password_setup_url"`
	FirstEventAt         Timestamp      `json:"first_event_at"`
	CreatedAt            Timestamp      `json:"-"`
	UpdatedAt            Timestamp      `json:"-"`
	// PromoterCampaigns given to AddPromoter create those memberships
	// (CampaignID, State, RefToken, Coupon are read); without any, the
	// promoter joins the default campaign. Stats.ClicksCount given to
	// AddPromoter is stored on the first one: clicks are the only count
	// not derived from stored records.
	PromoterCampaigns    []PromoterCampaignSummary `json:"promoter_campaigns"`
	Balances             Balances                  `json:"balances"`
	TrackAdTraffic       *bool                     `json:"track_ad_traffic"`
	AuthProvider         NullString                `json:"auth_provider"`
	SelectedPayoutMethod *PayoutMethodRef          `json:"selected_payout_method"`
	// ParentPromoter is the parent of a sub-affiliate, null when it has
	// none; derived from ParentPromoterID.
	ParentPromoter *PromoterRef `json:"parent_promoter"`
	// ParentPromoterID is set by assign_parent (or given to AddPromoter);
	// it backs parent_promoter and filters[parent_promoter_id].
	ParentPromoterID int64 `json:"-"`
	// AuthToken is the promoter's token for find_by=auth_token; not sent.
	AuthToken string `json:"-"`
}

// PromoterStats are a promoter's derived counts. RevenueAmount is worth
// what it says and is sent as integer cents, as [firstpromoter.Amount]
// reads it.
type PromoterStats struct {
	ClicksCount          int          `json:"clicks_count"`
	ReferralsCount       int          `json:"referrals_count"`
	SalesCount           int          `json:"sales_count"`
	CustomersCount       int          `json:"customers_count"`
	RevenueAmount        money.Amount `json:"revenue_amount"`
	ActiveCustomersCount int          `json:"active_customers_count"`
}

// Balances are a promoter's unpaid earnings per unit, sent as plain
// numbers; null (money.Null, what firstpromoter.Amount's IsNull reports)
// when the unit is unused. Cash is in cents.
type Balances struct {
	Cash       money.Amount `json:"cash"`
	Credits    money.Amount `json:"credits"`
	Points     money.Amount `json:"points"`
	FreeMonths money.Amount `json:"free_months"`
	Discount   money.Amount `json:"discount"`
}

// Profile is a promoter's profile.
type Profile struct {
	ID                             int64          `json:"id"`
	FirstName                      NullString     `json:"first_name"`
	LastName                       NullString     `json:"last_name"`
	Website                        NullString     `json:"website"`
	CompanyName                    NullString     `json:"company_name"`
	CompanyNumber                  NullString     `json:"company_number"`
	PhoneNumber                    NullString     `json:"phone_number"`
	VatID                          NullString     `json:"vat_id"`
	Country                        NullString     `json:"country"`
	Address                        NullString     `json:"address"`
	Avatar                         NullString     `json:"avatar"`
	W8FormURL                      NullString     `json:"w8_form_url"`
	W9FormURL                      NullString     `json:"w9_form_url"`
	Description                    NullString     `json:"description"`
	InstagramURL                   NullString     `json:"instagram_url"`
	YoutubeURL                     NullString     `json:"youtube_url"`
	LinkedinURL                    NullString     `json:"linkedin_url"`
	FacebookURL                    NullString     `json:"facebook_url"`
	TwitterURL                     NullString     `json:"twitter_url"`
	TwitchURL                      NullString     `json:"twitch_url"`
	TiktokURL                      NullString     `json:"tiktok_url"`
	InvoiceDetailsValidationErrors map[string]any `json:"invoice_details_validation_errors"`
	ShouldValidateInvoiceDetails   bool           `json:"should_validate_invoice_details"`
}

// textField returns the profile's text field with JSON name key.
func (p *Profile) textField(key string) *NullString {
	switch key {
	case "first_name":
		return &p.FirstName
	case "last_name":
		return &p.LastName
	case "website":
		return &p.Website
	case "company_name":
		return &p.CompanyName
	case "company_number":
		return &p.CompanyNumber
	case "phone_number":
		return &p.PhoneNumber
	case "vat_id":
		return &p.VatID
	case "country":
		return &p.Country
	case "address":
		return &p.Address
	case "avatar":
		return &p.Avatar
	case "description":
		return &p.Description
	case "instagram_url":
		return &p.InstagramURL
	case "youtube_url":
		return &p.YoutubeURL
	case "linkedin_url":
		return &p.LinkedinURL
	case "facebook_url":
		return &p.FacebookURL
	case "twitter_url":
		return &p.TwitterURL
	case "twitch_url":
		return &p.TwitchURL
	case "tiktok_url":
		return &p.TiktokURL
	}
	return nil
}

var promoterStates = []string{"pending", "accepted", "rejected", "blocked", "inactive", "not_set"}

func (s *Server) promoterRoutes() {
	s.handle("GET /company/promoters", s.listPromoters)
	s.handle("POST /company/promoters", s.createPromoter)
	s.handle("GET /company/promoters/{id}", s.getPromoter)
	s.handle("PUT /company/promoters/{id}", s.updatePromoter)
	s.handle("GET /company/promoters/{id}/chart_data", s.promoterChart)
	for _, action := range []string{"accept", "reject", "block"} {
		state := map[string]firstpromoter.PromoterState{"accept": "accepted", "reject": "rejected", "block": "blocked"}[action]
		s.handle("POST /company/promoters/"+action, s.promoterStateAction(action, state))
	}
	s.handle("POST /company/promoters/archive", s.archivePromoters(true))
	s.handle("POST /company/promoters/restore", s.archivePromoters(false))
	s.handle("POST /company/promoters/move_to_campaign", s.movePromoters)
	s.handle("POST /company/promoters/add_to_campaign", s.addPromotersToCampaign)
	s.handle("POST /company/promoters/assign_parent", s.assignParent)
}

// listPromoters answers {"data": [...], "meta": {"pending_count": n}}, the
// only v2 list with an envelope. pending_count counts every pending
// promoter of the account, whatever the filters.
func (s *Server) listPromoters(r *http.Request) (int, any, *apiError) {
	q := listQuery(r.URL.Query())
	page, per, e := q.page(DefaultPerPage)
	if e != nil {
		return 0, nil, e
	}
	match, e := s.promoterFilter(q)
	if e != nil {
		return 0, nil, e
	}
	field, desc, e := q.sorting("clicks_count", "referrals_count", "customers_count", "revenue_amount", "joined_at")
	if e != nil {
		return 0, nil, e
	}
	ix := s.index()
	var rows []Promoter
	pending := 0
	for _, p := range s.promoters.All() {
		v := s.promoterView(p, ix)
		if v.State == "pending" {
			pending++
		}
		if match(&v, ix) {
			rows = append(rows, v)
		}
	}
	if field != "" {
		sortBy(rows, desc, func(p Promoter) money.Amount {
			switch field {
			case "clicks_count":
				return num(int64(p.Stats.ClicksCount))
			case "referrals_count":
				return num(int64(p.Stats.ReferralsCount))
			case "customers_count":
				return num(int64(p.Stats.CustomersCount))
			case "revenue_amount":
				return p.Stats.RevenueAmount
			}
			return unixMilli(p.JoinedAt)
		})
	}
	data := []promoterRow{}
	for _, p := range paginate(rows, page, per) {
		data = append(data, promoterRow{Promoter: p})
	}
	return http.StatusOK, map[string]any{"data": data, "meta": map[string]int{"pending_count": pending}}, nil
}

// promoterRow is a row of the promoter list (the PromoterListItem schema):
// the single-promoter object without parent_promoter. The shallower
// ParentPromoter field, always nil and omitted, hides the embedded one.
type promoterRow struct {
	Promoter
	ParentPromoter *PromoterRef `json:"parent_promoter,omitempty"`
}

// promoterFilter compiles the documented filters of GET /promoters: q,
// ids[], state, campaign_id (one or many), parent_promoter_id, archived,
// has_wform, fraud_suspicions[], invoice_details_status, the joined_at and
// last_login_at ranges and the revenue_amount, customers_count,
// referrals_count and clicks_count ranges. filters[state] matches the
// promoter's state, or with filters[campaign_id] its state in those
// campaigns. Archived promoters are listed unless filters[archived] says
// otherwise. Custom-field, inactivity and subscribed_to_email filters are
// accepted and ignored.
func (s *Server) promoterFilter(q listQuery) (func(*Promoter, *index) bool, *apiError) {
	ids, e := q.ints("ids")
	if e != nil {
		return nil, e
	}
	campaigns, e := q.ints("filters[campaign_id]")
	if e != nil {
		return nil, e
	}
	state := q.get("filters[state]")
	if state != "" && !slices.Contains(promoterStates, state) {
		return nil, errParam("filters[state]")
	}
	parents, e := q.ints("filters[parent_promoter_id]")
	if e != nil {
		return nil, e
	}
	archived, hasArchived, e := q.yesNo("filters[archived]")
	if e != nil {
		return nil, e
	}
	wform, hasWform, e := q.yesNo("filters[has_wform]")
	if e != nil {
		return nil, e
	}
	joined, e := q.timeRange("filters[joined_at]")
	if e != nil {
		return nil, e
	}
	login, e := q.timeRange("filters[last_login_at]")
	if e != nil {
		return nil, e
	}
	ranges := map[string]numRange{}
	for _, f := range []string{"revenue_amount", "customers_count", "referrals_count", "clicks_count"} {
		if ranges[f], e = q.numRange("filters[" + f + "]"); e != nil {
			return nil, e
		}
	}
	fraud := q.values("filters[fraud_suspicions]")
	invoice := q.get("filters[invoice_details_status]")
	search := q.get("q")
	return func(p *Promoter, ix *index) bool {
		if !inIDs(ids, p.ID) || !joined.match(p.JoinedAt) || !login.match(p.LastLoginAt) {
			return false
		}
		if len(campaigns) > 0 {
			ok := false
			for _, pc := range p.PromoterCampaigns {
				ok = ok || (slices.Contains(campaigns, pc.CampaignID) && (state == "" || string(pc.State) == state))
			}
			if !ok {
				return false
			}
		} else if state != "" && string(p.State) != state {
			return false
		}
		if len(parents) > 0 && !slices.Contains(parents, p.ParentPromoterID) {
			return false
		}
		if hasArchived && archived == p.ArchivedAt.IsZero() {
			return false
		}
		if hasWform && wform == (p.Profile.W8FormURL == "" && p.Profile.W9FormURL == "") {
			return false
		}
		if invoice != "" && string(p.InvoiceDetailsStatus) != invoice {
			return false
		}
		if len(fraud) > 0 {
			ok := false
			for _, f := range fraud {
				ok = ok || (f == "no_suspicion" && len(p.FraudSuspicions) == 0) || slices.Contains(p.FraudSuspicions, f)
			}
			if !ok {
				return false
			}
		}
		if !ranges["revenue_amount"].match(minorUnits(p.Stats.RevenueAmount, 2)) ||
			!ranges["customers_count"].match(int64(p.Stats.CustomersCount)) ||
			!ranges["referrals_count"].match(int64(p.Stats.ReferralsCount)) ||
			!ranges["clicks_count"].match(int64(p.Stats.ClicksCount)) {
			return false
		}
		if search != "" {
			fields := []string{p.Email, p.Name}
			for _, pc := range p.PromoterCampaigns {
				fields = append(fields, string(pc.RefToken))
			}
			if !containsFold(search, fields...) {
				return false
			}
		}
		return true
	}, nil
}

func (s *Server) createPromoter(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	email := strings.TrimSpace(p.str("email"))
	if email == "" {
		return 0, nil, errParam("email")
	}
	if e := s.checkPromoterEmail(email, 0); e != nil {
		return 0, nil, e
	}
	custID := strings.TrimSpace(p.str("cust_id"))
	if e := s.checkCustID(custID, 0); e != nil {
		return 0, nil, e
	}
	var profile Profile
	if e := applyProfile(&profile, p); e != nil {
		return 0, nil, e
	}
	campaign := s.defaultCampaign()
	if id, ok, e := p.int("initial_campaign_id"); e != nil {
		return 0, nil, e
	} else if ok {
		c, found := s.campaigns.Get(id)
		if !found {
			return 0, nil, errNotFound()
		}
		campaign = c
	}
	always, _, e := p.bool("always_approve")
	if e != nil {
		return 0, nil, e
	}
	if _, _, e := p.bool("drip_emails"); e != nil {
		return 0, nil, e
	}
	state := firstpromoter.PromoterState("pending")
	if always || campaign.AutoApprovePromoters {
		state = "accepted"
	}
	var custom map[string]any
	if _, e := p.decode("custom_fields", &custom); e != nil {
		return 0, nil, e
	}
	pr := s.addPromoter(Promoter{
		Email: email, CustID: NullString(custID), Profile: profile, CustomFields: custom,
		PromoterCampaigns: []PromoterCampaignSummary{{CampaignID: campaign.ID, State: state}},
	})
	v := s.promoterView(pr, s.index())
	s.emit("promoter.created", "promoter", pr.ID, nil, v)
	return http.StatusCreated, v, nil
}

func (s *Server) getPromoter(r *http.Request) (int, any, *apiError) {
	pr, e := s.findPromoter(r.PathValue("id"), r.URL.Query().Get("find_by"))
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, s.promoterView(pr, s.index()), nil
}

func (s *Server) updatePromoter(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	pr, e := s.findPromoter(r.PathValue("id"), p.str("find_by"))
	if e != nil {
		return 0, nil, e
	}
	before := s.promoterView(pr, s.index())
	next := *pr
	if p.has("email") {
		email := strings.TrimSpace(p.str("email"))
		if email == "" {
			return 0, nil, errParam("email")
		}
		if e := s.checkPromoterEmail(email, pr.ID); e != nil {
			return 0, nil, e
		}
		next.Email = email
	}
	if p.has("cust_id") {
		custID := strings.TrimSpace(p.str("cust_id"))
		if e := s.checkCustID(custID, pr.ID); e != nil {
			return 0, nil, e
		}
		next.CustID = NullString(custID)
	}
	if p.has("note") {
		next.Note = NullString(p.str("note"))
	}
	var custom map[string]any
	if ok, e := p.decode("custom_fields", &custom); e != nil {
		return 0, nil, e
	} else if ok {
		next.CustomFields = maps.Clone(pr.CustomFields)
		if next.CustomFields == nil {
			next.CustomFields = map[string]any{}
		}
		maps.Copy(next.CustomFields, custom)
	}
	if e := applyProfile(&next.Profile, p); e != nil {
		return 0, nil, e
	}
	if p.has("profile") {
		next.Name = fullName(next.Profile, next.Name)
	}
	next.UpdatedAt = At(s.now())
	*pr = next
	after := s.promoterView(pr, s.index())
	s.emit("promoter.updated", "promoter", pr.ID, changes(before, after, "email", "name", "cust_id", "note", "custom_fields"), after)
	return http.StatusOK, after, nil
}

func (s *Server) promoterChart(r *http.Request) (int, any, *apiError) {
	pr, e := s.findPromoter(r.PathValue("id"), "")
	if e != nil {
		return 0, nil, e
	}
	var pcIDs []int64
	for _, pc := range s.promoterCampaigns.All() {
		if pc.PromoterID == pr.ID {
			pcIDs = append(pcIDs, pc.ID)
		}
	}
	c, e := s.chart(r, pcIDs, chartSelections)
	if e != nil {
		return 0, nil, e
	}
	// The promoter chart's points are [date, value] pairs.
	items := make([][2]any, len(c.points))
	for i, pt := range c.points {
		items[i] = [2]any{pt.label, pt.value}
	}
	return http.StatusOK, map[string]any{
		"period_from": c.from, "period_to": c.to, "selection": c.selection,
		"selection_items": items, "group_by": c.groupBy,
	}, nil
}

// promoterStateAction sets the promoters' state in campaign_id.
func (s *Server) promoterStateAction(action string, state firstpromoter.PromoterState) handlerFunc {
	return func(r *http.Request) (int, any, *apiError) {
		p, e := readParams(r)
		if e != nil {
			return 0, nil, e
		}
		campaignID, e := p.requiredInt("campaign_id")
		if e != nil {
			return 0, nil, e
		}
		if _, ok := s.campaigns.Get(campaignID); !ok {
			return 0, nil, errNotFound()
		}
		return s.bulk(p, "promoter/"+action, map[string]any{"campaign_id": campaignID}, func(id int64) error {
			pc := s.membership(id, campaignID)
			if pc == nil {
				return fmt.Errorf("promoter %d is not in campaign %d", id, campaignID)
			}
			pc.State = state
			return s.touchPromoter(id)
		})
	}
}

func (s *Server) archivePromoters(archive bool) handlerFunc {
	label := "promoter/restore"
	if archive {
		label = "promoter/archive"
	}
	return func(r *http.Request) (int, any, *apiError) {
		p, e := readParams(r)
		if e != nil {
			return 0, nil, e
		}
		return s.bulk(p, label, nil, func(id int64) error {
			pr, ok := s.promoters.Get(id)
			if !ok {
				return errRecordNotFound
			}
			if archive {
				pr.ArchivedAt = At(s.now())
			} else {
				pr.ArchivedAt = Timestamp{}
			}
			return s.touchPromoter(id)
		})
	}
}

func (s *Server) movePromoters(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	from, e := p.requiredInt("from_campaign_id")
	if e != nil {
		return 0, nil, e
	}
	to, e := p.requiredInt("to_campaign_id")
	if e != nil {
		return 0, nil, e
	}
	for _, id := range []int64{from, to} {
		if _, ok := s.campaigns.Get(id); !ok {
			return 0, nil, errNotFound()
		}
	}
	meta := map[string]any{"from_campaign_id": from, "to_campaign_id": to}
	return s.bulk(p, "promoter/move_to_campaign", meta, func(id int64) error {
		pc := s.membership(id, from)
		if pc == nil {
			return fmt.Errorf("promoter %d is not in campaign %d", id, from)
		}
		if s.membership(id, to) != nil {
			return fmt.Errorf("promoter %d is already in campaign %d", id, to)
		}
		pc.CampaignID = to
		pc.RefLink = ""
		return s.touchPromoter(id)
	})
}

func (s *Server) addPromotersToCampaign(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	campaignID, e := p.requiredInt("campaign_id")
	if e != nil {
		return 0, nil, e
	}
	c, ok := s.campaigns.Get(campaignID)
	if !ok {
		return 0, nil, errNotFound()
	}
	return s.bulk(p, "promoter/add_to_campaign", map[string]any{"campaign_id": campaignID}, func(id int64) error {
		if _, ok := s.promoters.Get(id); !ok {
			return errRecordNotFound
		}
		if s.membership(id, campaignID) != nil {
			return fmt.Errorf("promoter %d is already in campaign %d", id, campaignID)
		}
		state := firstpromoter.PromoterState("pending")
		if c.AutoApprovePromoters {
			state = "accepted"
		}
		s.addPromoterCampaign(PromoterCampaign{PromoterID: id, CampaignID: campaignID, State: state})
		return s.touchPromoter(id)
	})
}

func (s *Server) assignParent(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	parent, e := p.requiredInt("parent_promoter_id")
	if e != nil {
		return 0, nil, e
	}
	if _, ok := s.promoters.Get(parent); !ok {
		return 0, nil, errNotFound()
	}
	return s.bulk(p, "promoter/assign_parent", map[string]any{"parent_promoter_id": parent}, func(id int64) error {
		pr, ok := s.promoters.Get(id)
		if !ok {
			return errRecordNotFound
		}
		if id == parent {
			return fmt.Errorf("promoter %d can not be its own parent", id)
		}
		pr.ParentPromoterID = parent
		return s.touchPromoter(id)
	})
}

// membership returns the promoter's promoter campaign in a campaign.
func (s *Server) membership(promoterID, campaignID int64) *PromoterCampaign {
	for _, pc := range s.promoterCampaigns.All() {
		if pc.PromoterID == promoterID && pc.CampaignID == campaignID {
			return pc
		}
	}
	return nil
}

func (s *Server) touchPromoter(id int64) error {
	pr, ok := s.promoters.Get(id)
	if !ok {
		return errRecordNotFound
	}
	pr.UpdatedAt = At(s.now())
	return nil
}

// findPromoter looks a promoter up by id, or by find_by: email, cust_id,
// auth_token, ref_token or promo_code.
func (s *Server) findPromoter(key, by string) (*Promoter, *apiError) {
	switch by {
	case "":
		id, err := parseID(key)
		if err != nil {
			return nil, errNotFound()
		}
		if pr, ok := s.promoters.Get(id); ok {
			return pr, nil
		}
	case "email", "cust_id", "auth_token":
		for _, pr := range s.promoters.All() {
			if (by == "email" && strings.EqualFold(pr.Email, key)) ||
				(by == "cust_id" && key != "" && string(pr.CustID) == key) ||
				(by == "auth_token" && key != "" && pr.AuthToken == key) {
				return pr, nil
			}
		}
	case "ref_token":
		if pc := s.promoterCampaignByRefToken(key); pc != nil {
			if pr, ok := s.promoters.Get(pc.PromoterID); ok {
				return pr, nil
			}
		}
	case "promo_code":
		for _, code := range s.promoCodes.All() {
			if strings.EqualFold(code.Code, key) {
				if pc, ok := s.promoterCampaigns.Get(code.PromoterCampaignID); ok {
					if pr, ok := s.promoters.Get(pc.PromoterID); ok {
						return pr, nil
					}
				}
			}
		}
	default:
		return nil, errParam("find_by")
	}
	return nil, errNotFound()
}

// checkPromoterEmail validates an email for promoter self (0 for a new
// one): well formed and not taken.
func (s *Server) checkPromoterEmail(email string, self int64) *apiError {
	if a, err := mail.ParseAddress(email); err != nil || a.Address != email {
		return errInvalid("email", "is invalid")
	}
	for _, pr := range s.promoters.All() {
		if pr.ID != self && strings.EqualFold(pr.Email, email) {
			return errInvalid("email", "has already been taken")
		}
	}
	return nil
}

func (s *Server) checkCustID(custID string, self int64) *apiError {
	if custID == "" {
		return nil
	}
	for _, pr := range s.promoters.All() {
		if pr.ID != self && string(pr.CustID) == custID {
			return errInvalid("cust_id", "has already been taken")
		}
	}
	return nil
}

// applyProfile copies the present fields of a body's profile object, and
// honours profile[_destroy_w8form] / profile[_destroy_w9form].
func applyProfile(dst *Profile, p *params) *apiError {
	var fields map[string]json.RawMessage
	if _, e := p.decode("profile", &fields); e != nil {
		return e
	}
	for key, raw := range fields {
		if f := dst.textField(key); f != nil {
			*f = NullString(rawText(raw))
			continue
		}
		switch key {
		case "_destroy_w8form", "_destroy_w9form":
			if rawText(raw) == "true" || rawText(raw) == "1" {
				if key == "_destroy_w8form" {
					dst.W8FormURL = ""
				} else {
					dst.W9FormURL = ""
				}
			}
		case "should_validate_invoice_details":
			dst.ShouldValidateInvoiceDetails = rawText(raw) == "true"
		}
	}
	if c := string(dst.Country); c != "" && len(c) != 2 {
		return errInvalid("country", "is invalid")
	}
	return nil
}

// AddPromoter stores pr, assigning an id, timestamps and a profile for
// zero fields, and creates its promoter campaigns (see
// Promoter.PromoterCampaigns). It returns the promoter as the API would
// answer it.
func (s *Server) AddPromoter(pr Promoter) Promoter {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.promoterView(s.addPromoter(pr), s.index())
}

// Promoters returns the stored promoters in id order.
func (s *Server) Promoters() []Promoter {
	s.mu.Lock()
	defer s.mu.Unlock()
	ix := s.index()
	out := make([]Promoter, 0, s.promoters.Len())
	for _, pr := range s.promoters.All() {
		out = append(out, s.promoterView(pr, ix))
	}
	return out
}

// SeedPromoters adds n generated promoters with deterministic names, each
// accepted in the default campaign.
func (s *Server) SeedPromoters(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.defaultCampaign()
	for range n {
		s.addPromoter(s.genPromoter(s.promoters.Len()))
	}
}

// addPromoter stores pr; the caller holds s.mu.
func (s *Server) addPromoter(pr Promoter) *Promoter {
	pr.ID = s.promoters.Assign(pr.ID)
	now := At(s.now())
	if pr.CreatedAt.IsZero() {
		pr.CreatedAt = now
	}
	if pr.JoinedAt.IsZero() {
		pr.JoinedAt = pr.CreatedAt
	}
	if pr.UpdatedAt.IsZero() {
		pr.UpdatedAt = pr.CreatedAt
	}
	if pr.FirstEventAt.IsZero() {
		pr.FirstEventAt = pr.JoinedAt
	}
	if pr.Email == "" {
		pr.Email = fmt.Sprintf("promoter%d@example.com", pr.ID)
	}
	if pr.Profile.ID == 0 {
		pr.Profile.ID = pr.ID + 300000
	}
	pr.Name = fullName(pr.Profile, pr.Name)
	if pr.AuthToken == "" {
		pr.AuthToken = fmt.Sprintf("at_%08x", uint32(pr.ID*2654435761))
	}
	if pr.FraudSuspicions == nil {
		pr.FraudSuspicions = []string{}
	}
	if pr.InvoiceDetailsStatus == "" {
		pr.InvoiceDetailsStatus = "pending"
	}
	pr.IsConfirmed = pr.IsConfirmed || !pr.LastLoginAt.IsZero()
	memberships := pr.PromoterCampaigns
	if len(memberships) == 0 {
		memberships = []PromoterCampaignSummary{{State: pr.State}}
	}
	clicks := pr.Stats.ClicksCount
	pr.PromoterCampaigns, pr.State, pr.Stats = nil, "", PromoterStats{}
	s.promoters.Put(&pr)
	for i, m := range memberships {
		campaignID := m.CampaignID
		if campaignID == 0 {
			campaignID = s.defaultCampaign().ID
		}
		pc := PromoterCampaign{
			ID: m.ID, PromoterID: pr.ID, CampaignID: campaignID, State: m.State,
			RefToken: m.RefToken, Coupon: m.Coupon, CreatedAt: pr.JoinedAt,
		}
		if i == 0 {
			pc.Stats.ClicksCount = clicks
		}
		s.addPromoterCampaign(pc)
	}
	return &pr
}

// fullName is the promoter name from the profile, else current.
func fullName(p Profile, current string) string {
	if n := strings.TrimSpace(string(p.FirstName) + " " + string(p.LastName)); n != "" {
		return n
	}
	return current
}

// promoterView renders pr with its derived state, stats, balances and
// promoter campaigns; the caller holds s.mu.
func (s *Server) promoterView(pr *Promoter, ix *index) Promoter {
	v := *pr
	v.FraudSuspicions = append([]string{}, pr.FraudSuspicions...)
	v.CustomFields = maps.Clone(pr.CustomFields)
	v.Profile.InvoiceDetailsValidationErrors = maps.Clone(pr.Profile.InvoiceDetailsValidationErrors)
	if pr.SelectedPayoutMethod != nil {
		m := *pr.SelectedPayoutMethod
		v.SelectedPayoutMethod = &m
	}
	v.State = "not_set"
	v.Stats = PromoterStats{}
	var revenue int64
	v.PromoterCampaigns = []PromoterCampaignSummary{}
	for i, pc := range ix.pcsByPromoter[pr.ID] {
		if i == 0 {
			v.State = pc.State
		}
		full := s.promoterCampaignView(pc, ix)
		v.PromoterCampaigns = append(v.PromoterCampaigns, PromoterCampaignSummary{
			ID: pc.ID, CampaignID: pc.CampaignID, PromoterID: pc.PromoterID, State: pc.State,
			CreatedAt: pc.CreatedAt, Campaign: full.Campaign, Coupon: pc.Coupon,
			RefToken: pc.RefToken, RefLink: full.RefLink,
		})
		st := ix.stats(pc.ID)
		v.Stats.ClicksCount += pc.Stats.ClicksCount
		v.Stats.ReferralsCount += st.referrals
		v.Stats.SalesCount += st.sales
		v.Stats.CustomersCount += st.customers
		revenue += st.revenue
		v.Stats.ActiveCustomersCount += st.active
	}
	v.Stats.RevenueAmount = cents(revenue)
	null := money.Null()
	v.Balances = Balances{Cash: num(ix.balance[pr.ID]), Credits: null, Points: null, FreeMonths: null, Discount: null}
	v.ParentPromoter = s.promoterRef(pr.ParentPromoterID)
	return v
}

// promoterRef is the short promoter object, nil for an unknown id.
func (s *Server) promoterRef(id int64) *PromoterRef {
	pr, ok := s.promoters.Get(id)
	if !ok {
		return nil
	}
	return &PromoterRef{ID: pr.ID, Email: pr.Email, Name: pr.Name}
}
