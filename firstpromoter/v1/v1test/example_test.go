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
