package webhook_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/webhook"
)

func ExampleNewHandler() {
	// Register https://example.com/webhooks/partnerstack?token=<token> as the
	// webhook target: PartnerStack signs nothing, so the token is the check.
	h, err := webhook.NewHandler(webhook.Callbacks{
		Partnership: func(ctx context.Context, ev *webhook.Event, p *partnerstack.Partnership) error {
			fmt.Println(ev.Type, p.PartnerKey, p.Email)
			return nil
		},
	}, webhook.WithSecretParam("token", "3f9a1c7e"))
	if err != nil {
		panic(err)
	}

	body := `{"id": 123, "partner_key": "JohnSmith", "email": "john@example.com", "event": "partnership_created"}`
	for _, target := range []string{"/webhooks/partnerstack?token=3f9a1c7e", "/webhooks/partnerstack"} {
		w := httptest.NewRecorder()
		h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, target, strings.NewReader(body)))
		fmt.Println(w.Code)
	}
	// Output:
	// partnership_created JohnSmith john@example.com
	// 200
	// 401
}
