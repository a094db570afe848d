package partnerstack_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

func Example() {
	// The demo data is dated back from the fake's clock; a fixed one keeps
	// the dates (and the keys that carry them) stable.
	day := time.Date(2026, time.January, 15, 9, 30, 0, 0, time.UTC)
	srv := partnerstacktest.NewServer(partnerstacktest.WithDemoData(),
		partnerstacktest.WithClock(func() time.Time { return day }))
	defer srv.Close()

	client, err := partnerstack.NewClient(
		partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey),
		partnerstack.WithBaseURL(srv.URL),
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	n := 0
	for p, err := range client.Partnerships.List(ctx, &partnerstack.PartnershipListOptions{OrderBy: partnerstack.OrderCreatedAt}) {
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
		ListParams: partnerstack.ListParams{PerPage: 2},
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

// newVendorClient starts a fake server with the demo data on a fixed clock
// and returns a Vendor API client for it.
func newVendorClient() (*partnerstacktest.Server, *partnerstack.Client) {
	now := time.Date(2026, time.February, 2, 9, 30, 0, 0, time.UTC)
	srv := partnerstacktest.NewServer(
		partnerstacktest.WithDemoData(),
		partnerstacktest.WithClock(func() time.Time { return now }),
	)
	client, err := partnerstack.NewClient(
		partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey),
		partnerstack.WithBaseURL(srv.URL), // omit for the real API
	)
	if err != nil {
		log.Fatal(err)
	}
	return srv, client
}

// Create records a customer payment, from which PartnerStack computes the
// partner's reward. The amount is exact: it is sent as 12900 cents.
func ExampleTransactionsService_Create() {
	srv, client := newVendorClient()
	defer srv.Close()
	ctx := context.Background()

	cust, _, err := client.Customers.ListPage(ctx, &partnerstack.CustomerListOptions{ListParams: partnerstack.ListParams{PerPage: 1}})
	if err != nil {
		log.Fatal(err)
	}
	amount, err := partnerstack.ParseAmount("129.00", "EUR")
	if err != nil {
		log.Fatal(err)
	}
	tx, err := client.Transactions.Create(ctx, &partnerstack.TransactionCreateParams{
		CustomerKey: cust[0].Key,
		Amount:      amount,
		Currency:    "EUR",
		Key:         "inv_2026_0042",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("customer:", cust[0].Key, cust[0].Name)
	fmt.Println("transaction:", tx.Key, "amount:", tx.Amount, "created:", tx.CreatedAt.Format(time.DateTime))
	// Output:
	// customer: cus_4nUBP3JHnV2ubB Acorn Bakery
	// transaction: inv_2026_0042 amount: 129.00 EUR created: 2026-02-02 09:30:00
}

// PartnerStack has no bulk jobs to wait for; MoveToGroup is its one
// multi-record write, moving several partnerships in a single request.
func ExamplePartnershipsService_MoveToGroup() {
	srv, client := newVendorClient()
	defer srv.Close()
	ctx := context.Background()

	var agencies string
	for g, err := range client.Groups.List(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		if g.Name == "Agencies" {
			agencies = g.Key
		}
	}
	page, _, err := client.Partnerships.ListPage(ctx, &partnerstack.PartnershipListOptions{
		ListParams: partnerstack.ListParams{PerPage: 3}, OrderBy: partnerstack.OrderCreatedAt,
	})
	if err != nil {
		log.Fatal(err)
	}
	var keys []string
	for _, p := range page {
		keys = append(keys, p.Key)
	}
	err = client.Partnerships.MoveToGroup(ctx, &partnerstack.PartnershipMoveParams{
		GroupKey:        agencies,
		PartnershipKeys: keys,
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, key := range keys {
		p, err := client.Partnerships.Get(ctx, key)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(p.Key, p.PartnerKey, "is in", p.Group.Name)
	}
	// Output:
	// part_Pq4ZtX8mVw2Ne6 northwind-digital is in Agencies
	// part_uBaeSmV4znSlws brightpath-media is in Agencies
	// part_HDlwnqhpe2tK5A keystone-consulting is in Agencies
}

// Store Response.NextCursor as a checkpoint, and resume from it later with
// StartingAfter.
func ExampleTransactionsService_ListPage() {
	srv, client := newVendorClient()
	defer srv.Close()
	ctx := context.Background()

	opts := &partnerstack.TransactionListOptions{ListParams: partnerstack.ListParams{PerPage: 3}}
	page, resp, err := client.Transactions.ListPage(ctx, opts)
	if err != nil {
		log.Fatal(err)
	}
	for _, tx := range page {
		fmt.Println(tx.Key, tx.Amount)
	}
	checkpoint := resp.NextCursor // store it, e.g. in a database
	fmt.Println("checkpoint:", checkpoint, "more:", resp.HasMore)

	// Later, perhaps in another process:
	opts = &partnerstack.TransactionListOptions{ListParams: partnerstack.ListParams{PerPage: 3, StartingAfter: checkpoint}}
	page, resp, err = client.Transactions.ListPage(ctx, opts)
	if err != nil {
		log.Fatal(err)
	}
	for _, tx := range page {
		fmt.Println(tx.Key, tx.Amount)
	}
	fmt.Println("checkpoint:", resp.NextCursor, "more:", resp.HasMore)
	// Output:
	// txn_100001_20260202 29.00 USD
	// txn_100002_20260131 49.00 USD
	// txn_100003_20260129 99.00 USD
	// checkpoint: txn_100003_20260129 more: true
	// txn_100004_20260127 199.00 EUR
	// txn_100005_20260125 499.00 GBP
	// txn_100006_20260123 29.00 CAD
	// checkpoint: txn_100006_20260123 more: true
}

// Match a failed call's kind with errors.Is and read PartnerStack's message
// with errors.As.
func Example_errors() {
	srv, client := newVendorClient()
	defer srv.Close()

	_, err := client.Customers.Get(context.Background(), "cus_does_not_exist")
	if errors.Is(err, partnerstack.ErrNotFound) {
		fmt.Println("not found")
	}
	var apiErr *partnerstack.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Method, apiErr.Path, apiErr.Message)
	}
	// Output:
	// not found
	// 404 GET /api/v2/customers/cus_does_not_exist Customer not found.
}

// A program owner uses the Vendor API (NewClient, a key pair); a partner
// uses the read-only Partner API (NewPartnerClient, one key) for its own
// data across programs. Each constructor refuses the other's credentials.
func ExampleNewPartnerClient() {
	srv, vendor := newVendorClient()
	defer srv.Close()
	ctx := context.Background()

	partner, err := partnerstack.NewPartnerClient(
		partnerstack.WithAPIKey(partnerstacktest.APIKey),
		partnerstack.WithBaseURL(srv.URL), // omit for the real API
	)
	if err != nil {
		log.Fatal(err)
	}
	page, _, err := partner.Transactions.ListPage(ctx, &partnerstack.TransactionListOptions{ListParams: partnerstack.ListParams{PerPage: 2}})
	if err != nil {
		log.Fatal(err)
	}
	for _, tx := range page {
		fmt.Println("partner sees:", tx.Key, tx.Amount, tx.PartnershipKey)
	}

	p, err := vendor.Partnerships.Get(ctx, partnerstacktest.PartnerPartnershipKey)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("vendor sees:", p.Key, p.PartnerKey, p.Email)

	_, err = partnerstack.NewClient(partnerstack.WithAPIKey(partnerstacktest.APIKey))
	fmt.Println("vendor client with a partner key:", err)
	// Output:
	// partner sees: txn_100001_20260202 29.00 USD part_Pq4ZtX8mVw2Ne6
	// partner sees: txn_100005_20260125 499.00 GBP part_Pq4ZtX8mVw2Ne6
	// vendor sees: part_Pq4ZtX8mVw2Ne6 northwind-digital elena.park@northwind-digital.example
	// vendor client with a partner key: partnerstack: WithAPIKey is a Partner API key; use NewPartnerClient, or WithKeys here
}

// Any call other than a list can hand back its HTTP response: pass
// WithResponseInto as the last argument. On an error status it holds that
// response's status and headers too.
func ExampleWithResponseInto() {
	srv, client := newVendorClient()
	defer srv.Close()
	ctx := context.Background()

	var resp partnerstack.Response
	p, err := client.Partnerships.Get(ctx, partnerstacktest.PartnerPartnershipKey, partnerstack.WithResponseInto(&resp))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.PartnerKey, resp.StatusCode, resp.Header.Get("Content-Type"))

	_, err = client.Deals.Get(ctx, "deal_missing", partnerstack.WithResponseInto(&resp))
	fmt.Println(errors.Is(err, partnerstack.ErrNotFound), resp.StatusCode)
	// Output:
	// northwind-digital 200 application/json; charset=utf-8
	// true 404
}

// In tests, a fake clock shared by the fake server and the client makes
// retry waits instant: the client waits out the 429's Retry-After of 30
// seconds on the fake clock, and no real time passes.
func ExampleWithClock() {
	clk := partnerstacktest.NewClock(time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC))
	srv := partnerstacktest.NewServer(partnerstacktest.WithDemoData(), partnerstacktest.WithClock(clk.Now))
	defer srv.Close()
	client, err := srv.Client(partnerstack.WithClock(clk))
	if err != nil {
		log.Fatal(err)
	}

	srv.Inject(1, partnerstacktest.Fault{Status: 429, RetryAfter: "30"})
	p, err := client.Partnerships.Get(context.Background(), partnerstacktest.PartnerPartnershipKey)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.PartnerKey, "after waiting", clk.Total(), "on the fake clock")
	// Output:
	// northwind-digital after waiting 30s on the fake clock
}
