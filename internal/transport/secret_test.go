package transport

import (
	"bytes"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSecretNeverPrinted(t *testing.T) {
	const value = "pap_123_supersecret"
	s := NewSecret(value)
	holder := struct {
		name   string
		secret Secret
		Public Secret
		auth   Auth
	}{"x", s, s, MultiAuth{BearerAuth{Token: s}, BasicAuth{User: s, Password: s}, HeaderAuth{"X-Key": s}}}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		assert.NotContains(t, fmt.Sprintf(verb, s), value, verb)
		assert.NotContains(t, fmt.Sprintf(verb, holder), value, verb)
		assert.NotContains(t, fmt.Sprintf(verb, &holder), value, verb)
		assert.NotContains(t, fmt.Sprintf(verb, holder.auth), value, verb)
	}
	b, _ := json.Marshal(holder)
	assert.NotContains(t, string(b), value)
	var buf bytes.Buffer
	slog.New(slog.NewJSONHandler(&buf, nil)).Info("x", "secret", s, "holder", holder)
	assert.NotContains(t, buf.String(), value)
	assert.Equal(t, value, s.Reveal())
	assert.True(t, Secret{}.IsZero())
}

func TestAuthApply(t *testing.T) {
	h := http.Header{}
	MultiAuth{BearerAuth{Token: NewSecret("tok")}, HeaderAuth{"ACCOUNT-ID": NewSecret("acc")}}.Apply(h)
	assert.Equal(t, "Bearer tok", h.Get("Authorization"))
	assert.Equal(t, "acc", h.Get("Account-Id"))
	h = http.Header{}
	BasicAuth{User: NewSecret("pub"), Password: NewSecret("sec")}.Apply(h)
	assert.Equal(t, "Basic cHViOnNlYw==", h.Get("Authorization"))
}
