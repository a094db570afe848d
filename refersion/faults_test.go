package refersion_test

import (
	"context"
	"iter"
	"strconv"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
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
		faultmatrix.ListTarget(platform),
		// The fake pages searches by refersiontest.SearchPerPage (10).
		faultmatrix.ListRow(platform, "affiliate_search", "affiliate/search",
			func(s *refersiontest.Server) []string {
				return platformtest.Keyed(s.SeedAffiliates(23), func(a refersiontest.Affiliate) string { return a.Code })
			},
			func(ctx context.Context, c *Client) iter.Seq2[*Affiliate, error] {
				return c.Affiliates.Search(ctx, "example.com")
			},
			platform.Key),
		{
			Name: "graphql_conversions", RetrySafe: true, Path: "graphql(conversions)",
			New: func(t *testing.T, env faultmatrix.Env) faultmatrix.Instance {
				srv, c := faultmatrix.Start(t, platform, env, 0)
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
				srv, c := faultmatrix.Start(t, platform, env, 0)
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
		faultmatrix.WriteTarget(platform),
	})
}
