package webhook

import (
	"context"
	"net/http"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
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
	if err := transport.ApplyOptions("partnerstack/webhook", &s, opts); err != nil {
		return nil, err
	}
	h := &Handler{core: webhookkit.Handler{
		Platform: "partnerstack",
		Settings: s.Settings,
		Parse: webhookkit.ParseWith(func(_ *http.Request, body []byte) (*Event, error) {
			return Parse(body, s.eventType)
		}, cb.delivery),
	}}
	if len(s.secrets) > 0 {
		h.core.Verify = webhookkit.QuerySecret(s.param, s.secrets, webhookkit.URLQuery)
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
		return webhookkit.Bind(d, ev, (*Event).Partnership, cb.Partnership)
	case kind == kindCustomer && cb.Customer != nil:
		return webhookkit.Bind(d, ev, (*Event).Customer, cb.Customer)
	case kind == kindAction && cb.Action != nil:
		return webhookkit.Bind(d, ev, (*Event).Action, cb.Action)
	case cb.Default != nil:
		d.Run = func(ctx context.Context) error { return cb.Default(ctx, ev) }
	}
	return d, nil
}
