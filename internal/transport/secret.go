package transport

import (
	"fmt"
	"io"
	"log/slog"
)

const redacted = "[REDACTED]"

// Secret holds a credential. Every printed form of it (fmt verbs, %#v,
// slog, JSON) is a redaction; only Reveal returns the value. The value sits
// behind a pointer so that printing a struct that holds a Secret in an
// unexported field shows an address, never the credential.
type Secret struct {
	p *string
}

// NewSecret wraps s.
func NewSecret(s string) Secret { return Secret{p: &s} }

// Reveal returns the credential for use in a request header.
func (s Secret) Reveal() string {
	if s.p == nil {
		return ""
	}
	return *s.p
}

// IsZero reports whether the secret is empty.
func (s Secret) IsZero() bool { return s.Reveal() == "" }

// String implements fmt.Stringer with a redaction.
func (s Secret) String() string { return redacted }

// GoString implements fmt.GoStringer with a redaction.
func (s Secret) GoString() string { return redacted }

// Format implements fmt.Formatter so that every verb prints a redaction.
func (s Secret) Format(f fmt.State, _ rune) { _, _ = io.WriteString(f, redacted) }

// LogValue implements slog.LogValuer with a redaction.
func (s Secret) LogValue() slog.Value { return slog.StringValue(redacted) }

// MarshalJSON encodes a redaction, never the value.
func (s Secret) MarshalJSON() ([]byte, error) { return []byte(`"` + redacted + `"`), nil }
