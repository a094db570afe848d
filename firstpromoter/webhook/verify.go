package webhook

import "github.com/affiliatekit/affiliatekit-go/internal/webhookkit"

// scheme is FirstPromoter's signature: the hex HMAC-SHA256 of the body in
// X-Webhook-Signature.
var scheme = webhookkit.HexHMAC(SignatureHeader)

// VerifySignature checks signature, the X-Webhook-Signature header, against
// the raw body for the subscription's secret key. Pass the body exactly as
// received, before any JSON decoding. The comparison takes constant time.
// The error wraps ErrInvalidSignature.
func VerifySignature(secret string, body []byte, signature string) error {
	return scheme.Verify(secret, body, signature)
}

// Sign returns the X-Webhook-Signature value of body for secret, as
// FirstPromoter computes it; use it to send signed deliveries in tests.
func Sign(secret string, body []byte) string { return scheme.Sign(secret, body) }
