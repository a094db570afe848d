package everflow_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
	"github.com/affiliatekit/affiliatekit-go/internal/wirecheck"
)

func TestOffersListAndSearch(t *testing.T) {
	srv, c, _ := demo(t)
	ctx := context.Background()
	var saved []string
	for o, err := range c.Offers.List(ctx, &OfferListOptions{SavedAfter: time.Unix(1695000000, 0), Relationships: []Relationship{RelationshipAdvertiser}}) {
		require.NoError(t, err)
		assert.Greater(t, o.TimeSaved.Unix(), int64(1695000000))
		require.NotNil(t, o.Relationship.Advertiser)
		assert.Equal(t, o.NetworkAdvertiserID, o.Relationship.Advertiser.NetworkAdvertiserID)
		assert.NotEmpty(t, o.Relationship.Advertiser.Name)
		saved = append(saved, o.Name)
	}
	assert.NotEmpty(t, saved)
	assert.Contains(t, srv.Requests()[0].Query, "filter=time_saved%3E1695000000")

	var active []int64
	for o, err := range c.Offers.Search(ctx, &OfferSearchOptions{
		SearchTerms: []SearchTerm{{SearchType: "advertiser_name", Value: "acme"}},
		Filters:     OfferTableFilters{OfferStatus: OfferActive},
	}) {
		require.NoError(t, err)
		assert.Equal(t, OfferActive, o.OfferStatus)
		assert.Equal(t, int64(1), o.NetworkAdvertiserID)
		active = append(active, o.NetworkOfferID)
	}
	assert.Equal(t, []int64{1, 9, 17}, active)

	o, err := c.Offers.Get(ctx, 2)
	require.NoError(t, err)
	assert.Equal(t, "Brightline Finance Budget App - Annual Plan", o.Name)
	assert.True(t, o.DailyPayoutCap.IsZero())
	_, err = c.Offers.Get(ctx, 99)
	assert.ErrorIs(t, err, ErrNotFound)
}

// An offer read with relationship=payout_revenue carries its payouts.
func TestOfferGetPayoutRevenue(t *testing.T) {
	srv, c, _ := demo(t)
	want := srv.Offers()[0]
	o, err := c.Offers.Get(context.Background(), want.NetworkOfferID, WithRelationships(RelationshipPayoutRevenue))
	require.NoError(t, err)
	assert.Equal(t, "relationship=payout_revenue", srv.Requests()[0].Query)
	require.NotNil(t, o.Relationship)
	require.NotNil(t, o.Relationship.PayoutRevenue)
	require.Len(t, o.Relationship.PayoutRevenue.Entries, 1)
	pr := o.Relationship.PayoutRevenue.Entries[0]
	assert.True(t, pr.IsDefault)
	assert.Equal(t, want.NetworkOfferID, pr.NetworkOfferID)
	assert.Equal(t, "cpa", pr.PayoutType)
	assert.Equal(t, want.Payout.String(), pr.PayoutAmount.String())
	assert.Equal(t, want.Revenue.String(), pr.RevenueAmount.String())

	// Without the relationship there is none.
	o, err = c.Offers.Get(context.Background(), want.NetworkOfferID)
	require.NoError(t, err)
	assert.Nil(t, o.Relationship)
}

// A payout_revenue entry with the members of Everflow's example (our
// values, and one member the package does not model) decodes exactly: amounts
// keep the digits sent, and members not modelled are kept.
func TestPayoutRevenueDecode(t *testing.T) {
	body := []byte(`{"network_offer_id":2,"relationship":{"payout_revenue":{"total":1,"entries":[{
		"network_offer_payout_revenue_id":2,"network_id":1,"network_offer_id":2,"entry_name":"",
		"payout_type":"cpa","payout_amount":3.10,"payout_percentage":0,"revenue_type":"rpa",
		"revenue_amount":12.345,"revenue_percentage":0,"is_default":true,"is_private":false,
		"is_postback_disabled":false,"is_enforce_caps":true,"time_created":1594390711,
		"global_advertiser_event_id":0,"is_must_approve_conversion":false,
		"is_allow_duplicate_conversion":true,"is_email_attribution_default_event":false,
		"unmodelled_member":0}]},"advertiser":{"network_advertiser_id":13}}}`)
	var o Offer
	require.NoError(t, json.Unmarshal(body, &o))
	pr := o.Relationship.PayoutRevenue.Entries[0]
	assert.Equal(t, "3.10", pr.PayoutAmount.String())
	assert.Equal(t, "12.345", pr.RevenueAmount.String())
	assert.Contains(t, pr.Other, "unmodelled_member")
	require.NotNil(t, o.Relationship.Advertiser)
	assert.Equal(t, int64(13), o.Relationship.Advertiser.NetworkAdvertiserID)
	assert.Empty(t, o.Relationship.Other)
	wirecheck.RoundTrip(t, body, &o, "time_created", "time_saved",
		"relationship.payout_revenue.entries[].time_created", "date_live_until")
}

// The advertiser and offer_group relationships decode into typed fields,
// in the shape of the advertiser and offer group records of Everflow's
// offer group example; the fake serves them when asked for.
func TestOfferTypedRelationships(t *testing.T) {
	body := []byte(`{"network_offer_id":8,"network_offer_group_id":4,"relationship":{
		"advertiser":{"network_advertiser_id":13,"network_id":1,"name":"Lakeside","account_status":"active",
			"network_employee_id":2,"sales_manager_id":0,"address_id":0,"is_contact_address_enabled":false,
			"default_currency_id":"USD","platform_name":"","platform_url":"","platform_username":"",
			"offer_id_macro":"","affiliate_id_macro":"","accounting_contact_email":"","internal_notes":"",
			"attribution_method":"last_touch","verification_token":"","is_expose_publisher_reporting_data":true},
		"offer_group":{"network_offer_group_id":4,"network_id":1,"network_advertiser_id":13,"name":"Spring",
			"internal_notes":"","offer_group_status":"active","is_caps_enabled":true,"daily_conversion_cap":10,
			"weekly_conversion_cap":0,"monthly_conversion_cap":0,"global_conversion_cap":0,"daily_payout_cap":250.5,
			"weekly_payout_cap":0,"monthly_payout_cap":0,"global_payout_cap":0,"daily_revenue_cap":0,
			"weekly_revenue_cap":0,"monthly_revenue_cap":0,"global_revenue_cap":0,"daily_click_cap":0,
			"weekly_click_cap":0,"monthly_click_cap":0,"global_click_cap":0,"time_created":1706745600,"time_saved":1706745600}}}`)
	var o Offer
	require.NoError(t, json.Unmarshal(body, &o))
	require.NotNil(t, o.Relationship.Advertiser)
	assert.Equal(t, "Lakeside", o.Relationship.Advertiser.Name)
	assert.Contains(t, o.Relationship.Advertiser.Other, "attribution_method", "kept, not modelled")
	require.NotNil(t, o.Relationship.OfferGroup)
	g := o.Relationship.OfferGroup
	assert.Equal(t, "Spring", g.Name)
	assert.Equal(t, "250.5", g.DailyPayoutCap.String())
	assert.Equal(t, int64(10), g.DailyConversionCap)
	assert.Equal(t, int64(1706745600), g.TimeCreated.Unix())
	assert.Empty(t, o.Relationship.Other)

	srv, c, _ := demo(t)
	ctx := context.Background()
	grouped := srv.AddOffer(everflowtest.Offer{Name: "Grouped", NetworkAdvertiserID: 1, NetworkOfferGroupID: 4})
	for _, tc := range []struct {
		name  string
		id    int64
		group bool
	}{
		{"in a group", grouped.NetworkOfferID, true},
		{"in no group", 1, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o, err := c.Offers.Get(ctx, tc.id, WithRelationships(RelationshipAdvertiser, RelationshipOfferGroup))
			require.NoError(t, err)
			require.NotNil(t, o.Relationship)
			require.NotNil(t, o.Relationship.Advertiser)
			assert.Equal(t, int64(1), o.Relationship.Advertiser.NetworkAdvertiserID)
			assert.Equal(t, srv.Advertisers()[0].Name, o.Relationship.Advertiser.Name)
			if !tc.group {
				assert.Nil(t, o.Relationship.OfferGroup)
				return
			}
			require.NotNil(t, o.Relationship.OfferGroup)
			assert.Equal(t, int64(4), o.Relationship.OfferGroup.NetworkOfferGroupID)
			assert.True(t, o.Relationship.OfferGroup.DailyPayoutCap.IsZero())
		})
	}
}
