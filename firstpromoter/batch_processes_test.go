package firstpromoter_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

func TestBatchProgressExact(t *testing.T) {
	cases := []struct {
		body    string
		number  json.Number
		percent int
	}{
		{`100`, "100", 100},
		{`0`, "0", 0},
		{`37`, "37", 37},
		{`0.5`, "0.5", 50},
		{`0.333333333333333333333333`, "0.333333333333333333333333", 33},
		{`1.0`, "1.0", 100},
		{`0.005`, "0.005", 1},
		{`"42"`, "42", 42},
		{`null`, "", 0},
	}
	for _, tc := range cases {
		t.Run(tc.body, func(t *testing.T) {
			var b firstpromoter.Batch
			require.NoError(t, json.Unmarshal([]byte(`{"id": 1, "status": "completed", "progress": `+tc.body+`}`), &b))
			assert.Equal(t, tc.number, b.Progress.Number())
			assert.Equal(t, tc.percent, b.Progress.Percent())
			out, err := json.Marshal(b.Progress)
			require.NoError(t, err)
			if tc.number == "" {
				assert.Equal(t, "null", string(out))
			} else {
				assert.Equal(t, string(tc.number), string(out), "re-encoded exactly")
			}
		})
	}
	var b firstpromoter.Batch
	assert.Error(t, json.Unmarshal([]byte(`{"id": 1, "progress": "half"}`), &b))
	r, ok := firstpromoter.BatchProgress("0.333333333333333333333333").Rat()
	require.True(t, ok)
	assert.Equal(t, "333333333333333333333333/1000000000000000000000000", r.String(), "no float64 rounding")
}

func TestBatchFiltersArrayForms(t *testing.T) {
	ws, c := newTapeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		if strings.HasSuffix(r.URL.Path, "/progress") {
			tapeJSON(w, http.StatusOK, `{"32": 0, "31": 40}`)
			return
		}
		tapeJSON(w, http.StatusOK, `[]`)
	})
	ctx := context.Background()
	got, err := c.BatchProcesses.Progress(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, map[int64]int{32: 0, 31: 40}, got)
	_, err = c.BatchProcesses.Progress(ctx, &firstpromoter.BatchProgressOptions{Filters: firstpromoter.BatchFilters{Statuses: []firstpromoter.BatchStatus{firstpromoter.BatchCompleted, firstpromoter.BatchFailed}}})
	require.NoError(t, err)
	_, err = c.BatchProcesses.Progress(ctx, &firstpromoter.BatchProgressOptions{Filters: firstpromoter.BatchFilters{Status: firstpromoter.BatchPending}})
	require.NoError(t, err)
	_, _, err = c.BatchProcesses.ListPage(ctx, &firstpromoter.BatchListOptions{Filters: firstpromoter.BatchFilters{Statuses: []firstpromoter.BatchStatus{firstpromoter.BatchStopped, firstpromoter.BatchInProgress}}})
	require.NoError(t, err)
	_, _, err = c.Commissions.ListPage(ctx, &firstpromoter.CommissionListOptions{Filters: firstpromoter.CommissionFilters{FraudChecks: []string{"same_ip_suspicion", "ad_source"}}})
	require.NoError(t, err)

	calls := ws.Calls()
	require.Len(t, calls, 5)
	assert.Empty(t, calls[0].Query)
	assert.Equal(t, []string{"completed", "failed"}, calls[1].Query["filters[status][]"])
	assert.Equal(t, "pending", calls[2].Query.Get("filters[status]"))
	assert.Equal(t, []string{"stopped", "in_progress"}, calls[3].Query["filters[status][]"])
	assert.Equal(t, []string{"same_ip_suspicion", "ad_source"}, calls[4].Query["filters[fraud_check][]"])
}

func TestBatchProgressFilterAgainstFake(t *testing.T) {
	c, srv, _ := newFakeClient(t, []firstpromotertest.ServerOption{firstpromotertest.WithDemoData()})
	ctx := context.Background()
	ids := make([]int64, 0, 6)
	for _, r := range srv.Referrals()[:6] {
		ids = append(ids, r.ID)
	}
	running, err := c.Referrals.Approve(ctx, ids)
	require.NoError(t, err)
	done, err := c.Referrals.Approve(ctx, []int64{ids[0]})
	require.NoError(t, err)

	inProgress, err := c.BatchProcesses.Progress(ctx, nil)
	require.NoError(t, err)
	assert.Contains(t, inProgress, running.ID)
	assert.NotContains(t, inProgress, done.ID)
	completed, err := c.BatchProcesses.Progress(ctx, &firstpromoter.BatchProgressOptions{Filters: firstpromoter.BatchFilters{Statuses: []firstpromoter.BatchStatus{firstpromoter.BatchCompleted, firstpromoter.BatchFailed}}})
	require.NoError(t, err)
	assert.Equal(t, 100, completed[done.ID])
	assert.NotContains(t, completed, running.ID)

	var fraud []*firstpromoter.Commission
	for cm, err := range c.Commissions.List(ctx, &firstpromoter.CommissionListOptions{Filters: firstpromoter.CommissionFilters{FraudChecks: []string{"no_suspicion", "same_ip_suspicion"}}}) {
		require.NoError(t, err)
		require.NotNil(t, cm.FraudCheck)
		assert.Contains(t, []string{"no_suspicion", "same_ip_suspicion"}, *cm.FraudCheck)
		fraud = append(fraud, cm)
	}
	assert.NotEmpty(t, fraud)
}
