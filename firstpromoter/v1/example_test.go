package v1_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	fpv1 "github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1/v1test"
)

// Example creates a promoter, tracks a signup and a sale for a lead it
// referred, and lists the promoter's rewards, against the fake server.
func Example() {
	srv := v1test.NewServer()
	defer srv.Close()

	client, err := fpv1.NewClient(
		fpv1.WithBaseURL(srv.URL), // omit for the real API
		fpv1.WithAPIKey(v1test.APIKey),
	)
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	p, err := client.Promoters.Create(ctx, &fpv1.PromoterCreateParams{Email: "ada@example.com", RefID: "ada"})
	if err != nil {
		log.Fatal(err)
	}
	if _, err := client.Tracking.Signup(ctx, &fpv1.TrackSignupParams{Email: "bob@example.com", RefID: "ada"}); err != nil {
		log.Fatal(err)
	}
	amount, _ := fpv1.ParseAmount("49.00", "USD")
	sale, err := client.Tracking.Sale(ctx, &fpv1.TrackSaleParams{Email: "bob@example.com", EventID: "inv_1001", Amount: amount})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(sale.Type, sale.AmountCents, sale.Lead.State)

	// The same event_id again is refused, so a sale whose outcome was
	// unknown can be sent again safely.
	_, err = client.Tracking.Sale(ctx, &fpv1.TrackSaleParams{Email: "bob@example.com", EventID: "inv_1001", Amount: amount})
	fmt.Println(errors.Is(err, fpv1.ErrInvalidRequest))

	for r, err := range client.Rewards.List(ctx, &fpv1.RewardListOptions{PromoterID: p.ID}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(r.Status, r.Unit, r.Amount, r.ConversionAmount)
	}
	// Output:
	// sale 49.00 active
	// true
	// approved cash 9.80 49.00
}

// WithResponseInto gives access to the HTTP response of a call that
// returns a record: its status and headers, on success and on an API
// error.
func ExampleWithResponseInto() {
	srv := v1test.NewServer()
	defer srv.Close()
	client, err := fpv1.NewClient(fpv1.WithBaseURL(srv.URL), fpv1.WithAPIKey(v1test.APIKey))
	if err != nil {
		log.Fatal(err)
	}
	ctx := context.Background()

	var resp fpv1.Response
	p, err := client.Promoters.Create(ctx, &fpv1.PromoterCreateParams{Email: "ada@example.com"}, fpv1.WithResponseInto(&resp))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("created", p.Email, "with status", resp.StatusCode)

	_, err = client.Promoters.GetByEmail(ctx, "nobody@example.com", fpv1.WithResponseInto(&resp))
	fmt.Println(errors.Is(err, fpv1.ErrNotFound), resp.StatusCode)
	// Output:
	// created ada@example.com with status 200
	// true 404
}
