package everflow

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// AffiliateVisibility is an affiliate's access to an offer. Hidden and
// rejected behave alike (the affiliate can neither see nor run the
// offer); Everflow recommends hidden. An affiliate with no setting gets
// the offer's default: visible on a public offer, hidden otherwise.
type AffiliateVisibility string

// Affiliate visibilities of an offer.
const (
	AffiliateVisible  AffiliateVisibility = "visible"
	AffiliateHidden   AffiliateVisibility = "hidden"
	AffiliateRejected AffiliateVisibility = "rejected"
)

func (v AffiliateVisibility) valid() bool {
	return v == AffiliateVisible || v == AffiliateHidden || v == AffiliateRejected
}

// OfferVisibility lists the affiliates with an explicit visibility on an
// offer: the answer of GET and PUT networks/offers/{id}/visibility
// (https://developers.everflow.io/api-reference/get-networksoffervisibility).
type OfferVisibility struct {
	NetworkID                   int64   `json:"network_id"`
	NetworkOfferID              int64   `json:"network_offer_id"`
	NetworkAffiliateVisibleIDs  []int64 `json:"network_affiliate_visible_ids"`
	NetworkAffiliateRejectedIDs []int64 `json:"network_affiliate_rejected_ids"`
	NetworkAffiliateHiddenIDs   []int64 `json:"network_affiliate_hidden_ids"`
}

func offerVisibilityRecord(v *OfferVisibility) *transport.Checked[OfferVisibility] {
	return transport.Record(v, "network_offer_id", func(v *OfferVisibility) bool { return v.NetworkOfferID != 0 })
}

// GetVisibility returns the offer's affiliate visibility settings: GET
// networks/offers/{id}/visibility.
func (s *OffersService) GetVisibility(ctx context.Context, offerID int64, opts ...RequestOption) (*OfferVisibility, error) {
	return record(ctx, s.client, get(transport.Join("networks/offers/%s/visibility", offerID)), offerVisibilityRecord, opts)
}

// OfferVisibilitySetParams is the body of PUT
// networks/offers/{id}/visibility
// (https://developers.everflow.io/api-reference/put-networksoffervisibility).
// The list replaces the offer's list of SetType: affiliates that had that
// visibility and are not listed lose it (and fall back to the offer's
// default). An empty list clears the list of SetType.
type OfferVisibilitySetParams struct {
	NetworkAffiliateIDs []int64             `json:"network_affiliate_ids"`
	SetType             AffiliateVisibility `json:"set_type"`
}

// SetVisibility replaces the offer's list of affiliates of one
// visibility and returns the resulting settings: PUT
// networks/offers/{id}/visibility. It sets absolute values, so it is
// retried like any PUT.
func (s *OffersService) SetVisibility(ctx context.Context, offerID int64, params *OfferVisibilitySetParams, opts ...RequestOption) (*OfferVisibility, error) {
	if params == nil || !params.SetType.valid() {
		return nil, errors.New("everflow: set offer visibility: SetType must be visible, hidden or rejected")
	}
	body := OfferVisibilitySetParams{NetworkAffiliateIDs: nonNil(params.NetworkAffiliateIDs), SetType: params.SetType}
	return record(ctx, s.client, put(transport.Join("networks/offers/%s/visibility", offerID), body), offerVisibilityRecord, opts)
}

// AffiliateOfferVisibilityUpdateParams is the body of PATCH
// networks/affiliates/{id}/offers/visibility
// (https://developers.everflow.io/api-reference/patch-networksaffiliateoffervisibility):
// the visibility to give the affiliate on each listed offer.
type AffiliateOfferVisibilityUpdateParams struct {
	NetworkOfferIDs []int64             `json:"network_offer_ids"`
	VisibilityType  AffiliateVisibility `json:"visibility_type"`
}

// visibilityResult is the answer of the affiliate visibility update.
type visibilityResult struct {
	Result *bool `json:"result"`
}

// UpdateOfferVisibility sets the affiliate's visibility on the listed
// offers: PATCH networks/affiliates/{id}/offers/visibility. The PATCH sets
// absolute values, so it is retried like a PUT. An answer of
// {"result": false} is returned as an error.
func (s *AffiliatesService) UpdateOfferVisibility(ctx context.Context, affiliateID int64, params *AffiliateOfferVisibilityUpdateParams, opts ...RequestOption) error {
	switch {
	case params == nil || len(params.NetworkOfferIDs) == 0:
		return errors.New("everflow: update affiliate offer visibility: NetworkOfferIDs is required")
	case !params.VisibilityType.valid():
		return errors.New("everflow: update affiliate offer visibility: VisibilityType must be visible, hidden or rejected")
	}
	r := &transport.Request{Method: http.MethodPatch, Path: transport.Join("networks/affiliates/%s/offers/visibility", affiliateID), Body: params, RetrySafe: true}
	out, err := record(ctx, s.client, r, func(v *visibilityResult) *transport.Checked[visibilityResult] {
		return transport.Require(v, `no "result" in the answer`, func(v *visibilityResult) bool { return v.Result != nil })
	}, opts)
	if err == nil && !*out.Result {
		err = fmt.Errorf("everflow: PATCH %s: the API answered result false", r.Path)
	}
	return err
}
