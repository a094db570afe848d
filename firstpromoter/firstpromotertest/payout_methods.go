package firstpromotertest

import (
	"maps"
	"net/http"
	"slices"
)

// payoutMethodRow is a stored payout method and its promoter.
type payoutMethodRow struct {
	PayoutMethod
	promoterID int64
}

// payoutMethodNames are the methods a payout method can be created with.
var payoutMethodNames = []string{"paypal", "bank", "wise", "crypto", "custom", "dots"}

// payoutMethodDetails are the detail keys the spec documents.
var payoutMethodDetails = []string{
	"paypal_email", "bank_country", "account_holder_name", "account_number", "routing_aba_number", "country", "state",
	"postal_code", "address", "city", "transit_number", "institution_number", "bsb_code", "sort_code", "iban",
	"swift_bic_code", "bank_name", "bank_city", "bank_address", "wise_email", "wallet_address", "crypto_currency",
}

// payoutMethodRequired are the details each method needs.
var payoutMethodRequired = map[string][]string{
	"paypal": {"paypal_email"},
	"wise":   {"wise_email"},
	"crypto": {"wallet_address", "crypto_currency"},
	"bank":   {"bank_country", "account_holder_name"},
}

func (s *Server) payoutMethodRoutes() {
	s.handle("GET /company/payout_methods", s.listPayoutMethods)
	s.handle("POST /company/payout_methods", s.createPayoutMethod)
	s.handle("GET /company/payout_methods/{id}", s.getPayoutMethod)
	s.handle("PUT /company/payout_methods/{id}", s.updatePayoutMethod)
	s.handle("DELETE /company/payout_methods/{id}", s.deletePayoutMethod)
}

// syncPayoutMethods stores the selected payout methods of promoters added
// through AddPromoter or the demo data; the caller holds s.mu.
func (s *Server) syncPayoutMethods() {
	for _, pr := range s.promoters.All() {
		m := pr.SelectedPayoutMethod
		if m == nil || m.ID == 0 {
			continue
		}
		if _, ok := s.payoutMethods.Get(m.ID); ok {
			continue
		}
		s.payoutMethods.Assign(m.ID)
		s.payoutMethods.Put(&payoutMethodRow{
			PayoutMethod: PayoutMethod{
				ID: m.ID, Method: m.Method, DateAdded: m.DateAdded, IsDisabled: m.IsDisabled, IsSelected: true,
				Meta: map[string]any{}, Details: map[string]any{},
			},
			promoterID: pr.ID,
		})
	}
}

// listPayoutMethods requires filters[promoter_id].
func (s *Server) listPayoutMethods(r *http.Request) (int, any, *apiError) {
	q := listQuery(r.URL.Query())
	page, per, e := q.page(DefaultPerPage)
	if e != nil {
		return 0, nil, e
	}
	ids, e := q.ints("filters[promoter_id]")
	if e != nil {
		return 0, nil, e
	}
	if len(ids) == 0 {
		return 0, nil, errParam("filters[promoter_id]")
	}
	s.syncPayoutMethods()
	rows := []PayoutMethod{}
	for _, m := range s.payoutMethods.All() {
		if slices.Contains(ids, m.promoterID) {
			rows = append(rows, payoutMethodView(m))
		}
	}
	return http.StatusOK, paginate(rows, page, per), nil
}

// createPayoutMethod requires method, promoter_id and details; the spec
// answers 200 with the method. A selected method becomes the promoter's
// selected payout method, as does a promoter's first.
func (s *Server) createPayoutMethod(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	s.syncPayoutMethods()
	m := payoutMethodRow{PayoutMethod: PayoutMethod{DateAdded: At(s.now()), Meta: map[string]any{}}}
	if e := s.applyPayoutMethod(p, &m); e != nil {
		return 0, nil, e
	}
	first := true
	for _, o := range s.payoutMethods.All() {
		first = first && o.promoterID != m.promoterID
	}
	m.IsSelected = m.IsSelected || first
	m.ID = s.payoutMethods.Assign(0)
	s.payoutMethods.Put(&m)
	s.selectPayoutMethod(&m)
	return http.StatusOK, payoutMethodView(&m), nil
}

func (s *Server) getPayoutMethod(r *http.Request) (int, any, *apiError) {
	m, e := s.payoutMethodByPath(r)
	if e != nil {
		return 0, nil, e
	}
	return http.StatusOK, payoutMethodView(m), nil
}

// updatePayoutMethod takes the same required fields as create.
func (s *Server) updatePayoutMethod(r *http.Request) (int, any, *apiError) {
	m, e := s.payoutMethodByPath(r)
	if e != nil {
		return 0, nil, e
	}
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	next := *m
	next.Details = maps.Clone(m.Details)
	if e := s.applyPayoutMethod(p, &next); e != nil {
		return 0, nil, e
	}
	*m = next
	s.selectPayoutMethod(m)
	return http.StatusOK, payoutMethodView(m), nil
}

// deletePayoutMethod answers 409 for the selected method of a promoter
// with pending payouts.
func (s *Server) deletePayoutMethod(r *http.Request) (int, any, *apiError) {
	m, e := s.payoutMethodByPath(r)
	if e != nil {
		return 0, nil, e
	}
	if m.IsSelected {
		for _, po := range s.payouts.All() {
			if po.promoterID() == m.promoterID && (po.Status == "pending" || po.Status == "processing") {
				return 0, nil, errConflict("The payout method is used by pending payouts")
			}
		}
	}
	s.payoutMethods.Delete(m.ID)
	if pr, ok := s.promoters.Get(m.promoterID); ok && pr.SelectedPayoutMethod != nil && pr.SelectedPayoutMethod.ID == m.ID {
		pr.SelectedPayoutMethod = nil
	}
	return http.StatusOK, nil, nil
}

// applyPayoutMethod reads method, promoter_id, details, is_disabled and
// is_selected into m.
func (s *Server) applyPayoutMethod(p *params, m *payoutMethodRow) *apiError {
	method := p.str("method")
	if !slices.Contains(payoutMethodNames, method) {
		return errParam("method")
	}
	pid, e := p.requiredInt("promoter_id")
	if e != nil {
		return e
	}
	if _, ok := s.promoters.Get(pid); !ok {
		return errNotFound()
	}
	var details map[string]any
	if ok, e := p.decode("details", &details); e != nil {
		return e
	} else if !ok {
		return errParam("details")
	}
	for k := range details {
		if !slices.Contains(payoutMethodDetails, k) {
			return errParam("details[" + k + "]")
		}
	}
	for _, k := range payoutMethodRequired[method] {
		if v, _ := details[k].(string); v == "" {
			return errParam("details[" + k + "]")
		}
	}
	if v, ok, e := p.bool("is_disabled"); e != nil {
		return e
	} else if ok {
		m.IsDisabled = v
	}
	if v, ok, e := p.bool("is_selected"); e != nil {
		return e
	} else if ok {
		m.IsSelected = v
	}
	m.Method, m.promoterID, m.Details = method, pid, details
	return nil
}

// selectPayoutMethod makes a selected m the promoter's only selected
// method.
func (s *Server) selectPayoutMethod(m *payoutMethodRow) {
	if !m.IsSelected {
		return
	}
	for _, o := range s.payoutMethods.All() {
		if o.ID != m.ID && o.promoterID == m.promoterID {
			o.IsSelected = false
		}
	}
	if pr, ok := s.promoters.Get(m.promoterID); ok {
		pr.SelectedPayoutMethod = &PayoutMethodRef{ID: m.ID, Method: m.Method, DateAdded: m.DateAdded, IsDisabled: m.IsDisabled}
	}
}

func (s *Server) payoutMethodByPath(r *http.Request) (*payoutMethodRow, *apiError) {
	id, ok := pathID(r, "id")
	if !ok {
		return nil, errNotFound()
	}
	s.syncPayoutMethods()
	m, found := s.payoutMethods.Get(id)
	if !found {
		return nil, errNotFound()
	}
	return m, nil
}

// PayoutMethods returns the stored payout methods of promoterID in id
// order, the promoters' selected methods included.
func (s *Server) PayoutMethods(promoterID int64) []PayoutMethod {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.syncPayoutMethods()
	var out []PayoutMethod
	for _, m := range s.payoutMethods.All() {
		if m.promoterID == promoterID {
			out = append(out, payoutMethodView(m))
		}
	}
	return out
}

// payoutMethodView is a copy of m's answer.
func payoutMethodView(m *payoutMethodRow) PayoutMethod {
	v := m.PayoutMethod
	v.Meta = maps.Clone(m.Meta)
	v.Details = maps.Clone(m.Details)
	if v.Meta == nil {
		v.Meta = map[string]any{}
	}
	if v.Details == nil {
		v.Details = map[string]any{}
	}
	return v
}

// errConflict is the 409 of an action on a record still in use.
func errConflict(msg string) *apiError {
	return &apiError{status: http.StatusConflict, Message: msg, Code: "conflict"}
}
