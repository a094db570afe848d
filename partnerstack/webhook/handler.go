package webhook

import (
	"context"
	"fmt"
	"net/http"

	"github.com/affiliatekit/affiliatekit-go/internal/webhookkit"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"
)

// Callbacks receive events. Each typed callback gets the event and its
// decoded resource; an event without a typed callback goes to Default, and
// is acknowledged unprocessed when Default is nil too. A callback that
// returns an error makes the handler answer 500. Callbacks run on the
// request's goroutine and context.
type Callbacks struct {
	// Partnership receives partnership_created, partnership_updated,
	// partnership_deleted and partnership_group_updated.
	Partnership func(ctx context.Context, ev *Event, p *partnerstack.Partnership) error
	// Customer receives customer_created, customer_updated and
	// customer_deleted.
	Customer func(ctx context.Context, ev *Event, c *partnerstack.Customer) error
	// Action receives the action_created and action_updated postbacks.
	Action func(ctx context.Context, ev *Event, a *partnerstack.Action) error
	// Test receives the postback test event; it is acknowledged
	// unprocessed when Test is nil.
	Test func(ctx context.Context, ev *Event) error
	// Default receives every other event, unknown names included, with the
	// raw payload in ev.Raw.
	Default func(ctx context.Context, ev *Event) error
}

// Handler is an http.Handler that receives PartnerStack webhooks and
// postbacks. It is safe for concurrent use.
type Handler struct {
	core webhookkit.Handler
}

// NewHandler returns a Handler dispatching to cb. PartnerStack documents
// no signature; protect the URL with WithSecretParam.
func NewHandler(cb Callbacks, opts ...Option) (*Handler, error) {
	var s settings
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&s); err != nil {
			return nil, fmt.Errorf("partnerstack/webhook: %w", err)
		}
	}
	h := &Handler{core: webhookkit.Handler{
		Platform: "partnerstack",
		Settings: s.Settings,
		Parse: func(_ *http.Request, body []byte) (*webhookkit.Delivery, error) {
			ev, err := Parse(body, s.eventType)
			if err != nil {
				return nil, err
			}
			return cb.delivery(ev)
		},
	}}
	if len(s.secrets) > 0 {
		h.core.Verify = func(r *http.Request, _ []byte) error {
			secrets := make([]string, len(s.secrets))
			for i, sec := range s.secrets {
				secrets[i] = sec.Reveal()
			}
			return webhookkit.CheckQuerySecret(r.URL.Query(), s.param, secrets)
		}
	}
	return h, nil
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.core.ServeHTTP(w, r) }

func (cb *Callbacks) delivery(ev *Event) (*webhookkit.Delivery, error) {
	d := &webhookkit.Delivery{Key: ev.ID, Type: ev.Type}
	switch kind := ev.kind(); {
	case ev.Test:
		if cb.Test != nil {
			d.Run = func(ctx context.Context) error { return cb.Test(ctx, ev) }
		}
		return d, nil
	case kind == kindPartnership && cb.Partnership != nil:
		return typed(d, ev, (*Event).Partnership, cb.Partnership)
	case kind == kindCustomer && cb.Customer != nil:
		return typed(d, ev, (*Event).Customer, cb.Customer)
	case kind == kindAction && cb.Action != nil:
		return typed(d, ev, (*Event).Action, cb.Action)
	case cb.Default != nil:
		d.Run = func(ctx context.Context) error { return cb.Default(ctx, ev) }
	}
	return d, nil
}

// typed decodes the event's resource now, so that a payload that does not
// decode is answered 400, and binds it to fn.
func typed[T any](d *webhookkit.Delivery, ev *Event, decode func(*Event) (*T, error),
	fn func(context.Context, *Event, *T) error) (*webhookkit.Delivery, error) {
	v, err := decode(ev)
	if err != nil {
		return nil, err
	}
	d.Run = func(ctx context.Context) error { return fn(ctx, ev, v) }
	return d, nil
}
