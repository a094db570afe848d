package partnerstack_test

import (
	"context"
	"fmt"
	"log"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

func Example() {
	srv := partnerstacktest.NewServer(partnerstacktest.WithDemoData())
	defer srv.Close()

	client, err := partnerstack.NewClient(
		partnerstack.WithVendorKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey),
		partnerstack.WithBaseURL(srv.URL),
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	n := 0
	for p, err := range client.Partnerships.List(ctx, &partnerstack.PartnershipListOptions{OrderBy: "created_at"}) {
		if err != nil {
			log.Fatal(err)
		}
		customers, _ := p.Stats.Count(partnerstack.StatCustomerCount)
		fmt.Printf("%-20s %s %s, %d customers\n", p.PartnerKey, p.FirstName, p.LastName, customers)
		if n++; n == 3 {
			break
		}
	}

	page, resp, err := client.Transactions.ListPage(ctx, &partnerstack.TransactionListOptions{
		ListParams: partnerstack.ListParams{Limit: 2},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, tx := range page {
		// Amount prints exactly, with its currency: "29.00 USD".
		fmt.Printf("%s %v %s\n", tx.Key, tx.Amount, tx.CreatedAt.Format("2006-01-02 15:04"))
	}
	fmt.Println("more:", resp.HasMore, "resume after:", resp.NextCursor)
	// Output:
	// northwind-digital    Elena Park, 17 customers
	// brightpath-media     Marcus Martin, 0 customers
	// keystone-consulting  Priya Tanaka, 3 customers
	// txn_100001_20260115 29.00 USD 2026-01-15 08:49
	// txn_100002_20260113 49.00 USD 2026-01-13 09:49
	// more: true resume after: txn_100002_20260113
}
