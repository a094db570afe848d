package postaffiliatepro_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	pt "github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

func TestTopAffiliatesReport(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, srvOpts(pt.WithDemoData(), pt.WithEnvelope(pt.EnvelopeDataItems)))

	var rows []*postaffiliatepro.TopAffiliate
	for r, err := range f.client.Reports.TopAffiliates(ctx) {
		require.NoError(t, err)
		rows = append(rows, r)
	}
	require.NotEmpty(t, rows)
	for i := 1; i < len(rows); i++ {
		c, err := rows[i-1].Commission.Cmp(rows[i].Commission)
		require.NoError(t, err)
		assert.GreaterOrEqual(t, c, 0, "best first")
	}
	var sum, want postaffiliatepro.Amount
	var err error
	for _, r := range rows {
		sum, err = sum.Add(r.Commission)
		require.NoError(t, err)
	}
	for _, tx := range f.srv.Transactions() {
		if tx.Status != "D" {
			want, err = want.Add(tx.Commission)
			require.NoError(t, err)
		}
	}
	requireSameValue(t, want, sum, "the report totals the commissions exactly")
	assert.NotEmpty(t, rows[0].Username)
	assert.NotEmpty(t, rows[0].Name())

	// One day's report: the demo data has a transaction every 11 hours.
	day := f.srv.Transactions()[0].CreatedAt.Format(time.DateOnly)
	page, _, err := f.client.Reports.TopAffiliatesPage(ctx, &postaffiliatepro.TopAffiliateListOptions{CreatedAt: day})
	require.NoError(t, err)
	require.NotEmpty(t, page)
	var sales int64
	for _, r := range page {
		sales += r.Sales
	}
	assert.LessOrEqual(t, sales, int64(3))
	q, err := url.ParseQuery(f.srv.Requests()[f.srv.RequestCount()-1].Query)
	require.NoError(t, err)
	assert.Equal(t, day, q.Get("created_at"))

	_, _, err = f.client.Reports.TopAffiliatesPage(ctx, &postaffiliatepro.TopAffiliateListOptions{CreatedAt: "last week"})
	require.ErrorIs(t, err, postaffiliatepro.ErrInvalidRequest)
}

func TestClicksReport(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, srvOpts(pt.WithDemoData(), pt.WithEnvelope(pt.EnvelopeResource), pt.WithTotalKey("total_count")))
	want := f.srv.Clicks()

	n := 0
	for c, err := range f.client.Reports.Clicks(ctx, &postaffiliatepro.ClickListOptions{ListParams: postaffiliatepro.ListParams{PerPage: 40}}) {
		require.NoError(t, err)
		assert.Equal(t, want[n].ID, c.ID)
		assert.Equal(t, want[n].ReferralURL, c.ReferrerURL)
		assert.Equal(t, want[n].UserAgent, c.UserAgent)
		n++
	}
	assert.Equal(t, 90, n)
	assert.Equal(t, 3, f.srv.RequestCount())
	assert.Equal(t, "/api/v3/reports/clicks", f.srv.Requests()[0].Path)

	var ips []string
	for c, err := range f.client.Reports.Clicks(ctx, &postaffiliatepro.ClickListOptions{Q: "ip:" + want[3].IP}) {
		require.NoError(t, err)
		ips = append(ips, c.IP)
	}
	require.NotEmpty(t, ips)
	for _, ip := range ips {
		assert.Equal(t, want[3].IP, ip)
	}
}
