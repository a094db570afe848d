package firstpromotertest

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// Invoice is an invoice as the API answers it. Payouts are the payouts
// of PayoutIDs, rendered on every answer.
type Invoice struct {
	ID           int64                       `json:"id"`
	Number       string                      `json:"number"`
	Date         string                      `json:"date"`
	Total        money.Amount                `json:"total"`
	TotalInclTax money.Amount                `json:"total_incl_tax"`
	TaxRate      money.Amount                `json:"tax_rate"`
	PDFURL       string                      `json:"pdf_url"`
	Status       firstpromoter.InvoiceStatus `json:"status"`
	Promoter     *PromoterRef                `json:"promoter"`
	Payouts      []Payout                    `json:"payouts"`
	HTML         string                      `json:"html,omitempty"`
	// PayoutIDs are the invoiced payouts; not part of the answer.
	PayoutIDs []int64 `json:"-"`
}

// defaultInvoiceTemplate is a new account's invoice template.
const defaultInvoiceTemplate = "<html><body><h1>Invoice {{number}}</h1><p>{{promoter_name}}</p><p>{{total}}</p></body></html>"

var invoiceStatuses = []string{"draft", "open", "paid", "voided"}

func (s *Server) invoiceRoutes() {
	s.handle("GET /company/invoices", s.listInvoices)
	s.handle("GET /company/invoices/{id}", s.getInvoice)
	s.handle("POST /company/invoices/void", s.invoiceAction("Void invoices", func(inv *Invoice) error {
		if inv.Status == "paid" {
			return errorString("Paid invoices can not be voided")
		}
		inv.Status = "voided"
		return nil
	}))
	s.handle("POST /company/invoices/finalize", s.invoiceAction("Finalize invoices", func(inv *Invoice) error {
		if inv.Status != "draft" {
			return errorString("Only draft invoices can be finalized")
		}
		inv.Status = "open"
		return nil
	}))
	s.handle("DELETE /company/invoices/destroy", s.invoiceAction("Delete invoices", nil))
	s.handle("GET /company/invoices/export_zip", s.exportInvoicesZIP)
	s.handle("GET /company/invoices/template", s.getInvoiceTemplate)
	s.handle("PUT /company/invoices/custom_template", s.updateInvoiceTemplate)
	s.handle("POST /company/invoices/preview_template", s.previewInvoiceTemplate)
	s.handle("GET /company/invoices/preview", s.previewInvoice)
	s.mux.HandleFunc("GET "+PathPrefix+"/company/invoices/export", s.exportInvoices)
}

// errorString is a bulk action's processing error.
type errorString string

func (e errorString) Error() string { return string(e) }

// listInvoices applies filters[promoter_id] and filters[status]; the
// answer is a bare array, as the other lists (the spec documents the
// template's answer here).
func (s *Server) listInvoices(r *http.Request) (int, any, *apiError) {
	q := listQuery(r.URL.Query())
	page, per, e := q.page(DefaultPerPage)
	if e != nil {
		return 0, nil, e
	}
	promoters, e := q.ints("filters[promoter_id]")
	if e != nil {
		return 0, nil, e
	}
	status := q.get("filters[status]")
	if status != "" && !slices.Contains(invoiceStatuses, status) {
		return 0, nil, errParam("filters[status]")
	}
	rows := []Invoice{}
	for _, inv := range s.invoices.All() {
		if inIDs(promoters, inv.Promoter.ID) && (status == "" || string(inv.Status) == status) {
			rows = append(rows, s.invoiceView(inv, false))
		}
	}
	return http.StatusOK, paginate(rows, page, per), nil
}

func (s *Server) getInvoice(r *http.Request) (int, any, *apiError) {
	id, ok := pathID(r, "id")
	if !ok {
		return 0, nil, errNotFound()
	}
	inv, found := s.invoices.Get(id)
	if !found {
		return 0, nil, errNotFound()
	}
	return http.StatusOK, s.invoiceView(inv, true), nil
}

// invoiceAction is an invoice bulk action answering a batch; a nil fn
// deletes (paid invoices can not be).
func (s *Server) invoiceAction(label string, fn func(*Invoice) error) handlerFunc {
	return func(r *http.Request) (int, any, *apiError) {
		p, e := readParams(r)
		if e != nil {
			return 0, nil, e
		}
		return s.bulk(p, label, nil, func(id int64) error {
			inv, ok := s.invoices.Get(id)
			if !ok {
				return errRecordNotFound
			}
			if fn != nil {
				return fn(inv)
			}
			if inv.Status == "paid" {
				return errorString("Paid invoices can not be deleted")
			}
			s.invoices.Delete(id)
			return nil
		})
	}
}

// exportInvoices answers the invoices, of filters[promoter_id] when set,
// as CSV.
func (s *Server) exportInvoices(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	promoters, e := listQuery(r.URL.Query()).ints("filters[promoter_id]")
	var buf bytes.Buffer
	if e == nil {
		cw := csv.NewWriter(&buf)
		_ = cw.Write([]string{"number", "date", "promoter_email", "total", "total_incl_tax", "status"})
		for _, inv := range s.invoices.All() {
			if inIDs(promoters, inv.Promoter.ID) {
				_ = cw.Write([]string{inv.Number, inv.Date, inv.Promoter.Email, inv.Total.String(), inv.TotalInclTax.String(), string(inv.Status)})
			}
		}
		cw.Flush()
	}
	s.mu.Unlock()
	if e != nil {
		writeError(w, e)
		return
	}
	w.Header().Set("Content-Type", "text/csv")
	_, _ = w.Write(buf.Bytes())
}

// exportInvoicesZIP queues the export, as the spec documents (202).
func (s *Server) exportInvoicesZIP(*http.Request) (int, any, *apiError) {
	return http.StatusAccepted, map[string]string{"message": "The invoices export will be emailed to you shortly"}, nil
}

func (s *Server) getInvoiceTemplate(*http.Request) (int, any, *apiError) {
	return http.StatusOK, htmlData(s.invoiceTemplate), nil
}

// updateInvoiceTemplate requires html and answers it.
func (s *Server) updateInvoiceTemplate(r *http.Request) (int, any, *apiError) {
	html, e := requiredHTML(r)
	if e != nil {
		return 0, nil, e
	}
	s.invoiceTemplate = html
	return http.StatusOK, htmlData(html), nil
}

// previewInvoiceTemplate renders html for a sample invoice.
func (s *Server) previewInvoiceTemplate(r *http.Request) (int, any, *apiError) {
	html, e := requiredHTML(r)
	if e != nil {
		return 0, nil, e
	}
	sample := Invoice{Number: "INV-PREVIEW", Total: num(0), Promoter: &PromoterRef{Name: "Jane Doe"}}
	return http.StatusOK, htmlData(renderInvoice(html, &sample)), nil
}

// previewInvoice renders the template for a promoter's payouts
// (payout_ids, or all of the promoter's pending payouts).
func (s *Server) previewInvoice(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	pid, e := p.requiredInt("promoter_id")
	if e != nil {
		return 0, nil, e
	}
	if _, ok := s.promoters.Get(pid); !ok {
		return 0, nil, errNotFound()
	}
	ids, e := p.ids("payout_ids")
	if e != nil {
		return 0, nil, e
	}
	inv := Invoice{Number: "INV-PREVIEW", Promoter: s.promoterRef(pid), Total: num(0)}
	for _, po := range s.payouts.All() {
		if po.promoterID() == pid && (len(ids) > 0 && slices.Contains(ids, po.ID) || len(ids) == 0 && po.Status == "pending") {
			inv.Total = plus(inv.Total, po.Amount)
		}
	}
	return http.StatusOK, htmlData(renderInvoice(s.invoiceTemplate, &inv)), nil
}

func requiredHTML(r *http.Request) (string, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return "", e
	}
	html := p.str("html")
	if strings.TrimSpace(html) == "" {
		return "", errParam("html")
	}
	return html, nil
}

func htmlData(html string) map[string]any {
	return map[string]any{"data": map[string]string{"html": html}}
}

func renderInvoice(tmpl string, inv *Invoice) string {
	name := ""
	if inv.Promoter != nil {
		name = inv.Promoter.Name
	}
	return strings.NewReplacer("{{number}}", inv.Number, "{{promoter_name}}", name, "{{total}}", inv.Total.String()).Replace(tmpl)
}

// AddInvoice stores inv for the promoter inv.Promoter.ID, assigning an id,
// a number, a date and the totals of its payouts for zero fields, and
// returns it as the API would answer it (without HTML).
func (s *Server) AddInvoice(inv Invoice) Invoice {
	s.mu.Lock()
	defer s.mu.Unlock()
	inv.ID = s.invoices.Assign(inv.ID)
	if inv.Number == "" {
		inv.Number = "INV-" + idString(inv.ID)
	}
	if inv.Date == "" {
		inv.Date = s.now().Format(time.DateOnly)
	}
	if inv.Status == "" {
		inv.Status = "draft"
	}
	if inv.Promoter == nil {
		inv.Promoter = &PromoterRef{}
	}
	if inv.PDFURL == "" {
		inv.PDFURL = "https://fp-invoices.example.com/" + inv.Number + ".pdf"
	}
	if inv.Total.IsZero() {
		for _, id := range inv.PayoutIDs {
			if po, ok := s.payouts.Get(id); ok {
				inv.Total = plus(inv.Total, po.Amount)
				inv.TotalInclTax = plus(inv.TotalInclTax, po.TotalInclTax)
			}
		}
	}
	if inv.TotalInclTax.IsZero() {
		inv.TotalInclTax = inv.Total
	}
	inv.PayoutIDs = slices.Clone(inv.PayoutIDs)
	s.invoices.Put(&inv)
	return s.invoiceView(&inv, false)
}

// Invoices returns the stored invoices in id order.
func (s *Server) Invoices() []Invoice {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Invoice, 0, s.invoices.Len())
	for _, inv := range s.invoices.All() {
		out = append(out, s.invoiceView(inv, false))
	}
	return out
}

// InvoiceTemplate returns the account's invoice template.
func (s *Server) InvoiceTemplate() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.invoiceTemplate
}

// invoiceView renders inv; the caller holds s.mu.
func (s *Server) invoiceView(inv *Invoice, withHTML bool) Invoice {
	v := *inv
	v.PayoutIDs = slices.Clone(inv.PayoutIDs)
	if inv.Promoter != nil {
		ref := *inv.Promoter
		if live := s.promoterRef(ref.ID); live != nil {
			ref = *live
		}
		v.Promoter = &ref
	}
	v.Payouts = []Payout{}
	for _, id := range inv.PayoutIDs {
		if po, ok := s.payouts.Get(id); ok {
			v.Payouts = append(v.Payouts, s.payoutView(po))
		}
	}
	v.HTML = ""
	if withHTML {
		v.HTML = renderInvoice(s.invoiceTemplate, &v)
	}
	return v
}
