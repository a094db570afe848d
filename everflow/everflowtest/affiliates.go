package everflowtest

import (
	"github.com/affiliatekit/affiliatekit-go/everflow"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

var accountStatuses = []everflow.AccountStatus{"active", "inactive", "pending", "suspended"}

// AddAffiliate stores an affiliate, assigning an id, the network id and
// timestamps when they are zero, and returns what was stored.
func (s *Server) AddAffiliate(a Affiliate) Affiliate {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.addAffiliateLocked(a)
}

func (s *Server) addAffiliateLocked(a Affiliate) *Affiliate {
	if a.NetworkAffiliateID == 0 {
		a.NetworkAffiliateID = s.nextID(lastID(s.affiliates, affiliateID))
	}
	if a.NetworkID == 0 {
		a.NetworkID = s.network.NetworkID
	}
	if a.AccountStatus == "" {
		a.AccountStatus = "active"
	}
	if a.DefaultCurrencyID == "" {
		a.DefaultCurrencyID = s.network.DefaultCurrencyID
	}
	if a.TimeCreated.IsZero() {
		a.TimeCreated = s.stamp()
	}
	if a.TimeSaved.IsZero() {
		a.TimeSaved = a.TimeCreated
	}
	if a.Labels == nil {
		a.Labels = []string{}
	}
	p := &a
	s.affiliates = insertByID(s.affiliates, p, affiliateID)
	return p
}

// nextID returns the id after max, the largest id of a resource: ids are
// per resource, like Everflow's.
func (s *Server) nextID(max int64) int64 { return max + 1 }

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Affiliates returns a snapshot of the stored affiliates, by id.
func (s *Server) Affiliates() []Affiliate {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Affiliate, len(s.affiliates))
	for i, a := range s.affiliates {
		out[i] = *a
	}
	return out
}

func (s *Server) affiliateByID(id int64) *Affiliate { return findByID(s.affiliates, id, affiliateID) }

// affiliateView is an affiliate as rendered, with the relationships
// asked for.
type affiliateView struct {
	*Affiliate
	Relationship map[string]any `json:"relationship,omitempty"`
}

// view renders a with the requested relationships. As in Everflow's
// examples, any relationship brings the affiliate's labels, tier,
// account manager and encoded value along; users and billing are filled
// when asked for, and the other documented names are answered empty.
// With base set (create and update answers), the members Everflow's
// create example shows are rendered even when none were asked for.
func (s *Server) view(a *Affiliate, rels []string, base bool) affiliateView {
	v := affiliateView{Affiliate: a}
	if len(rels) == 0 && !base {
		return v
	}
	labels := a.Labels
	if labels == nil {
		labels = []string{}
	}
	rel := map[string]any{
		"labels":                    map[string]any{"total": len(labels), "entries": labels},
		"network_affiliate_tier_id": a.NetworkAffiliateTierID,
		"encoded_value":             encodedValue(a.NetworkAffiliateID),
	}
	if e, ok := s.employees[a.NetworkEmployeeID]; ok {
		rel["account_manager"] = e
	}
	if base {
		rels = append([]string{"users", "ios_app_sources"}, rels...)
	}
	for _, name := range rels {
		switch name {
		case "users":
			users := a.Users
			if users == nil {
				users = []AffiliateUser{}
			}
			rel["users"] = map[string]any{"total": len(users), "entries": users}
		case "ios_app_sources":
			rel[name] = map[string]any{"total": 0, "entries": []any{}}
		case "billing":
			if a.Billing != nil {
				rel["billing"] = a.Billing
			}
		case "labels", "network_affiliate_tier_id", "encoded_value", "account_manager":
		default:
			rel[name] = map[string]any{}
		}
	}
	v.Relationship = rel
	return v
}

// encodedValue is the affiliate's short public code (Everflow sends
// values like "9W598").
func encodedValue(id int64) string {
	return strings.ToUpper(strconv.FormatInt(id*7919+60466176, 36))
}

func (s *Server) listAffiliates(w http.ResponseWriter, r *http.Request) {
	filters, err := basicFilters(r, "account_status", "time_created", "time_saved")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	rels := r.URL.Query()["relationship"]
	s.mu.Lock()
	// Filter on the stored records and render only the page answered, so
	// a list costs its page, not the table.
	var match []*Affiliate
	for _, a := range s.affiliates {
		ok := true
		for _, f := range filters {
			switch f.field {
			case "account_status":
				ok = ok && f.matches(a.AccountStatus)
			case "time_created":
				ok = ok && f.matches(a.TimeCreated)
			case "time_saved":
				ok = ok && f.matches(a.TimeSaved)
			}
		}
		if ok {
			match = append(match, a)
		}
	}
	pg, err := pageOf(r, len(match))
	if err != nil {
		s.mu.Unlock()
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	out := make([]affiliateView, 0, pg.hi-pg.lo)
	for _, a := range match[pg.lo:pg.hi] {
		c := *a
		out = append(out, s.view(&c, rels, false))
	}
	s.mu.Unlock()
	pg.write(w, "affiliates", out)
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (s *Server) getAffiliate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	a := s.affiliateByID(id)
	var v affiliateView
	if a != nil {
		c := *a
		v = s.view(&c, r.URL.Query()["relationship"], false)
	}
	s.mu.Unlock()
	if a == nil {
		writeError(w, http.StatusNotFound, msgNotFound)
		return
	}
	fakeserver.WriteJSON(w, http.StatusOK, v)
}

// affiliateBody is the body of the affiliate create and update.
type affiliateBody struct {
	Name                         string                 `json:"name"`
	AccountStatus                everflow.AccountStatus `json:"account_status"`
	NetworkEmployeeID            int64                  `json:"network_employee_id"`
	DefaultCurrencyID            string                 `json:"default_currency_id"`
	InternalNotes                string                 `json:"internal_notes"`
	EnableMediaCostTrackingLinks bool                   `json:"enable_media_cost_tracking_links"`
	ReferrerID                   int64                  `json:"referrer_id"`
	IsContactAddressEnabled      bool                   `json:"is_contact_address_enabled"`
	ContactAddress               *ContactAddress        `json:"contact_address"`
	NetworkAffiliateTierID       int64                  `json:"network_affiliate_tier_id"`
	Labels                       []string               `json:"labels"`
	Users                        []AffiliateUser        `json:"users"`
	Billing                      *Billing               `json:"billing"`
}

// validate applies the rules Everflow enforces: a name, a known status,
// and (in practice) a billing block.
func (b *affiliateBody) validate() string {
	switch {
	case strings.TrimSpace(b.Name) == "":
		return "name is required"
	case b.AccountStatus != "" && !slices.Contains(accountStatuses, b.AccountStatus):
		return "account_status must be one of active, inactive, pending, suspended"
	case b.IsContactAddressEnabled && b.ContactAddress == nil:
		// Everflow requires the address when the flag is set; accepting
		// the flag alone would erase the stored address.
		return "contact_address is required when is_contact_address_enabled is true"
	case b.Billing == nil:
		return "billing is required"
	case b.Billing.BillingFrequency == "" || b.Billing.PaymentType == "":
		return "billing.billing_frequency and billing.payment_type are required"
	}
	for _, u := range b.Users {
		if u.Email == "" || u.FirstName == "" || u.LastName == "" {
			return "users need first_name, last_name and email"
		}
	}
	return ""
}

func (b *affiliateBody) apply(a *Affiliate) {
	a.Name, a.AccountStatus = b.Name, b.AccountStatus
	a.NetworkEmployeeID, a.DefaultCurrencyID, a.InternalNotes = b.NetworkEmployeeID, b.DefaultCurrencyID, b.InternalNotes
	a.EnableMediaCostTrackingLinks, a.ReferrerID = b.EnableMediaCostTrackingLinks, b.ReferrerID
	a.IsContactAddressEnabled, a.ContactAddress = b.IsContactAddressEnabled, b.ContactAddress
	a.NetworkAffiliateTierID, a.Labels, a.Billing = b.NetworkAffiliateTierID, b.Labels, b.Billing
	if a.Labels == nil {
		a.Labels = []string{}
	}
}

func (s *Server) createAffiliate(w http.ResponseWriter, r *http.Request) {
	var b affiliateBody
	if !decodeBody(w, r, &b) {
		return
	}
	if msg := b.validate(); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	if n := r.URL.Query().Get("notification"); n != "" && n != "true" && n != "false" {
		writeError(w, http.StatusBadRequest, "notification must be true or false")
		return
	}
	var a Affiliate
	b.apply(&a)
	if a.AccountStatus == "" {
		a.AccountStatus = "active"
	}
	s.mu.Lock()
	for i, u := range b.Users {
		s.userSeq++
		u.NetworkAffiliateUserID = 5000 + s.userSeq
		if u.AccountStatus == "" {
			u.AccountStatus = "active"
		}
		u.TimeCreated, u.TimeSaved = s.stamp(), s.stamp()
		b.Users[i] = u
	}
	a.Users = b.Users
	c := *s.addAffiliateLocked(a)
	v := s.view(&c, nil, true)
	s.mu.Unlock()
	fakeserver.WriteJSON(w, http.StatusOK, v)
}

// updateAffiliate replaces the affiliate: fields missing from the body are
// reset, as on the real API.
func (s *Server) updateAffiliate(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	var b affiliateBody
	if !decodeBody(w, r, &b) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.affiliateByID(id)
	if a == nil {
		writeError(w, http.StatusNotFound, msgNotFound)
		return
	}
	if msg := b.validate(); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	if b.AccountStatus == "" {
		writeError(w, http.StatusBadRequest, "account_status is required")
		return
	}
	next := Affiliate{
		NetworkAffiliateID: a.NetworkAffiliateID, NetworkID: a.NetworkID,
		TimeCreated: a.TimeCreated, TimeSaved: s.stamp(), Users: a.Users,
		NetworkTrafficSourceID: a.NetworkTrafficSourceID, AccountExecutiveID: a.AccountExecutiveID,
		AdressID: a.AdressID, HasNotifications: a.HasNotifications,
	}
	b.apply(&next)
	*a = next
	c := *a
	fakeserver.WriteJSON(w, http.StatusOK, s.view(&c, nil, true))
}

// affiliateTable is the body of the affiliate table search.
type affiliateTable struct {
	SearchTerms []searchTerm `json:"search_terms"`
	Filters     struct {
		AccountStatus               everflow.AccountStatus `json:"account_status"`
		AccountManagerIDs           []int64                `json:"account_manager_ids"`
		NetworkAccountExecutivesIDs []int64                `json:"network_account_executives_ids"`
		BillingFrequency            string                 `json:"billing_frequency"`
		PaymentType                 string                 `json:"payment_type"`
		Labels                      []string               `json:"labels"`
		RanTrafficInLastHours       int                    `json:"ran_traffic_in_last_hours"`
		NetworkTrackingDomainIDs    []int64                `json:"network_tracking_domain_ids"`
		CountryCodes                []string               `json:"country_codes"`
	} `json:"filters"`
}

func (s *Server) searchAffiliates(w http.ResponseWriter, r *http.Request) {
	var b affiliateTable
	if !decodeBody(w, r, &b) {
		return
	}
	for _, t := range b.SearchTerms {
		if t.SearchType != "name" && t.SearchType != "email" {
			writeError(w, http.StatusBadRequest, "invalid search_type "+t.SearchType)
			return
		}
	}
	f := b.Filters
	s.mu.Lock()
	active := map[int64]bool{}
	if f.RanTrafficInLastHours > 0 {
		since := s.now().Unix() - int64(f.RanTrafficInLastHours)*3600
		for _, c := range s.clicks {
			if unix(c.UnixTimestamp) >= since && c.Relationship.Affiliate != nil {
				active[c.Relationship.Affiliate.NetworkAffiliateID] = true
			}
		}
	}
	var out []affiliateView
	for _, a := range s.affiliates {
		ok := f.AccountStatus == "" || a.AccountStatus == f.AccountStatus
		ok = ok && (len(f.AccountManagerIDs) == 0 || slices.Contains(f.AccountManagerIDs, a.NetworkEmployeeID))
		ok = ok && (len(f.NetworkAccountExecutivesIDs) == 0 || slices.Contains(f.NetworkAccountExecutivesIDs, a.AccountExecutiveID))
		ok = ok && (f.BillingFrequency == "" || a.Billing != nil && a.Billing.BillingFrequency == f.BillingFrequency)
		ok = ok && (f.PaymentType == "" || a.Billing != nil && a.Billing.PaymentType == f.PaymentType)
		ok = ok && (len(f.Labels) == 0 || slices.ContainsFunc(a.Labels, func(l string) bool { return slices.Contains(f.Labels, l) }))
		ok = ok && (len(f.CountryCodes) == 0 || a.ContactAddress != nil && slices.Contains(f.CountryCodes, a.ContactAddress.CountryCode))
		ok = ok && (f.RanTrafficInLastHours == 0 || active[a.NetworkAffiliateID])
		for _, t := range b.SearchTerms {
			switch t.SearchType {
			case "name":
				ok = ok && containsFold(a.Name, t.Value)
			case "email":
				ok = ok && slices.ContainsFunc(a.Users, func(u AffiliateUser) bool { return containsFold(u.Email, t.Value) })
			}
		}
		if ok {
			c := *a
			out = append(out, s.view(&c, nil, false))
		}
	}
	s.mu.Unlock()
	writePage(w, r, "affiliates", nonNil(out))
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}
