package postaffiliatepro_test

import (
	"context"
	"fmt"
	"log"

	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

func Example() {
	srv := postaffiliateprotest.NewServer(postaffiliateprotest.WithDemoData())
	defer srv.Close()

	client, err := postaffiliatepro.NewClient(
		postaffiliatepro.WithBaseURL(srv.URL), // or WithAccount("acme")
		postaffiliatepro.WithAPIKey(postaffiliateprotest.APIKey),
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	n := 0
	for a, err := range client.Affiliates.List(ctx, &postaffiliatepro.AffiliateListOptions{Q: "status:A"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%-14s %-10s %s\n", a.Name(), a.ReferralID, a.Status.Label())
		if n++; n == 3 {
			break
		}
	}
	// Output:
	// Alice Tanaka   alice1     approved
	// Bruno Okafor   bruno2     approved
	// Chloe Rossi    chloe3     approved
}

func ExampleTransactionsService_ListPage() {
	srv := postaffiliateprotest.NewServer(postaffiliateprotest.WithDemoData())
	defer srv.Close()
	client, err := postaffiliatepro.NewClient(
		postaffiliatepro.WithBaseURL(srv.URL),
		postaffiliatepro.WithAPIKey(postaffiliateprotest.APIKey),
	)
	if err != nil {
		log.Fatal(err)
	}
	// Fetch one page; a sync job stores resp.NextPage to resume later.
	txs, resp, err := client.Transactions.ListPage(context.Background(), &postaffiliatepro.TransactionListOptions{
		ListParams: postaffiliatepro.ListParams{PerPage: 25},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(txs), "of", *resp.Total, "- next page", resp.NextPage)
	// An Amount prints exactly, with the record's currency.
	fmt.Println(txs[0].OrderID, txs[0].Type.Label(), txs[0].Commission)
	// Output:
	// 25 of 60 - next page 2
	// ORD-01001 sale 8.57 USD
}
