package firstpromoter_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

// tapeCommissionJSON is a commission as the API returns it, from the
// property examples of the v2 tracking and commissions specs.
const tapeCommissionJSON = `{
  "id": 13533003,
  "status": "approved",
  "metadata": {},
  "is_self_referral": null,
  "commission_type": "sale",
  "created_by_user_email": null,
  "created_by_user_at": null,
  "sale_amount": 2000,
  "original_sale_amount": 2000,
  "original_sale_currency": null,
  "event_id": "test_sale_12340987",
  "plan_id": null,
  "tier": 1,
  "internal_note": null,
  "external_note": "Thanks!",
  "unit": "cash",
  "fraud_check": "no_suspicion",
  "amount": 400,
  "is_paid": false,
  "is_split": false,
  "created_at": "2025-04-25T09:39:42Z",
  "status_updated_at": null,
  "promoter_campaign": {
    "id": 14850130, "campaign_id": 28004, "promoter_id": 8262622, "created_at": "2025-01-16T18:16:41Z",
    "promoter": {"id": 8262622, "email": "test@promoter.com", "name": "Test Promoter"},
    "campaign": {"id": 28004, "name": "Quinn Ramirez", "color": "#EC4899"}
  },
  "referral": {"id": 29203686, "email": "testme@test1.com", "uid": null},
  "reward": {"id": 157427, "name": "20% recurring commission"},
  "split_details": null
}`

func TestCommissionsListPageWireFormat(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(200, `[`+tapeCommissionJSON+`]`))
	yes, no := true, false
	from, to := cents(1000), dec("99.00")
	cs, resp, err := c.Commissions.ListPage(context.Background(), &firstpromoter.CommissionListOptions{
		ListParams: firstpromoter.ListParams{Page: 2, PerPage: 50},
		Q:          "test_sale",
		IDs:        []int64{13533003},
		Filters: firstpromoter.CommissionFilters{
			Status:          firstpromoter.CommissionApproved,
			Paid:            firstpromoter.No,
			Fulfilled:       firstpromoter.Yes,
			SaleAmount:      firstpromoter.AmountRange{From: &from, To: &to},
			Amount:          firstpromoter.AmountRange{From: &from},
			CreatedAt:       firstpromoter.DateRange{From: firstpromoter.NewDate(2025, 4, 1), To: firstpromoter.NewDate(2025, 4, 30)},
			CampaignID:      []int64{28004},
			PayoutID:        []int64{71, 72},
			PlanID:          []int64{3},
			DuePeriod:       firstpromoter.DueOverdue,
			PromoterID:      8262622,
			FirstCommission: &yes,
			Refunded:        &no,
			FraudCheck:      "no_suspicion",
		},
		Sorting: firstpromoter.CommissionSorting{CreatedAt: firstpromoter.Desc},
	})
	require.NoError(t, err)
	call := ws.only()
	assert.Equal(t, http.MethodGet, call.Method)
	assert.Equal(t, "/api/v2/company/commissions", call.Path)
	assertTapeAuth(t, call)
	assert.Equal(t, url.Values{
		"page":                       {"2"},
		"per_page":                   {"50"},
		"q":                          {"test_sale"},
		"ids[]":                      {"13533003"},
		"filters[status]":            {"approved"},
		"filters[paid]":              {"no"},
		"filters[fulfilled]":         {"yes"},
		"filters[sale_amount][from]": {"1000"},
		"filters[sale_amount][to]":   {"9900"},
		"filters[amount][from]":      {"1000"},
		"filters[created_at][from]":  {"2025-04-01"},
		"filters[created_at][to]":    {"2025-04-30"},
		"filters[campaign_id][]":     {"28004"},
		"filters[payout_id][]":       {"71", "72"},
		"filters[plan_id][]":         {"3"},
		"filters[due_period]":        {"overdue"},
		"filters[promoter_id]":       {"8262622"},
		"filters[first_commission]":  {"true"},
		"filters[refunded]":          {"false"},
		"filters[fraud_check]":       {"no_suspicion"},
		"sorting[created_at]":        {"desc"},
	}, call.Query)
	assert.Equal(t, 0, resp.NextPage)

	require.Len(t, cs, 1)
	cm := cs[0]
	assert.Equal(t, int64(13533003), cm.ID)
	assert.Equal(t, firstpromoter.CommissionApproved, cm.Status)
	assert.Equal(t, firstpromoter.CommissionSale, cm.CommissionType)
	assert.Nil(t, cm.IsSelfReferral)
	assert.Equal(t, "20.00", cm.SaleAmount.String())
	assert.Equal(t, "4.00", cm.Amount.String())
	assert.Equal(t, firstpromoter.CommissionUnitCash, cm.Unit)
	assert.Nil(t, cm.PlanID)
	assert.Equal(t, "Thanks!", cm.ExternalNote)
	assert.Equal(t, time.Date(2025, 4, 25, 9, 39, 42, 0, time.UTC), cm.CreatedAt)
	assert.Nil(t, cm.StatusUpdatedAt)
	require.NotNil(t, cm.PromoterCampaign)
	assert.Equal(t, "test@promoter.com", cm.PromoterCampaign.Promoter.Email)
	assert.Equal(t, &firstpromoter.ReferralRef{ID: 29203686, Email: "testme@test1.com"}, cm.Referral)
	assert.Equal(t, &firstpromoter.CommissionReward{ID: 157427, Name: "20% recurring commission"}, cm.Reward)
	assert.JSONEq(t, `null`, string(cm.SplitDetails))
}

func TestCommissionsListIterates(t *testing.T) {
	ws, c := newTapeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		page := tapeAtoi(r.URL.Query().Get("page"), 1)
		var items []string
		for i := (page-1)*100 + 1; i <= min(page*100, 230); i++ {
			items = append(items, `{"id": `+tapeItoa(i)+`, "amount": 100, "created_at": "2025-04-25T09:39:42Z"}`)
		}
		tapeJSON(w, 200, `[`+tapeJoin(items)+`]`)
	})
	n := 0
	for cm, err := range c.Commissions.List(context.Background()) {
		require.NoError(t, err)
		n++
		assert.Equal(t, int64(n), cm.ID)
	}
	assert.Equal(t, 230, n)
	assert.Len(t, ws.Calls(), 3)
}

func TestCommissionsCreate(t *testing.T) {
	no := false
	tests := []struct {
		name   string
		params *firstpromoter.CommissionCreateParams
		reply  string
		body   string
		n      int
	}{
		{
			name: "sale",
			params: &firstpromoter.CommissionCreateParams{
				CommissionType: firstpromoter.CommissionSale, ReferralID: 29203686, SaleAmount: dec("20.00"), PlanID: 3,
				BillingPeriod: "monthly", EventID: "inv_1001", EventDate: firstpromoter.NewDate(2025, 4, 24),
				InternalNote: "imported", NotifyPromoter: &no,
			},
			reply: `[` + tapeCommissionJSON + `, {"id": 13533004, "tier": 2, "amount": 100, "created_at": "2025-04-25T09:39:42Z"}]`,
			body: `{"commission_type": "sale", "referral_id": 29203686, "sale_amount": 2000, "plan_id": 3,
				"billing_period": "monthly", "event_id": "inv_1001", "event_date": "2025-04-24",
				"internal_note": "imported", "notify_promoter": false}`,
			n: 2,
		},
		{
			name: "custom",
			params: &firstpromoter.CommissionCreateParams{
				CommissionType: firstpromoter.CommissionCustom, PromoterCampaignID: 14850130, Amount: cents(5000),
				Unit: firstpromoter.CommissionUnitCash, ExternalNote: "Launch bonus",
			},
			reply: tapeCommissionJSON,
			body: `{"commission_type": "custom", "promoter_campaign_id": 14850130, "amount": 5000,
				"unit": "cash", "external_note": "Launch bonus"}`,
			n: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, c := newTapeServer(t, tapeReply(200, tt.reply))
			cs, err := c.Commissions.Create(context.Background(), tt.params)
			require.NoError(t, err)
			require.Len(t, cs, tt.n)
			assert.Equal(t, int64(13533003), cs[0].ID)
			assertTapeJSONCall(t, ws.only(), http.MethodPost, "/api/v2/company/commissions", tt.body)
		})
	}
}

func TestCommissionsCreateValidation(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(200, `[]`))
	for name, p := range map[string]*firstpromoter.CommissionCreateParams{
		"nil":             nil,
		"no type":         {ReferralID: 1, SaleAmount: cents(100)},
		"unknown type":    {CommissionType: "bonus", Amount: cents(1)},
		"sale no amount":  {CommissionType: firstpromoter.CommissionSale, ReferralID: 1},
		"custom no pc id": {CommissionType: firstpromoter.CommissionCustom, Amount: cents(100)},
	} {
		_, err := c.Commissions.Create(context.Background(), p)
		assert.Error(t, err, name)
	}
	assert.Empty(t, ws.Calls())
}

func TestCommissionsCreateNotRetriedOn502(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(http.StatusBadGateway, ``))
	_, err := c.Commissions.Create(context.Background(), &firstpromoter.CommissionCreateParams{
		CommissionType: firstpromoter.CommissionCustom, PromoterCampaignID: 1, Amount: cents(100),
	})
	require.ErrorIs(t, err, firstpromoter.ErrServer)
	assert.Len(t, ws.Calls(), 1)
}

func TestCommissionsUpdate(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(200, tapeCommissionJSON))
	cm, err := c.Commissions.Update(context.Background(), 13533003, &firstpromoter.CommissionUpdateParams{InternalNote: "checked", ExternalNote: "Thanks!"})
	require.NoError(t, err)
	assert.Equal(t, "Thanks!", cm.ExternalNote)
	assertTapeJSONCall(t, ws.only(), http.MethodPut, "/api/v2/company/commissions/13533003",
		`{"internal_note": "checked", "external_note": "Thanks!"}`)
}

func TestCommissionsBulkActions(t *testing.T) {
	tests := []struct {
		name   string
		call   func(*firstpromoter.CommissionsService) (*firstpromoter.Batch, error)
		method string
		path   string
	}{
		{"approve", func(s *firstpromoter.CommissionsService) (*firstpromoter.Batch, error) {
			return s.Approve(context.Background(), []int64{1, 2})
		}, http.MethodPost, "approve"},
		{"deny", func(s *firstpromoter.CommissionsService) (*firstpromoter.Batch, error) {
			return s.Deny(context.Background(), []int64{1, 2})
		}, http.MethodPost, "deny"},
		{"fulfilled", func(s *firstpromoter.CommissionsService) (*firstpromoter.Batch, error) {
			return s.MarkFulfilled(context.Background(), []int64{1, 2})
		}, http.MethodPost, "mark_fulfilled"},
		{"unfulfilled", func(s *firstpromoter.CommissionsService) (*firstpromoter.Batch, error) {
			return s.MarkUnfulfilled(context.Background(), []int64{1, 2})
		}, http.MethodPost, "mark_unfulfilled"},
		{"delete", func(s *firstpromoter.CommissionsService) (*firstpromoter.Batch, error) {
			return s.Delete(context.Background(), []int64{1, 2})
		}, http.MethodDelete, "destroy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, c := newTapeServer(t, tapeReply(200, tapeBatchJSON))
			b, err := tt.call(c.Commissions)
			require.NoError(t, err)
			assert.Equal(t, firstpromoter.BatchCompleted, b.Status)
			assertTapeJSONCall(t, ws.only(), tt.method, "/api/v2/company/commissions/"+tt.path, `{"ids": [1, 2]}`)
		})
	}
	ws, c := newTapeServer(t, tapeReply(200, tapeBatchJSON))
	_, err := c.Commissions.Approve(context.Background(), nil)
	require.Error(t, err)
	assert.Empty(t, ws.Calls())
}

func TestCommissionsBulkNotRetriedOn502(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(http.StatusBadGateway, `{"message": "upstream"}`))
	_, err := c.Commissions.Approve(context.Background(), []int64{1})
	require.ErrorIs(t, err, firstpromoter.ErrServer)
	assert.Len(t, ws.Calls(), 1)
}

func TestCommissionsGeneratePayouts(t *testing.T) {
	t.Run("documented shape", func(t *testing.T) {
		ws, c := newTapeServer(t, tapeReply(200, `{
			"id": 610, "status": "completed", "total": 2, "selected_total": 2, "processed_count": 2, "failed_count": 0,
			"action_label": "generate_payouts", "created_at": "2025-04-25T09:29:51.973Z", "updated_at": "2025-04-25T09:29:52.973Z",
			"meta": {}, "progress": 0.5, "processing_errors": [{"id": 3, "error": "no payout method"}, "skipped 4"]
		}`))
		b, err := c.Commissions.GeneratePayouts(context.Background(), []int64{13533003, 13533004})
		require.NoError(t, err)
		assertTapeJSONCall(t, ws.only(), http.MethodPost, "/api/v2/company/commissions/generate_payouts", `{"ids": [13533003, 13533004]}`)
		assert.Equal(t, int64(610), b.ID)
		assert.Equal(t, firstpromoter.BatchCompleted, b.Status)
		assert.Equal(t, 50, b.Progress.Percent())
		assert.Equal(t, json.Number("0.5"), b.Progress.Number(), "kept as sent")
		assert.Equal(t, "generate_payouts", b.ActionLabel)
		require.Len(t, b.ProcessingErrors, 2)
		assert.JSONEq(t, `{"id": 3, "error": "no payout method"}`, b.ProcessingErrors[0])
		assert.Equal(t, "skipped 4", b.ProcessingErrors[1])
	})
	t.Run("batch endpoint shape", func(t *testing.T) {
		_, c := newTapeServer(t, tapeReply(200, tapeBatchJSON))
		b, err := c.Commissions.GeneratePayouts(context.Background(), []int64{1})
		require.NoError(t, err)
		assert.Equal(t, 100, b.Progress.Percent())
		assert.Empty(t, b.ProcessingErrors)
	})
	t.Run("malformed", func(t *testing.T) {
		_, c := newTapeServer(t, tapeReply(200, `[1, 2]`))
		_, err := c.Commissions.GeneratePayouts(context.Background(), []int64{1})
		require.ErrorIs(t, err, firstpromoter.ErrMalformedResponse)
	})
	t.Run("no ids", func(t *testing.T) {
		ws, c := newTapeServer(t, tapeReply(200, tapeBatchJSON))
		_, err := c.Commissions.GeneratePayouts(context.Background(), nil)
		require.Error(t, err)
		assert.Empty(t, ws.Calls())
	})
}

func TestCommissionsErrors(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(404, `{"message": "Record not found", "code": "not_found"}`))
	_, err := c.Commissions.Update(context.Background(), 9, &firstpromoter.CommissionUpdateParams{InternalNote: "x"})
	require.ErrorIs(t, err, firstpromoter.ErrNotFound)
	var apiErr *firstpromoter.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Record not found", apiErr.Message)
	assert.Equal(t, "/api/v2/company/commissions/9", apiErr.Path)
	assert.Len(t, ws.Calls(), 1)
}

func TestCommissionFulfilledAgainstFake(t *testing.T) {
	c, srv, _ := newFakeClient(t, []firstpromotertest.ServerOption{firstpromotertest.WithDemoData()})
	ctx := context.Background()
	base := srv.Commissions()[4]
	points, err := firstpromoter.AmountFromMinorUnits(500, 0, "")
	require.NoError(t, err)
	pts := srv.AddCommission(firstpromotertest.Commission{
		Status: "pending", Unit: firstpromoter.CommissionUnitPoints, Amount: points, PromoterCampaign: base.PromoterCampaign, Referral: base.Referral,
	})
	_, err = c.Commissions.Approve(ctx, []int64{pts.ID})
	require.NoError(t, err)
	b, err := c.Commissions.MarkFulfilled(ctx, []int64{pts.ID, base.ID})
	require.NoError(t, err)
	assert.Equal(t, 1, b.FailedCount, "the cash commission is refused")
	var fulfilled []*firstpromoter.Commission
	for cm, err := range c.Commissions.List(ctx, &firstpromoter.CommissionListOptions{Filters: firstpromoter.CommissionFilters{Fulfilled: firstpromoter.Yes}}) {
		require.NoError(t, err)
		assert.True(t, cm.Fulfilled(), "commission %d", cm.ID)
		fulfilled = append(fulfilled, cm)
	}
	require.NotEmpty(t, fulfilled)
	assert.Equal(t, pts.ID, fulfilled[len(fulfilled)-1].ID)

	_, err = c.Commissions.MarkUnfulfilled(ctx, []int64{pts.ID})
	require.NoError(t, err)
	for cm, err := range c.Commissions.List(ctx, &firstpromoter.CommissionListOptions{Filters: firstpromoter.CommissionFilters{Fulfilled: firstpromoter.Yes}}) {
		require.NoError(t, err)
		assert.NotEqual(t, pts.ID, cm.ID)
	}
	assert.False(t, (&firstpromoter.Commission{Unit: firstpromoter.CommissionUnitCash, IsPaid: true}).Fulfilled(), "cash is paid, not fulfilled")
}
