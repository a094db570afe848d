package faultmatrix

import (
	"context"
	"iter"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
)

// ListRecords is how many records a list row seeds; ListPageSize how many
// it asks for a page, so that they take three pages.
const ListRecords, ListPageSize = 7, 3

// Start starts p's fake with n records seeded on its listed endpoint, on
// env's clock, and returns it with a matrix client of it.
func Start[S platformtest.Server, C platformtest.Client, O, R any](t *testing.T, p platformtest.Platform[S, C, O, R], env Env, n int) (S, C) {
	t.Helper()
	srv, _ := p.Start(t, n, platformtest.Fake{Clock: env.Clock})
	return srv, Client(t, p, env, srv)
}

// Client returns a client of srv configured by env, with p's matrix
// options and then opts. It does not prefetch, so a fault lands on the
// request it is injected before.
func Client[S platformtest.Server, C platformtest.Client, O, R any](t *testing.T, p platformtest.Platform[S, C, O, R], env Env, srv S, opts ...O) C {
	t.Helper()
	all := []O{p.Clock(env.Clock), p.MaxRetries(env.MaxRetries), p.Prefetch(0)}
	if p.Matrix.Options != nil {
		all = append(all, p.Matrix.Options(srv)...)
	}
	return p.NewClient(t, srv, env.HTTPClient, append(all, opts...)...)
}

// ListTarget is the row of p's listed endpoint: ListRecords records,
// ListPageSize to a page.
func ListTarget[S platformtest.Server, C platformtest.Client, O, R any](p platformtest.Platform[S, C, O, R]) Target {
	return Target{
		Name: p.Matrix.ListName, RetrySafe: true, Path: p.Matrix.ListPath, WrongShape: p.Matrix.WrongShape,
		New: func(t *testing.T, env Env) Instance {
			srv, seeded := p.Start(t, ListRecords, platformtest.Fake{Clock: env.Clock})
			c := Client(t, p, env, srv)
			return Instance{
				Server: srv, Seeded: seeded,
				Run: func(ctx context.Context, onRecord func()) ([]string, error) {
					return Collect(p.List(ctx, c, ListPageSize), p.Key, onRecord)
				},
			}
		},
	}
}

// ListRow is the row of another list of p's client: seed fills a fake
// started with no records on p's listed endpoint and returns the keys of
// what list must yield.
func ListRow[S platformtest.Server, C platformtest.Client, O, R, T any](p platformtest.Platform[S, C, O, R], name, path string,
	seed func(srv S) []string, list func(ctx context.Context, c C) iter.Seq2[T, error], key func(T) string) Target {
	return Target{
		Name: name, RetrySafe: true, Path: path, WrongShape: p.Matrix.WrongShape,
		New: func(t *testing.T, env Env) Instance {
			srv, c := Start(t, p, env, 0)
			seeded := seed(srv)
			return Instance{
				Server: srv, Seeded: seeded,
				Run: func(ctx context.Context, onRecord func()) ([]string, error) {
					return Collect(list(ctx, c), key, onRecord)
				},
			}
		},
	}
}

// WriteTarget is the row of p's write, never retried after it may have
// reached the server, on a fake holding one record of the listed
// endpoint.
func WriteTarget[S platformtest.Server, C platformtest.Client, O, R any](p platformtest.Platform[S, C, O, R]) Target {
	return Target{
		Name: p.Matrix.CreateName, Write: true, Path: p.Matrix.CreatePath,
		New: func(t *testing.T, env Env) Instance {
			srv, c := Start(t, p, env, 1)
			before := p.Created(srv)
			return Instance{
				Server: srv,
				Run: func(ctx context.Context, _ func()) ([]string, error) {
					key, err := p.Create(ctx, c, srv)
					if err != nil {
						return nil, err
					}
					return []string{key}, nil
				},
				Applied: func() int { return p.Created(srv) - before },
			}
		},
	}
}
