package postaffiliatepro

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
)

// FuzzDecodeList feeds arbitrary bodies through the list decoding: it may
// reject them, never panic. It rejects what encoding/json rejects, and the
// records it cuts out of an array are the ones encoding/json sees.
func FuzzDecodeList(f *testing.F) {
	conformance.AddSamples(f)
	f.Add([]byte(`{"data":{"items":[{"id":1,"created_at":"2026-01-01 10:00:00","commission":"1e3"}],"count":"5"}}`))
	f.Add([]byte(`{"data":null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		items, total, err := tolerant.Records(body, append(append([]string(nil), listKeys...), transactionKeys...))
		// Leading and trailing white space of any kind is trimmed, as the
		// transport trims every body.
		if err == nil && !json.Valid(bytes.TrimSpace(body)) {
			t.Fatalf("Records accepted invalid JSON %q", body)
		}
		var want []json.RawMessage
		if json.Unmarshal(bytes.TrimSpace(body), &want) == nil && want != nil {
			if err != nil || len(items) != len(want) {
				t.Fatalf("Records(%q) = %d items, %v; want %d items", body, len(items), err, len(want))
			}
			for i := range want {
				if !bytes.Equal(items[i], want[i]) {
					t.Fatalf("item %d of %q is %q, want %q", i, body, items[i], want[i])
				}
			}
		}
		if err != nil {
			return
		}
		if total != nil && *total < 0 {
			t.Fatalf("negative total %d", *total)
		}
		for _, raw := range items {
			tx, err := decodeRecord[Transaction](raw, time.UTC)
			if err == nil && tx == nil {
				t.Fatal("nil record without an error")
			}
		}
	})
}

// fuzzClient returns a client whose every request is answered with body,
// without any network, and never retried.
func fuzzClient(t *testing.T, body []byte, opts ...Option) *Client {
	t.Helper()
	c, err := NewClient(append([]Option{
		WithAPIKey("pap_k"), WithBaseURL("http://127.0.0.1:9/api/v3"), WithMaxRetries(0),
		WithHTTPClient(faultmatrix.ResponseClient(200, "application/json", body)),
		WithClock(testclock.New(time.Date(2026, time.April, 20, 9, 0, 0, 0, time.UTC))),
	}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// checkPage is what every page call promises for any body: an error, or
// records without nil entries and a next page that moves forward.
func checkPage[T any](t *testing.T, what string, page int, items []*T, resp *Response, err error) {
	t.Helper()
	if !conformance.CheckPage(t, what, items, resp, err) {
		return
	}
	if resp.NextPage != 0 && resp.NextPage != page+1 {
		t.Fatalf("%s: next page %d after page %d", what, resp.NextPage, page)
	}
	if resp.Total != nil && *resp.Total < 0 {
		t.Fatalf("%s: negative total %d", what, *resp.Total)
	}
}

// FuzzListResponse runs any body, as a 200 answer, through the list pages
// in both paging styles and the single-record calls. Nothing may panic; a
// body is either a result or an error, and an iterator over it ends.
func FuzzListResponse(f *testing.F) {
	conformance.AddSamples(f)
	f.Add([]byte(`{"data":{"items":[{"id":"a1","username":"x@example.com"}],"total":"5"}}`))
	f.Add([]byte(`{"affiliates":[null],"meta":{"total_count":3}}`))
	f.Add([]byte(`[{"id":1},{"id":"2"}]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		for _, style := range []Pagination{OffsetLimit, PagePerPage} {
			c := fuzzClient(t, body, WithPagination(style))
			ctx := context.Background()
			lp := ListParams{Page: 2, PerPage: 2}
			affiliates, resp, err := c.Affiliates.ListPage(ctx, &AffiliateListOptions{ListParams: lp})
			checkPage(t, "affiliates", 2, affiliates, resp, err)
			transactions, resp, err := c.Transactions.ListPage(ctx, &TransactionListOptions{ListParams: lp})
			checkPage(t, "transactions", 2, transactions, resp, err)
			top, resp, err := c.Reports.TopAffiliatesPage(ctx, &TopAffiliateListOptions{ListParams: lp})
			checkPage(t, "top affiliates", 2, top, resp, err)
			_, _ = c.Affiliates.Get(ctx, "a1")
			_, _ = c.Campaigns.Get(ctx, "c1")
			conformance.Drain(c.Reports.Clicks(ctx), body)
		}
	})
}

// FuzzDecodeRecords decodes any JSON into every record type with the
// tolerant field decoder (numbers as strings, several date layouts). A
// record that decodes encodes back to JSON (no NaN or infinite amounts,
// no year past 9999).
func FuzzDecodeRecords(f *testing.F) {
	f.Add([]byte(`{"id":"t1","commission":"12.50","total_cost":"NaN","created_at":"2026-01-01 10:00:00","status":"A"}`))
	f.Add([]byte(`{"id":1,"dateinserted":"99999-01-01","rstatus":"P","clicks":"1e999"}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		conformance.DecodeEncodes(t, body,
			new(Affiliate), new(Transaction), new(Campaign), new(Banner), new(TopAffiliate), new(Click),
		)
	})
}
