package transport

import (
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
)

// Auth adds credentials to an outgoing request.
type Auth interface {
	Apply(h http.Header)
}

// BearerAuth sends "Authorization: Bearer <token>".
type BearerAuth struct {
	Token Secret
}

// Apply implements Auth.
func (a BearerAuth) Apply(h http.Header) { h.Set("Authorization", "Bearer "+a.Token.Reveal()) }

// BasicAuth sends HTTP basic credentials.
type BasicAuth struct {
	User     Secret
	Password Secret
}

// Apply implements Auth.
func (a BasicAuth) Apply(h http.Header) {
	raw := a.User.Reveal() + ":" + a.Password.Reveal()
	h.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(raw)))
}

// HeaderAuth sends each credential in its own header, e.g. an API key
// header plus an account id header.
type HeaderAuth map[string]Secret

// Apply implements Auth.
func (a HeaderAuth) Apply(h http.Header) {
	for k, v := range a {
		h.Set(k, v.Reveal())
	}
}

// MultiAuth applies several Auth values in order.
type MultiAuth []Auth

// Apply implements Auth.
func (m MultiAuth) Apply(h http.Header) {
	for _, a := range m {
		a.Apply(h)
	}
}

// Format prints a redaction for every verb.
func (BearerAuth) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, "BearerAuth"+redacted) }

// Format prints a redaction for every verb.
func (BasicAuth) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, "BasicAuth"+redacted) }

// Format prints the header names with redacted values.
func (a HeaderAuth) Format(f fmt.State, _ rune) {
	_, _ = io.WriteString(f, "HeaderAuth{")
	first := true
	for k := range a {
		if !first {
			_, _ = io.WriteString(f, ", ")
		}
		first = false
		_, _ = io.WriteString(f, k+": "+redacted)
	}
	_, _ = io.WriteString(f, "}")
}
