package webhookkit

import (
	"crypto/hmac"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
)

// HMACSHA256 returns the HMAC-SHA256 of body keyed with secret.
func HMACSHA256(secret string, body []byte) []byte {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write(body)
	return mac.Sum(nil)
}

// EqualBytes reports whether a and b are equal, in time that depends only
// on their lengths.
func EqualBytes(a, b []byte) bool { return hmac.Equal(a, b) }

// EqualString reports whether a and b are equal in constant time. Both are
// hashed first, so the time taken does not reveal the length of either.
func EqualString(a, b string) bool {
	ha, hb := sha256.Sum256([]byte(a)), sha256.Sum256([]byte(b))
	return subtle.ConstantTimeCompare(ha[:], hb[:]) == 1
}

// Digest returns the hex SHA-256 of the parts, each prefixed with its
// length so that different splits never collide. It derives idempotency
// keys for platforms whose deliveries carry no event id.
func Digest(parts ...[]byte) string {
	h := sha256.New()
	var n [8]byte
	for _, p := range parts {
		l := uint64(len(p))
		for i := range n {
			n[i] = byte(l >> (8 * i))
		}
		h.Write(n[:])
		h.Write(p)
	}
	return hex.EncodeToString(h.Sum(nil))
}
