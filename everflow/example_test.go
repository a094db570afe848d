package everflow_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

func Example() {
	srv := everflowtest.NewServer(everflowtest.WithDemoData())
	defer srv.Close()
	client, err := everflow.NewClient(
		everflow.WithAPIKey(everflowtest.APIKey),
		everflow.WithBaseURL(srv.URL),
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	n := 0
	for a, err := range client.Affiliates.List(ctx, &everflow.AffiliateListOptions{AccountStatus: everflow.AccountActive}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%d %s (%s)\n", a.NetworkAffiliateID, a.Name, a.DefaultCurrencyID)
		if n++; n == 3 {
			break
		}
	}

	report, err := client.Postbacks.List(ctx, &everflow.PostbackReportParams{
		From:       time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC),
		To:         time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC),
		TimezoneID: everflow.TimezoneUTC,
		Query: everflow.Query{Filters: []everflow.Filter{
			everflow.OfferFilter(5),
			everflow.DeliveryStatusFilter(everflow.DeliveryFailure),
		}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(report.Postbacks), "failed postbacks for offer 5")
	for _, p := range report.Postbacks {
		fmt.Println(p.Timestamp.Format(time.DateTime), p.Relationship.Affiliate.Name, p.FailedAttempts)
	}
	// Output:
	// 1 Apex Media (USD)
	// 2 Bluebird Media (USD)
	// 3 Cedar Media (USD)
	// 3 failed postbacks for offer 5
	// 2024-02-01 01:39:05 Foxglove Partners 3
	// 2024-02-14 04:48:37 Driftwood Media 3
	// 2024-02-17 01:14:40 Ember Media 3
}

// Stream the postback log as CSV in constant memory, reading columns by
// their header names.
func ExamplePostbacksService_ExportCSV() {
	srv := everflowtest.NewServer(everflowtest.WithDemoData())
	defer srv.Close()
	client, err := everflow.NewClient(everflow.WithAPIKey(everflowtest.APIKey), everflow.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	params := &everflow.PostbackReportParams{
		From:       time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC),
		To:         time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC),
		TimezoneID: everflow.TimezoneUTC,
		Query:      everflow.Query{Filters: []everflow.Filter{everflow.DeliveryStatusFilter(everflow.DeliveryFailure)}},
	}
	rows := 0
	for rec, err := range client.Postbacks.ExportCSV(context.Background(), params) {
		if err != nil {
			log.Fatal(err)
		}
		if rows++; rows <= 2 {
			fmt.Println(rec.Get("transaction_id"), rec.Get("is_success"), rec.Get("failed_attempts"))
		}
	}
	fmt.Println(rows, "failed postbacks")
	// Output:
	// 419c1253e8a6ff19aa97a07d543140c4 false 3
	// a7213889b76e40f111ee118bdee77b53 false 3
	// 59 failed postbacks
}
