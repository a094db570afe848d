package firstpromotertest_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

func TestWebhookSubscriptions(t *testing.T) {
	srv := newServer(t)
	r := call(t, srv, http.MethodPost, "/company/webhooks", map[string]any{
		"url": "https://hooks.example.com/fp", "event_types": []string{"referral.created", "commission.created"},
		"timeout": 10, "headers": map[string]string{"X-Token": "abc"}, "basic_auth_user": "fp", "basic_auth_password": "s3cret",
	})
	require.Equal(t, http.StatusCreated, r.status, "body: %s", r.body)
	var created map[string]any
	require.NoError(t, json.Unmarshal(r.body, &created))
	assert.Regexp(t, `^whsec_`, created["secret_key"], "the secret is sent once, on create")
	assert.NotContains(t, created, "basic_auth_password")
	assert.Equal(t, true, created["basic_auth_enabled"])
	assert.Equal(t, true, created["active"])
	assert.Equal(t, float64(3), created["max_retries"])
	assert.Equal(t, []any{float64(1)}, created["campaign_ids"], "[1] means every campaign")
	id := int64(created["id"].(float64))

	got := call(t, srv, http.MethodGet, fmt.Sprintf("/company/webhooks/%d", id), nil)
	assert.NotContains(t, decode[map[string]any](t, got), "secret_key")

	updated := okJSON[firstpromotertest.Webhook](t, call(t, srv, http.MethodPut, fmt.Sprintf("/company/webhooks/%d", id), map[string]any{"active": false, "max_retries": 5}), http.StatusOK)
	assert.False(t, updated.Active)
	assert.Equal(t, 5, updated.MaxRetries)
	assert.Equal(t, "https://hooks.example.com/fp", updated.URL, "absent fields are kept")

	second := okJSON[firstpromotertest.Webhook](t, call(t, srv, http.MethodPost, "/company/webhooks", map[string]any{"url": "https://b.example.com", "event_types": []string{"payout.created"}}), http.StatusCreated)
	list := okJSON[[]firstpromotertest.Webhook](t, call(t, srv, http.MethodGet, "/company/webhooks", nil), http.StatusOK)
	require.Len(t, list, 2)
	assert.Equal(t, second.ID, list[0].ID, "newest first")

	del := call(t, srv, http.MethodDelete, fmt.Sprintf("/company/webhooks/%d", id), nil)
	assert.Equal(t, http.StatusOK, del.status)
	assert.Empty(t, del.body)
	assert.Equal(t, http.StatusNotFound, call(t, srv, http.MethodGet, fmt.Sprintf("/company/webhooks/%d", id), nil).status)

	for _, tt := range []struct {
		body  map[string]any
		param string
	}{
		{map[string]any{"event_types": []string{"referral.created"}}, "url"},
		{map[string]any{"url": "https://x.example.com"}, "event_types"},
		{map[string]any{"url": "https://x.example.com", "event_types": []string{}}, "event_types"},
		{map[string]any{"url": "https://x.example.com", "event_types": []string{"referral.exploded"}}, "event_types"},
		{map[string]any{"url": "ftp://x.example.com", "event_types": []string{"referral.created"}}, "url"},
		{map[string]any{"url": "https://x.example.com", "event_types": []string{"referral.created"}, "timeout": 500}, "timeout"},
		{map[string]any{"url": "https://x.example.com", "event_types": []string{"referral.created"}, "max_retries": 11}, "max_retries"},
		{map[string]any{"url": "https://x.example.com", "event_types": []string{"referral.created"}, "basic_auth_user": "u"}, "basic_auth_password"},
	} {
		requireParamError(t, call(t, srv, http.MethodPost, "/company/webhooks", tt.body), tt.param)
	}
}

func TestWebhookEventTypesAndTest(t *testing.T) {
	srv := newServer(t)
	types := okJSON[map[string][]string](t, call(t, srv, http.MethodGet, "/company/webhooks/event_types", nil), http.StatusOK)
	assert.Equal(t, firstpromotertest.EventTypes, types["data"])
	assert.IsIncreasing(t, types["data"])

	ok := call(t, srv, http.MethodPost, "/company/webhooks/test", map[string]any{"url": "https://hooks.example.com/fp", "event_type": "promoter.created"})
	assert.Equal(t, http.StatusOK, ok.status)
	private := call(t, srv, http.MethodPost, "/company/webhooks/test", map[string]any{"url": "http://127.0.0.1:8080/hook", "event_type": "promoter.created"})
	assert.Equal(t, http.StatusBadRequest, private.status)
	assert.Equal(t, "invalid_url", decode[errorBody](t, private).Code)
	requireParamError(t, call(t, srv, http.MethodPost, "/company/webhooks/test", map[string]any{"url": "https://hooks.example.com"}), "event_type")
}

func TestWebhookDeliveriesFollowEvents(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	hook := srv.Webhooks()[0] // the demo subscription: referral, commission and promoter created
	before := len(srv.WebhookDeliveries())
	p := okJSON[firstpromotertest.Promoter](t, call(t, srv, http.MethodPost, "/company/promoters", map[string]any{
		"email": "jane@example.com", "profile": map[string]any{"first_name": "Jane", "last_name": "Smith"},
	}), http.StatusCreated)
	// promoter.updated is not subscribed: no delivery.
	call(t, srv, http.MethodPut, fmt.Sprintf("/company/promoters/%d", p.ID), map[string]any{"note": "hi"})
	deliveries := srv.WebhookDeliveries()
	require.Len(t, deliveries, before+1)
	d := deliveries[before]
	assert.Equal(t, hook.ID, d.WebhookID)
	assert.Equal(t, "promoter.created", d.EventType)
	assert.Equal(t, firstpromoter.DeliveryDelivered, d.Status)

	// The payload has the documented webhook shape.
	var want map[string]any
	require.NoError(t, json.Unmarshal([]byte(sample(t, "webhook_promoter_created.json")), &want))
	assert.ElementsMatch(t, keys(want), keys(d.Payload))
	assert.Equal(t, "promoter", d.Payload["entity_type"])
	assert.Equal(t, "created", d.Payload["action"])
	data := d.Payload["data"].(map[string]any)
	assert.Equal(t, "jane@example.com", data["email"])
	assert.Equal(t, "Jane Smith", data["name"])

	list := okJSON[[]firstpromotertest.WebhookDelivery](t, call(t, srv, http.MethodGet, fmt.Sprintf("/company/webhooks/%d/webhook_deliveries", hook.ID), nil), http.StatusOK)
	require.NotEmpty(t, list)
	assert.Equal(t, d.ID, list[0].ID, "most recent first")
	raw := call(t, srv, http.MethodGet, fmt.Sprintf("/company/webhooks/%d/webhook_deliveries/%d", hook.ID, d.ID), nil)
	var one map[string]any
	require.NoError(t, json.Unmarshal(raw.body, &one))
	assert.ElementsMatch(t, []string{
		"id", "event_id", "event_type", "action", "entity_type", "entity_id", "status", "attempts", "last_error",
		"response_code", "response_body", "object_changes", "payload", "created_at", "delivered_at",
	}, keys(one))
}

func TestRetryDelivery(t *testing.T) {
	srv := newServer(t)
	hook := srv.AddWebhook(firstpromotertest.Webhook{URL: "https://hooks.example.com", EventTypes: []string{"referral.created"}, Active: true, MaxRetries: 3})
	code := 500
	failed := srv.AddWebhookDelivery(firstpromotertest.WebhookDelivery{
		WebhookID: hook.ID, EventType: "referral.created", Action: "created", EntityType: "referral",
		Status: "failed", Attempts: 3, ResponseCode: &code, LastError: "HTTP 500",
	})
	exhausted := srv.AddWebhookDelivery(firstpromotertest.WebhookDelivery{WebhookID: hook.ID, Status: "failed", Attempts: 4})

	got := okJSON[firstpromotertest.WebhookDelivery](t, call(t, srv, http.MethodPost,
		fmt.Sprintf("/company/webhooks/%d/webhook_deliveries/%d/retry_delivery", hook.ID, failed.ID), nil), http.StatusOK)
	assert.Equal(t, firstpromoter.DeliveryPending, got.Status)
	assert.Zero(t, got.Attempts)

	r := call(t, srv, http.MethodPost, fmt.Sprintf("/company/webhooks/%d/webhook_deliveries/%d/retry_delivery", hook.ID, exhausted.ID), nil)
	assert.Equal(t, http.StatusUnprocessableEntity, r.status)
	assert.Equal(t, "operation_failed", decode[errorBody](t, r).Code)
	assert.Equal(t, http.StatusNotFound, call(t, srv, http.MethodGet, fmt.Sprintf("/company/webhooks/%d/webhook_deliveries/%d", hook.ID+1, failed.ID), nil).status)
}
