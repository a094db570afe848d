package refersiontest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// Affiliate is an affiliate as the fake stores it, with Refersion's field
// names. ID is the numeric id that affiliate/get answers; Code is the code
// that affiliate/list, affiliate/search and affiliate/new send in their
// "id" field, and that affiliate/get and affiliate/trigger take as
// "affiliate_code".
type Affiliate struct {
	ID               int64         `json:"id"`
	Code             string        `json:"affiliate_code"`
	OfferID          string        `json:"offer_id"`
	Status           string        `json:"status"`
	FirstName        string        `json:"first_name"`
	LastName         string        `json:"last_name"`
	CompanyName      string        `json:"company_name"`
	Email            string        `json:"email"`
	PaypalEmail      string        `json:"paypal_email"`
	Address1         string        `json:"address1"`
	Address2         string        `json:"address2"`
	City             string        `json:"city"`
	State            string        `json:"state"`
	Zip              string        `json:"zip"`
	Country          string        `json:"country"`
	Phone            string        `json:"phone"`
	SendWelcome      bool          `json:"send_welcome"`
	UniqueMerchantID string        `json:"unique_merchant_id"`
	Link             string        `json:"link"`
	CustomFields     []CustomField `json:"custom_fields"`
}

// CustomField is an answer to a registration form question.
type CustomField struct {
	Label string `json:"label"`
	Value string `json:"value"`
}

// customFieldLabels are the registration questions of the fake account, by
// the field id that affiliate/edit takes.
var customFieldLabels = map[string]string{
	"1234":  "What is your web site?",
	"22222": "What is your name?",
}

// Conversion is a conversion (a credited order or a manual credit), with
// the field names of Refersion's conversion webhooks where they exist. Its
// amounts are exact decimals in major units of Currency (refersion.Amount,
// built with refersion.ParseAmount); the fake computes in cents, so the
// amounts it derives (totals, cancellations) are whole cents.
type Conversion struct {
	ID                       int64            `json:"id"`
	AffiliateID              int64            `json:"affiliate_id"`
	OfferID                  int64            `json:"offer_id"`
	OrderID                  string           `json:"order_id"`
	Type                     string           `json:"type"`
	Status                   string           `json:"status"`
	PaymentStatus            string           `json:"payment_status"`
	Currency                 string           `json:"currency"`
	Total                    money.Amount     `json:"total"`
	CommissionableOrderTotal money.Amount     `json:"commissionable_order_total"`
	CommissionTotal          money.Amount     `json:"commission_total"`
	IsTestConversion         bool             `json:"is_test_conversion"`
	Notes                    string           `json:"notes"`
	Items                    []ConversionItem `json:"items"`
	Created                  time.Time        `json:"created"`
}

// ConversionItem is one SKU of a conversion's order.
type ConversionItem struct {
	SKU string `json:"sku"`
	// Price is the price of one unit, in major units.
	Price    money.Amount `json:"price"`
	Quantity int          `json:"quantity"`
}

// Trigger is a conversion trigger of an affiliate.
type Trigger struct {
	TriggerID   int64  `json:"trigger_id"`
	AffiliateID int64  `json:"affiliate_id"`
	Type        string `json:"type"`
	Trigger     string `json:"trigger"`
}

// Offer is an offer with its SKU commissions.
type Offer struct {
	OfferID string          `json:"offer_id"`
	Name    string          `json:"name"`
	SKUs    []SKUCommission `json:"skus"`
	// Commission and CommissionType are what the GraphQL offers query
	// answers ("10", "PERCENT_OF_SALE" when empty).
	Commission     string `json:"commission"`
	CommissionType string `json:"type"`
}

// SKUCommission is a SKU-level commission rate of an offer.
type SKUCommission struct {
	SKU                string `json:"sku"`
	ProductDescription string `json:"product_description"`
	CommissionType     string `json:"commission_type"`
	CommissionAmount   string `json:"commission_amount"`
}

// Report is a saved report. A report with an empty Body renders the
// conversions CSV.
type Report struct {
	ID   int64  `json:"report_id"`
	Name string `json:"name"`
	Body string `json:"-"`
}

// defaultOfferID is the offer new affiliates join without one.
const defaultOfferID = "1234"

// AddAffiliate stores a, filling in a zero ID, Code, Link, Status
// (ACTIVE) and OfferID (the default offer), and returns what was stored.
func (s *Server) AddAffiliate(a Affiliate) Affiliate {
	return locked(s, func() Affiliate { return *s.addAffiliate(a) })
}

func (s *Server) addAffiliate(a Affiliate) *Affiliate {
	nextID(&a.ID, &s.nextAff)
	orDefault(&a.Code, codeFor(a.ID))
	orDefault(&a.Link, "https://demo.refersion.com/c/"+a.Code)
	orDefault(&a.Status, "ACTIVE")
	orDefault(&a.OfferID, defaultOfferID)
	if a.CustomFields == nil {
		a.CustomFields = []CustomField{}
	}
	p := &a
	i, _ := slices.BinarySearchFunc(s.affiliates, a.ID, func(x *Affiliate, id int64) int { return cmpInt(x.ID, id) })
	if i < len(s.affiliates) && s.affiliates[i].ID == a.ID {
		delete(s.byCode, s.affiliates[i].Code)
		s.affiliates[i] = p
	} else {
		s.affiliates = slices.Insert(s.affiliates, i, p)
	}
	s.byID[a.ID] = p
	s.byCode[a.Code] = p
	return p
}

// nextID gives *id the next number of a sequence when it is zero, and
// moves the sequence's next number past *id.
func nextID(id, next *int64) {
	if *id == 0 {
		*id = *next
	}
	*next = max(*next, *id+1)
}

// orDefault sets *v to def when *v is the zero value.
func orDefault[V comparable](v *V, def V) {
	var zero V
	if *v == zero {
		*v = def
	}
}

// locked returns f's result, computed under the server lock.
func locked[T any](s *Server, f func() T) T {
	s.mu.Lock()
	defer s.mu.Unlock()
	return f()
}

// copies returns copies of the stored records; own, when not nil, gives a
// copy its own slices, so that a caller's changes do not reach the store.
func copies[T any](rows []*T, own func(*T)) []T {
	out := make([]T, len(rows))
	for i, r := range rows {
		out[i] = *r
		if own != nil {
			own(&out[i])
		}
	}
	return out
}

// seed adds n records made by gen, which is given each record's index
// counting on from start, and returns them as add stored them.
func seed[T any](n, start int, gen func(i int) T, add func(T) *T) []T {
	out := make([]T, 0, n)
	for k := range n {
		out = append(out, *add(gen(start + k)))
	}
	return out
}

func cmpInt(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// codeFor derives a stable, unique affiliate code from an id: a bijection
// of the id modulo 36^5, written in base 36 ("694c"-like).
func codeFor(id int64) string {
	const space = 36 * 36 * 36 * 36 * 36
	return strconv.FormatInt((id%space)*1000003%space, 36)
}

var (
	firstNames = []string{"Barbara", "Joe", "Martha", "Bill", "Aisha", "Diego", "Mei", "Oskar", "Priya", "Lucas",
		"Hannah", "Tomas", "Fatima", "Noah", "Elena", "Kenji", "Sofia", "Amara", "Liam", "Zoe"}
	lastNames = []string{"Verde", "Smith", "Williams", "Okafor", "Garcia", "Chen", "Lindqvist", "Patel", "Martin",
		"Schmidt", "Novak", "Haddad", "Brown", "Rossi", "Tanaka", "Silva", "Mensah", "Murphy", "Dubois", "Kowalski"}
)

// SeedAffiliates adds n generated affiliates with stable names, emails,
// offers and statuses, and returns them.
func (s *Server) SeedAffiliates(n int) []Affiliate {
	return locked(s, func() []Affiliate { return s.seedAffiliates(n) })
}

func (s *Server) seedAffiliates(n int) []Affiliate {
	return seed(n, len(s.affiliates), func(i int) Affiliate {
		first := firstNames[i%len(firstNames)]
		last := lastNames[(i%len(firstNames)+i/len(firstNames))%len(lastNames)]
		email := strings.ToLower(first + "." + last)
		if i >= len(firstNames)*len(lastNames) {
			email += strconv.Itoa(i)
		}
		a := Affiliate{
			FirstName: first, LastName: last, Email: email + "@example.com",
			OfferID: []string{"1234", "1234", "5678", "1234", "101112"}[i%5],
			Status:  "ACTIVE", Country: "US",
		}
		switch {
		case i%13 == 12:
			a.Status = "DISABLED"
		case i%11 == 10:
			a.Status = "DENIED"
		case i%7 == 6:
			a.Status = "PENDING"
		}
		if i%4 == 0 {
			a.CompanyName = last + " Media"
			a.CustomFields = []CustomField{{Label: "What is your web site?", Value: "https://" + strings.ToLower(last) + "media.example"}}
		}
		return a
	}, s.addAffiliate)
}

// Affiliates returns a snapshot of the stored affiliates in id order.
func (s *Server) Affiliates() []Affiliate {
	return locked(s, func() []Affiliate {
		return copies(s.affiliates, func(a *Affiliate) { a.CustomFields = slices.Clone(a.CustomFields) })
	})
}

// AddConversion stores c, filling in a zero ID, Created (the fake's now),
// Status (PENDING), Type (AFFILIATE_SITE_CONVERSION), PaymentStatus
// (UNPAID) and Currency (USD), and returns what was stored.
func (s *Server) AddConversion(c Conversion) Conversion {
	return locked(s, func() Conversion { return *s.addConversion(c) })
}

func (s *Server) addConversion(c Conversion) *Conversion {
	nextID(&c.ID, &s.nextConv)
	if c.Created.IsZero() {
		c.Created = s.now().UTC().Truncate(time.Second)
	}
	orDefault(&c.Status, "PENDING")
	orDefault(&c.Type, "AFFILIATE_SITE_CONVERSION")
	orDefault(&c.PaymentStatus, "UNPAID")
	orDefault(&c.Currency, "USD")
	p := &c
	s.conversions = append(s.conversions, p)
	return p
}

var catalog = []ConversionItem{
	{SKU: "TSHIRT-SMALL-RED", Price: fromCents(2400)}, {SKU: "TSHIRT-SMALL-BLUE", Price: fromCents(2400)},
	{SKU: "PANTS-LARGE-BLACK", Price: fromCents(5900)}, {SKU: "HOODIE-MEDIUM-GREY", Price: fromCents(4550)},
	{SKU: "CAP-ONESIZE-NAVY", Price: fromCents(1899)}, {SKU: "SOCKS-3PACK-WHITE", Price: fromCents(1200)},
}

// SeedConversions adds n generated orders spread over the stored
// affiliates (seeding 12 affiliates first if there are none), one every 17
// hours from 2025-01-06, and returns them.
func (s *Server) SeedConversions(n int) []Conversion {
	return s.SeedConversionsEvery(n, time.Date(2025, time.January, 6, 9, 0, 0, 0, time.UTC), 17*time.Hour)
}

// SeedConversionsEvery adds n generated orders like SeedConversions, one
// every step from start, and returns them.
func (s *Server) SeedConversionsEvery(n int, start time.Time, step time.Duration) []Conversion {
	return locked(s, func() []Conversion { return s.seedConversions(n, start.UTC(), step) })
}

func (s *Server) seedConversions(n int, base time.Time, step time.Duration) []Conversion {
	if len(s.affiliates) == 0 {
		s.seedAffiliates(12)
	}
	statuses := []string{"APPROVED", "APPROVED", "PENDING", "APPROVED", "DENIED", "PENDING", "UNQUALIFIED"}
	types := []string{"AFFILIATE_SITE_CONVERSION", "AFFILIATE_SITE_CONVERSION", "CONVERSION_TRIGGER_COUPON",
		"AFFILIATE_SITE_CONVERSION", "CONVERSION_TRIGGER_SKU"}
	return seed(n, len(s.conversions), func(i int) Conversion {
		a := s.affiliates[(i*7)%len(s.affiliates)]
		var items []ConversionItem
		var total int64 // cents
		for j := range 1 + i%3 {
			it := catalog[(i+j*5)%len(catalog)]
			it.Quantity = 1 + (i+j)%2
			items = append(items, it)
			price, _ := cents(it.Price)
			total += price * int64(it.Quantity)
		}
		offer, _ := strconv.ParseInt(a.OfferID, 10, 64)
		var percent int64 = 10
		if a.OfferID == "5678" {
			percent = 15
		}
		c := Conversion{
			AffiliateID: a.ID, OfferID: offer, OrderID: fmt.Sprintf("#%d", 1001+i),
			Type: types[i%len(types)], Status: statuses[i%len(statuses)], Currency: "USD",
			Total: fromCents(total), CommissionableOrderTotal: fromCents(total),
			CommissionTotal: fromCents(share(total, percent, 100)),
			Items:           items, Created: base.Add(time.Duration(i) * step),
		}
		if c.Status == "APPROVED" && i%3 == 0 {
			c.PaymentStatus = "PAID"
		}
		return c
	}, s.addConversion)
}

// fromCents returns a count of cents as a decimal in major units
// ("24.00"), which encodes to JSON as the number 24.00.
func fromCents(c int64) money.Amount {
	a, _ := money.FromMinorUnits(c, 2, "")
	d, _ := money.ParseDecimal(a.String(), "")
	return d
}

// cents returns an amount in whole cents; the fake keeps every currency to
// two decimals. It reports false for a null or an amount finer than a cent.
func cents(a money.Amount) (int64, bool) {
	n, err := a.WithCurrency("USD").MinorUnits("USD")
	return n, err == nil
}

// share returns x × num / den rounded half away from zero.
func share(x, num, den int64) int64 {
	p := x * num
	if p < 0 {
		return -((-p + den/2) / den)
	}
	return (p + den/2) / den
}

// Conversions returns a snapshot of the stored conversions in id order.
func (s *Server) Conversions() []Conversion {
	return locked(s, func() []Conversion {
		return copies(s.conversions, func(c *Conversion) { c.Items = slices.Clone(c.Items) })
	})
}

// AddTrigger stores a conversion trigger, filling in a zero TriggerID.
func (s *Server) AddTrigger(t Trigger) Trigger {
	return locked(s, func() Trigger { return *s.addTrigger(t) })
}

func (s *Server) addTrigger(t Trigger) *Trigger {
	nextID(&t.TriggerID, &s.nextTrigger)
	p := &t
	s.triggers = append(s.triggers, p)
	return p
}

// Triggers returns a snapshot of the stored conversion triggers.
func (s *Server) Triggers() []Trigger {
	return locked(s, func() []Trigger { return copies(s.triggers, nil) })
}

// AddOffer stores an offer (replacing one with the same id).
func (s *Server) AddOffer(o Offer) Offer {
	return locked(s, func() Offer {
		s.addOffer(o)
		return o
	})
}

func (s *Server) addOffer(o Offer) {
	if i := s.offerIndex(o.OfferID); i >= 0 {
		s.offers[i] = &o
	} else {
		s.offers = append(s.offers, &o)
	}
}

func (s *Server) offerIndex(id string) int {
	return slices.IndexFunc(s.offers, func(o *Offer) bool { return o.OfferID == id })
}

// Offers returns a snapshot of the stored offers.
func (s *Server) Offers() []Offer {
	return locked(s, func() []Offer {
		return copies(s.offers, func(o *Offer) { o.SKUs = slices.Clone(o.SKUs) })
	})
}

// AddReport stores a saved report whose download serves body.
func (s *Server) AddReport(r Report) Report {
	return locked(s, func() Report {
		s.reports[r.ID] = &r
		return r
	})
}

// seedDemo fills the demo data set.
func (s *Server) seedDemo() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, o := range []Offer{{OfferID: "5678", Name: "Creators"}, {OfferID: "101112", Name: "Wholesale partners"}} {
		s.addOffer(o)
	}
	s.seedAffiliates(36)
	s.seedConversions(90, time.Date(2025, time.January, 6, 9, 0, 0, 0, time.UTC), 17*time.Hour)
	for i, a := range s.affiliates[:6] {
		s.addTrigger(Trigger{AffiliateID: a.ID, Type: "COUPON", Trigger: strings.ToUpper(a.FirstName) + strconv.Itoa(10+i*5)})
	}
}
