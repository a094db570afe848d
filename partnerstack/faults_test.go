package partnerstack_test

import (
	"context"
	"iter"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

// TestFaultMatrix_5x15_cells injects every fault of the reliability matrix
// into the quickstart's cursor lists, the Partner API's marketplace list
// and a customer create, which is never retried after it may have reached
// the server.
func TestFaultMatrix_5x15_cells(t *testing.T) {
	faultmatrix.Run(t, []faultmatrix.Target{
		faultmatrix.ListTarget(platform),
		faultmatrix.ListRow(platform, "transactions", "transactions",
			func(s *partnerstacktest.Server) []string {
				s.SeedTransactions(faultmatrix.ListRecords)
				return platformtest.Keyed(s.Transactions(), func(tx partnerstacktest.Transaction) string { return tx.Key })
			},
			func(ctx context.Context, c *partnerstack.Client) iter.Seq2[*partnerstack.Transaction, error] {
				return c.Transactions.List(ctx, &partnerstack.TransactionListOptions{ListParams: matrixPage})
			},
			func(tx *partnerstack.Transaction) string { return tx.Key }),
		faultmatrix.ListRow(platform, "customers", "customers",
			func(s *partnerstacktest.Server) []string {
				s.SeedCustomers(faultmatrix.ListRecords)
				return platformtest.Keyed(s.Customers(), func(c partnerstacktest.Customer) string { return c.Key })
			},
			func(ctx context.Context, c *partnerstack.Client) iter.Seq2[*partnerstack.Customer, error] {
				return c.Customers.List(ctx, &partnerstack.CustomerListOptions{ListParams: matrixPage})
			},
			func(c *partnerstack.Customer) string { return c.Key }),
		partnerProgramsRow(),
		faultmatrix.WriteTarget(platform),
	})
}

// matrixPage is the matrix lists' page: three records.
var matrixPage = partnerstack.ListParams{PerPage: faultmatrix.ListPageSize}

// partnerProgramsRow is the row of the Partner API's marketplace list,
// through a partner client configured like the matrix's own.
func partnerProgramsRow() faultmatrix.Target {
	return faultmatrix.Target{
		Name: "partner_api_programs", RetrySafe: true, Path: "marketplace/programs", WrongShape: platform.Matrix.WrongShape,
		New: func(t *testing.T, env faultmatrix.Env) faultmatrix.Instance {
			srv, _ := faultmatrix.Start(t, platform, env, 0)
			pc, err := partnerstack.NewPartnerClient(
				partnerstack.WithAPIKey(partnerstacktest.APIKey), partnerstack.WithBaseURL(srv.URL), partnerstack.WithHTTPClient(env.HTTPClient),
				partnerstack.WithMaxRetries(env.MaxRetries), partnerstack.WithPrefetch(0), partnerstack.WithRateLimit(0, 0), partnerstack.WithClock(env.Clock))
			if err != nil {
				t.Fatal(err)
			}
			srv.SeedPrograms(faultmatrix.ListRecords)
			return faultmatrix.Instance{
				Server: srv,
				Seeded: platformtest.Keyed(srv.Programs(), func(p partnerstacktest.Program) string { return p.Key }),
				Run: func(ctx context.Context, onRecord func()) ([]string, error) {
					return faultmatrix.Collect(pc.Programs.List(ctx, &partnerstack.ProgramListOptions{ListParams: matrixPage}),
						func(p *partnerstack.Program) string { return p.Key }, onRecord)
				},
			}
		},
	}
}
