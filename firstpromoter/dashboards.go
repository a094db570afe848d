package firstpromoter

import (
	"context"
	"encoding/json"
	"net/http"
)

// DashboardsService reads the account dashboard: /company/dashboards. The
// spec documents the dashboard's parameters but none of its answers, so
// Stats, Trendings and PayoutsAndCommissions return the answer's fields
// as the JSON sent, and ChartData reads the promoter charts' shape.
type DashboardsService service

// DashboardChartCommissions is the commissions measure, which only the
// dashboard chart offers beside the promoter chart selections.
const DashboardChartCommissions PromoterChartSelection = "commissions"

// DashboardParams is the query of every dashboard call.
type DashboardParams struct {
	Filters DashboardFilters `url:"filters,omitempty"`
}

// DashboardFilters are the filters[...] parameters of the dashboard.
type DashboardFilters struct {
	// CampaignID limits the dashboard to these campaigns.
	CampaignID []int64 `url:"campaign_id,omitempty,brackets"`
}

// DashboardData is a dashboard answer: each field's JSON kept as sent.
// Decode a number with json.Unmarshal into an Amount to keep it exact.
type DashboardData map[string]json.RawMessage

// Stats returns the dashboard's headline numbers and pending actions.
func (s *DashboardsService) Stats(ctx context.Context, params *DashboardParams, opts ...RequestOption) (DashboardData, error) {
	return s.data(ctx, "company/dashboards/stats", params, opts...)
}

// Trendings returns the dashboard's trends.
func (s *DashboardsService) Trendings(ctx context.Context, params *DashboardParams, opts ...RequestOption) (DashboardData, error) {
	return s.data(ctx, "company/dashboards/trendings", params, opts...)
}

// PayoutsAndCommissions returns the dashboard's payout and commission
// figures.
func (s *DashboardsService) PayoutsAndCommissions(ctx context.Context, params *DashboardParams, opts ...RequestOption) (DashboardData, error) {
	return s.data(ctx, "company/dashboards/payouts_and_commissions", params, opts...)
}

func (s *DashboardsService) data(ctx context.Context, path string, params *DashboardParams, opts ...RequestOption) (DashboardData, error) {
	var out DashboardData
	if _, err := s.client.do(ctx, http.MethodGet, path, params, nil, &out, opts...); err != nil {
		return nil, err
	}
	return out, nil
}

// DashboardChartParams is the query of GET /company/dashboards/chart_data.
// Every field is optional.
type DashboardChartParams struct {
	DashboardParams
	PeriodFrom Date `url:"period_from,omitempty"`
	PeriodTo   Date `url:"period_to,omitempty"`
	// Selection is a PromoterChart* selection or DashboardChartCommissions.
	Selection PromoterChartSelection `url:"selection,omitempty"`
}

// ChartData returns the dashboard chart, read in the promoter charts'
// shape (period_from, period_to, selection, selection_items, group_by).
func (s *DashboardsService) ChartData(ctx context.Context, params *DashboardChartParams, opts ...RequestOption) (*PromoterChartData, error) {
	d := new(PromoterChartData)
	if _, err := s.client.do(ctx, http.MethodGet, "company/dashboards/chart_data", params, nil, d, opts...); err != nil {
		return nil, err
	}
	return d, nil
}
