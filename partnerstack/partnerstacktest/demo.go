package partnerstacktest

import (
	"fmt"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
)

const day = 24 * time.Hour

var (
	firstNames = []string{"Elena", "Marcus", "Priya", "Tomás", "Hannah", "Kenji", "Amara", "Lucas", "Sofia", "Daniel",
		"Ingrid", "Omar", "Chloe", "Mateo", "Yuki", "Grace", "Felix", "Nadia", "Samuel", "Leila", "Victor", "Maya", "Jonas", "Zara"}
	lastNames = []string{"Park", "Webb", "Raman", "Alvarez", "Fischer", "Sato", "Okafor", "Martin", "Rossi", "Cohen",
		"Larsen", "Haddad", "Dubois", "Silva", "Tanaka", "Nguyen", "Wagner", "Petrova", "Mensah", "Karimi", "Moreau", "Patel", "Berg", "Hussain"}
	companies = []string{"Northwind Digital", "Brightpath Media", "Keystone Consulting", "Lumen Labs", "Harbor SaaS Reviews",
		"Pinecrest Agency", "Atlas Growth", "Copperleaf Partners", "Bluebird Analytics", "Summit Resellers", "Orbit Content",
		"Redwood Advisors", "Meridian Tech", "Foxglove Studio", "Granite IT", "Sparrow Marketing", "Tidewater Solutions",
		"Evergreen Digital", "Nimbus Cloud Co", "Cobalt Ventures", "Juniper Labs", "Beacon Partners", "Quartz Media", "Willow Systems"}
	customerCompanies = []string{"Acorn Bakery", "Blue Fin Logistics", "Cedar Dental", "Delta Freight", "Echo Fitness",
		"Fable Books", "Garnet Legal", "Helix Biotech", "Iris Optics", "Jade Travel", "Kite Robotics", "Lark Coffee",
		"Moss Architecture", "Nova Payroll", "Opal Insurance", "Pilot Flight School", "Quill Publishing", "Rook Security",
		"Sage Wellness", "Terra Farms"}
	countries  = []string{"US", "GB", "DE", "CA", "AU", "TH", "PH", "FR", "NL", "SE"}
	currencies = []string{"USD", "USD", "USD", "EUR", "GBP", "CAD"}
	plans      = []int64{2900, 4900, 9900, 19900, 49900}
)

func slug(s string) string {
	return strings.ToLower(strings.NewReplacer(" ", "-", ".", "").Replace(s))
}

// seedDemo fills the demo data set.
func (s *Server) seedDemo() {
	s.mu.Lock()
	defer s.mu.Unlock()
	// The newest records are dated now by the server's clock; older
	// ones step back from it.
	epoch := s.nowTime()
	groups := []Group{
		{Name: "Affiliates", Default: true, Features: GroupFeatures{ApplicationEnabled: true}},
		{Name: "Agencies", Features: GroupFeatures{ApplicationEnabled: true, DealsEnabled: true, LeadsEnabled: true}},
		{Name: "Resellers", Features: GroupFeatures{DealsEnabled: true, LeadsEnabled: true, DisableLinkCreate: true}},
	}
	for i := range groups {
		g := &groups[i]
		g.Slug = slug(g.Name)
		g.CreatedAt = epoch.Add(-time.Duration(400-i) * day)
		s.groups.put(s, g)
	}
	s.seedPartnerships(24)
	s.seedCustomers(60)
	s.seedTransactions(90)
	s.seedActions(40)
	s.seedDeals(12)
	s.seedLeads(15)
	s.seedPayouts(6)
	s.seedPrograms(8)
	for i, t := range []struct{ target, events string }{
		{"https://hooks.acme-analytics.example/partnerstack", "partnership_created,customer_created"},
		{"https://ops.acme-analytics.example/ps-events", "partnership_updated,partnership_deleted,customer_deleted"},
	} {
		h := &Webhook{Target: t.target, Events: strings.Split(t.events, ","), CreatedAt: epoch.Add(-time.Duration(200-i) * day)}
		s.webhooks.put(s, h)
	}
	s.seedObjects()
}

// SeedPartnerships stores n generated partnerships with referral links.
// The first partnership of an empty server is the Partner API key's
// (PartnerPartnershipKey).
func (s *Server) SeedPartnerships(n int) { s.locked(func() { s.seedPartnerships(n) }) }

func (s *Server) seedPartnerships(n int) {
	epoch := s.nowTime()
	if s.groups.Len() == 0 {
		g := &Group{Name: "Affiliates", Slug: "affiliates", Default: true, CreatedAt: epoch.Add(-400 * day)}
		s.groups.put(s, g)
	}
	base := s.partnerships.Len()
	for j := range n {
		i := base + j
		company := companies[i%len(companies)]
		first, last := firstNames[i%len(firstNames)], lastNames[(i*7)%len(lastNames)]
		g := s.groups.At((i / 3) % s.groups.Len())
		p := &Partnership{
			PartnerKey: slug(company), Email: fmt.Sprintf("%s.%s@%s.example", strings.ToLower(first), strings.ToLower(last), slug(company)),
			FirstName: first, LastName: last, Group: &GroupRef{Key: g.Key, Name: g.Name, Slug: g.Slug},
			Claimed: i%5 != 4, ApprovedStatus: "approved", HasSubID: i%2 == 0,
			Address: &Address{Country: countries[i%len(countries)]}, Tags: []string{}, Fields: []map[string]any{},
			MData:     map[string]any{"company": company},
			Stats:     partnerstack.Stats{statCustomerCount: whole(0)},
			CreatedAt: epoch.Add(-time.Duration(300-i%300)*day - time.Duration(i)*time.Minute),
		}
		if i >= len(companies) {
			p.PartnerKey = fmt.Sprintf("%s-%d", slug(company), i)
		}
		if i%6 == 1 {
			p.Tags = []string{"top-performer"}
		}
		if i == 0 && base == 0 {
			p.Key, p.PartnerKey = PartnerPartnershipKey, PartnerPartnerKey
		}
		if g.Name == "Agencies" {
			t := &Team{Name: company, CreatedAt: p.CreatedAt, Members: []TeamMember{
				{Email: p.Email, FirstName: first, LastName: last, CreatedAt: p.CreatedAt, UpdatedAt: p.CreatedAt}}}
			s.teams.put(s, t)
			s.stamp(&t.Members[0].Key, "mbr", &t.Members[0].CreatedAt, &t.Members[0].UpdatedAt)
			p.Team = t
		}
		s.partnerships.put(s, p)
		l := &Link{
			PartnershipKey: p.Key, Dest: "https://www.acme-analytics.example/",
			URL: fmt.Sprintf("https://acme-analytics.partnerlinks.io/%s", p.PartnerKey), CreatedAt: p.CreatedAt,
		}
		s.links.put(s, l)
	}
}

// SeedCustomers stores n generated customers spread over the
// partnerships (seeding partnerships first when there are none); every
// fourth belongs to the Partner API key's partnership.
func (s *Server) SeedCustomers(n int) { s.locked(func() { s.seedCustomers(n) }) }

func (s *Server) seedCustomers(n int) {
	epoch := s.nowTime()
	if s.partnerships.Len() == 0 {
		s.seedPartnerships(4)
	}
	base := s.customers.Len()
	for j := range n {
		i := base + j
		p := s.partnerships.At((i*5 + 1) % s.partnerships.Len())
		if i%4 == 0 {
			if own, ok := s.partnerships.Get(PartnerPartnershipKey); ok {
				p = own
			}
		}
		name := customerCompanies[i%len(customerCompanies)]
		if i >= len(customerCompanies) {
			name = fmt.Sprintf("%s %d", name, i/len(customerCompanies)+1)
		}
		created := epoch.Add(-time.Duration(i)*7*time.Hour - 13*time.Minute)
		c := &Customer{
			CustomerKey: ptr(fmt.Sprintf("%d", 7661000000000000000+int64(i)*104729)),
			Email:       ptr(fmt.Sprintf("billing@%s.example", slug(name))), Name: ptr(name),
			PartnerKey: p.PartnerKey, PartnershipKey: p.Key, ProviderKey: ptr(fmt.Sprintf("cus_Q%08d", i*7919)),
			SourceKey: p.Key, SourceType: "link", CountryISO: ptr(countries[i%len(countries)]),
			SubIDs: []string{}, CreatedAt: created, UpdatedAt: created.Add(26*time.Hour + time.Duration(i%50)*time.Minute),
		}
		s.customers.put(s, c)
		countCustomer(p)
	}
}

// SeedTransactions stores n generated transactions of the customers
// (seeding customers first when there are none), each with its reward.
func (s *Server) SeedTransactions(n int) { s.locked(func() { s.seedTransactions(n) }) }

func (s *Server) seedTransactions(n int) {
	epoch := s.nowTime()
	if s.customers.Len() == 0 {
		s.seedCustomers(20)
	}
	base := s.transactions.Len()
	for j := range n {
		i := base + j
		c := s.customers.At((i * 7) % s.customers.Len())
		currency := currencies[i%len(currencies)]
		created := epoch.Add(-time.Duration(i)*47*time.Hour - 41*time.Minute)
		t := &Transaction{
			Key:    fmt.Sprintf("txn_%06d_%s", 100001+i, created.Format("20060102")),
			Amount: fromCents(plans[i%len(plans)], currency), Currency: currency, CustomerKey: c.Key, PartnershipKey: c.PartnershipKey,
			CategoryKey: ptr("subscription"), ProductKey: ptr(fmt.Sprintf("plan_%d", plans[i%len(plans)]/100)),
			Approved: true, Metadata: map[string]string{}, CreatedAt: created, UpdatedAt: created,
		}
		s.transactions.put(s, t)
		c.HasPaid = true
		rw := s.rewardFor(t)
		// Rewards are held for 30 days, then become available; every third
		// older one has been withdrawn.
		ready := created.Add(30 * day)
		switch {
		case ready.After(epoch) && i%5 == 4:
			rw.RewardStatus = ptr("hold")
		case ready.After(epoch):
			rw.RewardStatus = ptr("pending")
		case i%3 == 0:
			rw.RewardStatus, rw.PaymentStatus, rw.PaymentDate = ptr("paid"), ptr("withdrawn"), &ready
			rw.Withdrawn, rw.PayoutID = true, ptr(int64(880000+(i/30)%6))
		default:
			rw.RewardStatus, rw.PaymentStatus, rw.PaymentDate = ptr("approved"), ptr("available"), &ready
		}
	}
}

// SeedActions stores n generated actions of the customers (seeding
// customers first when there are none).
func (s *Server) SeedActions(n int) { s.locked(func() { s.seedActions(n) }) }

func (s *Server) seedActions(n int) {
	epoch := s.nowTime()
	if s.customers.Len() == 0 {
		s.seedCustomers(20)
	}
	types := []string{"sign_up", "top_up", "sign_up", "top_up", "new_high_value_advertiser"}
	base := s.actions.Len()
	for j := range n {
		i := base + j
		c := s.customers.At(i % s.customers.Len())
		created := epoch.Add(-time.Duration(i)*5*time.Hour - 7*time.Minute)
		a := &Action{
			Type: types[i%len(types)], Value: 1, CustomerKey: &c.Key, PartnershipKey: c.PartnershipKey,
			CreatedAt: created, UpdatedAt: created.Add(28 * time.Hour),
		}
		s.actions.put(s, a)
	}
}

// SeedDeals stores n generated deals of the partnerships.
func (s *Server) SeedDeals(n int) { s.locked(func() { s.seedDeals(n) }) }

func (s *Server) seedDeals(n int) {
	epoch := s.nowTime()
	if s.partnerships.Len() == 0 {
		s.seedPartnerships(4)
	}
	stages := []string{"Registered", "Qualified", "Proposal", "Closed won", "Closed lost"}
	base := s.deals.Len()
	for j := range n {
		i := base + j
		p := s.partnerships.At((i*5 + 2) % s.partnerships.Len())
		prospect := customerCompanies[(i*3+5)%len(customerCompanies)]
		created := epoch.Add(-time.Duration(i)*2*day - 3*time.Hour)
		d := &Deal{
			AccountName: ptr(prospect), Amount: fromCents(120000+int64(i%7)*45000, ""),
			CloseDate:        ptr(created.Add(45 * day).Format(time.DateOnly)),
			ContactFirstName: ptr(firstNames[(i+9)%len(firstNames)]), ContactLastName: ptr(lastNames[(i+4)%len(lastNames)]),
			ExternalKey: ptr(fmt.Sprintf("crm-opp-%05d", 4100+i)), Fields: []map[string]any{},
			GroupKey: &p.Group.Key, PartnerKey: &p.PartnerKey, Source: "partner", Stage: ptr(stages[i%len(stages)]),
			CreatedAt: created, UpdatedAt: created.Add(3 * day),
		}
		if *d.Stage == "Closed lost" {
			d.LostReason = ptr("Chose a competitor")
		}
		s.deals.put(s, d)
	}
}

// SeedLeads stores n generated leads of the partnerships.
func (s *Server) SeedLeads(n int) { s.locked(func() { s.seedLeads(n) }) }

func (s *Server) seedLeads(n int) {
	epoch := s.nowTime()
	if s.partnerships.Len() == 0 {
		s.seedPartnerships(4)
	}
	statuses := []string{"open", "open", "closed", "closed won", "dead"}
	base := s.leads.Len()
	for j := range n {
		i := base + j
		p := s.partnerships.At((i*7 + 3) % s.partnerships.Len())
		prospect := customerCompanies[(i*11+2)%len(customerCompanies)]
		created := epoch.Add(-time.Duration(i)*30*time.Hour - 19*time.Minute)
		first, last := firstNames[(i+13)%len(firstNames)], lastNames[(i+2)%len(lastNames)]
		l := &Lead{
			Amount: fromCents(50000+int64(i%5)*25000, ""), Approved: i%3 != 2, ExternalKey: ptr(fmt.Sprintf("%s@%s.example", strings.ToLower(first), slug(prospect))),
			Fields: []map[string]any{}, GroupKey: &p.Group.Key, PartnerKey: p.PartnerKey, Status: statuses[i%len(statuses)],
			Meta:      map[string]string{"first_name": first, "last_name": last, "company": prospect},
			CreatedAt: created, UpdatedAt: created.Add(20 * time.Hour),
		}
		s.leads.put(s, l)
	}
}

// SeedPayouts stores n generated payouts of the Partner API key's partner.
func (s *Server) SeedPayouts(n int) { s.locked(func() { s.seedPayouts(n) }) }

func (s *Server) seedPayouts(n int) {
	epoch := s.nowTime()
	base := s.payouts.Len()
	for j := range n {
		i := base + j
		created := epoch.Add(-time.Duration(i)*30*day - 2*time.Hour)
		p := &Payout{
			Amount: fromCents(18640+int64(i%4)*5230, "USD"), Currency: "USD", Provider: map[string]any{"name": "PayPal", "type": "paypal"},
			Status: "completed", WithdrawalDate: ptr(created), SentAt: ptr(created.Add(2 * day)),
			CreatedAt: created, UpdatedAt: created.Add(2 * day),
		}
		if i == 0 {
			p.Status, p.SentAt = "in_transit", nil
		}
		s.payouts.put(s, p)
	}
}

// SeedPrograms stores n generated marketplace programs; the first of an
// empty server is the fake's own program (CompanyKey).
func (s *Server) SeedPrograms(n int) { s.locked(func() { s.seedPrograms(n) }) }

func (s *Server) seedPrograms(n int) {
	epoch := s.nowTime()
	names := []string{CompanyName, "Cloudlane Hosting", "Ledgerly Accounting", "Pixelforge Design", "Shipwise Logistics",
		"Trellis CRM", "Voxa Video", "Quanta Security", "Formstack Forms", "Mailbird Email"}
	cats := [][]string{{"Analytics"}, {"Hosting", "Developer Tools"}, {"Finance"}, {"Design"}, {"E-commerce"}, {"Sales", "CRM"},
		{"Marketing"}, {"Security"}, {"Productivity"}, {"Marketing", "Email"}}
	base := s.programs.Len()
	for j := range n {
		i := base + j
		name := names[i%len(names)]
		if i >= len(names) {
			name = fmt.Sprintf("%s %d", name, i/len(names)+1)
		}
		p := &Program{
			ID: int64(10657 + i*31), Name: name, Description: name + " partner program: recurring commissions on every referred subscription.",
			Category: cats[i%len(cats)], Country: "US", HasSubID: i%2 == 0,
			Logo:    fmt.Sprintf("https://assets.partnerstack.example/logos/%s.png", slug(name)),
			Website: fmt.Sprintf("https://www.%s.example", slug(name)),
			Offers: []Offer{{BaseRate: whole(int64(15 + (i%4)*5)), Currency: "USD",
				Description: fmt.Sprintf("%d%% of every payment for 12 months", 15+(i%4)*5), Type: "percent"}},
			Promotions: []Promotion{},
			CreatedAt:  epoch.Add(-time.Duration(i) * 17 * day),
		}
		if i == 0 && base == 0 {
			p.Key, p.ID = CompanyKey, CompanyID
		}
		s.programs.put(s, p)
	}
}

// seedObjects fills the resources without a documented schema.
func (s *Server) seedObjects() {
	epoch := s.nowTime()
	at := func(days int64) int64 { return epochMs(epoch.Add(-time.Duration(days) * day)) }
	for i, name := range []string{"Partner performance by month", "Top customers by revenue", "Reward payouts"} {
		s.addObject("report_configurations", Object{"name": name, "description": "Saved in the Performance tab", "created_at": at(int64(90 - i*10))})
	}
	col := s.addObject("tier_collections", Object{"name": "Partner levels", "created_at": at(250)})
	var tiers []any
	for i, name := range []string{"Bronze", "Silver", "Gold"} {
		t := s.addObject("tiers", Object{"name": name, "collection_key": col.Key(), "created_at": at(int64(249 - i))})
		tiers = append(tiers, map[string]any{"key": t.Key(), "name": name})
	}
	c, _ := s.objects["tier_collections"].Get(col.Key())
	(*c)["tiers"] = tiers
	for i, name := range []string{"Starter plan", "Growth plan", "Enterprise plan"} {
		s.addObject("product_books", Object{"name": name, "description": name + " subscription", "created_at": at(int64(180 - i))})
	}
	books := s.objects["product_books"].All()
	for i := range 4 {
		cust := s.customers.At(i * 3)
		s.addObject("products", Object{
			"product_book_key": (*books[i%len(books)]).Key(), "customer_key": cust.Key, "status": "active",
			"external_key": fmt.Sprintf("sub_%05d", 3100+i), "created_at": at(int64(60 - i)),
		})
	}
	for i := range 5 {
		first, last := firstNames[(i+17)%len(firstNames)], lastNames[(i+11)%len(lastNames)]
		status := []string{"pending", "pending", "approved", "declined", "pending"}[i]
		s.addObject("applications", Object{
			"email":      fmt.Sprintf("%s.%s@applicant.example", strings.ToLower(first), strings.ToLower(last)),
			"first_name": first, "last_name": last, "group_key": s.groups.At(0).Key, "status": status,
			"created_at": at(int64(10 - i)),
		})
	}
	for i, typ := range []string{"deal", "lead"} {
		s.addObject("form_templates", Object{
			"name": strings.ToUpper(typ[:1]) + typ[1:] + " registration", "title": "Register a " + typ,
			"description": "Fields partners fill in when they submit a " + typ, "type": typ,
			"fields": []any{
				map[string]any{"api_name": "company_size", "name": "Company size", "type": "picklist", "required": true, "position": 0},
				map[string]any{"api_name": "notes", "name": "Notes", "type": "input", "required": false, "position": 1},
			},
			"groups": []any{}, "created_at": at(int64(320 - i)),
		})
	}
}
