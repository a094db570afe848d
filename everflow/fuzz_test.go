package everflow

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
)

// fuzzClient returns a client whose every request is answered with body
// (of contentType), without any network, and never retried.
func fuzzClient(t *testing.T, contentType string, body []byte) *Client {
	t.Helper()
	c, err := NewClient(WithAPIKey("k"), WithBaseURL("http://127.0.0.1:9/v1"), WithMaxRetries(0),
		WithHTTPClient(faultmatrix.ResponseClient(200, contentType, body)),
		WithClock(testclock.New(time.Date(2024, time.March, 1, 12, 0, 0, 0, time.UTC))))
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
	if resp.NextPage != 0 && resp.NextPage <= page {
		t.Fatalf("%s: next page %d after page %d", what, resp.NextPage, page)
	}
}

var fuzzWindow = ConversionReportParams{
	From: time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2024, 2, 29, 0, 0, 0, 0, time.UTC), TimezoneID: TimezoneUTC,
}

// FuzzListResponse runs any body, as a 200 answer, through the paged
// lists ({"<key>": [...], "paging": {...}} or a bare array), the reports and
// the single-object answers. Nothing may panic; a body is either a result
// or an error.
func FuzzListResponse(f *testing.F) {
	conformance.AddSamples(f)
	f.Add([]byte(`{"affiliates":[{"network_affiliate_id":1,"time_created":1706745600}],"paging":{"page":1,"page_size":1,"total_count":9}}`))
	f.Add([]byte(`{"conversions":[null],"paging":{"page":-1,"page_size":0,"total_count":99999999999}}`))
	f.Add([]byte(`{"offers":null,"paging":null}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		c := fuzzClient(t, "application/json", body)
		ctx := context.Background()
		lp := ListParams{Page: 2, PerPage: 1}
		affiliates, resp, err := c.Affiliates.ListPage(ctx, &AffiliateListOptions{ListParams: lp})
		checkPage(t, "affiliates", 2, affiliates, resp, err)
		offers, resp, err := c.Offers.SearchPage(ctx, &OfferSearchOptions{ListParams: lp})
		checkPage(t, "offers", 2, offers, resp, err)
		conversions, resp, err := c.Conversions.ListPage(ctx, &ConversionListOptions{ListParams: lp, ConversionReportParams: fuzzWindow})
		checkPage(t, "conversions", 2, conversions, resp, err)
		pixels, resp, err := c.Pixels.ListPage(ctx, &PixelListOptions{ListParams: lp})
		checkPage(t, "pixels", 2, pixels, resp, err)
		_, _ = c.Network.Get(ctx)
		_, _ = c.Meta.Timezones(ctx)
		_, _ = c.Conversions.Summary(ctx, &fuzzWindow)
		_, _ = c.Postbacks.Report(ctx, &PostbackReportParams{From: fuzzWindow.From, To: fuzzWindow.To, TimezoneID: TimezoneUTC})
		_, _ = c.Clicks.Stream(ctx, &ClickStreamParams{From: fuzzWindow.From, To: fuzzWindow.From.Add(time.Hour), TimezoneID: TimezoneUTC})
		_, _ = c.Reports.Table(ctx, &EntityReportParams{From: fuzzWindow.From, To: fuzzWindow.To, TimezoneID: TimezoneUTC,
			CurrencyID: "USD", Columns: []ReportColumn{ColumnOffer}})
		conformance.Drain(c.Affiliates.List(ctx), body)
	})
}

// FuzzDecodeRecords decodes any JSON into every record type, with the
// tolerant unix-time, string, bool and date decoders. A record that decodes
// encodes back to JSON (no NaN or infinite amounts).
func FuzzDecodeRecords(f *testing.F) {
	conformance.AddSamples(f)
	f.Add([]byte(`{"network_offer_id":"7","time_created":"1706745600","payout":"NaN","is_event":"1","date":"2024-02-01"}`))
	f.Add([]byte(`{"relationship":{"offer":{"network_offer_id":1},"affiliate":null},"conversion_unix_timestamp":1e300}`))
	f.Fuzz(func(t *testing.T, body []byte) {
		conformance.DecodeEncodes(t, body,
			new(Affiliate), new(AffiliateRelationship), new(AffiliateUser), new(Click), new(ClickRelationship),
			new(Geolocation), new(Conversion), new(ConversionRelationship), new(Network), new(Offer),
			new(OfferRelationship), new(Pixel), new(PostbackLog), new(Metrics), new(ColumnValue), new(Timezone),
			new(ConversionSummary), new(tolerant.Unix), new(tolerant.Text), new(tolerant.Bool), &tolerant.OptionalDate{P: new(*time.Time)},
			page[Conversion]("conversions"),
		)
	})
}

// FuzzExportNDJSON streams any body through the JSON export reader
// (newline-delimited JSON or one array). It ends with an error or the end
// of the rows, never a nil row, and yields at most one row per byte.
func FuzzExportNDJSON(f *testing.F) {
	f.Add([]byte("{\"conversion_id\":\"a\",\"payout\":1.5}\n{\"conversion_id\":\"b\"}\n"))
	f.Add([]byte(`[{"conversion_id":"a"},{"conversion_id":"b"}]`))
	f.Add([]byte(`{"conversions":[{"conversion_id":"a"}],"paging":{}}`))
	f.Add([]byte("<html>export failed</html>"))
	f.Add([]byte("{\"conversion_id\":\"a\"}\n{\"conversion_id\":"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, body []byte) {
		c := fuzzClient(t, "application/x-ndjson", body)
		rows := 0
		for cv, err := range c.Conversions.Export(context.Background(), &ConversionExportParams{ConversionReportParams: fuzzWindow}) {
			if err != nil {
				break
			}
			if cv == nil {
				t.Fatal("nil row without an error")
			}
			if rows++; rows > len(body) {
				t.Fatalf("%d rows from %d bytes", rows, len(body))
			}
		}
		for pl, err := range c.Postbacks.Export(context.Background(), &PostbackReportParams{From: fuzzWindow.From, To: fuzzWindow.To, TimezoneID: TimezoneUTC}) {
			if err != nil {
				break
			}
			if pl == nil {
				t.Fatal("nil row without an error")
			}
		}
	})
}

// FuzzExportCSV streams any body through the CSV export reader. It ends
// with an error or the end of the rows, and every row is keyed by the
// header's names.
func FuzzExportCSV(f *testing.F) {
	f.Add([]byte("conversion_id,payout,sub1\na,1.50,x\nb,2,\"quoted, value\"\n"))
	f.Add([]byte("\ufeffconversion_id;payout\r\na;1\r\n"))
	f.Add([]byte("a,b\n1\n"))
	f.Add([]byte("a,\"b\n1,2\n"))
	f.Add([]byte("<html>export failed</html>"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, body []byte) {
		c := fuzzClient(t, "text/csv", body)
		rows := 0
		for rec, err := range c.Conversions.ExportCSV(context.Background(), &ConversionExportParams{ConversionReportParams: fuzzWindow}) {
			if err != nil {
				break
			}
			if rec.Len() == 0 || len(rec.Header()) != rec.Len() {
				t.Fatalf("row of %d values under %d names without an error", rec.Len(), len(rec.Header()))
			}
			for i, name := range rec.Header() {
				if v, ok := rec.Lookup(name); !ok || (v != rec.Values()[i] && slices.Index(rec.Header(), name) == i) {
					t.Fatalf("column %q reads %q, want %q", name, v, rec.Values()[i])
				}
			}
			if rows++; rows > len(body) {
				t.Fatalf("%d rows from %d bytes", rows, len(body))
			}
		}
	})
}

// FuzzExportRowCap streams any body through the CSV and JSON export
// readers under a small response cap. No CSV row holds more bytes than
// the cap, an oversized row ends the stream with ErrMalformedResponse,
// and nothing panics.
func FuzzExportRowCap(f *testing.F) {
	f.Add([]byte("transaction_id,payload\na,xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\nb,y\n"), uint8(16))
	f.Add([]byte("a,\"b\n\n\n\nc\"\n1,2\n"), uint8(6))
	f.Add([]byte("{\"transaction_id\":\"a\"}\n{\"transaction_id\":\"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\"}\n"), uint8(30))
	f.Add([]byte(`[{"transaction_id":"a"},{"transaction_id":"b"}]`), uint8(24))
	f.Fuzz(func(t *testing.T, body []byte, m uint8) {
		limit := int64(m%64) + 1
		c, err := NewClient(WithAPIKey("k"), WithBaseURL("http://127.0.0.1:9/v1"), WithMaxRetries(0),
			WithMaxResponseBytes(limit), WithHTTPClient(faultmatrix.ResponseClient(200, "text/csv", body)))
		if err != nil {
			t.Fatal(err)
		}
		for rec, err := range c.Postbacks.ExportCSV(context.Background(), allFeb) {
			if err != nil {
				if !errors.Is(err, ErrMalformedResponse) {
					t.Fatalf("error %v does not match ErrMalformedResponse", err)
				}
				break
			}
			size := int64(0)
			for _, v := range rec.Values() {
				size += int64(len(v))
			}
			if size > limit {
				t.Fatalf("a row of %d bytes of values under a cap of %d", size, limit)
			}
		}
		rows := 0
		for pl, err := range c.Postbacks.Export(context.Background(), allFeb) {
			if err != nil {
				if !errors.Is(err, ErrMalformedResponse) {
					t.Fatalf("error %v does not match ErrMalformedResponse", err)
				}
				break
			}
			if pl == nil {
				t.Fatal("nil row without an error")
			}
			if rows++; int64(rows)*2 > int64(len(body))+1 {
				t.Fatalf("%d rows from %d bytes", rows, len(body))
			}
		}
	})
}
