package firstpromotertest_test

import (
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

func TestTrackSignupSaleRefundCancellation(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	pc := srv.PromoterCampaigns()[0]
	refs, comms := len(srv.Referrals()), len(srv.Commissions())

	signup := okJSON[map[string]any](t, call(t, srv, http.MethodPost, "/track/signup", map[string]any{
		"email": "dana.fox@example.com", "uid": "usr_dana", "ref_id": string(pc.RefToken),
	}), http.StatusOK)
	assert.Equal(t, "signup", signup["etype"])
	assert.Nil(t, signup["sale_amount"])
	assert.Equal(t, []any{}, signup["commissions"])
	ref := signup["referral"].(map[string]any)
	assert.Equal(t, "dana.fox@example.com", ref["email"])
	assert.Equal(t, "usr_dana", ref["uid"])
	require.Len(t, srv.Referrals(), refs+1)
	lead := srv.Referrals()[refs]
	assert.Equal(t, pc.ID, lead.PromoterCampaign.ID)
	assert.Equal(t, firstpromoter.ReferralSignup, lead.State)

	// A second signup of the same lead.
	again := call(t, srv, http.MethodPost, "/track/signup", map[string]any{"email": "dana.fox@example.com", "ref_id": string(pc.RefToken)})
	require.Equal(t, http.StatusUnprocessableEntity, again.status)
	assert.JSONEq(t, `{"transaction_id":"there is already a signup event registered on this lead"}`, string(again.body))

	// The amount may be a string, as the spec types it.
	sale := okJSON[map[string]any](t, call(t, srv, http.MethodPost, "/track/sale", map[string]any{
		"uid": "usr_dana", "event_id": "in_1001", "amount": "4900", "plan": "growth_monthly",
	}), http.StatusOK)
	assert.Equal(t, "sale", sale["etype"])
	assert.Equal(t, float64(4900), sale["sale_amount"])
	assert.Equal(t, "in_1001", sale["event_id"])
	commissions := sale["commissions"].([]any)
	require.Len(t, commissions, 1)
	assert.Equal(t, float64(980), commissions[0].(map[string]any)["amount"])
	require.Len(t, srv.Commissions(), comms+1)
	customer := srv.Referrals()[refs]
	assert.Equal(t, firstpromoter.ReferralActive, customer.State)
	assert.Equal(t, fixedNow, customer.CustomerSince.Time)

	dup := call(t, srv, http.MethodPost, "/track/sale", map[string]any{"uid": "usr_dana", "event_id": "in_1001", "amount": 4900})
	require.Equal(t, http.StatusConflict, dup.status)
	assert.JSONEq(t, `{"message":"The 'sale' event with the id 'in_1001' already exists."}`, string(dup.body))
	assert.Len(t, srv.Commissions(), comms+1, "a duplicate creates nothing")

	refund := okJSON[map[string]any](t, call(t, srv, http.MethodPost, "/track/refund", map[string]any{
		"email": "dana.fox@example.com", "event_id": "re_1001", "amount": 4900, "sale_event_id": "in_1001",
	}), http.StatusOK)
	assert.Equal(t, "refund", refund["type"])
	assert.Equal(t, float64(-4900), refund["amount_cents"])
	reward := refund["reward"].(map[string]any)
	assert.Equal(t, float64(-980), reward["amount"])
	assert.Contains(t, refund, "lead")
	assert.Contains(t, refund, "promoter")
	last := srv.Commissions()[comms+1]
	assert.Equal(t, "-49.00", last.SaleAmount.String())

	cancel := okJSON[map[string]any](t, call(t, srv, http.MethodPost, "/track/cancellation", map[string]any{"uid": "usr_dana"}), http.StatusOK)
	assert.Equal(t, "cancellation", cancel["type"])
	assert.Nil(t, cancel["amount_cents"])
	assert.Nil(t, cancel["reward"])
	assert.Equal(t, "cancelled", cancel["lead"].(map[string]any)["state"])
	assert.Equal(t, firstpromoter.ReferralCancelled, srv.Referrals()[refs].State)
}

func TestTrackingNotAReferralAnswers204(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	for _, tt := range []struct {
		path string
		body map[string]any
	}{
		{"/track/sale", map[string]any{"email": "stranger@example.com", "event_id": "in_9", "amount": 100}},
		{"/track/refund", map[string]any{"email": "stranger@example.com", "event_id": "re_9", "amount": 100}},
		{"/track/cancellation", map[string]any{"uid": "usr_nobody"}},
		{"/track/signup", map[string]any{"email": "stranger@example.com"}},
	} {
		r := call(t, srv, http.MethodPost, tt.path, tt.body)
		assert.Equal(t, http.StatusNoContent, r.status, tt.path)
		assert.Empty(t, r.body, tt.path)
	}
	assert.Len(t, srv.Referrals(), 60)
	assert.Len(t, srv.Commissions(), 80)
}

func TestTrackingValidation(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	customer := string(srv.Referrals()[0].Email)
	tests := []struct {
		path string
		body map[string]any
		want string
	}{
		{"/track/sale", map[string]any{"event_id": "x", "amount": 100}, "Error. Email and uid can not be blank!"},
		{"/track/sale", map[string]any{"email": customer, "amount": 100}, "Error. Event id blank or invalid."},
		{"/track/sale", map[string]any{"email": customer, "event_id": "x"}, "Error. Amount blank or invalid."},
		{"/track/sale", map[string]any{"email": customer, "event_id": "x", "amount": "ten"}, "Error. Amount blank or invalid."},
		{"/track/refund", map[string]any{"email": customer, "event_id": "x"}, "Error. Amount blank or invalid."},
		{"/track/signup", map[string]any{"ref_id": "olivia"}, "Error. Email and uid can not be blank!"},
		{"/track/cancellation", map[string]any{}, "Error. Email and uid can not be blank!"},
	}
	for _, tt := range tests {
		r := call(t, srv, http.MethodPost, tt.path, tt.body)
		require.Equal(t, http.StatusBadRequest, r.status, "%s %v", tt.path, tt.body)
		assert.JSONEq(t, `{"message":`+mustString(tt.want)+`}`, string(r.body))
	}
	unknown := call(t, srv, http.MethodPost, "/track/signup", map[string]any{"email": "x@example.com", "tid": "tid_missing"})
	assert.Equal(t, http.StatusNotFound, unknown.status)
	assert.Contains(t, decode[errorBody](t, unknown).Message, "Visitor tid_missing invalid")
}

func TestTrackSignupWithVisitor(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	pc := srv.PromoterCampaigns()[2]
	srv.AddVisitor("0f9c2a51-7b7d-4ad4-9a49-5d6c0e1b8f10", pc.ID)
	r := call(t, srv, http.MethodPost, "/track/sale", map[string]any{
		"email": "walk.in@example.com", "tid": "0f9c2a51-7b7d-4ad4-9a49-5d6c0e1b8f10", "event_id": "in_77", "amount": 19900,
	})
	require.Equal(t, http.StatusOK, r.status, "a sale with tid creates the lead and the sale at once")
	refs := srv.Referrals()
	last := refs[len(refs)-1]
	assert.Equal(t, pc.ID, last.PromoterCampaign.ID)
	assert.Equal(t, "cookie", last.EntrySource)
	assert.Equal(t, firstpromoter.ReferralActive, last.State)
}

func mustString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}
