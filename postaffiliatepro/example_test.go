package postaffiliatepro_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"net/url"
	"time"

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

// newDemoServer starts a fake server with the demo data on a fixed clock.
func newDemoServer(opts ...postaffiliateprotest.ServerOption) *postaffiliateprotest.Server {
	now := time.Date(2025, time.June, 2, 8, 0, 0, 0, time.UTC)
	return postaffiliateprotest.NewServer(append([]postaffiliateprotest.ServerOption{
		postaffiliateprotest.WithDemoData(),
		postaffiliateprotest.WithClock(func() time.Time { return now }),
	}, opts...)...)
}

// newDemoClient returns a client for srv.
func newDemoClient(srv *postaffiliateprotest.Server, opts ...postaffiliatepro.Option) *postaffiliatepro.Client {
	client, err := postaffiliatepro.NewClient(append([]postaffiliatepro.Option{
		postaffiliatepro.WithBaseURL(srv.URL), // or WithAccount("acme")
		postaffiliatepro.WithAPIKey(postaffiliateprotest.APIKey),
	}, opts...)...)
	if err != nil {
		log.Fatal(err)
	}
	return client
}

// Create signs up an affiliate, and Transactions.Create credits it with a
// sale; the commission is exact, sent as the decimal 7.50.
func ExampleTransactionsService_Create() {
	srv := newDemoServer()
	defer srv.Close()
	client := newDemoClient(srv)
	ctx := context.Background()

	a, err := client.Affiliates.Create(ctx, &postaffiliatepro.AffiliateCreateParams{
		Username:   "nina.alvarez@example.com",
		FirstName:  "Nina",
		LastName:   "Alvarez",
		ReferralID: "nina",
		Status:     postaffiliatepro.StatusApproved,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("affiliate:", a.ID, a.Name(), a.ReferralID, a.Status.Label())

	total, err := postaffiliatepro.ParseAmount("150.00", "USD")
	if err != nil {
		log.Fatal(err)
	}
	commission, err := postaffiliatepro.ParseAmount("7.50", "USD")
	if err != nil {
		log.Fatal(err)
	}
	tx, err := client.Transactions.Create(ctx, &postaffiliatepro.TransactionCreateParams{
		AffiliateID: a.ID,
		Type:        postaffiliatepro.TypeSale,
		TotalCost:   total,
		Commission:  &commission,
		OrderID:     "ORD-02001",
		Status:      postaffiliatepro.StatusPending,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("transaction:", tx.ID, tx.OrderID, tx.Status.Label(), "total:", tx.TotalCost, "commission:", tx.Commission)
	// Output:
	// affiliate: 6aed7de5 Nina Alvarez nina approved
	// transaction: 533563e5 ORD-02001 pending total: 150 USD commission: 7.5 USD
}

// Post Affiliate Pro has no bulk endpoint or batch to wait for: approving
// several pending commissions is one Update each.
func ExampleTransactionsService_Update() {
	srv := newDemoServer()
	defer srv.Close()
	client := newDemoClient(srv)
	ctx := context.Background()

	var pending []*postaffiliatepro.Transaction
	for tx, err := range client.Transactions.List(ctx, &postaffiliatepro.TransactionListOptions{Q: "status:P"}) {
		if err != nil {
			log.Fatal(err)
		}
		if pending = append(pending, tx); len(pending) == 3 {
			break
		}
	}
	for _, tx := range pending {
		tx, err := client.Transactions.Update(ctx, tx.ID, &postaffiliatepro.TransactionUpdateParams{
			Status:       postaffiliatepro.StatusApproved,
			MerchantNote: "approved after the refund window",
		})
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(tx.ID, tx.OrderID, tx.Status.Label(), "commission:", tx.Commission)
	}
	// Output:
	// d7684e03 ORD-01005 approved commission: 30.85 USD
	// e43d03ed ORD-01010 approved commission: 78.06 USD
	// df3cfc0e ORD-01015 approved commission: 23.99 USD
}

// The v3 paging parameters are not public: offset/limit is the default and
// WithPagination switches to page/per_page. Either way a stored
// Response.NextPage resumes the list.
func ExampleWithPagination() {
	for _, style := range []postaffiliatepro.Pagination{postaffiliatepro.OffsetLimit, postaffiliatepro.PagePerPage} {
		srv := newDemoServer(postaffiliateprotest.WithPagination(postaffiliateprotest.Pagination(style)))
		client := newDemoClient(srv, postaffiliatepro.WithPagination(style))
		ctx := context.Background()

		opts := &postaffiliatepro.AffiliateListOptions{ListParams: postaffiliatepro.ListParams{PerPage: 4}}
		_, resp, err := client.Affiliates.ListPage(ctx, opts)
		if err != nil {
			log.Fatal(err)
		}
		checkpoint := resp.NextPage // store it, e.g. in a database

		// Later, perhaps in another process:
		opts.Page = checkpoint
		page, resp, err := client.Affiliates.ListPage(ctx, opts)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%s: page %d starts at %s, next page %d\n", style, checkpoint, page[0].Name(), resp.NextPage)
		srv.Close()
	}
	// Output:
	// offset/limit: page 2 starts at Elena Silva, next page 3
	// page/per_page: page 2 starts at Elena Silva, next page 3
}

// Match a failed call's kind with errors.Is and read the message with
// errors.As.
func Example_errors() {
	srv := newDemoServer()
	defer srv.Close()
	client := newDemoClient(srv)

	_, err := client.Affiliates.Get(context.Background(), "nosuch1")
	if errors.Is(err, postaffiliatepro.ErrNotFound) {
		fmt.Println("no such affiliate")
	}
	var apiErr *postaffiliatepro.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Message)
	}
	// Output:
	// no such affiliate
	// 404 Affiliate "nosuch1" not found
}

// Every account has its own host: WithAccount("acme") talks to
// https://acme.postaffiliatepro.com/api/v3. Here a transport shows the
// requests and sends them on to the fake server.
func ExampleWithAccount() {
	srv := newDemoServer()
	defer srv.Close()
	fake, err := url.Parse(srv.URL)
	if err != nil {
		log.Fatal(err)
	}
	client, err := postaffiliatepro.NewClient(
		postaffiliatepro.WithAccount("acme"),
		postaffiliatepro.WithAPIKey(postaffiliateprotest.APIKey),
		postaffiliatepro.WithHTTPClient(&http.Client{Transport: roundTripFunc(func(req *http.Request) (*http.Response, error) {
			fmt.Println(req.Method, req.URL)
			req = req.Clone(req.Context())
			req.URL.Scheme, req.URL.Host = fake.Scheme, fake.Host
			req.Host = ""
			return http.DefaultTransport.RoundTrip(req)
		})}),
	)
	if err != nil {
		log.Fatal(err)
	}
	page, _, err := client.Affiliates.ListPage(context.Background(), &postaffiliatepro.AffiliateListOptions{
		ListParams: postaffiliatepro.ListParams{PerPage: 2},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range page {
		fmt.Println(a.ID, a.Name(), a.ReferralID)
	}
	// Output:
	// GET https://acme.postaffiliatepro.com/api/v3/affiliates?limit=2&offset=0
	// f1c80a70 Alice Tanaka alice1
	// f4c80f29 Bruno Okafor bruno2
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(req *http.Request) (*http.Response, error) { return f(req) }

// Any call other than a list can hand back its HTTP response: pass
// WithResponseInto as the last argument. It carries the quota the answer
// announced, and on an error status that response's status and headers.
func ExampleWithResponseInto() {
	srv := newDemoServer()
	defer srv.Close()
	client := newDemoClient(srv)
	ctx := context.Background()

	var resp postaffiliatepro.Response
	a, err := client.Affiliates.Get(ctx, srv.Affiliates()[0].ID, postaffiliatepro.WithResponseInto(&resp))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(a.Name(), resp.StatusCode, "quota:", resp.RateLimit.Remaining, "of", resp.RateLimit.Limit)

	_, err = client.Campaigns.Get(ctx, "missing", postaffiliatepro.WithResponseInto(&resp))
	fmt.Println(errors.Is(err, postaffiliatepro.ErrNotFound), resp.StatusCode)
	// Output:
	// Alice Tanaka 200 quota: 99 of 100
	// true 404
}

// In tests, a fake clock shared by the fake server and the client makes
// retry waits instant: the client waits out the 429's Retry-After of 30
// seconds on the fake clock, and no real time passes.
func ExampleWithClock() {
	clk := postaffiliateprotest.NewClock(time.Date(2026, 4, 20, 9, 0, 0, 0, time.UTC))
	srv := postaffiliateprotest.NewServer(postaffiliateprotest.WithDemoData(), postaffiliateprotest.WithClock(clk.Now))
	defer srv.Close()
	client, err := srv.Client(postaffiliatepro.WithClock(clk))
	if err != nil {
		log.Fatal(err)
	}

	srv.Inject(1, postaffiliateprotest.Fault{Status: 429, RetryAfter: "30"})
	c, err := client.Campaigns.Get(context.Background(), srv.Campaigns()[0].ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(c.Name, "after waiting", clk.Total(), "on the fake clock")
	// Output:
	// Default Campaign after waiting 30s on the fake clock
}
