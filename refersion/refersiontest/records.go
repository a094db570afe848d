package refersiontest

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"
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
// the field names of Refersion's conversion webhooks where they exist.
type Conversion struct {
	ID                       int64            `json:"id"`
	AffiliateID              int64            `json:"affiliate_id"`
	OfferID                  int64            `json:"offer_id"`
	OrderID                  string           `json:"order_id"`
	Type                     string           `json:"type"`
	Status                   string           `json:"status"`
	PaymentStatus            string           `json:"payment_status"`
	Currency                 string           `json:"currency"`
	Total                    float64          `json:"total"`
	CommissionableOrderTotal float64          `json:"commissionable_order_total"`
	CommissionTotal          float64          `json:"commission_total"`
	IsTestConversion         bool             `json:"is_test_conversion"`
	Notes                    string           `json:"notes"`
	Items                    []ConversionItem `json:"items"`
	Created                  time.Time        `json:"created"`
}

// ConversionItem is one SKU of a conversion's order.
type ConversionItem struct {
	SKU      string  `json:"sku"`
	Price    float64 `json:"price"`
	Quantity int     `json:"quantity"`
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
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.addAffiliate(a)
}

func (s *Server) addAffiliate(a Affiliate) *Affiliate {
	if a.ID == 0 {
		a.ID = s.nextAff
	}
	s.nextAff = max(s.nextAff, a.ID+1)
	if a.Code == "" {
		a.Code = codeFor(a.ID)
	}
	if a.Link == "" {
		a.Link = "https://demo.refersion.com/c/" + a.Code
	}
	if a.Status == "" {
		a.Status = "ACTIVE"
	}
	if a.OfferID == "" {
		a.OfferID = defaultOfferID
	}
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
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seedAffiliates(n)
}

func (s *Server) seedAffiliates(n int) []Affiliate {
	out := make([]Affiliate, 0, n)
	start := len(s.affiliates)
	for k := range n {
		i := start + k
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
		out = append(out, *s.addAffiliate(a))
	}
	return out
}

// Affiliates returns a snapshot of the stored affiliates in id order.
func (s *Server) Affiliates() []Affiliate {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Affiliate, len(s.affiliates))
	for i, a := range s.affiliates {
		out[i] = *a
		out[i].CustomFields = slices.Clone(a.CustomFields)
	}
	return out
}

// AddConversion stores c, filling in a zero ID, Created (the fake's now),
// Status (PENDING), Type (AFFILIATE_SITE_CONVERSION), PaymentStatus
// (UNPAID) and Currency (USD), and returns what was stored.
func (s *Server) AddConversion(c Conversion) Conversion {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.addConversion(c)
}

func (s *Server) addConversion(c Conversion) *Conversion {
	if c.ID == 0 {
		c.ID = s.nextConv
	}
	s.nextConv = max(s.nextConv, c.ID+1)
	if c.Created.IsZero() {
		c.Created = s.now().UTC().Truncate(time.Second)
	}
	if c.Status == "" {
		c.Status = "PENDING"
	}
	if c.Type == "" {
		c.Type = "AFFILIATE_SITE_CONVERSION"
	}
	if c.PaymentStatus == "" {
		c.PaymentStatus = "UNPAID"
	}
	if c.Currency == "" {
		c.Currency = "USD"
	}
	p := &c
	s.conversions = append(s.conversions, p)
	return p
}

var catalog = []ConversionItem{
	{SKU: "TSHIRT-SMALL-RED", Price: 24.00}, {SKU: "TSHIRT-SMALL-BLUE", Price: 24.00},
	{SKU: "PANTS-LARGE-BLACK", Price: 59.00}, {SKU: "HOODIE-MEDIUM-GREY", Price: 45.50},
	{SKU: "CAP-ONESIZE-NAVY", Price: 18.99}, {SKU: "SOCKS-3PACK-WHITE", Price: 12.00},
}

// SeedConversions adds n generated orders spread over the stored
// affiliates (seeding 12 affiliates first if there are none), one every 17
// hours from 2025-01-06, and returns them.
func (s *Server) SeedConversions(n int) []Conversion {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.seedConversions(n)
}

func (s *Server) seedConversions(n int) []Conversion {
	if len(s.affiliates) == 0 {
		s.seedAffiliates(12)
	}
	base := time.Date(2025, time.January, 6, 9, 0, 0, 0, time.UTC)
	statuses := []string{"APPROVED", "APPROVED", "PENDING", "APPROVED", "DENIED", "PENDING", "UNQUALIFIED"}
	types := []string{"AFFILIATE_SITE_CONVERSION", "AFFILIATE_SITE_CONVERSION", "CONVERSION_TRIGGER_COUPON",
		"AFFILIATE_SITE_CONVERSION", "CONVERSION_TRIGGER_SKU"}
	out := make([]Conversion, 0, n)
	start := len(s.conversions)
	for k := range n {
		i := start + k
		a := s.affiliates[(i*7)%len(s.affiliates)]
		var items []ConversionItem
		total := 0.0
		for j := range 1 + i%3 {
			it := catalog[(i+j*5)%len(catalog)]
			it.Quantity = 1 + (i+j)%2
			items = append(items, it)
			total += it.Price * float64(it.Quantity)
		}
		offer, _ := strconv.ParseInt(a.OfferID, 10, 64)
		rate := 0.10
		if a.OfferID == "5678" {
			rate = 0.15
		}
		c := Conversion{
			AffiliateID: a.ID, OfferID: offer, OrderID: fmt.Sprintf("#%d", 1001+i),
			Type: types[i%len(types)], Status: statuses[i%len(statuses)], Currency: "USD",
			Total: round2(total), CommissionableOrderTotal: round2(total), CommissionTotal: round2(total * rate),
			Items: items, Created: base.Add(time.Duration(i) * 17 * time.Hour),
		}
		if c.Status == "APPROVED" && i%3 == 0 {
			c.PaymentStatus = "PAID"
		}
		out = append(out, *s.addConversion(c))
	}
	return out
}

func round2(x float64) float64 { return math.Round(x*100) / 100 }

// Conversions returns a snapshot of the stored conversions in id order.
func (s *Server) Conversions() []Conversion {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Conversion, len(s.conversions))
	for i, c := range s.conversions {
		out[i] = *c
		out[i].Items = slices.Clone(c.Items)
	}
	return out
}

// AddTrigger stores a conversion trigger, filling in a zero TriggerID.
func (s *Server) AddTrigger(t Trigger) Trigger {
	s.mu.Lock()
	defer s.mu.Unlock()
	return *s.addTrigger(t)
}

func (s *Server) addTrigger(t Trigger) *Trigger {
	if t.TriggerID == 0 {
		t.TriggerID = s.nextTrigger
	}
	s.nextTrigger = max(s.nextTrigger, t.TriggerID+1)
	p := &t
	s.triggers = append(s.triggers, p)
	return p
}

// Triggers returns a snapshot of the stored conversion triggers.
func (s *Server) Triggers() []Trigger {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Trigger, len(s.triggers))
	for i, t := range s.triggers {
		out[i] = *t
	}
	return out
}

// AddOffer stores an offer (replacing one with the same id).
func (s *Server) AddOffer(o Offer) Offer {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.addOffer(o)
	return o
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
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Offer, len(s.offers))
	for i, o := range s.offers {
		out[i] = *o
		out[i].SKUs = slices.Clone(o.SKUs)
	}
	return out
}

// AddReport stores a saved report whose download serves body.
func (s *Server) AddReport(r Report) Report {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.reports[r.ID] = &r
	return r
}

// seedDemo fills the demo data set.
func (s *Server) seedDemo() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, o := range []Offer{{OfferID: "5678", Name: "Creators"}, {OfferID: "101112", Name: "Wholesale partners"}} {
		s.addOffer(o)
	}
	s.seedAffiliates(36)
	s.seedConversions(90)
	for i, a := range s.affiliates[:6] {
		s.addTrigger(Trigger{AffiliateID: a.ID, Type: "COUPON", Trigger: strings.ToUpper(a.FirstName) + strconv.Itoa(10+i*5)})
	}
}
