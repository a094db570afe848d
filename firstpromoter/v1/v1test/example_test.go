package v1test_test

import (
	"context"
	"fmt"
	"log"
	"net/http"
	"time"

	v1 "github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1/v1test"
)

// One fake clock for the client and the server: the client's retries wait
// on it, so a test of a flaky endpoint takes no real time. (A read is
// retried on a 503; a create is not.)
func ExampleNewClock() {
	start := time.Date(2026, time.March, 16, 12, 0, 0, 0, time.UTC)
	clk := v1test.NewClock(start)
	srv := v1test.NewServer(v1test.WithClock(clk.Now))
	defer srv.Close()
	client, err := srv.Client(v1.WithClock(clk), v1.WithRetryWait(time.Second, time.Second))
	if err != nil {
		log.Fatal(err)
	}
	id := srv.SeedPromoters(1)[0].ID
	srv.Inject(2, v1test.Fault{Status: http.StatusServiceUnavailable})
	p, err := client.Promoters.Get(context.Background(), id)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("promoter", p.ID, "read after", srv.RequestCount(), "requests and", clk.Total(), "of fake waits")
	// Output:
	// promoter 1001 read after 3 requests and 2s of fake waits
}

// The seeded records hold the client's types: the reward's Amount and the
// payout's CreatedAt compare with what the client reads.
func ExampleServer_SeedRewards() {
	srv := v1test.NewServer(v1test.WithClock(func() time.Time { return time.Date(2026, 3, 16, 12, 0, 0, 0, time.UTC) }))
	defer srv.Close()
	seeded := srv.SeedRewards(1)[0]
	payout := srv.SeedPayouts(1)[0]
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	for r, err := range client.Rewards.List(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		same, err := r.Amount.Cmp(seeded.Amount)
		fmt.Println("reward", r.Amount, "as seeded:", same == 0 && err == nil)
	}
	for p, err := range client.Payouts.List(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("payout", p.Amount, "created", p.CreatedAt.Equal(payout.CreatedAt), p.CreatedAt.Format(time.DateTime))
	}
	// Output:
	// reward 10.00 as seeded: true
	// payout 30.00 created true 2026-03-16 12:00:00
}
