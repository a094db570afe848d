package firstpromotertest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

func TestPayoutsList(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	all := srv.Payouts()
	require.Len(t, all, 10)
	r := call(t, srv, http.MethodGet, "/company/payouts", nil)
	require.Equal(t, byte('['), r.body[0], "a bare JSON array")
	var rows []map[string]any
	require.NoError(t, json.Unmarshal(r.body, &rows))
	require.Len(t, rows, 10)
	for _, key := range []string{
		"id", "status", "amount", "payments_batch_id", "tax_rate", "unit", "period_start", "period_end", "paid_at",
		"processing_started_at", "failed_at", "created_at", "error", "total_incl_tax", "payout_method", "promoter", "campaign",
	} {
		assert.Contains(t, rows[0], key)
	}
	method := rows[0]["payout_method"].(map[string]any)
	assert.ElementsMatch(t, []string{"id", "method", "date_added", "is_disabled", "meta", "is_selected", "details", "managed_payouts"}, keys(method))

	count := func(match func(p firstpromotertest.Payout) bool) int {
		n := 0
		for _, p := range all {
			if match(p) {
				n++
			}
		}
		return n
	}
	tests := []struct {
		query url.Values
		want  int
	}{
		{url.Values{"filters[status]": {"completed"}}, 6},
		{url.Values{"filters[status]": {"pending"}}, 4},
		{url.Values{"filters[promoter_id]": {fmt.Sprint(all[0].Promoter.ID)}}, 1},
		{url.Values{"filters[campaign_id]": {fmt.Sprint(all[0].Campaign.ID)}}, count(func(p firstpromotertest.Payout) bool { return p.Campaign.ID == all[0].Campaign.ID })},
		{url.Values{"filters[payout_method]": {"paypal"}}, count(func(p firstpromotertest.Payout) bool {
			return p.PayoutMethod != nil && p.PayoutMethod.Method == "paypal"
		})},
		{url.Values{"filters[period_start][from]": {"2025-02-01"}, "filters[period_start][to]": {"2025-02-01"}}, 10},
		{url.Values{"filters[due_period]": {"next"}}, 4},
		{url.Values{"q": {all[0].Promoter.Name}}, 1},
		{url.Values{"ids[]": {fmt.Sprint(all[2].ID)}}, 1},
	}
	for _, tt := range tests {
		t.Run(tt.query.Encode(), func(t *testing.T) {
			require.Positive(t, tt.want)
			assert.Len(t, ids(t, call(t, srv, http.MethodGet, "/company/payouts?"+tt.query.Encode(), nil)), tt.want)
		})
	}
	sorted := okJSON[[]firstpromotertest.Payout](t, call(t, srv, http.MethodGet, "/company/payouts?sorting%5Bamount%5D=desc", nil), http.StatusOK)
	for i := 1; i < len(sorted); i++ {
		c, err := sorted[i].Amount.Cmp(sorted[i-1].Amount)
		require.NoError(t, err)
		assert.LessOrEqual(t, c, 0)
	}
	requireParamError(t, call(t, srv, http.MethodGet, "/company/payouts?filters%5Bpayout_method%5D=cheque", nil), "filters[payout_method]")
}

func TestPayoutBulkActionsWrapTheBatch(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	var pending []firstpromotertest.Payout
	for _, p := range srv.Payouts() {
		if p.Status == "pending" {
			pending = append(pending, p)
		}
	}
	require.NotEmpty(t, pending)
	target := pending[0]
	r := call(t, srv, http.MethodPost, "/company/payouts/mark_as_paid", map[string]any{"ids": []int64{target.ID}})
	type batchEnvelope struct {
		Data firstpromotertest.Batch    `json:"data"`
		Meta map[string]json.RawMessage `json:"meta"`
	}
	env := okJSON[batchEnvelope](t, r, http.StatusOK)
	assert.Equal(t, firstpromoter.BatchCompleted, env.Data.Status)
	assert.Equal(t, "payout/mark_as_paid", env.Data.ActionLabel)
	assert.Equal(t, target.Amount.String(), string(env.Meta["total"]))
	assert.Equal(t, "1", string(env.Meta["promoters_count"]))
	assert.Contains(t, env.Meta, "all_promoters_count")
	assert.Contains(t, env.Meta, "total_incl_tax")

	paid := findPayout(t, srv, target.ID)
	assert.Equal(t, firstpromoter.PayoutCompleted, paid.Status)
	assert.Equal(t, fixedNow, paid.PaidAt.Time)
	for _, c := range srv.Commissions() {
		if c.PayoutID == target.ID {
			assert.True(t, c.IsPaid, "the payout's commissions are paid")
		}
	}
	okJSON[map[string]any](t, call(t, srv, http.MethodPost, "/company/payouts/mark_as_unpaid", map[string]any{"ids": []int64{target.ID}}), http.StatusOK)
	assert.Equal(t, firstpromoter.PayoutPending, findPayout(t, srv, target.ID).Status)
	assert.True(t, findPayout(t, srv, target.ID).PaidAt.IsZero())

	okJSON[map[string]any](t, call(t, srv, http.MethodDelete, "/company/payouts/destroy", map[string]any{"ids": []int64{target.ID}}), http.StatusOK)
	assert.Len(t, srv.Payouts(), 9)

	var many []int64
	for _, p := range srv.Payouts()[:6] {
		many = append(many, p.ID)
	}
	r = call(t, srv, http.MethodPost, "/company/payouts/mark_as_paid", map[string]any{"ids": many})
	require.Equal(t, http.StatusAccepted, r.status)
	var async map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(r.body, &async))
	assert.Contains(t, string(async["data"]), `"status":"in_progress"`)
	requireParamError(t, call(t, srv, http.MethodPost, "/company/payouts/mark_as_paid", map[string]any{}), "ids")
}

func findPayout(t *testing.T, srv *firstpromotertest.Server, id int64) firstpromotertest.Payout {
	t.Helper()
	for _, p := range srv.Payouts() {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no payout %d", id)
	return firstpromotertest.Payout{}
}

func TestPayoutSummaries(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())

	grouped := okJSON[map[string]json.RawMessage](t, call(t, srv, http.MethodGet, "/company/payouts/group_by_promoters", nil), http.StatusOK)
	assert.ElementsMatch(t, []string{"data", "meta"}, keys(grouped))
	var groups []map[string]any
	require.NoError(t, json.Unmarshal(grouped["data"], &groups))
	require.Len(t, groups, 4, "pending payouts by default, one group per promoter")
	assert.ElementsMatch(t, []string{"promoter", "payout_method", "payouts", "is_amount_payable", "payout_ids", "amount", "total_incl_tax"}, keys(groups[0]))
	var meta map[string]any
	require.NoError(t, json.Unmarshal(grouped["meta"], &meta))
	assert.ElementsMatch(t, []string{"total", "promoters_count", "total_incl_tax", "due_date", "period_end"}, keys(meta))
	assert.Equal(t, "2025-02-28", meta["period_end"])
	assert.Equal(t, "2025-03-30", meta["due_date"])

	stats := okJSON[map[string]map[string]json.RawMessage](t, call(t, srv, http.MethodGet, "/company/payouts/stats", nil), http.StatusOK)
	assert.ElementsMatch(t, []string{"by_paid_period", "by_status", "by_payout_method"}, keys(stats["data"]))
	assert.Contains(t, stats["meta"], "net_payout_days")
	var byStatus map[string]struct {
		PromotersCount int                `json:"promoters_count"`
		Amounts        map[string]float64 `json:"amounts"`
	}
	require.NoError(t, json.Unmarshal(stats["data"]["by_status"], &byStatus))
	assert.Equal(t, 6, byStatus["completed"].PromotersCount)
	only := okJSON[map[string]map[string]json.RawMessage](t, call(t, srv, http.MethodGet, "/company/payouts/stats?stats_by%5Bstatus%5D=true", nil), http.StatusOK)
	assert.Equal(t, []string{"by_status"}, keys(only["data"]))

	due := okJSON[map[string]map[string]json.RawMessage](t, call(t, srv, http.MethodGet, "/company/payouts/due_stats", nil), http.StatusOK)
	assert.ElementsMatch(t, []string{"next", "overdue", "custom"}, keys(due["data"]))
	var next struct {
		PromotersCount int                `json:"promoters_count"`
		Amounts        map[string]float64 `json:"amounts"`
		DueDate        string             `json:"due_date"`
	}
	require.NoError(t, json.Unmarshal(due["data"]["next"], &next))
	assert.Equal(t, 4, next.PromotersCount)
	assert.Equal(t, "2025-03-30", next.DueDate)
}

func TestCreatePaymentsBatch(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	var want []int64
	for _, p := range srv.Payouts() {
		if p.Status == "pending" && atLeast(t, p.Amount, "2500") && p.PayoutMethod != nil && p.PayoutMethod.Method == "paypal" {
			want = append(want, p.ID)
		}
	}
	require.NotEmpty(t, want, "the demo data has payable PayPal payouts")
	r := call(t, srv, http.MethodPost, "/company/payouts/create_payments_batch", map[string]any{"method": "paypal"})
	var env struct {
		Data struct {
			ID             int64   `json:"id"`
			Status         string  `json:"status"`
			Total          float64 `json:"total"`
			PromotersCount int     `json:"promoters_count"`
		} `json:"data"`
		Meta struct {
			Failed []any `json:"failed"`
		} `json:"meta"`
	}
	require.Equal(t, http.StatusCreated, r.status, "body: %s", r.body)
	require.NoError(t, json.Unmarshal(r.body, &env))
	assert.Equal(t, len(want), env.Data.PromotersCount)
	assert.NotNil(t, env.Meta.Failed)
	inBatch := ids(t, call(t, srv, http.MethodGet, fmt.Sprintf("/company/payouts?filters%%5Bpayments_batch_id%%5D=%d", env.Data.ID), nil))
	assert.ElementsMatch(t, want, inBatch)
	for _, id := range want {
		assert.Equal(t, firstpromoter.PayoutProcessing, findPayout(t, srv, id).Status)
	}
	requireParamError(t, call(t, srv, http.MethodPost, "/company/payouts/create_payments_batch", map[string]any{}), "method")
	again := call(t, srv, http.MethodPost, "/company/payouts/create_payments_batch", map[string]any{"method": "paypal"})
	assert.Equal(t, http.StatusUnprocessableEntity, again.status)
	assert.Equal(t, "operation_failed", decode[errorBody](t, again).Code)
}

// atLeast reports whether a is at least the decimal min.
func atLeast(t *testing.T, a firstpromoter.Amount, min string) bool {
	t.Helper()
	m, err := firstpromoter.ParseAmount(min, "")
	require.NoError(t, err)
	c, err := a.Cmp(m)
	require.NoError(t, err)
	return c >= 0
}
