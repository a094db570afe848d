package webhook

import (
	"net/http"
	"testing"
)

// FuzzParse feeds arbitrary topics and bodies to Parse and the typed
// accessors: they must return an error or a value, never panic.
func FuzzParse(f *testing.F) {
	for _, name := range []string{"conversion_merchant.json", "conversion_marketplace.json",
		"affiliate_details_change.json", "conversion_trigger.json", "payment.json"} {
		f.Add("", sample(f, name))
	}
	f.Add("NEW_CONVERSION", []byte(`{"id": "1", "total": "1,234.56,", "is_recurring": "1", "click": {"created": 1581706122}}`))
	f.Add("BONUS_TIER_MOVEMENT", []byte(`{"reward": {"amount_given": null}, "custom_fields": [{"value": 3}]}`))
	f.Fuzz(func(t *testing.T, topic string, body []byte) {
		h := http.Header{}
		h.Set(TopicHeader, topic)
		ev, err := Parse(h, body)
		if err != nil {
			return
		}
		_, _ = ev.Conversion()
		_, _ = ev.Affiliate()
		_, _ = ev.Trigger()
	})
}
