package firstpromoter

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"iter"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// WebhooksService manages webhook subscriptions and their deliveries:
// /company/webhooks.
type WebhooksService service

// Secret is a string that is never printed: every fmt verb (%v, %+v, %#v,
// %s, %q, ...) and slog show "[REDACTED]" for a non-empty value, so a
// struct holding one can be printed safely. It encodes to JSON as the plain
// string, so it travels to and from the API unchanged; the webhook types
// that hold secrets implement slog.LogValuer so that slog's JSON handler
// does not encode them either. Read the value with Reveal or a conversion
// to string.
type Secret string

const redactedSecret = "[REDACTED]"

// Reveal returns the secret's value.
func (s Secret) Reveal() string { return string(s) }

func (s Secret) redacted() string {
	if s == "" {
		return ""
	}
	return redactedSecret
}

// String implements fmt.Stringer with a redaction.
func (s Secret) String() string { return s.redacted() }

// GoString implements fmt.GoStringer with a redaction.
func (s Secret) GoString() string { return strconv.Quote(s.redacted()) }

// Format implements fmt.Formatter so that every verb prints a redaction.
func (s Secret) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'q', verb == 'v' && f.Flag('#'):
		_, _ = io.WriteString(f, strconv.Quote(s.redacted()))
	default:
		_, _ = io.WriteString(f, s.redacted())
	}
}

// LogValue implements slog.LogValuer with a redaction.
func (s Secret) LogValue() slog.Value { return slog.StringValue(s.redacted()) }

// WebhookHeaders are custom headers sent with every delivery. Their values
// are often credentials, so they print, and log through slog (also with a
// JSON handler), as "[REDACTED]"; they encode to JSON unchanged.
type WebhookHeaders map[string]Secret

// LogValue implements slog.LogValuer: header names with redacted values.
func (h WebhookHeaders) LogValue() slog.Value { return redactedLogValue(h) }

// redactedLogValue logs v in its printed form, where every Secret is
// redacted, so that slog's JSON handler never encodes the secrets.
func redactedLogValue(v any) slog.Value { return slog.StringValue(fmt.Sprintf("%+v", v)) }

// WebhookSubscription sends the events of EventTypes to URL.
type WebhookSubscription struct {
	ID          int64  `json:"id"`
	URL         string `json:"url"`
	Description string `json:"description"`
	// EventTypes are the subscribed events, e.g. "referral.created"; see
	// WebhooksService.EventTypes.
	EventTypes []string `json:"event_types"`
	// CampaignIDs limits the events to campaigns; [1] means all campaigns.
	CampaignIDs []int64 `json:"campaign_ids"`
	// Active is false while delivery is paused.
	Active bool `json:"active"`
	// Timeout is the delivery timeout in seconds (1-120).
	Timeout int `json:"timeout"`
	// MaxRetries is how often a failed delivery is retried (0-10).
	MaxRetries int `json:"max_retries"`
	// Headers are sent with every delivery; their values never print.
	Headers          WebhookHeaders `json:"headers"`
	BasicAuthUser    string         `json:"basic_auth_user"`
	BasicAuthEnabled bool           `json:"basic_auth_enabled"`
	// SecretKey signs the deliveries: package firstpromoter/webhook verifies
	// them with it. The API returns it only when the subscription is
	// created: store it then.
	SecretKey Secret    `json:"secret_key,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// LogValue implements slog.LogValuer with the secrets redacted.
func (w WebhookSubscription) LogValue() slog.Value { return redactedLogValue(w) }

// WebhookListOptions page GET /company/webhooks (newest first).
type WebhookListOptions struct {
	ListParams
}

// List iterates over the webhook subscriptions, newest first.
func (s *WebhooksService) List(ctx context.Context, opts ...*WebhookListOptions) iter.Seq2[*WebhookSubscription, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of webhook subscriptions.
func (s *WebhooksService) ListPage(ctx context.Context, opts *WebhookListOptions) ([]*WebhookSubscription, *Response, error) {
	return listPage[WebhookSubscription](ctx, s.client, "company/webhooks", copyOpts(opts))
}

// Get returns the webhook subscription with the given id.
func (s *WebhooksService) Get(ctx context.Context, id int64, opts ...RequestOption) (*WebhookSubscription, error) {
	w := new(WebhookSubscription)
	if _, err := s.client.do(ctx, http.MethodGet, webhookPath(id), nil, nil, transport.RecordID(w), opts...); err != nil {
		return nil, err
	}
	return w, nil
}

// WebhookCreateParams is the body of POST /company/webhooks. Printing it
// never shows BasicAuthPassword or the Headers' values.
type WebhookCreateParams struct {
	// URL receives the deliveries; it must be public HTTPS. Required.
	URL string `json:"url"`
	// EventTypes are the events to subscribe to. Required.
	EventTypes []string `json:"event_types"`
	// Active defaults to true.
	Active *bool `json:"active,omitempty"`
	// Timeout is the delivery timeout in seconds, 1 to 120 (default 30).
	Timeout int `json:"timeout,omitempty"`
	// MaxRetries is how often a failed delivery is retried, 0 to 10; nil
	// keeps the API's default.
	MaxRetries  *int   `json:"max_retries,omitempty"`
	Description string `json:"description,omitempty"`
	// CampaignIDs limits the events to campaigns; [1] (the default) means
	// all campaigns.
	CampaignIDs []int64 `json:"campaign_ids,omitempty"`
	// Headers are sent with every delivery.
	Headers WebhookHeaders `json:"headers,omitempty"`
	// BasicAuthUser and BasicAuthPassword are sent as HTTP basic auth with
	// every delivery; set both or neither.
	BasicAuthUser     string `json:"basic_auth_user,omitempty"`
	BasicAuthPassword Secret `json:"basic_auth_password,omitempty"`
}

// LogValue implements slog.LogValuer with the secrets redacted.
func (p WebhookCreateParams) LogValue() slog.Value { return redactedLogValue(p) }

// Create adds a webhook subscription (the API answers 201). The returned
// subscription carries the SecretKey, which later reads do not. It is not
// retried after it may have reached the server.
func (s *WebhooksService) Create(ctx context.Context, params *WebhookCreateParams, opts ...RequestOption) (*WebhookSubscription, error) {
	if err := params.check(); err != nil {
		return nil, err
	}
	return call(ctx, s.client, post("company/webhooks", params), withID[WebhookSubscription], opts)
}

// check reports the first required field params lacks or the first limit
// it exceeds.
func (p *WebhookCreateParams) check() error {
	switch {
	case p == nil || p.URL == "":
		return errors.New("firstpromoter: create webhook: URL is required")
	case len(p.EventTypes) == 0:
		return errors.New("firstpromoter: create webhook: at least one event type is required")
	}
	return checkWebhookLimits("create webhook", p.Timeout, p.MaxRetries)
}

// WebhookUpdateParams is the body of PUT /company/webhooks/{id}. Empty and
// nil fields are left unchanged. Printing it never shows BasicAuthPassword
// or the Headers' values.
type WebhookUpdateParams struct {
	URL         string         `json:"url,omitempty"`
	EventTypes  []string       `json:"event_types,omitempty"`
	Active      *bool          `json:"active,omitempty"`
	Timeout     int            `json:"timeout,omitempty"`
	MaxRetries  *int           `json:"max_retries,omitempty"`
	Description string         `json:"description,omitempty"`
	CampaignIDs []int64        `json:"campaign_ids,omitempty"`
	Headers     WebhookHeaders `json:"headers,omitempty"`
	// BasicAuthUser and BasicAuthPassword are changed together.
	BasicAuthUser     string `json:"basic_auth_user,omitempty"`
	BasicAuthPassword Secret `json:"basic_auth_password,omitempty"`
}

// LogValue implements slog.LogValuer with the secrets redacted.
func (p WebhookUpdateParams) LogValue() slog.Value { return redactedLogValue(p) }

// Update changes the webhook subscription with the given id.
func (s *WebhooksService) Update(ctx context.Context, id int64, params *WebhookUpdateParams, opts ...RequestOption) (*WebhookSubscription, error) {
	params = orEmpty(params)
	if err := checkWebhookLimits("update webhook", params.Timeout, params.MaxRetries); err != nil {
		return nil, err
	}
	return call(ctx, s.client, put(webhookPath(id), params), withID[WebhookSubscription], opts)
}

func checkWebhookLimits(op string, timeout int, maxRetries *int) error {
	if timeout < 0 || timeout > 120 {
		return fmt.Errorf("firstpromoter: %s: Timeout must be 1..120 seconds, got %d", op, timeout)
	}
	if maxRetries != nil && (*maxRetries < 0 || *maxRetries > 10) {
		return fmt.Errorf("firstpromoter: %s: MaxRetries must be 0..10, got %d", op, *maxRetries)
	}
	return nil
}

// Delete deletes the webhook subscription with the given id, with its
// delivery history.
func (s *WebhooksService) Delete(ctx context.Context, id int64, opts ...RequestOption) error {
	_, err := s.client.do(ctx, http.MethodDelete, webhookPath(id), nil, nil, nil, opts...)
	return err
}

// EventTypes returns the event types a subscription can listen to, sorted.
func (s *WebhooksService) EventTypes(ctx context.Context, opts ...RequestOption) ([]string, error) {
	var out eventTypeList
	if _, err := s.client.do(ctx, http.MethodGet, "company/webhooks/event_types", nil, nil, &out, opts...); err != nil {
		return nil, err
	}
	return out, nil
}

// eventTypeList decodes the documented {"data": [...]} and, tolerantly, a
// bare array.
type eventTypeList []string

// UnmarshalJSON implements json.Unmarshaler.
func (l *eventTypeList) UnmarshalJSON(b []byte) error {
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '[' {
		return json.Unmarshal(b, (*[]string)(l))
	}
	var wrapped struct {
		Data *[]string `json:"data"`
	}
	if err := json.Unmarshal(b, &wrapped); err != nil {
		return err
	}
	if wrapped.Data == nil {
		return errors.New(`want {"data": [event types]}`)
	}
	*l = *wrapped.Data
	return nil
}

// WebhookTestParams is the body of POST /company/webhooks/test. Printing
// it never shows BasicAuthPassword or the Headers' values.
type WebhookTestParams struct {
	// URL receives the sample delivery; it must be public. Required.
	URL string `json:"url"`
	// EventType picks the sample payload. Required.
	EventType         string         `json:"event_type"`
	BasicAuthUser     string         `json:"basic_auth_user,omitempty"`
	BasicAuthPassword Secret         `json:"basic_auth_password,omitempty"`
	Headers           WebhookHeaders `json:"headers,omitempty"`
}

// LogValue implements slog.LogValuer with the secrets redacted.
func (p WebhookTestParams) LogValue() slog.Value { return redactedLogValue(p) }

// WebhookTestResult is what the endpoint under test answered, as reported
// by the API.
type WebhookTestResult struct {
	// StatusCode is the status the endpoint answered, when the API
	// reports one.
	StatusCode int
	// Body is the body the endpoint answered, when the API reports one.
	Body string
	// Raw is the API's response body as received.
	Raw []byte
}

// maxTestBody caps how much of a test response is kept.
const maxTestBody = 1 << 20

// Test sends a sample payload for params.EventType to params.URL at once,
// signed with a throwaway secret. The shape of the API's answer is not
// documented beyond "the HTTP status and body received from your
// endpoint": Raw always holds it, and StatusCode and Body are filled from
// it when it is a JSON object with a status and a body field.
func (s *WebhooksService) Test(ctx context.Context, params *WebhookTestParams, opts ...RequestOption) (*WebhookTestResult, error) {
	switch {
	case params == nil || params.URL == "":
		return nil, errors.New("firstpromoter: test webhook: URL is required")
	case params.EventType == "":
		return nil, errors.New("firstpromoter: test webhook: EventType is required")
	}
	body, err := s.client.stream(ctx, post("company/webhooks/test", params), opts)
	if err != nil {
		return nil, err
	}
	return readWebhookTestResult(body)
}

// readWebhookTestResult reads the test's answer, up to maxTestBody, and
// closes it.
func readWebhookTestResult(body io.ReadCloser) (*WebhookTestResult, error) {
	defer body.Close()
	raw, err := io.ReadAll(io.LimitReader(body, maxTestBody))
	if err != nil {
		return nil, fmt.Errorf("firstpromoter: POST company/webhooks/test: reading body: %w", err)
	}
	return parseWebhookTestResult(raw), nil
}

func parseWebhookTestResult(raw []byte) *WebhookTestResult {
	res := &WebhookTestResult{Raw: raw}
	var obj map[string]json.RawMessage
	if json.Unmarshal(raw, &obj) != nil {
		return res
	}
	for _, k := range []string{"status", "status_code", "response_code", "code"} {
		var n int
		if v, ok := obj[k]; ok && json.Unmarshal(v, &n) == nil {
			res.StatusCode = n
			break
		}
	}
	for _, k := range []string{"body", "response_body", "response"} {
		if v, ok := obj[k]; ok {
			res.Body = rawText(v)
			break
		}
	}
	return res
}

// WebhookDeliveryStatus is the state of a delivery.
type WebhookDeliveryStatus string

// Delivery statuses.
const (
	DeliveryPending   WebhookDeliveryStatus = "pending"
	DeliveryDelivered WebhookDeliveryStatus = "delivered"
	DeliveryRetrying  WebhookDeliveryStatus = "retrying"
	DeliveryFailed    WebhookDeliveryStatus = "failed"
)

// WebhookDelivery is one event sent (or to be sent) to a subscription.
type WebhookDelivery struct {
	ID int64 `json:"id"`
	// EventID is the event's UUID, the same in every delivery of it.
	EventID   string `json:"event_id"`
	EventType string `json:"event_type"`
	// Action is created, updated or deleted.
	Action     string                `json:"action"`
	EntityType string                `json:"entity_type"`
	EntityID   *int64                `json:"entity_id"`
	Status     WebhookDeliveryStatus `json:"status"`
	Attempts   int                   `json:"attempts"`
	// LastError describes the last failed attempt; "" after success.
	LastError string `json:"last_error"`
	// ResponseCode and ResponseBody are the endpoint's answer to the last
	// attempt (the body cut to 1,000 characters).
	ResponseCode *int   `json:"response_code"`
	ResponseBody string `json:"response_body"`
	// ObjectChanges maps each changed field to [old, new] for updates.
	ObjectChanges map[string][]any `json:"object_changes"`
	// Payload is the exact JSON sent to the endpoint; package
	// firstpromoter/webhook decodes it (webhook.Parse).
	Payload     json.RawMessage `json:"payload"`
	CreatedAt   time.Time       `json:"created_at"`
	DeliveredAt *time.Time      `json:"delivered_at"`
}

// WebhookDeliveryListOptions page GET
// /company/webhooks/{webhook_id}/webhook_deliveries (newest first).
type WebhookDeliveryListOptions struct {
	ListParams
}

// Deliveries iterates over the deliveries of the subscription webhookID,
// newest first.
func (s *WebhooksService) Deliveries(ctx context.Context, webhookID int64, opts ...*WebhookDeliveryListOptions) iter.Seq2[*WebhookDelivery, error] {
	return list(ctx, opts, func(ctx context.Context, o *WebhookDeliveryListOptions) ([]*WebhookDelivery, *Response, error) {
		return s.DeliveriesPage(ctx, webhookID, o)
	})
}

// DeliveriesPage fetches the page opts.Page (default 1) of the
// subscription's deliveries.
func (s *WebhooksService) DeliveriesPage(ctx context.Context, webhookID int64, opts *WebhookDeliveryListOptions) ([]*WebhookDelivery, *Response, error) {
	path := transport.Join("company/webhooks/%s/webhook_deliveries", strconv.FormatInt(webhookID, 10))
	return listPage[WebhookDelivery](ctx, s.client, path, copyOpts(opts))
}

// Delivery returns the delivery id of the subscription webhookID, with its
// full payload and the endpoint's response.
func (s *WebhooksService) Delivery(ctx context.Context, webhookID, id int64, opts ...RequestOption) (*WebhookDelivery, error) {
	d := new(WebhookDelivery)
	if _, err := s.client.do(ctx, http.MethodGet, deliveryPath(webhookID, id), nil, nil, transport.RecordID(d), opts...); err != nil {
		return nil, err
	}
	return d, nil
}

// RetryDelivery queues the delivery again at once, resetting its status to
// pending and its attempts to 0. The API refuses (ErrInvalidRequest) a
// delivery that has used up the subscription's MaxRetries.
func (s *WebhooksService) RetryDelivery(ctx context.Context, webhookID, id int64, opts ...RequestOption) (*WebhookDelivery, error) {
	d := new(WebhookDelivery)
	path := deliveryPath(webhookID, id) + "/retry_delivery"
	if _, err := s.client.do(ctx, http.MethodPost, path, nil, nil, transport.RecordID(d), opts...); err != nil {
		return nil, err
	}
	return d, nil
}

func webhookPath(id int64) string {
	return transport.Join("company/webhooks/%s", strconv.FormatInt(id, 10))
}

func deliveryPath(webhookID, id int64) string {
	return transport.Join("company/webhooks/%s/webhook_deliveries/%s",
		strconv.FormatInt(webhookID, 10), strconv.FormatInt(id, 10))
}
