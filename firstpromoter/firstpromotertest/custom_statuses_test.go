package firstpromotertest_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

// adminPath turns a path below AdminPathPrefix into one relative to
// srv.URL, which ends with PathPrefix.
func adminPath(p string) string {
	return strings.Repeat("/..", strings.Count(firstpromotertest.PathPrefix, "/")) + firstpromotertest.AdminPathPrefix + p
}

func TestCustomReferralStatusesServedFromHostRoot(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	require.Equal(t, http.StatusNotFound, call(t, srv, http.MethodGet, "/custom_referral_statuses", nil).status, "not under /api/v2")

	list := okJSON[[]map[string]any](t, call(t, srv, http.MethodGet, adminPath("/custom_referral_statuses"), nil), http.StatusOK)
	assert.Empty(t, list)

	r := call(t, srv, http.MethodPut, adminPath("/custom_referral_statuses/update"), map[string]any{
		"custom_referral_statuses": []any{
			map[string]any{"name": "Qualified", "order": 2},
			map[string]any{"name": "Hot Lead", "description": "High-intent prospect", "order": 1},
		},
	})
	list = okJSON[[]map[string]any](t, r, http.StatusOK)
	require.Len(t, list, 2)
	assert.Equal(t, "Hot Lead", list[0]["name"])
	assert.ElementsMatch(t, []string{"id", "name", "description", "order", "company_id", "created_at", "updated_at"}, keys(list[0]))
	assert.Nil(t, list[1]["description"])

	r = call(t, srv, http.MethodPut, adminPath("/custom_referral_statuses/update"), map[string]any{})
	assert.Equal(t, http.StatusBadRequest, r.status, "missing custom_referral_statuses")
	r = call(t, srv, http.MethodPut, adminPath("/custom_referral_statuses/update"), map[string]any{
		"custom_referral_statuses": []any{map[string]any{"name": "Other", "order": 1}},
	})
	assert.Equal(t, http.StatusUnprocessableEntity, r.status, "order taken")

	ref := srv.Referrals()[0]
	id := list[0]["id"]
	got := okJSON[map[string]any](t, call(t, srv, http.MethodPut, fmt.Sprintf("/company/referrals/%d", ref.ID), map[string]any{"custom_status_id": id}), http.StatusOK)
	assert.Equal(t, "Hot Lead", got["custom_status"].(map[string]any)["name"])
	got = okJSON[map[string]any](t, call(t, srv, http.MethodPut, fmt.Sprintf("/company/referrals/%d", ref.ID), `{"custom_status_id": null}`), http.StatusOK)
	assert.Contains(t, got, "custom_status")
	assert.Nil(t, got["custom_status"])
	r = call(t, srv, http.MethodPut, fmt.Sprintf("/company/referrals/%d", ref.ID), map[string]any{"custom_status_id": 999999})
	assert.Equal(t, http.StatusBadRequest, r.status, "unknown status")
}
