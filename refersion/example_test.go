package refersion_test

import (
	"context"
	"errors"
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

// ExampleConversionsService_List lists last month's conversions through
// the GraphQL API, with a client that holds only the GraphQL access token.
// The window is half-open, so this month's list starts where this one
// ends without sharing a conversion. The fake's clock is fixed so that the
// output is the same on every run; the demo conversions are dated from it.
func ExampleConversionsService_List() {
	now := time.Date(2025, time.March, 3, 12, 0, 0, 0, time.UTC) // time.Now() in real code
	srv := refersiontest.NewServer(
		refersiontest.WithDemoData(),
		refersiontest.WithClock(func() time.Time { return now }),
	)
	defer srv.Close()

	client, err := refersion.NewClient(
		refersion.WithGraphQLKey(refersiontest.GraphQLToken),
		refersion.WithGraphQLURL(srv.GraphQLURL),
	)
	if err != nil {
		log.Fatal(err)
	}
	thisMonth := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	from := thisMonth.AddDate(0, -1, 0)
	n, commission := 0, refersion.Amount{}
	for c, err := range client.Conversions.List(context.Background(), &refersion.ConversionListOptions{
		CreatedFrom: from, CreatedTo: thisMonth,
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
	// 40 conversions, 407.05 USD commission
}

// newDemoClient starts a fake server with the demo data on a fixed clock
// and returns a client holding both the REST keys and the GraphQL token.
func newDemoClient() (*refersiontest.Server, *refersion.Client) {
	now := time.Date(2025, time.April, 7, 10, 0, 0, 0, time.UTC)
	srv := refersiontest.NewServer(
		refersiontest.WithDemoData(),
		refersiontest.WithClock(func() time.Time { return now }),
	)
	client, err := refersion.NewClient(
		refersion.WithKeys(refersiontest.PublicKey, refersiontest.SecretKey),
		refersion.WithBaseURL(srv.URL), // omit for the real API
		refersion.WithGraphQLKey(refersiontest.GraphQLToken),
		refersion.WithGraphQLURL(srv.GraphQLURL), // omit for the real API
	)
	if err != nil {
		log.Fatal(err)
	}
	return srv, client
}

// Create answers the new affiliate's code, which is in its referral link,
// and its numeric id, which the writes such as Update take.
func ExampleAffiliatesService_Create() {
	srv, client := newDemoClient()
	defer srv.Close()
	ctx := context.Background()

	created, err := client.Affiliates.Create(ctx, &refersion.AffiliateCreateParams{
		FirstName: "Nina",
		LastName:  "Alvarez",
		Email:     "nina.alvarez@example.com",
		Password:  "Tr0ub4dor&Horse",
		Status:    refersion.AffiliateActive,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("code:", created.Code, "id:", created.ID)
	fmt.Println("link:", created.Link)

	res, err := client.Affiliates.Update(ctx, created.ID, &refersion.AffiliateUpdateParams{Company: "Alvarez Studio"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("updated:", res.Changed(created.ID))
	// Output:
	// code: l4l2f id: 37567437
	// link: https://demo.refersion.com/c/l4l2f
	// updated: true
}

// A referral link carries the affiliate's code; the writes take its numeric
// id. GetByCode resolves one to the other.
func ExampleAffiliatesService_GetByCode() {
	srv, client := newDemoClient()
	defer srv.Close()
	ctx := context.Background()

	a, err := client.Affiliates.GetByCode(ctx, "aeta") // from https://.../c/aeta
	if err != nil {
		log.Fatal(err)
	}
	id, ok := a.ID.Int64()
	if !ok {
		log.Fatalf("affiliate %s has no numeric id", a.Code)
	}
	fmt.Println(a.Code, "is affiliate", id, a.FirstName, a.LastName)

	commission, err := refersion.ParseAmount("12.50", "USD")
	if err != nil {
		log.Fatal(err)
	}
	credit, err := client.Conversions.ManualCredit(ctx, &refersion.ConversionManualCreditParams{
		ID:         id,
		Commission: commission,
		Status:     refersion.ConversionApproved,
		Notes:      "Podcast mention, March",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("credited", commission, "as conversion", credit.ConversionID)
	// Output:
	// aeta is affiliate 37567402 Joe Smith
	// credited 12.50 USD as conversion 11900091
}

// ChangeStatus approves or denies many conversions in one call. Refersion
// has no bulk jobs to wait for: the answer lists at once which ids changed
// and which did not.
func ExampleConversionsService_ChangeStatus() {
	srv, client := newDemoClient()
	defer srv.Close()
	ctx := context.Background()

	// The ids of the pending conversions, as conversion webhooks deliver
	// them; here the fake's records stand in for them.
	var ids []int64
	for _, c := range srv.Conversions() {
		if c.Status == refersion.ConversionPending && len(ids) < 4 {
			fmt.Printf("%d order %s: total %v, commission %v\n", c.ID, c.OrderID,
				c.Total.WithCurrency(c.Currency), c.CommissionTotal.WithCurrency(c.Currency))
			ids = append(ids, c.ID)
		}
	}
	res, err := client.Conversions.ChangeStatus(ctx, refersion.ConversionApproved, append(ids, 99999999))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("changed:", res.IDsChanged)
	fmt.Println("not changed:", res.IDsNotChanged)
	// Output:
	// 11900003 order #1003: total 131.00 USD, commission 13.10 USD
	// 11900006 order #1006: total 133.99 USD, commission 13.40 USD
	// 11900010 order #1010: total 91.00 USD, commission 13.65 USD
	// 11900013 order #1013: total 24.00 USD, commission 3.60 USD
	// changed: [11900003 11900006 11900010 11900013]
	// not changed: [99999999]
}

// Store Response.NextPage as a checkpoint, and resume from it later.
func ExampleAffiliatesService_ListPage() {
	srv, client := newDemoClient()
	defer srv.Close()
	ctx := context.Background()

	opts := &refersion.AffiliateListOptions{PerPage: 3}
	page, resp, err := client.Affiliates.ListPage(ctx, opts)
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range page {
		fmt.Println(a.Code, a.Email)
	}
	checkpoint := resp.NextPage // store it, e.g. in a database
	fmt.Println("next page:", checkpoint, "more:", resp.HasMore)

	// Later, perhaps in another process:
	page, resp, err = client.Affiliates.ListPage(ctx, &refersion.AffiliateListOptions{Page: checkpoint, PerPage: 3})
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range page {
		fmt.Println(a.Code, a.Email)
	}
	fmt.Println("next page:", resp.NextPage, "more:", resp.HasMore)
	// Output:
	// zoz7f barbara.verde@example.com
	// aeta joe.smith@example.com
	// vuf5 martha.williams@example.com
	// next page: 2 more: true
	// 1ha10 bill.okafor@example.com
	// 22pmv aisha.garcia@example.com
	// 2o58q diego.chen@example.com
	// next page: 3 more: true
}

// Match a failed call's kind with errors.Is and read Refersion's message
// with errors.As. Refersion answers an unknown affiliate id with a 422,
// which the package reads as what it means: ErrNotFound.
func Example_errors() {
	srv, client := newDemoClient()
	defer srv.Close()

	_, err := client.Affiliates.Get(context.Background(), 1)
	if errors.Is(err, refersion.ErrNotFound) {
		fmt.Println("no such affiliate")
	}
	var apiErr *refersion.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Message)
	}
	// Output:
	// no such affiliate
	// 422 Affiliate not found.
}

// WithResponseInto gives a call that returns one record, or a write, its
// HTTP response: the status, the headers, the rate limit and the request
// id. A failed call fills it too, from the error's response.
func ExampleWithResponseInto() {
	srv, client := newDemoClient()
	defer srv.Close()
	ctx := context.Background()

	var resp refersion.Response
	a, err := client.Affiliates.GetByCode(ctx, "aeta", refersion.WithResponseInto(&resp))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.FirstName, a.LastName, resp.StatusCode, resp.Header.Get("Content-Type"))

	_, err = client.Affiliates.Get(ctx, 1, refersion.WithResponseInto(&resp))
	fmt.Println(errors.Is(err, refersion.ErrNotFound), resp.StatusCode)
	// Output:
	// Joe Smith 200 application/json; charset=utf-8
	// true 422
}
