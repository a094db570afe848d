package partnerstacktest_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

// Example seeds transactions, makes the first request fail with a 503 and
// shows the client recovering.
func Example() {
	srv := partnerstacktest.NewServer()
	defer srv.Close()
	srv.SeedTransactions(30)
	srv.Inject(1, partnerstacktest.Fault{Status: 503})

	client, err := srv.Client(partnerstack.WithRetryWait(time.Millisecond, 10*time.Millisecond))
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
// fake meters 2 requests a minute, the client waits out each 429's
// Retry-After on the fake clock, and no real time passes.
func ExampleNewClock() {
	clk := partnerstacktest.NewClock(time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC))
	srv := partnerstacktest.NewServer(
		partnerstacktest.WithClock(clk.Now),
		partnerstacktest.WithRateLimit(2, time.Minute),
	)
	defer srv.Close()
	srv.SeedPartnerships(3)

	client, err := srv.Client(partnerstack.WithClock(clk))
	if err != nil {
		log.Fatal(err)
	}
	start := time.Now()
	for _, p := range srv.Partnerships() {
		if _, err := client.Partnerships.Get(context.Background(), p.Key); err != nil {
			log.Fatal(err)
		}
	}
	fmt.Println("waited on the fake clock:", clk.Total())
	fmt.Println("real time under a second:", time.Since(start) < time.Second)
	// Output:
	// waited on the fake clock: 1m0s
	// real time under a second: true
}

// Records are seeded with the client's types, time.Time and
// partnerstack.Amount; the client reads back what was seeded.
func ExampleServer_AddTransaction() {
	srv := partnerstacktest.NewServer()
	defer srv.Close()
	amount, err := partnerstack.ParseAmount("49.00", "EUR")
	if err != nil {
		log.Fatal(err)
	}
	p := srv.AddPartnership(partnerstacktest.Partnership{Email: "ana@example.com"})
	c := srv.AddCustomer(partnerstacktest.Customer{PartnershipKey: p.Key})
	srv.AddTransaction(partnerstacktest.Transaction{
		Key: "tx_1", CustomerKey: c.Key, Amount: amount, Currency: "EUR",
		CreatedAt: time.Date(2026, 1, 15, 9, 30, 0, 0, time.UTC),
	})

	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	for tx, err := range client.Transactions.List(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(tx.Key, tx.Amount, tx.AmountUSD, tx.CreatedAt.Format(time.DateTime))
	}
	// Output:
	// tx_1 49.00 EUR 52.92 USD 2026-01-15 09:30:00
}
