package refersiontest

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/refersion"
)

// Affiliate is an affiliate as the fake stores it, with Refersion's field
// names and the client's types: [refersion.AffiliateStatus] for Status and
// [refersion.FlexString] for OfferID, as [refersion.Affiliate] has them.
// ID is the numeric id that affiliate/get answers; Code is the code
// that affiliate/list, affiliate/search and affiliate/new send in their
// "id" field, and that affiliate/get and affiliate/trigger take as
// "affiliate_code".
type Affiliate struct {
	ID               int64                     `json:"id"`
	Code             string                    `json:"affiliate_code"`
	OfferID          refersion.FlexString      `json:"offer_id"`
	Status           refersion.AffiliateStatus `json:"status"`
	FirstName        string                    `json:"first_name"`
	LastName         string                    `json:"last_name"`
	CompanyName      string                    `json:"company_name"`
	Email            string                    `json:"email"`
	PaypalEmail      string                    `json:"paypal_email"`
	Address1         string                    `json:"address1"`
	Address2         string                    `json:"address2"`
	City             string                    `json:"city"`
	State            string                    `json:"state"`
	Zip              string                    `json:"zip"`
	Country          string                    `json:"country"`
	Phone            string                    `json:"phone"`
	SendWelcome      bool                      `json:"send_welcome"`
	UniqueMerchantID string                    `json:"unique_merchant_id"`
	Link             string                    `json:"link"`
	// CustomFields are the answers to the registration form's questions.
	CustomFields []refersion.CustomField `json:"custom_fields"`
}

// customFieldLabels are the registration questions of the fake account, by
// the field id that affiliate/edit takes.
var customFieldLabels = map[string]string{
	"1234":  "What is your web site?",
	"22222": "What is your name?",
}

// Conversion is a conversion (a credited order or a manual credit), with
// the field names of Refersion's conversion webhooks where they exist and
// the client's types: [refersion.ConversionType], [refersion.ConversionStatus],
// [refersion.PaymentStatus], and [refersion.Amount] for the amounts, exact
// decimals in major units of Currency (build them with
// [refersion.ParseAmount]). The fake computes in cents, so the amounts it
// derives (totals, cancellations) are whole cents. Created is when the
// conversion was made; the fake serves it to the second.
type Conversion struct {
	ID                       int64                      `json:"id"`
	AffiliateID              int64                      `json:"affiliate_id"`
	OfferID                  int64                      `json:"offer_id"`
	OrderID                  string                     `json:"order_id"`
	Type                     refersion.ConversionType   `json:"type"`
	Status                   refersion.ConversionStatus `json:"status"`
	PaymentStatus            refersion.PaymentStatus    `json:"payment_status"`
	Currency                 string                     `json:"currency"`
	Total                    refersion.Amount           `json:"total"`
	CommissionableOrderTotal refersion.Amount           `json:"commissionable_order_total"`
	CommissionTotal          refersion.Amount           `json:"commission_total"`
	IsTestConversion         bool                       `json:"is_test_conversion"`
	Notes                    string                     `json:"notes"`
	Items                    []ConversionItem           `json:"items"`
	Created                  time.Time                  `json:"created"`
}

// ConversionItem is one SKU of a conversion's order.
type ConversionItem struct {
	SKU string `json:"sku"`
	// Price is the price of one unit, in major units.
	Price    refersion.Amount `json:"price"`
	Quantity int              `json:"quantity"`
}

// Trigger is a conversion trigger of an affiliate: a coupon code, SKU or
// email address ([refersion.TriggerType]) that credits it.
type Trigger struct {
	TriggerID   int64                 `json:"trigger_id"`
	AffiliateID int64                 `json:"affiliate_id"`
	Type        refersion.TriggerType `json:"type"`
	Trigger     string                `json:"trigger"`
}

// Offer is an offer with its SKU commissions, which
// offer/new_sku_commission adds to.
type Offer struct {
	OfferID string                    `json:"offer_id"`
	Name    string                    `json:"name"`
	SKUs    []refersion.SKUCommission `json:"skus"`
	// Commission and CommissionType are what the GraphQL offers query
	// answers; a zero Commission is served as 10 and an empty
	// CommissionType as [refersion.CommissionPercentOfSale].
	Commission     refersion.Amount         `json:"commission"`
	CommissionType refersion.CommissionType `json:"type"`
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
// ([refersion.AffiliateActive]) and OfferID (the default offer, "1234"),
// and returns what was stored. An affiliate with the ID of a stored one
// replaces it.
func (s *Server) AddAffiliate(a Affiliate) Affiliate {
	return locked(s, func() Affiliate { return *s.addAffiliate(a) })
}

func (s *Server) addAffiliate(a Affiliate) *Affiliate {
	a.ID = s.affSeq.Assign(a.ID)
	fakeserver.OrDefault(&a.Code, codeFor(a.ID))
	fakeserver.OrDefault(&a.Link, "https://demo.refersion.com/c/"+a.Code)
	fakeserver.OrDefault(&a.Status, refersion.AffiliateActive)
	fakeserver.OrDefault(&a.OfferID, defaultOfferID)
	if a.CustomFields == nil {
		a.CustomFields = []refersion.CustomField{}
	}
	p := &a
	if old, ok := s.affiliates.Get(a.ID); ok {
		delete(s.byCode, old.Code)
	}
	s.affiliates.Put(p)
	s.byCode[a.Code] = p
	return p
}

// affiliate returns the stored affiliate with id, or nil.
func (s *Server) affiliate(id int64) *Affiliate {
	a, _ := s.affiliates.Get(id)
	return a
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
	return seed(n, s.affiliates.Len(), func(i int) Affiliate {
		first := firstNames[i%len(firstNames)]
		last := lastNames[(i%len(firstNames)+i/len(firstNames))%len(lastNames)]
		email := strings.ToLower(first + "." + last)
		if i >= len(firstNames)*len(lastNames) {
			email += strconv.Itoa(i)
		}
		a := Affiliate{
			FirstName: first, LastName: last, Email: email + "@example.com",
			OfferID: []refersion.FlexString{"1234", "1234", "5678", "1234", "101112"}[i%5],
			Status:  refersion.AffiliateActive, Country: "US",
		}
		switch {
		case i%13 == 12:
			a.Status = refersion.AffiliateDisabled
		case i%11 == 10:
			a.Status = refersion.AffiliateDenied
		case i%7 == 6:
			a.Status = refersion.AffiliatePending
		}
		if i%4 == 0 {
			a.CompanyName = last + " Media"
			a.CustomFields = []refersion.CustomField{{Label: "What is your web site?", Value: "https://" + strings.ToLower(last) + "media.example"}}
		}
		return a
	}, s.addAffiliate)
}

// Affiliates returns a snapshot of the stored affiliates in id order.
func (s *Server) Affiliates() []Affiliate {
	return locked(s, func() []Affiliate {
		return copies(s.affiliates.All(), func(a *Affiliate) { a.CustomFields = slices.Clone(a.CustomFields) })
	})
}

// AddConversion stores c, filling in a zero ID, Created (the fake's now),
// Status ([refersion.ConversionPending]), Type
// ([refersion.ConversionAffiliateSite]), PaymentStatus
// ([refersion.PaymentUnpaid]) and Currency (USD), and returns what was
// stored.
func (s *Server) AddConversion(c Conversion) Conversion {
	return locked(s, func() Conversion { return *s.addConversion(c) })
}

func (s *Server) addConversion(c Conversion) *Conversion {
	c.ID = s.convSeq.Assign(c.ID)
	if c.Created.IsZero() {
		c.Created = s.now().UTC().Truncate(time.Second)
	}
	fakeserver.OrDefault(&c.Status, refersion.ConversionPending)
	fakeserver.OrDefault(&c.Type, refersion.ConversionAffiliateSite)
	fakeserver.OrDefault(&c.PaymentStatus, refersion.PaymentUnpaid)
	fakeserver.OrDefault(&c.Currency, "USD")
	p := &c
	s.conversions = append(s.conversions, p)
	return p
}

var catalog = []ConversionItem{
	{SKU: "TSHIRT-SMALL-RED", Price: fromCents(2400)}, {SKU: "TSHIRT-SMALL-BLUE", Price: fromCents(2400)},
	{SKU: "PANTS-LARGE-BLACK", Price: fromCents(5900)}, {SKU: "HOODIE-MEDIUM-GREY", Price: fromCents(4550)},
	{SKU: "CAP-ONESIZE-NAVY", Price: fromCents(1899)}, {SKU: "SOCKS-3PACK-WHITE", Price: fromCents(1200)},
}

// seedStep is the time between two conversions of SeedConversions.
const seedStep = 17 * time.Hour

// SeedConversions adds n generated orders spread over the stored
// affiliates (seeding 12 affiliates first if there are none), one every 17
// hours up to the fake's now (see [WithClock]): the last at the latest
// whole hour before now, so today has one (unless the day is a second
// old), and 90 of them reach back over this month and the last one. It
// returns them.
func (s *Server) SeedConversions(n int) []Conversion {
	return locked(s, func() []Conversion { return s.seedConversions(n, s.seedStart(n), seedStep) })
}

// seedStart is when the first of n conversions of SeedConversions is
// dated: n-1 steps before the latest whole hour before now.
func (s *Server) seedStart(n int) time.Time {
	last := s.now().UTC().Add(-time.Second).Truncate(time.Hour)
	return last.Add(-time.Duration(max(n-1, 0)) * seedStep)
}

// SeedConversionsEvery adds n generated orders like [Server.SeedConversions],
// the first at start and one every step after it, and returns them.
func (s *Server) SeedConversionsEvery(n int, start time.Time, step time.Duration) []Conversion {
	return locked(s, func() []Conversion { return s.seedConversions(n, start.UTC(), step) })
}

func (s *Server) seedConversions(n int, base time.Time, step time.Duration) []Conversion {
	if s.affiliates.Len() == 0 {
		s.seedAffiliates(12)
	}
	statuses := []refersion.ConversionStatus{refersion.ConversionApproved, refersion.ConversionApproved,
		refersion.ConversionPending, refersion.ConversionApproved, refersion.ConversionDenied,
		refersion.ConversionPending, refersion.ConversionUnqualified}
	types := []refersion.ConversionType{refersion.ConversionAffiliateSite, refersion.ConversionAffiliateSite,
		refersion.ConversionTriggerCoupon, refersion.ConversionAffiliateSite, refersion.ConversionTriggerSKU}
	first := len(s.conversions)
	return seed(n, first, func(i int) Conversion {
		a := s.affiliates.At((i * 7) % s.affiliates.Len())
		var items []ConversionItem
		var total int64 // cents
		for j := range 1 + i%3 {
			it := catalog[(i+j*5)%len(catalog)]
			it.Quantity = 1 + (i+j)%2
			items = append(items, it)
			price, _ := cents(it.Price)
			total += price * int64(it.Quantity)
		}
		offer, _ := a.OfferID.Int64()
		var percent int64 = 10
		if a.OfferID == "5678" {
			percent = 15
		}
		c := Conversion{
			AffiliateID: a.ID, OfferID: offer, OrderID: fmt.Sprintf("#%d", 1001+i),
			Type: types[i%len(types)], Status: statuses[i%len(statuses)], Currency: "USD",
			Total: fromCents(total), CommissionableOrderTotal: fromCents(total),
			CommissionTotal: fromCents(share(total, percent, 100)),
			Items:           items, Created: base.Add(time.Duration(i-first) * step),
		}
		if c.Status == refersion.ConversionApproved && i%3 == 0 {
			c.PaymentStatus = refersion.PaymentPaid
		}
		return c
	}, s.addConversion)
}

// fromCents returns a count of cents as a decimal in major units
// ("24.00"), which encodes to JSON as the number 24.00.
func fromCents(c int64) refersion.Amount {
	a, _ := money.FromMinorUnits(c, 2, "")
	d, _ := money.ParseDecimal(a.String(), "")
	return d
}

// cents returns an amount in whole cents; the fake keeps every currency to
// two decimals. It reports false for a null or an amount finer than a cent.
func cents(a refersion.Amount) (int64, bool) {
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

// AddTrigger stores a conversion trigger, filling in a zero TriggerID, and
// returns what was stored.
func (s *Server) AddTrigger(t Trigger) Trigger {
	return locked(s, func() Trigger { return *s.addTrigger(t) })
}

func (s *Server) addTrigger(t Trigger) *Trigger {
	t.TriggerID = s.triggerSeq.Assign(t.TriggerID)
	p := &t
	s.triggers = append(s.triggers, p)
	return p
}

// Triggers returns a snapshot of the stored conversion triggers.
func (s *Server) Triggers() []Trigger {
	return locked(s, func() []Trigger { return copies(s.triggers, nil) })
}

// AddOffer stores an offer, replacing one with the same OfferID, and
// returns it.
func (s *Server) AddOffer(o Offer) Offer {
	return locked(s, func() Offer {
		s.addOffer(o)
		return o
	})
}

func (s *Server) addOffer(o Offer) { s.offers.Put(&o) }

// hasOffer reports whether an offer with id is stored.
func (s *Server) hasOffer(id string) bool {
	_, ok := s.offers.Get(id)
	return ok
}

// Offers returns a snapshot of the stored offers.
func (s *Server) Offers() []Offer {
	return locked(s, func() []Offer {
		return copies(s.offers.All(), func(o *Offer) { o.SKUs = slices.Clone(o.SKUs) })
	})
}

// AddReport stores a saved report, replacing one with the same ID; its
// download serves r.Body (the conversions CSV when Body is empty).
func (s *Server) AddReport(r Report) Report {
	return locked(s, func() Report {
		s.reports[r.ID] = &r
		return r
	})
}

// demoConversions is how many conversions the demo data set holds.
const demoConversions = 90

// seedDemo fills the demo data set, dated from the fake's clock as
// SeedConversions dates them; NewServer runs it after every option, so
// WithClock applies whatever the option order.
func (s *Server) seedDemo() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, o := range []Offer{{OfferID: "5678", Name: "Creators"}, {OfferID: "101112", Name: "Wholesale partners"}} {
		s.addOffer(o)
	}
	s.seedAffiliates(36)
	s.seedConversions(demoConversions, s.seedStart(demoConversions), seedStep)
	for i, a := range s.affiliates.All()[:6] {
		s.addTrigger(Trigger{AffiliateID: a.ID, Type: refersion.TriggerCoupon,
			Trigger: strings.ToUpper(a.FirstName) + strconv.Itoa(10+i*5)})
	}
}
