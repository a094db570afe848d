package refersion_test

import (
	"context"
	"iter"
	"strconv"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
	. "github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// TestFaultMatrix_5x15_cells injects every fault of the reliability matrix
// into Refersion's REST iterators, affiliate/list and affiliate/search
// (read-only POSTs, retried like reads), its GraphQL iterators over
// conversions and affiliates (queries, retried like reads), and into
// affiliate/new, a write that is never retried after it may have reached
// the server.
func TestFaultMatrix_5x15_cells(t *testing.T) {
	faultmatrix.Run(t, []faultmatrix.Target{
		matrixList("affiliate_list", "affiliate/list", 7,
			func(ctx context.Context, c *Client) iter.Seq2[*Affiliate, error] {
				return c.Affiliates.List(ctx, &AffiliateListOptions{PerPage: 3})
			}),
		// The fake pages searches by refersiontest.SearchPerPage (10).
		matrixList("affiliate_search", "affiliate/search", 23,
			func(ctx context.Context, c *Client) iter.Seq2[*Affiliate, error] {
				return c.Affiliates.Search(ctx, "example.com")
			}),
		{
			Name: "graphql_conversions", RetrySafe: true, Path: "graphql(conversions)",
			New: func(t *testing.T, env faultmatrix.Env) faultmatrix.Instance {
				srv, c := matrixServer(t, env)
				var seeded []string
				convs := srv.SeedConversions(23) // dated up to the server's now
				for _, cv := range convs {
					seeded = append(seeded, strconv.FormatInt(cv.ID, 10))
				}
				return faultmatrix.Instance{
					Server: srv, Seeded: seeded,
					Run: func(ctx context.Context, onRecord func()) ([]string, error) {
						return faultmatrix.Collect(c.Conversions.List(ctx, &ConversionListOptions{
							CreatedFrom: convs[0].Created,
							CreatedTo:   convs[len(convs)-1].Created.Add(time.Second),
							PerPage:     5,
						}), func(cv *Conversion) string { return cv.ID.String() }, onRecord)
					},
				}
			},
		},
		{
			Name: "graphql_affiliates", RetrySafe: true, Path: "graphql(affiliates)",
			New: func(t *testing.T, env faultmatrix.Env) faultmatrix.Instance {
				srv, c := matrixServer(t, env)
				var seeded []string
				for _, a := range srv.SeedAffiliates(11) {
					seeded = append(seeded, a.Email)
				}
				return faultmatrix.Instance{
					Server: srv, Seeded: seeded,
					Run: func(ctx context.Context, onRecord func()) ([]string, error) {
						return faultmatrix.Collect(c.Affiliates.ListGraphQL(ctx, &GraphQLListOptions{PerPage: 4}),
							func(a *AffiliateSummary) string { return a.Email }, onRecord)
					},
				}
			},
		},
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

// matrixServer starts an empty fake and a client on it configured by env,
// with the REST keys and the GraphQL token.
func matrixServer(t *testing.T, env faultmatrix.Env) (*refersiontest.Server, *Client) {
	t.Helper()
	srv := refersiontest.NewServer()
	t.Cleanup(srv.Close)
	c, err := NewClient(
		WithKeys(refersiontest.PublicKey, refersiontest.SecretKey),
		WithBaseURL(srv.URL), WithHTTPClient(env.HTTPClient),
		WithGraphQLKey(refersiontest.GraphQLToken), WithGraphQLURL(srv.GraphQLURL), WithMaxRetries(env.MaxRetries), WithPrefetch(0),
		WithRateLimit(0, 0), // the matrix reads the retry waits alone
		WithClock(env.Clock),
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
