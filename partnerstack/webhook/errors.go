package webhook

import "github.com/affiliatekit/affiliatekit-go/internal/webhookkit"

// Errors matched with errors.Is.
var (
	// ErrInvalidSignature: the shared secret of WithSecretParam is missing
	// or wrong.
	ErrInvalidSignature = webhookkit.ErrInvalidSignature
	// ErrMalformedPayload: the body is not a PartnerStack webhook payload
	// (returned by Parse and the typed accessors).
	ErrMalformedPayload = webhookkit.ErrMalformedPayload
)
