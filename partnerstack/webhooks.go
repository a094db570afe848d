package partnerstack

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"net/url"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// WebhooksService manages webhook subscriptions: /v2/webhooks. Webhooks
// deliver POST requests with a bare object (not the API envelope) to the
// target URL when a subscribed event happens.
type WebhooksService service

// Webhook events documented by PartnerStack. Event names differ between
// versions of the documentation (partnership_created against
// partnership.created); pass the form your account shows.
const (
	EventPartnershipCreated      = "partnership_created"
	EventPartnershipUpdated      = "partnership_updated"
	EventPartnershipDeleted      = "partnership_deleted"
	EventPartnershipGroupUpdated = "partnership_group_updated"
	EventCustomerCreated         = "customer_created"
	EventCustomerUpdated         = "customer_updated"
	EventCustomerDeleted         = "customer_deleted"
	EventAgreementAccepted       = "agreement.accepted"
)

// Webhook is a webhook subscription. Only the key, target and events are
// documented, by a third party; they decode leniently.
type Webhook struct {
	Key string `json:"key"`
	// Target is the URL events are delivered to.
	Target string `json:"target" tolerant:"lenient"`
	// Events are the subscribed event names.
	Events    []string  `json:"events,omitempty" tolerant:"lenient"`
	Archived  bool      `json:"archived,omitempty" tolerant:"lenient"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (w *Webhook) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, w) }

func (w *Webhook) itemKey() string { return w.Key }

// WebhookListOptions page through GET /v2/webhooks, newest first.
type WebhookListOptions struct {
	ListParams
}

// List iterates over the webhooks.
func (s *WebhooksService) List(ctx context.Context, opts ...*WebhookListOptions) iter.Seq2[*Webhook, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of webhooks.
func (s *WebhooksService) ListPage(ctx context.Context, opts *WebhookListOptions) ([]*Webhook, *Response, error) {
	return listPage[Webhook](ctx, s.api, "webhooks", opts)
}

// Get returns a webhook.
func (s *WebhooksService) Get(ctx context.Context, key string, opts ...RequestOption) (*Webhook, error) {
	if err := requireKey("get webhook", key); err != nil {
		return nil, err
	}
	return get[Webhook](ctx, s.api, transport.Join("webhooks/%s", key), nil, opts...)
}

// WebhookParams is the body of POST /v2/webhooks and PATCH
// /v2/webhooks/{key}. The field names come from a third-party example;
// Extra carries anything else.
type WebhookParams struct {
	// Target is the URL to deliver to (required on create).
	Target string `json:"target,omitempty"`
	// Events are the event names to subscribe to (required on create).
	Events []string `json:"events,omitempty"`
	Extra  Extra    `json:"-"`
}

// MarshalJSON merges Extra into the body.
func (p WebhookParams) MarshalJSON() ([]byte, error) {
	type plain WebhookParams
	return withExtra(plain(p), p.Extra)
}

// WebhookCreateParams is the body of POST /v2/webhooks.
type WebhookCreateParams = WebhookParams

// WebhookUpdateParams is the body of PATCH /v2/webhooks/{key}; empty fields
// are left unchanged.
type WebhookUpdateParams = WebhookParams

// Create subscribes a URL to events. It is not retried after it may have
// reached the server.
func (s *WebhooksService) Create(ctx context.Context, params *WebhookCreateParams, opts ...RequestOption) (*Webhook, error) {
	if params == nil || len(params.Events) == 0 {
		return nil, errors.New("partnerstack: create webhook: Target and Events are required")
	}
	if u, err := url.Parse(params.Target); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
		return nil, errors.New("partnerstack: create webhook: Target must be an absolute http(s) URL")
	}
	return send[Webhook](ctx, s.api, http.MethodPost, "webhooks", params, opts...)
}

// Update changes a webhook.
func (s *WebhooksService) Update(ctx context.Context, key string, params *WebhookUpdateParams, opts ...RequestOption) (*Webhook, error) {
	if err := requireKey("update webhook", key); err != nil {
		return nil, err
	}
	if params == nil {
		params = &WebhookUpdateParams{}
	}
	return send[Webhook](ctx, s.api, http.MethodPatch, transport.Join("webhooks/%s", key), params, opts...)
}

// Archive archives a webhook; its events are no longer delivered.
func (s *WebhooksService) Archive(ctx context.Context, key string, opts ...RequestOption) error {
	if err := requireKey("archive webhook", key); err != nil {
		return err
	}
	return remove(ctx, s.api, transport.Join("webhooks/%s", key), opts...)
}
