package everflow

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"slices"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// ReportsService runs aggregated (entity) reports, the data behind the
// Offer, Partner, Advertiser, Flex and Daily reports of the UI:
// networks/reporting/entity.
type ReportsService service

// ReportColumn is a dimension an entity report is grouped by.
type ReportColumn string

// Report columns. At most one time column (hour, date, week, month,
// year) may be used per report.
const (
	ColumnOffer            ReportColumn = "offer"
	ColumnAffiliate        ReportColumn = "affiliate"
	ColumnAdvertiser       ReportColumn = "advertiser"
	ColumnOfferGroup       ReportColumn = "offer_group"
	ColumnCampaign         ReportColumn = "campaign"
	ColumnCreative         ReportColumn = "creative"
	ColumnEventName        ReportColumn = "event_name"
	ColumnOfferURL         ReportColumn = "offer_url"
	ColumnCountry          ReportColumn = "country"
	ColumnCountryCode      ReportColumn = "country_code"
	ColumnRegion           ReportColumn = "region"
	ColumnCity             ReportColumn = "city"
	ColumnDMA              ReportColumn = "dma"
	ColumnCarrier          ReportColumn = "carrier"
	ColumnPlatform         ReportColumn = "platform"
	ColumnOSVersion        ReportColumn = "os_version"
	ColumnISP              ReportColumn = "isp"
	ColumnBrowser          ReportColumn = "browser"
	ColumnDeviceType       ReportColumn = "device_type"
	ColumnDeviceMake       ReportColumn = "device_make"
	ColumnModel            ReportColumn = "model"
	ColumnLanguage         ReportColumn = "language"
	ColumnConnectionType   ReportColumn = "connection_type"
	ColumnSub1             ReportColumn = "sub1"
	ColumnSub2             ReportColumn = "sub2"
	ColumnSub3             ReportColumn = "sub3"
	ColumnSub4             ReportColumn = "sub4"
	ColumnSub5             ReportColumn = "sub5"
	ColumnSourceID         ReportColumn = "source_id"
	ColumnAdv1             ReportColumn = "adv1"
	ColumnAdv2             ReportColumn = "adv2"
	ColumnAdv3             ReportColumn = "adv3"
	ColumnAdv4             ReportColumn = "adv4"
	ColumnAdv5             ReportColumn = "adv5"
	ColumnCouponCode       ReportColumn = "coupon_code"
	ColumnTrackingDomain   ReportColumn = "tracking_domain"
	ColumnReferer          ReportColumn = "referer"
	ColumnOfferStatus      ReportColumn = "offer_status"
	ColumnAffiliateManager ReportColumn = "affiliate_manager"
	ColumnAccountManager   ReportColumn = "account_manager"
	ColumnCategory         ReportColumn = "category"
	ColumnProjectID        ReportColumn = "project_id"
	ColumnPayoutType       ReportColumn = "payout_type"
	ColumnPayoutAmount     ReportColumn = "payout_amount"
	ColumnRevenueType      ReportColumn = "revenue_type"
	ColumnRevenueAmount    ReportColumn = "revenue_amount"
	ColumnHour             ReportColumn = "hour"
	ColumnDate             ReportColumn = "date"
	ColumnWeek             ReportColumn = "week"
	ColumnMonth            ReportColumn = "month"
	ColumnYear             ReportColumn = "year"
)

// IsTime reports whether c is a time column.
func (c ReportColumn) IsTime() bool {
	switch c {
	case ColumnHour, ColumnDate, ColumnWeek, ColumnMonth, ColumnYear:
		return true
	}
	return false
}

// MaxReportColumns is the most columns one entity report may group by.
const MaxReportColumns = 10

// EntityReportLimit is the most rows an entity table returns; beyond it
// the report sets IncompleteResults.
const EntityReportLimit = 10000

// EntityReportParams describe an entity report.
type EntityReportParams struct {
	// From and To bound the window (at most one year). See
	// PostbackReportParams for how they are sent.
	From time.Time
	To   time.Time
	// TimezoneID is required.
	TimezoneID int
	// CurrencyID is the currency of the money metrics, e.g. "USD".
	// Required.
	CurrencyID string
	// Columns are the dimensions, 1 to MaxReportColumns, at most one of
	// them a time column.
	Columns []ReportColumn
	Query   Query
}

// EntitySummaryParams describe an entity summary (totals only).
type EntitySummaryParams struct {
	From       time.Time
	To         time.Time
	TimezoneID int
	CurrencyID string
	Query      Query
}

// entityQuery always sends "filters", as Everflow's examples do.
type entityQuery struct {
	Filters     []Filter     `json:"filters"`
	Exclusions  []Filter     `json:"exclusions,omitempty"`
	SearchTerms []SearchTerm `json:"search_terms,omitempty"`
}

type columnSpec struct {
	Column ReportColumn `json:"column"`
}

type entityBody struct {
	wireWindow
	CurrencyID string       `json:"currency_id"`
	Columns    []columnSpec `json:"columns,omitempty"`
	Query      entityQuery  `json:"query"`
	Format     ExportFormat `json:"format,omitempty"`
}

func newEntityBody(from, to time.Time, tz int, currency string, q Query) (entityBody, error) {
	w, err := reportWindow(from, to, tz)
	if err == nil && currency == "" {
		err = errors.New(`CurrencyID is required (e.g. "USD")`)
	}
	return entityBody{
		wireWindow: w, CurrencyID: currency,
		Query: entityQuery{Filters: nonNil(q.Filters), Exclusions: q.Exclusions, SearchTerms: q.SearchTerms},
	}, err
}

func (p *EntityReportParams) body(f ExportFormat) (entityBody, error) {
	if p == nil {
		return entityBody{}, errors.New("missing a required param: From, To, TimezoneID, CurrencyID or Columns")
	}
	b, err := newEntityBody(p.From, p.To, p.TimezoneID, p.CurrencyID, p.Query)
	b.Columns, b.Format = columnSpecs(p.Columns), f
	return b, cmp.Or(err, checkColumns(p.Columns))
}

func columnSpecs(cols []ReportColumn) []columnSpec {
	var out []columnSpec
	for _, c := range cols {
		out = append(out, columnSpec{Column: c})
	}
	return out
}

// checkColumns checks an entity report's columns: 1 to MaxReportColumns,
// none empty, at most one of them a time column.
func checkColumns(cols []ReportColumn) error {
	if n := len(cols); n == 0 || n > MaxReportColumns {
		return fmt.Errorf("an entity report needs 1 to %d columns, got %d", MaxReportColumns, n)
	}
	if slices.Contains(cols, "") {
		return errors.New("empty report column")
	}
	if len(slices.DeleteFunc(slices.Clone(cols), func(c ReportColumn) bool { return !c.IsTime() })) > 1 {
		return errors.New("an entity report may use at most one time column (hour, date, week, month or year)")
	}
	return nil
}

// Metrics are the measures of an entity report row or summary. Money
// metrics (Payout, Revenue, EventRevenue, Profit, GrossSales,
// ViewThroughGrossSales, AvgSaleValue) are exact decimals in full units of
// the report's CurrencyID, which Table and Summary give them; CTR, EVR and
// Margin are percentages and ROAS a ratio, as sent.
type Metrics struct {
	Imp                   int64   `json:"imp"`
	TotalClick            int64   `json:"total_click"`
	UniqueClick           int64   `json:"unique_click"`
	CTR                   float64 `json:"ctr"`
	CV                    int64   `json:"cv"`
	TotalCV               int64   `json:"total_cv"`
	ViewThroughCV         int64   `json:"view_through_cv"`
	Event                 int64   `json:"event"`
	TotalEvent            int64   `json:"total_event"`
	ViewThroughEvent      int64   `json:"view_through_event"`
	EVR                   float64 `json:"evr"`
	Payout                Amount  `json:"payout"`
	Revenue               Amount  `json:"revenue"`
	EventRevenue          Amount  `json:"event_revenue"`
	Profit                Amount  `json:"profit"`
	Margin                float64 `json:"margin"`
	GrossSales            Amount  `json:"gross_sales"`
	ViewThroughGrossSales Amount  `json:"view_through_gross_sales"`
	AvgSaleValue          Amount  `json:"avg_sale_value"`
	ROAS                  float64 `json:"roas"`
	// Other holds the metrics this package does not model (cvr, epc,
	// cpc, invalid_click, ...), as sent.
	Other map[string]json.RawMessage `json:"-"`
}

// setCurrency gives the money metrics the report's currency.
func (m *Metrics) setCurrency(currency string) {
	if m != nil {
		money.SetCurrency(currency, &m.Payout, &m.Revenue, &m.EventRevenue, &m.Profit,
			&m.GrossSales, &m.ViewThroughGrossSales, &m.AvgSaleValue)
	}
}

// UnmarshalJSON keeps the metrics it does not model in Other.
func (m *Metrics) UnmarshalJSON(b []byte) error {
	type plain Metrics
	return tolerant.UnmarshalRest(b, (*plain)(m), &m.Other)
}

// ColumnValue is a row's value of one report column.
type ColumnValue struct {
	ColumnType ReportColumn `json:"column_type"`
	// ID is the entity id or value (a string on the wire; a number is
	// accepted too).
	ID    string `json:"id"`
	Label string `json:"label"`
}

// UnmarshalJSON accepts a numeric id.
func (v *ColumnValue) UnmarshalJSON(b []byte) error {
	type plain ColumnValue
	return json.Unmarshal(b, &struct {
		*plain
		ID *tolerant.Text `json:"id"`
	}{(*plain)(v), (*tolerant.Text)(&v.ID)})
}

// EntityRow is one row of an entity report.
type EntityRow struct {
	Columns   []ColumnValue `json:"columns"`
	Reporting Metrics       `json:"reporting"`
}

// Column returns the row's value of column c.
func (r *EntityRow) Column(c ReportColumn) (ColumnValue, bool) {
	for _, v := range r.Columns {
		if v.ColumnType == c {
			return v, true
		}
	}
	return ColumnValue{}, false
}

// EntityReport is the answer of an entity report.
type EntityReport struct {
	// Rows is the "table" of the report.
	Rows []*EntityRow `json:"table"`
	// Summary holds the totals, when the report sends them.
	Summary *Metrics `json:"summary"`
	// Performance is the report's time series, as sent, when present.
	Performance json.RawMessage `json:"performance"`
	// IncompleteResults is set when the table stopped at
	// EntityReportLimit rows; use ExportCSV for the rest.
	IncompleteResults bool `json:"incomplete_results"`
}

const entityTablePath = "networks/reporting/entity/table"

// entityExport is the entity report's export: POST
// networks/reporting/entity/table/export (CSV or raw only).
var entityExport = export[*EntityReportParams, entityBody, EntityRow]{
	path: entityTablePath + "/export", body: (*EntityReportParams).body,
}

// Table runs an entity report: POST networks/reporting/entity/table.
func (s *ReportsService) Table(ctx context.Context, params *EntityReportParams, opts ...RequestOption) (*EntityReport, error) {
	body, err := params.body("")
	if err != nil {
		return nil, fmt.Errorf("everflow: POST %s: %w", entityTablePath, err)
	}
	rep, err := record(ctx, s.client, read(entityTablePath, body), func(r *EntityReport) *transport.Checked[EntityReport] {
		return transport.Require(r, `the response has no "table"`, func(r *EntityReport) bool { return r.Rows != nil })
	}, opts)
	return rep.setCurrency(params.CurrencyID), err
}

// setCurrency drops the null rows and gives the money metrics the
// report's currency; nil stays nil.
func (r *EntityReport) setCurrency(currency string) *EntityReport {
	if r != nil {
		r.Rows = transport.DropNil(r.Rows)
		for _, row := range r.Rows {
			row.Reporting.setCurrency(currency)
		}
		r.Summary.setCurrency(currency)
	}
	return r
}

// Summary returns the totals of an entity report: POST
// networks/reporting/entity/summary.
func (s *ReportsService) Summary(ctx context.Context, params *EntitySummaryParams, opts ...RequestOption) (*Metrics, error) {
	const path = "networks/reporting/entity/summary"
	body, err := params.body()
	if err != nil {
		return nil, fmt.Errorf("everflow: POST %s: %w", path, err)
	}
	m, err := record(ctx, s.client, read(path, body), unchecked[Metrics], opts)
	m.setCurrency(params.CurrencyID)
	return m, err
}

func (p *EntitySummaryParams) body() (entityBody, error) {
	if p == nil {
		//lint:ignore ST1005 the message starts with the Go field's name
		return entityBody{}, errors.New("From, To, TimezoneID and CurrencyID are required")
	}
	return newEntityBody(p.From, p.To, p.TimezoneID, p.CurrencyID, p.Query)
}

// ExportCSV streams an entity report without the table's row limit: POST
// networks/reporting/entity/table/export with format csv. Columns are
// read by the file's header names (CSVRecord.Get); breaking out of the
// loop closes the download. Each row, the header included, may take at
// most the client's response cap (WithMaxResponseBytes, default 32 MiB);
// a longer row ends the loop with ErrMalformedResponse.
func (s *ReportsService) ExportCSV(ctx context.Context, params *EntityReportParams) iter.Seq2[CSVRecord, error] {
	return entityExport.csv(ctx, s.client, params)
}

// ExportRaw opens the entity export in the given format and returns the
// file untouched; the caller must close it. The body is not size-capped:
// WithMaxResponseBytes does not apply to it, so the caller must bound what
// it reads (io.LimitReader, or a per-row limit when parsing it); ExportCSV
// does that for you.
func (s *ReportsService) ExportRaw(ctx context.Context, params *EntityReportParams, format ExportFormat, opts ...RequestOption) (io.ReadCloser, *Response, error) {
	return entityExport.raw(ctx, s.client, params, format, opts)
}
