package webhook_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/webhook"
)

func ExampleNewHandler() {
	secret := "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0" // the subscription's secret_key
	h, err := webhook.NewHandler(webhook.Callbacks{
		Referral: func(ctx context.Context, ev *webhook.Event, r *firstpromoter.Referral) error {
			fmt.Println(ev.Type, r.ID, r.State)
			return nil
		},
	}, webhook.WithSecret(secret), webhook.WithStore(webhook.NewMemoryStore(0)))
	if err != nil {
		panic(err)
	}

	// A delivery as FirstPromoter sends it, twice.
	body := `{"event_id": "b2c3d4e5", "event_type": "referral.updated", "entity_type": "referral",
		"entity_id": 55678, "data": {"id": 55678, "state": "active"}, "timestamp": "2025-01-20T14:00:05Z"}`
	for range 2 {
		req := httptest.NewRequest(http.MethodPost, "/webhooks/firstpromoter", strings.NewReader(body))
		req.Header.Set(webhook.SignatureHeader, webhook.Sign(secret, []byte(body)))
		w := httptest.NewRecorder()
		h.ServeHTTP(w, req)
		fmt.Print(w.Code, " ", w.Body.String())
	}
	// Output:
	// referral.updated 55678 active
	// 200 ok
	// 200 already processed
}

func ExampleParse() {
	body := []byte(`{"event_id": "c3d4e5f6", "event_type": "commission.updated", "entity_type": "commission",
		"changes": {"status": ["pending", "approved"]}, "data": {"id": 88901, "status": "approved", "amount": 2500}}`)
	// Verify before trusting the payload.
	if err := webhook.VerifySignature("secret", body, webhook.Sign("secret", body)); err != nil {
		panic(err)
	}
	ev, err := webhook.Parse(nil, body)
	if err != nil {
		panic(err)
	}
	c, err := ev.Commission()
	if err != nil {
		panic(err)
	}
	cents, err := c.Amount.MinorUnits("")
	if err != nil {
		panic(err)
	}
	// Commission amounts are in the account's currency, which the payload
	// does not name.
	fmt.Println(ev.Type, c.ID, c.Status, c.Amount, "=", cents, "cents", string(ev.Changes["status"].Old))
	// Output: commission.updated 88901 approved 25.00 = 2500 cents "pending"
}
