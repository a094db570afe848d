package webhook

import "github.com/affiliatekit/affiliatekit-go/internal/webhookkit"

// Errors returned by [Parse] and [VerifySignature], matched with
// errors.Is. They are the same values in the webhook package of every
// platform of the module.
var (
	// ErrInvalidSignature: a missing or wrong signature or credential.
	ErrInvalidSignature = webhookkit.ErrInvalidSignature
	// ErrMalformedPayload: the body is not a FirstPromoter webhook payload.
	ErrMalformedPayload = webhookkit.ErrMalformedPayload
)
