package webhook

import (
	"errors"
	"log/slog"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
	"github.com/affiliatekit/affiliatekit-go/internal/webhookkit"
)

// Option configures a Handler. Options are validated by NewHandler.
type Option func(*settings) error

// settings is what the options fill in. Secrets are held as
// transport.Secret, which never prints.
type settings struct {
	webhookkit.Settings
	param     string
	secrets   []transport.Secret
	eventType string
}

// WithSecretParam requires the query parameter name of every delivery to
// equal secret (compared in constant time). PartnerStack signs nothing, so
// this token in the registered URL is the only check available. Pass
// several secrets while replacing one.
func WithSecretParam(name string, secrets ...string) Option {
	name = strings.TrimSpace(name)
	return func(s *settings) error {
		if name == "" {
			return errors.New("secret parameter name is empty")
		}
		if len(secrets) == 0 {
			return errors.New("WithSecretParam needs at least one secret")
		}
		for _, secret := range secrets {
			if secret == "" {
				return errors.New("secret is empty")
			}
			s.secrets = append(s.secrets, transport.NewSecret(secret))
		}
		s.param = name
		return nil
	}
}

// WithEventType names the event of deliveries whose payload has no "event"
// field, for a URL registered for a single event.
func WithEventType(name string) Option {
	name = strings.TrimSpace(name)
	return func(s *settings) error {
		if name == "" {
			return errors.New("event type is empty")
		}
		s.eventType = name
		return nil
	}
}

// WithStore drops redelivered events: a body processed already is
// acknowledged without running a callback. See Store.
//
// PartnerStack's payloads carry no event id and often no timestamp, so an
// event is known by its body: a change that is undone and made again
// within the Store's TTL (a partner moved from group A to B and back to A)
// sends a second body identical to the first, which the Store drops. Keep
// the TTL short (about PartnerStack's retry span), or leave the Store out
// and make the callback idempotent, where such repeats matter.
func WithStore(store Store) Option {
	return func(s *settings) error { return s.SetStore(store) }
}

// WithMaxBodyBytes caps the body (default 1 MiB); a larger delivery is
// answered 413.
func WithMaxBodyBytes(n int64) Option {
	return func(s *settings) error { return s.SetMaxBodyBytes(n) }
}

// WithLogger logs rejected deliveries and failed callbacks, one line each,
// without secrets or bodies (a parse error may quote the one value it could
// not read). Silent by default.
func WithLogger(l *slog.Logger) Option {
	return func(s *settings) error { return s.SetLogger(l) }
}
