package webhook

import "github.com/affiliatekit/affiliatekit-go/internal/webhookkit"

// Errors matched with errors.Is.
var (
	// ErrInvalidSignature: the shared secret of WithSecretParam is missing
	// or wrong.
	ErrInvalidSignature = webhookkit.ErrInvalidSignature
	// ErrMalformedPayload: the request is not a postback of the template
	// (returned by Template.Parse and Postback's accessors).
	ErrMalformedPayload = webhookkit.ErrMalformedPayload
)
