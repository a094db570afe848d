package firstpromoter_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const (
	hookPassword = "hunter2-basic-pass"
	hookHeader   = "Bearer hook-token-9f8e7d"
	hookSecret   = "4f9c2d1e8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e"
)

// webhookJSON is a subscription as the API's reference documents it.
const webhookJSON = `{
  "id": 21,
  "url": "https://hooks.acme.example/firstpromoter",
  "description": "CRM sync",
  "event_types": ["referral.created", "commission.created"],
  "campaign_ids": [1],
  "active": true,
  "timeout": 30,
  "max_retries": 3,
  "headers": {"Authorization": "` + hookHeader + `"},
  "basic_auth_user": "fp",
  "basic_auth_enabled": true,
  "created_at": "2025-01-15T10:30:00.000Z",
  "updated_at": "2025-01-16T08:00:00.000Z"
}`

// deliveryJSON is a delivery as the API's reference documents it.
const deliveryJSON = `{
  "id": 9001,
  "event_id": "b2c3d4e5-f6a7-8901-bcde-f12345678901",
  "event_type": "referral.updated",
  "action": "updated",
  "entity_type": "referral",
  "entity_id": 55678,
  "status": "retrying",
  "attempts": 2,
  "last_error": "HTTP 500",
  "response_code": 500,
  "response_body": "Internal Server Error",
  "object_changes": {"state": ["signup", "active"]},
  "payload": {"event_id": "b2c3d4e5-f6a7-8901-bcde-f12345678901", "event_type": "referral.updated", "data": {"id": 55678}},
  "created_at": "2025-01-20T14:00:05.000Z",
  "delivered_at": null
}`

func TestWebhooksGetDecodes(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, webhookJSON))
	got, err := c.Webhooks.Get(context.Background(), 21)
	require.NoError(t, err)
	assert.Equal(t, "/api/v2/company/webhooks/21", rec.only(t).Path)
	assert.Equal(t, &firstpromoter.WebhookSubscription{
		ID: 21, URL: "https://hooks.acme.example/firstpromoter", Description: "CRM sync",
		EventTypes: []string{"referral.created", "commission.created"}, CampaignIDs: []int64{1},
		Active: true, Timeout: 30, MaxRetries: 3,
		Headers:       map[string]firstpromoter.Secret{"Authorization": hookHeader},
		BasicAuthUser: "fp", BasicAuthEnabled: true,
		CreatedAt: time.Date(2025, 1, 15, 10, 30, 0, 0, time.UTC),
		UpdatedAt: time.Date(2025, 1, 16, 8, 0, 0, 0, time.UTC),
	}, got)
	assert.Equal(t, hookHeader, got.Headers["Authorization"].Reveal())
}

func TestWebhooksListPages(t *testing.T) {
	c, rec := newWireClient(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.Query().Get("page") == "1" {
			wireJSON(200, jsonArray(10, func(i int) string { return fmt.Sprintf(`{"id": %d, "url": "https://h%d.example"}`, i, i) }))(w, r, n)
			return
		}
		wireJSON(200, `[{"id": 11}]`)(w, r, n)
	})
	var ids []int64
	for hook, err := range c.Webhooks.List(context.Background(), &firstpromoter.WebhookListOptions{firstpromoter.ListParams{PerPage: 10}}) {
		require.NoError(t, err)
		ids = append(ids, hook.ID)
	}
	assert.Len(t, ids, 11)
	calls := rec.all()
	require.Len(t, calls, 2)
	assert.Equal(t, "/api/v2/company/webhooks", calls[0].Path)
	assert.Equal(t, "page=1&per_page=10", calls[0].RawQuery)
	assert.Equal(t, "page=2&per_page=10", calls[1].RawQuery)
}

func TestWebhooksCreate(t *testing.T) {
	created := webhookJSON[:len(webhookJSON)-1] + `, "secret_key": "` + hookSecret + `"}`
	c, rec := newWireClient(t, wireJSON(201, created))
	active, retries := true, 0
	got, err := c.Webhooks.Create(context.Background(), &firstpromoter.WebhookCreateParams{
		URL: "https://hooks.acme.example/firstpromoter", EventTypes: []string{"referral.created", "commission.created"},
		Active: &active, Timeout: 30, MaxRetries: &retries, Description: "CRM sync", CampaignIDs: []int64{1},
		Headers:       map[string]firstpromoter.Secret{"Authorization": hookHeader},
		BasicAuthUser: "fp", BasicAuthPassword: hookPassword,
	})
	require.NoError(t, err)
	assert.Equal(t, firstpromoter.Secret(hookSecret), got.SecretKey)

	call := rec.only(t)
	assert.Equal(t, "POST", call.Method)
	assert.Equal(t, "/api/v2/company/webhooks", call.Path)
	assert.JSONEq(t, `{
		"url": "https://hooks.acme.example/firstpromoter", "event_types": ["referral.created", "commission.created"],
		"active": true, "timeout": 30, "max_retries": 0, "description": "CRM sync", "campaign_ids": [1],
		"headers": {"Authorization": "`+hookHeader+`"}, "basic_auth_user": "fp", "basic_auth_password": "`+hookPassword+`"
	}`, call.Body, "secrets go over the wire in clear")
}

func TestWebhooksCreateValidates(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(201, webhookJSON))
	bad, big := -1, 11
	for _, p := range []*firstpromoter.WebhookCreateParams{
		nil,
		{EventTypes: []string{"referral.created"}},
		{URL: "https://h.example"},
		{URL: "https://h.example", EventTypes: []string{"referral.created"}, Timeout: 121},
		{URL: "https://h.example", EventTypes: []string{"referral.created"}, MaxRetries: &bad},
		{URL: "https://h.example", EventTypes: []string{"referral.created"}, MaxRetries: &big},
	} {
		_, err := c.Webhooks.Create(context.Background(), p)
		assert.Error(t, err)
	}
	assert.Zero(t, rec.count())
}

func TestWebhooksCreateValidationError(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(422, `{"message": "Validation failed: Url is invalid", "code": "invalid_record", "errors": {"url": ["is invalid"]}}`))
	_, err := c.Webhooks.Create(context.Background(), &firstpromoter.WebhookCreateParams{URL: "http://10.0.0.1/x", EventTypes: []string{"referral.created"}})
	require.ErrorIs(t, err, firstpromoter.ErrInvalidRequest)
	assert.Contains(t, err.Error(), "Validation failed: Url is invalid")
	assert.Equal(t, 1, rec.count())
}

func TestWebhooksUpdateAndDelete(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, webhookJSON))
	paused := false
	_, err := c.Webhooks.Update(context.Background(), 21, &firstpromoter.WebhookUpdateParams{Active: &paused, EventTypes: []string{"payout.created"}})
	require.NoError(t, err)
	require.NoError(t, c.Webhooks.Delete(context.Background(), 21))

	calls := rec.all()
	require.Len(t, calls, 2)
	assert.Equal(t, "PUT", calls[0].Method)
	assert.Equal(t, "/api/v2/company/webhooks/21", calls[0].Path)
	assert.JSONEq(t, `{"active": false, "event_types": ["payout.created"]}`, calls[0].Body)
	assert.Equal(t, "DELETE", calls[1].Method)
	assert.Equal(t, "/api/v2/company/webhooks/21", calls[1].Path)
}

func TestWebhooksEventTypes(t *testing.T) {
	for _, body := range []string{
		`{"data": ["commission.created", "promoter.created", "referral.created"]}`,
		`["commission.created", "promoter.created", "referral.created"]`,
	} {
		c, rec := newWireClient(t, wireJSON(200, body))
		got, err := c.Webhooks.EventTypes(context.Background())
		require.NoError(t, err)
		assert.Equal(t, []string{"commission.created", "promoter.created", "referral.created"}, got)
		assert.Equal(t, "/api/v2/company/webhooks/event_types", rec.only(t).Path)
	}

	c, _ := newWireClient(t, wireJSON(200, `{"types": 3}`))
	_, err := c.Webhooks.EventTypes(context.Background())
	assert.ErrorIs(t, err, firstpromoter.ErrMalformedResponse)
}

func TestWebhooksTest(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, `{"status": 200, "body": "ok"}`))
	res, err := c.Webhooks.Test(context.Background(), &firstpromoter.WebhookTestParams{
		URL: "https://hooks.acme.example/firstpromoter", EventType: "referral.created",
		BasicAuthUser: "fp", BasicAuthPassword: hookPassword, Headers: map[string]firstpromoter.Secret{"X-Api-Key": "my-secret-token"},
	})
	require.NoError(t, err)
	assert.Equal(t, 200, res.StatusCode)
	assert.Equal(t, "ok", res.Body)
	assert.JSONEq(t, `{"status": 200, "body": "ok"}`, string(res.Raw))

	call := rec.only(t)
	assert.Equal(t, "POST", call.Method)
	assert.Equal(t, "/api/v2/company/webhooks/test", call.Path)
	assert.JSONEq(t, `{"url": "https://hooks.acme.example/firstpromoter", "event_type": "referral.created",
		"basic_auth_user": "fp", "basic_auth_password": "`+hookPassword+`", "headers": {"X-Api-Key": "my-secret-token"}}`, call.Body)
}

func TestWebhookTestResultShapes(t *testing.T) {
	tests := []struct {
		raw    string
		status int
		body   string
	}{
		{`{"response_code": 404, "response_body": "not here"}`, 404, "not here"},
		{`{"status_code": 204}`, 204, ""},
		{`{"code": 500, "body": {"error": "boom"}}`, 500, `{"error": "boom"}`},
		{`OK`, 0, ""},
		{``, 0, ""},
	}
	for _, tt := range tests {
		res := firstpromoter.ParseWebhookTestResult([]byte(tt.raw))
		assert.Equal(t, tt.status, res.StatusCode, tt.raw)
		assert.Equal(t, tt.body, res.Body, tt.raw)
		assert.Equal(t, tt.raw, string(res.Raw))
	}
}

func TestWebhooksTestValidatesAndMapsErrors(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(400, `{"message": "URL points to a private network", "code": "invalid_url"}`))
	_, err := c.Webhooks.Test(context.Background(), &firstpromoter.WebhookTestParams{URL: "https://h.example"})
	assert.Error(t, err)
	_, err = c.Webhooks.Test(context.Background(), nil)
	assert.Error(t, err)
	assert.Zero(t, rec.count())

	_, err = c.Webhooks.Test(context.Background(), &firstpromoter.WebhookTestParams{URL: "http://192.168.1.4", EventType: "referral.created"})
	require.ErrorIs(t, err, firstpromoter.ErrInvalidRequest)
	assert.Contains(t, err.Error(), "URL points to a private network")
	assert.Equal(t, 1, rec.count(), "a test delivery is not repeated")
}

func TestWebhooksDeliveries(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, `[`+deliveryJSON+`]`))
	var got []*firstpromoter.WebhookDelivery
	for d, err := range c.Webhooks.Deliveries(context.Background(), 21) {
		require.NoError(t, err)
		got = append(got, d)
	}
	call := rec.only(t)
	assert.Equal(t, "/api/v2/company/webhooks/21/webhook_deliveries", call.Path)
	assert.Equal(t, "page=1&per_page=100", call.RawQuery)

	require.Len(t, got, 1)
	entity, code := int64(55678), 500
	assert.Equal(t, &firstpromoter.WebhookDelivery{
		ID: 9001, EventID: "b2c3d4e5-f6a7-8901-bcde-f12345678901", EventType: "referral.updated",
		Action: "updated", EntityType: "referral", EntityID: &entity, Status: firstpromoter.DeliveryRetrying, Attempts: 2,
		LastError: "HTTP 500", ResponseCode: &code, ResponseBody: "Internal Server Error",
		ObjectChanges: map[string][]any{"state": {"signup", "active"}},
		Payload:       json.RawMessage(`{"event_id": "b2c3d4e5-f6a7-8901-bcde-f12345678901", "event_type": "referral.updated", "data": {"id": 55678}}`),
		CreatedAt:     time.Date(2025, 1, 20, 14, 0, 5, 0, time.UTC),
	}, got[0])
}

func TestWebhooksDeliveriesPageResume(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, jsonArray(25, func(i int) string { return fmt.Sprintf(`{"id": %d}`, i) })))
	items, resp, err := c.Webhooks.DeliveriesPage(context.Background(), 21, &firstpromoter.WebhookDeliveryListOptions{firstpromoter.ListParams{PerPage: 25}})
	require.NoError(t, err)
	assert.Len(t, items, 25)
	require.Equal(t, 2, resp.NextPage)
	_, _, err = c.Webhooks.DeliveriesPage(context.Background(), 21, &firstpromoter.WebhookDeliveryListOptions{firstpromoter.ListParams{Page: resp.NextPage, PerPage: 25}})
	require.NoError(t, err)
	assert.Equal(t, "page=2&per_page=25", rec.all()[1].RawQuery)

	for range c.Webhooks.Deliveries(context.Background(), 21) {
		break
	}
	assert.Equal(t, 3, rec.count(), "breaking after the first delivery makes one request")
}

func TestWebhooksDeliveryAndRetry(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, deliveryJSON))
	d, err := c.Webhooks.Delivery(context.Background(), 21, 9001)
	require.NoError(t, err)
	assert.Equal(t, int64(9001), d.ID)
	_, err = c.Webhooks.RetryDelivery(context.Background(), 21, 9001)
	require.NoError(t, err)

	calls := rec.all()
	require.Len(t, calls, 2)
	assert.Equal(t, "GET", calls[0].Method)
	assert.Equal(t, "/api/v2/company/webhooks/21/webhook_deliveries/9001", calls[0].Path)
	assert.Equal(t, "POST", calls[1].Method)
	assert.Equal(t, "/api/v2/company/webhooks/21/webhook_deliveries/9001/retry_delivery", calls[1].Path)
	assert.Empty(t, calls[1].Body)
}

func TestWebhooksRetryDeliveryExhausted(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(422, `{"message": "Max retries already reached", "code": "operation_failed"}`))
	_, err := c.Webhooks.RetryDelivery(context.Background(), 21, 9001)
	require.ErrorIs(t, err, firstpromoter.ErrInvalidRequest)
	assert.Contains(t, err.Error(), "Max retries already reached")
	assert.Equal(t, 1, rec.count())
}

func TestWebhooksNotFoundAndMalformed(t *testing.T) {
	c, _ := newWireClient(t, wireJSON(404, `{"message": "Record not found", "code": "not_found"}`))
	_, err := c.Webhooks.Delivery(context.Background(), 21, 1)
	assert.ErrorIs(t, err, firstpromoter.ErrNotFound)

	c, _ = newWireClient(t, wireJSON(200, `{"id": 21, "url": `), firstpromoter.WithMaxRetries(0))
	_, err = c.Webhooks.Get(context.Background(), 21)
	assert.ErrorIs(t, err, firstpromoter.ErrMalformedResponse)
}

// TestWebhookSecretsNeverPrint checks every way a subscription or its
// params can be printed or logged.
func TestWebhookSecretsNeverPrint(t *testing.T) {
	sub := &firstpromoter.WebhookSubscription{
		ID: 21, URL: "https://hooks.acme.example/firstpromoter",
		Headers:   map[string]firstpromoter.Secret{"Authorization": hookHeader},
		SecretKey: hookSecret,
	}
	create := &firstpromoter.WebhookCreateParams{
		URL: "https://hooks.acme.example/firstpromoter", EventTypes: []string{"referral.created"},
		Headers:       map[string]firstpromoter.Secret{"Authorization": hookHeader},
		BasicAuthUser: "fp", BasicAuthPassword: hookPassword,
	}
	update := firstpromoter.WebhookUpdateParams{Headers: create.Headers, BasicAuthPassword: hookPassword}
	test := firstpromoter.WebhookTestParams{Headers: create.Headers, BasicAuthPassword: hookPassword}
	values := []any{sub, *sub, create, *create, update, &update, test, create.Headers, create.BasicAuthPassword}

	var logBuf bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logBuf, nil))
	var jsonLogBuf bytes.Buffer
	jsonLogger := slog.New(slog.NewJSONHandler(&jsonLogBuf, nil))
	for _, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%T %v"} {
			out := fmt.Sprintf(verb, v)
			for _, secret := range []string{hookPassword, hookHeader, hookSecret, "hook-token", "hunter2"} {
				assert.NotContains(t, out, secret, "%s of %T", verb, v)
			}
		}
		logger.Info("webhook", "value", v)
		jsonLogger.Info("webhook", "value", v)
	}
	for _, out := range []string{logBuf.String(), jsonLogBuf.String()} {
		assert.Contains(t, out, "[REDACTED]")
		assert.NotContains(t, out, "hunter2")
		assert.NotContains(t, out, "hook-token")
		assert.NotContains(t, out, hookSecret)
	}
	assert.Contains(t, fmt.Sprintf("%+v", create), "BasicAuthPassword:[REDACTED]")
	assert.Contains(t, fmt.Sprintf("%#v", create), `BasicAuthPassword:"[REDACTED]"`)
	assert.Contains(t, fmt.Sprintf("%v", create.Headers), "Authorization:[REDACTED]")
	assert.Equal(t, "", fmt.Sprint(firstpromoter.Secret("")), "an empty secret prints empty")
	assert.Equal(t, "[REDACTED]", firstpromoter.Secret(hookPassword).String())
	assert.Equal(t, `"[REDACTED]"`, firstpromoter.Secret(hookPassword).GoString())

	// JSON still carries the values: they must reach the API.
	b, err := json.Marshal(create)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"basic_auth_password":"`+hookPassword+`"`)
	assert.Contains(t, string(b), `"Authorization":"`+hookHeader+`"`)
	var back firstpromoter.WebhookSubscription
	require.NoError(t, json.Unmarshal([]byte(`{"secret_key": "`+hookSecret+`"}`), &back))
	assert.Equal(t, hookSecret, back.SecretKey.Reveal())
}
