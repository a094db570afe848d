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

	client, err := everflow.NewClient(
		everflow.WithBaseURL(srv.URL),
		everflow.WithAPIKey(everflowtest.APIKey),
		everflow.WithRetryWait(time.Millisecond, 10*time.Millisecond),
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
