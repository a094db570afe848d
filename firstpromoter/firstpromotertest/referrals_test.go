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

func TestReferralsListIsABareArray(t *testing.T) {
	srv := newServer(t)
	srv.SeedReferrals(250)
	var pages [][]int64
	for page := 1; page <= 4; page++ {
		r := call(t, srv, http.MethodGet, fmt.Sprintf("/company/referrals?page=%d&per_page=100", page), nil)
		require.Equal(t, http.StatusOK, r.status)
		require.Equal(t, byte('['), r.body[0], "a bare JSON array")
		pages = append(pages, ids(t, r))
	}
	assert.Len(t, pages[0], 100)
	assert.Len(t, pages[1], 100)
	assert.Len(t, pages[2], 50, "the short last page")
	assert.Empty(t, pages[3])
	assert.Len(t, ids(t, call(t, srv, http.MethodGet, "/company/referrals?page=13", nil)), 10, "per_page defaults to 20")
	assert.Equal(t, "[]", string(call(t, srv, http.MethodGet, "/company/referrals?page=14", nil).body))
	assert.Equal(t, int64(20001), pages[0][0])
	assert.Equal(t, int64(20250), pages[2][49], "stable id order")
	assert.Len(t, ids(t, call(t, srv, http.MethodGet, "/company/referrals?per_page=1000", nil)), 100, "per_page is capped at 100")
}

func TestReferralWireFormat(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	r := call(t, srv, http.MethodGet, "/company/referrals?per_page=1", nil)
	var rows []map[string]any
	require.NoError(t, json.Unmarshal(r.body, &rows))
	require.Len(t, rows, 1)
	ref := rows[0]
	for _, key := range []string{
		"id", "email", "uid", "state", "metadata", "entry_source", "created_at", "customer_since", "promoter_campaign",
		"fraud_check", "created_by_user_email", "username", "split_details", "first_name", "last_name", "website",
		"comment", "is_expired",
	} {
		assert.Contains(t, ref, key)
	}
	assert.NotContains(t, ref, "cancelled_at")
	assert.Regexp(t, timestampRE, ref["created_at"])
	pc := ref["promoter_campaign"].(map[string]any)
	assert.ElementsMatch(t, []string{"id", "campaign_id", "promoter_id", "created_at", "promoter", "campaign"}, keys(pc))
	assert.ElementsMatch(t, []string{"id", "email", "name"}, keys(pc["promoter"].(map[string]any)))
	assert.ElementsMatch(t, []string{"id", "name", "color"}, keys(pc["campaign"].(map[string]any)))
}

func TestReferralsFilters(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	all := srv.Referrals()
	count := func(match func(r firstpromotertest.Referral) bool) int {
		n := 0
		for _, r := range all {
			if match(r) {
				n++
			}
		}
		return n
	}
	promoterID := all[0].PromoterCampaign.PromoterID
	campaignID := all[0].PromoterCampaign.CampaignID
	mid := all[30].CreatedAt
	tests := []struct {
		query url.Values
		want  int
	}{
		{url.Values{"filters[state]": {"active"}}, count(func(r firstpromotertest.Referral) bool { return r.State == "active" })},
		{url.Values{"filters[type]": {"customer"}}, count(func(r firstpromotertest.Referral) bool { return !r.CustomerSince.IsZero() })},
		{url.Values{"filters[type]": {"lead"}}, count(func(r firstpromotertest.Referral) bool { return r.CustomerSince.IsZero() })},
		{url.Values{"filters[promoter_id]": {fmt.Sprint(promoterID)}}, count(func(r firstpromotertest.Referral) bool { return r.PromoterCampaign.PromoterID == promoterID })},
		{url.Values{"filters[campaign_id]": {fmt.Sprint(campaignID)}}, count(func(r firstpromotertest.Referral) bool { return r.PromoterCampaign.CampaignID == campaignID })},
		{url.Values{"ids[]": {fmt.Sprint(all[1].ID), fmt.Sprint(all[2].ID), "1"}}, 2},
		{url.Values{"q": {string(all[5].Email)}}, 1},
		{url.Values{"q": {string(all[0].UID)}}, 1},
		{url.Values{"filters[created_at][from]": {mid.Format("2006-01-02")}},
			count(func(r firstpromotertest.Referral) bool {
				return r.CreatedAt.Format("2006-01-02") >= mid.Format("2006-01-02")
			})},
		{url.Values{"filters[created_at][from]": {"2025-03-01"}, "filters[created_at][to]": {"2025-03-10"}},
			count(func(r firstpromotertest.Referral) bool {
				d := r.CreatedAt.Format("2006-01-02")
				return d >= "2025-03-01" && d <= "2025-03-10"
			})},
		{url.Values{"filters[cancelled_at][from]": {"2020-01-01"}}, count(func(r firstpromotertest.Referral) bool { return r.State == "cancelled" })},
	}
	for _, tt := range tests {
		t.Run(tt.query.Encode(), func(t *testing.T) {
			require.Positive(t, tt.want, "the demo data should exercise the filter")
			tt.query.Set("per_page", "100")
			got := ids(t, call(t, srv, http.MethodGet, "/company/referrals?"+tt.query.Encode(), nil))
			assert.Len(t, got, tt.want)
		})
	}
	requireParamError(t, call(t, srv, http.MethodGet, "/company/referrals?filters%5Btype%5D=friend", nil), "filters[type]")
	requireParamError(t, call(t, srv, http.MethodGet, "/company/referrals?filters%5Bpromoter_id%5D=me", nil), "filters[promoter_id]")
}

func TestReferralWrites(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	pc := srv.PromoterCampaigns()[3]
	created := okJSON[firstpromotertest.Referral](t, call(t, srv, http.MethodPost, "/company/referrals", map[string]any{
		"promoter_campaign_id": pc.ID, "email": "new.lead@example.com", "uid": "usr_new", "username": "newlead",
	}), http.StatusOK)
	assert.Equal(t, firstpromoter.ReferralSignup, created.State)
	assert.Equal(t, "api", created.EntrySource)
	require.NotNil(t, created.PromoterCampaign)
	assert.Equal(t, pc.PromoterID, created.PromoterCampaign.PromoterID)

	for _, path := range []string{
		fmt.Sprintf("/company/referrals/%d", created.ID),
		"/company/referrals/new.lead@example.com?find_by=email",
		"/company/referrals/usr_new?find_by=uid",
		"/company/referrals/newlead?find_by=username",
	} {
		got := okJSON[firstpromotertest.Referral](t, call(t, srv, http.MethodGet, path, nil), http.StatusOK)
		assert.Equal(t, created.ID, got.ID, path)
	}

	other := srv.PromoterCampaigns()[5]
	updated := okJSON[firstpromotertest.Referral](t, call(t, srv, http.MethodPut, "/company/referrals/usr_new", map[string]any{
		"find_by": "uid", "promoter_campaign_id": other.ID, "fraud_check": "same_ip_suspicion",
	}), http.StatusOK)
	assert.Equal(t, other.ID, updated.PromoterCampaign.ID)
	assert.Equal(t, "same_ip_suspicion", updated.FraudCheck)

	requireParamError(t, call(t, srv, http.MethodPost, "/company/referrals", map[string]any{"email": "x@example.com"}), "promoter_campaign_id")
	requireParamError(t, call(t, srv, http.MethodPost, "/company/referrals", map[string]any{"promoter_campaign_id": pc.ID}), "email")
	dup := call(t, srv, http.MethodPost, "/company/referrals", map[string]any{"promoter_campaign_id": pc.ID, "email": "NEW.lead@example.com"})
	assert.Equal(t, http.StatusBadRequest, dup.status)
	assert.Equal(t, map[string][]string{"email": {"has already been taken"}}, decode[errorBody](t, dup).Errors)
	requireParamError(t, call(t, srv, http.MethodPut, fmt.Sprintf("/company/referrals/%d", created.ID), map[string]any{"fraud_check": "maybe"}), "fraud_check")

	// Bulk: delete with a JSON body on DELETE.
	b := okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodDelete, "/company/referrals", map[string]any{"ids": []int64{created.ID}}), http.StatusOK)
	assert.Equal(t, "referral/delete", b.ActionLabel)
	assert.Equal(t, http.StatusNotFound, call(t, srv, http.MethodGet, fmt.Sprintf("/company/referrals/%d", created.ID), nil).status)
	assert.Len(t, srv.Referrals(), 60)

	// Move to another promoter, with the commissions.
	ref := srv.Referrals()[0]
	okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodPost, "/company/referrals/move_to_promoter", map[string]any{
		"ids": []int64{ref.ID}, "promoter_campaign_id": other.ID, "move_associated_commissions": true,
	}), http.StatusOK)
	assert.Equal(t, other.ID, srv.Referrals()[0].PromoterCampaign.ID)
	for _, c := range srv.Commissions() {
		if c.Referral != nil && c.Referral.ID == ref.ID {
			assert.Equal(t, other.ID, c.PromoterCampaign.ID)
		}
	}

	// Import events always runs in the background.
	b = okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodPost, fmt.Sprintf("/company/referrals/%d/import_events", ref.ID), nil), http.StatusAccepted)
	assert.Equal(t, firstpromoter.BatchInProgress, b.Status)
}

func TestReferralStateActions(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	ref := srv.Referrals()[0] // an active customer
	okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodPost, "/company/referrals/disable", map[string]any{"ids": []int64{ref.ID}}), http.StatusOK)
	assert.Equal(t, firstpromoter.ReferralDenied, srv.Referrals()[0].State)
	okJSON[firstpromotertest.Batch](t, call(t, srv, http.MethodPost, "/company/referrals/enable", map[string]any{"ids": []int64{ref.ID}}), http.StatusOK)
	assert.Equal(t, firstpromoter.ReferralActive, srv.Referrals()[0].State)
}
