package partnerstack

import (
	"context"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

// fuzzClients returns both clients, every request answered with body
// without any network, and never retried.
func fuzzClients(t *testing.T, body []byte) (*Client, *PartnerClient) {
	t.Helper()
	common := []Option{
		WithBaseURL("http://127.0.0.1:9/api/v2"), WithMaxRetries(0),
		WithHTTPClient(faultmatrix.ResponseClient(200, "application/json", body)),
		WithClock(testclock.New(time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC))),
	}
	c, err := NewClient(append(common, WithKeys("pk", "sk"))...)
	if err != nil {
		t.Fatal(err)
	}
	pc, err := NewPartnerClient(append(common, WithAPIKey("k"))...)
	if err != nil {
		t.Fatal(err)
	}
	return c, pc
}

// checkPage is what every page call promises for any body: an error, or
// records without nil entries and a cursor that moves.
func checkPage[T any](t *testing.T, what, after string, items []*T, resp *Response, err error) {
	t.Helper()
	if !conformance.CheckPage(t, what, items, resp, err) {
		return
	}
	if resp.HasMore && (resp.NextCursor == "" || resp.NextCursor == after) {
		t.Fatalf("%s: has_more with cursor %q after %q", what, resp.NextCursor, after)
	}
}

// FuzzListResponse runs any body, as a 200 answer, through the list pages
// of both APIs: the {"data": {"items", "has_more", "total"}} envelope and
// the bare-array form. Nothing may panic; a body is either a page or an
// error.
func FuzzListResponse(f *testing.F) {
	conformance.AddSamples(f)
	f.Add([]byte(`{"data":{"has_more":true,"items":[{"key":"part_1","created_at":1706000000000}],"total":"3"},"message":"ok","status":200}`))
	f.Add([]byte(`{"data":[{"key":"cus_1"}]}`))
	f.Add([]byte(`{"data":{"has_more":true,"items":[null]}}`))
	f.Add([]byte(`{"data":null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		c, pc := fuzzClients(t, body)
		ctx := context.Background()
		lp := ListParams{PerPage: 2, StartingAfter: "part_0"}
		partnerships, resp, err := c.Partnerships.ListPage(ctx, &PartnershipListOptions{ListParams: lp})
		checkPage(t, "partnerships", lp.StartingAfter, partnerships, resp, err)
		customers, resp, err := c.Customers.ListPage(ctx, &CustomerListOptions{ListParams: lp})
		checkPage(t, "customers", lp.StartingAfter, customers, resp, err)
		rewards, resp, err := c.Rewards.ListPage(ctx, &RewardListOptions{ListParams: lp})
		checkPage(t, "rewards", lp.StartingAfter, rewards, resp, err)
		transactions, resp, err := pc.Transactions.ListPage(ctx, &TransactionListOptions{ListParams: lp})
		checkPage(t, "partner transactions", lp.StartingAfter, transactions, resp, err)
		programs, resp, err := pc.Programs.ListPage(ctx, &ProgramListOptions{ListParams: lp})
		checkPage(t, "programs", lp.StartingAfter, programs, resp, err)
		files, err := c.Deals.Files(ctx, "deal_1")
		checkPage(t, "deal files", "", files, &Response{}, err)
		stages, err := c.SalesCycles.Stages(ctx, "deal", nil)
		checkPage(t, "stages", "", stages, &Response{}, err)
		_, _ = c.Customers.Get(ctx, "cus_1")
		// An iterator over any body ends: the same page twice is an error.
		conformance.Drain(c.Actions.List(ctx), body)
	})
}

// FuzzDecodeRecords decodes any JSON into every record type through the
// tolerant field decoder (epoch milliseconds, numeric strings, lenient
// fields). A record that decodes encodes back to JSON (no NaN or infinite
// amounts).
func FuzzDecodeRecords(f *testing.F) {
	conformance.AddSamples(f)
	f.Add([]byte(`{"key":"rew_1","amount":"12.5","created_at":"1706000000000","updated_at":1706000000,"archived":null}`))
	f.Add([]byte(`{"key":"tx_1","amount":"NaN","created_at":"2024-01-02"}`))
	f.Add([]byte(`{"items":[{"key":"a"}],"has_more":false,"total":null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		conformance.DecodeEncodes(t, body,
			new(Action), new(Application), new(Customer), new(Deal), new(DealFile), new(FormTemplate), new(Group),
			new(Lead), new(Link), new(Payout), new(Program), new(Promotion), new(Partnership), new(Product),
			new(ProductBook), new(ReportConfiguration), new(ReportExport), new(Reward), new(RewardTransaction),
			new(RewardPartnership), new(RewardAction), new(Invoice), new(Stage), new(Tier), new(TierCollection),
			new(Transaction), new(CompanyRef), new(CustomerRef), new(Field), new(Team), new(TeamMember), new(Offer),
			new(Webhook), new(listData[Customer]), new(oneOrMany[Reward]),
		)
		var out Customer
		_ = (&dataEnvelope{out: &out}).UnmarshalJSON(body)
	})
}
