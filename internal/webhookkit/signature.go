package webhookkit

import (
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"net/http"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// HMACSignature is a platform's signature scheme: the HMAC-SHA256 of the
// raw body keyed with a shared secret, sent in a header as text.
type HMACSignature struct {
	// Header is the header that carries the signature.
	Header string
	// Encoding names the text form in errors ("hex", "base64").
	Encoding string
	// Encode and Decode turn a MAC into its text form and back.
	Encode func([]byte) string
	Decode func(string) ([]byte, error)
}

// HexHMAC is the scheme whose signature is the hex MAC in header.
func HexHMAC(header string) HMACSignature {
	return HMACSignature{Header: header, Encoding: "hex", Encode: hex.EncodeToString, Decode: hex.DecodeString}
}

// Base64HMAC is the scheme whose signature is the standard base64 MAC in
// header.
func Base64HMAC(header string) HMACSignature {
	return HMACSignature{Header: header, Encoding: "base64",
		Encode: base64.StdEncoding.EncodeToString, Decode: base64.StdEncoding.DecodeString}
}

// Verify checks signature, the value of the scheme's header, against the
// raw body for secret, in constant time. The error wraps
// ErrInvalidSignature.
func (s HMACSignature) Verify(secret string, body []byte, signature string) error {
	signature = strings.TrimSpace(signature)
	switch {
	case secret == "":
		return fmt.Errorf("%w: no secret to verify with", ErrInvalidSignature)
	case signature == "":
		return fmt.Errorf("%w: no %s header", ErrInvalidSignature, s.Header)
	}
	got, err := s.Decode(signature)
	if err != nil {
		return fmt.Errorf("%w: %s is not %s", ErrInvalidSignature, s.Header, s.Encoding)
	}
	if !EqualBytes(got, HMACSHA256(secret, body)) {
		return fmt.Errorf("%w: %s does not match the body", ErrInvalidSignature, s.Header)
	}
	return nil
}

// Sign returns the header value that signs body with secret.
func (s HMACSignature) Sign(secret string, body []byte) string {
	return s.Encode(HMACSHA256(secret, body))
}

// VerifyAny checks r's signature header against body for each of secrets
// in turn (several while a secret is being replaced); one match passes,
// and otherwise the error is the last secret's. No secrets pass.
func (s HMACSignature) VerifyAny(r *http.Request, body []byte, secrets []transport.Secret) error {
	sig := r.Header.Get(s.Header)
	var err error
	for _, secret := range secrets {
		if err = s.Verify(secret.Reveal(), body, sig); err == nil {
			return nil
		}
	}
	return err
}
