package refersion_test

import (
	"context"
	"fmt"
	"log"
	"time"

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

// ExampleConversionsService_List lists the conversions of February 2025
// through the GraphQL API, with a client that holds only the GraphQL
// access token. The window is half-open, so March's list starts where
// this one ends without sharing a conversion.
func ExampleConversionsService_List() {
	srv := refersiontest.NewServer(refersiontest.WithDemoData())
	defer srv.Close()

	client, err := refersion.NewClient(
		refersion.WithGraphQLKey(refersiontest.GraphQLToken),
		refersion.WithGraphQLURL(srv.GraphQLURL),
	)
	if err != nil {
		log.Fatal(err)
	}
	from := time.Date(2025, time.February, 1, 0, 0, 0, 0, time.UTC)
	n, commission := 0, refersion.Amount{}
	for c, err := range client.Conversions.List(context.Background(), &refersion.ConversionListOptions{
		CreatedFrom: from, CreatedTo: from.AddDate(0, 1, 0),
	}) {
		if err != nil {
			log.Fatal(err)
		}
		if commission, err = commission.Add(c.CommissionTotal); err != nil {
			log.Fatal(err)
		}
		n++
	}
	fmt.Println(n, "conversions,", commission, "commission")
	// Output:
	// 39 conversions, 404.85 USD commission
}
