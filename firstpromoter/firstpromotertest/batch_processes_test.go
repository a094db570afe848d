package firstpromotertest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

func TestBulkOverFiveIDsRunsAsynchronously(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	var denied []int64
	for _, ref := range srv.Referrals()[:8] {
		denied = append(denied, ref.ID)
	}
	r := call(t, srv, http.MethodPost, "/company/referrals/disable", map[string]any{"ids": denied})
	b := okJSON[firstpromotertest.Batch](t, r, http.StatusAccepted)
	assert.Equal(t, firstpromoter.BatchInProgress, b.Status)
	assert.Less(t, b.Progress, 100)
	assert.Equal(t, 8, b.Total)
	assert.Equal(t, 8, b.SelectedTotal)
	assert.Equal(t, "referral/disable", b.ActionLabel)
	assert.Equal(t, fixedNow, b.CreatedAt.Time)
	assert.Equal(t, []string{}, b.ProcessingErrors)

	stateOf := func(id int64) string {
		for _, ref := range srv.Referrals() {
			if ref.ID == id {
				return string(ref.State)
			}
		}
		return ""
	}
	assert.NotEqual(t, "denied", stateOf(denied[0]), "nothing is applied before the batch completes")

	progress := okJSON[map[string]int](t, call(t, srv, http.MethodGet, "/company/batch_processes/progress", nil), http.StatusOK)
	assert.Equal(t, map[string]int{strconv.FormatInt(b.ID, 10): 0}, progress)
	listed := okJSON[[]firstpromotertest.Batch](t, call(t, srv, http.MethodGet, "/company/batch_processes", nil), http.StatusOK)
	require.Len(t, listed, 1)
	assert.Equal(t, b.ID, listed[0].ID)

	poll := func() firstpromotertest.Batch {
		return okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodGet, fmt.Sprintf("/company/batch_processes/%d", b.ID), nil), http.StatusOK)
	}
	first := poll()
	assert.Equal(t, firstpromoter.BatchInProgress, first.Status)
	assert.Equal(t, 50, first.Progress)
	assert.NotEqual(t, "denied", stateOf(denied[0]))
	second := poll()
	assert.Equal(t, firstpromoter.BatchCompleted, second.Status)
	assert.Equal(t, 100, second.Progress)
	assert.Equal(t, 8, second.ProcessedCount)
	assert.Zero(t, second.FailedCount)
	for _, id := range denied {
		assert.Equal(t, "denied", stateOf(id))
	}
	assert.Equal(t, firstpromoter.BatchCompleted, poll().Status, "a completed batch stays completed")

	assert.Empty(t, okJSON[map[string]int](t, call(t, srv, http.MethodGet, "/company/batch_processes/progress", nil), http.StatusOK))
	assert.Empty(t, okJSON[[]firstpromotertest.Batch](t, call(t, srv, http.MethodGet, "/company/batch_processes", nil), http.StatusOK))
	done := okJSON[[]firstpromotertest.Batch](t, call(t, srv, http.MethodGet, "/company/batch_processes?filters%5Bstatus%5D%5B%5D=completed", nil), http.StatusOK)
	require.Len(t, done, 1)
	assert.Equal(t, b.ID, done[0].ID)
}

func TestBulkUpToFiveIDsAppliesAtOnce(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	var ids []int64
	for _, c := range srv.Commissions()[:5] {
		ids = append(ids, c.ID)
	}
	b := okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodPost, "/company/commissions/deny", map[string]any{"ids": ids}), http.StatusOK)
	assert.Equal(t, firstpromoter.BatchCompleted, b.Status)
	assert.Equal(t, 100, b.Progress)
	assert.Equal(t, 5, b.ProcessedCount)
	for _, c := range srv.Commissions()[:5] {
		assert.Equal(t, firstpromoter.CommissionDenied, c.Status)
	}
	got := okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodGet, fmt.Sprintf("/company/batch_processes/%d", b.ID), nil), http.StatusOK)
	assert.Equal(t, b, got)
}

func TestBatchPollsOption(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData(), firstpromotertest.WithBatchPolls(3))
	var ids []int64
	for _, p := range srv.Promoters()[:6] {
		ids = append(ids, p.ID)
	}
	b := okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodPost, "/company/promoters/archive", map[string]any{"ids": ids}), http.StatusAccepted)
	var statuses []string
	for range 3 {
		got := okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodGet, fmt.Sprintf("/company/batch_processes/%d", b.ID), nil), http.StatusOK)
		statuses = append(statuses, fmt.Sprintf("%s/%d", got.Status, got.Progress))
	}
	assert.Equal(t, []string{"in_progress/33", "in_progress/66", "completed/100"}, statuses)
	for _, p := range srv.Promoters()[:6] {
		assert.False(t, p.ArchivedAt.IsZero())
	}
}

func TestBatchProgressMatchesSampleShape(t *testing.T) {
	srv := newServer(t)
	for range 3 {
		srv.AddBatchProcess(firstpromotertest.Batch{Status: "in_progress", Total: 10, SelectedTotal: 10, ActionLabel: "referral/delete"})
	}
	r := call(t, srv, http.MethodGet, "/company/batch_processes/progress", nil)
	var got, want map[string]int
	require.NoError(t, json.Unmarshal(r.body, &got))
	require.NoError(t, json.Unmarshal([]byte(sample(t, "get_batch_processes_progress.json")), &want))
	assert.Len(t, got, len(want))
	for k, v := range got {
		_, err := strconv.ParseInt(k, 10, 64)
		assert.NoError(t, err, "keys are batch ids")
		assert.Zero(t, v)
	}
}

func TestBatchErrors(t *testing.T) {
	srv := newServer(t)
	r := call(t, srv, http.MethodGet, "/company/batch_processes/424242", nil)
	assert.JSONEq(t, sample(t, "error_404.json"), string(r.body))
	requireParamError(t, call(t, srv, http.MethodGet, "/company/batch_processes?filters%5Bstatus%5D=sleeping", nil), "filters[status]")
	requireParamError(t, call(t, srv, http.MethodPost, "/company/referrals/approve", map[string]any{"ids": []int64{}}), "ids")
	requireParamError(t, call(t, srv, http.MethodPost, "/company/referrals/approve", map[string]any{"ids": []string{"one"}}), "ids")
}
