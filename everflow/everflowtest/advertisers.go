package everflowtest

import (
	"encoding/json"
	"github.com/affiliatekit/affiliatekit-go/everflow"
	"net/http"
	"slices"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// AddAdvertiser stores an advertiser, assigning an id, the network id
// and timestamps when they are zero, and returns what was stored.
func (s *Server) AddAdvertiser(a Advertiser) Advertiser {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.addAdvertiserLocked(a)
}

func (s *Server) addAdvertiserLocked(a Advertiser) *Advertiser {
	if a.NetworkAdvertiserID == 0 {
		a.NetworkAdvertiserID = s.nextID(s.maxAdvertiserID())
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
	s.advertisers.Put(p)
	return p
}

func (s *Server) maxAdvertiserID() int64 {
	if n := s.advertisers.Len(); n > 0 {
		return s.advertisers.At(n - 1).NetworkAdvertiserID
	}
	return 0
}

// advertiserByID returns the stored advertiser with id, or nil.
func (s *Server) advertiserByID(id int64) *Advertiser {
	a, _ := s.advertisers.Get(id)
	return a
}

// Advertisers returns a snapshot of the stored advertisers, by id.
func (s *Server) Advertisers() []Advertiser {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.advertisers.Values()
}

// advertiserView is an advertiser as rendered, with the relationships
// asked for.
type advertiserView struct {
	*Advertiser
	Relationship map[string]any `json:"relationship,omitempty"`
}

// advertiserView renders a with the relationships asked for. As in
// Everflow's example, any relationship brings the labels and account
// manager along; reporting is answered with zero totals, billing with
// the stored block, and the other names (the reference documents
// demand_partner, integrations, api and settings, without their shapes)
// as empty objects.
func (s *Server) advertiserView(a *Advertiser, rels []string, base bool) advertiserView {
	v := advertiserView{Advertiser: a}
	if len(rels) == 0 && !base {
		return v
	}
	labels := a.Labels
	if labels == nil {
		labels = []string{}
	}
	rel := map[string]any{"labels": map[string]any{"total": len(labels), "entries": labels}}
	if e, ok := s.employees[a.NetworkEmployeeID]; ok {
		rel["account_manager"] = e
	}
	for _, name := range rels {
		switch name {
		case "labels":
		case "reporting":
			rel[name] = map[string]any{"imp": 0, "total_click": 0, "unique_click": 0, "invalid_click": 0,
				"duplicate_click": 0, "gross_click": 0, "ctr": 0, "cv": 0, "payout": 0, "revenue": 0, "profit": 0}
		case "billing":
			if a.Billing != nil {
				rel[name] = a.Billing
			}
		default:
			rel[name] = map[string]any{}
		}
	}
	v.Relationship = rel
	return v
}

func (s *Server) listAdvertisers(w http.ResponseWriter, r *http.Request) {
	filters, err := basicFilters(r, "account_status", "time_created", "time_saved")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	rels := r.URL.Query()["relationship"]
	s.mu.Lock()
	var out []advertiserView
	for _, a := range s.advertisers.All() {
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
			c := *a
			out = append(out, s.advertiserView(&c, rels, false))
		}
	}
	s.mu.Unlock()
	writePage(w, r, "advertisers", nonNil(out))
}

func (s *Server) getAdvertiser(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	rels := r.URL.Query()["relationship"]
	s.mu.Lock()
	a := s.advertiserByID(id)
	var v advertiserView
	if a != nil {
		c := *a
		v = s.advertiserView(&c, rels, false)
	}
	s.mu.Unlock()
	if a == nil {
		writeError(w, http.StatusNotFound, msgNotFound)
		return
	}
	fakeserver.WriteJSON(w, http.StatusOK, v)
}

// advertiserBody is the body of the advertiser create and update.
type advertiserBody struct {
	Name                           string                 `json:"name"`
	AccountStatus                  everflow.AccountStatus `json:"account_status"`
	NetworkEmployeeID              int64                  `json:"network_employee_id"`
	SalesManagerID                 int64                  `json:"sales_manager_id"`
	InternalNotes                  string                 `json:"internal_notes"`
	AddressID                      int64                  `json:"address_id"`
	IsContactAddressEnabled        bool                   `json:"is_contact_address_enabled"`
	ContactAddress                 *ContactAddress        `json:"contact_address"`
	IsExposePublisherReportingData *bool                  `json:"is_expose_publisher_reporting_data"`
	DefaultCurrencyID              string                 `json:"default_currency_id"`
	PlatformName                   string                 `json:"platform_name"`
	PlatformURL                    string                 `json:"platform_url"`
	PlatformUsername               string                 `json:"platform_username"`
	ReportingTimezoneID            int                    `json:"reporting_timezone_id"`
	AccountingContactEmail         string                 `json:"accounting_contact_email"`
	VerificationToken              string                 `json:"verification_token"`
	OfferIDMacro                   string                 `json:"offer_id_macro"`
	AffiliateIDMacro               string                 `json:"affiliate_id_macro"`
	Labels                         []string               `json:"labels"`
	Billing                        json.RawMessage        `json:"billing"`
}

var advertiserStatuses = []everflow.AccountStatus{"active", "inactive", "pending", "suspended"}

func (b *advertiserBody) validate() string {
	switch {
	case strings.TrimSpace(b.Name) == "":
		return "name is required"
	case b.AccountStatus != "" && !slices.Contains(advertiserStatuses, b.AccountStatus):
		return "account_status must be one of active, inactive, pending, suspended"
	case b.IsContactAddressEnabled && b.ContactAddress == nil:
		return "contact_address is required when is_contact_address_enabled is true"
	}
	return ""
}

func (b *advertiserBody) apply(a *Advertiser) {
	a.Name, a.AccountStatus, a.NetworkEmployeeID, a.SalesManagerID = b.Name, b.AccountStatus, b.NetworkEmployeeID, b.SalesManagerID
	a.InternalNotes, a.AddressID, a.IsContactAddressEnabled, a.ContactAddress = b.InternalNotes, b.AddressID, b.IsContactAddressEnabled, b.ContactAddress
	a.IsExposePublisherReportingData, a.DefaultCurrencyID = b.IsExposePublisherReportingData, b.DefaultCurrencyID
	a.PlatformName, a.PlatformURL, a.PlatformUsername = b.PlatformName, b.PlatformURL, b.PlatformUsername
	a.ReportingTimezoneID, a.AccountingContactEmail, a.VerificationToken = b.ReportingTimezoneID, b.AccountingContactEmail, b.VerificationToken
	a.OfferIDMacro, a.AffiliateIDMacro, a.Labels, a.Billing = b.OfferIDMacro, b.AffiliateIDMacro, b.Labels, b.Billing
	if a.Labels == nil {
		a.Labels = []string{}
	}
}

func (s *Server) createAdvertiser(w http.ResponseWriter, r *http.Request) {
	var b advertiserBody
	if !decodeBody(w, r, &b) {
		return
	}
	if msg := b.validate(); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	var a Advertiser
	b.apply(&a)
	s.mu.Lock()
	c := *s.addAdvertiserLocked(a)
	v := s.advertiserView(&c, nil, true)
	s.mu.Unlock()
	fakeserver.WriteJSON(w, http.StatusOK, v)
}

// updateAdvertiser replaces the advertiser: members missing from the body
// are reset, as on the real API.
func (s *Server) updateAdvertiser(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	var b advertiserBody
	if !decodeBody(w, r, &b) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	a := s.advertiserByID(id)
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
	next := Advertiser{
		NetworkAdvertiserID: a.NetworkAdvertiserID, NetworkID: a.NetworkID,
		TimeCreated: a.TimeCreated, TimeSaved: s.stamp(),
	}
	b.apply(&next)
	*a = next
	c := *a
	fakeserver.WriteJSON(w, http.StatusOK, s.advertiserView(&c, nil, true))
}
