package everflow_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
)

func TestEntityReport(t *testing.T) {
	srv, c, _ := demo(t)
	ctx := context.Background()
	params := &EntityReportParams{From: feb(1), To: feb(29), TimezoneID: TimezoneUTC, CurrencyID: "USD",
		Columns: []ReportColumn{ColumnAffiliate, ColumnDate}, Query: Query{Filters: []Filter{OfferFilter(2)}}}
	rep, err := c.Reports.Table(ctx, params)
	require.NoError(t, err)
	require.NotEmpty(t, rep.Rows)
	assert.False(t, rep.IncompleteResults)
	var clicks int64
	for _, row := range rep.Rows {
		aff, ok := row.Column(ColumnAffiliate)
		require.True(t, ok)
		assert.NotEmpty(t, aff.Label)
		day, ok := row.Column(ColumnDate)
		require.True(t, ok)
		assert.Regexp(t, `^2024-02-\d\d$`, day.Label)
		clicks += row.Reporting.TotalClick
	}
	require.NotNil(t, rep.Summary)
	assert.Equal(t, rep.Summary.TotalClick, clicks)
	assert.Contains(t, rep.Summary.Other, "cvr", "metrics not modelled are kept")
	assert.JSONEq(t, `{"from":"2024-02-01","to":"2024-02-29","timezone_id":67,"currency_id":"USD",
		"columns":[{"column":"affiliate"},{"column":"date"}],
		"query":{"filters":[{"resource_type":"offer","filter_id_value":"2"}]}}`, string(srv.Requests()[0].Body))

	sum, err := c.Reports.Summary(ctx, &EntitySummaryParams{From: feb(1), To: feb(29), TimezoneID: TimezoneUTC, CurrencyID: "USD",
		Query: Query{Filters: []Filter{OfferFilter(2)}}})
	require.NoError(t, err)
	assert.Equal(t, rep.Summary.Payout, sum.Payout)
	assert.Equal(t, rep.Summary.CV, sum.CV)
	assert.JSONEq(t, `{"from":"2024-02-01","to":"2024-02-29","timezone_id":67,"currency_id":"USD","query":{"filters":[{"resource_type":"offer","filter_id_value":"2"}]}}`,
		string(srv.Requests()[1].Body))

	rows := 0
	for rec, err := range c.Reports.ExportCSV(ctx, params) {
		require.NoError(t, err)
		assert.NotEmpty(t, rec.Get("affiliate"))
		assert.Contains(t, rec.Header(), "payout")
		rows++
	}
	assert.Equal(t, len(rep.Rows), rows)
	var body map[string]any
	require.NoError(t, json.Unmarshal(srv.Requests()[2].Body, &body))
	assert.Equal(t, "csv", body["format"])
}

func TestEntityReportValidation(t *testing.T) {
	srv, c, _ := demo(t)
	ctx := context.Background()
	base := EntityReportParams{From: feb(1), To: feb(29), TimezoneID: TimezoneUTC, CurrencyID: "USD"}
	tests := []struct {
		name   string
		mutate func(*EntityReportParams)
		err    string
	}{
		{"no columns", func(p *EntityReportParams) {}, "needs 1 to 10 columns"},
		{"too many columns", func(p *EntityReportParams) {
			p.Columns = []ReportColumn{ColumnOffer, ColumnAffiliate, ColumnSub1, ColumnSub2, ColumnSub3, ColumnSub4, ColumnSub5, ColumnCountry, ColumnRegion, ColumnCity, ColumnISP}
		}, "needs 1 to 10 columns"},
		{"two time columns", func(p *EntityReportParams) { p.Columns = []ReportColumn{ColumnDate, ColumnHour} }, "at most one time column"},
		{"no currency", func(p *EntityReportParams) { p.Columns = []ReportColumn{ColumnOffer}; p.CurrencyID = "" }, "CurrencyID is required"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := base
			tt.mutate(&p)
			_, err := c.Reports.Table(ctx, &p)
			assert.ErrorContains(t, err, tt.err)
		})
	}
	_, err := c.Reports.Table(ctx, nil)
	assert.Error(t, err)
	assert.Zero(t, srv.RequestCount())

	p := base
	p.Columns = []ReportColumn{"galaxy"}
	_, err = c.Reports.Table(ctx, &p)
	assert.ErrorIs(t, err, ErrInvalidRequest, "columns the server does not know come back as 400")
}

// TestReportAmountsCarryTheReportCurrency: Table and Summary give the
// money metrics the CurrencyID the report was asked in.
func TestReportAmountsCarryTheReportCurrency(t *testing.T) {
	_, c, _ := demo(t)
	ctx := context.Background()
	rep, err := c.Reports.Table(ctx, &EntityReportParams{From: feb(1), To: feb(29), TimezoneID: TimezoneUTC,
		CurrencyID: "USD", Columns: []ReportColumn{ColumnOffer}})
	require.NoError(t, err)
	require.NotEmpty(t, rep.Rows)
	assert.Equal(t, "USD", rep.Rows[0].Reporting.Payout.Currency())
	sum, err := c.Reports.Summary(ctx, &EntitySummaryParams{From: feb(1), To: feb(29), TimezoneID: TimezoneUTC, CurrencyID: "USD"})
	require.NoError(t, err)
	assert.Equal(t, "USD", sum.Revenue.Currency())
	total := Amount{}
	for _, r := range rep.Rows {
		total, err = total.Add(r.Reporting.Payout)
		require.NoError(t, err)
	}
	cmp, err := total.Cmp(sum.Payout)
	require.NoError(t, err)
	assert.Zero(t, cmp, "the rows add up to the summary exactly: %v and %v", total, sum.Payout)
}
