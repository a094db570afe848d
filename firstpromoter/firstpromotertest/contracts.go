package firstpromotertest

import (
	"html"
	"net/http"
	"slices"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// Contract is a contract as the fake answers it. The spec documents the
// requests of the contracts API but not its answers; the fake answers
// the fields the requests name.
type Contract struct {
	ID            int64   `json:"id"`
	Name          string  `json:"name"`
	CheckboxLabel string  `json:"checkbox_label"`
	ContentHosted bool    `json:"content_hosted"`
	Content       string  `json:"content"`
	ExternalLink  string  `json:"external_link"`
	CampaignIDs   []int64 `json:"campaign_ids"`
	Default       bool    `json:"default"`
}

// ContractDocument is a promoter's copy of a contract, with the fields
// the spec's filters and sorting name.
type ContractDocument struct {
	ID         int64     `json:"id"`
	Status     string    `json:"status"`
	PromoterID int64     `json:"promoter_id"`
	ContractID int64     `json:"contract_id"`
	CreatedAt  Timestamp `json:"created_at"`
	SignedAt   Timestamp `json:"signed_at"`
}

func (s *Server) contractRoutes() {
	s.handle("GET /company/contracts", s.listContracts)
	s.handle("POST /company/contracts", s.createContract)
	s.handle("GET /company/contracts/{id}", s.getContract)
	s.handle("PUT /company/contracts/{id}", s.updateContract)
	s.handle("DELETE /company/contracts/{id}", s.deleteContract)
	s.handle("GET /company/contract_documents", s.listContractDocuments)
	s.mux.HandleFunc("GET "+PathPrefix+"/company/contract_documents/{id}", s.downloadContractDocument)
}

func (s *Server) listContracts(r *http.Request) (int, any, *apiError) {
	page, per, e := listQuery(r.URL.Query()).page(DefaultPerPage)
	if e != nil {
		return 0, nil, e
	}
	rows := []Contract{}
	for _, c := range s.contracts.All() {
		rows = append(rows, contractView(c))
	}
	return http.StatusOK, paginate(rows, page, per), nil
}

// createContract requires name, checkbox_label and content_hosted, and
// content or external_link by content_hosted; it generates a pending
// document for each promoter in the contract's campaigns.
func (s *Server) createContract(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	for _, k := range []string{"name", "checkbox_label", "content_hosted"} {
		if strings.TrimSpace(p.str(k)) == "" {
			return 0, nil, errParam(k)
		}
	}
	var c Contract
	if e := s.applyContract(p, &c); e != nil {
		return 0, nil, e
	}
	c.ID = s.contracts.Assign(0)
	c.Default = s.contracts.Len() == 0
	s.contracts.Put(&c)
	s.generateContractDocuments(&c)
	return http.StatusOK, contractView(&c), nil
}

func (s *Server) getContract(r *http.Request) (int, any, *apiError) {
	c, e := s.contractByPath(r)
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, contractView(c), nil
}

// updateContract changes the fields present; default=true makes the
// contract the only default one.
func (s *Server) updateContract(r *http.Request) (int, any, *apiError) {
	c, e := s.contractByPath(r)
	if e != nil {
		return 0, nil, e
	}
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	next := contractView(c)
	if e := s.applyContract(p, &next); e != nil {
		return 0, nil, e
	}
	if v, ok, e := p.bool("default"); e != nil {
		return 0, nil, e
	} else if ok && v {
		for _, o := range s.contracts.All() {
			o.Default = false
		}
		next.Default = true
	}
	*c = next
	s.generateContractDocuments(c)
	return http.StatusOK, contractView(c), nil
}

// deleteContract deletes the contract and its documents.
func (s *Server) deleteContract(r *http.Request) (int, any, *apiError) {
	c, e := s.contractByPath(r)
	if e != nil {
		return 0, nil, e
	}
	s.contracts.Delete(c.ID)
	for _, d := range s.contractDocuments.All() {
		if d.ContractID == c.ID {
			s.contractDocuments.Delete(d.ID)
		}
	}
	return http.StatusOK, nil, nil
}

// listContractDocuments applies q (promoter name, email),
// filters[status|promoter_id|contract_id] and
// sorting[created_at|signed_at].
func (s *Server) listContractDocuments(r *http.Request) (int, any, *apiError) {
	q := listQuery(r.URL.Query())
	page, per, e := q.page(DefaultPerPage)
	if e != nil {
		return 0, nil, e
	}
	status := q.get("filters[status]")
	if status != "" && status != "pending" && status != "signed" {
		return 0, nil, errParam("filters[status]")
	}
	promoters, e := q.ints("filters[promoter_id]")
	if e != nil {
		return 0, nil, e
	}
	contracts, e := q.ints("filters[contract_id]")
	if e != nil {
		return 0, nil, e
	}
	field, desc, e := q.sorting("created_at", "signed_at")
	if e != nil {
		return 0, nil, e
	}
	search := q.get("q")
	rows := []ContractDocument{}
	for _, d := range s.contractDocuments.All() {
		if status != "" && d.Status != status || !inIDs(promoters, d.PromoterID) || !inIDs(contracts, d.ContractID) {
			continue
		}
		if search != "" {
			pr, ok := s.promoters.Get(d.PromoterID)
			if !ok || !containsFold(search, pr.Name, pr.Email) {
				continue
			}
		}
		rows = append(rows, *d)
	}
	switch field {
	case "created_at":
		sortBy(rows, desc, func(d ContractDocument) money.Amount { return unixMilli(d.CreatedAt) })
	case "signed_at":
		sortBy(rows, desc, func(d ContractDocument) money.Amount { return unixMilli(d.SignedAt) })
	}
	return http.StatusOK, paginate(rows, page, per), nil
}

// downloadContractDocument renders the document as content_type html or
// pdf.
func (s *Server) downloadContractDocument(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	var (
		d    *ContractDocument
		c    *Contract
		ok   bool
		name string
	)
	if id, valid := pathID(r, "id"); valid {
		if d, ok = s.contractDocuments.Get(id); ok {
			c, ok = s.contracts.Get(d.ContractID)
			if pr, found := s.promoters.Get(d.PromoterID); found {
				name = pr.Name
			}
		}
	}
	var body string
	if ok {
		body = c.Content
		if !c.ContentHosted {
			body = c.ExternalLink
		}
	}
	s.mu.Unlock()
	kind := r.URL.Query().Get("content_type")
	switch {
	case !ok:
		writeError(w, errNotFound())
	case kind == "html":
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write([]byte("<html><body><h1>" + html.EscapeString(c.Name) + "</h1><p>" + html.EscapeString(name) + "</p>" + body + "</body></html>"))
	case kind == "pdf":
		w.Header().Set("Content-Type", "application/pdf")
		_, _ = w.Write([]byte("%PDF-1.4\n% " + c.Name + "\n%%EOF\n"))
	default:
		writeError(w, errParam("content_type"))
	}
}

// applyContract reads the contract fields present in the body.
func (s *Server) applyContract(p *params, c *Contract) *apiError {
	if p.has("name") {
		if c.Name = strings.TrimSpace(p.str("name")); c.Name == "" {
			return errParam("name")
		}
	}
	if p.has("checkbox_label") {
		if c.CheckboxLabel = strings.TrimSpace(p.str("checkbox_label")); c.CheckboxLabel == "" {
			return errParam("checkbox_label")
		}
	}
	if v, ok, e := p.bool("content_hosted"); e != nil {
		return e
	} else if ok {
		c.ContentHosted = v
	}
	if p.has("content") {
		c.Content = p.str("content")
	}
	if p.has("external_link") {
		c.ExternalLink = p.str("external_link")
	}
	if c.ContentHosted && strings.TrimSpace(c.Content) == "" {
		return errParam("content")
	}
	if !c.ContentHosted && strings.TrimSpace(c.ExternalLink) == "" {
		return errParam("external_link")
	}
	if p.has("campaign_ids") {
		ids, e := p.ids("campaign_ids")
		if e != nil {
			return e
		}
		for _, id := range ids {
			if _, ok := s.campaigns.Get(id); !ok {
				return errInvalid("campaign_ids", "contains an unknown campaign")
			}
		}
		c.CampaignIDs = ids
	}
	if c.CampaignIDs == nil {
		c.CampaignIDs = []int64{}
	}
	return nil
}

// generateContractDocuments adds a pending document for each promoter in
// the contract's campaigns that has none.
func (s *Server) generateContractDocuments(c *Contract) {
	now := At(s.now())
	for _, pc := range s.promoterCampaigns.All() {
		if !slices.Contains(c.CampaignIDs, pc.CampaignID) {
			continue
		}
		exists := slices.ContainsFunc(s.contractDocuments.All(), func(d *ContractDocument) bool {
			return d.ContractID == c.ID && d.PromoterID == pc.PromoterID
		})
		if !exists {
			d := ContractDocument{ID: s.contractDocuments.Assign(0), Status: "pending", PromoterID: pc.PromoterID, ContractID: c.ID, CreatedAt: now}
			s.contractDocuments.Put(&d)
		}
	}
}

func (s *Server) contractByPath(r *http.Request) (*Contract, *apiError) {
	id, ok := pathID(r, "id")
	if !ok {
		return nil, errNotFound()
	}
	c, found := s.contracts.Get(id)
	if !found {
		return nil, errNotFound()
	}
	return c, nil
}

// SignContractDocument marks the document signed now, as a promoter's
// acceptance does; it reports whether the document exists.
func (s *Server) SignContractDocument(id int64) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.contractDocuments.Get(id)
	if ok {
		d.Status, d.SignedAt = "signed", At(s.now())
	}
	return ok
}

// ContractDocuments returns the stored contract documents in id order.
func (s *Server) ContractDocuments() []ContractDocument {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]ContractDocument, 0, s.contractDocuments.Len())
	for _, d := range s.contractDocuments.All() {
		out = append(out, *d)
	}
	return out
}

func contractView(c *Contract) Contract {
	v := *c
	v.CampaignIDs = slices.Clone(c.CampaignIDs)
	if v.CampaignIDs == nil {
		v.CampaignIDs = []int64{}
	}
	return v
}
