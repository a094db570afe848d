package partnerstack

import (
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestNewClientValidatesOptions(t *testing.T) {
	keys := WithKeys("pk_1", "sk_1")
	tests := []struct {
		name string
		opts []Option
		want string
	}{
		{"no keys", nil, "vendor key pair is required"},
		{"empty public key", []Option{WithKeys(" ", "sk")}, "public key is empty"},
		{"empty secret key", []Option{WithKeys("pk", "")}, "secret key is empty"},
		{"partner key", []Option{keys, WithAPIKey("psk_1")}, "NewPartnerClient"},
		{"bad base URL", []Option{keys, WithBaseURL("ftp://example.com")}, "scheme"},
		{"credentials in URL", []Option{keys, WithBaseURL("https://u:p@example.com/api/v2")}, "credentials"},
		{"nil HTTP client", []Option{keys, WithHTTPClient(nil)}, "nil"},
		{"negative retries", []Option{keys, WithMaxRetries(-1)}, "max retries"},
		{"retry wait", []Option{keys, WithRetryWait(time.Second, time.Millisecond)}, "retry wait"},
		{"user agent", []Option{keys, WithUserAgent("a\nb")}, "line breaks"},
		{"max response bytes", []Option{keys, WithMaxResponseBytes(0)}, "positive"},
		{"rate limit", []Option{keys, WithRateLimit(0, time.Minute)}, "rate limit"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, err := NewClient(tt.opts...)
			require.Error(t, err)
			assert.Nil(t, c)
			assert.Contains(t, err.Error(), tt.want)
		})
	}
	c, err := NewClient(keys, WithBaseURL("http://127.0.0.1:1/api/v2"), WithHTTPClient(&http.Client{}),
		WithMaxRetries(0), WithRetryWait(0, time.Second), WithUserAgent("sync-job/1.0"), WithLogger(nil),
		WithMaxResponseBytes(1<<20), WithRateLimit(RateLimitRequests, RateLimitWindow), nil)
	require.NoError(t, err)
	assert.NotNil(t, c.Transactions)
	assert.Equal(t, RateLimit{}, c.RateLimit())
}

func TestNewPartnerClientValidatesOptions(t *testing.T) {
	_, err := NewPartnerClient()
	assert.ErrorContains(t, err, "Partner API key is required")
	_, err = NewPartnerClient(WithAPIKey("psk"), WithKeys("pk", "sk"))
	assert.ErrorContains(t, err, "NewClient")
	_, err = NewPartnerClient(WithAPIKey(""))
	assert.ErrorContains(t, err, "API key is empty")
	c, err := NewPartnerClient(WithAPIKey("psk_1"))
	require.NoError(t, err)
	assert.NotNil(t, c.Programs)
	assert.Equal(t, RateLimit{}, c.RateLimit())
}

func TestCredentialsAreNotPrinted(t *testing.T) {
	c, err := NewClient(WithKeys("pk_visible_public", "sk_very_secret"))
	require.NoError(t, err)
	for _, verb := range []string{"%v", "%+v", "%#v"} {
		out := fmt.Sprintf(verb, c)
		assert.NotContains(t, out, "sk_very_secret")
	}
}
