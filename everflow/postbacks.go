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

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
)

// PostbacksService reads the affiliate postback log: every postback
// (pixel) Everflow fired to a partner, with its outcome:
// networks/reporting/affiliate/pixels.
type PostbacksService service

// PostbackReportLimit is the most rows the postback report returns; the
// endpoint silently stops there. Export has no such limit.
const PostbackReportLimit = 1000

// PostbackLog is one fired postback.
type PostbackLog struct {
	NetworkID                   int64 `json:"network_id"`
	NetworkOfferID              int64 `json:"network_offer_id"`
	NetworkOfferPayoutRevenueID int64 `json:"network_offer_payout_revenue_id"`
	AffiliateID                 int64 `json:"affiliate_id"`
	// PixelID is the postback configuration that fired (Pixel's
	// NetworkPixelID).
	PixelID       int64  `json:"pixel_id"`
	ConversionID  string `json:"conversion_id"`
	TransactionID string `json:"transaction_id"`
	// Timestamp is when the postback fired (unix seconds on the wire).
	Timestamp      time.Time      `json:"timestamp"`
	DeliveryMethod DeliveryMethod `json:"delivery_method"`
	PixelLevel     PixelLevel     `json:"pixel_level"`
	PixelStatus    PixelStatus    `json:"pixel_status"`
	PixelType      PixelType      `json:"pixel_type"`
	// Payload is the URL (or HTML) that was fired.
	Payload   string `json:"payload"`
	IsSuccess bool   `json:"is_success"`
	// DebugInformation is the partner server's answer: URL, status and
	// headers, one per line.
	DebugInformation string `json:"debug_information"`
	// LastAttempt is the last retry of a failed postback; the zero time
	// when there was none (the API sends 0).
	LastAttempt    time.Time             `json:"last_attempt"`
	FailedAttempts int                   `json:"failed_attempts"`
	Relationship   *PostbackRelationship `json:"relationship"`
}

// UnmarshalJSON decodes the unix-second timestamps (0 is the zero time)
// and accepts numeric conversion and transaction ids.
func (p *PostbackLog) UnmarshalJSON(b []byte) error {
	type plain PostbackLog
	return json.Unmarshal(b, &struct {
		*plain
		ConversionID  *tolerant.Text `json:"conversion_id"`
		TransactionID *tolerant.Text `json:"transaction_id"`
		Timestamp     *tolerant.Unix `json:"timestamp"`
		LastAttempt   *tolerant.Unix `json:"last_attempt"`
		IsSuccess     *tolerant.Bool `json:"is_success"`
	}{(*plain)(p), (*tolerant.Text)(&p.ConversionID), (*tolerant.Text)(&p.TransactionID),
		(*tolerant.Unix)(&p.Timestamp), (*tolerant.Unix)(&p.LastAttempt), (*tolerant.Bool)(&p.IsSuccess)})
}

// PostbackRelationship is the offer and affiliate of a postback, with the
// subset of fields the report sends.
type PostbackRelationship struct {
	Offer     *Offer     `json:"offer"`
	Affiliate *Affiliate `json:"affiliate"`
}

// PostbackReportParams select postbacks.
//
// From and To are sent as the wall-clock date and time they hold in their
// own Location (they are not converted); Everflow reads them in the time
// zone TimezoneID. When both are at midnight they are sent as dates
// (YYYY-MM-DD), which Everflow reads as whole days, To included: From
// 2024-02-07 and To 2024-02-08 cover two days. Otherwise they are sent as
// YYYY-MM-DD HH:MM:SS, and the window ends at To's second, included.
//
// So To means a whole day only when both ends are at midnight: moving To
// from 2024-02-08 00:00:00 to 00:00:01 shortens the window by a day. To
// read consecutive windows without counting rows twice, either pass whole
// days (From d, To d: one day) or end each window one second before the
// next begins, or keep only the rows whose timestamps fall in your own
// half-open window. The window may span at most one year.
type PostbackReportParams struct {
	From time.Time
	To   time.Time
	// TimezoneID is required (TimezoneUTC, or see Meta.Timezones).
	TimezoneID int
	// Query filters by offer, affiliate and delivery status, e.g.
	// Filters: []Filter{OfferFilter(11), DeliveryStatusFilter(DeliveryFailure)}.
	// No other resource types are accepted.
	Query Query
}

type postbackBody struct {
	wireWindow
	Query  *Query       `json:"query,omitempty"`
	Format ExportFormat `json:"format,omitempty"`
}

func (p *PostbackReportParams) body(f ExportFormat) (postbackBody, error) {
	if p == nil {
		return postbackBody{}, errors.New("missing a required param: From, To or TimezoneID")
	}
	w, err := reportWindow(p.From, p.To, p.TimezoneID)
	return postbackBody{wireWindow: w, Query: p.Query.orNil(), Format: f}, cmp.Or(err, checkPostbackFilters(p.Query))
}

// checkPostbackFilters refuses the filters the postback report does not
// take: only offer, affiliate and delivery_status (success or failure).
func checkPostbackFilters(q Query) error {
	for _, flt := range append(slices.Clip(q.Filters), q.Exclusions...) {
		switch s := DeliveryStatus(flt.FilterIDValue); flt.ResourceType {
		case ResourceOffer, ResourceAffiliate:
		case ResourceDeliveryStatus:
			if s != DeliverySuccess && s != DeliveryFailure {
				return fmt.Errorf("delivery_status filter must be %q or %q, got %q", DeliverySuccess, DeliveryFailure, flt.FilterIDValue)
			}
		default:
			return fmt.Errorf("the postback report filters by offer, affiliate or delivery_status, not %q", flt.ResourceType)
		}
	}
	return nil
}

// PostbackReport is the answer of the postback report.
type PostbackReport struct {
	Postbacks []*PostbackLog
	// Truncated is set when exactly PostbackReportLimit rows came back:
	// the endpoint stops there without saying so, so there may be more.
	// Export returns them all.
	Truncated bool
}

const postbacksPath = "networks/reporting/affiliate/pixels"

// postbackExport is the postback export: POST
// networks/reporting/affiliate/pixels/export.
var postbackExport = export[*PostbackReportParams, postbackBody, PostbackLog]{
	path: postbacksPath + "/export", body: (*PostbackReportParams).body,
}

// Report returns the postback report for params: POST
// networks/reporting/affiliate/pixels. The report is not paged and holds at
// most [PostbackReportLimit] rows; check Truncated, and use
// [PostbacksService.Export] for more. It only reads, so it is retried like
// a GET.
func (s *PostbacksService) Report(ctx context.Context, params *PostbackReportParams, opts ...RequestOption) (*PostbackReport, error) {
	body, err := params.body("")
	if err != nil {
		return nil, fmt.Errorf("everflow: POST %s: %w", postbacksPath, err)
	}
	logs, sent, err := all[PostbackLog](ctx, s.client, read(postbacksPath, body), "pixels", opts)
	if err != nil {
		return nil, err
	}
	// Truncated counts the rows as sent, before nulls are dropped.
	return &PostbackReport{Postbacks: logs, Truncated: sent >= PostbackReportLimit}, nil
}

// Export streams every postback matching params, without the report's
// 1000-row limit: POST networks/reporting/affiliate/pixels/export with
// format json. The newline-delimited JSON body (a JSON array is accepted
// too) is decoded one row at a time, so memory stays flat however many
// rows arrive; breaking out of the loop closes the download. Each row may
// take at most the client's response cap (WithMaxResponseBytes, default
// 32 MiB); a longer row ends the loop with ErrMalformedResponse.
func (s *PostbacksService) Export(ctx context.Context, params *PostbackReportParams) iter.Seq2[*PostbackLog, error] {
	return postbackExport.rows(ctx, s.client, params)
}

// ExportCSV streams the CSV export row by row; read a column by its header
// name with CSVRecord.Get (Everflow does not document the column order, so
// none is assumed). Each row, the header included, may take at most the
// client's response cap (WithMaxResponseBytes, default 32 MiB); a longer
// row ends the loop with ErrMalformedResponse.
func (s *PostbacksService) ExportCSV(ctx context.Context, params *PostbackReportParams) iter.Seq2[CSVRecord, error] {
	return postbackExport.csv(ctx, s.client, params)
}

// ExportRaw opens the export in the given format and returns the file
// untouched, for saving it as is; the Response carries its Content-Type
// and Content-Disposition. The caller must close the body.
// The body is not size-capped: WithMaxResponseBytes does not apply to it,
// so the caller must bound what it reads (io.LimitReader, or a per-row
// limit when parsing it); Export and ExportCSV do that for you.
func (s *PostbacksService) ExportRaw(ctx context.Context, params *PostbackReportParams, format ExportFormat, opts ...RequestOption) (io.ReadCloser, *Response, error) {
	return postbackExport.raw(ctx, s.client, params, format, opts)
}
