package v1

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"net/http"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// ReportsService reads the performance reports: /reports.
type ReportsService service

// ReportColumn is a report column: a selected field (selected_fields[])
// or the column a report is sorted by. The constants are the ones the v1
// documentation names; others are sent as given.
type ReportColumn string

// Report columns.
const (
	ColumnRevenueAmount      ReportColumn = "revenue_amount"
	ColumnClicksCount        ReportColumn = "clicks_count"
	ColumnReferralsCount     ReportColumn = "referrals_count"
	ColumnCustomersCount     ReportColumn = "customers_count"
	ColumnSalesCount         ReportColumn = "sales_count"
	ColumnRefundsCount       ReportColumn = "refunds_count"
	ColumnCancellationsCount ReportColumn = "cancellations_count"
)

// SortOrder is asc or desc.
type SortOrder string

// Sort orders.
const (
	Asc  SortOrder = "asc"
	Desc SortOrder = "desc"
)

// ReportParams are the parameters of the reports. Every field is
// optional; the server picks its defaults.
type ReportParams struct {
	// SelectedFields are the columns (selected_fields[]), such as
	// ColumnRevenueAmount and ColumnClicksCount.
	SelectedFields []ReportColumn `url:"selected_fields,omitempty,brackets"`
	// GroupBy is day, month or year.
	GroupBy string `url:"group_by,omitempty"`
	// StartDate and EndDate are YYYY-MM-DD.
	StartDate string `url:"start_date,omitempty"`
	EndDate   string `url:"end_date,omitempty"`
}

// ReportValues is one row of figures. The columns depend on
// SelectedFields, so all of them are kept in Fields; the common ones are
// decoded beside.
type ReportValues struct {
	// RevenueAmount is sent as display text ("$613.17", in major units),
	// or as integer cents; both decode exactly. The symbol does not name
	// the currency for certain, so the amount carries none.
	RevenueAmount  Amount `json:"-"`
	ClicksCount    int64  `json:"-"`
	ReferralsCount int64  `json:"-"`
	CustomersCount int64  `json:"-"`
	// Fields holds every column of the row as sent.
	Fields map[string]json.RawMessage `json:"-"`
}

// decode reads the figures of a row object.
func (v *ReportValues) decode(data []byte) error {
	if err := json.Unmarshal(data, &v.Fields); err != nil {
		return err
	}
	if raw, ok := v.Fields["revenue_amount"]; ok {
		a, err := reportAmount(raw)
		if err != nil {
			return fmt.Errorf("revenue_amount: %w", err)
		}
		v.RevenueAmount = a
	}
	for name, dst := range map[string]*int64{"clicks_count": &v.ClicksCount, "referrals_count": &v.ReferralsCount, "customers_count": &v.CustomersCount} {
		if raw, ok := v.Fields[name]; ok && !bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
			var n json.Number
			if err := json.Unmarshal(raw, &n); err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			i, err := n.Int64()
			if err != nil {
				return fmt.Errorf("%s: %w", name, err)
			}
			*dst = i
		}
	}
	return nil
}

// reportAmount decodes a money column: display text in major units, or a
// number of cents.
func reportAmount(raw json.RawMessage) (Amount, error) {
	if bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return money.Null(), nil
	}
	var text string
	if err := json.Unmarshal(raw, &text); err == nil {
		return parseDisplayAmount(text)
	}
	var a Amount
	if err := json.Unmarshal(raw, &a); err != nil {
		return Amount{}, err
	}
	err := money.ToMinorUnits(centsExponent, &a)
	return a, err
}

// ReportRow is a row of the overview report: one period.
type ReportRow struct {
	// Period names the group ("Sep 2024").
	Period string
	ReportValues
}

// UnmarshalJSON decodes the row.
func (r *ReportRow) UnmarshalJSON(data []byte) error {
	*r = ReportRow{}
	if err := r.decode(data); err != nil {
		return err
	}
	return optString(r.Fields, "period", &r.Period)
}

// CampaignReport is a campaign's totals and its rows by period.
type CampaignReport struct {
	CampaignID   int64
	CampaignName string
	Items        []ReportRow
	ReportValues
}

// UnmarshalJSON decodes the report.
func (r *CampaignReport) UnmarshalJSON(data []byte) error {
	var head struct {
		CampaignID   *json.Number `json:"campaign_id"`
		CampaignName string       `json:"campaign_name"`
		Items        []ReportRow  `json:"items"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return err
	}
	*r = CampaignReport{CampaignName: head.CampaignName, Items: head.Items}
	if err := intNumber(head.CampaignID, &r.CampaignID); err != nil {
		return fmt.Errorf("campaign_id: %w", err)
	}
	return r.decode(data)
}

// PromoterReport is a promoter's totals and its rows by period.
type PromoterReport struct {
	PromoterID   int64
	PromoterName string
	Items        []ReportRow
	ReportValues
}

// UnmarshalJSON decodes the report.
func (r *PromoterReport) UnmarshalJSON(data []byte) error {
	var head struct {
		PromoterID   *json.Number `json:"promoter_id"`
		PromoterName string       `json:"promoter_name"`
		Items        []ReportRow  `json:"items"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return err
	}
	*r = PromoterReport{PromoterName: head.PromoterName, Items: head.Items}
	if err := intNumber(head.PromoterID, &r.PromoterID); err != nil {
		return fmt.Errorf("promoter_id: %w", err)
	}
	return r.decode(data)
}

func intNumber(n *json.Number, dst *int64) error {
	if n == nil {
		return nil
	}
	i, err := n.Int64()
	*dst = i
	return err
}

func optString(fields map[string]json.RawMessage, name string, dst *string) error {
	raw, ok := fields[name]
	if !ok || bytes.Equal(bytes.TrimSpace(raw), []byte("null")) {
		return nil
	}
	return json.Unmarshal(raw, dst)
}

// OverviewReportParams are the parameters of GET /reports/overview.
type OverviewReportParams struct {
	ReportParams
	// Sort orders the rows by one of the selected columns, in the order
	// SortDir (Asc or Desc).
	Sort    ReportColumn `url:"sort,omitempty"`
	SortDir SortOrder    `url:"sort_dir,omitempty"`
}

// Overview returns the account's figures by period.
func (s *ReportsService) Overview(ctx context.Context, params *OverviewReportParams, opts ...RequestOption) ([]ReportRow, error) {
	var rows []ReportRow
	if err := s.client.query(ctx, http.MethodGet, "reports/overview", copyOpts(params), &rows, opts...); err != nil {
		return nil, err
	}
	return rows, nil
}

// Campaigns returns every campaign's figures: GET /reports/campaigns.
func (s *ReportsService) Campaigns(ctx context.Context, params *ReportParams, opts ...RequestOption) ([]CampaignReport, error) {
	var rows []CampaignReport
	if err := s.client.query(ctx, http.MethodGet, "reports/campaigns", copyOpts(params), &rows, opts...); err != nil {
		return nil, err
	}
	return rows, nil
}

// PromoterReportOptions are the parameters of GET /reports/promoters.
type PromoterReportOptions struct {
	ListParams
	ReportParams
	// PromoterIDs limits the report to these promoters (promoter_ids[]).
	PromoterIDs []int64 `url:"promoter_ids,omitempty,brackets"`
	// Top50 limits the report to the 50 best promoters.
	Top50 bool `url:"top_50,omitempty"`
}

// Promoters iterates over the promoters' figures, page by page.
func (s *ReportsService) Promoters(ctx context.Context, opts ...*PromoterReportOptions) iter.Seq2[*PromoterReport, error] {
	return list(ctx, opts, s.PromotersPage)
}

// PromotersPage fetches the page opts.Page (default 1) of the promoters
// report.
func (s *ReportsService) PromotersPage(ctx context.Context, opts *PromoterReportOptions) ([]*PromoterReport, *Response, error) {
	return listPage[PromoterReport](ctx, s.client, "reports/promoters", copyOpts(opts))
}
