package everflowtest

import (
	"encoding/json"
	"fmt"
	"github.com/affiliatekit/affiliatekit-go/everflow"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// offerBody is the typed part of an offer create or update body, in the
// shape of Everflow's "Update Offer" example: the offer's members at the
// top level and its payouts and revenues as a payout_revenue list.
type offerBody struct {
	NetworkAdvertiserID               int64                `json:"network_advertiser_id"`
	NetworkOfferGroupID               int64                `json:"network_offer_group_id"`
	Name                              string               `json:"name"`
	OfferStatus                       everflow.OfferStatus `json:"offer_status"`
	Visibility                        everflow.Visibility  `json:"visibility"`
	CurrencyID                        string               `json:"currency_id"`
	DestinationURL                    string               `json:"destination_url"`
	PreviewURL                        string               `json:"preview_url"`
	ThumbnailURL                      string               `json:"thumbnail_url"`
	HTMLDescription                   string               `json:"html_description"`
	IsDescriptionPlainText            bool                 `json:"is_description_plain_text"`
	InternalNotes                     string               `json:"internal_notes"`
	NetworkCategoryID                 int64                `json:"network_category_id"`
	ProjectID                         string               `json:"project_id"`
	NetworkTrackingDomainID           int64                `json:"network_tracking_domain_id"`
	AppIdentifier                     string               `json:"app_identifier"`
	DateLiveUntil                     string               `json:"date_live_until"`
	CapsTimezoneID                    int                  `json:"caps_timezone_id"`
	IsCapsEnabled                     bool                 `json:"is_caps_enabled"`
	DailyConversionCap                int64                `json:"daily_conversion_cap"`
	WeeklyConversionCap               int64                `json:"weekly_conversion_cap"`
	MonthlyConversionCap              int64                `json:"monthly_conversion_cap"`
	GlobalConversionCap               int64                `json:"global_conversion_cap"`
	DailyClickCap                     int64                `json:"daily_click_cap"`
	WeeklyClickCap                    int64                `json:"weekly_click_cap"`
	MonthlyClickCap                   int64                `json:"monthly_click_cap"`
	GlobalClickCap                    int64                `json:"global_click_cap"`
	ConversionMethod                  string               `json:"conversion_method"`
	RedirectMode                      string               `json:"redirect_mode"`
	SessionDefinition                 string               `json:"session_definition"`
	SessionDuration                   int                  `json:"session_duration"`
	AttributionMethod                 string               `json:"attribution_method"`
	IsUsingExplicitTermsAndConditions bool                 `json:"is_using_explicit_terms_and_conditions"`
	TermsAndConditions                string               `json:"terms_and_conditions"`
	IsForceTermsAndConditions         bool                 `json:"is_force_terms_and_conditions"`
	IsUsingSuppressionList            bool                 `json:"is_using_suppression_list"`
	SuppressionListID                 int64                `json:"suppression_list_id"`
	IsUseDirectLinking                bool                 `json:"is_use_direct_linking"`
	PayoutRevenue                     []struct {
		PayoutType  string `json:"payout_type"`
		RevenueType string `json:"revenue_type"`
		IsDefault   bool   `json:"is_default"`
	} `json:"payout_revenue"`
}

// offerReadOnly are the members a write does not set.
var offerReadOnly = []string{"network_offer_id", "network_id", "time_created", "time_saved", "relationship", "tracking_url", "impression_tracking_url"}

var (
	visibilities      = []everflow.Visibility{"public", "require_approval", "private"}
	payoutTypes       = []string{"cpa", "cpc", "cpm", "cps", "cpa_cps", "prv"}
	revenueTypes      = []string{"rpa", "rpc", "rpm", "rps", "rpa_rps"}
	moneyMembers      = []string{"daily_payout_cap", "weekly_payout_cap", "monthly_payout_cap", "global_payout_cap", "daily_revenue_cap", "weekly_revenue_cap", "monthly_revenue_cap", "global_revenue_cap"}
	typedOfferMembers = jsonNamesOf(offerBody{})
)

func jsonNamesOf(v any) []string {
	b, _ := json.Marshal(v)
	var m map[string]json.RawMessage
	_ = json.Unmarshal(b, &m)
	return slices.Collect(maps.Keys(m))
}

// validate applies what Everflow requires: a name, an advertiser that
// exists, a destination URL, known enumerations and exactly one default
// payout_revenue entry.
func (s *Server) validateOffer(b *offerBody) string {
	switch {
	case strings.TrimSpace(b.Name) == "":
		return "name is required"
	case b.NetworkAdvertiserID == 0:
		return "network_advertiser_id is required"
	case s.advertiserByID(b.NetworkAdvertiserID) == nil:
		return fmt.Sprintf("unknown network_advertiser_id %d", b.NetworkAdvertiserID)
	case strings.TrimSpace(b.DestinationURL) == "":
		return "destination_url is required"
	case b.OfferStatus != "" && !slices.Contains(offerStatuses, b.OfferStatus):
		return "offer_status must be one of active, paused, pending, deleted"
	case b.Visibility != "" && !slices.Contains(visibilities, b.Visibility):
		return "visibility must be one of public, require_approval, private"
	}
	defaults := 0
	for _, e := range b.PayoutRevenue {
		if !slices.Contains(payoutTypes, e.PayoutType) {
			return "invalid payout_type " + e.PayoutType
		}
		if !slices.Contains(revenueTypes, e.RevenueType) {
			return "invalid revenue_type " + e.RevenueType
		}
		if e.IsDefault {
			defaults++
		}
	}
	if defaults != 1 {
		return "payout_revenue needs exactly one entry with is_default true"
	}
	return ""
}

// applyOffer sets o from the body: the typed members, the remaining
// members as sent (Written), and the payout_revenue entries with ids.
func (s *Server) applyOffer(o *Offer, b *offerBody, raw map[string]json.RawMessage) error {
	o.NetworkAdvertiserID, o.NetworkOfferGroupID, o.Name = b.NetworkAdvertiserID, b.NetworkOfferGroupID, b.Name
	o.OfferStatus, o.Visibility, o.CurrencyID = b.OfferStatus, b.Visibility, b.CurrencyID
	o.DestinationURL, o.PreviewURL, o.ThumbnailURL = b.DestinationURL, b.PreviewURL, b.ThumbnailURL
	o.HTMLDescription, o.IsDescriptionPlainText, o.InternalNotes = b.HTMLDescription, b.IsDescriptionPlainText, b.InternalNotes
	o.NetworkCategoryID, o.ProjectID, o.NetworkTrackingDomainID = b.NetworkCategoryID, b.ProjectID, b.NetworkTrackingDomainID
	o.AppIdentifier, o.DateLiveUntil, o.CapsTimezoneID, o.IsCapsEnabled = b.AppIdentifier, b.DateLiveUntil, b.CapsTimezoneID, b.IsCapsEnabled
	o.DailyConversionCap, o.WeeklyConversionCap, o.MonthlyConversionCap, o.GlobalConversionCap = b.DailyConversionCap, b.WeeklyConversionCap, b.MonthlyConversionCap, b.GlobalConversionCap
	o.DailyClickCap, o.WeeklyClickCap, o.MonthlyClickCap, o.GlobalClickCap = b.DailyClickCap, b.WeeklyClickCap, b.MonthlyClickCap, b.GlobalClickCap
	o.ConversionMethod, o.RedirectMode, o.SessionDefinition = b.ConversionMethod, b.RedirectMode, b.SessionDefinition
	o.SessionDuration, o.AttributionMethod = b.SessionDuration, b.AttributionMethod
	o.IsUsingExplicitTermsAndConditions, o.TermsAndConditions = b.IsUsingExplicitTermsAndConditions, b.TermsAndConditions
	o.IsForceTermsAndConditions, o.IsUsingSuppressionList = b.IsForceTermsAndConditions, b.IsUsingSuppressionList
	o.SuppressionListID, o.IsUseDirectLinking = b.SuppressionListID, b.IsUseDirectLinking

	// Omitted amounts revert to 0, as omitted members do on Everflow.
	o.Written = map[string]json.RawMessage{}
	for _, name := range moneyMembers {
		o.Written[name] = json.RawMessage("0")
	}
	for k, v := range raw {
		if k == "payout_revenue" || slices.Contains(offerReadOnly, k) || slices.Contains(typedOfferMembers, k) && !slices.Contains(moneyMembers, k) {
			continue
		}
		o.Written[k] = v
	}

	var entries []map[string]json.RawMessage
	if err := json.Unmarshal(raw["payout_revenue"], &entries); err != nil {
		return err
	}
	seq := int64(0)
	for _, e := range entries {
		var id int64
		_ = json.Unmarshal(e["network_offer_payout_revenue_id"], &id)
		seq = max(seq, id)
	}
	for _, e := range entries {
		var id int64
		_ = json.Unmarshal(e["network_offer_payout_revenue_id"], &id)
		if id == 0 {
			seq++
			e["network_offer_payout_revenue_id"] = json.RawMessage(itoa(o.NetworkOfferID*1000 + seq))
		}
		e["network_id"] = json.RawMessage(itoa(o.NetworkID))
		e["network_offer_id"] = json.RawMessage(itoa(o.NetworkOfferID))
		if _, ok := e["time_created"]; !ok || string(e["time_created"]) == "0" {
			e["time_created"] = json.RawMessage(itoa(s.now().Unix()))
		}
	}
	o.PayoutRevenueEntries = entries
	return nil
}

func (s *Server) decodeOffer(w http.ResponseWriter, r *http.Request) (*offerBody, map[string]json.RawMessage, bool) {
	var raw map[string]json.RawMessage
	if !decodeBody(w, r, &raw) {
		return nil, nil, false
	}
	b := new(offerBody)
	enc, _ := json.Marshal(raw)
	if err := json.Unmarshal(enc, b); err != nil {
		writeError(w, http.StatusBadRequest, "Invalid JSON body: "+err.Error())
		return nil, nil, false
	}
	for _, name := range moneyMembers {
		if v, ok := raw[name]; ok {
			var n json.Number
			if err := json.Unmarshal(v, &n); err != nil {
				writeError(w, http.StatusBadRequest, name+" must be a number")
				return nil, nil, false
			}
		}
	}
	return b, raw, true
}

func (s *Server) createOffer(w http.ResponseWriter, r *http.Request) {
	b, raw, ok := s.decodeOffer(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if msg := s.validateOffer(b); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	o := s.addOfferLocked(Offer{Name: b.Name, NetworkAdvertiserID: b.NetworkAdvertiserID})
	if b.OfferStatus == "" {
		b.OfferStatus = o.OfferStatus
	}
	if b.Visibility == "" {
		b.Visibility = o.Visibility
	}
	if b.CurrencyID == "" {
		b.CurrencyID = o.CurrencyID
	}
	if err := s.applyOffer(o, b, raw); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	fakeserver.WriteJSON(w, http.StatusOK, s.offerView(o, []string{"payout_revenue"}))
}

// updateOffer replaces the offer: members missing from the body revert to
// their defaults, as on the real API.
func (s *Server) updateOffer(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	b, raw, ok := s.decodeOffer(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.offerByID(id)
	if o == nil {
		writeError(w, http.StatusNotFound, msgNotFound)
		return
	}
	if msg := s.validateOffer(b); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	switch {
	case b.OfferStatus == "":
		writeError(w, http.StatusBadRequest, "offer_status is required")
		return
	case b.Visibility == "":
		writeError(w, http.StatusBadRequest, "visibility is required")
		return
	}
	next := Offer{
		NetworkOfferID: o.NetworkOfferID, NetworkID: o.NetworkID, TimeCreated: o.TimeCreated, TimeSaved: s.stamp(),
		Payout: o.Payout, Revenue: o.Revenue, Labels: o.Labels, AffiliateVisibility: o.AffiliateVisibility,
	}
	if err := s.applyOffer(&next, b, raw); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	*o = next
	fakeserver.WriteJSON(w, http.StatusOK, s.offerView(o, []string{"payout_revenue"}))
}
