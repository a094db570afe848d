package everflowtest

import (
	"github.com/affiliatekit/affiliatekit-go/everflow"
	"maps"
	"net/http"
	"slices"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// affiliateVisibilities are the visibility types Everflow accepts.
var affiliateVisibilities = []everflow.AffiliateVisibility{everflow.AffiliateVisible, everflow.AffiliateHidden, everflow.AffiliateRejected}

// offerVisibility is the answer of networks/offers/{id}/visibility.
type offerVisibility struct {
	NetworkID                   int64   `json:"network_id"`
	NetworkOfferID              int64   `json:"network_offer_id"`
	NetworkAffiliateVisibleIDs  []int64 `json:"network_affiliate_visible_ids"`
	NetworkAffiliateRejectedIDs []int64 `json:"network_affiliate_rejected_ids"`
	NetworkAffiliateHiddenIDs   []int64 `json:"network_affiliate_hidden_ids"`
}

func (o *Offer) visibility() offerVisibility {
	v := offerVisibility{
		NetworkID: o.NetworkID, NetworkOfferID: o.NetworkOfferID,
		NetworkAffiliateVisibleIDs: []int64{}, NetworkAffiliateRejectedIDs: []int64{}, NetworkAffiliateHiddenIDs: []int64{},
	}
	for _, id := range slices.Sorted(maps.Keys(o.AffiliateVisibility)) {
		switch o.AffiliateVisibility[id] {
		case "visible":
			v.NetworkAffiliateVisibleIDs = append(v.NetworkAffiliateVisibleIDs, id)
		case "rejected":
			v.NetworkAffiliateRejectedIDs = append(v.NetworkAffiliateRejectedIDs, id)
		case "hidden":
			v.NetworkAffiliateHiddenIDs = append(v.NetworkAffiliateHiddenIDs, id)
		}
	}
	return v
}

func (s *Server) getOfferVisibility(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	o := s.offerByID(id)
	var v offerVisibility
	if o != nil {
		v = o.visibility()
	}
	s.mu.Unlock()
	if o == nil {
		writeError(w, http.StatusNotFound, msgNotFound)
		return
	}
	fakeserver.WriteJSON(w, http.StatusOK, v)
}

// setOfferVisibility replaces the offer's list of one visibility type, as
// Everflow's "Set Offer Visibility" documents: affiliates that had the
// type and are not listed lose their setting.
func (s *Server) setOfferVisibility(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	var b struct {
		NetworkAffiliateIDs []int64                      `json:"network_affiliate_ids"`
		SetType             everflow.AffiliateVisibility `json:"set_type"`
	}
	if !decodeBody(w, r, &b) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.offerByID(id)
	switch {
	case o == nil:
		writeError(w, http.StatusNotFound, msgNotFound)
		return
	case b.NetworkAffiliateIDs == nil:
		writeError(w, http.StatusBadRequest, "network_affiliate_ids is required")
		return
	case !slices.Contains(affiliateVisibilities, b.SetType):
		writeError(w, http.StatusBadRequest, "set_type must be one of visible, hidden, rejected")
		return
	}
	for _, a := range b.NetworkAffiliateIDs {
		if s.affiliateByID(a) == nil {
			writeError(w, http.StatusBadRequest, "unknown network_affiliate_id "+itoa(a))
			return
		}
	}
	next := map[int64]everflow.AffiliateVisibility{}
	for a, t := range o.AffiliateVisibility {
		if t != b.SetType {
			next[a] = t
		}
	}
	for _, a := range b.NetworkAffiliateIDs {
		next[a] = b.SetType
	}
	o.AffiliateVisibility = next
	o.TimeSaved = s.stamp()
	fakeserver.WriteJSON(w, http.StatusOK, o.visibility())
}

// updateAffiliateOfferVisibility sets one affiliate's visibility on the
// listed offers and answers {"result": true}.
func (s *Server) updateAffiliateOfferVisibility(w http.ResponseWriter, r *http.Request) {
	id, ok := pathID(w, r)
	if !ok {
		return
	}
	var b struct {
		NetworkOfferIDs []int64                      `json:"network_offer_ids"`
		VisibilityType  everflow.AffiliateVisibility `json:"visibility_type"`
	}
	if !decodeBody(w, r, &b) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	switch {
	case s.affiliateByID(id) == nil:
		writeError(w, http.StatusNotFound, msgNotFound)
		return
	case len(b.NetworkOfferIDs) == 0:
		writeError(w, http.StatusBadRequest, "network_offer_ids is required")
		return
	case !slices.Contains(affiliateVisibilities, b.VisibilityType):
		writeError(w, http.StatusBadRequest, "visibility_type must be one of visible, hidden, rejected")
		return
	}
	offers := make([]*Offer, len(b.NetworkOfferIDs))
	for i, oid := range b.NetworkOfferIDs {
		if offers[i] = s.offerByID(oid); offers[i] == nil {
			writeError(w, http.StatusBadRequest, "unknown network_offer_id "+itoa(oid))
			return
		}
	}
	for _, o := range offers {
		if o.AffiliateVisibility == nil {
			o.AffiliateVisibility = map[int64]everflow.AffiliateVisibility{}
		}
		o.AffiliateVisibility[id] = b.VisibilityType
	}
	fakeserver.WriteJSON(w, http.StatusOK, map[string]bool{"result": true})
}
