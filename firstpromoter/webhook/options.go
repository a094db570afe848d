package webhook

import (
	"errors"
	"log/slog"
	"net/http"
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
	secrets   []transport.Secret
	basicUser transport.Secret
	basicPass transport.Secret
	headers   []header
}

type header struct {
	name  string
	value transport.Secret
}

// WithSecret sets the subscription's secret_key, which verifies the
// X-Webhook-Signature of every delivery. Required. While rotating the key,
// pass the old and the new one: a delivery signed with either is accepted
// (FirstPromoter retries in-flight deliveries with the old key).
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

// WithBasicAuth requires the HTTP basic-auth credentials configured on the
// subscription (basic_auth_user and basic_auth_password).
func WithBasicAuth(user, password string) Option {
	return func(s *settings) error {
		if user == "" || password == "" {
			return errors.New("basic auth user and password must both be set")
		}
		s.basicUser, s.basicPass = transport.NewSecret(user), transport.NewSecret(password)
		return nil
	}
}

// WithHeader requires a custom header configured on the subscription (its
// headers object) to carry value. Repeat it for several headers.
func WithHeader(name, value string) Option {
	name = http.CanonicalHeaderKey(strings.TrimSpace(name))
	return func(s *settings) error {
		if name == "" || value == "" {
			return errors.New("header name and value must both be set")
		}
		s.headers = append(s.headers, header{name: name, value: transport.NewSecret(value)})
		return nil
	}
}

// WithStore drops redelivered events: an event id already processed is
// acknowledged without running a callback. See Store.
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
