package firstpromoter

import (
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
)

// FuzzDecodeRecords decodes any JSON into every record type. A record that
// decodes encodes back to JSON (no NaN or infinite amounts).
func FuzzDecodeRecords(f *testing.F) {
	f.Add([]byte(`{"id":1,"status":"approved","amount":1500,"sale_amount":"12.5","created_at":"2024-09-11T14:20:50.403Z"}`))
	f.Add([]byte(`{"id":"7","amount":"NaN","total_incl_tax":null,"period_start":"2024-01-01"}`))
	f.Add([]byte(`{"data":[{"date":"2024-01-01","value":3}],"meta":{}}`))
	f.Add([]byte(`[{"period":"2024-01","id":1,"clicks_count":2}]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		conformance.DecodeEncodes(t, body,
			new(Promoter), new(Referral), new(Commission), new(Payout), new(Amount), new(PayoutGroupPage),
			new(PayoutStats), new(PayoutDueStats), new(PaymentsBatchResult), new(PayoutBatchResult),
			new(Campaign), new(PromoterCampaign), new(PromoterCampaignChart), new(PromoterChartData),
			new(PromoCode), new(Batch), new(PromoterPage), new(ReportRow), new(ReportData),
			new(WebhookSubscription), new(WebhookDelivery), new(TrackedEvent), new(TrackedLeadEvent),
			new([]*Referral), new(commissionList), new(eventTypeList),
		)
		_ = parseWebhookTestResult(body)
	})
}
