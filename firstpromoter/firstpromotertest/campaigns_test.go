package firstpromotertest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

func TestCampaigns(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	list := okJSON[[]firstpromotertest.Campaign](t, call(t, srv, http.MethodGet, "/company/campaigns", nil), http.StatusOK)
	require.Len(t, list, 3)
	assert.Equal(t, "Partner Program", list[0].Name)
	assert.True(t, list[0].IsDefault)
	var stats firstpromotertest.CampaignStats
	for _, c := range list {
		stats.PromotersCount += c.Stats.PromotersCount
		stats.ReferralsCount += c.Stats.ReferralsCount
	}
	assert.Equal(t, 26, stats.PromotersCount, "25 promoters, one of them in two campaigns")
	assert.Equal(t, 60, stats.ReferralsCount)

	created := okJSON[firstpromotertest.Campaign](t, call(t, srv, http.MethodPost, "/company/campaigns", map[string]any{
		"name": "Black Friday", "landing_url": "https://www.acmeanalytics.com/bf", "ref_token_param": "?deal",
		"visitor_cookie_life": 30, "color": "#111827", "links": []map[string]any{{"name": "Deal", "url": "https://www.acmeanalytics.com/bf/deal"}},
		"rewards_for_promoters": []map[string]any{{"apply_on": "one_time", "product_ids": []int{}, "reward_id": 203}},
	}), http.StatusCreated)
	assert.Equal(t, "?deal", created.RefTokenParam)
	require.Len(t, created.Links, 1)
	assert.NotZero(t, created.Links[0].ID)
	require.Len(t, created.RewardsForPromoters, 1)
	assert.Equal(t, "$50 per new customer", created.RewardsForPromoters[0].Reward.Name)

	updated := okJSON[firstpromotertest.Campaign](t, call(t, srv, http.MethodPut, fmt.Sprintf("/company/campaigns/%d", created.ID), map[string]any{"is_private": true}), http.StatusOK)
	assert.True(t, updated.IsPrivate)
	assert.Equal(t, "Black Friday", updated.Name)
	okJSON[firstpromotertest.Campaign](t, call(t, srv, http.MethodDelete, fmt.Sprintf("/company/campaigns/%d", created.ID), nil), http.StatusOK)
	assert.Len(t, srv.Campaigns(), 3)

	for _, tt := range []struct {
		body  map[string]any
		param string
	}{
		{map[string]any{"landing_url": "https://x.example.com", "ref_token_param": "?fpr", "visitor_cookie_life": 30}, "name"},
		{map[string]any{"name": "X", "ref_token_param": "?fpr", "visitor_cookie_life": 30}, "landing_url"},
		{map[string]any{"name": "X", "landing_url": "https://x.example.com", "visitor_cookie_life": 30}, "ref_token_param"},
		{map[string]any{"name": "X", "landing_url": "https://x.example.com", "ref_token_param": "?fpr"}, "visitor_cookie_life"},
		{map[string]any{"name": "X", "landing_url": "https://x.example.com", "ref_token_param": "?aff", "visitor_cookie_life": 30}, "ref_token_param"},
		{map[string]any{"name": "X", "landing_url": "https://x.example.com", "ref_token_param": "?fpr", "visitor_cookie_life": 30, "track_ad_traffic": "maybe"}, "track_ad_traffic"},
	} {
		requireParamError(t, call(t, srv, http.MethodPost, "/company/campaigns", tt.body), tt.param)
	}
}

func TestPromoterCampaigns(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	r := call(t, srv, http.MethodGet, "/company/promoter_campaigns?per_page=100", nil)
	var rows []map[string]any
	require.NoError(t, json.Unmarshal(r.body, &rows))
	require.Len(t, rows, 26)
	for _, key := range []string{
		"id", "campaign_id", "promoter_id", "created_at", "promoter", "campaign", "state", "stats", "coupon", "display_coupon",
		"ref_token", "ref_link", "is_customized", "direct_url", "referral_rewards_customized", "promoter_rewards_customized",
		"rewards_for_promoters", "rewards_for_referrals", "promo_codes",
	} {
		assert.Contains(t, rows[0], key)
	}

	found := okJSON[[]firstpromotertest.PromoterCampaign](t, call(t, srv, http.MethodGet, "/company/promoter_campaigns/search?q=a", nil), http.StatusOK)
	assert.Len(t, found, 5, "search answers at most 5")
	requireParamError(t, call(t, srv, http.MethodGet, "/company/promoter_campaigns/search", nil), "q")

	pc := srv.PromoterCampaigns()[1]
	updated := okJSON[firstpromotertest.PromoterCampaign](t, call(t, srv, http.MethodPut, fmt.Sprintf("/company/promoter_campaigns/%d", pc.ID),
		map[string]any{"ref_token": "olivia-vip", "state": "inactive", "coupon": "OLIVIA20"}), http.StatusOK)
	assert.Equal(t, firstpromotertest.NullString("olivia-vip"), updated.RefToken)
	assert.Equal(t, firstpromoter.PromoterInactive, updated.State)
	assert.Contains(t, string(updated.RefLink), "via=olivia-vip")
	p := okJSON[firstpromotertest.Promoter](t, call(t, srv, http.MethodGet, "/company/promoters/olivia-vip?find_by=ref_token", nil), http.StatusOK)
	assert.Equal(t, pc.PromoterID, p.ID)
	taken := call(t, srv, http.MethodPut, fmt.Sprintf("/company/promoter_campaigns/%d", pc.ID), map[string]any{"ref_token": "liam"})
	assert.Equal(t, http.StatusBadRequest, taken.status)
	requireParamError(t, call(t, srv, http.MethodPut, fmt.Sprintf("/company/promoter_campaigns/%d", pc.ID), map[string]any{"state": "sleeping"}), "state")

	links := okJSON[[]firstpromotertest.ReferralLink](t, call(t, srv, http.MethodGet, fmt.Sprintf("/company/promoter_campaigns/%d/referral_links", srv.PromoterCampaigns()[0].ID), nil), http.StatusOK)
	require.Len(t, links, 2, "the default link and the campaign's pricing link")
	assert.True(t, links[0].IsDefault)
	assert.Equal(t, "https://www.acmeanalytics.com/pricing?fpr=olivia", links[1].URL)

	chart := okJSON[map[string]any](t, call(t, srv, http.MethodGet, fmt.Sprintf("/company/promoter_campaigns/%d/chart_data?period_from=2024-12-01&period_to=2025-03-18&selection=referrals", pc.ID), nil), http.StatusOK)
	assert.Equal(t, "week", chart["group_by"])
	items := chart["selection_items"].([]any)
	require.NotEmpty(t, items)
	assert.ElementsMatch(t, []string{"date", "value"}, keys(items[0].(map[string]any)), "promoter campaign points are objects")
}

func TestPromoCodes(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	all := okJSON[[]firstpromotertest.PromoCode](t, call(t, srv, http.MethodGet, "/company/promo_codes", nil), http.StatusOK)
	require.Len(t, all, 5)
	pc := srv.PromoterCampaigns()[0]
	created := okJSON[firstpromotertest.PromoCode](t, call(t, srv, http.MethodPost, "/company/promo_codes", map[string]any{
		"code": "SPRING25", "reward_id": 204, "promoter_campaign_id": pc.ID, "description": "Spring sale",
	}), http.StatusOK)
	assert.Equal(t, "SPRING25", created.Code)
	assert.Equal(t, &firstpromotertest.RewardRef{ID: 204, Name: "10% off for referrals"}, created.Reward)
	filtered := okJSON[[]firstpromotertest.PromoCode](t, call(t, srv, http.MethodGet, fmt.Sprintf("/company/promo_codes?promoter_campaign_id=%d", pc.ID), nil), http.StatusOK)
	assert.Len(t, filtered, 2)
	p := okJSON[firstpromotertest.Promoter](t, call(t, srv, http.MethodGet, "/company/promoters/spring25?find_by=promo_code", nil), http.StatusOK)
	assert.Equal(t, pc.PromoterID, p.ID)

	updated := okJSON[firstpromotertest.PromoCode](t, call(t, srv, http.MethodPut, fmt.Sprintf("/company/promo_codes/%d", created.ID), map[string]any{"description": "Spring sale 2025"}), http.StatusOK)
	assert.Equal(t, firstpromotertest.NullString("Spring sale 2025"), updated.Description)
	del := call(t, srv, http.MethodDelete, fmt.Sprintf("/company/promo_codes/%d", created.ID), nil)
	assert.Equal(t, http.StatusOK, del.status)
	archived := okJSON[firstpromotertest.PromoCode](t, call(t, srv, http.MethodGet, fmt.Sprintf("/company/promo_codes/%d", created.ID), nil), http.StatusOK)
	assert.Equal(t, fixedNow, archived.ArchivedAt.Time, "DELETE archives")

	requireParamError(t, call(t, srv, http.MethodPost, "/company/promo_codes", map[string]any{"reward_id": 204, "promoter_campaign_id": pc.ID}), "code")
	requireParamError(t, call(t, srv, http.MethodPost, "/company/promo_codes", map[string]any{"code": "X", "promoter_campaign_id": pc.ID}), "reward_id")
	requireParamError(t, call(t, srv, http.MethodPost, "/company/promo_codes", map[string]any{"code": "X", "reward_id": 204}), "promoter_campaign_id")
	dup := call(t, srv, http.MethodPost, "/company/promo_codes", map[string]any{"code": "spring25", "reward_id": 204, "promoter_campaign_id": pc.ID})
	assert.Equal(t, http.StatusBadRequest, dup.status)
}

func TestReports(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	base := "columns[]=revenue_amount&columns[]=referrals_count&columns[]=promoter_earnings_amount&group_by=month&start_date=2025-02-01&end_date=2025-03-31"
	overview := okJSON[[]struct {
		Period string                 `json:"period"`
		ID     string                 `json:"id"`
		Data   map[string]json.Number `json:"data"`
	}](t, call(t, srv, http.MethodGet, "/company/reports/overview?"+base, nil), http.StatusOK)
	require.Len(t, overview, 2)
	assert.Equal(t, "2025-02", overview[0].Period)
	assert.Equal(t, "2025-03", overview[1].Period)
	assert.ElementsMatch(t, []string{"revenue_amount", "referrals_count", "promoter_earnings_amount"}, keys(overview[0].Data))
	var revenue int64
	for _, c := range srv.Commissions() {
		if n := centsOf(t, c.SaleAmount); n > 0 {
			revenue += n
		}
	}
	feb, err := overview[0].Data["revenue_amount"].Int64()
	require.NoError(t, err)
	mar, err := overview[1].Data["revenue_amount"].Int64()
	require.NoError(t, err)
	assert.Equal(t, revenue, feb+mar, "revenue in cents, summed exactly")

	for kind, field := range map[string]string{"campaigns": "campaign", "promoters": "promoter", "traffic_sources": "source", "urls": "url"} {
		rows := okJSON[[]map[string]any](t, call(t, srv, http.MethodGet, "/company/reports/"+kind+"?"+base+"&sorting[revenue_amount]=desc", nil), http.StatusOK)
		require.NotEmpty(t, rows, kind)
		assert.ElementsMatch(t, []string{"id", field, "data", "sub_data"}, keys(rows[0]), kind)
		assert.Len(t, rows[0]["sub_data"], 2, kind)
		for i := 1; i < len(rows); i++ {
			a := rows[i-1]["data"].(map[string]any)["revenue_amount"].(float64)
			b := rows[i]["data"].(map[string]any)["revenue_amount"].(float64)
			assert.GreaterOrEqual(t, a, b, kind)
		}
	}
	requireParamError(t, call(t, srv, http.MethodGet, "/company/reports/overview?group_by=month&start_date=2025-02-01&end_date=2025-03-31", nil), "columns")
	requireParamError(t, call(t, srv, http.MethodGet, "/company/reports/overview?columns[]=likes&group_by=month&start_date=2025-02-01&end_date=2025-03-31", nil), "columns")
	requireParamError(t, call(t, srv, http.MethodGet, "/company/reports/overview?columns[]=clicks_count&group_by=hour&start_date=2025-02-01&end_date=2025-03-31", nil), "group_by")
	requireParamError(t, call(t, srv, http.MethodGet, "/company/reports/overview?columns[]=clicks_count&group_by=day&end_date=2025-03-31", nil), "start_date")
}
