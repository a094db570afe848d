package refersion

import (
	"context"
	"iter"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// TestFaultMatrix_3x15_cells injects every fault of the reliability matrix
// into Refersion's two iterators, affiliate/list and affiliate/search
// (read-only POSTs, retried like reads), and into affiliate/new, a write
// that is never retried after it may have reached the server.
func TestFaultMatrix_3x15_cells(t *testing.T) {
	faultmatrix.Run(t, []faultmatrix.Target{
		matrixList("affiliate_list", "affiliate/list", 7,
			func(ctx context.Context, c *Client) iter.Seq2[*Affiliate, error] {
				return c.Affiliates.List(ctx, &AffiliateListOptions{Limit: 3})
			}),
		// The fake pages searches by refersiontest.SearchPageSize (10).
		matrixList("affiliate_search", "affiliate/search", 23,
			func(ctx context.Context, c *Client) iter.Seq2[*Affiliate, error] {
				return c.Affiliates.Search(ctx, "example.com")
			}),
		{
			Name: "affiliate_new", Write: true, Path: "affiliate/new",
			New: func(t *testing.T, env faultmatrix.Env) faultmatrix.Instance {
				srv, c := matrixServer(t, env)
				return faultmatrix.Instance{
					Server: srv,
					Run: func(ctx context.Context, _ func()) ([]string, error) {
						r, err := c.Affiliates.Create(ctx, &AffiliateCreateParams{
							FirstName: "Ada", LastName: "Matrix", Email: "ada.matrix@example.org",
							Password: "Correct-h0rse", Status: AffiliateActive,
						})
						if err != nil {
							return nil, err
						}
						return []string{r.Code}, nil
					},
					Applied: func() int { return len(srv.Affiliates()) },
				}
			},
		},
	})
}

// matrixServer starts an empty fake and a client on it configured by env.
func matrixServer(t *testing.T, env faultmatrix.Env) (*refersiontest.Server, *Client) {
	t.Helper()
	srv := refersiontest.NewServer()
	t.Cleanup(srv.Close)
	c, err := NewClient(
		WithKeys(refersiontest.PublicKey, refersiontest.SecretKey),
		WithBaseURL(srv.URL), WithHTTPClient(env.HTTPClient), WithMaxRetries(env.MaxRetries),
		withClock(env.Clock),
	)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// matrixList is an iterator row over n seeded affiliates, keyed by their
// affiliate code.
func matrixList(name, path string, n int, list func(context.Context, *Client) iter.Seq2[*Affiliate, error]) faultmatrix.Target {
	return faultmatrix.Target{
		Name: name, RetrySafe: true, Path: path,
		New: func(t *testing.T, env faultmatrix.Env) faultmatrix.Instance {
			srv, c := matrixServer(t, env)
			var seeded []string
			for _, a := range srv.SeedAffiliates(n) {
				seeded = append(seeded, a.Code)
			}
			return faultmatrix.Instance{
				Server: srv, Seeded: seeded,
				Run: func(ctx context.Context, onRecord func()) ([]string, error) {
					return faultmatrix.Collect(list(ctx, c), func(a *Affiliate) string { return a.Code }, onRecord)
				},
			}
		},
	}
}
