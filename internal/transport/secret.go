package transport

import (
	"bytes"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
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

// minScrubbed is the shortest credential value scrubbed from responses;
// a shorter one would match ordinary text.
const minScrubbed = 4

// secretValues returns the credential values a sends: each header value
// whole and, for an Authorization value, its token after the scheme.
func secretValues(a Auth) []Secret {
	if a == nil {
		return nil
	}
	h := http.Header{}
	a.Apply(h)
	var out []Secret
	for _, vs := range h {
		for _, v := range vs {
			if len(v) >= minScrubbed {
				out = append(out, NewSecret(v))
			}
			if _, tok, ok := strings.Cut(v, " "); ok && len(tok) >= minScrubbed {
				out = append(out, NewSecret(tok))
			}
		}
	}
	return out
}

// scrub replaces every credential value in b with a redaction, so a
// response that echoes the request's credentials never carries them into
// an error.
func (c *Client) scrub(b []byte) []byte {
	for _, sec := range c.secrets {
		if s := sec.Reveal(); bytes.Contains(b, []byte(s)) {
			b = bytes.ReplaceAll(b, []byte(s), []byte(redacted))
		}
	}
	return b
}

// scrubHeader returns a copy of h with credential values scrubbed.
func (c *Client) scrubHeader(h http.Header) http.Header {
	if h == nil {
		return nil
	}
	out := h.Clone()
	for k, vs := range out {
		for i, v := range vs {
			vs[i] = string(c.scrub([]byte(v)))
		}
		out[k] = vs
	}
	return out
}
