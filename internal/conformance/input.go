package conformance

import (
	"context"
	"iter"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// BadInput: the options p.Input.Options lists, and base URLs no client
// takes (without scheme or host, with a query, a fragment or credentials),
// give no client and an error that names the problem, without echoing a
// base URL's password; every call of p.Input.Calls fails with the error
// its row names, and nothing is sent.
func BadInput[S platformtest.Server, C platformtest.Client, O, R any](t *testing.T, p platformtest.Platform[S, C, O, R]) {
	for _, tc := range append(append([]platformtest.Refused[[]O](nil), p.Input.Options...), baseURLRows(t, p)...) {
		t.Run(tc.Name, func(t *testing.T) {
			c, err := p.New(tc.Input...)
			assert.Nil(t, c)
			require.ErrorContains(t, err, tc.Want)
			assert.NotContains(t, err.Error(), "pass", "the base URL's password is not echoed")
		})
	}

	srv, _ := p.Start(t, 0, platformtest.Fake{})
	c := p.NewClient(t, srv, &http.Client{})
	ctx := context.Background()
	for _, tc := range p.Input.Calls {
		t.Run(tc.Name, func(t *testing.T) {
			for _, call := range tc.Input {
				require.ErrorContains(t, call(ctx, c), tc.Want)
			}
		})
	}
	assert.Zero(t, srv.RequestCount(), "nothing was sent")
}

// baseURLRows are the base URLs every client refuses, made from
// p.Input.APIRoot, each with p's credentials.
func baseURLRows[S platformtest.Server, C platformtest.Client, O, R any](t *testing.T, p platformtest.Platform[S, C, O, R]) []platformtest.Refused[[]O] {
	root, err := url.Parse(p.Input.APIRoot)
	require.NoError(t, err)
	with := func(baseURL string) []O {
		return append(p.Credentials(), p.BaseURL(baseURL))
	}
	return []platformtest.Refused[[]O]{
		{Name: "base URL without scheme", Input: with(root.Host + root.Path), Want: "scheme"},
		{Name: "base URL with a query", Input: with(p.Input.APIRoot + "?x=1"), Want: "query"},
		{Name: "base URL with a fragment", Input: with(p.Input.APIRoot + "#x"), Want: "fragment"},
		{Name: "base URL without host", Input: with("https://" + root.Path), Want: "host"},
		{Name: "base URL with credentials", Input: with("https://user:pass@" + root.Host), Want: "credentials"},
	}
}

// EscapedKeys: a key holding "../", "?", "#" or a dot segment stays one
// escaped path segment in every read of p.Input.Lookups; it never reaches
// another route or adds a query, and the fake answers 404.
func EscapedKeys[S platformtest.Server, C platformtest.Client, O, R any](t *testing.T, p platformtest.Platform[S, C, O, R]) {
	root, err := url.Parse(p.Input.APIRoot)
	require.NoError(t, err)
	srv, _ := p.Start(t, 2, platformtest.Fake{})
	c := p.NewClient(t, srv, &http.Client{}, p.MaxRetries(0))
	ctx := context.Background()
	lookups := p.Input.Lookups
	for _, key := range []string{
		"../../" + p.Input.Route, "..", ".", "x/../../y", "x?" + p.Input.Query, "x#fragment",
		"a/b", "%2e%2e", "%2F", " spaced ", "ünï©ode",
	} {
		srv.ResetRequests()
		for _, l := range lookups {
			assert.ErrorIs(t, l.Get(ctx, c, key), transport.ErrNotFound, "%s %q", l.Path, key)
		}
		reqs := srv.Requests()
		require.Len(t, reqs, len(lookups))
		for i, l := range lookups {
			assert.Equal(t, l.Path+key, reqs[i].Path)
			assert.Equal(t, l.Query, reqs[i].Query)
		}
		for _, r := range reqs {
			assert.False(t, strings.ContainsAny(strings.TrimPrefix(r.RawPath, root.Path+"/"), "?#"), r.RawPath)
			assert.NotContains(t, r.RawPath, "/../")
		}
	}
}

// LastErr ranges over seq and returns the last error it yields.
func LastErr[R any](seq iter.Seq2[R, error]) error {
	var last error
	for _, err := range seq {
		if err != nil {
			last = err
		}
	}
	return last
}
