package partnerstacktest

import (
	"slices"
)

// table holds one resource's records in insertion order with a key index.
type table[T any] struct {
	rows  []*T
	index map[string]int
	keyOf func(*T) string
}

func (t *table[T]) add(r *T) {
	if t.index == nil {
		t.index = map[string]int{}
	}
	k := t.keyOf(r)
	if i, ok := t.index[k]; ok {
		t.rows[i] = r
		return
	}
	t.index[k] = len(t.rows)
	t.rows = append(t.rows, r)
}

func (t *table[T]) get(key string) (*T, bool) {
	i, ok := t.index[key]
	if !ok {
		return nil, false
	}
	return t.rows[i], true
}

func (t *table[T]) remove(key string) bool {
	i, ok := t.index[key]
	if !ok {
		return false
	}
	t.rows = slices.Delete(t.rows, i, i+1)
	delete(t.index, key)
	for j := i; j < len(t.rows); j++ {
		t.index[t.keyOf(t.rows[j])] = j
	}
	return true
}

// find returns the first record matching ok.
func (t *table[T]) find(ok func(*T) bool) (*T, bool) {
	for _, r := range t.rows {
		if ok(r) {
			return r, true
		}
	}
	return nil, false
}

// filter returns the records matching ok, in insertion order.
func (t *table[T]) filter(ok func(*T) bool) []*T {
	out := make([]*T, 0, len(t.rows))
	for _, r := range t.rows {
		if ok(r) {
			out = append(out, r)
		}
	}
	return out
}

// snapshot copies the records.
func (t *table[T]) snapshot() []T {
	out := make([]T, len(t.rows))
	for i, r := range t.rows {
		out[i] = *r
	}
	return out
}

const keyAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// newKey returns a deterministic key such as "cus_Ebvgs2n9lfVvE1": the
// prefix and 14 characters derived from the server's sequence.
func (s *Server) newKey(prefix string) string {
	s.seq++
	x := s.seq * 0x9E3779B97F4A7C15
	b := make([]byte, 0, len(prefix)+15)
	b = append(b, prefix...)
	b = append(b, '_')
	for range 14 {
		x ^= x >> 31
		x *= 0xBF58476D1CE4E5B9
		x ^= x >> 27
		b = append(b, keyAlphabet[x%uint64(len(keyAlphabet))])
	}
	return string(b)
}

// stamp fills a zero key, created and updated time.
func (s *Server) stamp(key *string, prefix string, created, updated *int64) {
	if *key == "" {
		*key = s.newKey(prefix)
	}
	if *created == 0 {
		*created = s.nowMs()
	}
	if *updated == 0 {
		*updated = *created
	}
}

// AddGroup stores g, assigning a key and timestamps when zero.
func (s *Server) AddGroup(g Group) Group {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stamp(&g.Key, "grup", &g.CreatedAt, &g.UpdatedAt)
	s.groups.add(&g)
	return g
}

// Groups returns the stored groups.
func (s *Server) Groups() []Group {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.groups.snapshot()
}

// AddPartnership stores p, assigning a key, partner key and timestamps
// when zero.
func (s *Server) AddPartnership(p Partnership) Partnership {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addPartnership(&p)
	return p
}

func (s *Server) addPartnership(p *Partnership) {
	s.stamp(&p.Key, "part", &p.CreatedAt, &p.UpdatedAt)
	if p.PartnerKey == "" {
		p.PartnerKey = "partner-" + p.Key[len("part_"):]
	}
	if p.JoinedAt == 0 {
		p.JoinedAt = p.CreatedAt
	}
	if p.ApprovedStatus == "" {
		p.ApprovedStatus = "approved"
	}
	if p.Stats == nil {
		p.Stats = map[string]int64{}
	}
	if p.Tags == nil {
		p.Tags = []string{}
	}
	if p.Fields == nil {
		p.Fields = []map[string]any{}
	}
	s.partnerships.add(p)
}

// Partnerships returns the stored partnerships.
func (s *Server) Partnerships() []Partnership {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.partnerships.snapshot()
}

// AddCustomer stores c, assigning a key and timestamps when zero.
func (s *Server) AddCustomer(c Customer) Customer {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addCustomer(&c)
	return c
}

func (s *Server) addCustomer(c *Customer) {
	s.stamp(&c.Key, "cus", &c.CreatedAt, &c.UpdatedAt)
	if c.SubIDs == nil {
		c.SubIDs = []string{}
	}
	if c.SourceType == "" {
		c.SourceType = "api"
	}
	if c.PartnershipKey == "" && c.PartnerKey != "" {
		if p, ok := s.partnerships.find(func(p *Partnership) bool { return p.PartnerKey == c.PartnerKey }); ok {
			c.PartnershipKey = p.Key
		}
	}
	if c.PartnerKey == "" && c.PartnershipKey != "" {
		if p, ok := s.partnerships.get(c.PartnershipKey); ok {
			c.PartnerKey = p.PartnerKey
		}
	}
	s.customers.add(c)
}

// Customers returns the stored customers.
func (s *Server) Customers() []Customer {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.customers.snapshot()
}

// AddTransaction stores t, assigning a key and timestamps when zero and
// the customer's partnership when empty. Unlike a transaction created
// through the API it earns no reward.
func (s *Server) AddTransaction(t Transaction) Transaction {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addTransaction(&t)
	return t
}

func (s *Server) addTransaction(t *Transaction) {
	s.stamp(&t.Key, "tx", &t.CreatedAt, &t.UpdatedAt)
	if t.Currency == "" {
		t.Currency = "USD"
	}
	if t.AmountUSD == 0 {
		t.AmountUSD = toUSD(t.Amount, t.Currency)
	}
	if t.PartnershipKey == "" {
		if c, ok := s.customers.get(t.CustomerKey); ok {
			t.PartnershipKey = c.PartnershipKey
		}
	}
	s.transactions.add(t)
}

// Transactions returns the stored transactions.
func (s *Server) Transactions() []Transaction {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.transactions.snapshot()
}

// AddReward stores r, assigning a key and timestamps when zero.
func (s *Server) AddReward(r Reward) Reward {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stamp(&r.Key, "rwrd", &r.CreatedAt, &r.UpdatedAt)
	s.rewards.add(&r)
	return r
}

// Rewards returns the stored rewards.
func (s *Server) Rewards() []Reward {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rewards.snapshot()
}

// AddAction stores a, assigning a key and timestamps when zero.
func (s *Server) AddAction(a Action) Action {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stamp(&a.Key, "act", &a.CreatedAt, &a.UpdatedAt)
	if a.Value == 0 {
		a.Value = 1
	}
	s.actions.add(&a)
	return a
}

// Actions returns the stored actions.
func (s *Server) Actions() []Action {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.actions.snapshot()
}

// AddDeal stores d, assigning a key and timestamps when zero.
func (s *Server) AddDeal(d Deal) Deal {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stamp(&d.Key, "deal", &d.CreatedAt, &d.UpdatedAt)
	if d.Source == "" {
		d.Source = "partner"
	}
	s.deals.add(&d)
	return d
}

// Deals returns the stored deals, archived ones included.
func (s *Server) Deals() []Deal {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.deals.snapshot()
}

// AddLead stores l, assigning a key and timestamps when zero.
func (s *Server) AddLead(l Lead) Lead {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stamp(&l.Key, "lead", &l.CreatedAt, &l.UpdatedAt)
	if l.Status == "" {
		l.Status = "open"
	}
	s.leads.add(&l)
	return l
}

// Leads returns the stored leads, archived ones included.
func (s *Server) Leads() []Lead {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.leads.snapshot()
}

// AddLink stores a referral link of the partnership l.PartnershipKey.
func (s *Server) AddLink(l Link) Link {
	s.mu.Lock()
	defer s.mu.Unlock()
	var updated int64
	s.stamp(&l.Key, "lnk", &l.CreatedAt, &updated)
	s.links.add(&l)
	return l
}

// Links returns the stored links.
func (s *Server) Links() []Link {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.links.snapshot()
}

// AddWebhook stores h, assigning a key and timestamps when zero.
func (s *Server) AddWebhook(h Webhook) Webhook {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stamp(&h.Key, "wh", &h.CreatedAt, &h.UpdatedAt)
	s.webhooks.add(&h)
	return h
}

// Webhooks returns the stored webhooks, archived ones included.
func (s *Server) Webhooks() []Webhook {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.webhooks.snapshot()
}

// AddPayout stores a payout of the Partner API key's partner.
func (s *Server) AddPayout(p Payout) Payout {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stamp(&p.Key, "pout", &p.CreatedAt, &p.UpdatedAt)
	s.payouts.add(&p)
	return p
}

// Payouts returns the stored payouts.
func (s *Server) Payouts() []Payout {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.payouts.snapshot()
}

// AddProgram stores a marketplace program.
func (s *Server) AddProgram(p Program) Program {
	s.mu.Lock()
	defer s.mu.Unlock()
	var updated int64
	s.stamp(&p.Key, "co", &p.CreatedAt, &updated)
	if p.ID == 0 {
		p.ID = int64(20000 + len(s.programs.rows))
	}
	s.programs.add(&p)
	return p
}

// Programs returns the stored marketplace programs.
func (s *Server) Programs() []Program {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.programs.snapshot()
}

// AddTeam stores a partner team.
func (s *Server) AddTeam(t Team) Team {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stamp(&t.Key, "stck", &t.CreatedAt, &t.UpdatedAt)
	s.teams.add(&t)
	return t
}

// AddObject stores an object of a resource without a documented schema:
// kind is one of "applications", "tiers", "tier_collections", "products",
// "product_books", "form_templates", "report_configurations" and
// "report_exports". A key and timestamps are assigned when missing.
func (s *Server) AddObject(kind string, o Object) Object {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.addObject(kind, o)
}

func (s *Server) addObject(kind string, o Object) Object {
	t := s.objects[kind]
	if t == nil {
		panic("partnerstacktest: unknown object kind " + kind)
	}
	o = cloneObject(o)
	if o.Key() == "" {
		o["key"] = s.newKey(kindOf(kind).prefix)
	}
	now := s.nowMs()
	if _, ok := o["created_at"]; !ok {
		o["created_at"] = now
	}
	if _, ok := o["updated_at"]; !ok {
		o["updated_at"] = o["created_at"]
	}
	t.add(&o)
	return cloneObject(o)
}

// Objects returns the stored objects of a kind (see AddObject).
func (s *Server) Objects(kind string) []Object {
	s.mu.Lock()
	defer s.mu.Unlock()
	t := s.objects[kind]
	if t == nil {
		return nil
	}
	out := make([]Object, len(t.rows))
	for i, o := range t.rows {
		out[i] = cloneObject(*o)
	}
	return out
}

func cloneObject(o Object) Object {
	c := make(Object, len(o))
	for k, v := range o {
		c[k] = v
	}
	return c
}

// toUSD converts cents of a currency to US cents at fixed demo rates.
func toUSD(amount int64, currency string) int64 {
	rates := map[string]float64{"USD": 1, "EUR": 1.08, "GBP": 1.27, "CAD": 0.73, "AUD": 0.66, "THB": 0.028, "PHP": 0.018}
	r, ok := rates[currency]
	if !ok {
		r = 1
	}
	return int64(float64(amount)*r + 0.5)
}
