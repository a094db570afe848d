package postaffiliateprotest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
)

// routes builds the API's routes. An unknown route answers 400, as the API
// does for an invalid endpoint since 5.15.1.2.
func (s *Server) routes() *http.ServeMux {
	mux := http.NewServeMux()
	p := PathPrefix
	mux.HandleFunc("GET "+p+"/affiliates", s.listAffiliates)
	mux.HandleFunc("POST "+p+"/affiliates", s.createAffiliate)
	mux.HandleFunc("GET "+p+"/affiliates/{id}", s.getAffiliate)
	mux.HandleFunc("PATCH "+p+"/affiliates/{id}", s.updateAffiliate)
	mux.HandleFunc("GET "+p+"/transactions", s.listTransactions)
	mux.HandleFunc("POST "+p+"/transactions", s.createTransaction)
	mux.HandleFunc("GET "+p+"/transactions/{id}", s.getTransaction)
	mux.HandleFunc("PATCH "+p+"/transactions/{id}", s.updateTransaction)
	mux.HandleFunc("GET "+p+"/campaigns", s.listCampaigns)
	mux.HandleFunc("GET "+p+"/campaigns/{id}", s.getCampaign)
	mux.HandleFunc("GET "+p+"/banners", s.listBanners)
	mux.HandleFunc("GET "+p+"/reports/top-affiliates", s.topAffiliates)
	mux.HandleFunc("GET "+p+"/reports/clicks", s.listClicks)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusBadRequest, fmt.Sprintf("Invalid endpoint: %s %s", r.Method, r.URL.Path))
	})
	return mux
}

// ---- affiliates

var affiliateSearch = []string{"id", "username", "firstname", "lastname", "referral_id", "notification_email"}

func (s *Server) listAffiliates(w http.ResponseWriter, r *http.Request) {
	m, err := parseQ(r, Affiliate{}, affiliateSearch)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	fields, err := readFields(r, Affiliate{})
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.mu.Lock()
	rows := make([]map[string]any, 0, len(s.affiliates))
	for _, a := range s.affiliates {
		if row := s.render(a); m.match(row) {
			rows = append(rows, row)
		}
	}
	s.mu.Unlock()
	s.writeList(w, r, "affiliates", rows, fields)
}

func (s *Server) getAffiliate(w http.ResponseWriter, r *http.Request) {
	fields, err := readFields(r, Affiliate{})
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.mu.Lock()
	i := s.affiliateIndex(r.PathValue("id"))
	var row map[string]any
	if i >= 0 {
		row = s.render(s.affiliates[i])
	}
	s.mu.Unlock()
	if row == nil {
		writeError(w, http.StatusNotFound, fmt.Sprintf("Affiliate %q not found", r.PathValue("id")))
		return
	}
	s.writeRecord(w, http.StatusOK, project(row, fields))
}

// affiliateIndex finds an affiliate by id; s.mu must be held.
func (s *Server) affiliateIndex(id string) int {
	return slices.IndexFunc(s.affiliates, func(a Affiliate) bool { return a.ID == id })
}

// affiliateInput is the body of POST and PATCH /affiliates.
type affiliateInput struct {
	Username          *string `json:"username"`
	FirstName         *string `json:"firstname"`
	LastName          *string `json:"lastname"`
	ReferralID        *string `json:"referral_id"`
	NotificationEmail *string `json:"notification_email"`
	Status            *string `json:"status"`
	ParentID          *string `json:"parent_id"`
	SendSignupEmail   *bool   `json:"send_signup_email"`
}

var (
	referralIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,60}$`)
	emailPattern      = regexp.MustCompile(`^[^@\s]+@[^@\s]+\.[^@\s]+$`)
)

// validateAffiliate checks in against the stored affiliates, ignoring the
// one at self (-1 for a new affiliate). s.mu must be held.
func (s *Server) validateAffiliate(in *affiliateInput, self int) map[string][]string {
	errs := map[string][]string{}
	add := func(f, msg string) { errs[f] = append(errs[f], msg) }
	if in.Username != nil {
		switch u := strings.TrimSpace(*in.Username); {
		case u == "":
			add("username", "Username is required")
		case !emailPattern.MatchString(u):
			add("username", "Username must be a valid email address")
		default:
			for i, a := range s.affiliates {
				if i != self && strings.EqualFold(a.Username, u) {
					add("username", "Username is already taken")
				}
			}
		}
	} else if self < 0 {
		add("username", "Username is required")
	}
	for f, v := range map[string]*string{"firstname": in.FirstName, "lastname": in.LastName} {
		if v != nil && strings.ContainsAny(*v, ":/") {
			add(f, "Name must not contain ':' or '/'")
		}
	}
	if in.ReferralID != nil {
		ref := *in.ReferralID
		if !referralIDPattern.MatchString(ref) {
			add("referral_id", "Referral ID may contain only letters, digits, '-' and '_' (at most 60)")
		} else {
			for i, a := range s.affiliates {
				if i != self && strings.EqualFold(a.ReferralID, ref) {
					add("referral_id", "Referral ID is already used by another affiliate")
				}
			}
		}
	}
	if in.NotificationEmail != nil && *in.NotificationEmail != "" && !emailPattern.MatchString(*in.NotificationEmail) {
		add("notification_email", "Notification email must be a valid email address")
	}
	if in.Status != nil && !slices.Contains([]string{"A", "P", "D"}, *in.Status) {
		add("status", "Status must be one of A, P, D")
	}
	if in.ParentID != nil && *in.ParentID != "" {
		if s.affiliateIndex(*in.ParentID) < 0 {
			add("parent_id", "Parent affiliate does not exist")
		} else if self >= 0 && s.affiliates[self].ID == *in.ParentID {
			add("parent_id", "An affiliate cannot be its own parent")
		}
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

func (s *Server) createAffiliate(w http.ResponseWriter, r *http.Request) {
	var in affiliateInput
	if !decodeStrict(w, r, &in) {
		return
	}
	s.mu.Lock()
	if errs := s.validateAffiliate(&in, -1); errs != nil {
		s.mu.Unlock()
		writeValidation(w, errs)
		return
	}
	a := Affiliate{Username: strings.TrimSpace(*in.Username), Status: postaffiliatepro.StatusPending}
	applyAffiliate(&a, &in)
	a.CreatedAt = s.now().UTC().Truncate(time.Second)
	if a.Status == postaffiliatepro.StatusApproved {
		t := a.CreatedAt
		a.ApprovedAt = &t
	}
	a = insert(s, affiliates, a)
	if in.SendSignupEmail != nil && *in.SendSignupEmail {
		s.signupEmails = append(s.signupEmails, a.Username)
	}
	row := s.render(a)
	s.mu.Unlock()
	s.writeRecord(w, http.StatusCreated, row)
}

func applyAffiliate(a *Affiliate, in *affiliateInput) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = strings.TrimSpace(*v)
		}
	}
	set(&a.Username, in.Username)
	set(&a.FirstName, in.FirstName)
	set(&a.LastName, in.LastName)
	set(&a.ReferralID, in.ReferralID)
	set(&a.NotificationEmail, in.NotificationEmail)
	if in.Status != nil {
		a.Status = postaffiliatepro.Status(strings.TrimSpace(*in.Status))
	}
	set(&a.ParentID, in.ParentID)
}

func (s *Server) updateAffiliate(w http.ResponseWriter, r *http.Request) {
	var in affiliateInput
	if !decodeStrict(w, r, &in) {
		return
	}
	if in.SendSignupEmail != nil {
		writeValidation(w, map[string][]string{"send_signup_email": {"Only allowed when creating an affiliate"}})
		return
	}
	s.mu.Lock()
	i := s.affiliateIndex(r.PathValue("id"))
	if i < 0 {
		s.mu.Unlock()
		writeError(w, http.StatusNotFound, fmt.Sprintf("Affiliate %q not found", r.PathValue("id")))
		return
	}
	if errs := s.validateAffiliate(&in, i); errs != nil {
		s.mu.Unlock()
		writeValidation(w, errs)
		return
	}
	a := &s.affiliates[i]
	was := a.Status
	applyAffiliate(a, &in)
	if a.Status == postaffiliatepro.StatusApproved && was != postaffiliatepro.StatusApproved {
		t := s.now().UTC().Truncate(time.Second)
		a.ApprovedAt = &t
	}
	row := s.render(*a)
	s.mu.Unlock()
	s.writeRecord(w, http.StatusOK, row)
}

// ---- transactions

var transactionSearch = []string{"id", "action_code", "merchant_note", "system_note",
	"data1", "data2", "data3", "data4", "data5", "order_id"}

// transactionColumns are the column filters GET /transactions takes.
var transactionColumns = []string{"id", "data1", "data2", "data3", "data4", "data5"}

func (s *Server) listTransactions(w http.ResponseWriter, r *http.Request) {
	m, err := parseQ(r, Transaction{}, transactionSearch)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	fields, err := readFields(r, Transaction{})
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	q := r.URL.Query()
	if m == nil && !slices.ContainsFunc(transactionColumns, func(c string) bool { return q.Get(c) != "" }) {
		s.mu.Lock()
		n := len(s.transactions)
		page, err := s.window(r, n, func(i int) map[string]any { return s.render(s.transactions[i]) })
		s.mu.Unlock()
		if err != nil {
			writeError(w, http.StatusBadRequest, err.Error())
			return
		}
		s.writePage(w, "transactions", page, n, fields)
		return
	}
	s.mu.Lock()
	rows := make([]map[string]any, 0, len(s.transactions))
	for _, t := range s.transactions {
		row := s.render(t)
		if !m.match(row) {
			continue
		}
		ok := true
		for _, col := range transactionColumns {
			if v := q.Get(col); v != "" && text(row[col]) != v {
				ok = false
			}
		}
		if ok {
			rows = append(rows, row)
		}
	}
	s.mu.Unlock()
	s.writeList(w, r, "transactions", rows, fields)
}

func (s *Server) getTransaction(w http.ResponseWriter, r *http.Request) {
	fields, err := readFields(r, Transaction{})
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.mu.Lock()
	i := s.transactionIndex(r.PathValue("id"))
	var row map[string]any
	if i >= 0 {
		row = s.render(s.transactions[i])
	}
	s.mu.Unlock()
	if row == nil {
		writeError(w, http.StatusNotFound, fmt.Sprintf("Transaction %q not found", r.PathValue("id")))
		return
	}
	s.writeRecord(w, http.StatusOK, project(row, fields))
}

func (s *Server) transactionIndex(id string) int {
	return slices.IndexFunc(s.transactions, func(t Transaction) bool { return t.ID == id })
}

// transactionInput is the body of POST and PATCH /transactions.
type transactionInput struct {
	AffiliateID  *string       `json:"affiliate_id"`
	CampaignID   *string       `json:"campaign_id"`
	Type         *string       `json:"type"`
	ActionCode   *string       `json:"action_code"`
	TotalCost    *money.Amount `json:"total_cost"`
	Commission   *money.Amount `json:"commission"`
	OrderID      *string       `json:"order_id"`
	ProductID    *string       `json:"product_id"`
	Currency     *string       `json:"currency"`
	Status       *string       `json:"status"`
	MerchantNote *string       `json:"merchant_note"`
	Data1        *string       `json:"data1"`
	Data2        *string       `json:"data2"`
	Data3        *string       `json:"data3"`
	Data4        *string       `json:"data4"`
	Data5        *string       `json:"data5"`
}

// creatableTypes are the types POST /transactions accepts: sale, action
// and the three bonus kinds.
var creatableTypes = []string{"S", "A", "B", "F", "E"}

// allTypes are the types a transaction can be changed to.
var allTypes = []string{"S", "A", "L", "C", "I", "U", "B", "F", "E", "R", "H"}

var currencyPattern = regexp.MustCompile(`^[A-Z]{3}$`)

func (s *Server) createTransaction(w http.ResponseWriter, r *http.Request) {
	var in transactionInput
	if !decodeStrict(w, r, &in) {
		return
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	errs := map[string][]string{}
	add := func(f, msg string) { errs[f] = append(errs[f], msg) }
	t := Transaction{Type: postaffiliatepro.TypeSale, Status: postaffiliatepro.StatusPending, PayoutStatus: postaffiliatepro.PayoutUnpaid, Tier: 1, Currency: "USD",
		SystemNote: "Created via REST API v3"}
	if in.AffiliateID == nil || *in.AffiliateID == "" {
		add("affiliate_id", "Affiliate is required")
	} else if s.affiliateIndex(*in.AffiliateID) < 0 {
		add("affiliate_id", "Affiliate does not exist")
	} else {
		t.AffiliateID = *in.AffiliateID
	}
	if in.Type != nil {
		if !slices.Contains(creatableTypes, *in.Type) {
			add("type", "Type must be one of S (sale), A (action), B (signup bonus), F (referral bonus), E (extra bonus)")
		} else {
			t.Type = postaffiliatepro.TransactionType(*in.Type)
		}
	}
	bonus := t.Type == postaffiliatepro.TypeSignupBonus || t.Type == postaffiliatepro.TypeReferralBonus || t.Type == postaffiliatepro.TypeExtraBonus
	var camp *Campaign
	switch {
	case in.CampaignID != nil && *in.CampaignID != "":
		i := slices.IndexFunc(s.campaigns, func(c Campaign) bool { return c.ID == *in.CampaignID })
		if i < 0 {
			add("campaign_id", "Campaign does not exist")
		} else {
			camp = &s.campaigns[i]
		}
	case !bonus && len(s.campaigns) > 0:
		camp = &s.campaigns[0]
	case !bonus:
		add("campaign_id", "No campaign to credit the commission in")
	}
	if camp != nil {
		t.CampaignID = camp.ID
	}
	if t.Type == postaffiliatepro.TypeAction && (in.ActionCode == nil || *in.ActionCode == "") {
		add("action_code", "Action code is required for an action commission")
	}
	// Amounts are stored exactly as sent, in major units.
	if in.TotalCost != nil {
		if in.TotalCost.Sign() < 0 {
			add("total_cost", "Total cost must not be negative")
		}
		t.TotalCost = decimal(*in.TotalCost)
	}
	switch {
	case in.Commission != nil && in.Commission.Sign() < 0:
		add("commission", "Commission must not be negative")
	case in.Commission != nil:
		t.Commission = decimal(*in.Commission)
	case bonus:
		add("commission", "Commission is required for a bonus")
	case camp != nil:
		t.Commission = percentOf(t.TotalCost, camp.CommissionRate)
	}
	if in.Currency != nil && !currencyPattern.MatchString(*in.Currency) {
		add("currency", "Currency must be a three-letter ISO 4217 code")
	}
	if in.Status != nil && !slices.Contains([]string{"A", "P", "D"}, *in.Status) {
		add("status", "Status must be one of A, P, D")
	}
	if len(errs) > 0 {
		writeValidation(w, errs)
		return
	}
	applyTransaction(&t, &in)
	t.CreatedAt = s.now().UTC().Truncate(time.Second)
	if t.Status == postaffiliatepro.StatusApproved {
		at := t.CreatedAt
		t.ApprovedAt = &at
	}
	t = insert(s, transactions, t)
	s.writeRecord(w, http.StatusCreated, s.render(t))
}

func applyTransaction(t *Transaction, in *transactionInput) {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	if in.Type != nil {
		t.Type = postaffiliatepro.TransactionType(*in.Type)
	}
	set(&t.ActionCode, in.ActionCode)
	set(&t.OrderID, in.OrderID)
	set(&t.ProductID, in.ProductID)
	set(&t.Currency, in.Currency)
	if in.Status != nil {
		t.Status = postaffiliatepro.Status(*in.Status)
	}
	set(&t.MerchantNote, in.MerchantNote)
	set(&t.Data1, in.Data1)
	set(&t.Data2, in.Data2)
	set(&t.Data3, in.Data3)
	set(&t.Data4, in.Data4)
	set(&t.Data5, in.Data5)
}

func (s *Server) updateTransaction(w http.ResponseWriter, r *http.Request) {
	var in transactionInput
	if !decodeStrict(w, r, &in) {
		return
	}
	errs := map[string][]string{}
	for f, set := range map[string]bool{
		"affiliate_id": in.AffiliateID != nil, "campaign_id": in.CampaignID != nil, "action_code": in.ActionCode != nil,
		"total_cost": in.TotalCost != nil, "commission": in.Commission != nil, "product_id": in.ProductID != nil,
		"currency": in.Currency != nil,
	} {
		if set {
			errs[f] = []string{"This field cannot be changed"}
		}
	}
	if in.Type != nil && !slices.Contains(allTypes, *in.Type) {
		errs["type"] = []string{"Unknown transaction type"}
	}
	if in.Status != nil && !slices.Contains([]string{"A", "P", "D"}, *in.Status) {
		errs["status"] = []string{"Status must be one of A, P, D"}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	i := s.transactionIndex(r.PathValue("id"))
	if i < 0 {
		writeError(w, http.StatusNotFound, fmt.Sprintf("Transaction %q not found", r.PathValue("id")))
		return
	}
	if len(errs) > 0 {
		writeValidation(w, errs)
		return
	}
	t := &s.transactions[i]
	was := t.Status
	applyTransaction(t, &in)
	if t.Status == postaffiliatepro.StatusApproved && was != postaffiliatepro.StatusApproved {
		at := s.now().UTC().Truncate(time.Second)
		t.ApprovedAt = &at
	}
	s.writeRecord(w, http.StatusOK, s.render(*t))
}

// ---- campaigns and banners

func (s *Server) listCampaigns(w http.ResponseWriter, r *http.Request) {
	m, err := parseQ(r, Campaign{}, []string{"id", "name", "description"})
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.mu.Lock()
	rows := make([]map[string]any, 0, len(s.campaigns))
	for _, c := range s.campaigns {
		if row := s.render(c); m.match(row) {
			rows = append(rows, row)
		}
	}
	s.mu.Unlock()
	s.writeList(w, r, "campaigns", rows, nil)
}

func (s *Server) getCampaign(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	i := slices.IndexFunc(s.campaigns, func(c Campaign) bool { return c.ID == r.PathValue("id") })
	var row map[string]any
	if i >= 0 {
		row = s.render(s.campaigns[i])
	}
	s.mu.Unlock()
	if row == nil {
		writeError(w, http.StatusNotFound, fmt.Sprintf("Campaign %q not found", r.PathValue("id")))
		return
	}
	s.writeRecord(w, http.StatusOK, row)
}

func (s *Server) listBanners(w http.ResponseWriter, r *http.Request) {
	fields, err := readFields(r, Banner{})
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	m, err := parseQ(r, Banner{}, []string{"name", "destination_url"})
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	s.mu.Lock()
	// A q equal to a banner id matches that banner only (5.15.8.5).
	byID := slices.ContainsFunc(s.banners, func(b Banner) bool { return b.ID == q })
	rows := make([]map[string]any, 0, len(s.banners))
	for _, b := range s.banners {
		row := s.render(b)
		if (byID && b.ID == q) || (!byID && m.match(row)) {
			rows = append(rows, row)
		}
	}
	s.mu.Unlock()
	s.writeList(w, r, "banners", rows, fields)
}

// ---- reports

func (s *Server) topAffiliates(w http.ResponseWriter, r *http.Request) {
	df, err := s.parseCreatedAt(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	m, err := parseQ(r, TopAffiliate{}, []string{"username", "firstname", "lastname", "referral_id"})
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.mu.Lock()
	byID := map[string]*TopAffiliate{}
	row := func(id string) *TopAffiliate {
		if t, ok := byID[id]; ok {
			return t
		}
		i := s.affiliateIndex(id)
		if i < 0 {
			return nil
		}
		a := s.affiliates[i]
		t := &TopAffiliate{AffiliateID: a.ID, Username: a.Username, FirstName: a.FirstName,
			LastName: a.LastName, ReferralID: a.ReferralID}
		byID[id] = t
		return t
	}
	for _, t := range s.transactions {
		if t.Status == postaffiliatepro.StatusDeclined || !df.match(t.CreatedAt) {
			continue
		}
		if ta := row(t.AffiliateID); ta != nil {
			ta.Commission = sum(ta.Commission, t.Commission)
			if t.Type == postaffiliatepro.TypeSale {
				ta.Sales++
				ta.TotalCost = sum(ta.TotalCost, t.TotalCost)
			}
		}
	}
	for _, c := range s.clicks {
		if !df.match(c.CreatedAt) {
			continue
		}
		if ta := row(c.AffiliateID); ta != nil {
			ta.Clicks++
		}
	}
	list := make([]*TopAffiliate, 0, len(byID))
	for _, t := range byID {
		list = append(list, t)
	}
	slices.SortFunc(list, func(a, b *TopAffiliate) int {
		if c := cmp(a.Commission, b.Commission); c != 0 {
			return -c
		}
		return strings.Compare(a.AffiliateID, b.AffiliateID)
	})
	rows := make([]map[string]any, 0, len(list))
	for _, t := range list {
		if rr := s.render(*t); m.match(rr) {
			rows = append(rows, rr)
		}
	}
	s.mu.Unlock()
	s.writeList(w, r, "top_affiliates", rows, nil)
}

func (s *Server) listClicks(w http.ResponseWriter, r *http.Request) {
	df, err := s.parseCreatedAt(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	m, err := parseQ(r, Click{}, []string{"destination_url", "referral_url", "user_agent", "ip"})
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	s.mu.Lock()
	rows := make([]map[string]any, 0, len(s.clicks))
	for _, c := range s.clicks {
		if !df.match(c.CreatedAt) {
			continue
		}
		if row := s.render(c); m.match(row) {
			rows = append(rows, row)
		}
	}
	s.mu.Unlock()
	s.writeList(w, r, "clicks", rows, nil)
}

// decodeStrict decodes a JSON object body into v, answering 400 for a body
// that is not JSON, has unknown fields or trailing data.
func decodeStrict(w http.ResponseWriter, r *http.Request, v any) bool {
	body, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	if err != nil {
		writeError(w, http.StatusBadRequest, "Could not read the request body")
		return false
	}
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "Invalid JSON body: "+err.Error())
		return false
	}
	if dec.More() {
		writeError(w, http.StatusBadRequest, "Invalid JSON body: trailing data")
		return false
	}
	return true
}
