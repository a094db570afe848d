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
	secrets []transport.Secret
}

// WithSecret sets the Webhook Signing Secret (Account > Settings >
// Webhooks), which verifies every delivery's Refersion-Signature.
// Required. Pass several while replacing the secret: a delivery signed
// with any of them is accepted.
func WithSecret(secrets ...string) Option {
	return func(s *settings) error {
		for _, secret := range secrets {
			if secret = strings.TrimSpace(secret); secret == "" {
				return errors.New("secret is empty")
			}
			s.secrets = append(s.secrets, transport.NewSecret(secret))
		}
		if len(s.secrets) == 0 {
			return errors.New("WithSecret needs at least one secret")
		}
		return nil
	}
}

// WithStore drops redelivered events: a delivery whose topic and body were
// processed already is acknowledged without running a callback. See Store.
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
