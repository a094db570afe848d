package firstpromoter

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"net/http"
	"strconv"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// InvoicesService manages the invoices promoters are paid on and the
// account's invoice template: /company/invoices.
type InvoicesService service

// InvoiceStatus is the state of an invoice.
type InvoiceStatus string

// Invoice statuses.
const (
	InvoiceDraft  InvoiceStatus = "draft"
	InvoiceOpen   InvoiceStatus = "open"
	InvoicePaid   InvoiceStatus = "paid"
	InvoiceVoided InvoiceStatus = "voided"
)

// Invoice is an invoice over a promoter's payouts.
type Invoice struct {
	ID     int64  `json:"id"`
	Number string `json:"number"`
	// Date is the invoice's day, YYYY-MM-DD as sent.
	Date string `json:"date"`
	// Total, TotalInclTax and TaxRate are kept exactly as sent; the spec
	// types them as numbers without documenting the unit of the totals
	// (see Payout).
	Total        Amount        `json:"total"`
	TotalInclTax Amount        `json:"total_incl_tax"`
	TaxRate      Amount        `json:"tax_rate"`
	PDFURL       string        `json:"pdf_url"`
	Status       InvoiceStatus `json:"status"`
	Promoter     *PromoterRef  `json:"promoter"`
	// Payouts are the invoice's payouts, kept as the JSON sent: the spec
	// documents them as objects without naming their fields.
	Payouts []json.RawMessage `json:"payouts"`
	// HTML is the rendered invoice, sent by Get only.
	HTML string `json:"html,omitempty"`
}

// InvoiceListOptions filter GET /company/invoices.
type InvoiceListOptions struct {
	ListParams
	Filters InvoiceFilters `url:"filters,omitempty"`
}

// InvoiceFilters are the filters[...] parameters of the invoice list and
// the CSV export.
type InvoiceFilters struct {
	PromoterID int64 `url:"promoter_id,omitempty"`
	// Status is not applied by the CSV export.
	Status InvoiceStatus `url:"status,omitempty"`
}

// List iterates over the invoices matching opts.
func (s *InvoicesService) List(ctx context.Context, opts ...*InvoiceListOptions) iter.Seq2[*Invoice, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of invoices. The spec
// documents the list's answer as the template's ({"data": {"html"}}); the
// API's lists are bare arrays of records, and this one is read as one.
func (s *InvoicesService) ListPage(ctx context.Context, opts *InvoiceListOptions) ([]*Invoice, *Response, error) {
	return listPage[Invoice](ctx, s.client, "company/invoices", copyOpts(opts))
}

// Get returns the invoice with the given id, HTML included.
func (s *InvoicesService) Get(ctx context.Context, id int64, opts ...RequestOption) (*Invoice, error) {
	path := transport.Join("company/invoices/%s", strconv.FormatInt(id, 10))
	return call(ctx, s.client, get(path, nil), withID[Invoice], opts)
}

// Void marks invoices void (a batch; see Referrals.Delete). It is not
// retried after it may have reached the server.
func (s *InvoicesService) Void(ctx context.Context, ids []int64, opts ...RequestOption) (*Batch, error) {
	return s.client.bulk(ctx, http.MethodPost, "company/invoices/void", idsBody{IDs: ids}, opts...)
}

// Finalize finalizes draft invoices (a batch). It is not retried after it
// may have reached the server.
func (s *InvoicesService) Finalize(ctx context.Context, ids []int64, opts ...RequestOption) (*Batch, error) {
	return s.client.bulk(ctx, http.MethodPost, "company/invoices/finalize", idsBody{IDs: ids}, opts...)
}

// Delete deletes invoices (a batch).
func (s *InvoicesService) Delete(ctx context.Context, ids []int64, opts ...RequestOption) (*Batch, error) {
	return s.client.bulk(ctx, http.MethodDelete, "company/invoices/destroy", idsBody{IDs: ids}, opts...)
}

// ErrExportQueued is returned by an export when FirstPromoter prepares
// the file in the background (HTTP 202) instead of sending it. The
// error's text carries the API's message.
var ErrExportQueued = errors.New("firstpromoter: export queued")

// invoiceExportQuery is the query of GET /company/invoices/export.
type invoiceExportQuery struct {
	PromoterID int64 `url:"filters[promoter_id],omitempty"`
}

// Export exports the invoices, of one promoter when promoterID is not 0,
// as CSV. The caller reads and closes the returned body; it is streamed,
// not held in memory, and not size-capped: WithMaxResponseBytes does not
// apply to it, so the caller must bound what it reads (io.LimitReader, or
// a per-row limit when parsing it). An export the API queues instead
// (HTTP 202) returns an error matching ErrExportQueued.
func (s *InvoicesService) Export(ctx context.Context, promoterID int64, opts ...RequestOption) (io.ReadCloser, error) {
	return s.client.download(ctx, get("company/invoices/export", invoiceExportQuery{promoterID}), ErrExportQueued, opts)
}

// ExportZIP exports every invoice's PDF in one ZIP file. The spec
// documents only the queued answer (HTTP 202), returned as an error
// matching ErrExportQueued with the API's message; a ZIP sent at once is
// returned as a stream, not size-capped, as by Export.
func (s *InvoicesService) ExportZIP(ctx context.Context, opts ...RequestOption) (io.ReadCloser, error) {
	return s.client.download(ctx, get("company/invoices/export_zip", nil), ErrExportQueued, opts)
}

// download streams a file; a 202 answer, the file being prepared in the
// background, is the error queued carrying the API's message.
func (c *Client) download(ctx context.Context, req *transport.Request, queued error, opts []RequestOption) (io.ReadCloser, error) {
	switch body, resp, err := c.t.Stream(ctx, req, opts...); {
	case err != nil:
		return nil, err
	case resp.StatusCode == http.StatusAccepted:
		return nil, queuedError(body, queued)
	default:
		return body, nil
	}
}

// queuedError reads the message of a 202 answer (its first 64 KiB), closes
// the body and returns queued with the message, when there is one.
func queuedError(body io.ReadCloser, queued error) error {
	defer body.Close()
	var msg struct {
		Message string `json:"message"`
	}
	if b, _ := io.ReadAll(io.LimitReader(body, 64<<10)); json.Unmarshal(b, &msg) != nil || msg.Message == "" {
		return queued
	}
	return fmt.Errorf("%w: %s", queued, msg.Message)
}

// htmlBody is the {"html": ...} body of the template updates.
type htmlBody struct {
	HTML string `json:"html"`
}

// htmlAnswer is the {"data": {"html": ...}} answer of the template and
// preview calls.
type htmlAnswer struct {
	Data *struct {
		HTML string `json:"html"`
	} `json:"data"`
}

func (c *Client) html(ctx context.Context, r *transport.Request, opts ...RequestOption) (string, error) {
	var out htmlAnswer
	if _, err := c.t.Do(ctx, r, transport.Require(&out, `no "data" object in the answer`, func(v *htmlAnswer) bool { return v.Data != nil }), opts...); err != nil {
		return "", err
	}
	return out.Data.HTML, nil
}

// Template returns the HTML of the account's invoice template.
func (s *InvoicesService) Template(ctx context.Context, opts ...RequestOption) (string, error) {
	return s.client.html(ctx, &transport.Request{Method: http.MethodGet, Path: "company/invoices/template"}, opts...)
}

// UpdateTemplate replaces the invoice template and returns the stored
// HTML.
func (s *InvoicesService) UpdateTemplate(ctx context.Context, html string, opts ...RequestOption) (string, error) {
	if html == "" {
		return "", errors.New("firstpromoter: update invoice template: empty html")
	}
	return s.client.html(ctx, &transport.Request{Method: http.MethodPut, Path: "company/invoices/custom_template", Body: htmlBody{HTML: html}}, opts...)
}

// InvoiceTemplatePreviewParams is the body of POST
// /company/invoices/preview_template.
type InvoiceTemplatePreviewParams struct {
	// HTML is the template to render. Required.
	HTML string `json:"html"`
	// VATInvoice renders the VAT details.
	VATInvoice bool `json:"vat_invoice,omitempty"`
}

// PreviewTemplate renders a template without storing it. It changes
// nothing, so it is retried like a read.
func (s *InvoicesService) PreviewTemplate(ctx context.Context, params *InvoiceTemplatePreviewParams, opts ...RequestOption) (string, error) {
	if params == nil || params.HTML == "" {
		return "", errors.New("firstpromoter: preview invoice template: HTML is required")
	}
	return s.client.html(ctx, &transport.Request{Method: http.MethodPost, Path: "company/invoices/preview_template", Body: params, RetrySafe: true}, opts...)
}

// InvoicePreviewParams is the query of GET /company/invoices/preview.
type InvoicePreviewParams struct {
	// PromoterID is required.
	PromoterID int64 `url:"promoter_id"`
	// PayoutIDs limit the preview to these payouts (payout_ids[]=...).
	PayoutIDs []int64 `url:"payout_ids,omitempty,brackets"`
}

// Preview renders the invoice a promoter would get for their payouts.
func (s *InvoicesService) Preview(ctx context.Context, params *InvoicePreviewParams, opts ...RequestOption) (string, error) {
	if params == nil || params.PromoterID == 0 {
		return "", errors.New("firstpromoter: preview invoice: PromoterID is required")
	}
	return s.client.html(ctx, &transport.Request{Method: http.MethodGet, Path: "company/invoices/preview", Query: params}, opts...)
}
