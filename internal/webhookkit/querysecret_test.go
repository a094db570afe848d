package webhookkit

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
	"github.com/stretchr/testify/assert"
)

func TestCheckQuerySecret(t *testing.T) {
	q := url.Values{"token": {"s3cr3t"}}
	assert.NoError(t, CheckQuerySecret(q, "token", []string{"s3cr3t"}))
	assert.NoError(t, CheckQuerySecret(q, "token", []string{"old", "s3cr3t"}))
	assert.ErrorIs(t, CheckQuerySecret(q, "token", []string{"other"}), ErrInvalidSignature)
	assert.ErrorIs(t, CheckQuerySecret(url.Values{}, "token", []string{"s3cr3t"}), ErrInvalidSignature)
	assert.ErrorIs(t, CheckQuerySecret(url.Values{"token": {}}, "token", []string{"s3cr3t"}), ErrInvalidSignature)
}

func TestQuerySecret(t *testing.T) {
	secrets := []transport.Secret{transport.NewSecret("old"), transport.NewSecret("s3cr3t")}
	unreadable := errors.New("unreadable form")
	tests := []struct {
		name   string
		target string
		values func(*http.Request, []byte) (url.Values, error)
		ok     bool
	}{
		{"matching secret", "/hook?token=s3cr3t", URLQuery, true},
		{"older secret", "/hook?token=old", URLQuery, true},
		{"wrong secret", "/hook?token=other", URLQuery, false},
		{"no parameter", "/hook", URLQuery, false},
		{"unreadable parameters", "/hook?token=s3cr3t", func(*http.Request, []byte) (url.Values, error) {
			return nil, unreadable
		}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			verify := QuerySecret("token", secrets, tt.values)
			err := verify(httptest.NewRequest(http.MethodGet, tt.target, nil), nil)
			if tt.ok {
				assert.NoError(t, err)
				return
			}
			assert.ErrorIs(t, err, ErrInvalidSignature)
			assert.NotContains(t, err.Error(), "s3cr3t")
		})
	}
}
