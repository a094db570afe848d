package firstpromotertest

import (
	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/internal/money"

	"net/http"
	"slices"
	"time"
)

// Payout is a payout as the API answers it. The spec types amount and
// total_incl_tax as numbers without naming the unit; the fake keeps them
// in cents, like commissions, as exact amounts (firstpromoter.Amount)
// that encode as plain numbers: build one with
// firstpromoter.ParseAmount("5000", ""). A zero TotalInclTax is computed
// from Amount and TaxRate (a percentage), exactly. Set Promoter.ID and Campaign.ID to link it;
// the server fills the rest from its state, and the payout method from the
// promoter's selected one.
type Payout struct {
	ID int64 `json:"id"`
	// Status is pending, completed, failed, processing or cancelled.
	Status              firstpromoter.PayoutStatus `json:"status"`
	Amount              money.Amount               `json:"amount"`
	PaymentsBatchID     *int64                     `json:"payments_batch_id"`
	TaxRate             float64                    `json:"tax_rate"`
	Unit                string                     `json:"unit"`
	PeriodStart         Timestamp                  `json:"period_start"`
	PeriodEnd           Timestamp                  `json:"period_end"`
	PaidAt              Timestamp                  `json:"paid_at"`
	ProcessingStartedAt Timestamp                  `json:"processing_started_at"`
	FailedAt            Timestamp                  `json:"failed_at"`
	CreatedAt           Timestamp                  `json:"created_at"`
	Error               NullString                 `json:"error"`
	TotalInclTax        money.Amount               `json:"total_incl_tax"`
	PayoutMethod        *PayoutMethod              `json:"payout_method"`
	Promoter            *PromoterRef               `json:"promoter"`
	Campaign            *CampaignRef               `json:"campaign"`
}

func (p *Payout) promoterID() int64 {
	if p.Promoter == nil {
		return 0
	}
	return p.Promoter.ID
}

func (p *Payout) campaignID() int64 {
	if p.Campaign == nil {
		return 0
	}
	return p.Campaign.ID
}

// Payout settings of the fake account, sent in the payout stats' meta.
const (
	netPayoutDays = 30
	minPayment    = 2500
)

var (
	payoutStatuses = []string{"pending", "completed", "failed", "processing", "cancelled"}
	payoutMethods  = []string{"paypal", "bank", "wise", "crypto", "custom", "dots", "not_set"}
)

func (s *Server) payoutRoutes() {
	s.handle("GET /company/payouts", s.listPayouts)
	s.handle("GET /company/payouts/group_by_promoters", s.payoutsByPromoter)
	s.handle("GET /company/payouts/stats", s.payoutStats)
	s.handle("GET /company/payouts/due_stats", s.payoutDueStats)
	s.handle("POST /company/payouts/create_payments_batch", s.createPaymentsBatch)
	s.handle("POST /company/payouts/mark_as_paid", s.payoutAction("payout/mark_as_paid", func(p *Payout) error {
		p.Status, p.PaidAt = "completed", At(s.now())
		s.setPayoutCommissionsPaid(p.ID, true)
		return nil
	}))
	s.handle("POST /company/payouts/mark_as_unpaid", s.payoutAction("payout/mark_as_unpaid", func(p *Payout) error {
		p.Status, p.PaidAt = "pending", Timestamp{}
		s.setPayoutCommissionsPaid(p.ID, false)
		return nil
	}))
	s.handle("DELETE /company/payouts/destroy", s.payoutAction("payout/destroy", func(p *Payout) error {
		for _, c := range s.commissions.All() {
			if c.PayoutID == p.ID {
				c.PayoutID = 0
			}
		}
		s.payouts.Delete(p.ID)
		return nil
	}))
}

func (s *Server) setPayoutCommissionsPaid(payoutID int64, paid bool) {
	for _, c := range s.commissions.All() {
		if c.PayoutID == payoutID {
			c.IsPaid = paid
		}
	}
}

// listPayouts applies q (promoter name or email), ids[] and
// filters[status|campaign_id|payments_batch_id|promoter_id|payout_method|
// due_period|only_payable|fraud_suspicions] and the period_start and
// period_end ranges; sorting by amount, period_start or period_end.
func (s *Server) listPayouts(r *http.Request) (int, any, *apiError) {
	q := listQuery(r.URL.Query())
	page, per, e := q.page(DefaultPerPage)
	if e != nil {
		return 0, nil, e
	}
	match, e := s.payoutFilter(q)
	if e != nil {
		return 0, nil, e
	}
	field, desc, e := q.sorting("amount", "period_start", "period_end")
	if e != nil {
		return 0, nil, e
	}
	var rows []Payout
	for _, p := range s.payouts.All() {
		if v := s.payoutView(p); match(&v) {
			rows = append(rows, v)
		}
	}
	if field != "" {
		sortBy(rows, desc, func(p Payout) money.Amount {
			switch field {
			case "amount":
				return p.Amount
			case "period_start":
				return unixMilli(p.PeriodStart)
			}
			return unixMilli(p.PeriodEnd)
		})
	}
	out := paginate(rows, page, per)
	if out == nil {
		out = []Payout{}
	}
	return http.StatusOK, out, nil
}

func (s *Server) payoutFilter(q listQuery) (func(*Payout) bool, *apiError) {
	ints := map[string][]int64{}
	for _, key := range []string{"ids", "filters[campaign_id]", "filters[payments_batch_id]", "filters[promoter_id]"} {
		v, e := q.ints(key)
		if e != nil {
			return nil, e
		}
		ints[key] = v
	}
	status := q.get("filters[status]")
	if status != "" && !slices.Contains(payoutStatuses, status) {
		return nil, errParam("filters[status]")
	}
	method := q.get("filters[payout_method]")
	if method != "" && !slices.Contains(payoutMethods, method) {
		return nil, errParam("filters[payout_method]")
	}
	due := q.get("filters[due_period]")
	if due != "" && !slices.Contains([]string{"next", "overdue", "custom"}, due) {
		return nil, errParam("filters[due_period]")
	}
	payable, hasPayable, e := q.yesNo("filters[only_payable]")
	if e != nil {
		return nil, e
	}
	start, e := q.timeRange("filters[period_start]")
	if e != nil {
		return nil, e
	}
	end, e := q.timeRange("filters[period_end]")
	if e != nil {
		return nil, e
	}
	fraud, search := q.values("filters[fraud_suspicions]"), q.get("q")
	now := s.now()
	return func(p *Payout) bool {
		var batch int64
		if p.PaymentsBatchID != nil {
			batch = *p.PaymentsBatchID
		}
		pr, _ := s.promoters.Get(p.promoterID())
		if pr == nil {
			pr = &Promoter{}
		}
		switch {
		case !inIDs(ints["ids"], p.ID), !inIDs(ints["filters[campaign_id]"], p.campaignID()),
			!inIDs(ints["filters[payments_batch_id]"], batch), !inIDs(ints["filters[promoter_id]"], p.promoterID()),
			status != "" && string(p.Status) != status, method != "" && payoutMethodName(p) != method,
			due != "" && duePeriod(p, now) != due, hasPayable && payable != isPayable(p),
			!start.match(p.PeriodStart), !end.match(p.PeriodEnd):
			return false
		}
		if len(fraud) > 0 {
			ok := false
			for _, f := range fraud {
				ok = ok || (f == "no_suspicion" && len(pr.FraudSuspicions) == 0) || slices.Contains(pr.FraudSuspicions, f)
			}
			if !ok {
				return false
			}
		}
		return search == "" || containsFold(search, pr.Email, pr.Name)
	}, nil
}

// payoutMethodName is the payout's method, not_set without one.
func payoutMethodName(p *Payout) string {
	if p.PayoutMethod == nil || p.PayoutMethod.Method == "" {
		return "not_set"
	}
	return p.PayoutMethod.Method
}

// isPayable: a pending payout of at least the minimum payment whose
// promoter has a payout method.
func isPayable(p *Payout) bool {
	return p.Status == "pending" && cmpAmount(p.Amount, num(minPayment)) >= 0 && payoutMethodName(p) != "not_set"
}

// duePeriod classifies a pending payout: due net_payout_days after its
// period ends, "overdue" once that day has passed, else "next"; a payout
// without a period is "custom". Other statuses are in no due period.
func duePeriod(p *Payout, now time.Time) string {
	if p.Status != "pending" {
		return ""
	}
	if p.PeriodEnd.IsZero() {
		return "custom"
	}
	if p.PeriodEnd.AddDate(0, 0, netPayoutDays).Before(now) {
		return "overdue"
	}
	return "next"
}

// payoutSettings is the meta of the payout stats endpoints.
func payoutSettings() map[string]any {
	return map[string]any{
		"net_payout_days": netPayoutDays, "payout_cycle": "monthly", "min_payment": minPayment,
		"min_paying_customers": 0, "terms_description": "Commissions are paid monthly, 30 days after the period ends.",
		"selected_payout_methods": []string{"paypal", "bank", "wise"}, "payout_method_options": map[string]any{},
		"managed_payouts": false,
	}
}

// payoutsByPromoter groups the matching payouts (pending by default) by
// promoter: {"data": [group], "meta": {totals}}, the groups paginated.
func (s *Server) payoutsByPromoter(r *http.Request) (int, any, *apiError) {
	q := listQuery(r.URL.Query())
	page, per, e := q.page(DefaultPerPage)
	if e != nil {
		return 0, nil, e
	}
	if _, ok := r.URL.Query()["filters[status]"]; !ok {
		q = listQuery(cloneValues(r.URL.Query(), "filters[status]", "pending"))
	}
	match, e := s.payoutFilter(q)
	if e != nil {
		return 0, nil, e
	}
	var minAmount money.Amount
	if v := q.get("filters[min_payment]"); v != "" {
		a, err := money.ParseDecimal(v, "")
		if err != nil {
			return 0, nil, errParam("filters[min_payment]")
		}
		minAmount = a
	}
	withDetails := q.get("include_payout_method_details") == "true"
	type group struct {
		Promoter        map[string]any `json:"promoter"`
		PayoutMethod    *PayoutMethod  `json:"payout_method"`
		Payouts         []Payout       `json:"payouts"`
		IsAmountPayable bool           `json:"is_amount_payable"`
		PayoutIDs       []int64        `json:"payout_ids"`
		Amount          money.Amount   `json:"amount"`
		TotalInclTax    money.Amount   `json:"total_incl_tax"`
	}
	var groups []*group
	byPromoter := map[int64]*group{}
	var latestEnd time.Time
	for _, p := range s.payouts.All() {
		v := s.payoutView(p)
		if !match(&v) {
			continue
		}
		g := byPromoter[v.promoterID()]
		if g == nil {
			pr, _ := s.promoters.Get(v.promoterID())
			if pr == nil {
				pr = &Promoter{ID: v.promoterID()}
			}
			g = &group{
				Promoter: map[string]any{
					"id": pr.ID, "email": pr.Email, "name": pr.Name, "invoice_details_status": pr.InvoiceDetailsStatus,
					"fraud_suspicions": append([]string{}, pr.FraudSuspicions...),
					"profile":          map[string]any{"invoice_details_validation_errors": pr.Profile.InvoiceDetailsValidationErrors},
				},
				PayoutMethod: v.PayoutMethod,
			}
			byPromoter[v.promoterID()] = g
			groups = append(groups, g)
		}
		g.Payouts = append(g.Payouts, v)
		g.PayoutIDs = append(g.PayoutIDs, v.ID)
		g.Amount = plus(g.Amount, v.Amount)
		g.TotalInclTax = plus(g.TotalInclTax, v.TotalInclTax)
		if v.PeriodEnd.After(latestEnd) {
			latestEnd = v.PeriodEnd.Time
		}
	}
	meta := map[string]any{"total": num(0), "promoters_count": 0, "total_incl_tax": num(0), "due_date": nil, "period_end": nil}
	var kept []*group
	var total, totalTax money.Amount
	for _, g := range groups {
		if cmpAmount(g.Amount, minAmount) < 0 {
			continue
		}
		g.IsAmountPayable = cmpAmount(g.Amount, num(minPayment)) >= 0 && g.PayoutMethod != nil
		if !withDetails && g.PayoutMethod != nil {
			m := *g.PayoutMethod
			m.Details = nil
			g.PayoutMethod = &m
		}
		kept = append(kept, g)
		total = plus(total, g.Amount)
		totalTax = plus(totalTax, g.TotalInclTax)
	}
	meta["total"], meta["total_incl_tax"], meta["promoters_count"] = total, totalTax, len(kept)
	if !latestEnd.IsZero() {
		meta["period_end"] = latestEnd.Format(time.DateOnly)
		meta["due_date"] = latestEnd.AddDate(0, 0, netPayoutDays).Format(time.DateOnly)
	}
	data := paginate(kept, page, per)
	if data == nil {
		data = []*group{}
	}
	return http.StatusOK, map[string]any{"data": data, "meta": meta}, nil
}

// payoutSum accumulates payouts for the stats endpoints.
type payoutSum struct {
	PromotersCount int                     `json:"promoters_count"`
	Amounts        map[string]money.Amount `json:"amounts"`
	TotalInclTax   money.Amount            `json:"total_incl_tax"`
	promoters      map[int64]bool
}

func (a *payoutSum) add(p *Payout) {
	if a.Amounts == nil {
		a.Amounts, a.promoters = map[string]money.Amount{}, map[int64]bool{}
	}
	a.Amounts[p.Unit] = plus(a.Amounts[p.Unit], p.Amount)
	a.TotalInclTax = plus(a.TotalInclTax, p.TotalInclTax)
	if !a.promoters[p.promoterID()] {
		a.promoters[p.promoterID()] = true
		a.PromotersCount++
	}
}

func (a *payoutSum) out() *payoutSum {
	if a.Amounts == nil {
		a.Amounts = map[string]money.Amount{}
	}
	return a
}

// payoutStats answers {"meta": settings, "data": {by_paid_period,
// by_status, by_payout_method}}, each section present when asked for with
// stats_by[...]=true (all three when none is asked for).
func (s *Server) payoutStats(r *http.Request) (int, any, *apiError) {
	q := listQuery(r.URL.Query())
	match, e := s.payoutFilter(q)
	if e != nil {
		return 0, nil, e
	}
	want := map[string]bool{}
	for _, k := range []string{"paid_period", "status", "payout_method"} {
		v, ok, e := q.yesNo("stats_by[" + k + "]")
		if e != nil {
			return 0, nil, e
		}
		want[k] = v && ok
	}
	if !want["paid_period"] && !want["status"] && !want["payout_method"] {
		want["paid_period"], want["status"], want["payout_method"] = true, true, true
	}
	type periodSum struct {
		PeriodStart Timestamp `json:"period_start"`
		PeriodEnd   Timestamp `json:"period_end"`
		payoutSum
	}
	byStatus, byMethod := map[string]*payoutSum{}, map[string]*payoutSum{}
	var periods []*periodSum
	for _, p := range s.payouts.All() {
		v := s.payoutView(p)
		if !match(&v) {
			continue
		}
		if byStatus[string(v.Status)] == nil {
			byStatus[string(v.Status)] = &payoutSum{}
		}
		byStatus[string(v.Status)].add(&v)
		m := payoutMethodName(&v)
		if byMethod[m] == nil {
			byMethod[m] = &payoutSum{}
		}
		byMethod[m].add(&v)
		if v.Status == "completed" {
			i := slices.IndexFunc(periods, func(ps *periodSum) bool {
				return ps.PeriodStart.Equal(v.PeriodStart.Time) && ps.PeriodEnd.Equal(v.PeriodEnd.Time)
			})
			if i < 0 {
				periods = append(periods, &periodSum{PeriodStart: v.PeriodStart, PeriodEnd: v.PeriodEnd})
				i = len(periods) - 1
			}
			periods[i].add(&v)
		}
	}
	data := map[string]any{}
	if want["paid_period"] {
		for _, ps := range periods {
			ps.out()
		}
		if periods == nil {
			periods = []*periodSum{}
		}
		data["by_paid_period"] = periods
	}
	if want["status"] {
		data["by_status"] = byStatus
	}
	if want["payout_method"] {
		data["by_payout_method"] = byMethod
	}
	return http.StatusOK, map[string]any{"meta": payoutSettings(), "data": data}, nil
}

// payoutDueStats answers {"meta": settings, "data": {next, overdue,
// custom}} over the pending payouts.
func (s *Server) payoutDueStats(r *http.Request) (int, any, *apiError) {
	match, e := s.payoutFilter(listQuery(r.URL.Query()))
	if e != nil {
		return 0, nil, e
	}
	type dueSum struct {
		payoutSum
		DueDate   *string `json:"due_date,omitempty"`
		PeriodEnd *string `json:"period_end,omitempty"`
	}
	sums := map[string]*dueSum{"next": {}, "overdue": {}, "custom": {}}
	now := s.now()
	for _, p := range s.payouts.All() {
		v := s.payoutView(p)
		d := duePeriod(&v, now)
		if d == "" || !match(&v) {
			continue
		}
		sums[d].add(&v)
		if d != "custom" {
			end := v.PeriodEnd.Format(time.DateOnly)
			due := v.PeriodEnd.AddDate(0, 0, netPayoutDays).Format(time.DateOnly)
			if sums[d].PeriodEnd == nil || end > *sums[d].PeriodEnd {
				sums[d].PeriodEnd, sums[d].DueDate = &end, &due
			}
		}
	}
	for _, v := range sums {
		v.out()
	}
	return http.StatusOK, map[string]any{"meta": payoutSettings(), "data": sums}, nil
}

// createPaymentsBatch puts the payable pending payouts of promoters paid
// with method into a new payments batch, answering 201 {"data": batch,
// "meta": {"failed": []}}. With no such payout it answers 422.
func (s *Server) createPaymentsBatch(r *http.Request) (int, any, *apiError) {
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	method := p.str("method")
	if !slices.Contains([]string{"paypal", "bank", "wise", "crypto", "dots"}, method) {
		return 0, nil, errParam("method")
	}
	var picked []*Payout
	for _, po := range s.payouts.All() {
		if v := s.payoutView(po); isPayable(&v) && po.PaymentsBatchID == nil && payoutMethodName(&v) == method {
			picked = append(picked, po)
		}
	}
	if len(picked) == 0 {
		return 0, nil, errOperation("There are no payable payouts for the " + method + " payout method")
	}
	id := s.paymentsBatches.Assign(0)
	now := At(s.now())
	var total money.Amount
	promoters := map[int64]bool{}
	for _, po := range picked {
		batchID := id
		po.PaymentsBatchID, po.Status, po.ProcessingStartedAt = &batchID, "processing", now
		total = plus(total, po.TotalInclTax)
		promoters[po.promoterID()] = true
	}
	batch := &PaymentsBatch{
		ID: id, Status: "processing", ScheduledAt: now, ProcessingStartedAt: now, IsPayable: true,
		Total: total, PromotersCount: len(promoters),
	}
	for _, po := range picked {
		batch.payoutIDs = append(batch.payoutIDs, po.ID)
	}
	s.paymentsBatches.Put(batch)
	return http.StatusCreated, map[string]any{"data": *batch, "meta": map[string]any{"failed": []any{}}}, nil
}

// payoutAction is a payout bulk action. Its answer wraps the batch:
// {"data": batch, "meta": {total, promoters_count, total_incl_tax,
// all_promoters_count}}, the meta summing the selected payouts.
func (s *Server) payoutAction(label string, fn func(*Payout) error) handlerFunc {
	return func(r *http.Request) (int, any, *apiError) {
		p, e := readParams(r)
		if e != nil {
			return 0, nil, e
		}
		ids, e := p.ids("ids")
		if e != nil {
			return 0, nil, e
		}
		var sum payoutSum
		for _, id := range ids {
			if po, ok := s.payouts.Get(id); ok {
				sum.add(po)
			}
		}
		all := map[int64]bool{}
		for _, po := range s.payouts.All() {
			all[po.promoterID()] = true
		}
		status, batch, e := s.bulk(p, label, nil, func(id int64) error {
			po, ok := s.payouts.Get(id)
			if !ok {
				return errRecordNotFound
			}
			return fn(po)
		})
		if e != nil {
			return 0, nil, e
		}
		var total money.Amount
		for _, v := range sum.Amounts {
			total = plus(total, v)
		}
		meta := map[string]any{
			"total": total, "promoters_count": sum.PromotersCount,
			"total_incl_tax": sum.TotalInclTax, "all_promoters_count": len(all),
		}
		return status, map[string]any{"data": batch, "meta": meta}, nil
	}
}

// AddPayout stores p, assigning an id, a created_at and defaults for zero
// fields (status pending, unit cash), and returns it as the API would
// answer it.
func (s *Server) AddPayout(p Payout) Payout {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.payoutView(s.addPayout(p))
}

// Payouts returns the stored payouts in id order.
func (s *Server) Payouts() []Payout {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Payout, 0, s.payouts.Len())
	for _, p := range s.payouts.All() {
		out = append(out, s.payoutView(p))
	}
	return out
}

// SeedPayouts adds n generated payouts for the stored promoters (seeding
// promoters when there are none), for last month's period.
func (s *Server) SeedPayouts(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	pcs := s.seedPromoterCampaigns()
	for range n {
		s.addPayout(s.genPayout(s.payouts.Len(), pcs))
	}
}

// addPayout stores p; the caller holds s.mu.
func (s *Server) addPayout(p Payout) *Payout {
	p.ID = s.payouts.Assign(p.ID)
	if p.CreatedAt.IsZero() {
		p.CreatedAt = At(s.now())
	}
	if p.Status == "" {
		p.Status = "pending"
	}
	if p.Unit == "" {
		p.Unit = "cash"
	}
	if p.TotalInclTax.IsZero() {
		p.TotalInclTax = withTax(p.Amount, p.TaxRate)
	}
	if p.Campaign == nil && p.Promoter != nil {
		for _, pc := range s.promoterCampaigns.All() {
			if pc.PromoterID == p.Promoter.ID {
				p.Campaign = &CampaignRef{ID: pc.CampaignID}
				break
			}
		}
	}
	if p.Promoter != nil {
		p.Promoter = &PromoterRef{ID: p.Promoter.ID}
	}
	if p.Campaign != nil {
		p.Campaign = &CampaignRef{ID: p.Campaign.ID}
	}
	s.payouts.Put(&p)
	return &p
}

// payoutView renders p with its nested promoter, campaign and payout
// method; the caller holds s.mu.
func (s *Server) payoutView(p *Payout) Payout {
	v := *p
	if p.PaymentsBatchID != nil {
		id := *p.PaymentsBatchID
		v.PaymentsBatchID = &id
	}
	if p.Promoter != nil {
		v.Promoter = s.promoterRef(p.Promoter.ID)
		if v.PayoutMethod == nil {
			if pr, ok := s.promoters.Get(p.Promoter.ID); ok && pr.SelectedPayoutMethod != nil {
				m := pr.SelectedPayoutMethod
				v.PayoutMethod = &PayoutMethod{
					ID: m.ID, Method: m.Method, DateAdded: m.DateAdded, IsDisabled: m.IsDisabled,
					Meta: map[string]any{}, IsSelected: true, Details: map[string]any{},
				}
			}
		} else {
			m := *p.PayoutMethod
			v.PayoutMethod = &m
		}
	}
	if p.Campaign != nil {
		v.Campaign = s.campaignRef(p.Campaign.ID)
	}
	return v
}

// cloneValues copies v with key set to value.
func cloneValues(v map[string][]string, key, value string) map[string][]string {
	out := make(map[string][]string, len(v)+1)
	for k, vs := range v {
		out[k] = vs
	}
	out[key] = []string{value}
	return out
}
