package everflowtest_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

// Example seeds affiliates, makes the first request fail with a 503 and
// shows the client recovering.
func Example() {
	srv := everflowtest.NewServer()
	defer srv.Close()
	srv.SeedAffiliates(30)
	srv.Inject(1, everflowtest.Fault{Status: 503})

	client, err := srv.Client(everflow.WithRetryWait(time.Millisecond, 10*time.Millisecond))
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

// A shared fake clock makes the client's waits free: here the fake's
// window of two requests is used up, the client waits out Everflow's
// 30-second reset on the clock, not in real time, and the call succeeds.
func ExampleNewClock() {
	clk := everflowtest.NewClock(time.Date(2024, time.March, 1, 12, 0, 0, 0, time.UTC))
	srv := everflowtest.NewServer(
		everflowtest.WithClock(clk.Now),
		everflowtest.WithRateLimit(2, everflowtest.RateLimitWindow),
	)
	defer srv.Close()
	client, err := srv.Client(everflow.WithClock(clk), everflow.WithRateLimit(0, 0))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for range 3 {
		if _, err := client.Network.Get(ctx); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println("requests:", srv.RequestCount())
	fmt.Println("waited a window on the fake clock:", clk.Total() >= everflowtest.RateLimitWindow)
	// Output:
	// requests: 4
	// waited a window on the fake clock: true
}

// Records are seeded with the client's types; the fake serves them in
// Everflow's wire format, which the client reads back.
func ExampleServer_AddConversion() {
	now := time.Date(2024, time.March, 4, 9, 0, 0, 0, time.UTC) // time.Now() in real code
	srv := everflowtest.NewServer(everflowtest.WithClock(func() time.Time { return now }))
	defer srv.Close()
	payout, _ := everflow.ParseAmount("12.50", "USD")
	srv.AddConversion(everflowtest.Conversion{
		ConversionUnixTimestamp: now.Add(-time.Hour),
		Status:                  everflow.ConversionPending,
		Payout:                  payout,
		CurrencyID:              "USD",
	})

	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	for c, err := range client.Conversions.List(context.Background(), &everflow.ConversionListOptions{
		ConversionReportParams: everflow.ConversionReportParams{
			From: now.AddDate(0, 0, -1), To: now, TimezoneID: everflow.TimezoneUTC,
		},
	}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(c.ConversionUnixTimestamp.Format(time.DateTime), c.Status, c.Payout)
	}
	// Output:
	// 2024-03-04 08:00:00 pending 12.50 USD
}
