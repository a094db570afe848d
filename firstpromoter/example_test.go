package firstpromoter_test

import (
	"context"
	"errors"
	"fmt"
	"log"

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
