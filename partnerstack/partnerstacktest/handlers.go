package partnerstacktest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// coreRoutes registers the documented resources.
func (s *Server) coreRoutes(mux *http.ServeMux) {
	s.route(mux, "GET /v2/partnerships", both, s.listPartnerships)
	s.route(mux, "POST /v2/partnerships", vendor, s.createPartnership)
	s.route(mux, "PATCH /v2/partnerships", vendor, s.movePartnerships)
	s.route(mux, "GET /v2/partnerships/{key}", vendor, s.getPartnership)
	s.route(mux, "PATCH /v2/partnerships/{key}", vendor, s.updatePartnership)
	s.route(mux, "DELETE /v2/partnerships/{key}", vendor, s.archivePartnership)
	s.route(mux, "PATCH /v2/partnerships/{key}/tags", vendor, s.tagPartnership)
	s.route(mux, "POST /v2/partnerships/{key}/member", vendor, s.addMember)
	s.route(mux, "GET /v2/partner-team/{key}", vendor, s.getTeam)

	s.route(mux, "GET /v2/customers", both, s.listCustomers)
	s.route(mux, "POST /v2/customers", vendor, s.createCustomer)
	s.route(mux, "GET /v2/customers/{key}", vendor, s.getCustomer)
	s.route(mux, "PATCH /v2/customers/{key}", vendor, s.updateCustomer)
	s.route(mux, "DELETE /v2/customers/{key}", vendor, s.deleteCustomer)

	s.route(mux, "GET /v2/transactions", both, s.listTransactions)
	s.route(mux, "POST /v2/transactions", vendor, s.createTransaction)
	s.route(mux, "DELETE /v2/transactions/{key}", vendor, s.deleteTransaction)

	s.route(mux, "GET /v2/rewards", both, s.listRewards)
	s.route(mux, "POST /v2/rewards", vendor, s.createReward)

	s.route(mux, "GET /v2/actions", both, s.listActions)
	s.route(mux, "POST /v2/actions", vendor, s.createAction)
	s.route(mux, "DELETE /v2/actions/{key}", vendor, s.archiveAction)

	s.route(mux, "GET /v2/groups", vendor, s.listGroups)
	s.route(mux, "GET /v2/links/partnership/{identifier}", vendor, s.listLinks)

	s.route(mux, "GET /v2/payouts", partner, s.listPayouts)
	s.route(mux, "GET /v2/marketplace/programs", partner, s.listPrograms)
	s.route(mux, "GET /v2/marketplace/programs/{key}", partner, s.getProgram)
}

// decode reads a JSON request body, answering 400 when it is not JSON.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := fakeserver.DecodeJSON(r, v); err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return false
	}
	return true
}

// decodeKeys decodes a JSON object body into v and also returns its
// top-level keys, so required-but-nullable fields can be checked.
func decodeKeys(w http.ResponseWriter, r *http.Request, v any) (map[string]json.RawMessage, bool) {
	var keys map[string]json.RawMessage
	if !decode(w, r, &keys) {
		return nil, false
	}
	b, _ := json.Marshal(keys)
	if err := json.Unmarshal(b, v); err != nil {
		writeError(w, http.StatusBadRequest, "request body: "+err.Error())
		return nil, false
	}
	return keys, true
}

func validEmail(e string) bool {
	_, err := mail.ParseAddress(e)
	return err == nil && !strings.ContainsAny(e, "<> ")
}

// timeField returns the sort value of a record with these timestamps.
func timeField(created, updated time.Time) func(string) int64 {
	return func(f string) int64 {
		if f == "updated_at" {
			return epochMs(updated)
		}
		return epochMs(created)
	}
}

// boolParam reads an optional true/false parameter.
func boolParam(r *http.Request, name string) (*bool, error) {
	switch v := r.URL.Query().Get(name); v {
	case "":
		return nil, nil
	case "true", "True", "1":
		return ptr(true), nil
	case "false", "False", "0":
		return ptr(false), nil
	default:
		return nil, fmt.Errorf("%s must be true or false", name)
	}
}

// ---- partnerships ----

func (s *Server) listPartnerships(w http.ResponseWriter, r *http.Request, who role) {
	q, err := parseList(r, "created_at", "updated_at")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	v := r.URL.Query()
	hasSub, err1 := boolParam(r, "has_sub_id")
	offers, err2 := boolParam(r, "include_offers")
	archived, err3 := boolParam(r, "include_archived")
	for _, e := range []error{err1, err2, err3} {
		if e != nil {
			writeError(w, http.StatusBadRequest, e.Error())
			return
		}
	}
	approved := v.Get("approved_status")
	rows := s.partnerships.Filter(func(p *Partnership) bool {
		if !q.inTime(p.CreatedAt, p.UpdatedAt) {
			return false
		}
		if who == partner {
			return p.Key == PartnerPartnershipKey && (!p.Archived || (archived != nil && *archived)) &&
				(hasSub == nil || p.HasSubID == *hasSub)
		}
		return !p.Archived && (approved == "" || p.ApprovedStatus == approved)
	})
	withOffers := offers != nil && *offers
	writeList(w, q, "Partnerships retrieved successfully", false, rows,
		func(p *Partnership) string { return p.Key },
		func(p *Partnership, f string) int64 { return timeField(p.CreatedAt, p.UpdatedAt)(f) },
		func(p *Partnership) any { return s.partnershipView(p, who, withOffers) })
}

// partnershipBy finds a partnership by key, partner key or email.
func (s *Server) partnershipBy(id string) (*Partnership, bool) {
	if p, ok := s.partnerships.Get(id); ok {
		return p, true
	}
	return s.partnerships.Find(func(p *Partnership) bool { return p.PartnerKey == id || p.Email == id })
}

func (s *Server) getPartnership(w http.ResponseWriter, r *http.Request, who role) {
	p, ok := s.partnershipBy(r.PathValue("key"))
	if !ok {
		writeError(w, http.StatusNotFound, "Partnership not found.")
		return
	}
	writeData(w, http.StatusOK, "Partnership retrieved successfully", s.partnershipView(p, who, false))
}

func (s *Server) groupRef(key string) (*GroupRef, bool) {
	g, ok := s.groups.Get(key)
	if !ok {
		return nil, false
	}
	return &GroupRef{Key: g.Key, Name: g.Name, Slug: g.Slug}, true
}

func (s *Server) createPartnership(w http.ResponseWriter, r *http.Request, who role) {
	var body struct {
		Email        string            `json:"email"`
		FirstName    string            `json:"first_name"`
		LastName     string            `json:"last_name"`
		GroupKey     string            `json:"group_key"`
		PartnerKey   string            `json:"partner_key"`
		ManagerEmail string            `json:"manager_email"`
		ManagerName  string            `json:"manager_name"`
		Tags         []string          `json:"tags"`
		Fields       []map[string]any  `json:"fields"`
		Meta         map[string]string `json:"meta"`
	}
	if !decode(w, r, &body) {
		return
	}
	switch {
	case body.Email == "" || !validEmail(body.Email):
		writeError(w, http.StatusBadRequest, "email: a valid email address is required.")
		return
	case len(body.Email) > 255:
		writeError(w, http.StatusBadRequest, "email: must be at most 255 characters.")
		return
	case utf8.RuneCountInString(body.FirstName) > 50 || utf8.RuneCountInString(body.LastName) > 50:
		writeError(w, http.StatusBadRequest, "first_name and last_name must be at most 50 characters.")
		return
	}
	if body.PartnerKey != "" {
		if _, taken := s.partnerships.Find(func(p *Partnership) bool { return p.PartnerKey == body.PartnerKey }); taken {
			writeError(w, http.StatusBadRequest, "partner_key: a partnership with this partner_key already exists.")
			return
		}
	}
	p := &Partnership{
		Email: body.Email, FirstName: body.FirstName, LastName: body.LastName, PartnerKey: body.PartnerKey,
		Tags: body.Tags, Fields: body.Fields, MData: map[string]any{},
	}
	for k, v := range body.Meta {
		p.MData[k] = v
	}
	if body.GroupKey != "" {
		g, ok := s.groupRef(body.GroupKey)
		if !ok {
			writeError(w, http.StatusBadRequest, "group_key: no group with this key.")
			return
		}
		p.Group = g
	} else if g, ok := s.groups.Find(func(g *Group) bool { return g.Default }); ok {
		p.Group = &GroupRef{Key: g.Key, Name: g.Name, Slug: g.Slug}
	}
	if body.ManagerEmail != "" {
		p.Manager = map[string]any{"email": body.ManagerEmail, "name": body.ManagerName}
	}
	s.partnerships.put(s, p)
	writeData(w, http.StatusOK, "Partnership created successfully", s.partnershipView(p, who, false))
}

func (s *Server) updatePartnership(w http.ResponseWriter, r *http.Request, who role) {
	p, ok := s.partnerships.Get(r.PathValue("key"))
	if !ok {
		writeError(w, http.StatusNotFound, "Partnership not found.")
		return
	}
	var body struct {
		GroupKey     *string          `json:"group_key"`
		ManagerEmail *string          `json:"manager_email"`
		TierKey      *string          `json:"tier_key"`
		Fields       []map[string]any `json:"fields"`
	}
	if !decode(w, r, &body) {
		return
	}
	if body.GroupKey != nil {
		g, ok := s.groupRef(*body.GroupKey)
		if !ok {
			writeError(w, http.StatusBadRequest, "group_key: no group with this key.")
			return
		}
		p.Group = g
	}
	if body.ManagerEmail != nil {
		p.Manager = map[string]any{"email": *body.ManagerEmail}
	}
	if body.TierKey != nil {
		t, ok := s.objects["tiers"].Get(*body.TierKey)
		if !ok {
			writeError(w, http.StatusBadRequest, "tier_key: no tier with this key.")
			return
		}
		p.Tier = map[string]any{"key": (*t)["key"], "name": (*t)["name"]}
	}
	if body.Fields != nil {
		p.Fields = body.Fields
	}
	p.UpdatedAt = s.nowTime()
	writeData(w, http.StatusOK, "Partnership updated successfully", s.partnershipView(p, who, false))
}

func (s *Server) movePartnerships(w http.ResponseWriter, r *http.Request, _ role) {
	var body struct {
		GroupKey        string   `json:"group_key"`
		PartnershipKeys []string `json:"partnership_keys"`
	}
	if !decode(w, r, &body) {
		return
	}
	g, ok := s.groupRef(body.GroupKey)
	if !ok || len(body.PartnershipKeys) == 0 {
		writeError(w, http.StatusBadRequest, "group_key must name a group and partnership_keys must not be empty.")
		return
	}
	for _, k := range body.PartnershipKeys {
		if _, ok := s.partnerships.Get(k); !ok {
			writeError(w, http.StatusBadRequest, fmt.Sprintf("partnership_keys: no partnership %q.", k))
			return
		}
	}
	now := s.nowTime()
	for _, k := range body.PartnershipKeys {
		p, _ := s.partnerships.Get(k)
		p.Group, p.UpdatedAt = g, now
	}
	writeData(w, http.StatusOK, "Partnerships updated successfully", map[string]any{"updated": len(body.PartnershipKeys)})
}

func (s *Server) archivePartnership(w http.ResponseWriter, r *http.Request, _ role) {
	p, ok := s.partnerships.Get(r.PathValue("key"))
	if !ok || p.Archived {
		writeError(w, http.StatusNotFound, "Partnership not found.")
		return
	}
	p.Archived, p.UpdatedAt = true, s.nowTime()
	writeData(w, http.StatusOK, "Partnership archived successfully", map[string]any{"key": p.Key})
}

func (s *Server) tagPartnership(w http.ResponseWriter, r *http.Request, who role) {
	p, ok := s.partnerships.Get(r.PathValue("key"))
	if !ok {
		writeError(w, http.StatusNotFound, "Partnership not found.")
		return
	}
	var body struct {
		Add    []string `json:"add"`
		Remove []string `json:"remove"`
	}
	if !decode(w, r, &body) {
		return
	}
	if len(body.Add) == 0 && len(body.Remove) == 0 {
		writeError(w, http.StatusBadRequest, "add or remove must list at least one tag.")
		return
	}
	for _, t := range body.Add {
		if !slices.Contains(p.Tags, t) {
			p.Tags = append(p.Tags, t)
		}
	}
	p.Tags = slices.DeleteFunc(p.Tags, func(t string) bool { return slices.Contains(body.Remove, t) })
	p.UpdatedAt = s.nowTime()
	writeData(w, http.StatusOK, "Partnership tags updated successfully", s.partnershipView(p, who, false))
}

func (s *Server) addMember(w http.ResponseWriter, r *http.Request, _ role) {
	p, ok := s.partnershipBy(r.PathValue("key"))
	if !ok {
		writeError(w, http.StatusNotFound, "Partnership not found.")
		return
	}
	var body struct {
		Email     string `json:"email"`
		FirstName string `json:"first_name"`
		LastName  string `json:"last_name"`
	}
	if !decode(w, r, &body) {
		return
	}
	if !validEmail(body.Email) {
		writeError(w, http.StatusBadRequest, "email: a valid email address is required.")
		return
	}
	if p.Team == nil {
		t := &Team{Name: strings.TrimSpace(p.FirstName + " " + p.LastName)}
		s.teams.put(s, t)
		p.Team = t
	}
	m := TeamMember{Email: body.Email, FirstName: body.FirstName, LastName: body.LastName}
	s.stamp(&m.Key, "mbr", &m.CreatedAt, &m.UpdatedAt)
	p.Team.Members = append(p.Team.Members, m)
	writeData(w, http.StatusOK, "Partner member invited successfully", memberWire(m))
}

func (s *Server) getTeam(w http.ResponseWriter, r *http.Request, _ role) {
	t, ok := s.teams.Get(r.PathValue("key"))
	if !ok {
		writeError(w, http.StatusNotFound, "Partner team not found.")
		return
	}
	if t.Members == nil {
		t.Members = []TeamMember{}
	}
	writeData(w, http.StatusOK, "Partner team retrieved successfully", teamWire(*t))
}

// ---- customers ----

func (s *Server) listCustomers(w http.ResponseWriter, r *http.Request, who role) {
	q, err := parseList(r, "created_at", "updated_at")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	v := r.URL.Query()
	group, partnerKey := v.Get("group"), v.Get("partner_key")
	rows := s.customers.Filter(func(c *Customer) bool {
		if !q.inTime(c.CreatedAt, c.UpdatedAt) {
			return false
		}
		if who == partner {
			return c.PartnershipKey == PartnerPartnershipKey
		}
		if c.Archived || (partnerKey != "" && c.PartnerKey != partnerKey) {
			return false
		}
		if group != "" {
			p, ok := s.partnerships.Get(c.PartnershipKey)
			return ok && p.Group != nil && (p.Group.Slug == group || strings.EqualFold(strings.ReplaceAll(p.Group.Name, " ", ""), group))
		}
		return true
	})
	writeList(w, q, "Retrieved customers successfully", true, rows,
		func(c *Customer) string { return c.Key },
		func(c *Customer, f string) int64 { return timeField(c.CreatedAt, c.UpdatedAt)(f) },
		func(c *Customer) any { return s.customerView(c, who) })
}

// customerBy finds a customer by PartnerStack key or the vendor's
// customer key.
func (s *Server) customerBy(key string) (*Customer, bool) {
	if c, ok := s.customers.Get(key); ok && !c.Archived {
		return c, true
	}
	return s.customers.Find(func(c *Customer) bool { return !c.Archived && c.CustomerKey != nil && *c.CustomerKey == key })
}

func (s *Server) getCustomer(w http.ResponseWriter, r *http.Request, who role) {
	c, ok := s.customerBy(r.PathValue("key"))
	if !ok {
		writeError(w, http.StatusNotFound, "Customer not found.")
		return
	}
	writeData(w, http.StatusOK, "Customer retrieved successfully", s.customerView(c, who))
}

// customerBody is the body of the customer writes; pointers tell absent
// fields apart.
type customerBody struct {
	CustomerKey *string           `json:"customer_key"`
	Email       *string           `json:"email"`
	PartnerKey  *string           `json:"partner_key"`
	Name        *string           `json:"name"`
	Meta        map[string]string `json:"meta"`
	ProviderKey *string           `json:"provider_key"`
	MemberKey   *string           `json:"member_key"`
}

func (s *Server) createCustomer(w http.ResponseWriter, r *http.Request, who role) {
	var body customerBody
	keys, ok := decodeKeys(w, r, &body)
	if !ok {
		return
	}
	switch {
	case body.Email == nil || len(*body.Email) < 4 || len(*body.Email) > 255 || !validEmail(*body.Email):
		writeError(w, http.StatusBadRequest, "email: a valid email address of 4 to 255 characters is required.")
		return
	case body.PartnerKey == nil || *body.PartnerKey == "":
		writeError(w, http.StatusBadRequest, "partner_key: this field is required.")
		return
	case body.Name != nil && utf8.RuneCountInString(*body.Name) > 100:
		writeError(w, http.StatusBadRequest, "name: must be at most 100 characters.")
		return
	}
	if _, ok := keys["customer_key"]; !ok {
		writeError(w, http.StatusBadRequest, "customer_key: this field is required (it may be null).")
		return
	}
	p, ok := s.partnerships.Find(func(p *Partnership) bool { return p.PartnerKey == *body.PartnerKey && !p.Archived })
	if !ok {
		writeError(w, http.StatusBadRequest, "partner_key: no partner with this key in your program.")
		return
	}
	if body.CustomerKey != nil {
		if _, dup := s.customerBy(*body.CustomerKey); dup {
			writeError(w, http.StatusBadRequest, "customer_key: a customer with this key already exists.")
			return
		}
	}
	c := &Customer{
		CustomerKey: body.CustomerKey, Email: body.Email, Name: body.Name, PartnerKey: p.PartnerKey,
		PartnershipKey: p.Key, ProviderKey: body.ProviderKey, Meta: body.Meta, SourceType: "api",
	}
	s.customers.put(s, c)
	countCustomer(p)
	writeData(w, http.StatusOK, "Customer created successfully", s.customerView(c, who))
}

func (s *Server) updateCustomer(w http.ResponseWriter, r *http.Request, who role) {
	c, ok := s.customerBy(r.PathValue("key"))
	if !ok {
		writeError(w, http.StatusNotFound, "Customer not found.")
		return
	}
	var body customerBody
	if !decode(w, r, &body) {
		return
	}
	if body.Email != nil {
		if !validEmail(*body.Email) {
			writeError(w, http.StatusBadRequest, "email: a valid email address is required.")
			return
		}
		c.Email = body.Email
	}
	if body.Name != nil {
		if utf8.RuneCountInString(*body.Name) > 100 {
			writeError(w, http.StatusBadRequest, "name: must be at most 100 characters.")
			return
		}
		c.Name = body.Name
	}
	if body.PartnerKey != nil {
		p, ok := s.partnerships.Find(func(p *Partnership) bool { return p.PartnerKey == *body.PartnerKey })
		if !ok {
			writeError(w, http.StatusBadRequest, "partner_key: no partner with this key in your program.")
			return
		}
		c.PartnerKey, c.PartnershipKey = p.PartnerKey, p.Key
	}
	if body.CustomerKey != nil {
		c.CustomerKey = body.CustomerKey
	}
	if body.ProviderKey != nil {
		c.ProviderKey = body.ProviderKey
	}
	if body.Meta != nil {
		c.Meta = body.Meta
	}
	c.UpdatedAt = s.nowTime()
	writeData(w, http.StatusOK, "Customer updated successfully", s.customerView(c, who))
}

func (s *Server) deleteCustomer(w http.ResponseWriter, r *http.Request, _ role) {
	c, ok := s.customerBy(r.PathValue("key"))
	if !ok {
		writeError(w, http.StatusNotFound, "Customer not found.")
		return
	}
	c.Archived, c.UpdatedAt = true, s.nowTime()
	writeData(w, http.StatusOK, "Customer deleted successfully", map[string]any{"key": c.Key})
}
