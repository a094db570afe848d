package partnerstacktest

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
)

// salesRoutes registers deals, leads and webhooks.
func (s *Server) salesRoutes(mux *http.ServeMux) {
	s.route(mux, "GET /v2/deals", vendor, deals.list(s))
	s.route(mux, "POST /v2/deals", vendor, deals.create(s))
	s.route(mux, "GET /v2/deals/form-templates", vendor, s.formTemplatesOf("deal"))
	s.route(mux, "GET /v2/deals/{key}", vendor, deals.get(s))
	s.route(mux, "PATCH /v2/deals/{key}", vendor, deals.update(s))
	s.route(mux, "DELETE /v2/deals/{key}", vendor, deals.archive(s))
	s.route(mux, "POST /v2/deals/{key}/convert", vendor, s.convertDeal)
	s.route(mux, "GET /v2/deals/{key}/files", vendor, s.dealFiles)
	// PartnerStack serves these two without the /v2 prefix.
	s.route(mux, "GET /deals/{key}/file/{file}", vendor, s.dealFile)
	s.route(mux, "POST /deals/{key}/assignment/{partnership}/{stack}", vendor, s.assignDeal)

	s.route(mux, "GET /v2/leads", vendor, leads.list(s))
	s.route(mux, "POST /v2/leads", vendor, leads.create(s))
	s.route(mux, "GET /v2/leads/form-templates", vendor, s.formTemplatesOf("lead"))
	s.route(mux, "GET /v2/leads/{key}", vendor, leads.get(s))
	s.route(mux, "PATCH /v2/leads/{key}", vendor, leads.update(s))
	s.route(mux, "DELETE /v2/leads/{key}", vendor, leads.archive(s))
	s.route(mux, "POST /v2/leads/{key}/convert", vendor, s.convertLead)

	s.route(mux, "GET /v2/webhooks", vendor, webhooks.list(s))
	s.route(mux, "POST /v2/webhooks", vendor, webhooks.create(s))
	s.route(mux, "GET /v2/webhooks/{key}", vendor, webhooks.get(s))
	s.route(mux, "PATCH /v2/webhooks/{key}", vendor, webhooks.update(s))
	s.route(mux, "DELETE /v2/webhooks/{key}", vendor, webhooks.archive(s))
}

// resource is what the deal, lead and webhook endpoints share: a table of
// records that DELETE archives, the name their messages use, the list's
// filters, and how a write's body of type B is checked and applied.
type resource[T, B any] struct {
	name     string // capitalised, e.g. "Deal"
	table    func(*Server) *table[T]
	archived func(*T) *bool
	orders   []string                    // the fields order_by takes (nil: none)
	filters  []listFilter[T]             // the list's exact-match query parameters
	required func(B) string              // the message of a create body missing a field, or ""
	fresh    func() *T                   // a new record before a create body is applied
	apply    func(*Server, *T, B) string // copies the set fields, or returns a 400 message
	wire     func(*T) any                // the record as sent
}

// listFilter is a list query parameter that a record's value must equal
// when it is given. A parameter named with a trailing "[]" may be repeated
// and matches any of its values.
type listFilter[T any] struct {
	param string
	value func(*T) string
}

func (f listFilter[T]) match(v url.Values, r *T) bool {
	if strings.HasSuffix(f.param, "[]") {
		want := v[f.param]
		return len(want) == 0 || slices.Contains(want, f.value(r))
	}
	want := v.Get(f.param)
	return want == "" || f.value(r) == want
}

// list serves the records that are not archived, filtered and paged.
func (o resource[T, B]) list(s *Server) handler {
	return func(w http.ResponseWriter, r *http.Request, _ role) {
		q, err := parseList(r, o.orders...)
		if err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
		t, v := o.table(s), r.URL.Query()
		rows := t.Filter(func(rec *T) bool {
			_, created, updated := t.stamps(rec)
			if *o.archived(rec) || !q.inTime(*created, *updated) {
				return false
			}
			for _, f := range o.filters {
				if !f.match(v, rec) {
					return false
				}
			}
			return true
		})
		writeList(w, q, o.name+"s retrieved successfully", false, rows, t.Key,
			func(rec *T, f string) int64 {
				_, created, updated := t.stamps(rec)
				return timeField(*created, *updated)(f)
			},
			o.wire)
	}
}

// find returns the record the path's key names, answering 404 when there
// is none or it is archived.
func (o resource[T, B]) find(s *Server, w http.ResponseWriter, r *http.Request) (*T, bool) {
	rec, ok := o.table(s).Get(r.PathValue("key"))
	if !ok || *o.archived(rec) {
		writeError(w, http.StatusNotFound, o.name+" not found.")
		return nil, false
	}
	return rec, true
}

func (o resource[T, B]) create(s *Server) handler {
	return func(w http.ResponseWriter, r *http.Request, _ role) {
		var b B
		if !decode(w, r, &b) {
			return
		}
		if msg := o.required(b); msg != "" {
			writeError(w, http.StatusBadRequest, msg)
			return
		}
		rec := o.fresh()
		if msg := o.apply(s, rec, b); msg != "" {
			writeError(w, http.StatusBadRequest, msg)
			return
		}
		o.table(s).put(s, rec)
		writeData(w, http.StatusOK, o.name+" created successfully", o.wire(rec))
	}
}

func (o resource[T, B]) get(s *Server) handler {
	return func(w http.ResponseWriter, r *http.Request, _ role) {
		if rec, ok := o.find(s, w, r); ok {
			writeData(w, http.StatusOK, o.name+" retrieved successfully", o.wire(rec))
		}
	}
}

func (o resource[T, B]) update(s *Server) handler {
	return func(w http.ResponseWriter, r *http.Request, _ role) {
		rec, ok := o.find(s, w, r)
		if !ok {
			return
		}
		var b B
		if !decode(w, r, &b) {
			return
		}
		if msg := o.apply(s, rec, b); msg != "" {
			writeError(w, http.StatusBadRequest, msg)
			return
		}
		_, _, updated := o.table(s).stamps(rec)
		*updated = s.nowTime()
		writeData(w, http.StatusOK, o.name+" updated successfully", o.wire(rec))
	}
}

func (o resource[T, B]) archive(s *Server) handler {
	return func(w http.ResponseWriter, r *http.Request, _ role) {
		if rec, ok := o.find(s, w, r); ok {
			key, _, updated := o.table(s).stamps(rec)
			*o.archived(rec), *updated = true, s.nowTime()
			writeData(w, http.StatusOK, o.name+" archived successfully", map[string]any{"key": *key})
		}
	}
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

// applyDeal copies the set fields onto d, reporting a validation error.
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
		if _, ok := s.groups.Get(*b.GroupKey); !ok {
			return "group_key: no group with this key."
		}
		d.GroupKey = b.GroupKey
	}
	if b.Amount != nil {
		d.Amount = fromCents(*b.Amount, "")
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

// deals are served at /v2/deals: a create names a partner or a group.
var deals = resource[Deal, dealBody]{
	name:     "Deal",
	table:    func(s *Server) *table[Deal] { return &s.deals },
	archived: func(d *Deal) *bool { return &d.Archived },
	orders:   []string{"created_at", "updated_at"},
	filters: []listFilter[Deal]{
		{"partner_key", func(d *Deal) string { return strOr(d.PartnerKey) }},
		{"group", func(d *Deal) string { return strOr(d.GroupKey) }},
		{"customer_key[]", func(d *Deal) string { return strOr(d.CustomerKey) }},
	},
	required: func(b dealBody) string {
		if b.PartnerKey == nil && b.GroupKey == nil {
			return "partner_key or group_key is required."
		}
		return ""
	},
	fresh: func() *Deal { return &Deal{Source: "partner", Fields: []map[string]any{}} },
	apply: (*Server).applyDeal,
	wire:  func(d *Deal) any { return dealWire(*d) },
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
	s.customers.put(s, c)
	countCustomer(p)
	writeData(w, http.StatusOK, "Converted successfully", s.customerView(c, who))
	return c
}

func (s *Server) convertDeal(w http.ResponseWriter, r *http.Request, who role) {
	if d, ok := deals.find(s, w, r); ok {
		d.Stage, d.UpdatedAt = ptr("closed won"), s.nowTime()
		if c := s.convert(w, r, who, strOr(d.PartnerKey)); c != nil {
			d.CustomerKey = &c.Key
		}
	}
}

func (s *Server) dealFiles(w http.ResponseWriter, r *http.Request, _ role) {
	if d, ok := deals.find(s, w, r); ok {
		writeData(w, http.StatusOK, "Deal files retrieved successfully", map[string]any{
			"deal_files": []map[string]string{{"field_key": "fld_proposal", "key": "file_" + d.Key[len("deal_"):], "name": "proposal.pdf"}},
		})
	}
}

func (s *Server) dealFile(w http.ResponseWriter, r *http.Request, _ role) {
	d, ok := deals.find(s, w, r)
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
	d, ok := deals.find(s, w, r)
	if !ok {
		return
	}
	p, ok := s.partnerships.Get(r.PathValue("partnership"))
	if !ok {
		writeError(w, http.StatusNotFound, "Partnership not found.")
		return
	}
	if _, ok := s.teams.Get(r.PathValue("stack")); !ok && (p.Team == nil || p.Team.Key != r.PathValue("stack")) {
		writeError(w, http.StatusNotFound, "Partner team not found.")
		return
	}
	d.PartnerKey, d.UpdatedAt = &p.PartnerKey, s.nowTime()
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
		l.Amount = fromCents(*b.Amount, "")
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

// leads are served at /v2/leads: a create names a partner.
var leads = resource[Lead, leadBody]{
	name:     "Lead",
	table:    func(s *Server) *table[Lead] { return &s.leads },
	archived: func(l *Lead) *bool { return &l.Archived },
	orders:   []string{"created_at", "updated_at"},
	filters: []listFilter[Lead]{
		{"partner_key", func(l *Lead) string { return l.PartnerKey }},
		{"group", func(l *Lead) string { return strOr(l.GroupKey) }},
	},
	required: func(b leadBody) string {
		if b.PartnerKey == nil || *b.PartnerKey == "" {
			return "partner_key: this field is required."
		}
		return ""
	},
	fresh: func() *Lead { return &Lead{Status: "open", Fields: []map[string]any{}} },
	apply: (*Server).applyLead,
	wire:  func(l *Lead) any { return leadWire(*l) },
}

func (s *Server) convertLead(w http.ResponseWriter, r *http.Request, who role) {
	if l, ok := leads.find(s, w, r); ok {
		l.Status, l.UpdatedAt = "closed won", s.nowTime()
		s.convert(w, r, who, l.PartnerKey)
	}
}

// ---- webhooks ----

// webhooks are served at /v2/webhooks: a create gives a target URL and at
// least one event.
var webhooks = resource[Webhook, webhookBody]{
	name:     "Webhook",
	table:    func(s *Server) *table[Webhook] { return &s.webhooks },
	archived: func(h *Webhook) *bool { return &h.Archived },
	required: func(b webhookBody) string {
		if b.Target == nil || !validTarget(*b.Target) || len(b.Events) == 0 {
			return "target must be an absolute URL and events must list at least one event."
		}
		return ""
	},
	fresh: func() *Webhook { return &Webhook{} },
	wire:  func(h *Webhook) any { return webhookWire(*h) },
	apply: func(_ *Server, h *Webhook, b webhookBody) string {
		if b.Target != nil {
			if !validTarget(*b.Target) {
				return "target must be an absolute URL."
			}
			h.Target = *b.Target
		}
		if b.Events != nil {
			h.Events = b.Events
		}
		return ""
	},
}

type webhookBody struct {
	Target *string  `json:"target"`
	Events []string `json:"events"`
}

func validTarget(t string) bool {
	u, err := url.Parse(t)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http") && u.Host != ""
}
