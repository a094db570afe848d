package firstpromotertest_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

// Server.Client returns a client configured for the fake: its URL and the
// credentials it accepts.
func ExampleServer_Client() {
	srv := firstpromotertest.NewServer(firstpromotertest.WithDemoData())
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	p, err := client.Promoters.GetByEmail(context.Background(), "liam.carter@example.org")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.ID, p.Name)
	// Output:
	// 5002 Liam Carter
}

// One fake clock for the client and the server: demo data is dated from
// the clock's day, and the client's throttle keeps under the fake's
// FirstPromoter quota by waiting on the fake clock, so a test that makes
// more calls than a minute allows takes no real time.
func ExampleNewClock() {
	start := time.Date(2026, time.March, 16, 12, 0, 0, 0, time.UTC)
	clk := firstpromotertest.NewClock(start)
	srv := firstpromotertest.NewServer(firstpromotertest.WithDemoData(),
		firstpromotertest.WithClock(clk.Now),
		firstpromotertest.WithRateLimit(firstpromoter.RateLimitRequests, firstpromoter.RateLimitWindow))
	defer srv.Close()
	client, err := srv.Client(firstpromoter.WithClock(clk))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for range 450 {
		if _, err := client.Promoters.Get(ctx, 5002); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println("450 calls,", srv.RequestCount(), "requests, over", clk.Now().Sub(start).Round(time.Second), "of fake time")
	// Output:
	// 450 calls, 450 requests, over 1m8s of fake time
}

// Seeding takes the client's types: states, units and statuses are the
// client's enums and money is a firstpromoter.Amount worth what it says,
// sent in the API's integer cents and read back by the client as the same
// value.
func ExampleServer_AddCommission() {
	srv := firstpromotertest.NewServer()
	defer srv.Close()
	srv.AddCampaign(firstpromotertest.Campaign{Name: "Partners"})
	pr := srv.AddPromoter(firstpromotertest.Promoter{Email: "kai@example.com", State: firstpromoter.PromoterAccepted})
	ref := srv.AddReferral(firstpromotertest.Referral{Email: "lead@example.com", State: firstpromoter.ReferralActive,
		PromoterCampaign: &firstpromotertest.PromoterCampaignRef{ID: pr.PromoterCampaigns[0].ID}})
	sale, _ := firstpromoter.ParseAmount("99.00", "")
	commission, _ := firstpromoter.ParseAmount("19.80", "")
	srv.AddCommission(firstpromotertest.Commission{
		Referral: &firstpromotertest.ReferralRef{ID: ref.ID}, CommissionType: firstpromoter.CommissionSale,
		Unit: firstpromoter.CommissionUnitCash, Status: firstpromoter.CommissionPending,
		SaleAmount: sale, Amount: commission,
	})

	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	for c, err := range client.Commissions.List(context.Background(), nil) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(c.Status, c.Unit, c.SaleAmount, c.Amount)
	}
	// Output:
	// pending cash 99.00 19.80
}
