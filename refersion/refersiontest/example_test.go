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

	client, err := refersion.NewClient(
		refersion.WithBaseURL(srv.URL),
		refersion.WithKeys(refersiontest.PublicKey, refersiontest.SecretKey),
		refersion.WithRetryWait(time.Millisecond, 10*time.Millisecond),
	)
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
