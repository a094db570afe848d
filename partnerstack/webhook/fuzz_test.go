package webhook

import "testing"

// FuzzParse feeds arbitrary bodies and event names to Parse and the typed
// accessors: they must return an error or a value, never panic.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"partnership_created.json", "customer_created.json", "postback_test.json",
		"postback_action_created.json", "agreement_accepted.json"} {
		f.Add(sample(f, name), "")
	}
	f.Add([]byte(`{"event": "customer.updated", "data": {"created_at": "1784100202000"}}`), "")
	f.Add([]byte(`{"partner_key": 5}`), PartnershipUpdated)
	f.Fuzz(func(t *testing.T, body []byte, eventType string) {
		ev, err := Parse(body, eventType)
		if err != nil {
			return
		}
		_, _ = ev.Partnership()
		_, _ = ev.Customer()
		_, _ = ev.Action()
	})
}
