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

	client, err := partnerstack.NewClient(
		partnerstack.WithBaseURL(srv.URL),
		partnerstack.WithVendorKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey),
		partnerstack.WithRetryWait(time.Millisecond, 10*time.Millisecond),
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
