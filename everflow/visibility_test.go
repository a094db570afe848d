package everflow_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

// The wire bodies follow Everflow's "Set Offer Visibility" and "Update
// Affiliate Offer Visibility" pages.
func TestVisibilityWireBodies(t *testing.T) {
	srv, rec := serveBody(t, []byte(`{"network_id":1,"network_offer_id":12,"network_affiliate_visible_ids":[4,9],
		"network_affiliate_rejected_ids":[],"network_affiliate_hidden_ids":[2]}`))
	c := clientOf(t, srv.URL)
	ctx := context.Background()
	v, err := c.Offers.SetVisibility(ctx, 12, &OfferVisibilitySetParams{NetworkAffiliateIDs: []int64{4, 9}, SetType: AffiliateVisible})
	require.NoError(t, err)
	assert.Equal(t, "/networks/offers/12/visibility", rec.paths[http.MethodPut])
	assert.JSONEq(t, `{"network_affiliate_ids":[4,9],"set_type":"visible"}`, string(rec.bodies[http.MethodPut]))
	assert.Equal(t, &OfferVisibility{NetworkID: 1, NetworkOfferID: 12, NetworkAffiliateVisibleIDs: []int64{4, 9},
		NetworkAffiliateRejectedIDs: []int64{}, NetworkAffiliateHiddenIDs: []int64{2}}, v)

	_, err = c.Offers.SetVisibility(ctx, 12, &OfferVisibilitySetParams{SetType: AffiliateHidden})
	require.NoError(t, err)
	assert.JSONEq(t, `{"network_affiliate_ids":[],"set_type":"hidden"}`, string(rec.bodies[http.MethodPut]), "the required list is sent empty")

	srv2, rec2 := serveBody(t, []byte(`{"result":true}`))
	c2 := clientOf(t, srv2.URL)
	require.NoError(t, c2.Affiliates.UpdateOfferVisibility(ctx, 7, &AffiliateOfferVisibilityUpdateParams{NetworkOfferIDs: []int64{1, 2}, VisibilityType: AffiliateHidden}))
	assert.Equal(t, "/networks/affiliates/7/offers/visibility", rec2.paths[http.MethodPatch])
	assert.JSONEq(t, `{"network_offer_ids":[1,2],"visibility_type":"hidden"}`, string(rec2.bodies[http.MethodPatch]))
}

func TestAffiliateOfferVisibilityAnswers(t *testing.T) {
	ctx := context.Background()
	params := &AffiliateOfferVisibilityUpdateParams{NetworkOfferIDs: []int64{1}, VisibilityType: AffiliateVisible}
	for _, tc := range []struct {
		name string
		body string
		want string
	}{
		{"result true", `{"result":true}`, ""},
		{"result false", `{"result":false}`, "result false"},
		{"no result", `{}`, `no "result"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv, _ := serveBody(t, []byte(tc.body))
			err := clientOf(t, srv.URL).Affiliates.UpdateOfferVisibility(ctx, 3, params)
			if tc.want == "" {
				require.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestVisibilityAgainstFake(t *testing.T) {
	srv, c, _ := demo(t)
	ctx := context.Background()
	offers, affs := srv.Offers(), srv.Affiliates()
	offer := offers[0].NetworkOfferID
	a1, a2, a3 := affs[0].NetworkAffiliateID, affs[1].NetworkAffiliateID, affs[2].NetworkAffiliateID

	v, err := c.Offers.GetVisibility(ctx, offer)
	require.NoError(t, err)
	assert.Equal(t, offer, v.NetworkOfferID)
	assert.Empty(t, v.NetworkAffiliateVisibleIDs)

	// Each step's list of its type replaces the earlier one.
	steps := []struct {
		name    string
		params  OfferVisibilitySetParams
		visible []int64
		hidden  []int64
	}{
		{"visible a1 a2", OfferVisibilitySetParams{NetworkAffiliateIDs: []int64{a2, a1}, SetType: AffiliateVisible}, []int64{a1, a2}, []int64{}},
		{"hide a2", OfferVisibilitySetParams{NetworkAffiliateIDs: []int64{a2}, SetType: AffiliateHidden}, []int64{a1}, []int64{a2}},
		{"visible list replaced", OfferVisibilitySetParams{NetworkAffiliateIDs: []int64{a3}, SetType: AffiliateVisible}, []int64{a3}, []int64{a2}},
		{"hidden list cleared", OfferVisibilitySetParams{SetType: AffiliateHidden}, []int64{a3}, []int64{}},
	}
	for _, st := range steps {
		got, err := c.Offers.SetVisibility(ctx, offer, &st.params)
		require.NoError(t, err, st.name)
		assert.Equal(t, st.visible, got.NetworkAffiliateVisibleIDs, st.name)
		assert.Equal(t, st.hidden, got.NetworkAffiliateHiddenIDs, st.name)
		read, err := c.Offers.GetVisibility(ctx, offer)
		require.NoError(t, err)
		assert.Equal(t, got, read, st.name)
	}

	require.NoError(t, c.Affiliates.UpdateOfferVisibility(ctx, a1, &AffiliateOfferVisibilityUpdateParams{
		NetworkOfferIDs: []int64{offer, offers[1].NetworkOfferID}, VisibilityType: AffiliateRejected}))
	for _, o := range []int64{offer, offers[1].NetworkOfferID} {
		v, err := c.Offers.GetVisibility(ctx, o)
		require.NoError(t, err)
		assert.Contains(t, v.NetworkAffiliateRejectedIDs, a1)
		assert.NotContains(t, v.NetworkAffiliateVisibleIDs, a1)
	}

	// What the API refuses.
	for _, tc := range []struct {
		name string
		call func() error
		want error
	}{
		{"unknown offer", func() error { _, err := c.Offers.GetVisibility(ctx, 99999); return err }, ErrNotFound},
		{"unknown affiliate in list", func() error {
			_, err := c.Offers.SetVisibility(ctx, offer, &OfferVisibilitySetParams{NetworkAffiliateIDs: []int64{99999}, SetType: AffiliateVisible})
			return err
		}, ErrInvalidRequest},
		{"unknown affiliate", func() error {
			return c.Affiliates.UpdateOfferVisibility(ctx, 99999, &AffiliateOfferVisibilityUpdateParams{NetworkOfferIDs: []int64{offer}, VisibilityType: AffiliateVisible})
		}, ErrNotFound},
		{"unknown offer in list", func() error {
			return c.Affiliates.UpdateOfferVisibility(ctx, a1, &AffiliateOfferVisibilityUpdateParams{NetworkOfferIDs: []int64{99999}, VisibilityType: AffiliateVisible})
		}, ErrInvalidRequest},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.ErrorIs(t, tc.call(), tc.want) })
	}

	// Checked before sending.
	_, err = c.Offers.SetVisibility(ctx, offer, &OfferVisibilitySetParams{SetType: "public"})
	assert.ErrorContains(t, err, "SetType")
	assert.ErrorContains(t, c.Affiliates.UpdateOfferVisibility(ctx, a1, &AffiliateOfferVisibilityUpdateParams{VisibilityType: AffiliateVisible}), "NetworkOfferIDs")
}

// The PATCH sets absolute values: it is retried after a 502.
func TestAffiliateOfferVisibilityRetried(t *testing.T) {
	srv, c, _ := demo(t)
	offer, aff := srv.Offers()[0].NetworkOfferID, srv.Affiliates()[0].NetworkAffiliateID
	srv.Inject(1, everflowtest.Fault{Status: http.StatusBadGateway, Applied: true})
	srv.ResetRequests()
	require.NoError(t, c.Affiliates.UpdateOfferVisibility(context.Background(), aff, &AffiliateOfferVisibilityUpdateParams{NetworkOfferIDs: []int64{offer}, VisibilityType: AffiliateHidden}))
	assert.Equal(t, 2, srv.RequestCount())
}
