package partnerstacktest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
)

// statCustomerCount is the partnership statistic of referred customers.
const statCustomerCount = partnerstack.StatCustomerCount

// countCustomer adds one to a partnership's customer count.
func countCustomer(p *Partnership) {
	n, _ := p.Stats.Count(statCustomerCount)
	if p.Stats == nil {
		p.Stats = partnerstack.Stats{}
	}
	p.Stats[statCustomerCount] = whole(n + 1)
}

// rewardPercent is the share of a transaction the demo offer pays.
const rewardPercent = 20

// ---- transactions ----

func (s *Server) listTransactions(w http.ResponseWriter, r *http.Request, who role) {
	q, err := parseList(r, "created_at")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	rows := s.transactions.Filter(func(t *Transaction) bool {
		if !q.inTime(t.CreatedAt, t.UpdatedAt) {
			return false
		}
		if who == partner {
			return t.PartnershipKey == PartnerPartnershipKey && !t.Test
		}
		return !t.Archived
	})
	writeList(w, q, "Transactions retrieved successfully", false, rows,
		func(t *Transaction) string { return t.Key },
		func(t *Transaction, f string) int64 { return epochMs(t.CreatedAt) },
		func(t *Transaction) any { return s.transactionView(t, who) })
}

func (s *Server) createTransaction(w http.ResponseWriter, r *http.Request, who role) {
	var body struct {
		CustomerKey         *string           `json:"customer_key"`
		CustomerExternalKey *string           `json:"customer_external_key"`
		CustomerEmail       *string           `json:"customer_email"`
		Amount              *int64            `json:"amount"`
		Currency            *string           `json:"currency"`
		Key                 *string           `json:"key"`
		CategoryKey         *string           `json:"category_key"`
		ProductKey          *string           `json:"product_key"`
		Metadata            map[string]string `json:"metadata"`
		Test                bool              `json:"test"`
		CreatedAt           *int64            `json:"created_at"`
	}
	if !decode(w, r, &body) {
		return
	}
	ids := 0
	for _, id := range []*string{body.CustomerKey, body.CustomerExternalKey, body.CustomerEmail} {
		if id != nil {
			ids++
		}
	}
	switch {
	case ids != 1:
		writeError(w, http.StatusBadRequest, "Exactly one of customer_key, customer_external_key and customer_email is required.")
		return
	case body.Amount == nil:
		writeError(w, http.StatusBadRequest, "amount: this field is required.")
		return
	case *body.Amount < -50_000_000_000 || *body.Amount > 50_000_000_000:
		writeError(w, http.StatusBadRequest, "amount: must be between -50000000000 and 50000000000.")
		return
	case body.Currency == nil || len(*body.Currency) != 3:
		writeError(w, http.StatusBadRequest, "currency: a three-letter currency code is required.")
		return
	case body.Key != nil && (utf8.RuneCountInString(*body.Key) < 4 || utf8.RuneCountInString(*body.Key) > 255):
		writeError(w, http.StatusBadRequest, "key: must be 4 to 255 characters.")
		return
	case len(body.Metadata) > 25:
		writeError(w, http.StatusBadRequest, "metadata: at most 25 attributes.")
		return
	}
	for k, v := range body.Metadata {
		if utf8.RuneCountInString(k) > 30 || utf8.RuneCountInString(v) > 100 {
			writeError(w, http.StatusBadRequest, "metadata: names are limited to 30 characters and values to 100.")
			return
		}
	}
	var c *Customer
	var ok bool
	switch {
	case body.CustomerKey != nil:
		c, ok = s.customers.Get(*body.CustomerKey)
	case body.CustomerExternalKey != nil:
		c, ok = s.customers.Find(func(c *Customer) bool { return c.CustomerKey != nil && *c.CustomerKey == *body.CustomerExternalKey })
	default:
		c, ok = s.customers.Find(func(c *Customer) bool { return c.Email != nil && strings.EqualFold(*c.Email, *body.CustomerEmail) })
	}
	if !ok || c.Archived {
		writeError(w, http.StatusNotFound, "Customer not found.")
		return
	}
	if body.Key != nil {
		if _, dup := s.transactions.Get(*body.Key); dup {
			writeError(w, http.StatusBadRequest, "key: a transaction with this key already exists.")
			return
		}
	}
	t := &Transaction{
		Amount: fromCents(*body.Amount, strings.ToUpper(*body.Currency)), Currency: strings.ToUpper(*body.Currency), CategoryKey: body.CategoryKey,
		ProductKey: body.ProductKey, CustomerKey: c.Key, PartnershipKey: c.PartnershipKey, Metadata: body.Metadata,
		Test: body.Test, Approved: true,
	}
	if body.Key != nil {
		t.Key = *body.Key
	}
	if body.CreatedAt != nil && *body.CreatedAt != 0 {
		t.CreatedAt = fromMs(*body.CreatedAt)
	}
	s.transactions.put(s, t)
	c.HasPaid = c.HasPaid || t.Amount.Sign() > 0
	if !t.Test && t.Amount.Sign() > 0 {
		s.rewardFor(t)
	}
	writeData(w, http.StatusOK, "Transaction created successfully", s.transactionView(t, who))
}

// rewardFor creates the reward the demo offer pays for a transaction.
func (s *Server) rewardFor(t *Transaction) *Reward {
	amount := fromCents(roundDiv(centsOf(t.AmountUSD)*rewardPercent, 100), "USD")
	rw := &Reward{
		Amount: &amount, Currency: ptr("USD"), CreationSource: ptr("transaction"), CustomerKey: t.CustomerKey,
		Description: ptr("20% of every payment for 12 months"), PartnershipKey: t.PartnershipKey,
		PaymentStatus: ptr("pending"), RewardStatus: ptr("pending"),
		Source: &RewardSource{Key: t.Key, Type: "transaction"}, TransactionKey: t.Key,
		CreatedAt: t.CreatedAt, UpdatedAt: t.CreatedAt,
	}
	s.rewards.put(s, rw)
	return rw
}

func (s *Server) deleteTransaction(w http.ResponseWriter, r *http.Request, _ role) {
	t, ok := s.transactions.Get(r.PathValue("key"))
	if !ok || t.Archived {
		writeError(w, http.StatusNotFound, "Transaction not found.")
		return
	}
	t.Archived, t.UpdatedAt = true, s.nowTime()
	for _, rw := range s.rewards.All() {
		if rw.TransactionKey == t.Key {
			rw.Archived = true
		}
	}
	writeData(w, http.StatusOK, "Transaction deleted successfully", map[string]any{"key": t.Key})
}

// ---- rewards ----

var paymentStatuses = []string{"pending", "in_transit", "withdrawn", "available", "paid_externally", "expired", "failed", "merging"}

func (s *Server) listRewards(w http.ResponseWriter, r *http.Request, who role) {
	q, err := parseList(r, "created_at", "amount", "ready_at")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	v := r.URL.Query()
	payment, status := v.Get("payment_status"), v.Get("status")
	if payment != "" && !slices.Contains(paymentStatuses, payment) {
		writeError(w, http.StatusBadRequest, "payment_status must be one of "+strings.Join(paymentStatuses, ", "))
		return
	}
	company, customer, group, currency := v.Get("company_key"), v.Get("customer_key"), v.Get("group_key"), v.Get("currency")
	rows := s.rewards.Filter(func(rw *Reward) bool {
		switch {
		case !q.inTime(rw.CreatedAt, rw.UpdatedAt), rw.Archived:
			return false
		case who == partner && rw.PartnershipKey != PartnerPartnershipKey:
			return false
		case company != "" && company != CompanyKey:
			return false
		case payment != "" && strOr(rw.PaymentStatus) != payment:
			return false
		case status != "" && strOr(rw.RewardStatus) != status:
			return false
		case customer != "" && rw.CustomerKey != customer:
			return false
		case currency != "" && !strings.EqualFold(strOr(rw.Currency), currency):
			return false
		}
		if group != "" {
			p, ok := s.partnerships.Get(rw.PartnershipKey)
			return ok && p.Group != nil && p.Group.Key == group
		}
		return true
	})
	writeList(w, q, "Rewards page returned successfully", false, rows,
		func(rw *Reward) string { return rw.Key },
		func(rw *Reward, f string) int64 {
			switch f {
			case "amount":
				if rw.Amount == nil {
					return 0
				}
				return centsOf(*rw.Amount)
			case "ready_at":
				if rw.PaymentDate == nil {
					return 0
				}
				return epochMs(*rw.PaymentDate)
			}
			return epochMs(rw.CreatedAt)
		},
		func(rw *Reward) any { return s.rewardView(rw, who) })
}

func (s *Server) createReward(w http.ResponseWriter, r *http.Request, who role) {
	var body struct {
		Amount      *int64  `json:"amount"`
		Description *string `json:"description"`
		Target      *struct {
			Key  string `json:"key"`
			Type string `json:"type"`
		} `json:"target"`
		PartnerKey *string `json:"partner_key"`
	}
	if !decode(w, r, &body) {
		return
	}
	if body.Amount == nil || *body.Amount < 1 || *body.Amount > 100_000_000 {
		writeError(w, http.StatusBadRequest, "amount: must be between 1 and 100000000 cents.")
		return
	}
	rw := &Reward{
		Amount: ptr(fromCents(*body.Amount, "USD")), Currency: ptr("USD"), CreationSource: ptr("api"), Description: body.Description,
		PaymentStatus: ptr("pending"), RewardStatus: ptr("approved"), CreatedBy: ptr("api"),
	}
	switch {
	case body.Target != nil && body.Target.Type == "customer":
		c, ok := s.customerBy(body.Target.Key)
		if !ok {
			writeError(w, http.StatusNotFound, "Customer not found.")
			return
		}
		rw.CustomerKey, rw.PartnershipKey = c.Key, c.PartnershipKey
		rw.Source = &RewardSource{Key: c.Key, Type: "bonus"}
	case body.Target != nil && body.Target.Type == "transaction":
		t, ok := s.transactions.Get(body.Target.Key)
		if !ok {
			writeError(w, http.StatusNotFound, "Transaction not found.")
			return
		}
		rw.CustomerKey, rw.PartnershipKey, rw.TransactionKey = t.CustomerKey, t.PartnershipKey, t.Key
		rw.Source = &RewardSource{Key: t.Key, Type: "transaction"}
	case body.Target != nil && body.Target.Type == "partnership", body.PartnerKey != nil:
		id := ""
		if body.PartnerKey != nil {
			id = *body.PartnerKey
		} else {
			id = body.Target.Key
		}
		p, ok := s.partnershipBy(id)
		if !ok {
			writeError(w, http.StatusNotFound, "Partnership not found.")
			return
		}
		rw.PartnershipKey = p.Key
		rw.Source = &RewardSource{Key: p.Key, Type: "bonus"}
	default:
		writeError(w, http.StatusBadRequest, "target: a target of type customer, transaction or partnership is required.")
		return
	}
	s.rewards.put(s, rw)
	writeData(w, http.StatusOK, "Reward created successfully", s.rewardView(rw, who))
}

// ---- actions ----

func (s *Server) listActions(w http.ResponseWriter, r *http.Request, who role) {
	q, err := parseList(r, "created_at")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	v := r.URL.Query()
	pk, typ, ck := v.Get("partnership_key"), v.Get("action_type"), v.Get("customer_key")
	rows := s.actions.Filter(func(a *Action) bool {
		switch {
		case !q.inTime(a.CreatedAt, a.UpdatedAt), a.Archived:
			return false
		case who == partner && a.PartnershipKey != PartnerPartnershipKey:
			return false
		case pk != "" && a.PartnershipKey != pk, typ != "" && a.Type != typ:
			return false
		case ck != "" && (a.CustomerKey == nil || *a.CustomerKey != ck):
			return false
		}
		return true
	})
	writeList(w, q, "Actions retrieved successfully", true, rows,
		func(a *Action) string { return a.Key },
		func(a *Action, f string) int64 { return epochMs(a.CreatedAt) },
		func(a *Action) any { return s.actionView(a, who) })
}

func (s *Server) createAction(w http.ResponseWriter, r *http.Request, who role) {
	var body struct {
		TargetType  string  `json:"target_type"`
		TargetKey   string  `json:"target_key"`
		Type        string  `json:"type"`
		Value       *int64  `json:"value"`
		ExternalKey *string `json:"external_key"`
	}
	if !decode(w, r, &body) {
		return
	}
	switch {
	case body.TargetType != "partnership" && body.TargetType != "customer":
		writeError(w, http.StatusBadRequest, `target_type: must be "partnership" or "customer".`)
		return
	case body.Type == "" || !strings.Contains(body.Type, "_"):
		writeError(w, http.StatusBadRequest, "type: an action type in noun_verb form is required.")
		return
	case body.Value == nil || *body.Value < 1:
		writeError(w, http.StatusBadRequest, "value: must be an integer of at least 1.")
		return
	}
	a := &Action{Type: body.Type, Value: *body.Value, ExternalKey: body.ExternalKey}
	if body.TargetType == "customer" {
		c, ok := s.customerBy(body.TargetKey)
		if !ok {
			writeError(w, http.StatusNotFound, "Customer not found.")
			return
		}
		a.CustomerKey, a.PartnershipKey = &c.Key, c.PartnershipKey
	} else {
		p, ok := s.partnerships.Get(body.TargetKey)
		if !ok {
			writeError(w, http.StatusNotFound, "Partnership not found.")
			return
		}
		a.PartnershipKey = p.Key
	}
	s.actions.put(s, a)
	writeData(w, http.StatusOK, "Action recorded successfully", s.actionView(a, who))
}

func (s *Server) archiveAction(w http.ResponseWriter, r *http.Request, _ role) {
	a, ok := s.actions.Get(r.PathValue("key"))
	if !ok || a.Archived {
		writeError(w, http.StatusNotFound, "Action not found.")
		return
	}
	a.Archived, a.UpdatedAt = true, s.nowTime()
	for _, rw := range s.rewards.All() {
		if rw.Source != nil && rw.Source.Type == "action" && rw.Source.Key == a.Key {
			rw.Archived = true
		}
	}
	writeData(w, http.StatusOK, "Action archived successfully", map[string]any{"key": a.Key})
}

// ---- groups, links, payouts, programs ----

func (s *Server) listGroups(w http.ResponseWriter, r *http.Request, _ role) {
	q, err := parseList(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	rows := s.groups.Filter(func(g *Group) bool { return q.inTime(g.CreatedAt, g.UpdatedAt) })
	writeList(w, q, "Groups retrieved successfully", false, rows,
		func(g *Group) string { return g.Key },
		func(g *Group, f string) int64 { return epochMs(g.CreatedAt) },
		func(g *Group) any { return groupWire(*g) })
}

func (s *Server) listLinks(w http.ResponseWriter, r *http.Request, _ role) {
	p, ok := s.partnershipBy(r.PathValue("identifier"))
	if !ok {
		writeError(w, http.StatusNotFound, "Partnership not found.")
		return
	}
	q, err := parseList(r)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	rows := s.links.Filter(func(l *Link) bool { return l.PartnershipKey == p.Key })
	writeList(w, q, "Links retrieved successfully", false, rows,
		func(l *Link) string { return l.Key },
		func(l *Link, f string) int64 { return epochMs(l.CreatedAt) },
		func(l *Link) any { return l })
}

func (s *Server) listPayouts(w http.ResponseWriter, r *http.Request, _ role) {
	q, err := parseList(r, "created_at")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	rows := s.payouts.Filter(func(p *Payout) bool { return q.inTime(p.CreatedAt, p.UpdatedAt) })
	writeList(w, q, "Payouts retrieved successfully", false, rows,
		func(p *Payout) string { return p.Key },
		func(p *Payout, f string) int64 { return epochMs(p.CreatedAt) },
		func(p *Payout) any { return payoutWire(*p) })
}

func (s *Server) listPrograms(w http.ResponseWriter, r *http.Request, _ role) {
	q, err := parseList(r, "created_at")
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	category := r.URL.Query().Get("category")
	rows := s.programs.Filter(func(p *Program) bool {
		return q.inTime(p.CreatedAt, p.CreatedAt) &&
			(category == "" || slices.ContainsFunc(p.Category, func(c string) bool { return strings.EqualFold(c, category) }))
	})
	writeList(w, q, "Programs retrieved successfully", false, rows,
		func(p *Program) string { return p.Key },
		func(p *Program, f string) int64 { return epochMs(p.CreatedAt) },
		func(p *Program) any { return programWire(*p) })
}

func (s *Server) getProgram(w http.ResponseWriter, r *http.Request, _ role) {
	p, ok := s.programs.Get(r.PathValue("key"))
	if !ok {
		writeError(w, http.StatusNotFound, fmt.Sprintf("Program %q not found.", r.PathValue("key")))
		return
	}
	writeData(w, http.StatusOK, "Program retrieved successfully", programWire(*p))
}
