package everflow_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

// A whole-record offer update built from a read sends back every member
// read, unmodelled ones and the payout_revenue entries included, amounts
// as the read sent them, with only the changed field different.
func TestOfferUpdateSendsBackEverythingRead(t *testing.T) {
	var m map[string]any
	require.NoError(t, json.Unmarshal(readVendor(t, "offer_update_response.json"), &m))
	entry := m["relationship"].(map[string]any)["payout_revenue"].(map[string]any)["entries"].([]any)[0].(map[string]any)
	entry["future_entry_setting"] = "kept"
	m["future_setting"] = map[string]any{"enabled": true}
	body, err := json.Marshal(m)
	require.NoError(t, err)

	srv, rec := serveBody(t, body)
	c := clientOf(t, srv.URL)
	ctx := context.Background()
	o, err := c.Offers.Get(ctx, 57, WithRelationships(RelationshipPayoutRevenue))
	require.NoError(t, err)
	assert.Contains(t, o.Other, "server_side_url")
	p := o.UpdateParams()
	p.OfferStatus = OfferPaused
	_, err = c.Offers.Update(ctx, 57, p)
	require.NoError(t, err)

	assert.Equal(t, "/networks/offers/57", rec.paths[http.MethodPut])
	// What was read, less the read-only members, plus the change; the
	// payouts go back as the payout_revenue list.
	want := map[string]any{}
	for k, v := range m {
		want[k] = v
	}
	for _, k := range []string{"network_offer_id", "network_id", "time_created", "time_saved", "relationship"} {
		delete(want, k)
	}
	want["offer_status"] = "paused"
	want["payout_revenue"] = []any{entry}
	// Modelled members the example does not show are sent with their
	// zero values, as a whole-record update must.
	for k, v := range map[string]any{
		"app_identifier": "", "is_description_plain_text": false, "is_use_direct_linking": false,
		"is_using_explicit_terms_and_conditions": false, "terms_and_conditions": "", "is_force_terms_and_conditions": false,
		"is_using_suppression_list": false, "suppression_list_id": 0,
	} {
		want[k] = v
	}
	wantJSON, err := json.Marshal(want)
	require.NoError(t, err)
	assert.JSONEq(t, string(wantJSON), string(rec.bodies[http.MethodPut]))

	// Amounts travel as the digits read.
	var sent map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(rec.bodies[http.MethodPut], &sent))
	assert.Equal(t, "2500.1", string(sent["monthly_payout_cap"]))
	assert.Equal(t, "180.05", string(sent["daily_revenue_cap"]))
}

func TestOfferWriteRefusals(t *testing.T) {
	ctx := context.Background()
	c := clientOf(t, "http://127.0.0.1:1")
	var bare Offer
	require.NoError(t, json.Unmarshal([]byte(`{"network_offer_id":5,"name":"x","network_advertiser_id":1}`), &bare))
	base := []*PayoutRevenue{{PayoutType: "cpa", RevenueType: "rpa", IsDefault: true}}
	twoDefaults := bare.UpdateParams()
	twoDefaults.PayoutRevenue = append(base, &PayoutRevenue{PayoutType: "cpa", RevenueType: "rpa", IsDefault: true})
	for _, tc := range []struct {
		name string
		call func() error
		want string
	}{
		{"update nil", func() error { _, err := c.Offers.Update(ctx, 5, nil); return err }, "Name is required"},
		{"payouts not read", func() error { _, err := c.Offers.Update(ctx, 5, bare.UpdateParams()); return err }, "RelationshipPayoutRevenue"},
		{"two defaults", func() error { _, err := c.Offers.Update(ctx, 5, twoDefaults); return err }, "exactly one"},
		{"create without advertiser", func() error {
			_, err := c.Offers.Create(ctx, &OfferCreateParams{Name: "n", DestinationURL: "https://x.example", PayoutRevenue: base})
			return err
		}, "NetworkAdvertiserID"},
		{"create without payouts", func() error {
			_, err := c.Offers.Create(ctx, &OfferCreateParams{Name: "n", NetworkAdvertiserID: 1, DestinationURL: "https://x.example"})
			return err
		}, "exactly one"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.call()
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func TestOfferWritesAgainstFake(t *testing.T) {
	srv, c, _ := demo(t)
	ctx := context.Background()
	adv := srv.Advertisers()[0].NetworkAdvertiserID

	created, err := c.Offers.Create(ctx, &OfferCreateParams{
		Name: "Trail Pack", NetworkAdvertiserID: adv, DestinationURL: "https://northwind.example/?tid={transaction_id}",
		Visibility: VisibilityRequireApproval, DailyPayoutCap: mustAmount(t, "120.75"),
		PayoutRevenue: []*PayoutRevenue{{PayoutType: "cpa", PayoutAmount: mustAmount(t, "3.35"), RevenueType: "rpa", RevenueAmount: mustAmount(t, "5.1"), IsDefault: true}},
	})
	require.NoError(t, err)
	assert.Equal(t, OfferActive, created.OfferStatus)
	assert.Equal(t, VisibilityRequireApproval, created.Visibility)

	o, err := c.Offers.Get(ctx, created.NetworkOfferID, WithRelationships(RelationshipPayoutRevenue))
	require.NoError(t, err)
	assert.Equal(t, "120.75", o.UpdateParams().DailyPayoutCap.String())
	require.NotNil(t, o.Relationship.PayoutRevenue)
	require.Len(t, o.Relationship.PayoutRevenue.Entries, 1)
	pr := o.Relationship.PayoutRevenue.Entries[0]
	assert.Equal(t, "3.35", pr.PayoutAmount.String())
	assert.NotZero(t, pr.NetworkOfferPayoutRevenueID)

	p := o.UpdateParams()
	p.Name = "Trail Pack (renewed)"
	p.PayoutRevenue = append(p.PayoutRevenue, &PayoutRevenue{EntryName: "Upsell", PayoutType: "cpa", PayoutAmount: mustAmount(t, "1.2"), RevenueType: "rpa", RevenueAmount: mustAmount(t, "2")})
	u, err := c.Offers.Update(ctx, o.NetworkOfferID, p)
	require.NoError(t, err)
	assert.Equal(t, "Trail Pack (renewed)", u.Name)
	assert.Equal(t, VisibilityRequireApproval, u.Visibility, "kept by the whole-record update")
	after, err := c.Offers.Get(ctx, o.NetworkOfferID, WithRelationships(RelationshipPayoutRevenue))
	require.NoError(t, err)
	require.Len(t, after.Relationship.PayoutRevenue.Entries, 2)
	assert.Equal(t, pr.NetworkOfferPayoutRevenueID, after.Relationship.PayoutRevenue.Entries[0].NetworkOfferPayoutRevenueID)
	assert.Equal(t, "120.75", after.UpdateParams().DailyPayoutCap.String())

	// What the API refuses.
	bad := after.UpdateParams()
	bad.NetworkAdvertiserID = 9999
	for _, tc := range []struct {
		name string
		call func() error
		want error
	}{
		{"unknown offer", func() error { _, err := c.Offers.Update(ctx, 99999, after.UpdateParams()); return err }, ErrNotFound},
		{"unknown advertiser", func() error { _, err := c.Offers.Update(ctx, after.NetworkOfferID, bad); return err }, ErrInvalidRequest},
		{"bad payout type", func() error {
			_, err := c.Offers.Create(ctx, &OfferCreateParams{Name: "n", NetworkAdvertiserID: adv, DestinationURL: "https://x.example",
				PayoutRevenue: []*PayoutRevenue{{PayoutType: "flat", RevenueType: "rpa", IsDefault: true}}})
			return err
		}, ErrInvalidRequest},
	} {
		t.Run(tc.name, func(t *testing.T) { assert.ErrorIs(t, tc.call(), tc.want) })
	}
}

// The offer create is not retried after it may have reached the server;
// the update (a PUT) is.
func TestOfferWriteRetries(t *testing.T) {
	srv, c, _ := demo(t)
	ctx := context.Background()
	adv := srv.Advertisers()[0].NetworkAdvertiserID
	before := len(srv.Offers())
	srv.Inject(1, everflowtest.Fault{Status: http.StatusBadGateway, Applied: true})
	srv.ResetRequests()
	_, err := c.Offers.Create(ctx, &OfferCreateParams{Name: "Once", NetworkAdvertiserID: adv, DestinationURL: "https://x.example",
		PayoutRevenue: []*PayoutRevenue{{PayoutType: "cpa", RevenueType: "rpa", IsDefault: true}}})
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 1, srv.RequestCount())
	assert.Len(t, srv.Offers(), before+1)

	o, err := c.Offers.Get(ctx, 1, WithRelationships(RelationshipPayoutRevenue))
	require.NoError(t, err)
	srv.Inject(1, everflowtest.Fault{Status: http.StatusBadGateway})
	srv.ResetRequests()
	_, err = c.Offers.Update(ctx, 1, o.UpdateParams())
	require.NoError(t, err)
	assert.Equal(t, 2, srv.RequestCount())
}
