package webhook

import (
	"context"
	"errors"
	"net/http"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
	"github.com/affiliatekit/affiliatekit-go/internal/webhookkit"
)

// Callbacks receive verified events. Each typed callback gets the event and
// its decoded resource; an event without a typed callback goes to Default,
// and is acknowledged unprocessed when Default is nil too. A callback that
// returns an error makes the handler answer 500. Callbacks run on the
// request's goroutine and context.
type Callbacks struct {
	// Conversion receives New Conversion, Conversion Approved and
	// Conversion Denied.
	Conversion func(ctx context.Context, ev *Event, c *Conversion) error
	// Affiliate receives New Affiliate, Affiliate Status Change, Affiliate
	// Details Change and Bonus Tier Movement.
	Affiliate func(ctx context.Context, ev *Event, a *Affiliate) error
	// Trigger receives New Conversion Trigger.
	Trigger func(ctx context.Context, ev *Event, t *ConversionTrigger) error
	// Default receives every other delivery (New Payment, unknown topics)
	// with the raw payload in ev.Raw.
	Default func(ctx context.Context, ev *Event) error
}

// Handler is an http.Handler that receives Refersion webhooks. It is safe
// for concurrent use.
type Handler struct {
	core webhookkit.Handler
}

// NewHandler returns a Handler dispatching to cb. WithSecret is required.
func NewHandler(cb Callbacks, opts ...Option) (*Handler, error) {
	// The options and the required secret are checked as in firstpromoter/webhook's
	// NewHandler: one shared call and one check of this package's own settings,
	// with its own message, so there is nothing more to share.
	var s settings
	if err := transport.ApplyOptions("refersion/webhook", &s, opts); err != nil {
		return nil, err
	}
	if len(s.secrets) == 0 {
		return nil, errors.New("refersion/webhook: WithSecret is required: Refersion signs every delivery")
	}
	return &Handler{core: webhookkit.Handler{
		Platform: "refersion",
		Settings: s.Settings,
		Verify:   s.verify,
		Parse:    webhookkit.ParseWith(parseRequest, cb.delivery),
	}}, nil
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.core.ServeHTTP(w, r) }

// verify checks the delivery's signature with each configured secret.
func (s *settings) verify(r *http.Request, body []byte) error {
	return scheme.VerifyAny(r, body, s.secrets)
}

// parseRequest parses the delivery r carries.
func parseRequest(r *http.Request, body []byte) (*Event, error) { return Parse(r.Header, body) }

func (cb *Callbacks) delivery(ev *Event) (*webhookkit.Delivery, error) {
	d := &webhookkit.Delivery{Key: ev.ID, Type: ev.Type}
	switch {
	case ev.Kind == KindConversion && cb.Conversion != nil:
		return webhookkit.Bind(d, ev, (*Event).Conversion, cb.Conversion)
	case ev.Kind == KindAffiliate && cb.Affiliate != nil:
		return webhookkit.Bind(d, ev, (*Event).Affiliate, cb.Affiliate)
	case ev.Kind == KindTrigger && cb.Trigger != nil:
		return webhookkit.Bind(d, ev, (*Event).Trigger, cb.Trigger)
	case cb.Default != nil:
		d.Run = func(ctx context.Context) error { return cb.Default(ctx, ev) }
	}
	return d, nil
}
