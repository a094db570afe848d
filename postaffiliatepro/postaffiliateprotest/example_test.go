package postaffiliateprotest_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

// Example seeds transactions, makes the first request fail with a 503 and
// shows the client recovering.
func Example() {
	srv := postaffiliateprotest.NewServer()
	defer srv.Close()
	srv.SeedTransactions(30)
	srv.Inject(1, postaffiliateprotest.Fault{Status: 503})

	client, err := srv.Client(postaffiliatepro.WithRetryWait(time.Millisecond, 10*time.Millisecond))
	if err != nil {
		log.Fatal(err)
	}
	n := 0
	for _, err := range client.Transactions.List(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	fmt.Println(n, "transactions in", srv.RequestCount(), "requests")
	// Output:
	// 30 transactions in 2 requests
}

// A fake clock shared by the fake and the client makes waits instant: the
// fake's bucket holds 5 requests and refills one every 12 seconds; the
// client's throttle, set to the same quota, spaces 20 requests on the fake
// clock, and no real time passes.
func ExampleNewClock() {
	clk := postaffiliateprotest.NewClock(time.Date(2026, 4, 20, 9, 0, 0, 0, time.UTC))
	srv := postaffiliateprotest.NewServer(
		postaffiliateprotest.WithClock(clk.Now),
		postaffiliateprotest.WithRateLimit(5, time.Minute),
	)
	defer srv.Close()
	srv.SeedAffiliates(1)
	id := srv.Affiliates()[0].ID

	client, err := srv.Client(postaffiliatepro.WithClock(clk), postaffiliatepro.WithRateLimit(5, time.Minute))
	if err != nil {
		log.Fatal(err)
	}
	start := time.Now()
	for range 20 {
		if _, err := client.Affiliates.Get(context.Background(), id); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println("waited on the fake clock over 3 minutes:", clk.Total() > 3*time.Minute)
	fmt.Println("real time under a second:", time.Since(start) < time.Second)
	// Output:
	// waited on the fake clock over 3 minutes: true
	// real time under a second: true
}
