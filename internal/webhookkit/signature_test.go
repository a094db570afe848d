package webhookkit

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHMACSignature(t *testing.T) {
	body := []byte("what do ya want for nothing?")
	// RFC 4231, test case 2, in both text forms.
	const (
		hexMAC    = "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
		base64MAC = "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM="
	)
	tests := []struct {
		name      string
		scheme    HMACSignature
		signature string
		secret    string
		wantErr   string
	}{
		{"hex matches", HexHMAC("X-Sig"), hexMAC, "Jefe", ""},
		{"hex with spaces", HexHMAC("X-Sig"), " " + hexMAC + "\n", "Jefe", ""},
		{"hex wrong secret", HexHMAC("X-Sig"), hexMAC, "other", "X-Sig does not match the body"},
		{"hex not hex", HexHMAC("X-Sig"), base64MAC, "Jefe", "X-Sig is not hex"},
		{"hex no signature", HexHMAC("X-Sig"), "", "Jefe", "no X-Sig header"},
		{"no secret", HexHMAC("X-Sig"), hexMAC, "", "no secret to verify with"},
		{"base64 matches", Base64HMAC("Y-Sig"), base64MAC, "Jefe", ""},
		{"base64 not base64", Base64HMAC("Y-Sig"), "%%%", "Jefe", "Y-Sig is not base64"},
		{"base64 given hex", Base64HMAC("Y-Sig"), hexMAC, "Jefe", "Y-Sig does not match the body"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.scheme.Verify(tt.secret, body, tt.signature)
			if tt.wantErr == "" {
				require.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, ErrInvalidSignature)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
	assert.Equal(t, hexMAC, HexHMAC("X-Sig").Sign("Jefe", body))
	assert.Equal(t, base64MAC, Base64HMAC("Y-Sig").Sign("Jefe", body))
}

func TestHMACSignatureVerifyAny(t *testing.T) {
	scheme := HexHMAC("X-Sig")
	body := []byte(`{"id":1}`)
	old, current := transport.NewSecret("old"), transport.NewSecret("current")
	tests := []struct {
		name    string
		signer  string
		secrets []transport.Secret
		ok      bool
	}{
		{"first secret", "old", []transport.Secret{old, current}, true},
		{"second secret", "current", []transport.Secret{old, current}, true},
		{"neither", "other", []transport.Secret{old, current}, false},
		{"no secrets", "other", nil, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(http.MethodPost, "/hook", nil)
			r.Header.Set("X-Sig", scheme.Sign(tt.signer, body))
			err := scheme.VerifyAny(r, body, tt.secrets)
			if tt.ok {
				assert.NoError(t, err)
			} else {
				assert.ErrorIs(t, err, ErrInvalidSignature)
			}
		})
	}
}
