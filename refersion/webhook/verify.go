package webhook

import "github.com/affiliatekit/affiliatekit-go/internal/webhookkit"

// scheme is Refersion's signature: the base64 HMAC-SHA256 of the body in
// Refersion-Signature.
var scheme = webhookkit.Base64HMAC(SignatureHeader)

// VerifySignature checks signature, the Refersion-Signature header, against
// the raw body for the Webhook Signing Secret. Pass the body exactly as
// received, before any JSON decoding. The comparison takes constant time.
// The error wraps ErrInvalidSignature.
func VerifySignature(secret string, body []byte, signature string) error {
	return scheme.Verify(secret, body, signature)
}

// Sign returns the Refersion-Signature value of body for secret, as
// Refersion computes it; use it to send signed deliveries in tests.
func Sign(secret string, body []byte) string { return scheme.Sign(secret, body) }
