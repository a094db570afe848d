package webhook

import (
	"context"
	"net/http"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
)

// FuzzParse feeds arbitrary bodies to Parse and the typed accessors: they
// must return an error or a value, never panic.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"promoter_created.json", "referral_updated.json", "commission_updated.json", "contract_document_signed.json"} {
		f.Add(sample(f, name))
	}
	f.Add([]byte(`{"event_type": "payout.created", "entity_id": "1", "changes": {"a": [1]}, "data": {"test": true}}`))
	f.Add([]byte(`{"event_type": "x.y", "timestamp": 1736937000000}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		ev, err := Parse(http.Header{}, body)
		if err != nil {
			return
		}
		_, _ = ev.Promoter()
		_, _ = ev.PromoterCampaign()
		_, _ = ev.Referral()
		_, _ = ev.Commission()
		_, _ = ev.Payout()
	})
}

// FuzzHandler sends arbitrary signed bodies through the handler: every
// answer is a status code, and callbacks only see decoded values.
func FuzzHandler(f *testing.F) {
	f.Add(sample(f, "referral_updated.json"))
	f.Add([]byte(`{"event_type": "referral.created", "data": null}`))
	h, err := NewHandler(Callbacks{
		Referral: func(_ context.Context, ev *Event, r *firstpromoter.Referral) error {
			if r == nil || ev == nil {
				panic("nil referral")
			}
			return nil
		},
	}, WithSecret(testSecret), WithStore(NewMemoryStore(0)))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		w := serve(h, signedRequest(body, testSecret))
		switch w.Code {
		case http.StatusOK, http.StatusBadRequest:
		default:
			t.Fatalf("status %d for %q", w.Code, body)
		}
	})
}
