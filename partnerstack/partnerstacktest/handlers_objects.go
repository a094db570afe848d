package partnerstacktest

import (
	"fmt"
	"net/http"
	"strings"
)

// objectKind describes a resource kept as Objects.
type objectKind struct {
	name     string
	prefix   string
	required []string
}

// objectKinds are the resources whose schemas PartnerStack does not
// document; the fake keeps what clients send and stamps key and times.
var objectKinds = []objectKind{
	{"applications", "app", []string{"email"}},
	{"tiers", "tier", []string{"name"}},
	{"tier_collections", "tcol", []string{"name"}},
	{"products", "prod", []string{"product_book_key", "customer_key", "status"}},
	{"product_books", "pbk", []string{"name"}},
	{"form_templates", "mold", nil},
	{"report_configurations", "vrc", nil},
	{"report_exports", "vrex", []string{"member_email"}},
}

func kindOf(name string) objectKind {
	for _, k := range objectKinds {
		if k.name == name {
			return k
		}
	}
	panic("partnerstacktest: unknown object kind " + name)
}

// moreRoutes registers deals, leads, webhooks and the less documented
// resources.
func (s *Server) moreRoutes(mux *http.ServeMux) {
	s.salesRoutes(mux)

	s.route(mux, "GET /v2/applications", vendor, s.listObjects("applications", "Applications retrieved successfully"))
	s.route(mux, "POST /v2/applications", vendor, s.createObject("applications"))
	s.route(mux, "PATCH /v2/applications/decision", vendor, s.decideApplications)
	s.route(mux, "PATCH /v2/applications/{key}/decision", vendor, s.decideApplication)

	s.route(mux, "GET /v2/tiers", vendor, s.listObjects("tiers", "Tiers retrieved successfully"))
	s.route(mux, "POST /v2/tiers", vendor, s.createObject("tiers"))
	s.route(mux, "GET /v2/tiers/collection", vendor, s.listObjects("tier_collections", "Tier collections retrieved successfully"))
	s.route(mux, "POST /v2/tiers/collection", vendor, s.createObject("tier_collections"))
	s.route(mux, "GET /v2/tiers/collection/{key}", vendor, s.getObject("tier_collections"))
	s.route(mux, "PATCH /v2/tiers/collection/{key}", vendor, s.updateObject("tier_collections"))
	s.route(mux, "GET /v2/tiers/{key}", vendor, s.getObject("tiers"))
	s.route(mux, "PATCH /v2/tiers/{key}", vendor, s.updateObject("tiers"))

	s.route(mux, "GET /v2/products", vendor, s.listObjects("products", "Products retrieved successfully", "customer_key", "stack_key", "xid"))
	s.route(mux, "POST /v2/products", vendor, s.createObject("products"))
	s.route(mux, "GET /v2/products/{key}", vendor, s.getObject("products"))
	s.route(mux, "PATCH /v2/products/{key}", vendor, s.updateObject("products"))
	s.route(mux, "DELETE /v2/products/{key}", vendor, s.deleteObject("products"))

	s.route(mux, "GET /v2/product-book", vendor, s.listObjects("product_books", "Product books retrieved successfully"))
	s.route(mux, "POST /v2/product-book", vendor, s.createObject("product_books"))
	s.route(mux, "GET /v2/product-book/{key}", vendor, s.getObject("product_books"))
	s.route(mux, "PATCH /v2/product-book/{key}", vendor, s.updateObject("product_books"))
	s.route(mux, "DELETE /v2/product-book/{key}", vendor, s.deleteObject("product_books"))

	s.route(mux, "GET /v2/form-templates", vendor, s.listObjects("form_templates", "Form templates retrieved successfully", "target_type", "mold_key"))

	s.route(mux, "GET /v2/vendor_report_configuration/list", vendor, s.listObjects("report_configurations", "Custom reports retrieved successfully"))
	s.route(mux, "GET /v2/vendor_report_configuration/{key}", vendor, s.getObject("report_configurations"))
	s.route(mux, "POST /v2/vendor_report_export/{key}", vendor, s.exportReport)
	s.route(mux, "GET /v2/vendor_report_export/export/{key}", vendor, s.getObject("report_exports"))
	s.route(mux, "POST /v2/exports/base-records", vendor, s.exportBaseRecords)

	s.route(mux, "GET /v2/sales-cycles/{type}/stages", vendor, s.stages)
}

func int64Of(v any) int64 {
	switch n := v.(type) {
	case int64:
		return n
	case float64:
		return int64(n)
	case int:
		return int64(n)
	}
	return 0
}

// listObjects lists a kind; filters are body fields matched exactly by
// the query parameters of the same name (xid matches click_xid), and
// keywords searches name and description.
func (s *Server) listObjects(kind, msg string, filters ...string) handler {
	return func(w http.ResponseWriter, r *http.Request, _ role) {
		q, err := parseList(r)
		if err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
		v := r.URL.Query()
		keywords := strings.ToLower(v.Get("keywords"))
		rows := s.objects[kind].Filter(func(o *Object) bool {
			if !q.inMs(int64Of((*o)["created_at"]), int64Of((*o)["updated_at"])) || (*o)["archived"] == true {
				return false
			}
			for _, f := range filters {
				field := f
				if f == "xid" {
					field = "click_xid"
				}
				if want := v.Get(f); want != "" && fmt.Sprint((*o)[field]) != want {
					return false
				}
			}
			if keywords != "" {
				text := strings.ToLower(fmt.Sprint((*o)["name"], " ", (*o)["description"]))
				return strings.Contains(text, keywords)
			}
			return true
		})
		writeList(w, q, msg, false, rows,
			func(o *Object) string { return o.Key() },
			func(o *Object, f string) int64 { return int64Of((*o)[f]) },
			func(o *Object) any { return *o })
	}
}

// objectBy finds an object by key, or by external key for products.
func (s *Server) objectBy(kind, key string) (*Object, bool) {
	t := s.objects[kind]
	if o, ok := t.Get(key); ok {
		return o, (*o)["archived"] != true
	}
	return t.Find(func(o *Object) bool { return (*o)["external_key"] == key && (*o)["archived"] != true })
}

func (s *Server) getObject(kind string) handler {
	return func(w http.ResponseWriter, r *http.Request, _ role) {
		o, ok := s.objectBy(kind, r.PathValue("key"))
		if !ok {
			writeError(w, http.StatusNotFound, "Not found.")
			return
		}
		writeData(w, http.StatusOK, "Retrieved successfully", *o)
	}
}

// readObject decodes a JSON object body, dropping the fields the server
// owns.
func readObject(w http.ResponseWriter, r *http.Request) (Object, bool) {
	var o Object
	if !decode(w, r, &o) {
		return nil, false
	}
	if o == nil {
		writeError(w, http.StatusBadRequest, "request body must be a JSON object")
		return nil, false
	}
	for _, k := range []string{"key", "created_at", "updated_at", "archived"} {
		delete(o, k)
	}
	return o, true
}

func (s *Server) createObject(kind string) handler {
	k := kindOf(kind)
	return func(w http.ResponseWriter, r *http.Request, _ role) {
		o, ok := readObject(w, r)
		if !ok {
			return
		}
		for _, f := range k.required {
			if v, ok := o[f].(string); !ok || v == "" {
				writeError(w, http.StatusBadRequest, f+": this field is required.")
				return
			}
		}
		if kind == "products" {
			if _, ok := s.objectBy("product_books", o["product_book_key"].(string)); !ok {
				writeError(w, http.StatusBadRequest, "product_book_key: no product book with this key.")
				return
			}
		}
		if kind == "applications" {
			o["status"] = "pending"
		}
		writeData(w, http.StatusOK, "Created successfully", s.addObject(kind, o))
	}
}

func (s *Server) updateObject(kind string) handler {
	return func(w http.ResponseWriter, r *http.Request, _ role) {
		cur, ok := s.objectBy(kind, r.PathValue("key"))
		if !ok {
			writeError(w, http.StatusNotFound, "Not found.")
			return
		}
		o, ok := readObject(w, r)
		if !ok {
			return
		}
		for k, v := range o {
			(*cur)[k] = v
		}
		(*cur)["updated_at"] = s.nowMs()
		writeData(w, http.StatusOK, "Updated successfully", *cur)
	}
}

func (s *Server) deleteObject(kind string) handler {
	return func(w http.ResponseWriter, r *http.Request, _ role) {
		o, ok := s.objectBy(kind, r.PathValue("key"))
		if !ok {
			writeError(w, http.StatusNotFound, "Not found.")
			return
		}
		s.objects[kind].Delete(o.Key())
		writeData(w, http.StatusOK, "Deleted successfully", map[string]any{"key": o.Key()})
	}
}

var decisions = map[string]string{"approved": "approved", "approve": "approved", "declined": "declined", "decline": "declined", "rejected": "declined"}

func (s *Server) decideApplication(w http.ResponseWriter, r *http.Request, _ role) {
	o, ok := s.objectBy("applications", r.PathValue("key"))
	if !ok {
		writeError(w, http.StatusNotFound, "Application not found.")
		return
	}
	var b struct {
		Decision string `json:"decision"`
	}
	if !decode(w, r, &b) {
		return
	}
	status, ok := decisions[b.Decision]
	if !ok {
		writeError(w, http.StatusBadRequest, `decision: must be "approved" or "declined".`)
		return
	}
	(*o)["status"], (*o)["updated_at"] = status, s.nowMs()
	writeData(w, http.StatusOK, "Application updated successfully", *o)
}

func (s *Server) decideApplications(w http.ResponseWriter, r *http.Request, _ role) {
	var b struct {
		ApplicationKeys []string `json:"application_keys"`
		Decision        string   `json:"decision"`
	}
	if !decode(w, r, &b) {
		return
	}
	status, ok := decisions[b.Decision]
	if !ok || len(b.ApplicationKeys) == 0 {
		writeError(w, http.StatusBadRequest, `application_keys must not be empty and decision must be "approved" or "declined".`)
		return
	}
	for _, k := range b.ApplicationKeys {
		if _, ok := s.objectBy("applications", k); !ok {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("application_keys: no application %q.", k))
			return
		}
	}
	now := s.nowMs()
	for _, k := range b.ApplicationKeys {
		o, _ := s.objectBy("applications", k)
		(*o)["status"], (*o)["updated_at"] = status, now
	}
	writeData(w, http.StatusOK, "Applications updated successfully", map[string]any{"updated": len(b.ApplicationKeys)})
}

// reportExportWindowMs is the documented once-per-two-hours quota of a
// custom report's exports.
const reportExportWindowMs = 2 * 60 * 60 * 1000

func (s *Server) exportReport(w http.ResponseWriter, r *http.Request, _ role) {
	cfg, ok := s.objectBy("report_configurations", r.PathValue("key"))
	if !ok {
		writeError(w, http.StatusNotFound, "Custom report not found.")
		return
	}
	o, ok := readObject(w, r)
	if !ok {
		return
	}
	email, _ := o["member_email"].(string)
	if !validEmail(email) {
		writeError(w, http.StatusBadRequest, "member_email: this field is required.")
		return
	}
	now := s.nowMs()
	if last, ok := s.exportsAt[cfg.Key()]; ok && now-last < reportExportWindowMs {
		w.Header().Set("Retry-After", fmt.Sprint((reportExportWindowMs-(now-last))/1000))
		writeError(w, http.StatusTooManyRequests, "Each custom report can only be exported once every 2 hours.")
		return
	}
	s.exportsAt[cfg.Key()] = now
	exp := Object{
		"vendor_report_configuration_key": cfg.Key(), "member_email": email, "status": "completed",
		"file_name": fmt.Sprint((*cfg)["name"], ".csv"),
	}
	exp = s.addObject("report_exports", exp)
	o2, _ := s.objects["report_exports"].Get(exp.Key())
	(*o2)["file_url"] = "https://files.partnerstack.example/exports/" + exp.Key() + ".csv"
	writeData(w, http.StatusOK, "Export requested successfully", cloneObject(*o2))
}

func (s *Server) exportBaseRecords(w http.ResponseWriter, r *http.Request, _ role) {
	var b struct {
		MemberEmail string   `json:"member_email"`
		ExportTypes []string `json:"export_types"`
	}
	if !decode(w, r, &b) {
		return
	}
	if !validEmail(b.MemberEmail) || len(b.ExportTypes) == 0 {
		writeError(w, http.StatusBadRequest, "member_email and export_types are required.")
		return
	}
	writeData(w, http.StatusOK, "Export queued successfully", map[string]any{"member_email": b.MemberEmail, "export_types": b.ExportTypes})
}

func (s *Server) stages(w http.ResponseWriter, r *http.Request, _ role) {
	var names []string
	switch r.PathValue("type") {
	case "deal", "deals":
		names = []string{"Registered", "Qualified", "Proposal", "Closed won", "Closed lost"}
	case "lead", "leads":
		names = []string{"Open", "Contacted", "Closed"}
	default:
		writeError(w, http.StatusBadRequest, "object_type must be deal or lead.")
		return
	}
	group := r.URL.Query().Get("group_key")
	if group != "" {
		if _, ok := s.groups.Get(group); !ok {
			writeError(w, http.StatusNotFound, "Group not found.")
			return
		}
	}
	items := make([]map[string]any, len(names))
	for i, n := range names {
		items[i] = map[string]any{"key": fmt.Sprintf("stg_%s_%d", r.PathValue("type"), i+1), "name": n, "position": i}
	}
	writeData(w, http.StatusOK, "Sales cycle stages retrieved successfully", listData{Items: items})
}

// formTemplatesOf serves the deal or lead form templates.
func (s *Server) formTemplatesOf(typ string) handler {
	return func(w http.ResponseWriter, r *http.Request, _ role) {
		mold := r.URL.Query().Get("mold_key")
		rows := s.objects["form_templates"].Filter(func(o *Object) bool {
			return (*o)["type"] == typ && (mold == "" || o.Key() == mold)
		})
		items := make([]Object, len(rows))
		for i, o := range rows {
			items[i] = *o
		}
		writeData(w, http.StatusOK, "Form templates retrieved successfully", listData{Items: items})
	}
}
