package firstpromoter

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"strconv"
)

// ReportsService reads the aggregated reports: /company/reports. Every
// report takes the columns to compute, a grouping period and a date range.
type ReportsService service

// ReportColumn is a metric a report can compute.
type ReportColumn string

// Report columns. Traffic source and URL reports accept only the counts,
// revenue_amount, promoter_earnings_amount and the _cr rates; ColumnURL
// is for URL reports only.
const (
	ColumnActiveCustomers         ReportColumn = "active_customers"
	ColumnMonthlyChurn            ReportColumn = "monthly_churn"
	ColumnClicksCount             ReportColumn = "clicks_count"
	ColumnNetRevenueAmount        ReportColumn = "net_revenue_amount"
	ColumnRevenueAmount           ReportColumn = "revenue_amount"
	ColumnReferralsCount          ReportColumn = "referrals_count"
	ColumnCustomersCount          ReportColumn = "customers_count"
	ColumnSalesCount              ReportColumn = "sales_count"
	ColumnRefundsCount            ReportColumn = "refunds_count"
	ColumnCancelledCustomersCount ReportColumn = "cancelled_customers_count"
	ColumnPromoterEarningsAmount  ReportColumn = "promoter_earnings_amount"
	ColumnNonLinkCustomers        ReportColumn = "non_link_customers"
	ColumnReferralsToCustomersCR  ReportColumn = "referrals_to_customers_cr"
	Column3mEPC                   ReportColumn = "3m_epc"
	Column6mEPC                   ReportColumn = "6m_epc"
	ColumnClicksToCustomersCR     ReportColumn = "clicks_to_customers_cr"
	ColumnClicksToReferralsCR     ReportColumn = "clicks_to_referrals_cr"
	ColumnPromoterPaidAmount      ReportColumn = "promoter_paid_amount"
	ColumnSignupsCount            ReportColumn = "signups_count"
	ColumnURL                     ReportColumn = "url"
)

// ReportGrouping is the period a report's rows or sub-rows cover.
type ReportGrouping string

// Report groupings.
const (
	GroupByDay   ReportGrouping = "day"
	GroupByWeek  ReportGrouping = "week"
	GroupByMonth ReportGrouping = "month"
	GroupByYear  ReportGrouping = "year"
)

// ReportParams is the query of every report.
type ReportParams struct {
	// Columns are the metrics to compute (columns[]=...). Required.
	Columns []ReportColumn `url:"columns,brackets"`
	// GroupBy is the period of the rows (overview) or sub-rows. Required.
	GroupBy ReportGrouping `url:"group_by"`
	// StartDate and EndDate bound the report. Required.
	StartDate Date `url:"start_date"`
	EndDate   Date `url:"end_date"`
	// Q filters the rows by a search term (promoter name or email, ...).
	Q string `url:"q,omitempty"`
	// Sort orders the rows by one column: sorting[<column>]=asc|desc.
	Sort *ReportSort `url:"sorting,omitempty"`
}

// ReportSort orders a report by one of its columns.
type ReportSort struct {
	Column ReportColumn
	// Order is Asc or Desc; empty means Desc.
	Order SortOrder
}

// EncodeValues implements go-querystring's Encoder: sorting[<column>]=<order>.
func (s *ReportSort) EncodeValues(key string, v *url.Values) error {
	if s == nil || s.Column == "" {
		return nil
	}
	order := s.Order
	if order == "" {
		order = Desc
	}
	v.Set(key+"["+string(s.Column)+"]", string(order))
	return nil
}

func (p *ReportParams) validate(op string) error {
	switch {
	case p == nil || len(p.Columns) == 0:
		return fmt.Errorf("firstpromoter: %s: at least one column is required", op)
	case p.GroupBy == "":
		return fmt.Errorf("firstpromoter: %s: GroupBy is required", op)
	case p.StartDate.IsZero() || p.EndDate.IsZero():
		return fmt.Errorf("firstpromoter: %s: StartDate and EndDate are required", op)
	}
	return nil
}

// ReportRow is one row of a report. Which of Period, Promoter, Campaign,
// Source and URL is set depends on the report: overview rows are periods,
// the others are one promoter, campaign, traffic source or URL each, with
// SubData breaking the row down by period.
type ReportRow struct {
	// ID identifies the row: the promoter or campaign id (an integer in
	// the promoters and campaigns reports), or a period, source or URL key
	// (text in the other reports and in SubData).
	ID       ReportRowID  `json:"id"`
	Period   string       `json:"period,omitempty"`
	Promoter *PromoterRef `json:"promoter,omitempty"`
	Campaign *CampaignRef `json:"campaign,omitempty"`
	Source   string       `json:"source,omitempty"`
	URL      string       `json:"url,omitempty"`
	// Data holds the requested columns.
	Data ReportData `json:"data"`
	// SubData breaks the row down by GroupBy period (ID and Period set).
	SubData []*ReportRow `json:"sub_data,omitempty"`
}

// ReportRowID is a report row's id as the spec types it: an integer
// (IsInt, the promoter or campaign id) or text (a period, source or URL
// key). It encodes back in the kind it was sent.
type ReportRowID struct {
	Int   int64
	Text  string
	IsInt bool
}

// String returns the id as text: the integer's digits or the key.
func (id ReportRowID) String() string {
	if id.IsInt {
		return strconv.FormatInt(id.Int, 10)
	}
	return id.Text
}

// Int64 returns the id as an integer: the integer sent, or text that
// holds one. ok is false for other keys.
func (id ReportRowID) Int64() (n int64, ok bool) {
	if id.IsInt {
		return id.Int, true
	}
	n, err := strconv.ParseInt(id.Text, 10, 64)
	return n, err == nil
}

// MarshalJSON writes an integer or a string, as the id was sent.
func (id ReportRowID) MarshalJSON() ([]byte, error) {
	if id.IsInt {
		return strconv.AppendInt(nil, id.Int, 10), nil
	}
	return json.Marshal(id.Text)
}

// UnmarshalJSON accepts an integer or a string; null is the empty key.
func (id *ReportRowID) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*id = ReportRowID{}
	if len(b) > 0 && b[0] != '"' && string(b) != "null" {
		n, err := strconv.ParseInt(string(b), 10, 64)
		if err != nil {
			// A number that is not an integer is kept as its literal.
			id.Text = string(b)
			return nil
		}
		id.Int, id.IsInt = n, true
		return nil
	}
	id.Text = rawText(b)
	return nil
}

// rawText returns a JSON string's value or a number's literal; "" for null.
func rawText(raw json.RawMessage) string {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || string(raw) == "null" {
		return ""
	}
	var s string
	if json.Unmarshal(raw, &s) == nil {
		return s
	}
	return string(raw)
}

// ReportData maps a column to its value, kept exactly as sent. The API
// types every column as a number without documenting the unit of the money
// columns (*_amount, the EPCs; most likely cents, as elsewhere), so no
// conversion is made: a revenue_amount of 2500 reads as "2500". Counts
// are whole numbers; rates and churn are fractions or percentages as the
// API computes them.
type ReportData map[ReportColumn]Amount

// Get returns the value of col, zero when absent.
func (d ReportData) Get(col ReportColumn) Amount { return d[col] }

// UnmarshalJSON accepts numbers and numeric strings and skips nulls and
// other values, since the API documents only some columns' types.
func (d *ReportData) UnmarshalJSON(b []byte) error {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	if raw == nil {
		*d = nil
		return nil
	}
	out := make(ReportData, len(raw))
	for k, v := range raw {
		if v = bytes.TrimSpace(v); string(v) == "null" {
			continue
		}
		var a Amount
		if json.Unmarshal(v, &a) == nil {
			out[ReportColumn(k)] = a
		}
	}
	*d = out
	return nil
}

// Overview returns the account's totals, one row per GroupBy period.
func (s *ReportsService) Overview(ctx context.Context, params *ReportParams, opts ...RequestOption) ([]*ReportRow, error) {
	return s.report(ctx, "overview", params, opts...)
}

// Campaigns returns one row per campaign.
func (s *ReportsService) Campaigns(ctx context.Context, params *ReportParams, opts ...RequestOption) ([]*ReportRow, error) {
	return s.report(ctx, "campaigns", params, opts...)
}

// Promoters returns one row per promoter.
func (s *ReportsService) Promoters(ctx context.Context, params *ReportParams, opts ...RequestOption) ([]*ReportRow, error) {
	return s.report(ctx, "promoters", params, opts...)
}

// TrafficSources returns one row per traffic source.
func (s *ReportsService) TrafficSources(ctx context.Context, params *ReportParams, opts ...RequestOption) ([]*ReportRow, error) {
	return s.report(ctx, "traffic_sources", params, opts...)
}

// URLs returns one row per referring URL.
func (s *ReportsService) URLs(ctx context.Context, params *ReportParams, opts ...RequestOption) ([]*ReportRow, error) {
	return s.report(ctx, "urls", params, opts...)
}

func (s *ReportsService) report(ctx context.Context, kind string, params *ReportParams, opts ...RequestOption) ([]*ReportRow, error) {
	if err := params.validate(kind + " report"); err != nil {
		return nil, err
	}
	return callList[ReportRow](ctx, s.client, get("company/reports/"+kind, params), opts)
}

// ReportType names a report for Download.
type ReportType string

// Report types.
const (
	ReportOverview       ReportType = "overview"
	ReportCampaigns      ReportType = "campaigns"
	ReportPromoters      ReportType = "promoters"
	ReportTrafficSources ReportType = "traffic_sources"
	ReportURLs           ReportType = "urls"
)

// ReportDownloadParams is the query of GET /company/reports/download.
type ReportDownloadParams struct {
	// ReportType is the report to export. Required.
	ReportType ReportType `url:"report_type"`
	// Totals adds a totals row.
	Totals bool `url:"totals,omitempty"`
	// ReportParams are the report's columns, grouping and dates (required)
	// and its optional search and sort.
	ReportParams
}

// ErrReportQueued is returned by Download when FirstPromoter prepares the
// file in the background (HTTP 202) instead of sending it. The error's
// text carries the API's message.
var ErrReportQueued = errors.New("firstpromoter: report download queued")

// Download exports a report as a file (CSV). The caller reads and closes
// the returned body; it is streamed, not held in memory. The body is not
// size-capped: WithMaxResponseBytes does not apply to it, so the caller
// must bound what it reads (io.LimitReader, or a per-row limit when
// parsing it). A download the API queues instead (HTTP 202) returns an
// error matching ErrReportQueued.
func (s *ReportsService) Download(ctx context.Context, params *ReportDownloadParams, opts ...RequestOption) (io.ReadCloser, error) {
	if params == nil || params.ReportType == "" {
		return nil, errors.New("firstpromoter: download report: ReportType is required")
	}
	if err := params.ReportParams.validate("download report"); err != nil {
		return nil, err
	}
	return s.client.download(ctx, get("company/reports/download", params), ErrReportQueued, opts)
}
