package v1_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"net/http"
	"time"

	fpv1 "github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1/v1test"
)

// ListPage reads one page at a time: store Response.NextPage with what
// you have processed, and put it back into ListParams.Page to resume
// after a restart.
func ExampleLeadsService_ListPage() {
	srv := v1test.NewServer()
	defer srv.Close()
	srv.SeedLeads(25)
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	opts := &fpv1.LeadListOptions{ListParams: fpv1.ListParams{PerPage: 10}}
	for {
		leads, resp, err := client.Leads.ListPage(ctx, opts)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("page %d: %d leads, next page %d\n", opts.Page, len(leads), resp.NextPage)
		if resp.NextPage == 0 {
			break
		}
		opts.Page = resp.NextPage // persist this to resume here later
	}
	// Output:
	// page 0: 10 leads, next page 2
	// page 2: 10 leads, next page 3
	// page 3: 5 leads, next page 0
}

// Errors are matched with errors.Is against the package's sentinels and
// read with errors.As for the details.
func ExamplePromotersService_GetByEmail_errors() {
	srv := v1test.NewServer()
	defer srv.Close()
	client, err := srv.Client()
	if err != nil {
		log.Fatal(err)
	}

	_, err = client.Promoters.GetByEmail(context.Background(), "nobody@example.com")
	var apiErr *fpv1.Error
	switch {
	case errors.Is(err, fpv1.ErrNotFound) && errors.As(err, &apiErr):
		fmt.Println("not found:", apiErr.StatusCode, apiErr.Method)
	case err != nil:
		log.Fatal(err)
	}
	// Output:
	// not found: 404 GET
}

// A fake clock makes the retry waits of a test take no real time: the
// client sleeps on it, and it moves forward instead.
func ExampleWithClock() {
	srv := v1test.NewServer()
	defer srv.Close()
	srv.SeedPromoters(1)
	clk := v1test.NewClock(time.Date(2026, 1, 5, 9, 0, 0, 0, time.UTC))
	client, err := srv.Client(fpv1.WithClock(clk))
	if err != nil {
		log.Fatal(err)
	}
	// The next two requests fail with 503 and a Retry-After of 30
	// seconds; the third succeeds.
	srv.Inject(2, v1test.Fault{Status: http.StatusServiceUnavailable, RetryAfter: "30"})

	start := time.Now()
	n := 0
	for _, err := range client.Promoters.List(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		n++
	}
	fmt.Println(n, "promoter after", clk.Total(), "of fake time;", "real time under a second:", time.Since(start) < time.Second)
	// Output:
	// 1 promoter after 1m0s of fake time; real time under a second: true
}
