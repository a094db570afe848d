package webhook

import (
	"encoding/hex"
	"fmt"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/webhookkit"
)

// VerifySignature checks signature, the X-Webhook-Signature header, against
// the raw body for the subscription's secret key. Pass the body exactly as
// received, before any JSON decoding. The comparison takes constant time.
// The error wraps ErrInvalidSignature.
func VerifySignature(secret string, body []byte, signature string) error {
	signature = strings.TrimSpace(signature)
	switch {
	case secret == "":
		return fmt.Errorf("%w: no secret to verify with", ErrInvalidSignature)
	case signature == "":
		return fmt.Errorf("%w: no %s header", ErrInvalidSignature, SignatureHeader)
	}
	got, err := hex.DecodeString(signature)
	if err != nil {
		return fmt.Errorf("%w: %s is not hex", ErrInvalidSignature, SignatureHeader)
	}
	if !webhookkit.EqualBytes(got, webhookkit.HMACSHA256(secret, body)) {
		return fmt.Errorf("%w: %s does not match the body", ErrInvalidSignature, SignatureHeader)
	}
	return nil
}

// Sign returns the X-Webhook-Signature value of body for secret, as
// FirstPromoter computes it; use it to send signed deliveries in tests.
func Sign(secret string, body []byte) string {
	return hex.EncodeToString(webhookkit.HMACSHA256(secret, body))
}
