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

	client, err := postaffiliatepro.NewClient(
		postaffiliatepro.WithBaseURL(srv.URL),
		postaffiliatepro.WithAPIKey(postaffiliateprotest.APIKey),
		postaffiliatepro.WithRetryWait(time.Millisecond, 10*time.Millisecond),
	)
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
