package everflowtest

import (
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/everflow"
)

// Seeded clicks, conversions and demo postback rows lie in the seed
// window, the 28 days before the fake's now (see WithClock): today,
// yesterday, this month and last month all hold some. A fixed clock makes
// examples and tests print the same thing on every run.
const seedSpan = int64(28 * 24 * 3600)

// seedFrom returns the start of the seed window in unix seconds.
func (s *Server) seedFrom() int64 { return s.stamp().Unix() - seedSpan }

// mix is a splitmix64 step: a cheap deterministic hash of i.
func mix(i uint64) uint64 {
	z := i + 0x9e3779b97f4a7c15
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9
	z = (z ^ (z >> 27)) * 0x94d049bb133111eb
	return z ^ (z >> 31)
}

// hexID is a 32-character lowercase hex id, like Everflow's transaction
// and conversion ids.
func hexID(seed uint64) string { return fmt.Sprintf("%016x%016x", mix(seed), mix(seed^0x5bd1e995)) }

var (
	namePrefixes = []string{"Apex", "Bluebird", "Cedar", "Driftwood", "Ember", "Foxglove", "Granite", "Harbor", "Ironwood", "Juniper", "Kestrel", "Lumen"}
	nameSuffixes = []string{"Media", "Partners", "Digital", "Deals", "Rewards", "Labs"}
	firstNames   = []string{"Ava", "Ben", "Chloe", "Dev", "Elena", "Farid", "Grace", "Hugo", "Isla", "Jonas", "Kira", "Liam"}
	lastNames    = []string{"Nguyen", "Okafor", "Patel", "Quinn", "Rossi", "Schmidt", "Tanaka", "Ueda", "Varga", "Weber", "Xu", "Young"}
	countries    = []struct{ code, name, region, city string }{
		{"US", "United States", "California", "Los Angeles"},
		{"US", "United States", "New York", "New York"},
		{"CA", "Canada", "Ontario", "Toronto"},
		{"GB", "United Kingdom", "England", "London"},
		{"DE", "Germany", "Berlin", "Berlin"},
		{"AU", "Australia", "New South Wales", "Sydney"},
	}
	advertiserNames = []string{"Acme Software", "Brightline Finance", "Cobalt Travel", "Dune Outdoor", "Evergreen Health", "Fjord Streaming", "Glow Beauty", "Helio Energy"}
	offerProducts   = []string{"VPN", "Budget App", "Flight Deals", "Camping Gear", "Vitamins", "Video Plus", "Skincare Kit", "Solar Quote"}
	offerVariants   = []string{"Annual Plan", "Free Trial", "Starter Bundle"}
	employees       = []Employee{
		{NetworkEmployeeID: 1, FirstName: "Maya", LastName: "Lindqvist", Email: "maya.lindqvist@network.example", WorkPhone: "+1 415 555 0101", InstantMessagingID: 1, InstantMessagingIdentifier: "maya.l"},
		{NetworkEmployeeID: 2, FirstName: "Omar", LastName: "Haddad", Email: "omar.haddad@network.example", WorkPhone: "+1 415 555 0102", InstantMessagingID: 1, InstantMessagingIdentifier: "omar.h"},
		{NetworkEmployeeID: 3, FirstName: "Priya", LastName: "Raman", Email: "priya.raman@network.example", WorkPhone: "+1 415 555 0103"},
		{NetworkEmployeeID: 4, FirstName: "Tom", LastName: "Becker", Email: "tom.becker@network.example", CellPhone: "+1 415 555 0199"},
	}
)

func slug(name string) string {
	return strings.ToLower(strings.NewReplacer(" ", "", "-", "", ".", "").Replace(name))
}

// seedDemo fills the demo data set.
func (s *Server) seedDemo() {
	s.mu.Lock()
	s.network = Network{
		NetworkID: 1, Name: "Northwind Performance Network", Status: "active", DefaultCurrencyID: "USD",
		ReportingTimezoneID: 67, TimeCreated: fromUnix(1672531200), TimeSaved: fromUnix(1706745600),
	}
	s.mu.Unlock()
	s.SeedAffiliates(36)
	s.SeedOffers(24)
	s.SeedPixels(16)
	s.SeedClicks(600)
	s.SeedConversions(240)
	s.seedDemoPostbacks(480)
}

func (s *Server) ensureEmployees() {
	if len(s.employees) == 0 {
		for _, e := range employees {
			s.employees[e.NetworkEmployeeID] = e
		}
	}
}

// SeedAffiliates adds n generated affiliates with stable names, statuses,
// managers, addresses, billing and one user each.
func (s *Server) SeedAffiliates(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.ensureEmployees()
	base := time.Date(2023, time.June, 1, 9, 0, 0, 0, time.UTC).Unix()
	start := len(s.affiliates)
	for k := range n {
		i := start + k
		name := namePrefixes[i%len(namePrefixes)] + " " + nameSuffixes[(i/len(namePrefixes))%len(nameSuffixes)]
		if i >= len(namePrefixes)*len(nameSuffixes) {
			name = fmt.Sprintf("%s %d", name, i/(len(namePrefixes)*len(nameSuffixes))+1)
		}
		status := everflow.AccountActive
		switch {
		case i%9 == 4:
			status = everflow.AccountInactive
		case i%13 == 7:
			status = everflow.AccountPending
		case i%17 == 11:
			status = everflow.AccountSuspended
		}
		c := countries[i%len(countries)]
		labels := []string{}
		if i%3 == 0 {
			labels = append(labels, "tier-1")
		}
		if i%5 == 1 {
			labels = append(labels, "coupon")
		}
		billing := &Billing{BillingFrequency: "monthly", PaymentType: "wire", Details: &BillingDetails{DayOfMonth: 1}}
		if i%4 == 2 {
			billing = &Billing{BillingFrequency: "weekly", PaymentType: "paypal"}
		}
		created := base + int64(i)*216000
		currency := "USD"
		if c.code == "DE" {
			currency = "EUR"
		} else if c.code == "GB" {
			currency = "GBP"
		}
		first, last := firstNames[i%len(firstNames)], lastNames[(i*5)%len(lastNames)]
		s.addAffiliateLocked(Affiliate{
			Name: name, AccountStatus: status, NetworkEmployeeID: int64(1 + i%len(employees)),
			InternalNotes: "", HasNotifications: i%2 == 0, AccountExecutiveID: int64(1 + (i+1)%len(employees)),
			DefaultCurrencyID: currency, IsContactAddressEnabled: true, EnableMediaCostTrackingLinks: i%6 == 0,
			TimeCreated: fromUnix(created), TimeSaved: fromUnix(created + int64(i%7)*86400), Labels: labels,
			Billing: billing,
			ContactAddress: &ContactAddress{
				Address1: fmt.Sprintf("%d Market Street", 100+i*7), City: c.city, RegionCode: c.region,
				CountryCode: c.code, ZipPostalCode: fmt.Sprintf("%05d", 10000+i*37),
			},
			Users: []AffiliateUser{{
				NetworkAffiliateUserID: int64(1000 + i), FirstName: first, LastName: last,
				Email: strings.ToLower(first) + "@" + slug(name) + ".example", AccountStatus: "active",
				Title: "Partnerships", LanguageID: 1, TimezoneID: 67, CurrencyID: currency,
				TimeCreated: fromUnix(created), TimeSaved: fromUnix(created),
			}},
		})
	}
}

// SeedOffers adds n generated offers with stable names, advertisers,
// statuses and payouts.
func (s *Server) SeedOffers(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i, name := range advertiserNames {
		if s.advertiserByID(int64(i+1)) == nil {
			s.addAdvertiserLocked(Advertiser{NetworkAdvertiserID: int64(i + 1), Name: name, TimeCreated: fromUnix(1693836000)})
		}
	}
	base := time.Date(2023, time.September, 4, 14, 0, 0, 0, time.UTC).Unix()
	start := len(s.offers)
	for k := range n {
		i := start + k
		adv := i % len(advertiserNames)
		name := advertiserNames[adv] + " " + offerProducts[adv] + " - " + offerVariants[(i/len(advertiserNames))%len(offerVariants)]
		if i >= len(advertiserNames)*len(offerVariants) {
			name = fmt.Sprintf("%s #%d", name, i/(len(advertiserNames)*len(offerVariants))+1)
		}
		status := everflow.OfferActive
		switch {
		case i%7 == 5:
			status = everflow.OfferPaused
		case i%11 == 9:
			status = everflow.OfferPending
		}
		visibility := []everflow.Visibility{everflow.VisibilityPublic, everflow.VisibilityRequireApproval, everflow.VisibilityPrivate}[i%3]
		payout := int64(5+(i*7)%76)*100 + int64(i%4)*25 // cents
		created := base + int64(i)*172800
		s.addOfferLocked(Offer{
			NetworkAdvertiserID: int64(adv + 1), Name: name, OfferStatus: status, Visibility: visibility,
			CurrencyID: "USD", NetworkCategoryID: int64(1 + i%6), NetworkTrackingDomainID: 1,
			DestinationURL: fmt.Sprintf("https://www.%s.example/landing?oid={oid}&tid={transaction_id}", slug(advertiserNames[adv])),
			PreviewURL:     fmt.Sprintf("https://www.%s.example/", slug(advertiserNames[adv])),
			CapsTimezoneID: 67, IsCapsEnabled: i%4 == 0, DailyConversionCap: int64(i%4) * 50,
			MonthlyPayoutCap: cents(int64(i%3) * 250050), ConversionMethod: "server_postback", RedirectMode: "standard",
			SessionDefinition: "cookie", SessionDuration: 720, AttributionMethod: "last_touch",
			ProjectID: fmt.Sprintf("PRJ-%03d", 100+i), TimeCreated: fromUnix(created), TimeSaved: fromUnix(created + int64(i%5)*3600),
			Payout: cents(payout), Revenue: cents(payout * 14 / 10), Labels: []string{[]string{"evergreen", "seasonal", "mobile"}[i%3]},
		})
	}
}

// refs returns the offers and affiliates to attach generated rows to,
// inventing a few when none are stored.
func (s *Server) refs() ([]*Offer, []*Affiliate) {
	offers, affs := s.offers, s.affiliates
	if len(offers) == 0 {
		for i := range 5 {
			offers = append(offers, &Offer{NetworkOfferID: int64(i + 1), NetworkID: s.network.NetworkID,
				NetworkAdvertiserID: int64(i%3 + 1), Name: fmt.Sprintf("Offer %d", i+1), OfferStatus: "active",
				NetworkTrackingDomainID: 1, Visibility: "public", CurrencyID: "USD", Payout: cents(int64(10+i) * 100), Revenue: cents(int64(14+i) * 100)})
		}
	}
	if len(affs) == 0 {
		for i := range 5 {
			affs = append(affs, &Affiliate{NetworkAffiliateID: int64(i + 1), NetworkID: s.network.NetworkID,
				Name: fmt.Sprintf("Affiliate %d", i+1), AccountStatus: "active"})
		}
	}
	return offers, affs
}

func affRef(a *Affiliate) *AffiliateRef {
	return &AffiliateRef{NetworkAffiliateID: a.NetworkAffiliateID, NetworkID: a.NetworkID, Name: a.Name,
		AccountStatus: a.AccountStatus, NetworkTrafficSourceID: a.NetworkTrafficSourceID}
}

// SeedPixels adds n postback configurations spread over the stored
// affiliates and offers.
func (s *Server) SeedPixels(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	offers, affs := s.refs()
	base := time.Date(2023, time.October, 2, 10, 0, 0, 0, time.UTC).Unix()
	for i := range n {
		a, o := affs[(i*5)%len(affs)], offers[(i*3)%len(offers)]
		p := Pixel{
			NetworkAffiliateID: a.NetworkAffiliateID, DeliveryMethod: "postback", PixelLevel: "global",
			PixelStatus: "active", PixelType: "conversion",
			PostbackURL: fmt.Sprintf("https://track.%s.example/postback?tid={transaction_id}&payout={payout}", slug(a.Name)),
			TimeCreated: fromUnix(base + int64(i)*86400), TimeSaved: fromUnix(base + int64(i)*86400 + 3600),
		}
		switch i % 4 {
		case 1:
			p.PixelLevel, p.NetworkOfferID = "specific", o.NetworkOfferID
		case 2:
			p.PixelLevel, p.NetworkOfferID, p.NetworkAffiliateID = "global_offer", o.NetworkOfferID, 0
			p.PostbackURL = fmt.Sprintf("https://hooks.%s.example/ef?click={transaction_id}", slug(s.advertiserName(o.NetworkAdvertiserID)))
		case 3:
			p.DeliveryMethod, p.PostbackURL = "html", ""
			p.HTMLCode = fmt.Sprintf(`<img src="https://pixel.%s.example/c.gif?tid={transaction_id}" width="1" height="1">`, slug(a.Name))
		}
		if i%5 == 4 {
			p.PixelStatus = "inactive"
		}
		if i%6 == 0 {
			p.DelayMS = 1500
		}
		s.addPixelLocked(p)
	}
}

// spread places row i of n inside the seed window that starts at from,
// in order.
func spread(i, n int, h uint64, from int64) int64 {
	step := max(1, seedSpan/int64(max(n, 1)))
	return from + int64(i)*step + int64(h%uint64(max(1, step/2)))
}

// AddClick stores a click, assigning a transaction id and timestamp when
// they are empty.
func (s *Server) AddClick(c Click) Click {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.TransactionID == "" {
		c.TransactionID = hexID(uint64(len(s.clicks)) + 1<<40)
	}
	if c.UnixTimestamp.IsZero() {
		c.UnixTimestamp = s.stamp()
	}
	p := c
	s.clicks = append(s.clicks, &p)
	return c
}

// Clicks returns a snapshot of the stored clicks.
func (s *Server) Clicks() []Click {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Click, len(s.clicks))
	for i, c := range s.clicks {
		out[i] = *c
	}
	return out
}

// SeedClicks adds n clicks spread over the 28 days before the fake's now.
func (s *Server) SeedClicks(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	from := s.seedFrom()
	offers, affs := s.refs()
	start := len(s.clicks)
	for k := range n {
		i := start + k
		h := mix(uint64(i) + 7<<32)
		o, a := offers[h%uint64(len(offers))], affs[(h>>12)%uint64(len(affs))]
		geo := countries[(h>>24)%uint64(len(countries))]
		c := &Click{
			TransactionID: hexID(uint64(i) + 1<<40), IsUnique: (h>>30)%5 != 0,
			UnixTimestamp: fromUnix(spread(k, n, h, from)),
			TrackingURL:   fmt.Sprintf("https://trk.network.example/%s/%s/", strings.ToUpper(hexID(uint64(o.NetworkOfferID))[:5]), strings.ToUpper(hexID(uint64(a.NetworkAffiliateID))[:5])),
			Sub1:          fmt.Sprintf("camp-%d", h%9), SourceID: fmt.Sprintf("src-%d", (h>>4)%5),
			PayoutType: "cpa", RevenueType: "rpa", Referer: "https://www.example.com/",
			UserIP: fmt.Sprintf("198.51.100.%d", h%250+1), HasConversion: (h>>36)%6 == 0,
			CurrencyID: o.CurrencyID,
		}
		c.Relationship.Offer = o.ref()
		c.Relationship.Affiliate = affRef(a)
		c.Relationship.Advertiser = &AdvertiserRef{NetworkAdvertiserID: o.NetworkAdvertiserID, Name: s.advertiserName(o.NetworkAdvertiserID)}
		c.Relationship.Geolocation = &Geolocation{CountryCode: geo.code, CountryName: geo.name, RegionName: geo.region, CityName: geo.city, DMA: int(h % 3 * 501)}
		s.clicks = append(s.clicks, c)
	}
}

// AddConversion stores a conversion, assigning ids and timestamps when
// they are empty.
func (s *Server) AddConversion(c Conversion) Conversion {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c.ConversionID == "" {
		c.ConversionID = hexID(uint64(len(s.conversions)) + 3<<40)
	}
	if c.TransactionID == "" {
		c.TransactionID = hexID(uint64(len(s.conversions)) + 5<<40)
	}
	if c.ConversionUnixTimestamp.IsZero() {
		c.ConversionUnixTimestamp = s.stamp()
	}
	if c.Status == "" {
		c.Status = everflow.ConversionApproved
	}
	if c.Event == "" && !c.IsEvent {
		c.Event = "Base"
	}
	p := c
	s.conversions = append(s.conversions, &p)
	return c
}

// Conversions returns a snapshot of the stored conversions.
func (s *Server) Conversions() []Conversion {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Conversion, len(s.conversions))
	for i, c := range s.conversions {
		out[i] = *c
	}
	return out
}

// SeedConversions adds n conversions and events spread over the 28 days
// before the fake's now.
func (s *Server) SeedConversions(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	from := s.seedFrom()
	offers, affs := s.refs()
	start := len(s.conversions)
	for k := range n {
		i := start + k
		h := mix(uint64(i) + 11<<32)
		o, a := offers[h%uint64(len(offers))], affs[(h>>12)%uint64(len(affs))]
		geo := countries[(h>>24)%uint64(len(countries))]
		ts := spread(k, n, h, from)
		c := &Conversion{
			ConversionID: hexID(uint64(i) + 3<<40), TransactionID: hexID(uint64(i) + 5<<40),
			ConversionUnixTimestamp: fromUnix(ts), ClickUnixTimestamp: fromUnix(ts - int64(300+h%86400)),
			Status: everflow.ConversionApproved, PayoutType: "cpa", RevenueType: "rpa",
			Payout: o.Payout, Revenue: o.Revenue, SaleAmount: cents(int64(20+h%180)*100 + 99),
			CurrencyID: o.CurrencyID, Event: "Base", Sub1: fmt.Sprintf("camp-%d", h%9),
			SourceID: fmt.Sprintf("src-%d", (h>>4)%5), OrderID: fmt.Sprintf("ORD-%06d", 100000+i),
			SessionUserIP: fmt.Sprintf("198.51.100.%d", h%250+1), ConversionUserIP: fmt.Sprintf("203.0.113.%d", h%250+1),
			Country: geo.name, Region: geo.region, City: geo.city, Platform: []string{"iOS", "Android", "Windows", "macOS"}[h%4],
			DeviceType: []string{"Mobile", "Mobile", "Desktop", "Desktop"}[h%4], Browser: []string{"Safari", "Chrome", "Edge", "Firefox"}[(h>>3)%4],
			Language: "en", URL: "https://www.example.com/thank-you",
		}
		switch {
		case (h>>40)%9 == 0:
			c.Status = everflow.ConversionPending
		case (h>>40)%13 == 1:
			c.Status, c.IsScrub = everflow.ConversionRejected, true
		case (h>>40)%17 == 2:
			c.Status, c.ErrorCode, c.ErrorMessage = everflow.ConversionInvalid, 6, "Duplicate conversion"
		}
		if i%7 == 6 {
			c.IsEvent, c.Event, c.NetworkOfferPayoutRevenueID = true, "Upsell", 2
			half := big.NewRat(1, 2)
			c.Payout = rounded(new(big.Rat).Mul(rat(o.Payout), half))
			c.Revenue = rounded(new(big.Rat).Mul(rat(o.Revenue), half))
		}
		if c.Status != everflow.ConversionApproved && c.Status != everflow.ConversionPending {
			c.Payout, c.Revenue = cents(0), cents(0)
		}
		c.Relationship.Offer = o.ref()
		c.Relationship.Affiliate = affRef(a)
		c.Relationship.Advertiser = &AdvertiserRef{NetworkAdvertiserID: o.NetworkAdvertiserID, Name: s.advertiserName(o.NetworkAdvertiserID)}
		s.conversions = append(s.conversions, c)
	}
}

func (s *Server) advertiserName(id int64) string {
	if a, ok := s.advertisers.Get(id); ok {
		return a.Name
	}
	return fmt.Sprintf("Advertiser %d", id)
}
