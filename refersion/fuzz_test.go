package refersion

import (
	"context"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
)

// fuzzClient returns a client whose every request is answered with body,
// without any network, and never retried.
func fuzzClient(t *testing.T, body []byte) *Client {
	t.Helper()
	c, err := NewClient(WithKeys("pub", "sec"), WithBaseURL("http://127.0.0.1:9/v2"), WithMaxRetries(0),
		WithHTTPClient(faultmatrix.ResponseClient(200, "application/json", body)),
		WithClock(testclock.New(time.Date(2025, time.March, 3, 12, 0, 0, 0, time.UTC))))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// FuzzListResponse runs any body, as a 200 answer, through the affiliate
// list and search pages (the {"total", "results"} envelope) and the other
// calls' answers. Nothing may panic; a body is either a result or an
// error.
func FuzzListResponse(f *testing.F) {
	conformance.AddSamples(f)
	f.Add([]byte(`{"total":"1,234,","results":[{"id":"694c","offer_id":12,"status":"ACTIVE","custom_fields":[]}]}`))
	f.Add([]byte(`{"total":3,"results":[null]}`))
	f.Add([]byte(`{"results":null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		c := fuzzClient(t, body)
		ctx := context.Background()
		items, resp, err := c.Affiliates.ListPage(ctx, &AffiliateListOptions{Page: 2, PerPage: 3})
		if conformance.CheckPage(t, "affiliates", items, resp, err) {
			if resp.NextPage != 0 && resp.NextPage != 3 {
				t.Fatalf("next page %d after page 2", resp.NextPage)
			}
			if resp.Total != nil && *resp.Total < 0 {
				t.Fatalf("negative total %d", *resp.Total)
			}
		}
		_, _, _ = c.Affiliates.SearchPage(ctx, "example.com", &AffiliateSearchOptions{Page: 2})
		_, _ = c.Affiliates.GetByCode(ctx, "694c")
		_, _ = c.Affiliates.ChangeStatus(ctx, AffiliateActive, []int64{1, 2})
		_, _ = c.Conversions.Totals(ctx, nil)
		_, _ = c.Reports.Link(ctx, 7)
		conformance.Drain(c.Affiliates.Search(ctx, "example.com"), body)
	})
}

// FuzzDecodeRecords decodes any JSON into every answer type, with the
// tolerant number and string decoders. A record that decodes encodes back
// to JSON (no NaN or infinite amounts).
func FuzzDecodeRecords(f *testing.F) {
	conformance.AddSamples(f)
	f.Add([]byte(`{"id":37567438,"total":"3,498.03,","commission_total":"NaN","link":"https://x/c/a3y7"}`))
	f.Add([]byte(`"694c"`))
	f.Add([]byte(`1e400`))
	f.Fuzz(func(t *testing.T, body []byte) {
		conformance.DecodeEncodes(t, body,
			new(Affiliate), new(AffiliateCreateResult), new(ConversionResult), new(CreditOrderResult),
			new(ConversionTotals), new(SKUCommissionResult), new(ReportLink), new(Trigger), new(ChangeResult),
			new(FlexString), new(tolerant.FormattedInt), new(tolerant.FormattedAmount), new(affiliatePage), new(CustomField), new(SKUCommission),
		)
	})
}
