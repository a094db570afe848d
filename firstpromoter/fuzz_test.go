package firstpromoter_test

import (
	"context"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
)

// checkPage is what every page call promises for any body: an error, or
// records without nil entries and a next page that moves forward.
func checkPage[T any](t *testing.T, what string, page int, items []*T, resp *firstpromoter.Response, err error) {
	t.Helper()
	if !conformance.CheckPage(t, what, items, resp, err) {
		return
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
		c := conformance.FuzzClient(t, platform, "application/json", body)
		ctx := context.Background()
		opts := firstpromoter.ListParams{Page: 2, PerPage: 1}
		items, resp, err := c.Referrals.ListPage(ctx, &firstpromoter.ReferralListOptions{ListParams: opts})
		checkPage(t, "referrals", 2, items, resp, err)
		promoters, resp, err := c.Promoters.ListPage(ctx, &firstpromoter.PromoterListOptions{ListParams: opts})
		checkPage(t, "promoters", 2, promoters, resp, err)
		commissions, resp, err := c.Commissions.ListPage(ctx, &firstpromoter.CommissionListOptions{ListParams: opts})
		checkPage(t, "commissions", 2, commissions, resp, err)
		payouts, resp, err := c.Payouts.ListPage(ctx, &firstpromoter.PayoutListOptions{ListParams: opts})
		checkPage(t, "payouts", 2, payouts, resp, err)
		groups, resp, err := c.Payouts.GroupByPromoters(ctx, &firstpromoter.PayoutGroupListOptions{ListParams: opts})
		if err == nil {
			checkPage(t, "payout groups", 2, groups.Groups, resp, err)
		}
		// An iterator over any body ends, after at most the one page.
		conformance.Drain(c.Campaigns.List(ctx), body)
	})
}
