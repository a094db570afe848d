package everflow_test

import (
	"context"
	"encoding/json"
	"io"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

func TestConversionsListPages(t *testing.T) {
	srv := newFakeServer(everflowtest.WithDemoData())
	defer srv.Close()
	srv.SeedConversions(4500)
	c, _ := newTestClient(t, srv)
	opts := &ConversionListOptions{ConversionReportParams: ConversionReportParams{
		From: feb(1), To: feb(29), TimezoneID: TimezoneUTC, ShowConversions: true, ShowEvents: true,
	}}
	var got []*Conversion
	for cv, err := range c.Conversions.List(context.Background(), opts) {
		require.NoError(t, err)
		got = append(got, cv)
	}
	assert.Len(t, got, 4740)
	assert.Equal(t, 3, srv.RequestCount(), "4740 rows at 2000 a page")
	for i, r := range srv.Requests() {
		assert.Equal(t, "/v1/networks/reporting/conversions", r.Path)
		q, _ := url.ParseQuery(r.Query)
		assert.Equal(t, []string{"1", "2", "3"}[i], q.Get("page"))
		assert.Equal(t, "2000", q.Get("page_size"))
		assert.JSONEq(t, `{"from":"2024-02-01","to":"2024-02-29","timezone_id":67,"show_conversions":true,"show_events":true}`, string(r.Body))
	}
	first := got[0]
	assert.Len(t, first.ConversionID, 32)
	assert.False(t, first.ConversionUnixTimestamp.IsZero())
	assert.Equal(t, time.UTC, first.ConversionUnixTimestamp.Location())
	assert.NotNil(t, first.Relationship.Offer)
	assert.Contains(t, first.Relationship.Other, "advertiser")
}

func TestConversionsFiltersAndSummary(t *testing.T) {
	srv, c, _ := demo(t)
	ctx := context.Background()
	params := ConversionReportParams{From: feb(1), To: feb(29), TimezoneID: TimezoneUTC,
		Query: Query{Filters: []Filter{OfferFilter(3), CountryFilter("United States")}}}
	var payout Amount
	n := 0
	for cv, err := range c.Conversions.List(ctx, &ConversionListOptions{ConversionReportParams: params}) {
		require.NoError(t, err)
		assert.Equal(t, int64(3), cv.Relationship.Offer.NetworkOfferID)
		assert.Equal(t, "United States", cv.Country)
		assert.False(t, cv.IsEvent, "base conversions only by default")
		assert.Equal(t, "USD", cv.Payout.Currency(), "the conversion's currency_id")
		var err error
		payout, err = payout.Add(cv.Payout)
		require.NoError(t, err)
		n++
	}
	require.Positive(t, n)
	assert.JSONEq(t, `{"from":"2024-02-01","to":"2024-02-29","timezone_id":67,"show_conversions":true,"show_events":false,
		"query":{"filters":[{"resource_type":"offer","filter_id_value":"3"},{"resource_type":"country","filter_id_value":"United States"}]}}`,
		string(srv.Requests()[0].Body))

	sum, err := c.Conversions.Summary(ctx, &params)
	require.NoError(t, err)
	assert.Equal(t, int64(n), sum.Total)
	cmp, err := payout.Cmp(sum.Payout)
	require.NoError(t, err)
	assert.Zero(t, cmp, "the summary's payout is the exact sum: %s and %s", payout, sum.Payout)
	assert.Equal(t, sum.Total, sum.Approved+sum.Pending+sum.Invalid+sum.RejectedScrub+sum.RejectedManual)
}

func TestConversionsWindowCheckedBeforeRequest(t *testing.T) {
	srv, c, _ := demo(t)
	ctx := context.Background()
	for _, err := range c.Conversions.List(ctx) {
		assert.ErrorContains(t, err, "the window needs From and To")
	}
	for _, err := range c.Conversions.List(ctx, &ConversionListOptions{ConversionReportParams: ConversionReportParams{
		From: feb(1), To: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), TimezoneID: TimezoneUTC}}) {
		assert.ErrorContains(t, err, "longer than one year")
	}
	_, err := c.Conversions.Summary(ctx, nil)
	assert.Error(t, err)
	for _, err := range c.Conversions.Export(ctx, &ConversionExportParams{}) {
		assert.Error(t, err)
	}
	assert.Zero(t, srv.RequestCount())
}

func TestConversionsExport(t *testing.T) {
	srv, c, _ := demo(t)
	ctx := context.Background()
	params := &ConversionExportParams{ConversionReportParams: ConversionReportParams{
		From: feb(1), To: feb(29), TimezoneID: TimezoneUTC, ShowConversions: true, ShowEvents: true}}
	var ids []string
	for cv, err := range c.Conversions.Export(ctx, params) {
		require.NoError(t, err)
		ids = append(ids, cv.ConversionID)
	}
	stored := srv.Conversions()
	require.Len(t, ids, len(stored))
	assert.Equal(t, stored[0].ConversionID, ids[0])
	var body map[string]any
	require.NoError(t, json.Unmarshal(srv.Requests()[0].Body, &body))
	assert.Equal(t, "json", body["format"])
	assert.Equal(t, "/v1/networks/reporting/conversions/export", srv.Requests()[0].Path)

	n := 0
	for rec, err := range c.Conversions.ExportCSV(ctx, params) {
		require.NoError(t, err)
		if n == 0 {
			assert.Equal(t, stored[0].ConversionID, rec.Get("conversion_id"))
			assert.Equal(t, string(stored[0].Status), rec.Get("status"))
		}
		n++
	}
	assert.Equal(t, len(stored), n)

	params.Columns = []string{"offer", "affiliate"}
	body2, resp, err := c.Conversions.ExportRaw(ctx, params, FormatCSV)
	require.NoError(t, err)
	defer body2.Close()
	assert.Equal(t, "text/csv", resp.Header.Get("Content-Type"))
	head := make([]byte, 14)
	_, err = io.ReadFull(body2, head)
	require.NoError(t, err)
	assert.Equal(t, "conversion_id,", string(head))
	assert.Contains(t, string(srv.Requests()[2].Body), `"columns":["offer","affiliate"]`)

	_, _, err = c.Conversions.ExportRaw(ctx, params, "xml")
	assert.ErrorContains(t, err, "export format")
}
