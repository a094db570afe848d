package transport

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/secretcheck"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

// TestSecretHygiene prints every type that holds a credential (Secret, the
// Auth strategies, Config, Client) in every fmt, JSON and slog form, and
// logs a run of requests through errors and retries at debug level: no
// credential appears anywhere.
func TestSecretHygiene(t *testing.T) {
	const token, user, pass, header = "tok_live_8c1f2a", "pub_live_77d0e", "sec_live_31b9a", "hdr_live_5e6f70"
	var sink secretcheck.Sink
	bearer := BearerAuth{Token: NewSecret(token)}
	basic := BasicAuth{User: NewSecret(user), Password: NewSecret(pass)}
	headers := HeaderAuth{"X-Api-Key": NewSecret(header)}
	auth := MultiAuth{bearer, basic, headers}
	sink.Print(NewSecret(token), bearer, &bearer, basic, headers, auth)

	steps := []http.HandlerFunc{
		status(200, `{"id":1}`), status(401, ``), status(403, `{"message":"no"}`), status(404, `{"error":"gone"}`),
		status(422, `{"errors":{"email":["taken"]}}`), status(429, `{"message":"slow"}`, "Retry-After", "1"),
		status(200, `{"id":2}`), status(429, ``, "Retry-After", "3600"), status(500, `<html>x</html>`),
		status(502, ``), status(502, ``), status(200, `{"unexpected":`),
	}
	sc := &script{steps: steps}
	srv := newLoopback(t, sc)
	s := NewSettings("")
	require.NoError(t, s.SetBaseURL(srv))
	s.Clock = testclock.New(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC))
	s.Logger = sink.Logger()
	s.MaxRetries = 1
	cfg := Config{Settings: s, Platform: "test", Auth: auth}
	c, err := New(cfg)
	require.NoError(t, err)
	sink.Print(cfg, &cfg, c, s)
	for range len(steps) {
		var out map[string]any
		resp, err := c.Do(context.Background(), &Request{Method: http.MethodGet, Path: "x", Query: map[string][]string{"q": {"1"}}}, &out)
		sink.Print(err, resp)
	}
	sink.Check(t, token, user, pass, header)
}
