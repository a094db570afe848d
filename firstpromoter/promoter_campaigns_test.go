package firstpromoter_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// promoterCampaignJSON is a promoter campaign as the API's reference
// documents it.
const promoterCampaignJSON = `{
  "id": 5012,
  "campaign_id": 7,
  "promoter_id": 880,
  "created_at": "2024-09-11T14:20:50.403Z",
  "promoter": {"id": 880, "email": "jane@smith.example", "name": "Jane Smith"},
  "campaign": {"id": 7, "name": "Partner Program", "color": "#4F46E5"},
  "state": "accepted",
  "stats": {"clicks_count": 412, "referrals_count": 37, "sales_count": 12, "customers_count": 9, "revenue_amount": 53880.5},
  "coupon": "JANE20",
  "display_coupon": "JANE20",
  "ref_token": "jane",
  "ref_link": "https://acme.example/pricing?via=jane",
  "is_customized": true,
  "direct_url": "https://janesmith.example/acme",
  "referral_rewards_customized": false,
  "promoter_rewards_customized": true,
  "rewards_for_promoters": [{"apply_on": "monthly", "product_ids": [101], "reward_id": 3,
    "reward": {"name": "30% recurring", "promoter_reward_type": "per_sale", "hide_reward": false, "tier_level": 1, "coupon": ""},
    "products": [{"id": 101, "name": "Pro plan"}]}],
  "rewards_for_referrals": [],
  "promo_codes": ["JANE20", "JANEVIP"]
}`

func TestPromoterCampaignsListDecodes(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, `[`+promoterCampaignJSON+`, {"id": 5013, "ref_token": null, "promoter": null}]`))
	var got []*firstpromoter.PromoterCampaign
	for pc, err := range c.PromoterCampaigns.List(context.Background()) {
		require.NoError(t, err)
		got = append(got, pc)
	}
	require.Len(t, got, 2)
	call := rec.only(t)
	assert.Equal(t, "/api/v2/company/promoter_campaigns", call.Path)
	assert.Equal(t, "page=1&per_page=100", call.RawQuery)

	want := &firstpromoter.PromoterCampaign{
		ID: 5012, CampaignID: 7, PromoterID: 880,
		CreatedAt: time.Date(2024, 9, 11, 14, 20, 50, 403e6, time.UTC),
		Promoter:  &firstpromoter.PromoterRef{ID: 880, Email: "jane@smith.example", Name: "Jane Smith"},
		Campaign:  &firstpromoter.CampaignRef{ID: 7, Name: "Partner Program", Color: "#4F46E5"},
		State:     firstpromoter.PromoterAccepted,
		Stats:     firstpromoter.PromoterCampaignStats{ClicksCount: 412, ReferralsCount: 37, SalesCount: 12, CustomersCount: 9, RevenueAmount: sentCents("53880.5")},
		Coupon:    "JANE20", DisplayCoupon: "JANE20", RefToken: ptrTo("jane"),
		RefLink: "https://acme.example/pricing?via=jane", IsCustomized: true,
		DirectURL: "https://janesmith.example/acme", PromoterRewardsCustomized: true,
		RewardsForPromoters: []firstpromoter.CampaignReward{{
			ApplyOn: firstpromoter.ApplyOnMonthly, ProductIDs: []int64{101}, RewardID: 3,
			Reward:   &firstpromoter.CampaignRewardDetail{Name: "30% recurring", PromoterRewardType: "per_sale", TierLevel: 1},
			Products: []firstpromoter.CampaignProduct{{ID: 101, Name: "Pro plan"}},
		}},
		RewardsForReferrals: []firstpromoter.CampaignReward{},
		PromoCodes:          []string{"JANE20", "JANEVIP"},
	}
	assert.Equal(t, want, got[0])
	assert.Equal(t, &firstpromoter.PromoterCampaign{ID: 5013}, got[1], "null ref_token and promoter decode to zero values")
}

func TestPromoterCampaignsListPage(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, jsonArray(25, func(i int) string { return fmt.Sprintf(`{"id": %d}`, i) })))
	items, resp, err := c.PromoterCampaigns.ListPage(context.Background(), &firstpromoter.PromoterCampaignListOptions{firstpromoter.ListParams{Page: 3, PerPage: 25}})
	require.NoError(t, err)
	assert.Len(t, items, 25)
	assert.Equal(t, 4, resp.NextPage)
	assert.Equal(t, "page=3&per_page=25", rec.only(t).RawQuery)
}

func TestPromoterCampaignsSearch(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, `[`+promoterCampaignJSON+`]`))
	got, err := c.PromoterCampaigns.Search(context.Background(), "jane smith")
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "JANE20", got[0].Coupon)
	call := rec.only(t)
	assert.Equal(t, "GET", call.Method)
	assert.Equal(t, "/api/v2/company/promoter_campaigns/search", call.Path)
	assert.Equal(t, "q=jane+smith", call.RawQuery)

	_, err = c.PromoterCampaigns.Search(context.Background(), " ")
	assert.Error(t, err)
	assert.Equal(t, 1, rec.count())
}

func TestPromoterCampaignsUpdate(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, promoterCampaignJSON))
	yes := true
	got, err := c.PromoterCampaigns.Update(context.Background(), 5012, &firstpromoter.PromoterCampaignUpdateParams{
		RefToken: "jane", State: firstpromoter.PromoterAccepted, Coupon: "JANE20",
		RewardsForPromoters:       []firstpromoter.CampaignRewardParams{{ApplyOn: firstpromoter.ApplyOnMonthly, ProductIDs: []int64{101}, RewardID: 3}},
		PromoterRewardsCustomized: &yes,
	})
	require.NoError(t, err)
	assert.Equal(t, int64(5012), got.ID)
	call := rec.only(t)
	assert.Equal(t, "PUT", call.Method)
	assert.Equal(t, "/api/v2/company/promoter_campaigns/5012", call.Path)
	assert.JSONEq(t, `{"ref_token": "jane", "state": "accepted", "coupon": "JANE20",
		"rewards_for_promoters": [{"apply_on": "monthly", "product_ids": [101], "reward_id": 3}],
		"promoter_rewards_customized": true}`, call.Body)
}

func TestPromoterCampaignsReferralLinks(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, `[
	  {"id": 1, "name": "Default", "url": "https://acme.example/pricing?via=jane", "is_default": true, "source": "campaign",
	   "sub_id": null, "campaign": {"id": 7, "name": "Partner Program", "color": "#4F46E5"}},
	  {"id": 2, "name": "YouTube", "url": "https://acme.example/?via=jane&sub_id=yt", "is_default": false, "source": "promoter",
	   "sub_id": "yt", "campaign": {"id": 7, "name": "Partner Program", "color": "#4F46E5"}}
	]`))
	links, err := c.PromoterCampaigns.ReferralLinks(context.Background(), 5012)
	require.NoError(t, err)
	assert.Equal(t, "/api/v2/company/promoter_campaigns/5012/referral_links", rec.only(t).Path)
	require.Len(t, links, 2)
	assert.Equal(t, &firstpromoter.ReferralLink{
		ID: 2, Name: "YouTube", URL: "https://acme.example/?via=jane&sub_id=yt", Source: "promoter", SubID: "yt",
		Campaign: &firstpromoter.CampaignRef{ID: 7, Name: "Partner Program", Color: "#4F46E5"},
	}, links[1])
	assert.True(t, links[0].IsDefault)
}

func TestPromoterCampaignsChartData(t *testing.T) {
	tests := []struct {
		name  string
		body  string
		extra map[string]json.RawMessage
	}{
		{"objects as documented", `{"period_from": "2025-01-01", "period_to": "2025-01-03", "selection": "revenue", "group_by": "day",
			"selection_items": [{"date": "2025-01-01", "value": 0}, {"date": "2025-01-02", "value": 4900}, {"date": "2025-01-03", "value": "1250.5"}]}`, nil},
		{"pairs with totals", `{"period_from": "2025-01-01", "period_to": "2025-01-03", "selection": "revenue", "group_by": "day",
			"selection_items": [["2025-01-01", 0], ["2025-01-02", 4900], ["2025-01-03", 1250.5]], "totals": {"revenue": 6150.5}}`,
			map[string]json.RawMessage{"totals": json.RawMessage(`{"revenue": 6150.5}`)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, rec := newWireClient(t, wireJSON(200, tt.body))
			got, err := c.PromoterCampaigns.ChartData(context.Background(), 5012, &firstpromoter.PromoterCampaignChartParams{
				PeriodFrom: firstpromoter.NewDate(2025, 1, 1), PeriodTo: firstpromoter.NewDate(2025, 1, 3),
				Selection: firstpromoter.PromoterChartRevenue, WithTotals: true,
			})
			require.NoError(t, err)
			call := rec.only(t)
			assert.Equal(t, "/api/v2/company/promoter_campaigns/5012/chart_data", call.Path)
			assert.Equal(t, "period_from=2025-01-01&period_to=2025-01-03&selection=revenue&with_totals=true", call.RawQuery)
			type point struct {
				Label string
				Value string
			}
			var points []point
			for _, p := range got.SelectionItems {
				points = append(points, point{p.Label, p.Value.String()})
			}
			assert.Equal(t, []point{{"2025-01-01", "0"}, {"2025-01-02", "4900"}, {"2025-01-03", "1250.5"}}, points)
			got.SelectionItems = nil
			assert.Equal(t, &firstpromoter.PromoterCampaignChart{
				PeriodFrom: "2025-01-01", PeriodTo: "2025-01-03", Selection: firstpromoter.PromoterChartRevenue, GroupBy: "day",
				Extra: tt.extra,
			}, got)
		})
	}
}

func TestPromoterCampaignsChartDataValidates(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, `{}`))
	for _, p := range []*firstpromoter.PromoterCampaignChartParams{
		nil,
		{PeriodTo: firstpromoter.NewDate(2025, 1, 3), Selection: firstpromoter.PromoterChartClicks},
		{PeriodFrom: firstpromoter.NewDate(2025, 1, 1), PeriodTo: firstpromoter.NewDate(2025, 1, 3)},
	} {
		_, err := c.PromoterCampaigns.ChartData(context.Background(), 1, p)
		assert.Error(t, err)
	}
	assert.Zero(t, rec.count())
}

func TestPromoterCampaignsChartPointRejectsGarbage(t *testing.T) {
	var p firstpromoter.PromoterCampaignChartPoint
	assert.Error(t, json.Unmarshal([]byte(`["2025-01-01"]`), &p))
	assert.Error(t, json.Unmarshal([]byte(`["2025-01-01", "lots"]`), &p))
}

func TestPromoterCampaignsNotFound(t *testing.T) {
	c, _ := newWireClient(t, wireJSON(http.StatusNotFound, `{"message": "Record not found", "code": "not_found"}`))
	_, err := c.PromoterCampaigns.Update(context.Background(), 1, nil)
	assert.ErrorIs(t, err, firstpromoter.ErrNotFound)
}
