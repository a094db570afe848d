package partnerstacktest

import (
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"
)

// table holds one resource's records in insertion order, keyed by the key
// its stamps point at, and knows how to stamp and complete a new record
// (see put).
type table[T any] struct {
	*fakeserver.Table[string, T]

	prefix string                                              // of the keys put makes
	stamps func(*T) (key *string, created, updated *time.Time) // the fields put stamps
	fill   func(*T)                                            // sets defaults; may be nil
}

// newTable returns a table whose records are keyed by the key stamps points
// at. put makes keys with prefix and runs fill (if not nil) on every record
// it stores.
func newTable[T any](prefix string, stamps func(*T) (*string, *time.Time, *time.Time), fill func(*T)) table[T] {
	return table[T]{
		Table:  fakeserver.NewTable(func(r *T) string { k, _, _ := stamps(r); return *k }),
		prefix: prefix, stamps: stamps, fill: fill,
	}
}

// noUpdate stamps a record that has no updated time.
func noUpdate(key *string, created *time.Time) (*string, *time.Time, *time.Time) {
	return key, created, new(time.Time)
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

// stamp fills a zero key, created and updated time: created is the
// server's clock to the millisecond, in UTC (see nowTime), and updated is
// created.
func (s *Server) stamp(key *string, prefix string, created, updated *time.Time) {
	if *key == "" {
		*key = s.newKey(prefix)
	}
	if created.IsZero() {
		*created = s.nowTime()
	}
	if updated.IsZero() {
		*updated = *created
	}
}

// put stores r after stamping it (see stamp) and filling in the table's
// defaults. s.mu must be held.
func (t *table[T]) put(s *Server, r *T) {
	key, created, updated := t.stamps(r)
	s.stamp(key, t.prefix, created, updated)
	if t.fill != nil {
		t.fill(r)
	}
	t.Put(r)
}

// putLocked is put under the server lock, for the exported Add methods: it
// stores a copy of r and returns it as stored.
func putLocked[T any](s *Server, t *table[T], r T) T {
	s.mu.Lock()
	defer s.mu.Unlock()
	t.put(s, &r)
	return r
}

// snapshotLocked is snapshot under the server lock.
func snapshotLocked[T any](s *Server, t *table[T]) []T {
	s.mu.Lock()
	defer s.mu.Unlock()
	return t.Values()
}

// locked runs f under the server lock.
func (s *Server) locked(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	f()
}

// initTables makes the record tables: the key prefix of each resource, the
// fields that are stamped and the defaults a stored record gets.
func (s *Server) initTables() {
	s.groups = newTable("grup", func(g *Group) (*string, *time.Time, *time.Time) { return &g.Key, &g.CreatedAt, &g.UpdatedAt }, nil)
	s.partnerships = newTable("part", func(p *Partnership) (*string, *time.Time, *time.Time) { return &p.Key, &p.CreatedAt, &p.UpdatedAt }, s.fillPartnership)
	s.customers = newTable("cus", func(c *Customer) (*string, *time.Time, *time.Time) { return &c.Key, &c.CreatedAt, &c.UpdatedAt }, s.fillCustomer)
	s.transactions = newTable("tx", func(t *Transaction) (*string, *time.Time, *time.Time) { return &t.Key, &t.CreatedAt, &t.UpdatedAt }, s.fillTransaction)
	s.rewards = newTable("rwrd", func(r *Reward) (*string, *time.Time, *time.Time) { return &r.Key, &r.CreatedAt, &r.UpdatedAt }, nil)
	s.actions = newTable("act", func(a *Action) (*string, *time.Time, *time.Time) { return &a.Key, &a.CreatedAt, &a.UpdatedAt },
		func(a *Action) { fakeserver.OrDefault(&a.Value, 1) })
	s.deals = newTable("deal", func(d *Deal) (*string, *time.Time, *time.Time) { return &d.Key, &d.CreatedAt, &d.UpdatedAt },
		func(d *Deal) { fakeserver.OrDefault(&d.Source, "partner") })
	s.leads = newTable("lead", func(l *Lead) (*string, *time.Time, *time.Time) { return &l.Key, &l.CreatedAt, &l.UpdatedAt },
		func(l *Lead) { fakeserver.OrDefault(&l.Status, "open") })
	s.links = newTable("lnk", func(l *Link) (*string, *time.Time, *time.Time) { return noUpdate(&l.Key, &l.CreatedAt) }, nil)
	s.webhooks = newTable("wh", func(h *Webhook) (*string, *time.Time, *time.Time) { return &h.Key, &h.CreatedAt, &h.UpdatedAt }, nil)
	s.payouts = newTable("pout", func(p *Payout) (*string, *time.Time, *time.Time) { return &p.Key, &p.CreatedAt, &p.UpdatedAt }, nil)
	s.programs = newTable("co", func(p *Program) (*string, *time.Time, *time.Time) { return noUpdate(&p.Key, &p.CreatedAt) },
		func(p *Program) { fakeserver.OrDefault(&p.ID, int64(20000+s.programs.Len())) })
	s.teams = newTable("stck", func(t *Team) (*string, *time.Time, *time.Time) { return &t.Key, &t.CreatedAt, &t.UpdatedAt }, nil)
	for _, kind := range objectKinds {
		s.objects[kind.name] = fakeserver.NewTable(func(o *Object) string { return o.Key() })
	}
}

// fillPartnership gives a partnership a partner key derived from its key,
// its creation time as the joining time, approved status and empty stats,
// tags and fields.
func (s *Server) fillPartnership(p *Partnership) {
	if p.PartnerKey == "" {
		p.PartnerKey = "partner-" + p.Key[len("part_"):]
	}
	fakeserver.OrDefault(&p.JoinedAt, p.CreatedAt)
	fakeserver.OrDefault(&p.ApprovedStatus, "approved")
	if p.Stats == nil {
		p.Stats = partnerstack.Stats{}
	}
	if p.Tags == nil {
		p.Tags = []string{}
	}
	if p.Fields == nil {
		p.Fields = []map[string]any{}
	}
}

// fillCustomer gives a customer empty sub ids, source type "api", and the
// partnership of its partner key or the partner key of its partnership.
func (s *Server) fillCustomer(c *Customer) {
	if c.SubIDs == nil {
		c.SubIDs = []string{}
	}
	fakeserver.OrDefault(&c.SourceType, "api")
	if c.PartnershipKey == "" && c.PartnerKey != "" {
		if p, ok := s.partnerships.Find(func(p *Partnership) bool { return p.PartnerKey == c.PartnerKey }); ok {
			c.PartnershipKey = p.Key
		}
	}
	if c.PartnerKey == "" && c.PartnershipKey != "" {
		if p, ok := s.partnerships.Get(c.PartnershipKey); ok {
			c.PartnerKey = p.PartnerKey
		}
	}
}

// fillTransaction gives a transaction currency USD, its amount in US
// dollars, and its customer's partnership.
func (s *Server) fillTransaction(t *Transaction) {
	fakeserver.OrDefault(&t.Currency, "USD")
	fakeserver.OrDefault(&t.AmountUSD, fromCents(toUSD(centsOf(t.Amount), t.Currency), "USD"))
	if t.PartnershipKey == "" {
		if c, ok := s.customers.Get(t.CustomerKey); ok {
			t.PartnershipKey = c.PartnershipKey
		}
	}
}

// AddGroup stores g, assigning a key and timestamps when zero.
func (s *Server) AddGroup(g Group) Group { return putLocked(s, &s.groups, g) }

// Groups returns the stored groups.
func (s *Server) Groups() []Group { return snapshotLocked(s, &s.groups) }

// AddPartnership stores p, assigning a key, partner key and timestamps
// when zero.
func (s *Server) AddPartnership(p Partnership) Partnership { return putLocked(s, &s.partnerships, p) }

// Partnerships returns the stored partnerships.
func (s *Server) Partnerships() []Partnership { return snapshotLocked(s, &s.partnerships) }

// AddCustomer stores c, assigning a key and timestamps when zero.
func (s *Server) AddCustomer(c Customer) Customer { return putLocked(s, &s.customers, c) }

// Customers returns the stored customers.
func (s *Server) Customers() []Customer { return snapshotLocked(s, &s.customers) }

// AddTransaction stores t, assigning a key and timestamps when zero, the
// customer's partnership when empty, currency USD when empty, and an
// AmountUSD, when it is the zero value, converted from Amount at fixed
// demo rates. Unlike a transaction created through the API it earns no
// reward.
func (s *Server) AddTransaction(t Transaction) Transaction { return putLocked(s, &s.transactions, t) }

// Transactions returns the stored transactions.
func (s *Server) Transactions() []Transaction { return snapshotLocked(s, &s.transactions) }

// AddReward stores r, assigning a key and timestamps when zero.
func (s *Server) AddReward(r Reward) Reward { return putLocked(s, &s.rewards, r) }

// Rewards returns the stored rewards.
func (s *Server) Rewards() []Reward { return snapshotLocked(s, &s.rewards) }

// AddAction stores a, assigning a key and timestamps when zero.
func (s *Server) AddAction(a Action) Action { return putLocked(s, &s.actions, a) }

// Actions returns the stored actions.
func (s *Server) Actions() []Action { return snapshotLocked(s, &s.actions) }

// AddDeal stores d, assigning a key and timestamps when zero.
func (s *Server) AddDeal(d Deal) Deal { return putLocked(s, &s.deals, d) }

// Deals returns the stored deals, archived ones included.
func (s *Server) Deals() []Deal { return snapshotLocked(s, &s.deals) }

// AddLead stores l, assigning a key and timestamps when zero.
func (s *Server) AddLead(l Lead) Lead { return putLocked(s, &s.leads, l) }

// Leads returns the stored leads, archived ones included.
func (s *Server) Leads() []Lead { return snapshotLocked(s, &s.leads) }

// AddLink stores a referral link of the partnership l.PartnershipKey.
func (s *Server) AddLink(l Link) Link { return putLocked(s, &s.links, l) }

// Links returns the stored links.
func (s *Server) Links() []Link { return snapshotLocked(s, &s.links) }

// AddWebhook stores h, assigning a key and timestamps when zero.
func (s *Server) AddWebhook(h Webhook) Webhook { return putLocked(s, &s.webhooks, h) }

// Webhooks returns the stored webhooks, archived ones included.
func (s *Server) Webhooks() []Webhook { return snapshotLocked(s, &s.webhooks) }

// AddPayout stores a payout of the Partner API key's partner.
func (s *Server) AddPayout(p Payout) Payout { return putLocked(s, &s.payouts, p) }

// Payouts returns the stored payouts.
func (s *Server) Payouts() []Payout { return snapshotLocked(s, &s.payouts) }

// AddProgram stores a marketplace program.
func (s *Server) AddProgram(p Program) Program { return putLocked(s, &s.programs, p) }

// Programs returns the stored marketplace programs.
func (s *Server) Programs() []Program { return snapshotLocked(s, &s.programs) }

// AddTeam stores a partner team.
func (s *Server) AddTeam(t Team) Team { return putLocked(s, &s.teams, t) }

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
	t.Put(&o)
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
	out := make([]Object, t.Len())
	for i, o := range t.All() {
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

// toUSD converts cents of a currency to US cents at fixed demo rates,
// given in ten-thousandths of a dollar per unit, rounding half away from
// zero.
func toUSD(amount int64, currency string) int64 {
	rates := map[string]int64{"USD": 10000, "EUR": 10800, "GBP": 12700, "CAD": 7300, "AUD": 6600, "THB": 280, "PHP": 180}
	r, ok := rates[currency]
	if !ok {
		r = 10000
	}
	return roundDiv(amount*r, 10000)
}

// roundDiv returns n/d rounded half away from zero (d > 0).
func roundDiv(n, d int64) int64 {
	if n < 0 {
		return -((-n + d/2) / d)
	}
	return (n + d/2) / d
}
