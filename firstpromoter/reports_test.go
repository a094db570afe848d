package firstpromoter_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func reportParams() *firstpromoter.ReportParams {
	return &firstpromoter.ReportParams{
		Columns:   []firstpromoter.ReportColumn{firstpromoter.ColumnRevenueAmount, firstpromoter.ColumnClicksCount, firstpromoter.Column3mEPC},
		GroupBy:   firstpromoter.GroupByMonth,
		StartDate: firstpromoter.NewDate(2025, 1, 1),
		EndDate:   firstpromoter.NewDate(2025, 3, 31),
		Q:         "jane",
		Sort:      &firstpromoter.ReportSort{Column: firstpromoter.ColumnRevenueAmount, Order: firstpromoter.Desc},
	}
}

// wantReportQuery is reportParams on the wire.
var wantReportQuery = url.Values{
	"columns[]":               {"revenue_amount", "clicks_count", "3m_epc"},
	"group_by":                {"month"},
	"start_date":              {"2025-01-01"},
	"end_date":                {"2025-03-31"},
	"q":                       {"jane"},
	"sorting[revenue_amount]": {"desc"},
}

func TestReportsWireFormat(t *testing.T) {
	tests := []struct {
		path string
		call func(*firstpromoter.ReportsService, context.Context, *firstpromoter.ReportParams, ...firstpromoter.RequestOption) ([]*firstpromoter.ReportRow, error)
	}{
		{"overview", (*firstpromoter.ReportsService).Overview},
		{"campaigns", (*firstpromoter.ReportsService).Campaigns},
		{"promoters", (*firstpromoter.ReportsService).Promoters},
		{"traffic_sources", (*firstpromoter.ReportsService).TrafficSources},
		{"urls", (*firstpromoter.ReportsService).URLs},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			c, rec := newWireClient(t, wireJSON(200, `[]`))
			rows, err := tt.call(c.Reports, context.Background(), reportParams())
			require.NoError(t, err)
			assert.Empty(t, rows)
			call := rec.only(t)
			assert.Equal(t, "GET", call.Method)
			assert.Equal(t, "/api/v2/company/reports/"+tt.path, call.Path)
			q, err := url.ParseQuery(call.RawQuery)
			require.NoError(t, err)
			assert.Equal(t, wantReportQuery, q)
			assert.Contains(t, call.RawQuery, "columns%5B%5D=revenue_amount&columns%5B%5D=clicks_count&columns%5B%5D=3m_epc")
		})
	}
}

func TestReportsSortDefaultsToDesc(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, `[]`))
	p := reportParams()
	p.Q = ""
	p.Sort = &firstpromoter.ReportSort{Column: firstpromoter.ColumnClicksCount}
	_, err := c.Reports.Promoters(context.Background(), p)
	require.NoError(t, err)
	q, _ := url.ParseQuery(rec.only(t).RawQuery)
	assert.Equal(t, []string{"desc"}, q["sorting[clicks_count]"])
	assert.NotContains(t, q, "q")

	p.Sort = nil
	_, err = c.Reports.Promoters(context.Background(), p)
	require.NoError(t, err)
	assert.NotContains(t, rec.all()[1].RawQuery, "sorting")
}

func TestReportsValidate(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, `[]`))
	for _, mutate := range []func(*firstpromoter.ReportParams){
		func(p *firstpromoter.ReportParams) { p.Columns = nil },
		func(p *firstpromoter.ReportParams) { p.GroupBy = "" },
		func(p *firstpromoter.ReportParams) { p.StartDate = firstpromoter.Date{} },
		func(p *firstpromoter.ReportParams) { p.EndDate = firstpromoter.Date{} },
	} {
		p := reportParams()
		mutate(p)
		_, err := c.Reports.Overview(context.Background(), p)
		assert.Error(t, err)
	}
	_, err := c.Reports.Overview(context.Background(), nil)
	assert.Error(t, err)
	assert.Zero(t, rec.count())
}

func TestReportsDecodeRows(t *testing.T) {
	t.Run("overview", func(t *testing.T) {
		c, _ := newWireClient(t, wireJSON(200, `[
		  {"period": "2025-01", "id": "2025-01", "data": {"revenue_amount": 1284500.0, "clicks_count": 812, "3m_epc": 1.58}},
		  {"period": "2025-02", "id": "2025-02", "data": {"revenue_amount": "990000", "clicks_count": 640, "3m_epc": null}}
		]`))
		rows, err := c.Reports.Overview(context.Background(), reportParams())
		require.NoError(t, err)
		require.Len(t, rows, 2)
		assert.Equal(t, &firstpromoter.ReportRow{ID: firstpromoter.ReportRowID{Text: "2025-01"}, Period: "2025-01", Data: firstpromoter.ReportData{
			firstpromoter.ColumnRevenueAmount: sent("1284500.0"), firstpromoter.ColumnClicksCount: sent("812"), firstpromoter.Column3mEPC: sent("1.58"),
		}}, rows[0])
		assert.Equal(t, "990000", rows[1].Data.Get(firstpromoter.ColumnRevenueAmount).String(), "numeric strings are accepted")
		assert.NotContains(t, rows[1].Data, firstpromoter.Column3mEPC, "nulls are skipped")
	})
	t.Run("campaigns", func(t *testing.T) {
		c, _ := newWireClient(t, wireJSON(200, `[{
		  "campaign": {"id": 7, "name": "Partner Program", "color": "#4F46E5"},
		  "id": 7,
		  "data": {"revenue_amount": 1284500, "clicks_count": 812},
		  "sub_data": [
		    {"period": "2025-01", "id": "2025-01", "data": {"revenue_amount": 500000, "clicks_count": 400}},
		    {"period": "2025-02", "id": "2025-02", "data": {"revenue_amount": 784500, "clicks_count": 412}}
		  ]
		}]`))
		rows, err := c.Reports.Campaigns(context.Background(), reportParams())
		require.NoError(t, err)
		require.Len(t, rows, 1)
		assert.Equal(t, &firstpromoter.ReportRow{
			ID:       firstpromoter.ReportRowID{Int: 7, IsInt: true},
			Campaign: &firstpromoter.CampaignRef{ID: 7, Name: "Partner Program", Color: "#4F46E5"},
			Data:     firstpromoter.ReportData{firstpromoter.ColumnRevenueAmount: sent("1284500"), firstpromoter.ColumnClicksCount: sent("812")},
			SubData: []*firstpromoter.ReportRow{
				{ID: firstpromoter.ReportRowID{Text: "2025-01"}, Period: "2025-01", Data: firstpromoter.ReportData{firstpromoter.ColumnRevenueAmount: sent("500000"), firstpromoter.ColumnClicksCount: sent("400")}},
				{ID: firstpromoter.ReportRowID{Text: "2025-02"}, Period: "2025-02", Data: firstpromoter.ReportData{firstpromoter.ColumnRevenueAmount: sent("784500"), firstpromoter.ColumnClicksCount: sent("412")}},
			},
		}, rows[0])
	})
	t.Run("promoters", func(t *testing.T) {
		c, _ := newWireClient(t, wireJSON(200, `[{"promoter": {"id": 880, "email": "jane@smith.example", "name": "Jane Smith"},
		  "id": 880, "data": {"promoter_earnings_amount": 16161.5}, "sub_data": []}]`))
		rows, err := c.Reports.Promoters(context.Background(), reportParams())
		require.NoError(t, err)
		require.Len(t, rows, 1)
		assert.Equal(t, firstpromoter.ReportRowID{Int: 880, IsInt: true}, rows[0].ID, "an integer, as the spec types it")
		assert.Equal(t, "880", rows[0].ID.String())
		assert.Equal(t, "jane@smith.example", rows[0].Promoter.Email)
		assert.Equal(t, "16161.5", rows[0].Data.Get(firstpromoter.ColumnPromoterEarningsAmount).String())
		assert.Zero(t, rows[0].Data.Get(firstpromoter.ColumnClicksCount))
	})
	t.Run("traffic sources", func(t *testing.T) {
		c, _ := newWireClient(t, wireJSON(200, `[{"source": "youtube.com", "id": "youtube.com",
		  "data": {"clicks_count": 310, "clicks_to_referrals_cr": 4.19}, "sub_data": [{"period": "2025-01", "id": "2025-01", "data": {"clicks_count": 310}}]}]`))
		rows, err := c.Reports.TrafficSources(context.Background(), reportParams())
		require.NoError(t, err)
		require.Len(t, rows, 1)
		assert.Equal(t, "youtube.com", rows[0].Source)
		assert.Equal(t, "4.19", rows[0].Data.Get(firstpromoter.ColumnClicksToReferralsCR).String())
		require.Len(t, rows[0].SubData, 1)
		assert.Equal(t, "2025-01", rows[0].SubData[0].Period)
	})
	t.Run("urls", func(t *testing.T) {
		c, _ := newWireClient(t, wireJSON(200, `[{"url": "https://janesmith.example/review", "id": "https://janesmith.example/review",
		  "data": {"clicks_count": 95, "url": "https://janesmith.example/review"}}]`))
		rows, err := c.Reports.URLs(context.Background(), reportParams())
		require.NoError(t, err)
		require.Len(t, rows, 1)
		assert.Equal(t, "https://janesmith.example/review", rows[0].URL)
		assert.Equal(t, firstpromoter.ReportData{firstpromoter.ColumnClicksCount: sent("95")}, rows[0].Data, "non-numeric values are skipped")
	})
}

func TestReportsMissingColumnsError(t *testing.T) {
	c, _ := newWireClient(t, wireJSON(422, `{"message": "param is missing or the value is empty: columns", "code": "invalid_params"}`))
	_, err := c.Reports.Overview(context.Background(), reportParams())
	require.ErrorIs(t, err, firstpromoter.ErrInvalidRequest)
	var apiErr *firstpromoter.Error
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, "param is missing or the value is empty: columns", apiErr.Message)
	assert.Equal(t, "invalid_params", apiErr.Code)
}

func TestReportsRetry429WithRetryAfter(t *testing.T) {
	limited := func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Retry-After", "2")
		w.WriteHeader(http.StatusTooManyRequests)
	}
	c, rec := newWireClient(t, wireSequence(limited, wireJSON(200, `[{"period": "2025-01", "id": "2025-01", "data": {"clicks_count": 1}}]`)))
	rows, err := c.Reports.Overview(context.Background(), reportParams())
	require.NoError(t, err)
	assert.Len(t, rows, 1)
	assert.Equal(t, 2, rec.count())
	assert.Equal(t, []int64{2e9}, durations(rec.clock.Sleeps()), "the wait is the server's Retry-After")
}

func TestReportsRateLimitTooLong(t *testing.T) {
	c, rec := newWireClient(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Retry-After", "3600")
		w.WriteHeader(http.StatusTooManyRequests)
	})
	_, err := c.Reports.Overview(context.Background(), reportParams())
	require.ErrorIs(t, err, firstpromoter.ErrRateLimited)
	var apiErr *firstpromoter.Error
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, int64(3600e9), int64(apiErr.RetryAfter))
	assert.Equal(t, 1, rec.count())
	assert.Empty(t, rec.clock.Sleeps())
}

func durations[D ~int64](ds []D) []int64 {
	out := make([]int64, len(ds))
	for i, d := range ds {
		out[i] = int64(d)
	}
	return out
}

func TestReportsDownload(t *testing.T) {
	const csv = "Period,Revenue,Clicks\n2025-01,12845.00,812\n"
	c, rec := newWireClient(t, func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", "text/csv")
		w.Header().Set("Content-Disposition", `attachment; filename="overview.csv"`)
		_, _ = io.WriteString(w, csv)
	})
	body, err := c.Reports.Download(context.Background(), &firstpromoter.ReportDownloadParams{
		ReportType: firstpromoter.ReportOverview, Totals: true,
		ReportParams: firstpromoter.ReportParams{
			Columns: []firstpromoter.ReportColumn{firstpromoter.ColumnRevenueAmount, firstpromoter.ColumnClicksCount}, GroupBy: firstpromoter.GroupByMonth,
			StartDate: firstpromoter.NewDate(2025, 1, 1), EndDate: firstpromoter.NewDate(2025, 1, 31),
		},
	})
	require.NoError(t, err)
	b, err := io.ReadAll(body)
	require.NoError(t, err)
	require.NoError(t, body.Close())
	assert.Equal(t, csv, string(b))

	call := rec.only(t)
	assert.Equal(t, "GET", call.Method)
	assert.Equal(t, "/api/v2/company/reports/download", call.Path)
	q, _ := url.ParseQuery(call.RawQuery)
	assert.Equal(t, url.Values{
		"report_type": {"overview"}, "totals": {"true"},
		"columns[]": {"revenue_amount", "clicks_count"}, "group_by": {"month"},
		"start_date": {"2025-01-01"}, "end_date": {"2025-01-31"},
	}, q)
}

func TestReportsDownloadQueued(t *testing.T) {
	c, _ := newWireClient(t, wireJSON(http.StatusAccepted, `{"message": "The report will be sent to your email"}`))
	body, err := c.Reports.Download(context.Background(), &firstpromoter.ReportDownloadParams{ReportType: firstpromoter.ReportPromoters, ReportParams: *reportParams()})
	assert.Nil(t, body)
	require.ErrorIs(t, err, firstpromoter.ErrReportQueued)
	assert.Contains(t, err.Error(), "The report will be sent to your email")
}

func TestReportsDownloadErrors(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(403, `{"message": "Invalid user type", "code": "forbidden"}`))
	_, err := c.Reports.Download(context.Background(), &firstpromoter.ReportDownloadParams{ReportType: firstpromoter.ReportURLs, ReportParams: *reportParams()})
	assert.ErrorIs(t, err, firstpromoter.ErrForbidden)

	_, err = c.Reports.Download(context.Background(), &firstpromoter.ReportDownloadParams{ReportParams: *reportParams()})
	assert.Error(t, err, "ReportType is required")
	_, err = c.Reports.Download(context.Background(), nil)
	assert.Error(t, err)
	assert.Equal(t, 1, rec.count())
}
