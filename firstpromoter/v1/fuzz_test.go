package v1_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
)

// linkResponse answers every request with status 200, body and, when
// link is not empty, that Link header, without any network.
type linkResponse struct {
	body []byte
	link string
}

func (l linkResponse) RoundTrip(r *http.Request) (*http.Response, error) {
	h := http.Header{"Content-Type": {"application/json"}}
	if l.link != "" {
		h.Set("Link", l.link)
	}
	return &http.Response{StatusCode: http.StatusOK, Header: h, Body: io.NopCloser(bytes.NewReader(l.body)),
		ContentLength: int64(len(l.body)), Request: r}, nil
}

// fuzzClient returns a client whose every request is answered with body
// and link, never retried, without prefetching.
func fuzzClient(t *testing.T, body []byte, link string) *v1.Client {
	t.Helper()
	return conformance.OfflineClient(t, platform, &http.Client{Transport: linkResponse{body, link}}, v1.WithPrefetch(0))
}

// checkPage is what every page call promises for any body and Link
// header: an error, or records without nil entries and a next page that
// moves forward.
func checkPage[T any](t *testing.T, what string, page int, items []*T, resp *v1.Response, err error) {
	t.Helper()
	if !conformance.CheckPage(t, what, items, resp, err) {
		return
	}
	if resp.NextPage != 0 && resp.NextPage <= page {
		t.Fatalf("%s: next page %d after page %d", what, resp.NextPage, page)
	}
	if resp.HasMore != (resp.NextPage != 0) {
		t.Fatalf("%s: HasMore %v with NextPage %d", what, resp.HasMore, resp.NextPage)
	}
}

// FuzzListResponse runs any body and Link header, as a 200 answer,
// through every list page. Nothing may panic; a body is either a page or
// an error, and an iterator over it ends.
func FuzzListResponse(f *testing.F) {
	f.Add([]byte(`[{"id":6924,"state":"active","email":"mike@doe.com","promotion":{"id":3341,"sales_total":0},"promoter":{"id":2348,"earnings_balance":{"cash":1200}}}]`), `<https://firstpromoter.com/api/v1/leads/list?page=3>; rel="next"`)
	f.Add([]byte(`[{"id":1,"status":"approved","amount":10000,"unit":"cash","conversion_ampunt":50000}]`), ``)
	f.Add([]byte(`[{"promoter_id":5487437,"items":[{"revenue_amount":"$613.17","period":"Sep 2024"}],"revenue_amount":"$613.17"}]`), `<x?page=2>; rel=last`)
	f.Add([]byte(`[]`), `<?page=0>; rel="next"`)
	f.Add([]byte(`[null]`), `,,<`)
	f.Add([]byte(`{"error":"x"}`), ``)
	f.Fuzz(func(t *testing.T, body []byte, link string) {
		c := fuzzClient(t, body, link)
		ctx := context.Background()
		opts := v1.ListParams{Page: 2, PerPage: 1}
		promoters, resp, err := c.Promoters.ListPage(ctx, &v1.PromoterListOptions{ListParams: opts})
		checkPage(t, "promoters", 2, promoters, resp, err)
		leads, resp, err := c.Leads.ListPage(ctx, &v1.LeadListOptions{ListParams: opts})
		checkPage(t, "leads", 2, leads, resp, err)
		rewards, resp, err := c.Rewards.ListPage(ctx, &v1.RewardListOptions{ListParams: opts})
		checkPage(t, "rewards", 2, rewards, resp, err)
		payouts, resp, err := c.Payouts.ListPage(ctx, &v1.PayoutListOptions{ListParams: opts})
		checkPage(t, "payouts", 2, payouts, resp, err)
		reports, resp, err := c.Reports.PromotersPage(ctx, &v1.PromoterReportOptions{ListParams: opts})
		checkPage(t, "promoter reports", 2, reports, resp, err)
		// The same answer to every page request: the list ends after it
		// (a repeated page is an error), however the Link header reads.
		n := 0
		for _, err := range c.Leads.List(ctx) {
			if n++; n > len(body)+2 || err != nil {
				break
			}
		}
		if n > len(body)+2 {
			t.Fatalf("the list did not end")
		}
	})
}

// FuzzDecodeRecords decodes any JSON into every record type. A record that
// decodes encodes back to JSON (no NaN or infinite amounts).
func FuzzDecodeRecords(f *testing.F) {
	f.Add([]byte(`{"id":1,"status":"approved","amount":1500,"unit":"cash","conversion_amount":"12.5"}`))
	f.Add([]byte(`{"id":"7","amount":"NaN","amount_cents":null,"earnings_balance":{"cash":"1e9"}}`))
	f.Add([]byte(`[{"revenue_amount":"-$1,204.50","clicks_count":1e3,"period":"Sep 2024"}]`))
	f.Add([]byte(`{"campaign_id":1.5,"items":null,"revenue_amount":12}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		conformance.DecodeEncodes(t, body,
			new(v1.Promoter), new(v1.Lead), new(v1.Reward), new(v1.Payout), new(v1.TrackEvent), new(v1.Promotion), new(v1.RewardPlan),
			new(v1.Balance), new([]v1.ReportRow), new(v1.CampaignReport), new(v1.PromoterReport), new(v1.Message),
		)
		_, _ = v1.ParseDisplayAmount(string(body))
	})
}
