package clientopts

import (
	"errors"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

type settings struct{ seen []string }

type option func(*settings) error

func note(name string) option {
	return func(s *settings) error { s.seen = append(s.seen, name); return nil }
}

func TestApplyInOrderSkippingNil(t *testing.T) {
	var s settings
	require.NoError(t, transport.ApplyOptions("demo", &s, []option{note("a"), nil, note("b")}))
	assert.Equal(t, []string{"a", "b"}, s.seen)
}

func TestApplyStopsAtTheFirstError(t *testing.T) {
	var s settings
	bad := errors.New("key is empty")
	fail := func(*settings) error { return bad }
	err := transport.ApplyOptions("demo", &s, []option{note("a"), fail, note("b")})
	require.ErrorIs(t, err, bad)
	assert.EqualError(t, err, "demo: key is empty")
	assert.Equal(t, []string{"a"}, s.seen)
}

func TestDefaults(t *testing.T) {
	s := Defaults("https://api.example.com/v1", 60, time.Minute)
	assert.Equal(t, "/v1", s.BaseURL.Path)
	assert.Equal(t, 60, s.RateLimitRequests)
	assert.Equal(t, time.Minute, s.RateLimitPer)
	assert.Equal(t, 1, s.Prefetch)
	assert.Nil(t, Defaults("", 1, time.Second).BaseURL)
}

type client struct{ seen []string }

func TestNewChecksThenBuilds(t *testing.T) {
	build := func(s *settings) (*client, error) { return &client{seen: s.seen}, nil }
	noCheck := func(*settings) error { return nil }
	c, err := New("demo", &settings{}, []option{note("a")}, noCheck, build)
	require.NoError(t, err)
	assert.Equal(t, []string{"a"}, c.seen)

	missing := errors.New("demo: a key is required")
	_, err = New("demo", &settings{}, []option(nil), func(*settings) error { return missing }, build)
	assert.Equal(t, missing, err)
	_, err = New("demo", &settings{}, []option{func(*settings) error { return errors.New("bad") }}, noCheck, build)
	assert.EqualError(t, err, "demo: bad")
}
