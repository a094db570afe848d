package partnerstacktest

import (
	"net/http"
	"net/url"
	"slices"
	"time"
)

// salesRoutes registers deals, leads and webhooks.
func (s *Server) salesRoutes(mux *http.ServeMux) {
	s.route(mux, "GET /v2/deals", vendor, s.listDeals)
	s.route(mux, "POST /v2/deals", vendor, s.createDeal)
	s.route(mux, "GET /v2/deals/form-templates", vendor, s.formTemplatesOf("deal"))
	s.route(mux, "GET /v2/deals/{key}", vendor, s.getDeal)
	s.route(mux, "PATCH /v2/deals/{key}", vendor, s.updateDeal)
	s.route(mux, "DELETE /v2/deals/{key}", vendor, s.archiveDeal)
	s.route(mux, "POST /v2/deals/{key}/convert", vendor, s.convertDeal)
	s.route(mux, "GET /v2/deals/{key}/files", vendor, s.dealFiles)
	// PartnerStack serves these two without the /v2 prefix.
	s.route(mux, "GET /deals/{key}/file/{file}", vendor, s.dealFile)
	s.route(mux, "POST /deals/{key}/assignment/{partnership}/{stack}", vendor, s.assignDeal)

	s.route(mux, "GET /v2/leads", vendor, s.listLeads)
	s.route(mux, "POST /v2/leads", vendor, s.createLead)
	s.route(mux, "GET /v2/leads/form-templates", vendor, s.formTemplatesOf("lead"))
	s.route(mux, "GET /v2/leads/{key}", vendor, s.getLead)
	s.route(mux, "PATCH /v2/leads/{key}", vendor, s.updateLead)
	s.route(mux, "DELETE /v2/leads/{key}", vendor, s.archiveLead)
	s.route(mux, "POST /v2/leads/{key}/convert", vendor, s.convertLead)

	s.route(mux, "GET /v2/webhooks", vendor, s.listWebhooks)
	s.route(mux, "POST /v2/webhooks", vendor, s.createWebhook)
	s.route(mux, "GET /v2/webhooks/{key}", vendor, s.getWebhook)
	s.route(mux, "PATCH /v2/webhooks/{key}", vendor, s.updateWebhook)
	s.route(mux, "DELETE /v2/webhooks/{key}", vendor, s.archiveWebhook)
}

// ---- deals ----

// dealBody is the body of the deal writes.
type dealBody struct {
	AccountName      *string          `json:"account_name"`
	Amount           *int64           `json:"amount"`
	CloseDate        *string          `json:"close_date"`
	ContactFirstName *string          `json:"contact_first_name"`
	ContactLastName  *string          `json:"contact_last_name"`
	ExternalKey      *string          `json:"external_key"`
	Fields           []map[string]any `json:"fields"`
	GroupKey         *string          `json:"group_key"`
	LostReason       *string          `json:"lost_reason"`
	MoldKey          *string          `json:"mold_key"`
	PartnerKey       *string          `json:"partner_key"`
	Source           *string          `json:"source"`
	Stage            *string          `json:"stage"`
}

// apply copies the set fields onto d, reporting a validation error.
func (s *Server) applyDeal(d *Deal, b dealBody) string {
	if b.CloseDate != nil {
		if _, err := time.Parse(time.DateOnly, *b.CloseDate); err != nil {
			return "close_date: must be a date in YYYY-MM-DD format."
		}
		d.CloseDate = b.CloseDate
	}
	if b.Source != nil {
		if *b.Source != "partner" && *b.Source != "vendor" {
			return `source: must be "partner" or "vendor".`
		}
		d.Source = *b.Source
	}
	if b.PartnerKey != nil {
		if _, ok := s.partnershipBy(*b.PartnerKey); !ok {
			return "partner_key: no partner with this key in your program."
		}
		d.PartnerKey = b.PartnerKey
	}
	if b.GroupKey != nil {
		if _, ok := s.groups.get(*b.GroupKey); !ok {
			return "group_key: no group with this key."
		}
		d.GroupKey = b.GroupKey
	}
	if b.Amount != nil {
		d.Amount = *b.Amount
	}
	for dst, src := range map[**string]*string{
		&d.AccountName: b.AccountName, &d.ContactFirstName: b.ContactFirstName, &d.ContactLastName: b.ContactLastName,
		&d.ExternalKey: b.ExternalKey, &d.LostReason: b.LostReason, &d.MoldKey: b.MoldKey, &d.Stage: b.Stage,
	} {
		if src != nil {
			*dst = src
		}
	}
	if b.Fields != nil {
		d.Fields = b.Fields
	}
	return ""
}

func (s *Server) listDeals(w http.ResponseWriter, r *http.Request, _ role) {
	q, err := parseList(r, "created_at", "updated_at")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	v := r.URL.Query()
	partnerKey, group := v.Get("partner_key"), v.Get("group")
	customers := v["customer_key[]"]
	rows := s.deals.filter(func(d *Deal) bool {
		switch {
		case d.Archived, !q.inTime(d.CreatedAt, d.UpdatedAt):
			return false
		case partnerKey != "" && strOr(d.PartnerKey) != partnerKey:
			return false
		case group != "" && strOr(d.GroupKey) != group:
			return false
		case len(customers) > 0 && !slices.Contains(customers, strOr(d.CustomerKey)):
			return false
		}
		return true
	})
	writeList(w, q, "Deals retrieved successfully", false, rows,
		func(d *Deal) string { return d.Key },
		func(d *Deal, f string) int64 { return timeField(d.CreatedAt, d.UpdatedAt)(f) },
		func(d *Deal) any { return d })
}

func (s *Server) createDeal(w http.ResponseWriter, r *http.Request, _ role) {
	var b dealBody
	if !decode(w, r, &b) {
		return
	}
	if b.PartnerKey == nil && b.GroupKey == nil {
		writeError(w, http.StatusBadRequest, "partner_key or group_key is required.")
		return
	}
	d := &Deal{Source: "partner", Fields: []map[string]any{}}
	if msg := s.applyDeal(d, b); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	s.stamp(&d.Key, "deal", &d.CreatedAt, &d.UpdatedAt)
	s.deals.add(d)
	writeData(w, http.StatusOK, "Deal created successfully", d)
}

func (s *Server) deal(w http.ResponseWriter, r *http.Request) (*Deal, bool) {
	d, ok := s.deals.get(r.PathValue("key"))
	if !ok || d.Archived {
		writeError(w, http.StatusNotFound, "Deal not found.")
		return nil, false
	}
	return d, true
}

func (s *Server) getDeal(w http.ResponseWriter, r *http.Request, _ role) {
	if d, ok := s.deal(w, r); ok {
		writeData(w, http.StatusOK, "Deal retrieved successfully", d)
	}
}

func (s *Server) updateDeal(w http.ResponseWriter, r *http.Request, _ role) {
	d, ok := s.deal(w, r)
	if !ok {
		return
	}
	var b dealBody
	if !decode(w, r, &b) {
		return
	}
	if msg := s.applyDeal(d, b); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	d.UpdatedAt = s.nowMs()
	writeData(w, http.StatusOK, "Deal updated successfully", d)
}

func (s *Server) archiveDeal(w http.ResponseWriter, r *http.Request, _ role) {
	if d, ok := s.deal(w, r); ok {
		d.Archived, d.UpdatedAt = true, s.nowMs()
		writeData(w, http.StatusOK, "Deal archived successfully", map[string]any{"key": d.Key})
	}
}

// convert turns a lead or deal of partnerKey into a customer.
func (s *Server) convert(w http.ResponseWriter, r *http.Request, who role, partnerKey string) *Customer {
	var b struct {
		Email       string  `json:"email"`
		CustomerKey *string `json:"customer_key"`
	}
	if !decode(w, r, &b) {
		return nil
	}
	if !validEmail(b.Email) {
		writeError(w, http.StatusBadRequest, "email: a valid email address is required.")
		return nil
	}
	p, ok := s.partnershipBy(partnerKey)
	if !ok {
		writeError(w, http.StatusBadRequest, "The object has no partner to attribute the customer to.")
		return nil
	}
	c := &Customer{CustomerKey: b.CustomerKey, Email: &b.Email, PartnerKey: p.PartnerKey, PartnershipKey: p.Key, SourceType: "conversion"}
	s.addCustomer(c)
	p.Stats[statCustomerCount]++
	writeData(w, http.StatusOK, "Converted successfully", s.customerView(c, who))
	return c
}

func (s *Server) convertDeal(w http.ResponseWriter, r *http.Request, who role) {
	if d, ok := s.deal(w, r); ok {
		d.Stage, d.UpdatedAt = ptr("closed won"), s.nowMs()
		if c := s.convert(w, r, who, strOr(d.PartnerKey)); c != nil {
			d.CustomerKey = &c.Key
		}
	}
}

func (s *Server) dealFiles(w http.ResponseWriter, r *http.Request, _ role) {
	if d, ok := s.deal(w, r); ok {
		writeData(w, http.StatusOK, "Deal files retrieved successfully", map[string]any{
			"deal_files": []map[string]string{{"field_key": "fld_proposal", "key": "file_" + d.Key[len("deal_"):], "name": "proposal.pdf"}},
		})
	}
}

func (s *Server) dealFile(w http.ResponseWriter, r *http.Request, _ role) {
	d, ok := s.deal(w, r)
	if !ok {
		return
	}
	if r.PathValue("file") != "file_"+d.Key[len("deal_"):] {
		writeError(w, http.StatusNotFound, "File not found.")
		return
	}
	u := url.URL{Scheme: "https", Host: "files.partnerstack.example", Path: "/deals/" + d.Key + "/proposal.pdf"}
	writeData(w, http.StatusOK, "Deal file retrieved successfully", map[string]string{"url": u.String()})
}

func (s *Server) assignDeal(w http.ResponseWriter, r *http.Request, _ role) {
	d, ok := s.deal(w, r)
	if !ok {
		return
	}
	p, ok := s.partnerships.get(r.PathValue("partnership"))
	if !ok {
		writeError(w, http.StatusNotFound, "Partnership not found.")
		return
	}
	if _, ok := s.teams.get(r.PathValue("stack")); !ok && (p.Team == nil || p.Team.Key != r.PathValue("stack")) {
		writeError(w, http.StatusNotFound, "Partner team not found.")
		return
	}
	d.PartnerKey, d.UpdatedAt = &p.PartnerKey, s.nowMs()
	writeData(w, http.StatusOK, "Partnership assigned successfully", nil)
}

// ---- leads ----

// leadBody is the body of the lead writes.
type leadBody struct {
	PartnerKey  *string           `json:"partner_key"`
	Amount      *int64            `json:"amount"`
	Approved    *bool             `json:"approved"`
	ExternalKey *string           `json:"external_key"`
	Fields      []map[string]any  `json:"fields"`
	GroupKey    *string           `json:"group_key"`
	MoldKey     *string           `json:"mold_key"`
	Status      *string           `json:"status"`
	Meta        map[string]string `json:"meta"`
}

var leadStatuses = []string{"open", "closed", "dead", "closed won", "closed lost"}

func (s *Server) applyLead(l *Lead, b leadBody) string {
	if b.Status != nil {
		if !slices.Contains(leadStatuses, *b.Status) {
			return "status: must be one of open, closed, dead, closed won, closed lost."
		}
		l.Status = *b.Status
	}
	if b.PartnerKey != nil {
		if _, ok := s.partnershipBy(*b.PartnerKey); !ok {
			return "partner_key: no partner with this key in your program."
		}
		l.PartnerKey = *b.PartnerKey
	}
	if b.Amount != nil {
		l.Amount = *b.Amount
	}
	if b.Approved != nil {
		l.Approved = *b.Approved
	}
	if b.ExternalKey != nil {
		l.ExternalKey = b.ExternalKey
	}
	if b.GroupKey != nil {
		l.GroupKey = b.GroupKey
	}
	if b.MoldKey != nil {
		l.MoldKey = b.MoldKey
	}
	if b.Fields != nil {
		l.Fields = b.Fields
	}
	if b.Meta != nil {
		l.Meta = b.Meta
	}
	return ""
}

func (s *Server) listLeads(w http.ResponseWriter, r *http.Request, _ role) {
	q, err := parseList(r, "created_at", "updated_at")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	v := r.URL.Query()
	partnerKey, group := v.Get("partner_key"), v.Get("group")
	rows := s.leads.filter(func(l *Lead) bool {
		return !l.Archived && q.inTime(l.CreatedAt, l.UpdatedAt) &&
			(partnerKey == "" || l.PartnerKey == partnerKey) && (group == "" || strOr(l.GroupKey) == group)
	})
	writeList(w, q, "Leads retrieved successfully", false, rows,
		func(l *Lead) string { return l.Key },
		func(l *Lead, f string) int64 { return timeField(l.CreatedAt, l.UpdatedAt)(f) },
		func(l *Lead) any { return l })
}

func (s *Server) createLead(w http.ResponseWriter, r *http.Request, _ role) {
	var b leadBody
	if !decode(w, r, &b) {
		return
	}
	if b.PartnerKey == nil || *b.PartnerKey == "" {
		writeError(w, http.StatusBadRequest, "partner_key: this field is required.")
		return
	}
	l := &Lead{Status: "open", Fields: []map[string]any{}}
	if msg := s.applyLead(l, b); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	s.stamp(&l.Key, "lead", &l.CreatedAt, &l.UpdatedAt)
	s.leads.add(l)
	writeData(w, http.StatusOK, "Lead created successfully", l)
}

func (s *Server) lead(w http.ResponseWriter, r *http.Request) (*Lead, bool) {
	l, ok := s.leads.get(r.PathValue("key"))
	if !ok || l.Archived {
		writeError(w, http.StatusNotFound, "Lead not found.")
		return nil, false
	}
	return l, true
}

func (s *Server) getLead(w http.ResponseWriter, r *http.Request, _ role) {
	if l, ok := s.lead(w, r); ok {
		writeData(w, http.StatusOK, "Lead retrieved successfully", l)
	}
}

func (s *Server) updateLead(w http.ResponseWriter, r *http.Request, _ role) {
	l, ok := s.lead(w, r)
	if !ok {
		return
	}
	var b leadBody
	if !decode(w, r, &b) {
		return
	}
	if msg := s.applyLead(l, b); msg != "" {
		writeError(w, http.StatusBadRequest, msg)
		return
	}
	l.UpdatedAt = s.nowMs()
	writeData(w, http.StatusOK, "Lead updated successfully", l)
}

func (s *Server) archiveLead(w http.ResponseWriter, r *http.Request, _ role) {
	if l, ok := s.lead(w, r); ok {
		l.Archived, l.UpdatedAt = true, s.nowMs()
		writeData(w, http.StatusOK, "Lead archived successfully", map[string]any{"key": l.Key})
	}
}

func (s *Server) convertLead(w http.ResponseWriter, r *http.Request, who role) {
	if l, ok := s.lead(w, r); ok {
		l.Status, l.UpdatedAt = "closed won", s.nowMs()
		s.convert(w, r, who, l.PartnerKey)
	}
}

// ---- webhooks ----

func (s *Server) listWebhooks(w http.ResponseWriter, r *http.Request, _ role) {
	q, err := parseList(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	rows := s.webhooks.filter(func(h *Webhook) bool { return !h.Archived && q.inTime(h.CreatedAt, h.UpdatedAt) })
	writeList(w, q, "Webhooks retrieved successfully", false, rows,
		func(h *Webhook) string { return h.Key },
		func(h *Webhook, f string) int64 { return h.CreatedAt },
		func(h *Webhook) any { return h })
}

type webhookBody struct {
	Target *string  `json:"target"`
	Events []string `json:"events"`
}

func validTarget(t string) bool {
	u, err := url.Parse(t)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}

func (s *Server) createWebhook(w http.ResponseWriter, r *http.Request, _ role) {
	var b webhookBody
	if !decode(w, r, &b) {
		return
	}
	if b.Target == nil || !validTarget(*b.Target) || len(b.Events) == 0 {
		writeError(w, http.StatusBadRequest, "target must be an absolute URL and events must list at least one event.")
		return
	}
	h := &Webhook{Target: *b.Target, Events: b.Events}
	s.stamp(&h.Key, "wh", &h.CreatedAt, &h.UpdatedAt)
	s.webhooks.add(h)
	writeData(w, http.StatusOK, "Webhook created successfully", h)
}

func (s *Server) webhook(w http.ResponseWriter, r *http.Request) (*Webhook, bool) {
	h, ok := s.webhooks.get(r.PathValue("key"))
	if !ok || h.Archived {
		writeError(w, http.StatusNotFound, "Webhook not found.")
		return nil, false
	}
	return h, true
}

func (s *Server) getWebhook(w http.ResponseWriter, r *http.Request, _ role) {
	if h, ok := s.webhook(w, r); ok {
		writeData(w, http.StatusOK, "Webhook retrieved successfully", h)
	}
}

func (s *Server) updateWebhook(w http.ResponseWriter, r *http.Request, _ role) {
	h, ok := s.webhook(w, r)
	if !ok {
		return
	}
	var b webhookBody
	if !decode(w, r, &b) {
		return
	}
	if b.Target != nil {
		if !validTarget(*b.Target) {
			writeError(w, http.StatusBadRequest, "target must be an absolute URL.")
			return
		}
		h.Target = *b.Target
	}
	if b.Events != nil {
		h.Events = b.Events
	}
	h.UpdatedAt = s.nowMs()
	writeData(w, http.StatusOK, "Webhook updated successfully", h)
}

func (s *Server) archiveWebhook(w http.ResponseWriter, r *http.Request, _ role) {
	if h, ok := s.webhook(w, r); ok {
		h.Archived, h.UpdatedAt = true, s.nowMs()
		writeData(w, http.StatusOK, "Webhook archived successfully", map[string]any{"key": h.Key})
	}
}
