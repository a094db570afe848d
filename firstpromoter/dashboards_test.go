package firstpromoter_test

import (
	"context"
	"encoding/json"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

func TestDashboardsAgainstFake(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 15, 12, 0, 0, 0, time.UTC)
	c, srv, _ := newFakeClient(t, []firstpromotertest.ServerOption{firstpromotertest.WithDemoData(), firstpromotertest.WithClock(func() time.Time { return now })})
	camps := srv.Campaigns()
	require.Greater(t, len(camps), 1)

	count := func(d firstpromoter.DashboardData, key string) firstpromoter.Amount {
		t.Helper()
		var a firstpromoter.Amount
		require.NoError(t, json.Unmarshal(d[key], &a), key)
		return a
	}
	all, err := c.Dashboards.Stats(ctx, nil)
	require.NoError(t, err)
	one, err := c.Dashboards.Stats(ctx, &firstpromoter.DashboardParams{Filters: firstpromoter.DashboardFilters{CampaignID: []int64{camps[0].ID}}})
	require.NoError(t, err)
	for _, key := range []string{"referrals_count", "customers_count", "revenue_amount"} {
		cmp, err := count(one, key).Cmp(count(all, key))
		require.NoError(t, err)
		assert.LessOrEqual(t, cmp, 0, "%s of one campaign is at most the account's", key)
	}
	assert.Equal(t, 1, count(all, "referrals_count").Sign())

	tr, err := c.Dashboards.Trendings(ctx, nil)
	require.NoError(t, err)
	assert.Contains(t, string(tr["top_promoters"]), `"revenue_amount"`)

	pc, err := c.Dashboards.PayoutsAndCommissions(ctx, nil)
	require.NoError(t, err)
	assert.Contains(t, pc, "payouts")
	assert.Contains(t, pc, "commissions")

	cases := []struct {
		name      string
		params    *firstpromoter.DashboardChartParams
		selection firstpromoter.PromoterChartSelection
		points    int
	}{
		{"defaults: 30 days of revenue", nil, firstpromoter.PromoterChartRevenue, 30},
		{"commissions over a week", &firstpromoter.DashboardChartParams{PeriodFrom: firstpromoter.NewDate(2026, 3, 1), PeriodTo: firstpromoter.NewDate(2026, 3, 7), Selection: firstpromoter.DashboardChartCommissions}, firstpromoter.DashboardChartCommissions, 7},
		{"referrals of a campaign", &firstpromoter.DashboardChartParams{
			DashboardParams: firstpromoter.DashboardParams{Filters: firstpromoter.DashboardFilters{CampaignID: []int64{camps[1].ID}}},
			PeriodFrom:      firstpromoter.NewDate(2026, 3, 1), PeriodTo: firstpromoter.NewDate(2026, 3, 2), Selection: firstpromoter.PromoterChartReferrals,
		}, firstpromoter.PromoterChartReferrals, 2},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			d, err := c.Dashboards.ChartData(ctx, tc.params)
			require.NoError(t, err)
			assert.Equal(t, tc.selection, d.Selection)
			assert.Len(t, d.SelectionItems, tc.points)
			assert.Equal(t, "day", d.GroupBy)
		})
	}
	srv.ResetRequests()
	_, err = c.Dashboards.ChartData(ctx, &firstpromoter.DashboardChartParams{DashboardParams: firstpromoter.DashboardParams{Filters: firstpromoter.DashboardFilters{CampaignID: []int64{4, 5}}}, Selection: firstpromoter.PromoterChartClicks})
	require.NoError(t, err)
	q, err := url.QueryUnescape(srv.Requests()[0].Query)
	require.NoError(t, err)
	assert.Equal(t, "filters[campaign_id][]=4&filters[campaign_id][]=5&selection=clicks", q)
}
