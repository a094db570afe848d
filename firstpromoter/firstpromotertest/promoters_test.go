package firstpromotertest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

// promoterPage is GET /promoters' envelope.
type promoterPage struct {
	Data []firstpromotertest.Promoter `json:"data"`
	Meta struct {
		PendingCount int `json:"pending_count"`
	} `json:"meta"`
}

func TestPromotersListEnvelope(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	r := call(t, srv, http.MethodGet, "/company/promoters", nil)
	require.Equal(t, http.StatusOK, r.status)
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(r.body, &raw))
	assert.ElementsMatch(t, []string{"data", "meta"}, keys(raw), "only data and meta, no pagination metadata")
	var meta map[string]any
	require.NoError(t, json.Unmarshal(raw["meta"], &meta))
	assert.Equal(t, map[string]any{"pending_count": float64(3)}, meta)
	page := decode[promoterPage](t, r)
	assert.Len(t, page.Data, firstpromotertest.DefaultPerPage, "per_page defaults to 20")
	assert.Empty(t, r.header.Get("Link"))
	assert.Empty(t, r.header.Get("X-Total-Count"))
}

func TestPromoterWireFormat(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	first := srv.Promoters()[0]
	r := call(t, srv, http.MethodGet, fmt.Sprintf("/company/promoters/%d", first.ID), nil)
	require.Equal(t, http.StatusOK, r.status)
	var p map[string]any
	require.NoError(t, json.Unmarshal(r.body, &p))
	for _, key := range []string{
		"id", "email", "name", "cust_id", "note", "stats", "is_customized", "fraud_suspicions", "is_confirmed",
		"invoice_details_status", "profile", "joined_at", "last_login_at", "archived_at", "custom_fields",
		"password_setup_url", "first_event_at", "promoter_campaigns", "balances",
		"track_ad_traffic", "auth_provider", "selected_payout_method", "parent_promoter",
	} {
		assert.Contains(t, p, key)
	}
	for _, key := range []string{"state", "created_at", "updated_at"} {
		assert.NotContains(t, p, key, "the current single-promoter schema has no %s", key)
	}
	assert.Nil(t, p["parent_promoter"], "no parent")
	assert.NotContains(t, p, "auth_token", "the token is not part of the v2 promoter")
	assert.IsType(t, float64(0), p["id"], "ids are JSON integers")
	assert.Regexp(t, timestampRE, p["joined_at"])
	assert.Nil(t, p["archived_at"])
	stats := p["stats"].(map[string]any)
	for _, key := range []string{"clicks_count", "referrals_count", "sales_count", "customers_count", "revenue_amount", "active_customers_count"} {
		assert.Contains(t, stats, key)
	}
	pcs := p["promoter_campaigns"].([]any)
	require.Len(t, pcs, 2, "the first demo promoter is in two campaigns")
	pc := pcs[0].(map[string]any)
	for _, key := range []string{"id", "campaign_id", "promoter_id", "state", "created_at", "campaign", "coupon", "ref_token", "ref_link"} {
		assert.Contains(t, pc, key)
	}
	assert.Equal(t, "https://www.acmeanalytics.com?fpr=olivia", pc["ref_link"])
	balances := p["balances"].(map[string]any)
	assert.Contains(t, balances, "cash")
	assert.Nil(t, balances["points"])
}

func TestPromotersPagination(t *testing.T) {
	srv := newServer(t)
	srv.SeedPromoters(150)
	tests := []struct {
		query   string
		want    int
		firstID int64
	}{
		{"", 20, 5001},
		{"?per_page=100", 100, 5001},
		{"?per_page=500", 100, 5001},
		{"?per_page=100&page=2", 50, 5101},
		{"?per_page=100&page=3", 0, 0},
		{"?per_page=7&page=3", 7, 5015},
		{"?page=0", 20, 5001},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			page := okJSON[promoterPage](t, call(t, srv, http.MethodGet, "/company/promoters"+tt.query, nil), http.StatusOK)
			require.Len(t, page.Data, tt.want)
			require.NotNil(t, page.Data, "an empty page is [], not null")
			if tt.want > 0 {
				assert.Equal(t, tt.firstID, page.Data[0].ID)
			}
		})
	}
	requireParamError(t, call(t, srv, http.MethodGet, "/company/promoters?per_page=lots", nil), "per_page")
}

func TestPromotersFilters(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	all := srv.Promoters()
	campaigns := srv.Campaigns()
	count := func(match func(p firstpromotertest.Promoter) bool) int {
		n := 0
		for _, p := range all {
			if match(p) {
				n++
			}
		}
		return n
	}
	inCampaign := func(id int64) func(p firstpromotertest.Promoter) bool {
		return func(p firstpromotertest.Promoter) bool {
			for _, pc := range p.PromoterCampaigns {
				if pc.CampaignID == id {
					return true
				}
			}
			return false
		}
	}
	tests := []struct {
		query url.Values
		want  int
		check func(t *testing.T, p firstpromotertest.Promoter)
	}{
		{url.Values{"filters[state]": {"pending"}}, 3, func(t *testing.T, p firstpromotertest.Promoter) {
			assert.Equal(t, firstpromoter.PromoterPending, p.PromoterCampaigns[0].State)
		}},
		{url.Values{"filters[state]": {"accepted"}}, count(func(p firstpromotertest.Promoter) bool { return p.State == "accepted" }), nil},
		{url.Values{"filters[campaign_id]": {fmt.Sprint(campaigns[2].ID)}}, count(inCampaign(campaigns[2].ID)), nil},
		{url.Values{"filters[campaign_id][]": {fmt.Sprint(campaigns[1].ID), fmt.Sprint(campaigns[2].ID)}},
			count(func(p firstpromotertest.Promoter) bool {
				return inCampaign(campaigns[1].ID)(p) || inCampaign(campaigns[2].ID)(p)
			}), nil},
		{url.Values{"ids[]": {fmt.Sprint(all[3].ID), fmt.Sprint(all[9].ID)}}, 2, nil},
		{url.Values{"q": {"PATEL"}}, 1, func(t *testing.T, p firstpromotertest.Promoter) { assert.Contains(t, p.Name, "Patel") }},
		{url.Values{"q": {"olivia"}}, 1, nil}, // ref token search
		{url.Values{"filters[joined_at][from]": {all[20].JoinedAt.Format(time.DateOnly)}},
			count(func(p firstpromotertest.Promoter) bool {
				return !p.JoinedAt.Before(all[20].JoinedAt.Truncate(24 * time.Hour))
			}), nil},
		{url.Values{"filters[joined_at][to]": {all[0].JoinedAt.Format(time.DateOnly)}}, 1, nil},
		{url.Values{"filters[revenue_amount][from]": {"1"}}, count(func(p firstpromotertest.Promoter) bool { return p.Stats.RevenueAmount.Sign() > 0 }), nil},
	}
	for _, tt := range tests {
		t.Run(tt.query.Encode(), func(t *testing.T) {
			tt.query.Set("per_page", "100")
			page := okJSON[promoterPage](t, call(t, srv, http.MethodGet, "/company/promoters?"+tt.query.Encode(), nil), http.StatusOK)
			require.Len(t, page.Data, tt.want)
			assert.Equal(t, 3, page.Meta.PendingCount, "pending_count ignores the filters")
			for _, p := range page.Data {
				if tt.check != nil {
					tt.check(t, p)
				}
			}
		})
	}
	requireParamError(t, call(t, srv, http.MethodGet, "/company/promoters?filters%5Bstate%5D=sleeping", nil), "filters[state]")
	requireParamError(t, call(t, srv, http.MethodGet, "/company/promoters?filters%5Bjoined_at%5D%5Bfrom%5D=yesterday", nil), "filters[joined_at][from]")
}

func TestPromoterParentAndListRowShape(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	all := srv.Promoters()
	parent, child := all[0], all[1]
	r := call(t, srv, http.MethodPost, "/company/promoters/assign_parent", map[string]any{
		"parent_promoter_id": parent.ID, "ids": []int64{child.ID},
	})
	require.Equal(t, http.StatusOK, r.status, string(r.body))

	got := okJSON[map[string]any](t, call(t, srv, http.MethodGet, fmt.Sprintf("/company/promoters/%d", child.ID), nil), http.StatusOK)
	assert.Equal(t, map[string]any{"id": float64(parent.ID), "email": parent.Email, "name": parent.Name}, got["parent_promoter"])

	page := okJSON[struct {
		Data []map[string]any `json:"data"`
	}](t, call(t, srv, http.MethodGet, "/company/promoters?per_page=100", nil), http.StatusOK)
	require.NotEmpty(t, page.Data)
	for _, row := range page.Data {
		for _, key := range []string{"parent_promoter", "state", "created_at", "updated_at"} {
			assert.NotContains(t, row, key, "list rows (PromoterListItem) have no %s", key)
		}
		assert.Contains(t, row, "promoter_campaigns")
	}
}

func TestPromotersSorting(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	page := okJSON[promoterPage](t, call(t, srv, http.MethodGet, "/company/promoters?per_page=100&sorting%5Bjoined_at%5D=desc", nil), http.StatusOK)
	require.Len(t, page.Data, 25)
	for i := 1; i < len(page.Data); i++ {
		assert.False(t, page.Data[i].JoinedAt.After(page.Data[i-1].JoinedAt.Time), "joined_at descending")
	}
	page = okJSON[promoterPage](t, call(t, srv, http.MethodGet, "/company/promoters?per_page=100&sorting%5Brevenue_amount%5D=desc", nil), http.StatusOK)
	for i := 1; i < len(page.Data); i++ {
		assert.LessOrEqual(t, centsOf(t, page.Data[i].Stats.RevenueAmount), centsOf(t, page.Data[i-1].Stats.RevenueAmount))
	}
	assert.Positive(t, page.Data[0].Stats.RevenueAmount.Sign())
	requireParamError(t, call(t, srv, http.MethodGet, "/company/promoters?sorting%5Bjoined_at%5D=up", nil), "sorting[joined_at]")
}

func TestCreatePromoter(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	influencers := srv.Campaigns()[1]
	r := call(t, srv, http.MethodPost, "/company/promoters", map[string]any{
		"email": "rosa.alvarez@example.com", "cust_id": "cus_rosa",
		"profile":             map[string]any{"first_name": "Rosa", "last_name": "Alvarez", "country": "MX", "website": "https://rosa.example.com"},
		"initial_campaign_id": influencers.ID, "drip_emails": false,
	})
	p := okJSON[firstpromotertest.Promoter](t, r, http.StatusCreated)
	assert.Equal(t, "Rosa Alvarez", p.Name)
	require.Len(t, p.PromoterCampaigns, 1)
	assert.Equal(t, firstpromoter.PromoterPending, p.PromoterCampaigns[0].State, "the influencer campaign does not auto-approve")
	assert.Equal(t, influencers.ID, p.PromoterCampaigns[0].CampaignID)
	assert.Equal(t, fixedNow, p.JoinedAt.Time)

	got := okJSON[firstpromotertest.Promoter](t, call(t, srv, http.MethodGet, "/company/promoters/rosa.alvarez@example.com?find_by=email", nil), http.StatusOK)
	assert.Equal(t, p.ID, got.ID)
	got = okJSON[firstpromotertest.Promoter](t, call(t, srv, http.MethodGet, "/company/promoters/cus_rosa?find_by=cust_id", nil), http.StatusOK)
	assert.Equal(t, p.ID, got.ID)
	got = okJSON[firstpromotertest.Promoter](t, call(t, srv, http.MethodGet, "/company/promoters/"+string(p.PromoterCampaigns[0].RefToken)+"?find_by=ref_token", nil), http.StatusOK)
	assert.Equal(t, p.ID, got.ID)
	assert.Len(t, srv.Promoters(), 26)

	// Errors in the documented shapes.
	requireParamError(t, call(t, srv, http.MethodPost, "/company/promoters", map[string]any{"cust_id": "x"}), "email")
	assert.JSONEq(t, sample(t, "error_422.json"), string(call(t, srv, http.MethodPost, "/company/promoters", map[string]any{}).body))
	dup := call(t, srv, http.MethodPost, "/company/promoters", map[string]any{"email": "ROSA.alvarez@example.com"})
	require.Equal(t, http.StatusBadRequest, dup.status)
	assert.JSONEq(t, `{"message":"Validation failed: Email has already been taken","errors":{"email":["has already been taken"]},"code":"invalid_record"}`, string(dup.body))
	bad := call(t, srv, http.MethodPost, "/company/promoters", map[string]any{"email": "not an email"})
	assert.Equal(t, http.StatusBadRequest, bad.status)
	assert.Equal(t, map[string][]string{"email": {"is invalid"}}, decode[errorBody](t, bad).Errors)
	notFound := call(t, srv, http.MethodPost, "/company/promoters", map[string]any{"email": "x@example.com", "initial_campaign_id": 999})
	assert.JSONEq(t, sample(t, "error_404.json"), string(notFound.body))
	assert.Len(t, srv.Promoters(), 26, "failed creates store nothing")
}

func TestGetPromoterErrors(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	for _, path := range []string{"/company/promoters/999999", "/company/promoters/abc", "/company/promoters/nobody@example.com?find_by=email"} {
		r := call(t, srv, http.MethodGet, path, nil)
		require.Equal(t, http.StatusNotFound, r.status, path)
		assert.JSONEq(t, sample(t, "error_404.json"), string(r.body), path)
	}
	requireParamError(t, call(t, srv, http.MethodGet, "/company/promoters/x?find_by=shoe_size", nil), "find_by")
}

func TestUpdatePromoter(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	p := srv.Promoters()[4]
	r := call(t, srv, http.MethodPut, fmt.Sprintf("/company/promoters/%d", p.ID), map[string]any{
		"cust_id": "cus_new", "profile": map[string]any{"last_name": "Rossi-Bianchi", "company_name": "Bianchi Media"},
		"custom_fields": map[string]any{"tier": "gold"},
	})
	got := okJSON[firstpromotertest.Promoter](t, r, http.StatusOK)
	assert.Equal(t, "Ava Rossi-Bianchi", got.Name)
	assert.Equal(t, firstpromotertest.NullString("Bianchi Media"), got.Profile.CompanyName)
	assert.Equal(t, p.Profile.FirstName, got.Profile.FirstName, "absent profile fields are kept")
	assert.Equal(t, map[string]any{"tier": "gold"}, got.CustomFields)
	stored := srv.Promoters()[4]
	assert.Equal(t, firstpromotertest.NullString("cus_new"), stored.CustID)
	assert.Equal(t, fixedNow, stored.UpdatedAt.Time)

	// find_by in the body, like the spec's PromoterUpdate.
	r = call(t, srv, http.MethodPut, "/company/promoters/"+p.Email, map[string]any{"find_by": "email", "note": "VIP"})
	assert.Equal(t, firstpromotertest.NullString("VIP"), okJSON[firstpromotertest.Promoter](t, r, http.StatusOK).Note)

	dup := call(t, srv, http.MethodPut, fmt.Sprintf("/company/promoters/%d", p.ID), map[string]any{"email": srv.Promoters()[0].Email})
	assert.Equal(t, http.StatusBadRequest, dup.status)
	assert.Equal(t, "invalid_record", decode[errorBody](t, dup).Code)
}

func TestPromoterChartData(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	p := srv.Promoters()[0]
	r := call(t, srv, http.MethodGet, fmt.Sprintf("/company/promoters/%d/chart_data?period_from=2025-03-01&period_to=2025-03-18&selection=revenue", p.ID), nil)
	type promoterChart struct {
		PeriodFrom     string  `json:"period_from"`
		PeriodTo       string  `json:"period_to"`
		Selection      string  `json:"selection"`
		GroupBy        string  `json:"group_by"`
		SelectionItems [][]any `json:"selection_items"`
	}
	chart := okJSON[promoterChart](t, r, http.StatusOK)
	assert.Equal(t, "revenue", chart.Selection)
	assert.Equal(t, "day", chart.GroupBy)
	require.Len(t, chart.SelectionItems, 18)
	assert.Equal(t, []any{"2025-03-01", chart.SelectionItems[0][1]}, chart.SelectionItems[0], "points are [date, value] pairs")

	requireParamError(t, call(t, srv, http.MethodGet, fmt.Sprintf("/company/promoters/%d/chart_data?period_from=2025-03-01&period_to=2025-03-18", p.ID), nil), "selection")
	requireParamError(t, call(t, srv, http.MethodGet, fmt.Sprintf("/company/promoters/%d/chart_data?period_from=2025-03-01&period_to=2025-03-18&selection=likes", p.ID), nil), "selection")
}

func TestPromoterBulkActionsChangeState(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	partner := srv.Campaigns()[0]
	var pending []int64
	for _, p := range srv.Promoters() {
		if p.State == "pending" && p.PromoterCampaigns[0].CampaignID == partner.ID {
			pending = append(pending, p.ID)
		}
	}
	require.NotEmpty(t, pending)
	r := call(t, srv, http.MethodPost, "/company/promoters/accept", map[string]any{"ids": pending, "campaign_id": partner.ID})
	b := okJSON[firstpromotertest.Batch](t, r, http.StatusOK)
	assert.Equal(t, firstpromoter.BatchCompleted, b.Status)
	assert.Equal(t, 100, b.Progress)
	assert.Equal(t, "promoter/accept", b.ActionLabel)
	assert.Equal(t, len(pending), b.ProcessedCount)
	for _, p := range srv.Promoters() {
		for _, id := range pending {
			if p.ID == id {
				assert.Equal(t, firstpromoter.PromoterAccepted, p.State)
			}
		}
	}

	// Archive and restore.
	target := srv.Promoters()[1].ID
	okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodPost, "/company/promoters/archive", map[string]any{"ids": []int64{target}}), http.StatusOK)
	page := okJSON[promoterPage](t, call(t, srv, http.MethodGet, "/company/promoters?filters%5Barchived%5D=true", nil), http.StatusOK)
	require.Len(t, page.Data, 1)
	assert.Equal(t, fixedNow, page.Data[0].ArchivedAt.Time)
	okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodPost, "/company/promoters/restore", map[string]any{"ids": []int64{target}}), http.StatusOK)
	page = okJSON[promoterPage](t, call(t, srv, http.MethodGet, "/company/promoters?filters%5Barchived%5D=yes", nil), http.StatusOK)
	assert.Empty(t, page.Data)

	// Move, add, assign parent.
	agencies := srv.Campaigns()[2]
	mover := srv.Promoters()[1] // in the partner program
	okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodPost, "/company/promoters/move_to_campaign",
		map[string]any{"ids": []int64{mover.ID}, "from_campaign_id": partner.ID, "to_campaign_id": agencies.ID}), http.StatusOK)
	okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodPost, "/company/promoters/add_to_campaign",
		map[string]any{"ids": []int64{mover.ID}, "campaign_id": partner.ID}), http.StatusOK)
	moved := srv.Promoters()[1]
	require.Len(t, moved.PromoterCampaigns, 2)
	assert.Equal(t, agencies.ID, moved.PromoterCampaigns[0].CampaignID)
	assert.Equal(t, partner.ID, moved.PromoterCampaigns[1].CampaignID)
	parent := srv.Promoters()[0].ID
	okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodPost, "/company/promoters/assign_parent",
		map[string]any{"ids": []int64{mover.ID}, "parent_promoter_id": parent}), http.StatusOK)
	page = okJSON[promoterPage](t, call(t, srv, http.MethodGet, fmt.Sprintf("/company/promoters?filters%%5Bparent_promoter_id%%5D=%d", parent), nil), http.StatusOK)
	require.Len(t, page.Data, 1)
	assert.Equal(t, mover.ID, page.Data[0].ID)

	// A promoter outside the campaign fails inside the batch.
	b = okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodPost, "/company/promoters/block",
		map[string]any{"ids": []int64{999999}, "campaign_id": partner.ID}), http.StatusOK)
	assert.Equal(t, firstpromoter.BatchFailed, b.Status)
	assert.Equal(t, 1, b.FailedCount)
	assert.Len(t, b.ProcessingErrors, 1)

	// Missing required fields.
	requireParamError(t, call(t, srv, http.MethodPost, "/company/promoters/accept", map[string]any{"ids": []int64{1}}), "campaign_id")
	requireParamError(t, call(t, srv, http.MethodPost, "/company/promoters/accept", map[string]any{"campaign_id": partner.ID}), "ids")
	requireParamError(t, call(t, srv, http.MethodPost, "/company/promoters/move_to_campaign", map[string]any{"ids": []int64{1}, "from_campaign_id": 1}), "to_campaign_id")
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}
