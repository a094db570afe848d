package refersion_test

import (
	"context"
	"fmt"
	"log"

	"github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// Example lists the first affiliates of an account, here the fake server's
// demo account, and totals the approved conversions.
func Example() {
	srv := refersiontest.NewServer(refersiontest.WithDemoData())
	defer srv.Close()

	client, err := refersion.NewClient(
		refersion.WithKeys(refersiontest.PublicKey, refersiontest.SecretKey),
		refersion.WithBaseURL(srv.URL),
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	n := 0
	for a, err := range client.Affiliates.List(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%-6s %-16s %-8s offer %s\n", a.Code, a.FirstName+" "+a.LastName, a.Status, a.OfferID)
		if n++; n == 4 {
			break
		}
	}

	totals, err := client.Conversions.Totals(ctx, &refersion.ConversionTotalsParams{
		Status: []refersion.ConversionStatus{refersion.ConversionApproved},
	})
	if err != nil {
		log.Fatal(err)
	}
	// An Amount prints exactly, with its currency: "387.60 USD".
	fmt.Printf("%d approved conversions, %v commission\n", totals.ConversionsCount, totals.CommissionTotal)
	// Output:
	// zoz7f  Barbara Verde    ACTIVE   offer 1234
	// aeta   Joe Smith        ACTIVE   offer 1234
	// vuf5   Martha Williams  ACTIVE   offer 5678
	// 1ha10  Bill Okafor      ACTIVE   offer 1234
	// 39 approved conversions, 387.60 USD commission
}

// ExampleAffiliatesService_Search finds affiliates by part of their email.
func ExampleAffiliatesService_Search() {
	srv := refersiontest.NewServer(refersiontest.WithDemoData())
	defer srv.Close()
	client, err := refersion.NewClient(
		refersion.WithKeys(refersiontest.PublicKey, refersiontest.SecretKey),
		refersion.WithBaseURL(srv.URL),
	)
	if err != nil {
		log.Fatal(err)
	}
	for a, err := range client.Affiliates.Search(context.Background(), "smith") {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(a.Email)
	}
	// Output:
	// joe.smith@example.com
	// barbara.smith@example.com
}
