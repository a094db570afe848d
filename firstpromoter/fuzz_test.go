package firstpromoter

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

// fuzzClient returns a client whose every request is answered with body,
// without any network, and never retried.
func fuzzClient(t *testing.T, status int, body []byte) *Client {
	t.Helper()
	clk := testclock.New(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	c, err := NewClient(WithBaseURL("http://127.0.0.1:9/api/v2"), WithAPIKey("k"), WithAccountID("a"),
		WithHTTPClient(faultmatrix.ResponseClient(status, "application/json", body)), WithMaxRetries(0),
		WithClock(clk))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkPage is what every page call promises for any body: an error, or
// records without nil entries and a next page that moves forward.
func checkPage[T any](t *testing.T, what string, page int, items []*T, resp *Response, err error) {
	t.Helper()
	if err != nil {
		return
	}
	if resp == nil {
		t.Fatalf("%s: no error and no response", what)
	}
	for i, it := range items {
		if it == nil {
			t.Fatalf("%s: record %d is nil", what, i)
		}
	}
	if resp.NextPage != 0 && resp.NextPage != page+1 {
		t.Fatalf("%s: next page %d after page %d", what, resp.NextPage, page)
	}
	if resp.HasMore != (resp.NextPage != 0) {
		t.Fatalf("%s: HasMore %v with NextPage %d", what, resp.HasMore, resp.NextPage)
	}
}

// FuzzListResponse runs any body, as a 200 answer, through the list pages:
// the bare-array lists, the promoter and grouped-payout envelopes. Nothing
// may panic; a body is either a page or an error.
func FuzzListResponse(f *testing.F) {
	f.Add([]byte(`[{"id":1,"email":"a@example.com","state":"subscribed","created_at":"2024-09-11T14:20:50.403Z"}]`))
	f.Add([]byte(`{"data":[{"id":1,"email":"a@example.com"}],"meta":{"pending_count":2}}`))
	f.Add([]byte(`{"data":null}`))
	f.Add([]byte(`[]`))
	f.Add([]byte(`[null]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		c := fuzzClient(t, 200, body)
		ctx := context.Background()
		opts := ListParams{Page: 2, PerPage: 1}
		items, resp, err := c.Referrals.ListPage(ctx, &ReferralListOptions{ListParams: opts})
		checkPage(t, "referrals", 2, items, resp, err)
		promoters, resp, err := c.Promoters.ListPage(ctx, &PromoterListOptions{ListParams: opts})
		checkPage(t, "promoters", 2, promoters, resp, err)
		commissions, resp, err := c.Commissions.ListPage(ctx, &CommissionListOptions{ListParams: opts})
		checkPage(t, "commissions", 2, commissions, resp, err)
		payouts, resp, err := c.Payouts.ListPage(ctx, &PayoutListOptions{ListParams: opts})
		checkPage(t, "payouts", 2, payouts, resp, err)
		groups, resp, err := c.Payouts.GroupByPromoters(ctx, &PayoutGroupListOptions{ListParams: opts})
		if err == nil {
			checkPage(t, "payout groups", 2, groups.Groups, resp, err)
		}
		// An iterator over any body ends, after at most the one page.
		n := 0
		for _, err := range c.Campaigns.List(ctx) {
			if n++; n > len(body)+1 || err != nil {
				break
			}
		}
	})
}

// FuzzDecodeRecords decodes any JSON into every record type. A record that
// decodes encodes back to JSON (no NaN or infinite amounts).
func FuzzDecodeRecords(f *testing.F) {
	f.Add([]byte(`{"id":1,"status":"approved","amount":1500,"sale_amount":"12.5","created_at":"2024-09-11T14:20:50.403Z"}`))
	f.Add([]byte(`{"id":"7","amount":"NaN","total_incl_tax":null,"period_start":"2024-01-01"}`))
	f.Add([]byte(`{"data":[{"date":"2024-01-01","value":3}],"meta":{}}`))
	f.Add([]byte(`[{"period":"2024-01","id":1,"clicks_count":2}]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, v := range []any{
			new(Promoter), new(Referral), new(Commission), new(Payout), new(Amount), new(PayoutGroupPage),
			new(PayoutStats), new(PayoutDueStats), new(PaymentsBatchResult), new(PayoutBatchResult),
			new(Campaign), new(PromoterCampaign), new(PromoterCampaignChart), new(PromoterChartData),
			new(PromoCode), new(Batch), new(PromoterPage), new(ReportRow), new(ReportData),
			new(WebhookSubscription), new(WebhookDelivery), new(TrackedEvent), new(TrackedLeadEvent),
			new([]*Referral), new(commissionList), new(eventTypeList),
		} {
			if json.Unmarshal(body, v) != nil {
				continue
			}
			if _, err := json.Marshal(v); err != nil {
				t.Fatalf("%T decoded from %q does not encode: %v", v, body, err)
			}
		}
		_ = parseWebhookTestResult(body)
	})
}
