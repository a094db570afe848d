package firstpromoter_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

const tapeReferralJSON = `{
  "id": 20001, "email": "lead@example.com", "uid": null, "state": "signup",
  "custom_status": {"id": 42, "name": "Qualified", "description": null, "order": 2, "company_id": 4821,
    "created_at": "2025-04-01T10:00:00.000Z", "updated_at": "2025-04-02T10:00:00.000Z"}
}`

func TestReferralUpdateCustomStatusWire(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(200, tapeReferralJSON))
	ctx := context.Background()
	cases := []struct {
		name   string
		params *firstpromoter.ReferralUpdateParams
		body   string
	}{
		{"zero value leaves it unchanged", &firstpromoter.ReferralUpdateParams{Username: "lee"}, `{"username":"lee"}`},
		{"set", &firstpromoter.ReferralUpdateParams{CustomStatusID: firstpromoter.SetID(42)}, `{"custom_status_id":42}`},
		{"clear sends null", &firstpromoter.ReferralUpdateParams{CustomStatusID: firstpromoter.ClearID()}, `{"custom_status_id":null}`},
	}
	for i, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r, err := c.Referrals.Update(ctx, 20001, tc.params)
			require.NoError(t, err)
			call := ws.Calls()[i]
			assertTapeJSONCall(t, call, http.MethodPut, "/api/v2/company/referrals/20001", tc.body)
			require.NotNil(t, r.CustomStatus)
			assert.Equal(t, int64(42), r.CustomStatus.ID)
			assert.Equal(t, "Qualified", r.CustomStatus.Name)
			assert.Equal(t, 2, r.CustomStatus.Order)
		})
	}
}

func TestReferralUpdateByAndImportEventsBy(t *testing.T) {
	ws, c := newTapeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		if r.Method == http.MethodPost {
			tapeJSON(w, http.StatusAccepted, tapePendingBatchJSON)
			return
		}
		tapeJSON(w, http.StatusOK, tapeReferralJSON)
	})
	ctx := context.Background()
	_, err := c.Referrals.UpdateBy(ctx, firstpromoter.ReferralByEmail, "lead@example.com", &firstpromoter.ReferralUpdateParams{CustomStatusID: firstpromoter.ClearID()})
	require.NoError(t, err)
	_, err = c.Referrals.ImportEventsBy(ctx, firstpromoter.ReferralByUID, "u/1")
	require.NoError(t, err)
	_, err = c.Referrals.ImportEvents(ctx, 20001)
	require.NoError(t, err)
	calls := ws.Calls()
	require.Len(t, calls, 3)
	assertTapeJSONCall(t, calls[0], http.MethodPut, "/api/v2/company/referrals/lead@example.com", `{"custom_status_id":null,"find_by":"email"}`)
	assert.Equal(t, "/api/v2/company/referrals/u%2F1/import_events", calls[1].Path)
	assert.Equal(t, "uid", calls[1].Query.Get("find_by"))
	assert.Empty(t, calls[2].Query, "no find_by by id")

	_, err = c.Referrals.UpdateBy(ctx, "", "x", nil)
	assert.ErrorContains(t, err, "no lookup attribute")
	_, err = c.Referrals.ImportEventsBy(ctx, firstpromoter.ReferralByEmail, "")
	assert.ErrorContains(t, err, "empty key")
}

func TestCustomReferralStatusesResolveFromHostRoot(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(200, `[{"id": 42, "name": "Qualified", "description": null, "order": 2,
	  "company_id": 4821, "created_at": "2025-04-01T10:00:00.000Z", "updated_at": "2025-04-02T10:00:00.000Z"}]`))
	ctx := context.Background()
	got, err := c.CustomReferralStatuses.All(ctx)
	require.NoError(t, err)
	require.Len(t, got, 1)
	assert.Equal(t, "", got[0].Description, "null description decodes as empty")
	_, err = c.CustomReferralStatuses.Update(ctx,
		[]firstpromoter.CustomReferralStatusChange{{Name: "Hot Lead", Description: ptrTo("High-intent prospect"), Order: 1},
			{ID: 42, Name: "Qualified", Order: 2},
			{ID: 55, Destroy: true}},
	)
	require.NoError(t, err)
	calls := ws.Calls()
	require.Len(t, calls, 2)
	assert.Equal(t, http.MethodGet, calls[0].Method)
	assert.Equal(t, "/api/admin/v1/custom_referral_statuses", calls[0].Path, "outside the /api/v2 prefix of the base URL")
	assertTapeAuth(t, calls[0])
	// The body is the spec's own request example.
	assertTapeJSONCall(t, calls[1], http.MethodPut, "/api/admin/v1/custom_referral_statuses/update", `{"custom_referral_statuses": [
	  {"name": "Hot Lead", "description": "High-intent prospect", "order": 1},
	  {"id": 42, "name": "Qualified", "order": 2},
	  {"id": 55, "_destroy": true}]}`)

	_, err = c.CustomReferralStatuses.Update(ctx, nil)
	assert.ErrorContains(t, err, "no changes")
	_, err = c.CustomReferralStatuses.Update(ctx, []firstpromoter.CustomReferralStatusChange{{Destroy: true}})
	assert.ErrorContains(t, err, "without an ID")
}

func ptrTo[T any](v T) *T { return &v }

func TestCustomReferralStatusesAgainstFake(t *testing.T) {
	c, srv, _ := newFakeClient(t, []firstpromotertest.ServerOption{firstpromotertest.WithDemoData()})
	ctx := context.Background()
	ref := srv.Referrals()[0]

	list, err := c.CustomReferralStatuses.Update(ctx,
		[]firstpromoter.CustomReferralStatusChange{{Name: " Qualified ", Order: 2},
			{Name: "Hot Lead", Description: ptrTo("High-intent prospect"), Order: 1}},
	)
	require.NoError(t, err)
	require.Len(t, list, 2)
	assert.Equal(t, "Hot Lead", list[0].Name, "ordered by order")
	assert.Equal(t, "Qualified", list[1].Name, "names are trimmed")
	qualified := list[1]

	_, err = c.CustomReferralStatuses.Update(ctx, []firstpromoter.CustomReferralStatusChange{{Name: "Qualified", Order: 3}})
	assert.ErrorIs(t, err, firstpromoter.ErrInvalidRequest, "names are unique")

	got, err := c.Referrals.Update(ctx, ref.ID, &firstpromoter.ReferralUpdateParams{CustomStatusID: firstpromoter.SetID(qualified.ID)})
	require.NoError(t, err)
	require.NotNil(t, got.CustomStatus)
	assert.Equal(t, qualified.ID, got.CustomStatus.ID)

	got, err = c.Referrals.Update(ctx, ref.ID, &firstpromoter.ReferralUpdateParams{})
	require.NoError(t, err)
	require.NotNil(t, got.CustomStatus, "the zero value leaves the status")

	got, err = c.Referrals.Update(ctx, ref.ID, &firstpromoter.ReferralUpdateParams{CustomStatusID: firstpromoter.ClearID()})
	require.NoError(t, err)
	assert.Nil(t, got.CustomStatus, "null clears it")

	_, err = c.Referrals.Update(ctx, ref.ID, &firstpromoter.ReferralUpdateParams{CustomStatusID: firstpromoter.SetID(qualified.ID)})
	require.NoError(t, err)
	list, err = c.CustomReferralStatuses.Update(ctx, []firstpromoter.CustomReferralStatusChange{{ID: qualified.ID, Destroy: true}})
	require.NoError(t, err)
	assert.Len(t, list, 1)
	got, err = c.Referrals.Get(ctx, ref.ID)
	require.NoError(t, err)
	assert.Nil(t, got.CustomStatus, "deleting a status clears it from its referrals")

	all, err := c.CustomReferralStatuses.All(ctx)
	require.NoError(t, err)
	b, _ := json.Marshal(all)
	assert.NotContains(t, string(b), "Qualified")
}
