package firstpromoter_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

// Example lists referrals with the iterator, against the fake server.
func Example() {
	srv := firstpromotertest.NewServer(firstpromotertest.WithDemoData())
	defer srv.Close()

	client, err := firstpromoter.NewClient(
		firstpromoter.WithBaseURL(srv.URL), // omit for the real API
		firstpromoter.WithAPIKey(firstpromotertest.APIKey),
		firstpromoter.WithAccountID(firstpromotertest.AccountID),
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	n := 0
	for ref, err := range client.Referrals.List(ctx, &firstpromoter.ReferralListOptions{
		Filters: firstpromoter.ReferralFilters{State: firstpromoter.ReferralActive},
	}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(ref.ID, ref.Email, ref.State)
		if n++; n == 3 {
			break
		}
	}
	// Output:
	// 20001 grace.hughes@example.org active
	// 20002 owen.reyes@example.net active
	// 20003 lily.porter@mail.example.com active
}

// ExampleReferralsService_ListPage stores where a job stopped and resumes
// from it.
func ExampleReferralsService_ListPage() {
	srv := firstpromotertest.NewServer()
	defer srv.Close()
	srv.SeedReferrals(150)
	client, err := firstpromoter.NewClient(firstpromoter.WithBaseURL(srv.URL),
		firstpromoter.WithAPIKey(firstpromotertest.APIKey), firstpromoter.WithAccountID(firstpromotertest.AccountID))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()
	opts := &firstpromoter.ReferralListOptions{}
	for {
		page, resp, err := client.Referrals.ListPage(ctx, opts)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("page %d: %d referrals, next page %d\n", opts.Page, len(page), resp.NextPage)
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage // a checkpoint to store
	}
	// Output:
	// page 0: 100 referrals, next page 2
	// page 2: 50 referrals, next page 0
}

// Example_errors matches API errors with errors.Is and errors.As.
func Example_errors() {
	srv := firstpromotertest.NewServer()
	defer srv.Close()
	client, err := firstpromoter.NewClient(firstpromoter.WithBaseURL(srv.URL),
		firstpromoter.WithAPIKey(firstpromotertest.APIKey), firstpromoter.WithAccountID(firstpromotertest.AccountID))
	if err != nil {
		log.Fatal(err)
	}
	_, err = client.Promoters.Get(context.Background(), 42)
	var apiErr *firstpromoter.Error
	if errors.Is(err, firstpromoter.ErrNotFound) && errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Message, apiErr.Code)
	}
	// Output:
	// 404 Record not found not_found
}

// newDemoClient starts a fake server with the demo data on a fixed clock
// and returns a client for it.
func newDemoClient(opts ...firstpromotertest.ServerOption) (*firstpromotertest.Server, *firstpromoter.Client) {
	now := time.Date(2026, time.March, 16, 12, 0, 0, 0, time.UTC)
	opts = append([]firstpromotertest.ServerOption{
		firstpromotertest.WithDemoData(),
		firstpromotertest.WithClock(func() time.Time { return now }),
	}, opts...)
	srv := firstpromotertest.NewServer(opts...)
	client, err := srv.Client() // the fake's URL and credentials
	if err != nil {
		log.Fatal(err)
	}
	return srv, client
}

// Create adds a promoter; Update changes it later by its id.
func ExamplePromotersService_Create() {
	srv, client := newDemoClient()
	defer srv.Close()
	ctx := context.Background()

	approve := true
	p, err := client.Promoters.Create(ctx, &firstpromoter.PromoterCreateParams{
		Email:         "nina.alvarez@example.com",
		CustID:        "cus_900001",
		Profile:       &firstpromoter.PromoterProfileParams{FirstName: "Nina", LastName: "Alvarez", Country: "ES"},
		AlwaysApprove: &approve,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created:", p.ID, p.Email, p.Name)

	p, err = client.Promoters.Update(ctx, p.ID, &firstpromoter.PromoterUpdateParams{
		Profile: &firstpromoter.PromoterProfileParams{Website: "https://ninaalvarez.example.com"},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("updated:", p.ID, p.Profile.Website)
	// Output:
	// created: 5026 nina.alvarez@example.com Nina Alvarez
	// updated: 5026 https://ninaalvarez.example.com
}

// A bulk action over more than 5 ids returns a batch that completes in the
// background: BatchProcesses.Wait polls it until it is done.
func ExampleBatchProcessesService_Wait() {
	srv, client := newDemoClient(firstpromotertest.WithBatchPolls(1))
	defer srv.Close()
	ctx := context.Background()

	pending, _, err := client.Commissions.ListPage(ctx, &firstpromoter.CommissionListOptions{
		Filters: firstpromoter.CommissionFilters{Status: firstpromoter.CommissionPending},
	})
	if err != nil {
		log.Fatal(err)
	}
	var ids []int64
	for _, c := range pending {
		// Commission amounts are in the account's currency, which the
		// records do not name; this account bills in USD.
		fmt.Printf("pending %d: commission %v on a sale of %v\n", c.ID, c.Amount.WithCurrency("USD"), c.SaleAmount.WithCurrency("USD"))
		ids = append(ids, c.ID)
	}

	batch, err := client.Commissions.Approve(ctx, ids)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("batch", batch.ID, batch.Status)
	batch, err = client.BatchProcesses.Wait(ctx, batch)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("batch %d %s: %d processed, %d failed\n", batch.ID, batch.Status, batch.ProcessedCount, batch.FailedCount)
	// Output:
	// pending 40005: commission 50.00 USD on a sale of 199.00 USD
	// pending 40014: commission 9.80 USD on a sale of 49.00 USD
	// pending 40023: commission 39.80 USD on a sale of 199.00 USD
	// pending 40032: commission 14.70 USD on a sale of 49.00 USD
	// pending 40041: commission 39.80 USD on a sale of 199.00 USD
	// pending 40050: commission 9.80 USD on a sale of 49.00 USD
	// pending 40059: commission 59.70 USD on a sale of 199.00 USD
	// pending 40068: commission 14.70 USD on a sale of 49.00 USD
	// pending 40077: commission 39.80 USD on a sale of 199.00 USD
	// batch 301 in_progress
	// batch 301 completed: 9 processed, 0 failed
}

// Promoters can be found by the keys other systems know them by: their
// email, or the referral token in their links.
func ExamplePromotersService_GetByEmail() {
	srv, client := newDemoClient()
	defer srv.Close()
	ctx := context.Background()

	p, err := client.Promoters.GetByEmail(ctx, "liam.carter@example.org")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.ID, p.Name)
	for _, pc := range p.PromoterCampaigns {
		if pc.RefToken != nil {
			fmt.Println("ref token:", *pc.RefToken)
		}
	}
	// Output:
	// 5002 Liam Carter
	// ref token: liam
}

// GetByRefToken resolves the ref id of a referral link (?fpr=...) to its
// promoter.
func ExamplePromotersService_GetByRefToken() {
	srv, client := newDemoClient()
	defer srv.Close()
	ctx := context.Background()

	p, err := client.Promoters.GetByRefToken(ctx, "emma")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.ID, p.Name, p.Email)
	// Output:
	// 5003 Emma Nguyen emma.nguyen@example.net
}

// WithResponseInto gives access to the HTTP response of a call that
// returns a record: its status, headers and request id, on success and on
// an API error.
func ExampleWithResponseInto() {
	srv, client := newDemoClient()
	defer srv.Close()
	ctx := context.Background()

	var resp firstpromoter.Response
	p, err := client.Promoters.Create(ctx, &firstpromoter.PromoterCreateParams{Email: "ada.moss@example.com"},
		firstpromoter.WithResponseInto(&resp))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created", p.Email, "with status", resp.StatusCode)

	_, err = client.Promoters.Get(ctx, 999999, firstpromoter.WithResponseInto(&resp))
	fmt.Println(errors.Is(err, firstpromoter.ErrNotFound), resp.StatusCode, resp.Header.Get("Content-Type"))
	// Output:
	// created ada.moss@example.com with status 201
	// true 404 application/json; charset=utf-8
}

// WithClock gives the client the fake's clock, so retry waits in a test
// take no real time: two 503s and the read that succeeds after them.
func ExampleWithClock() {
	clk := firstpromotertest.NewClock(time.Date(2026, time.March, 16, 12, 0, 0, 0, time.UTC))
	srv := firstpromotertest.NewServer(firstpromotertest.WithDemoData(), firstpromotertest.WithClock(clk.Now))
	defer srv.Close()
	client, err := srv.Client(firstpromoter.WithClock(clk), firstpromoter.WithRetryWait(time.Second, time.Second))
	if err != nil {
		log.Fatal(err)
	}
	srv.Inject(2, firstpromotertest.Fault{Status: http.StatusServiceUnavailable})
	p, err := client.Promoters.Get(context.Background(), 5002)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Name, "read after", srv.RequestCount(), "requests and", clk.Total(), "of fake waits")
	// Output:
	// Liam Carter read after 3 requests and 2s of fake waits
}
