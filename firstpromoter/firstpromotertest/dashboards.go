package firstpromotertest

import (
	"net/http"
	"net/url"
	"slices"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// The spec documents the dashboard's parameters but none of its answers.
// The fake answers objects of its own: counts and cents computed from its
// data under the keys below, and the chart in the promoter chart's shape.

func (s *Server) dashboardRoutes() {
	s.handle("GET /company/dashboards/stats", s.dashboardStats)
	s.handle("GET /company/dashboards/trendings", s.dashboardTrendings)
	s.handle("GET /company/dashboards/chart_data", s.dashboardChart)
	s.handle("GET /company/dashboards/payouts_and_commissions", s.dashboardPayoutsAndCommissions)
}

// dashboardScope returns the promoter campaigns of filters[campaign_id],
// all when absent.
func (s *Server) dashboardScope(r *http.Request) ([]int64, *apiError) {
	camps, e := listQuery(r.URL.Query()).ints("filters[campaign_id]")
	if e != nil {
		return nil, e
	}
	var pcs []int64
	for _, pc := range s.promoterCampaigns.All() {
		if inIDs(camps, pc.CampaignID) {
			pcs = append(pcs, pc.ID)
		}
	}
	return pcs, nil
}

// dashboardStats answers {"promoters_count", "pending_promoters_count",
// "referrals_count", "customers_count", "revenue_amount" (cents),
// "pending_commissions_count"}.
func (s *Server) dashboardStats(r *http.Request) (int, any, *apiError) {
	pcs, e := s.dashboardScope(r)
	if e != nil {
		return 0, nil, e
	}
	promoters, pending := map[int64]bool{}, map[int64]bool{}
	for _, pc := range s.promoterCampaigns.All() {
		if slices.Contains(pcs, pc.ID) {
			promoters[pc.PromoterID] = true
			if pc.State == "pending" {
				pending[pc.PromoterID] = true
			}
		}
	}
	var referrals, customers, pendingCommissions, revenue int64
	for _, ref := range s.referrals.All() {
		if slices.Contains(pcs, ref.promoterCampaignID()) {
			referrals++
			if !ref.CustomerSince.IsZero() {
				customers++
			}
		}
	}
	for _, cm := range s.commissions.All() {
		if slices.Contains(pcs, cm.promoterCampaignID()) {
			if cm.CommissionType == "sale" {
				revenue += cm.sale()
			}
			if cm.Status == "pending" {
				pendingCommissions++
			}
		}
	}
	return http.StatusOK, map[string]any{
		"promoters_count": len(promoters), "pending_promoters_count": len(pending), "referrals_count": referrals,
		"customers_count": customers, "revenue_amount": revenue, "pending_commissions_count": pendingCommissions,
	}, nil
}

// dashboardTrendings answers {"top_promoters": [{id, email, name,
// revenue_amount}]}, the five promoters with the most sale revenue.
func (s *Server) dashboardTrendings(r *http.Request) (int, any, *apiError) {
	pcs, e := s.dashboardScope(r)
	if e != nil {
		return 0, nil, e
	}
	revenue := map[int64]int64{}
	for _, cm := range s.commissions.All() {
		if cm.CommissionType == "sale" && slices.Contains(pcs, cm.promoterCampaignID()) {
			if pc, ok := s.promoterCampaigns.Get(cm.promoterCampaignID()); ok {
				revenue[pc.PromoterID] += cm.sale()
			}
		}
	}
	type top struct {
		PromoterRef
		RevenueAmount int64 `json:"revenue_amount"`
	}
	rows := []top{}
	for id, v := range revenue {
		if ref := s.promoterRef(id); ref != nil {
			rows = append(rows, top{*ref, v})
		}
	}
	slices.SortFunc(rows, func(a, b top) int {
		if a.RevenueAmount != b.RevenueAmount {
			return int(min(max(b.RevenueAmount-a.RevenueAmount, -1), 1))
		}
		return int(min(max(a.ID-b.ID, -1), 1))
	})
	return http.StatusOK, map[string]any{"top_promoters": rows[:min(len(rows), 5)]}, nil
}

// dashboardChart answers the promoter chart's shape over the scope;
// period_from and period_to default to the last 30 days and selection to
// revenue.
func (s *Server) dashboardChart(r *http.Request) (int, any, *apiError) {
	pcs, e := s.dashboardScope(r)
	if e != nil {
		return 0, nil, e
	}
	q := r.URL.Query()
	now := s.now()
	defaults := url.Values{
		"period_from": {now.AddDate(0, 0, -29).Format(time.DateOnly)},
		"period_to":   {now.Format(time.DateOnly)},
		"selection":   {"revenue"},
	}
	for k, v := range defaults {
		if q.Get(k) == "" {
			q[k] = v
		}
	}
	r2 := r.Clone(r.Context())
	r2.URL.RawQuery = q.Encode()
	c, e := s.chart(r2, pcs, dashboardChartSelections)
	if e != nil {
		return 0, nil, e
	}
	items := make([][2]any, len(c.points))
	for i, pt := range c.points {
		items[i] = [2]any{pt.label, pt.value}
	}
	return http.StatusOK, map[string]any{
		"period_from": c.from, "period_to": c.to, "selection": c.selection,
		"selection_items": items, "group_by": c.groupBy,
	}, nil
}

// dashboardPayoutsAndCommissions answers {"payouts": {status: amount},
// "commissions": {status: cents}} over cash amounts.
func (s *Server) dashboardPayoutsAndCommissions(r *http.Request) (int, any, *apiError) {
	pcs, e := s.dashboardScope(r)
	if e != nil {
		return 0, nil, e
	}
	promoters := map[int64]bool{}
	for _, pc := range s.promoterCampaigns.All() {
		if slices.Contains(pcs, pc.ID) {
			promoters[pc.PromoterID] = true
		}
	}
	payouts := map[string]money.Amount{}
	for _, po := range s.payouts.All() {
		if promoters[po.promoterID()] && po.Unit == "cash" {
			payouts[string(po.Status)] = plus(payouts[string(po.Status)], po.Amount)
		}
	}
	commissions := map[string]int64{}
	for _, cm := range s.commissions.All() {
		if slices.Contains(pcs, cm.promoterCampaignID()) && cm.Unit == "cash" {
			commissions[string(cm.Status)] += cm.units()
		}
	}
	return http.StatusOK, map[string]any{"payouts": payouts, "commissions": commissions}, nil
}
