package postaffiliateprotest

import (
	"fmt"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
)

// datedBack returns the dates of the generated records count+1 to
// count+n of a kind: step apart, the last at end (the server's clock, to
// the second, when end is zero), so that date-relative code finds today's,
// yesterday's and last month's records. A fixed WithClock makes them
// stable. s.mu must be held.
func (s *Server) datedBack(count, n int, end time.Time, step time.Duration) func(i int) time.Time {
	if end.IsZero() {
		end = s.clockNow()
	}
	last := count + n
	return func(i int) time.Time { return end.Add(-time.Duration(last-i) * step) }
}

// clockNow is the server's time in UTC, to the second, as the API's dates
// carry it.
func (s *Server) clockNow() time.Time { return s.now().UTC().Truncate(time.Second) }

// notAfterNow returns t, or the server's time when t is later.
func (s *Server) notAfterNow(t time.Time) time.Time {
	if now := s.clockNow(); t.After(now) {
		return now
	}
	return t
}

var (
	firstNames = []string{"Alice", "Bruno", "Chloe", "Dmitri", "Elena", "Farid", "Greta", "Hiro", "Ines",
		"Jonas", "Kira", "Liam", "Maya", "Nils", "Olga", "Pavel", "Quinn", "Rosa", "Sami", "Tara",
		"Umar", "Vera", "Wes", "Ximena", "Yusuf", "Zoe"}
	lastNames = []string{"Novak", "Silva", "Martin", "Kowalski", "Rossi", "Haddad", "Berg", "Tanaka",
		"Costa", "Weber", "Dubois", "Larsen", "Moreau", "Horvat", "Okafor", "Lindqvist", "Petrov"}
	campaignNames = []string{"Default Campaign", "Spring Promo", "Partner Program", "Influencer Tier",
		"Newsletter Deals", "Black Friday", "Annual Plans", "Reseller Network"}
	campaignRates = []float64{10, 15, 20, 25, 30, 12.5, 18, 22}
	bannerSizes   = [][2]int{{728, 90}, {300, 250}, {160, 600}, {468, 60}}
	bannerTypes   = []string{"image", "text", "html"}
	actionCodes   = []string{"TRIAL", "SIGNUP", "DEMO"}
	userAgents    = []string{
		"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36",
		"Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15",
		"Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
		"Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
	}
	countries = []string{"US", "DE", "GB", "FR", "SK", "CA", "NL", "ES"}
)

// AddAffiliate stores a and returns it as stored: an empty ID gets a new
// one, an empty ReferralID the ID, a zero CreatedAt the current time and an
// empty Status postaffiliatepro.StatusApproved.
func (s *Server) AddAffiliate(a Affiliate) Affiliate { return insertLocked(s, affiliates, a) }

// SeedAffiliates adds n generated affiliates with stable names: most
// approved, every 7th pending, every 11th declined, every 5th a
// sub-affiliate of the first one. They joined 37 hours apart, the last at
// the server's clock; approval came 6 hours after joining.
func (s *Server) SeedAffiliates(n int) { s.locked(func() { s.seedAffiliates(n) }) }

func (s *Server) seedAffiliates(n int) {
	at := s.datedBack(len(s.affiliates), n, time.Time{}, 37*time.Hour)
	seed(s, affiliates, n, func(i int) Affiliate {
		first := firstNames[(i-1)%len(firstNames)]
		last := lastNames[(i*7)%len(lastNames)]
		a := Affiliate{
			FirstName:  first,
			LastName:   last,
			Username:   fmt.Sprintf("%s.%s%d@example.com", strings.ToLower(first), strings.ToLower(last), i),
			ReferralID: fmt.Sprintf("%s%d", strings.ToLower(first), i),
			Status:     postaffiliatepro.StatusApproved,
			Data1:      []string{"blog", "youtube", "newsletter", "podcast"}[i%4],
			CreatedAt:  at(i),
		}
		switch {
		case i%11 == 0:
			a.Status = postaffiliatepro.StatusDeclined
		case i%7 == 0:
			a.Status = postaffiliatepro.StatusPending
		default:
			t := s.notAfterNow(a.CreatedAt.Add(6 * time.Hour))
			a.ApprovedAt = &t
		}
		if i%5 == 0 && len(s.affiliates) > 0 {
			a.ParentID = s.affiliates[0].ID
		}
		return a
	})
}

// approvedAffiliates returns the stored affiliates with status "A". s.mu
// must be held.
func (s *Server) approvedAffiliates() []Affiliate {
	var approved []Affiliate
	for _, a := range s.affiliates {
		if a.Status == postaffiliatepro.StatusApproved {
			approved = append(approved, a)
		}
	}
	return approved
}

// Affiliates returns a snapshot of the stored affiliates.
func (s *Server) Affiliates() []Affiliate { return snapshot(s, affiliates) }

// AddCampaign stores c and returns it as stored: an empty ID gets a new
// one, a zero CreatedAt the current time, empty Status and Type "active"
// and "public".
func (s *Server) AddCampaign(c Campaign) Campaign { return insertLocked(s, campaigns, c) }

// SeedCampaigns adds n generated campaigns, created a day apart, the last
// 60 days before the server's clock.
func (s *Server) SeedCampaigns(n int) { s.locked(func() { s.seedCampaigns(n) }) }

func (s *Server) seedCampaigns(n int) {
	// Campaigns predate the generated affiliates and their traffic.
	at := s.datedBack(len(s.campaigns), n, s.clockNow().AddDate(0, 0, -60), 24*time.Hour)
	seed(s, campaigns, n, func(i int) Campaign {
		name := campaignNames[(i-1)%len(campaignNames)]
		if i > len(campaignNames) {
			name = fmt.Sprintf("%s %d", name, i)
		}
		c := Campaign{
			Name:           name,
			Description:    "Commission of " + fmt.Sprint(campaignRates[(i-1)%len(campaignRates)]) + "% on every sale",
			Type:           "public",
			URL:            fmt.Sprintf("https://www.example.com/offers/%d", i),
			CookieLifetime: []int64{30, 60, 90}[i%3],
			CommissionRate: campaignRates[(i-1)%len(campaignRates)],
			CreatedAt:      at(i),
		}
		if i%3 == 0 {
			c.Type = "private"
		}
		return c
	})
}

// Campaigns returns a snapshot of the stored campaigns.
func (s *Server) Campaigns() []Campaign { return snapshot(s, campaigns) }

// AddBanner stores b and returns it as stored: an empty ID gets a new one,
// a zero CreatedAt the current time, an empty Status "active".
func (s *Server) AddBanner(b Banner) Banner { return insertLocked(s, banners, b) }

// SeedBanners adds n generated banners spread over the campaigns (seeding
// one campaign first when there is none), created 19 hours apart, the last
// at the server's clock.
func (s *Server) SeedBanners(n int) {
	s.locked(func() {
		if len(s.campaigns) == 0 {
			s.seedCampaigns(1)
		}
		at := s.datedBack(len(s.banners), n, time.Time{}, 19*time.Hour)
		seed(s, banners, n, func(i int) Banner {
			typ := bannerTypes[(i-1)%len(bannerTypes)]
			c := s.campaigns[(i-1)%len(s.campaigns)]
			b := Banner{
				Type:           typ,
				CampaignID:     c.ID,
				DestinationURL: fmt.Sprintf("https://www.example.com/landing/%d", i),
				CreatedAt:      at(i),
			}
			switch typ {
			case "image":
				size := bannerSizes[(i/3)%len(bannerSizes)]
				b.Width, b.Height = size[0], size[1]
				b.Name = fmt.Sprintf("%s %dx%d", c.Name, b.Width, b.Height)
			case "text":
				b.Name = c.Name + " text link"
			default:
				b.Name = c.Name + " HTML widget"
			}
			if i%8 == 0 {
				b.Status = "hidden"
			}
			return b
		})
	})
}

// Banners returns a snapshot of the stored banners.
func (s *Server) Banners() []Banner { return snapshot(s, banners) }

// AddTransaction stores t and returns it as stored: an empty ID gets a new
// one, a zero CreatedAt the current time, an empty Type, Status and
// PayoutStatus postaffiliatepro.TypeSale, StatusPending and PayoutUnpaid,
// a zero Tier 1.
func (s *Server) AddTransaction(t Transaction) Transaction { return insertLocked(s, transactions, t) }

// SeedTransactions adds n generated transactions over the approved
// affiliates and the campaigns (seeding a few of each first when there are
// none): mostly sales, every 6th an action, every 13th a refund; every 5th
// pending, every 17th declined, the rest approved. They are 11 hours
// apart, the last at the server's clock, so that today, yesterday and the
// days before hold some; approval came 48 hours later, or now.
func (s *Server) SeedTransactions(n int) {
	s.locked(func() {
		if len(s.campaigns) == 0 {
			s.seedCampaigns(2)
		}
		approved := s.approvedAffiliates()
		if len(approved) == 0 {
			s.seedAffiliates(6)
			approved = s.approvedAffiliates()
		}
		at := s.datedBack(len(s.transactions), n, time.Time{}, 11*time.Hour)
		seed(s, transactions, n, func(i int) Transaction {
			a := approved[(i*5)%len(approved)]
			c := s.campaigns[i%len(s.campaigns)]
			total := cents(int64(2000 + (i*37)%480*100 + (i*13)%100))
			t := Transaction{
				Type:        postaffiliatepro.TypeSale,
				Status:      postaffiliatepro.StatusApproved,
				Currency:    "USD",
				TotalCost:   total,
				Commission:  percentOf(total, c.CommissionRate),
				OrderID:     fmt.Sprintf("ORD-%05d", 1000+i),
				ProductID:   []string{"starter", "pro", "business", "enterprise"}[i%4],
				CampaignID:  c.ID,
				AffiliateID: a.ID,
				Tier:        1,
				SystemNote:  "Tracked by sale tracking script",
				Data1:       fmt.Sprintf("cust-%04d", 500+i),
				Data2:       []string{"monthly", "yearly"}[i%2],
				IP:          fmt.Sprintf("203.0.113.%d", 1+i%250),
				CreatedAt:   at(i),
			}
			switch {
			case i%13 == 0:
				t.Type = postaffiliatepro.TypeRefund
				t.Commission = negate(t.Commission)
				t.TotalCost = negate(t.TotalCost)
				t.SystemNote = "Refund of order " + t.OrderID
			case i%6 == 0:
				t.Type = postaffiliatepro.TypeAction
				t.ActionCode = actionCodes[i%len(actionCodes)]
				t.TotalCost = cents(0)
				t.Commission = cents([]int64{500, 750, 1000}[i%3])
			}
			switch {
			case i%17 == 0:
				t.Status = postaffiliatepro.StatusDeclined
				t.MerchantNote = "Declined: order cancelled"
			case i%5 == 0:
				t.Status = postaffiliatepro.StatusPending
			default:
				approved := s.notAfterNow(t.CreatedAt.Add(48 * time.Hour))
				t.ApprovedAt = &approved
			}
			t.PayoutStatus = postaffiliatepro.PayoutUnpaid
			if t.Status == postaffiliatepro.StatusApproved && i%3 == 0 {
				t.PayoutStatus = postaffiliatepro.PayoutPaid
			}
			return t
		})
	})
}

// Transactions returns a snapshot of the stored transactions.
func (s *Server) Transactions() []Transaction { return snapshot(s, transactions) }

// AddClick stores c and returns it as stored: an empty ID gets a new one,
// a zero CreatedAt the current time.
func (s *Server) AddClick(c Click) Click { return insertLocked(s, clicks, c) }

// SeedClicks adds n generated clicks over the approved affiliates, the
// campaigns and the banners (seeding a few first when there are none),
// 7 hours apart, the last at the server's clock.
func (s *Server) SeedClicks(n int) {
	s.locked(func() {
		if len(s.affiliates) == 0 {
			s.seedAffiliates(6)
		}
		if len(s.campaigns) == 0 {
			s.seedCampaigns(2)
		}
		approved := s.approvedAffiliates()
		if len(approved) == 0 {
			approved = s.affiliates
		}
		at := s.datedBack(len(s.clicks), n, time.Time{}, 7*time.Hour)
		seed(s, clicks, n, func(i int) Click {
			a := approved[(i*7)%len(approved)]
			camp := s.campaigns[i%len(s.campaigns)]
			site := strings.ToLower(a.FirstName)
			if site == "" {
				site = "partner"
			}
			c := Click{
				AffiliateID:    a.ID,
				CampaignID:     camp.ID,
				DestinationURL: fmt.Sprintf("https://www.example.com/offers/%d", 1+i%len(s.campaigns)),
				ReferralURL:    fmt.Sprintf("https://%s.example.org/posts/%d", site, 100+i),
				IP:             fmt.Sprintf("198.51.100.%d", 1+i%250),
				UserAgent:      userAgents[i%len(userAgents)],
				CountryCode:    countries[i%len(countries)],
				CreatedAt:      at(i),
			}
			if len(s.banners) > 0 {
				c.BannerID = s.banners[i%len(s.banners)].ID
			}
			return c
		})
	})
}

// Clicks returns a snapshot of the stored clicks.
func (s *Server) Clicks() []Click { return snapshot(s, clicks) }
