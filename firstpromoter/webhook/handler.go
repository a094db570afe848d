package webhook

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
	"github.com/affiliatekit/affiliatekit-go/internal/webhookkit"
)

// Callbacks receive verified events. Each typed callback gets the event and
// its decoded resource; an event without a typed callback goes to Default,
// and is acknowledged unprocessed when Default is nil too. A callback that
// returns an error makes the handler answer 500, so FirstPromoter delivers
// the event again. Callbacks run on the request's goroutine and context.
type Callbacks struct {
	// Promoter receives promoter.* events whose entity is a promoter.
	Promoter func(ctx context.Context, ev *Event, p *firstpromoter.Promoter) error
	// PromoterCampaign receives promoter_campaign.* events.
	PromoterCampaign func(ctx context.Context, ev *Event, pc *firstpromoter.PromoterCampaign) error
	// Referral receives referral.* events.
	Referral func(ctx context.Context, ev *Event, r *firstpromoter.Referral) error
	// Commission receives commission.* events.
	Commission func(ctx context.Context, ev *Event, c *firstpromoter.Commission) error
	// Payout receives payout.* events whose entity is a payout.
	Payout func(ctx context.Context, ev *Event, p *firstpromoter.Payout) error
	// Test receives test deliveries (Event.Test); they are acknowledged
	// unprocessed when it is nil.
	Test func(ctx context.Context, ev *Event) error
	// Default receives every other event, unknown types included, with the
	// raw payload in ev.Raw.
	Default func(ctx context.Context, ev *Event) error
}

// Handler is an http.Handler that receives FirstPromoter webhooks. It is
// safe for concurrent use.
type Handler struct {
	core webhookkit.Handler
}

// NewHandler returns a Handler dispatching to cb. WithSecret is required.
func NewHandler(cb Callbacks, opts ...Option) (*Handler, error) {
	// The options and the required secret are checked as in refersion/webhook's
	// NewHandler: one shared call and one check of this package's own settings,
	// with its own message, so there is nothing more to share.
	var s settings
	if err := transport.ApplyOptions("firstpromoter/webhook", &s, opts); err != nil {
		return nil, err
	}
	if len(s.secrets) == 0 {
		return nil, errors.New("firstpromoter/webhook: WithSecret is required: FirstPromoter signs every delivery")
	}
	h := &Handler{core: webhookkit.Handler{
		Platform: "firstpromoter",
		Settings: s.Settings,
		Verify:   s.verify,
		Parse:    webhookkit.ParseWith(parseRequest, cb.delivery),
	}}
	return h, nil
}

// ServeHTTP implements http.Handler.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.core.ServeHTTP(w, r) }

// parseRequest parses the delivery r carries.
func parseRequest(r *http.Request, body []byte) (*Event, error) { return Parse(r.Header, body) }

// verify runs every configured check; all must pass.
func (s *settings) verify(r *http.Request, body []byte) error {
	if err := scheme.VerifyAny(r, body, s.secrets); err != nil {
		return err
	}
	if !s.basicUser.IsZero() {
		user, pass, ok := r.BasicAuth()
		okUser := webhookkit.EqualString(user, s.basicUser.Reveal())
		okPass := webhookkit.EqualString(pass, s.basicPass.Reveal())
		if !ok || !okUser || !okPass {
			return fmt.Errorf("%w: basic auth credentials do not match", ErrInvalidSignature)
		}
	}
	for _, h := range s.headers {
		if !webhookkit.EqualString(r.Header.Get(h.name), h.value.Reveal()) {
			return fmt.Errorf("%w: header %s does not match", ErrInvalidSignature, h.name)
		}
	}
	return nil
}

// delivery picks the callback for ev.
func (cb *Callbacks) delivery(ev *Event) (*webhookkit.Delivery, error) {
	d := &webhookkit.Delivery{Key: ev.ID, Type: ev.Type}
	if d.Key == "" {
		d.Key = webhookkit.Digest(ev.Raw)
	}
	switch {
	case ev.Test:
		if cb.Test != nil {
			d.Run = func(ctx context.Context) error { return cb.Test(ctx, ev) }
		}
		return d, nil
	case ev.entity() == EntityPromoter && cb.Promoter != nil:
		return webhookkit.Bind(d, ev, (*Event).Promoter, cb.Promoter)
	case ev.entity() == EntityPromoterCampaign && cb.PromoterCampaign != nil:
		return webhookkit.Bind(d, ev, (*Event).PromoterCampaign, cb.PromoterCampaign)
	case ev.entity() == EntityReferral && cb.Referral != nil:
		return webhookkit.Bind(d, ev, (*Event).Referral, cb.Referral)
	case ev.entity() == EntityCommission && cb.Commission != nil:
		return webhookkit.Bind(d, ev, (*Event).Commission, cb.Commission)
	case ev.entity() == EntityPayout && cb.Payout != nil:
		return webhookkit.Bind(d, ev, (*Event).Payout, cb.Payout)
	case cb.Default != nil:
		d.Run = func(ctx context.Context) error { return cb.Default(ctx, ev) }
	}
	return d, nil
}
