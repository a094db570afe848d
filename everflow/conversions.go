package everflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
)

// ConversionsService reads the raw conversion report:
// networks/reporting/conversions.
type ConversionsService service

// ConversionStatus is the status of a conversion.
type ConversionStatus string

// Conversion statuses.
const (
	ConversionApproved ConversionStatus = "approved"
	ConversionPending  ConversionStatus = "pending"
	ConversionRejected ConversionStatus = "rejected"
	ConversionInvalid  ConversionStatus = "invalid"
)

// Conversion is one conversion or post-conversion event. Payout, Revenue
// and SaleAmount are exact decimals in full units of CurrencyID (the
// offer's currency), not cents, and carry that currency.
type Conversion struct {
	// ConversionID is a string (a number on the wire is accepted too).
	ConversionID string `json:"conversion_id"`
	// ConversionUnixTimestamp and ClickUnixTimestamp are sent as unix
	// seconds, always UTC.
	ConversionUnixTimestamp time.Time        `json:"conversion_unix_timestamp"`
	ClickUnixTimestamp      time.Time        `json:"click_unix_timestamp"`
	TransactionID           string           `json:"transaction_id"`
	Status                  ConversionStatus `json:"status"`
	PayoutType              string           `json:"payout_type"`
	RevenueType             string           `json:"revenue_type"`
	Payout                  Amount           `json:"payout"`
	Revenue                 Amount           `json:"revenue"`
	SaleAmount              Amount           `json:"sale_amount"`
	CurrencyID              string           `json:"currency_id"`
	// IsEvent is true for a post-conversion event; Event is its name
	// ("Base" for the base conversion).
	IsEvent                     bool   `json:"is_event"`
	Event                       string `json:"event"`
	NetworkOfferPayoutRevenueID int64  `json:"network_offer_payout_revenue_id"`

	Sub1     string `json:"sub1"`
	Sub2     string `json:"sub2"`
	Sub3     string `json:"sub3"`
	Sub4     string `json:"sub4"`
	Sub5     string `json:"sub5"`
	SourceID string `json:"source_id"`
	Adv1     string `json:"adv1"`
	Adv2     string `json:"adv2"`
	Adv3     string `json:"adv3"`
	Adv4     string `json:"adv4"`
	Adv5     string `json:"adv5"`

	OrderID    string `json:"order_id"`
	CouponCode string `json:"coupon_code"`
	Email      string `json:"email"`

	SessionUserIP    string `json:"session_user_ip"`
	ConversionUserIP string `json:"conversion_user_ip"`
	Country          string `json:"country"`
	Region           string `json:"region"`
	City             string `json:"city"`
	DMA              int    `json:"dma"`
	Carrier          string `json:"carrier"`
	Platform         string `json:"platform"`
	OSVersion        string `json:"os_version"`
	DeviceType       string `json:"device_type"`
	DeviceModel      string `json:"device_model"`
	Brand            string `json:"brand"`
	Browser          string `json:"browser"`
	Language         string `json:"language"`
	HTTPUserAgent    string `json:"http_user_agent"`
	ISP              string `json:"isp"`
	Referer          string `json:"referer"`
	URL              string `json:"url"`
	AppID            string `json:"app_id"`
	IDFA             string `json:"idfa"`
	IDFAMD5          string `json:"idfa_md5"`
	IDFASHA1         string `json:"idfa_sha1"`
	GoogleAdID       string `json:"google_ad_id"`
	GoogleAdIDMD5    string `json:"google_ad_id_md5"`
	GoogleAdIDSHA1   string `json:"google_ad_id_sha1"`
	AndroidID        string `json:"android_id"`
	AndroidIDMD5     string `json:"android_id_md5"`
	AndroidIDSHA1    string `json:"android_id_sha1"`

	IsScrub                bool   `json:"is_scrub"`
	IsViewThrough          bool   `json:"is_view_through"`
	ErrorCode              int    `json:"error_code"`
	ErrorMessage           string `json:"error_message"`
	Notes                  string `json:"notes"`
	PreviousNetworkOfferID int64  `json:"previous_network_offer_id"`

	Relationship *ConversionRelationship `json:"relationship"`
}

// UnmarshalJSON decodes the timestamps and the conversion id, and gives
// the amounts the conversion's currency.
func (c *Conversion) UnmarshalJSON(b []byte) error {
	type plain Conversion
	err := json.Unmarshal(b, &struct {
		*plain
		ConversionID            *tolerant.Text `json:"conversion_id"`
		TransactionID           *tolerant.Text `json:"transaction_id"`
		ConversionUnixTimestamp *tolerant.Unix `json:"conversion_unix_timestamp"`
		ClickUnixTimestamp      *tolerant.Unix `json:"click_unix_timestamp"`
	}{(*plain)(c), (*tolerant.Text)(&c.ConversionID), (*tolerant.Text)(&c.TransactionID),
		(*tolerant.Unix)(&c.ConversionUnixTimestamp), (*tolerant.Unix)(&c.ClickUnixTimestamp)})
	money.SetCurrency(c.CurrencyID, &c.Payout, &c.Revenue, &c.SaleAmount)
	return err
}

// ConversionRelationship is the "relationship" object of a conversion.
// Offer and Affiliate carry the subset of fields the report sends.
type ConversionRelationship struct {
	Offer     *Offer     `json:"offer"`
	Affiliate *Affiliate `json:"affiliate"`
	// Other holds advertiser, account_manager, affiliate_manager,
	// query_parameters, attribution_method, usm_data, ... as sent.
	Other map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the members it does not model in Other.
func (r *ConversionRelationship) UnmarshalJSON(b []byte) error {
	type plain ConversionRelationship
	return tolerant.UnmarshalRest(b, (*plain)(r), &r.Other)
}

// ConversionReportParams select conversions for the report, its summary
// and its export.
type ConversionReportParams struct {
	// From and To bound the window (at most one year, within the last 365
	// days). See PostbackReportParams for how they are sent.
	From time.Time
	To   time.Time
	// TimezoneID is the time zone From and To are read in. Required.
	TimezoneID int
	// CurrencyID is optional; raw conversions are always reported in the
	// offer's currency.
	CurrencyID string
	// ShowConversions and ShowEvents select base conversions and
	// post-conversion events. When both are false, base conversions are
	// shown.
	ShowConversions bool
	ShowEvents      bool
	// Query filters the conversions (offer, affiliate, country, ...).
	Query Query
}

// conversionBody is the wire form of the conversion report request.
type conversionBody struct {
	wireWindow
	CurrencyID      string       `json:"currency_id,omitempty"`
	ShowConversions bool         `json:"show_conversions"`
	ShowEvents      bool         `json:"show_events"`
	Query           *Query       `json:"query,omitempty"`
	Columns         []string     `json:"columns,omitempty"`
	Format          ExportFormat `json:"format,omitempty"`
}

func (p *ConversionReportParams) body() (conversionBody, error) {
	if p == nil {
		return conversionBody{}, errors.New("missing a required param: From, To or TimezoneID")
	}
	w, err := reportWindow(p.From, p.To, p.TimezoneID)
	// Neither shown means base conversions.
	return conversionBody{
		wireWindow: w, CurrencyID: p.CurrencyID, Query: p.Query.orNil(),
		ShowConversions: p.ShowConversions || !p.ShowEvents, ShowEvents: p.ShowEvents,
	}, err
}

// ConversionListOptions page through the conversion report.
type ConversionListOptions struct {
	ListParams
	ConversionReportParams
}

// List iterates over the conversions matching opts, which must give From,
// To and TimezoneID.
func (s *ConversionsService) List(ctx context.Context, opts ...*ConversionListOptions) iter.Seq2[*Conversion, error] {
	return list(ctx, opts, s.ListPage)
}

const conversionsPath = "networks/reporting/conversions"

// ListPage fetches one page of the conversion report: POST
// networks/reporting/conversions (paging in the query string). The report
// only reads, so it is retried like a GET.
func (s *ConversionsService) ListPage(ctx context.Context, opts *ConversionListOptions) ([]*Conversion, *Response, error) {
	o := copyOpts(opts)
	body, err := o.ConversionReportParams.body()
	return postPage[Conversion](ctx, s.client, conversionsPath, "conversions", body, err, &o.ListParams)
}

// ConversionSummary holds the totals of the conversion report.
type ConversionSummary struct {
	Total          int64 `json:"total"`
	Pending        int64 `json:"pending"`
	Approved       int64 `json:"approved"`
	Invalid        int64 `json:"invalid"`
	RejectedScrub  int64 `json:"rejected_scrub"`
	RejectedManual int64 `json:"rejected_manual"`
	// Payout, Revenue and GrossSales are exact decimals in full currency
	// units. The summary names no currency: each conversion is counted in
	// its offer's currency, so the amounts carry none (HasMultiCurrencies
	// says when they mix several).
	Payout             Amount `json:"payout"`
	Revenue            Amount `json:"revenue"`
	GrossSales         Amount `json:"gross_sales"`
	HasMultiCurrencies bool   `json:"has_multi_currencies"`
	// AvgClickToCvTime is the average time from click to conversion, in
	// seconds.
	AvgClickToCvTime float64 `json:"avg_click_to_cv_time"`
}

// Summary returns the totals of the conversions matching params: POST
// networks/reporting/conversions/summary.
func (s *ConversionsService) Summary(ctx context.Context, params *ConversionReportParams, opts ...RequestOption) (*ConversionSummary, error) {
	const path = conversionsPath + "/summary"
	body, err := params.body()
	if err != nil {
		return nil, fmt.Errorf("everflow: POST %s: %w", path, err)
	}
	return record(ctx, s.client, read(path, body), unchecked[ConversionSummary], opts)
}

// ConversionExportParams select the conversions of an export.
type ConversionExportParams struct {
	ConversionReportParams
	// Columns limits the export to these columns; empty means all.
	Columns []string
}

// conversionExport is the conversion export: POST
// networks/reporting/conversions/export.
var conversionExport = export[*ConversionExportParams, conversionBody, Conversion]{
	path: conversionsPath + "/export", body: (*ConversionExportParams).body,
}

func (p *ConversionExportParams) body(f ExportFormat) (conversionBody, error) {
	if p == nil {
		return conversionBody{}, errors.New("missing a required param: From, To or TimezoneID")
	}
	b, err := p.ConversionReportParams.body()
	b.Columns, b.Format = p.Columns, f
	return b, err
}

// Export streams every conversion matching params, without the report's
// paging: POST networks/reporting/conversions/export with format json.
// Rows are decoded one at a time; breaking out of the loop closes the
// download. Each row may take at most the client's response cap
// (WithMaxResponseBytes, default 32 MiB); a longer row ends the loop with
// ErrMalformedResponse.
func (s *ConversionsService) Export(ctx context.Context, params *ConversionExportParams) iter.Seq2[*Conversion, error] {
	return conversionExport.rows(ctx, s.client, params)
}

// ExportCSV streams the CSV export row by row; read a column by its
// header name with CSVRecord.Get. Each row, the header included, may take
// at most the client's response cap (WithMaxResponseBytes, default
// 32 MiB); a longer row ends the loop with ErrMalformedResponse.
func (s *ConversionsService) ExportCSV(ctx context.Context, params *ConversionExportParams) iter.Seq2[CSVRecord, error] {
	return conversionExport.csv(ctx, s.client, params)
}

// ExportRaw opens the export in the given format and returns the file
// untouched, for saving it as is; the Response carries its Content-Type
// and Content-Disposition. The caller must close the body.
// The body is not size-capped: WithMaxResponseBytes does not apply to it,
// so the caller must bound what it reads (io.LimitReader, or a per-row
// limit when parsing it); Export and ExportCSV do that for you.
func (s *ConversionsService) ExportRaw(ctx context.Context, params *ConversionExportParams, format ExportFormat, opts ...RequestOption) (io.ReadCloser, *Response, error) {
	return conversionExport.raw(ctx, s.client, params, format, opts)
}
