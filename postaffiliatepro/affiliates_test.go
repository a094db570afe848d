package postaffiliatepro_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	pt "github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

func TestAffiliatesListSearchAndFields(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, srvOpts(pt.WithDemoData()))
	target := f.srv.Affiliates()[3]

	var got []*postaffiliatepro.Affiliate
	for a, err := range f.client.Affiliates.List(ctx, &postaffiliatepro.AffiliateListOptions{
		Q:      "id:" + target.ID,
		Fields: []string{"referral_id", "username", "status"},
	}) {
		require.NoError(t, err)
		got = append(got, a)
	}
	require.Len(t, got, 1)
	assert.Equal(t, target.ID, got[0].ID)
	assert.Equal(t, target.ReferralID, got[0].ReferralID)
	assert.Equal(t, target.Username, got[0].Username)
	assert.Empty(t, got[0].FirstName, "not selected")
	assert.True(t, got[0].CreatedAt.IsZero(), "not selected")

	reqs := f.srv.Requests()
	require.Len(t, reqs, 1)
	q, err := url.ParseQuery(reqs[0].Query)
	require.NoError(t, err)
	assert.Equal(t, "id:"+target.ID, q.Get("q"))
	assert.Equal(t, "referral_id,username,status", q.Get("fields"))

	// Free text matches names and emails.
	n := 0
	for a, err := range f.client.Affiliates.List(ctx, &postaffiliatepro.AffiliateListOptions{Q: "elena"}) {
		require.NoError(t, err)
		assert.Equal(t, "Elena", a.FirstName)
		n++
	}
	assert.Equal(t, 1, n)

	// Pending affiliates by status.
	for a, err := range f.client.Affiliates.List(ctx, &postaffiliatepro.AffiliateListOptions{Q: "status:P"}) {
		require.NoError(t, err)
		assert.Equal(t, postaffiliatepro.StatusPending, a.Status)
	}

	_, _, err = f.client.Affiliates.ListPage(ctx, &postaffiliatepro.AffiliateListOptions{Fields: []string{"shoe_size"}})
	require.ErrorIs(t, err, postaffiliatepro.ErrInvalidRequest)
	assert.Contains(t, err.Error(), `unknown field "shoe_size"`)
}

func TestAffiliatesGet(t *testing.T) {
	ctx := context.Background()
	for _, env := range []pt.Envelope{pt.EnvelopeData, pt.EnvelopeArray} {
		f := newFixture(t, srvOpts(pt.WithDemoData(), pt.WithEnvelope(env)))
		want := f.srv.Affiliates()[4]
		a, err := f.client.Affiliates.Get(ctx, want.ID)
		require.NoError(t, err)
		assert.Equal(t, want.ID, a.ID)
		assert.Equal(t, want.Username, a.Username)
		assert.Equal(t, "Elena", a.FirstName)
		assert.Equal(t, want.CreatedAt, a.CreatedAt)
		require.NotNil(t, a.ApprovedAt)
		assert.Equal(t, *want.ApprovedAt, *a.ApprovedAt)
		assert.Equal(t, map[string]string{"data1": want.Data1, "data2": ""}, a.Data)
	}

	f := newFixture(t, srvOpts(pt.WithDemoData()))
	_, err := f.client.Affiliates.Get(ctx, "nope0000")
	require.ErrorIs(t, err, postaffiliatepro.ErrNotFound)
	var apiErr *postaffiliatepro.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, `Affiliate "nope0000" not found`, apiErr.Message)
	assert.Equal(t, "not_found", apiErr.Code)
	assert.Equal(t, "/api/v3/affiliates/nope0000", apiErr.Path)

	// An id can never change the route: it reaches /affiliates/{id}.
	_, err = f.client.Affiliates.Get(ctx, "../transactions")
	require.ErrorIs(t, err, postaffiliatepro.ErrNotFound)
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "/api/v3/affiliates/..%2Ftransactions", apiErr.Path)

	_, err = f.client.Affiliates.Get(ctx, " ")
	require.ErrorContains(t, err, "empty id")
}

func TestAffiliatesCreate(t *testing.T) {
	f := newFixture(t, srvOpts(pt.WithDemoData()))
	parent := f.srv.Affiliates()[0]
	a, err := f.client.Affiliates.Create(context.Background(), &postaffiliatepro.AffiliateCreateParams{
		Username:          "nora.hansen@example.com",
		FirstName:         "Nora",
		LastName:          "Hansen",
		ReferralID:        "nora-h",
		NotificationEmail: "billing@nora.example.com",
		Status:            postaffiliatepro.StatusApproved,
		ParentID:          parent.ID,
		SendSignupEmail:   true,
	})
	require.NoError(t, err)
	assert.NotEmpty(t, a.ID)
	assert.Equal(t, "nora-h", a.ReferralID)
	assert.Equal(t, postaffiliatepro.StatusApproved, a.Status)
	assert.Equal(t, parent.ID, a.ParentID)
	assert.Equal(t, testStart, a.CreatedAt)

	reqs := f.srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, http.MethodPost, reqs[0].Method)
	assert.Equal(t, "application/json", reqs[0].Header.Get("Content-Type"))
	assert.JSONEq(t, `{
		"username": "nora.hansen@example.com", "firstname": "Nora", "lastname": "Hansen",
		"referral_id": "nora-h", "notification_email": "billing@nora.example.com", "status": "A",
		"parent_id": "`+parent.ID+`", "send_signup_email": true
	}`, string(reqs[0].Body))

	stored := f.srv.Affiliates()
	assert.Equal(t, a.ID, stored[len(stored)-1].ID)
	assert.Equal(t, []string{"nora.hansen@example.com"}, f.srv.SignupEmailsSent())

	// A later read sees the write.
	got, err := f.client.Affiliates.Get(context.Background(), a.ID)
	require.NoError(t, err)
	assert.Equal(t, "Nora Hansen", got.Name())
}

func TestAffiliatesCreateMinimalBody(t *testing.T) {
	f := newFixture(t, nil)
	a, err := f.client.Affiliates.Create(context.Background(), &postaffiliatepro.AffiliateCreateParams{Username: "min@example.com"})
	require.NoError(t, err)
	assert.Equal(t, postaffiliatepro.StatusPending, a.Status)
	assert.Equal(t, a.ID, a.ReferralID)
	assert.JSONEq(t, `{"username":"min@example.com"}`, string(f.srv.Requests()[0].Body))
	assert.Empty(t, f.srv.SignupEmailsSent())
}

func TestAffiliatesCreateValidation(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, srvOpts(pt.WithDemoData()))
	existing := f.srv.Affiliates()[0]
	tests := []struct {
		name   string
		params *postaffiliatepro.AffiliateCreateParams
		want   string
	}{
		{"taken username", &postaffiliatepro.AffiliateCreateParams{Username: existing.Username}, "username: Username is already taken"},
		{"not an email", &postaffiliatepro.AffiliateCreateParams{Username: "nora"}, "must be a valid email address"},
		{"link in name", &postaffiliatepro.AffiliateCreateParams{Username: "x@example.com", FirstName: "http://spam"}, "firstname: Name must not contain"},
		{"taken referral id", &postaffiliatepro.AffiliateCreateParams{Username: "y@example.com", ReferralID: existing.ReferralID}, "Referral ID is already used"},
		{"bad status", &postaffiliatepro.AffiliateCreateParams{Username: "z@example.com", Status: "approved"}, "Status must be one of A, P, D"},
		{"unknown parent", &postaffiliatepro.AffiliateCreateParams{Username: "w@example.com", ParentID: "nobody00"}, "Parent affiliate does not exist"},
	}
	before := len(f.srv.Affiliates())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.client.Affiliates.Create(ctx, tt.params)
			require.ErrorIs(t, err, postaffiliatepro.ErrInvalidRequest)
			var apiErr *postaffiliatepro.Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, http.StatusUnprocessableEntity, apiErr.StatusCode)
			assert.Equal(t, "validation_failed", apiErr.Code)
			assert.Contains(t, apiErr.Message, "Validation failed")
			assert.Contains(t, apiErr.Message, tt.want)
		})
	}
	assert.Len(t, f.srv.Affiliates(), before)

	n := f.srv.RequestCount()
	_, err := f.client.Affiliates.Create(ctx, &postaffiliatepro.AffiliateCreateParams{})
	require.ErrorContains(t, err, "Username is required")
	_, err = f.client.Affiliates.Create(ctx, nil)
	require.ErrorContains(t, err, "Username is required")
	assert.Equal(t, n, f.srv.RequestCount(), "checked before sending")
}

func TestAffiliatesUpdate(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, srvOpts(pt.WithDemoData()))
	var pending pt.Affiliate
	for _, a := range f.srv.Affiliates() {
		if a.Status == "P" {
			pending = a
			break
		}
	}
	require.NotEmpty(t, pending.ID)
	require.NoError(t, f.clock.Sleep(ctx, time.Hour))
	a, err := f.client.Affiliates.Update(ctx, pending.ID, &postaffiliatepro.AffiliateUpdateParams{Status: postaffiliatepro.StatusApproved, ReferralID: "renamed-ref"})
	require.NoError(t, err)
	assert.Equal(t, postaffiliatepro.StatusApproved, a.Status)
	assert.Equal(t, "renamed-ref", a.ReferralID)
	assert.Equal(t, pending.Username, a.Username, "untouched")
	require.NotNil(t, a.ApprovedAt)
	assert.Equal(t, testStart.Add(time.Hour), *a.ApprovedAt)

	req := f.srv.Requests()[0]
	assert.Equal(t, http.MethodPatch, req.Method)
	assert.Equal(t, "/api/v3/affiliates/"+pending.ID, req.Path)
	var body map[string]any
	require.NoError(t, json.Unmarshal(req.Body, &body))
	assert.Equal(t, map[string]any{"status": "A", "referral_id": "renamed-ref"}, body)

	_, err = f.client.Affiliates.Update(ctx, pending.ID, &postaffiliatepro.AffiliateUpdateParams{ReferralID: "has space"})
	require.ErrorIs(t, err, postaffiliatepro.ErrInvalidRequest)
	assert.Contains(t, err.Error(), "Referral ID may contain only")

	_, err = f.client.Affiliates.Update(ctx, "nope0000", &postaffiliatepro.AffiliateUpdateParams{FirstName: "X"})
	require.ErrorIs(t, err, postaffiliatepro.ErrNotFound)
}

// TestGetRetriesWrongShape: a read answered with JSON that holds no record
// is retried like any malformed body; a write is not.
func TestGetRetriesWrongShape(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, srvOpts(pt.WithDemoData()))
	want := f.srv.Affiliates()[0]
	for _, body := range []string{`[]`, `{"id":{"x":1}}`, `"affiliate"`} {
		f.srv.ResetRequests()
		f.srv.Inject(1, pt.Fault{Body: body})
		a, err := f.client.Affiliates.Get(ctx, want.ID)
		require.NoError(t, err, body)
		assert.Equal(t, want.ID, a.ID)
		assert.Equal(t, 2, f.srv.RequestCount(), "%s is retried", body)
	}

	f.srv.Inject(3, pt.Fault{Body: `[]`})
	_, err := f.client.Affiliates.Get(ctx, want.ID)
	require.NoError(t, err, "within the retry budget")
	f.srv.Inject(10, pt.Fault{Body: `[]`})
	_, err = f.client.Affiliates.Get(ctx, want.ID)
	require.ErrorIs(t, err, postaffiliatepro.ErrMalformedResponse)
	assert.ErrorContains(t, err, "unexpected record shape")
	f.srv.ClearFaults()

	f.srv.ResetRequests()
	f.srv.Inject(1, pt.Fault{Body: `[]`})
	_, err = f.client.Affiliates.Create(ctx, &postaffiliatepro.AffiliateCreateParams{Username: "shape@example.com"})
	require.ErrorIs(t, err, postaffiliatepro.ErrMalformedResponse)
	assert.Equal(t, 1, f.srv.RequestCount(), "a create is sent once")
}
