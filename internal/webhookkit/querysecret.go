package webhookkit

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// CheckQuerySecret verifies that the query parameter name of q equals one
// of secrets, in constant time. It fails with ErrInvalidSignature.
func CheckQuerySecret(q url.Values, name string, secrets []string) error {
	got, ok := q[name]
	if !ok || len(got) == 0 {
		return fmt.Errorf("%w: no %q parameter", ErrInvalidSignature, name)
	}
	match := false
	for _, s := range secrets {
		// Every secret is compared, so the time does not reveal which one
		// matched.
		if EqualString(got[0], s) {
			match = true
		}
	}
	if !match {
		return fmt.Errorf("%w: the %q parameter does not match", ErrInvalidSignature, name)
	}
	return nil
}

// QuerySecret returns a Handler.Verify for a platform that signs nothing
// and is protected by a secret parameter in the registered URL: it reads
// a request's parameters with values and checks the parameter name
// against secrets with CheckQuerySecret. A request whose parameters
// cannot be read fails with ErrInvalidSignature joined with the reason.
func QuerySecret(name string, secrets []transport.Secret,
	values func(r *http.Request, body []byte) (url.Values, error)) func(*http.Request, []byte) error {
	return func(r *http.Request, body []byte) error {
		q, err := values(r, body)
		if err != nil {
			return errors.Join(ErrInvalidSignature, err)
		}
		plain := make([]string, len(secrets))
		for i, s := range secrets {
			plain[i] = s.Reveal()
		}
		return CheckQuerySecret(q, name, plain)
	}
}

// URLQuery reads a request's parameters from its URL alone.
func URLQuery(r *http.Request, _ []byte) (url.Values, error) { return r.URL.Query(), nil }
