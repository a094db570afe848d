package refersiontest_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// Example seeds affiliates, makes the first request fail with a 503 and
// shows the client recovering.
func Example() {
	srv := refersiontest.NewServer()
	defer srv.Close()
	srv.SeedAffiliates(30)
	srv.Inject(1, refersiontest.Fault{Status: 503})

	client, err := srv.Client(refersion.WithRetryWait(time.Millisecond, 10*time.Millisecond))
	if err != nil {
		log.Fatal(err)
	}
	n := 0
	for _, err := range client.Affiliates.List(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	fmt.Println(n, "affiliates in", srv.RequestCount(), "requests")
	// Output:
	// 30 affiliates in 2 requests
}

// A shared fake clock makes the client's waits free: the client's own
// throttle (60 requests a minute) and its retries after the fake's 429s
// wait on the clock, not in real time.
func ExampleNewClock() {
	clk := refersiontest.NewClock(time.Date(2025, time.March, 3, 12, 0, 0, 0, time.UTC))
	srv := refersiontest.NewServer(
		refersiontest.WithDemoData(),
		refersiontest.WithClock(clk.Now),
		refersiontest.WithRateLimit(10, time.Minute),
	)
	defer srv.Close()
	client, err := srv.Client(refersion.WithClock(clk))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	start := clk.Now()
	for range 30 {
		if _, err := client.Affiliates.GetByCode(ctx, "aeta"); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println("some calls were answered 429 and retried:", srv.RequestCount() > 30)
	fmt.Println("a minute or more of fake time passed:", clk.Now().Sub(start) >= time.Minute)
	// Output:
	// some calls were answered 429 and retried: true
	// a minute or more of fake time passed: true
}

// Records are seeded with the client's types; the fake serves them in
// Refersion's wire format, which the client reads back.
func ExampleServer_AddConversion() {
	now := time.Date(2025, time.March, 3, 12, 0, 0, 0, time.UTC)
	srv := refersiontest.NewServer(refersiontest.WithClock(func() time.Time { return now }))
	defer srv.Close()
	aff := srv.AddAffiliate(refersiontest.Affiliate{
		FirstName: "Jane", LastName: "Doe", Email: "jane@example.com",
		Status: refersion.AffiliatePending,
	})
	total, _ := refersion.ParseAmount("59.00", "USD")
	commission, _ := refersion.ParseAmount("5.90", "USD")
	srv.AddConversion(refersiontest.Conversion{
		AffiliateID: aff.ID, OrderID: "#1001", Status: refersion.ConversionApproved,
		Total: total, CommissionTotal: commission, Created: now.Add(-time.Hour),
	})

	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	got, err := client.Affiliates.Get(ctx, aff.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(got.Email, got.Status)
	for c, err := range client.Conversions.List(ctx, &refersion.ConversionListOptions{CreatedFrom: now.AddDate(0, 0, -1)}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(c.Created.Format(time.DateTime), c.Affiliate.Name, c.Total, c.CommissionTotal)
	}
	// Output:
	// jane@example.com PENDING
	// 2025-03-03 11:00:00 Jane Doe 59.00 USD 5.90 USD
}
