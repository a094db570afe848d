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
	param   string
	secrets []transport.Secret
}

// WithSecretParam requires the query parameter name of every postback to
// equal secret (compared in constant time). Everflow does not sign
// postbacks, so a secret literal in the template is the check to use. Pass
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

// WithStore drops redelivered events: a postback whose macro
// values were processed already is acknowledged without running the
// callback. See Store.
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
