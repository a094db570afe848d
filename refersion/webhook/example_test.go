package webhook_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/refersion/webhook"
)

func ExampleNewHandler() {
	secret := "rfsn-webhook-signing-secret" // Account > Settings > Webhooks
	h, err := webhook.NewHandler(webhook.Callbacks{
		Conversion: func(ctx context.Context, ev *webhook.Event, c *webhook.Conversion) error {
			// An Amount prints exactly, with its currency ("5.90 USD").
			fmt.Printf("%s: order %s by %s, %s %v commission\n", ev.Type, c.OrderID, c.Affiliate.Code, c.Status, c.CommissionTotal)
			return nil
		},
	}, webhook.WithSecret(secret))
	if err != nil {
		panic(err)
	}

	body := `{"id": 987654321, "created": "2020-02-14 18:48:42", "status": "APPROVED", "total": "59.00",
		"commission_total": "5.90", "currency": "USD", "order_id": "1001",
		"affiliate": {"id": 37567438, "code": "a3y7"}}`
	req := httptest.NewRequest(http.MethodPost, "/webhooks/refersion", strings.NewReader(body))
	req.Header.Set(webhook.TopicHeader, webhook.TopicApprovedConversion)
	req.Header.Set(webhook.SignatureHeader, webhook.Sign(secret, []byte(body)))
	w := httptest.NewRecorder()
	h.ServeHTTP(w, req)
	fmt.Println(w.Code)

	// A forged delivery never reaches the callback.
	req = httptest.NewRequest(http.MethodPost, "/webhooks/refersion", strings.NewReader(body))
	req.Header.Set(webhook.SignatureHeader, webhook.Sign("guessed", []byte(body)))
	w = httptest.NewRecorder()
	h.ServeHTTP(w, req)
	fmt.Println(w.Code)
	// Output:
	// APPROVED_CONVERSION: order 1001 by a3y7, APPROVED 5.90 USD commission
	// 200
	// 401
}
