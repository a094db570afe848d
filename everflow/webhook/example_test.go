package webhook_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"

	"github.com/affiliatekit/affiliatekit-go/everflow/webhook"
)

func ExampleNewHandler() {
	// The partner postback registered in Everflow, with a secret literal.
	template := "https://example.com/postbacks/everflow?tid={transaction_id}&oid={offer_id}" +
		"&payout={payout_amount}&s1={sub1}&ts={conversion_unix_timestamp}&token=9c1f4e"
	h, err := webhook.NewHandler(template, webhook.Callbacks{
		Postback: func(ctx context.Context, p *webhook.Postback) error {
			fmt.Println(p.TransactionID, p.OfferID, p.Payout, p.Sub1, p.ConversionTime.Format("2006-01-02 15:04:05"))
			return nil
		},
	}, webhook.WithSecretParam("token", "9c1f4e"))
	if err != nil {
		panic(err)
	}

	// What Everflow requests when a conversion fires.
	fired := "/postbacks/everflow?tid=d5c6feef0d8f489fb91aa5cfb4d64f4e&oid=11&payout=12.50&s1=spring&ts=1707425899&token=9c1f4e"
	w := httptest.NewRecorder()
	h.ServeHTTP(w, httptest.NewRequest(http.MethodGet, fired, nil))
	fmt.Println(w.Code)
	// Output:
	// d5c6feef0d8f489fb91aa5cfb4d64f4e 11 12.50 spring 2024-02-08 20:58:19
	// 200
}

func ExampleTemplate_Parse() {
	tmpl, err := webhook.ParseTemplate("tid={transaction_id}&amt={sale_amount}&c={adv1}")
	if err != nil {
		panic(err)
	}
	p, err := tmpl.Parse(map[string][]string{"tid": {"abc123"}, "amt": {"99.90"}, "c": {"42"}})
	if err != nil {
		panic(err)
	}
	n, _ := p.Int("adv1")
	fmt.Println(p.TransactionID, p.SaleAmount, n)
	// Output: abc123 99.90 42
}
