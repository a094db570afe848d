package everflowtest

import (
	"encoding/json"
	"github.com/affiliatekit/affiliatekit-go/everflow"
	"maps"
	"net/http"
	"slices"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// AddOffer stores an offer, assigning an id, the network id and timestamps
// when they are zero, and returns what was stored.
func (s *Server) AddOffer(o Offer) Offer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.addOfferLocked(o)
}

func (s *Server) addOfferLocked(o Offer) *Offer {
	if o.NetworkOfferID == 0 {
		o.NetworkOfferID = s.nextID(lastID(s.offers, offerID))
	}
	if o.NetworkID == 0 {
		o.NetworkID = s.network.NetworkID
	}
	if o.OfferStatus == "" {
		o.OfferStatus = "active"
	}
	if o.Visibility == "" {
		o.Visibility = "public"
	}
	if o.CurrencyID == "" {
		o.CurrencyID = s.network.DefaultCurrencyID
	}
	if o.TimeCreated.IsZero() {
		o.TimeCreated = s.stamp()
	}
	if o.TimeSaved.IsZero() {
		o.TimeSaved = o.TimeCreated
	}
	p := &o
	s.offers = insertByID(s.offers, p, offerID)
	return p
}

// Offers returns a snapshot of the stored offers, by id.
func (s *Server) Offers() []Offer {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Offer, len(s.offers))
	for i, o := range s.offers {
		out[i] = *o
		out[i].AffiliateVisibility = maps.Clone(o.AffiliateVisibility)
	}
	return out
}

func (s *Server) offerByID(id int64) *Offer { return findByID(s.offers, id, offerID) }

func (o *Offer) ref() *OfferRef {
	return &OfferRef{
		NetworkOfferID: o.NetworkOfferID, NetworkID: o.NetworkID, NetworkAdvertiserID: o.NetworkAdvertiserID,
		NetworkOfferGroupID: o.NetworkOfferGroupID, Name: o.Name, OfferStatus: o.OfferStatus,
		NetworkTrackingDomainID: o.NetworkTrackingDomainID, Visibility: o.Visibility, CurrencyID: o.CurrencyID,
	}
}

// basePayoutRevenue is the offer's base-conversion entry of the
// payout_revenue relationship, from its Payout and Revenue.
func (o *Offer) basePayoutRevenue() PayoutRevenue {
	return PayoutRevenue{
		NetworkOfferPayoutRevenueID: o.NetworkOfferID, NetworkID: o.NetworkID, NetworkOfferID: o.NetworkOfferID,
		PayoutType: "cpa", PayoutAmount: o.Payout, PayoutPercentage: "0",
		RevenueType: "rpa", RevenueAmount: o.Revenue, RevenuePercentage: "0",
		IsDefault: true, IsEnforceCaps: true, IsAllowDuplicateConversion: true,
		TimeCreated: o.TimeCreated,
	}
}

// offerView is an offer as rendered, with the relationships asked for.
type offerView struct {
	Offer
	Relationship map[string]any `json:"relationship,omitempty"`
}

// MarshalJSON renders the offer with its Written members over the typed
// ones.
func (v offerView) MarshalJSON() ([]byte, error) {
	b, err := wireJSON(v)
	if err != nil || len(v.Written) == 0 {
		return b, err
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	maps.Copy(m, v.Written)
	return json.Marshal(m)
}

func (s *Server) offerView(o *Offer, rels []string) offerView {
	v := offerView{Offer: *o}
	if len(rels) == 0 {
		return v
	}
	v.Relationship = map[string]any{}
	for _, name := range rels {
		switch name {
		case "advertiser":
			if a := s.advertiserByID(o.NetworkAdvertiserID); a != nil {
				c := *a
				v.Relationship["advertiser"] = advertiserView{Advertiser: &c}
			} else {
				v.Relationship["advertiser"] = AdvertiserRef{NetworkAdvertiserID: o.NetworkAdvertiserID, Name: s.advertiserName(o.NetworkAdvertiserID)}
			}
		case "offer_group":
			// "Includes the offer's offer group, if applicable": none
			// when the offer is in no group.
			if o.NetworkOfferGroupID != 0 {
				v.Relationship["offer_group"] = offerGroup(o)
			}
		case "payout_revenue":
			if o.PayoutRevenueEntries != nil {
				v.Relationship["payout_revenue"] = map[string]any{"total": len(o.PayoutRevenueEntries), "entries": o.PayoutRevenueEntries}
				continue
			}
			entries := []PayoutRevenue{o.basePayoutRevenue()}
			v.Relationship["payout_revenue"] = map[string]any{"total": len(entries), "entries": entries}
		default:
			v.Relationship[name] = map[string]any{}
		}
	}
	return v
}

func (s *Server) listOffers(w http.ResponseWriter, r *http.Request) {
	filters, err := basicFilters(r, "offer_status", "visibility", "network_advertiser_id", "time_created", "time_saved")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	rels := r.URL.Query()["relationship"]
	s.mu.Lock()
	var out []offerView
	for _, o := range s.offers {
		ok := true
		for _, f := range filters {
			switch f.field {
			case "offer_status":
				ok = ok && f.matches(o.OfferStatus)
			case "visibility":
				ok = ok && f.matches(o.Visibility)
			case "network_advertiser_id":
				ok = ok && f.matches(o.NetworkAdvertiserID)
			case "time_created":
				ok = ok && f.matches(o.TimeCreated)
			case "time_saved":
				ok = ok && f.matches(o.TimeSaved)
			}
		}
		if ok {
			out = append(out, s.offerView(o, rels))
		}
	}
	s.mu.Unlock()
	writePage(w, r, "offers", nonNil(out))
}

func (s *Server) getOffer(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	o := s.offerByID(id)
	var v offerView
	if o != nil {
		v = s.offerView(o, r.URL.Query()["relationship"])
	}
	s.mu.Unlock()
	if o == nil {
		writeError(w, http.StatusNotFound, msgNotFound)
		return
	}
	fakeserver.WriteJSON(w, http.StatusOK, v)
}

// offerTable is the body of the offer table search.
type offerTable struct {
	SearchTerms []searchTerm `json:"search_terms"`
	Filters     struct {
		NetworkAdvertiserIDs     []int64               `json:"network_advertiser_ids"`
		NetworkOfferGroupID      int64                 `json:"network_offer_group_id"`
		NetworkCategoryIDs       []int64               `json:"network_category_ids"`
		OfferStatus              everflow.OfferStatus  `json:"offer_status"`
		Visibilities             []everflow.Visibility `json:"visibilities"`
		Labels                   []string              `json:"labels"`
		BusinessUnitIDs          []int64               `json:"business_unit_ids"`
		AccountManagerIDs        []int64               `json:"account_manager_ids"`
		SalesManagerIDs          []int64               `json:"sales_manager_ids"`
		NetworkTrackingDomainIDs []int64               `json:"network_tracking_domain_ids"`
		NetworkChannelIDs        []int64               `json:"network_channel_ids"`
	} `json:"filters"`
}

var offerStatuses = []everflow.OfferStatus{"active", "paused", "pending", "deleted"}

func (s *Server) searchOffers(w http.ResponseWriter, r *http.Request) {
	var b offerTable
	if !decodeBody(w, r, &b) {
		return
	}
	f := b.Filters
	if f.OfferStatus != "" && !slices.Contains(offerStatuses, f.OfferStatus) {
		writeError(w, http.StatusBadRequest, "offer_status must be one of active, paused, pending, deleted")
		return
	}
	for _, t := range b.SearchTerms {
		switch t.SearchType {
		case "name", "encoded_value", "advertiser_name":
		default:
			writeError(w, http.StatusBadRequest, "invalid search_type "+t.SearchType)
			return
		}
	}
	s.mu.Lock()
	var out []offerView
	for _, o := range s.offers {
		ok := f.OfferStatus == "" || o.OfferStatus == f.OfferStatus
		ok = ok && (len(f.NetworkAdvertiserIDs) == 0 || slices.Contains(f.NetworkAdvertiserIDs, o.NetworkAdvertiserID))
		ok = ok && (f.NetworkOfferGroupID == 0 || o.NetworkOfferGroupID == f.NetworkOfferGroupID)
		ok = ok && (len(f.NetworkCategoryIDs) == 0 || slices.Contains(f.NetworkCategoryIDs, o.NetworkCategoryID))
		ok = ok && (len(f.Visibilities) == 0 || slices.Contains(f.Visibilities, o.Visibility))
		ok = ok && (len(f.NetworkTrackingDomainIDs) == 0 || slices.Contains(f.NetworkTrackingDomainIDs, o.NetworkTrackingDomainID))
		ok = ok && (len(f.Labels) == 0 || slices.ContainsFunc(o.Labels, func(l string) bool { return slices.Contains(f.Labels, l) }))
		for _, t := range b.SearchTerms {
			switch t.SearchType {
			case "name":
				ok = ok && containsFold(o.Name, t.Value)
			case "advertiser_name":
				ok = ok && containsFold(s.advertiserName(o.NetworkAdvertiserID), t.Value)
			case "encoded_value":
				ok = ok && o.ProjectID == t.Value
			}
		}
		if ok {
			out = append(out, s.offerView(o, nil))
		}
	}
	s.mu.Unlock()
	writePage(w, r, "offers", nonNil(out))
}

// offerGroup renders the offer's group as an offer group record. The fake
// keeps no groups of its own: the group takes the offer's advertiser and
// a name from its id.
func offerGroup(o *Offer) map[string]any {
	g := map[string]any{
		"network_offer_group_id": o.NetworkOfferGroupID, "network_id": o.NetworkID,
		"network_advertiser_id": o.NetworkAdvertiserID, "name": "Group " + itoa(o.NetworkOfferGroupID),
		"internal_notes": "", "offer_group_status": "active", "is_caps_enabled": false,
		"time_created": o.TimeCreated, "time_saved": o.TimeCreated,
	}
	for _, p := range []string{"daily", "weekly", "monthly", "global"} {
		for _, k := range []string{"conversion", "payout", "revenue", "click"} {
			g[p+"_"+k+"_cap"] = 0
		}
	}
	return g
}
