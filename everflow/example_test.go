package everflow_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

	"github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

func Example() {
	// The demo data lies in the 28 days before the fake's now; a fixed
	// clock (now) keeps the output the same on every run.
	srv := everflowtest.NewServer(everflowtest.WithDemoData(),
		everflowtest.WithClock(func() time.Time { return now }))
	defer srv.Close()
	client, err := everflow.NewClient(
		everflow.WithAPIKey(everflowtest.APIKey),
		everflow.WithBaseURL(srv.URL),
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	n := 0
	for a, err := range client.Affiliates.List(ctx, &everflow.AffiliateListOptions{AccountStatus: everflow.AccountActive}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Printf("%d %s (%s)\n", a.NetworkAffiliateID, a.Name, a.DefaultCurrencyID)
		if n++; n == 3 {
			break
		}
	}

	report, err := client.Postbacks.Report(ctx, &everflow.PostbackReportParams{
		From:       now.AddDate(0, 0, -28),
		To:         now,
		TimezoneID: everflow.TimezoneUTC,
		Query: everflow.Query{Filters: []everflow.Filter{
			everflow.OfferFilter(5),
			everflow.DeliveryStatusFilter(everflow.DeliveryFailure),
		}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(report.Postbacks), "failed postbacks for offer 5")
	for _, p := range report.Postbacks {
		fmt.Println(p.Timestamp.Format(time.DateTime), p.Relationship.Affiliate.Name, p.FailedAttempts)
	}
	// Output:
	// 1 Apex Media (USD)
	// 2 Bluebird Media (USD)
	// 3 Cedar Media (USD)
	// 3 failed postbacks for offer 5
	// 2024-02-01 01:39:05 Foxglove Partners 3
	// 2024-02-14 04:48:37 Driftwood Media 3
	// 2024-02-17 01:14:40 Ember Media 3
}

// Stream the postback log as CSV in constant memory, reading columns by
// their header names.
func ExamplePostbacksService_ExportCSV() {
	srv := everflowtest.NewServer(everflowtest.WithDemoData(),
		everflowtest.WithClock(func() time.Time { return now }))
	defer srv.Close()
	client, err := everflow.NewClient(everflow.WithAPIKey(everflowtest.APIKey), everflow.WithBaseURL(srv.URL))
	if err != nil {
		log.Fatal(err)
	}
	params := &everflow.PostbackReportParams{
		From:       now.AddDate(0, 0, -28),
		To:         now,
		TimezoneID: everflow.TimezoneUTC,
		Query:      everflow.Query{Filters: []everflow.Filter{everflow.DeliveryStatusFilter(everflow.DeliveryFailure)}},
	}
	rows := 0
	for rec, err := range client.Postbacks.ExportCSV(context.Background(), params) {
		if err != nil {
			log.Fatal(err)
		}
		if rows++; rows <= 2 {
			fmt.Println(rec.Get("transaction_id"), rec.Get("is_success"), rec.Get("failed_attempts"))
		}
	}
	fmt.Println(rows, "failed postbacks")
	// Output:
	// 419c1253e8a6ff19aa97a07d543140c4 false 3
	// a7213889b76e40f111ee118bdee77b53 false 3
	// 59 failed postbacks
}

// now is the fixed time of the examples' fakes; real code uses time.Now().
var now = time.Date(2024, time.February, 29, 0, 0, 0, 0, time.UTC)

// newDemoClient starts a fake server with the demo data on a fixed clock
// and returns a client for it.
func newDemoClient(opts ...everflowtest.ServerOption) (*everflowtest.Server, *everflow.Client) {
	opts = append([]everflowtest.ServerOption{
		everflowtest.WithDemoData(),
		everflowtest.WithClock(func() time.Time { return now }),
	}, opts...)
	srv := everflowtest.NewServer(opts...)
	client, err := everflow.NewClient(
		everflow.WithAPIKey(everflowtest.APIKey),
		everflow.WithBaseURL(srv.URL), // omit for the real API
	)
	if err != nil {
		log.Fatal(err)
	}
	return srv, client
}

// An update replaces the whole offer: read it with its payouts, change
// what you need on UpdateParams, and send it back.
func ExampleOffersService_Update() {
	srv, client := newDemoClient()
	defer srv.Close()
	ctx := context.Background()

	offer, err := client.Offers.Get(ctx, 5, everflow.WithRelationships(everflow.RelationshipPayoutRevenue))
	if err != nil {
		log.Fatal(err)
	}
	params := offer.UpdateParams()
	for _, pr := range params.PayoutRevenue {
		if pr.IsDefault {
			fmt.Println("payout before:", pr.PayoutAmount.WithCurrency(offer.CurrencyID))
			if pr.PayoutAmount, err = everflow.ParseAmount("12.50", offer.CurrencyID); err != nil {
				log.Fatal(err)
			}
		}
	}
	params.InternalNotes = "Payout raised for the spring push"
	offer, err = client.Offers.Update(ctx, offer.NetworkOfferID, params)
	if err != nil {
		log.Fatal(err)
	}
	for _, pr := range offer.Relationship.PayoutRevenue.Entries {
		if pr.IsDefault {
			fmt.Println("payout after:", pr.PayoutAmount)
		}
	}
	fmt.Println(offer.Name, "-", offer.InternalNotes)
	// Output:
	// payout before: 33 USD
	// payout after: 12.50 USD
	// Evergreen Health Vitamins - Annual Plan - Payout raised for the spring push
}

// Everflow has no bulk jobs to wait for; UpdateOfferVisibility is the
// multi-record write, setting an affiliate's access to several offers in
// one request.
func ExampleAffiliatesService_UpdateOfferVisibility() {
	srv, client := newDemoClient()
	defer srv.Close()
	ctx := context.Background()

	err := client.Affiliates.UpdateOfferVisibility(ctx, 2, &everflow.AffiliateOfferVisibilityUpdateParams{
		NetworkOfferIDs: []int64{3, 4, 5},
		VisibilityType:  everflow.AffiliateHidden,
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, id := range []int64{3, 4, 5} {
		v, err := client.Offers.GetVisibility(ctx, id)
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println("offer", id, "hidden from", v.NetworkAffiliateHiddenIDs)
	}
	// Output:
	// offer 3 hidden from [2]
	// offer 4 hidden from [2]
	// offer 5 hidden from [2]
}

// Store Response.NextPage as a checkpoint, and resume from it later.
func ExampleAffiliatesService_ListPage() {
	srv, client := newDemoClient()
	defer srv.Close()
	ctx := context.Background()

	opts := &everflow.AffiliateListOptions{ListParams: everflow.ListParams{PerPage: 3}}
	page, resp, err := client.Affiliates.ListPage(ctx, opts)
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range page {
		fmt.Println(a.NetworkAffiliateID, a.Name)
	}
	checkpoint := resp.NextPage // store it, e.g. in a database
	fmt.Println("next page:", checkpoint, "more:", resp.HasMore)

	// Later, perhaps in another process:
	opts = &everflow.AffiliateListOptions{ListParams: everflow.ListParams{Page: checkpoint, PerPage: 3}}
	page, resp, err = client.Affiliates.ListPage(ctx, opts)
	if err != nil {
		log.Fatal(err)
	}
	for _, a := range page {
		fmt.Println(a.NetworkAffiliateID, a.Name)
	}
	fmt.Println("next page:", resp.NextPage, "more:", resp.HasMore)
	// Output:
	// 1 Apex Media
	// 2 Bluebird Media
	// 3 Cedar Media
	// next page: 2 more: true
	// 4 Driftwood Media
	// 5 Ember Media
	// 6 Foxglove Media
	// next page: 3 more: true
}

// Match a failed call's kind with errors.Is and read Everflow's message
// with errors.As.
func Example_errors() {
	srv, client := newDemoClient()
	defer srv.Close()

	_, err := client.Affiliates.Get(context.Background(), 999999)
	if errors.Is(err, everflow.ErrNotFound) {
		fmt.Println("no such affiliate")
	}
	var apiErr *everflow.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Message)
	}
	// Output:
	// no such affiliate
	// 404 Not Found
}

// The postback report stops at PostbackReportLimit rows without saying
// so; the SDK flags that as Truncated. Fall back to Export, which streams
// every row of the window.
func ExamplePostbacksService_Export() {
	srv, client := newDemoClient()
	defer srv.Close()
	srv.SeedPostbacks(2500)
	ctx := context.Background()

	params := &everflow.PostbackReportParams{
		From:       now.AddDate(0, 0, -28),
		To:         now,
		TimezoneID: everflow.TimezoneUTC,
	}
	report, err := client.Postbacks.Report(ctx, params)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("report:", len(report.Postbacks), "rows, truncated:", report.Truncated)
	rows, failed := len(report.Postbacks), 0
	if report.Truncated {
		rows = 0
		for p, err := range client.Postbacks.Export(ctx, params) {
			if err != nil {
				log.Fatal(err)
			}
			rows++
			if !p.IsSuccess {
				failed++
			}
		}
	}
	fmt.Println("export:", rows, "rows,", failed, "failed")
	// Output:
	// report: 1000 rows, truncated: true
	// export: 2980 rows, 339 failed
}

// WithResponseInto gives a call that returns one record, or a write, its
// HTTP response: the status, the headers and the quota Everflow announced
// in X-RateLimit-Limit and X-RateLimit-Remaining. A failed call fills it
// too, from the error's response.
func ExampleWithResponseInto() {
	srv, client := newDemoClient()
	defer srv.Close()
	ctx := context.Background()

	var resp everflow.Response
	offer, err := client.Offers.Get(ctx, 5,
		everflow.WithRelationships(everflow.RelationshipPayoutRevenue),
		everflow.WithResponseInto(&resp))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(offer.Name)
	fmt.Println(resp.StatusCode, "quota", resp.RateLimit.Limit, "remaining", resp.RateLimit.Remaining)

	_, err = client.Pixels.Get(ctx, 999999, everflow.WithResponseInto(&resp))
	fmt.Println(errors.Is(err, everflow.ErrNotFound), resp.StatusCode)
	// Output:
	// Evergreen Health Vitamins - Annual Plan
	// 200 quota 600 remaining 599
	// true 404
}
