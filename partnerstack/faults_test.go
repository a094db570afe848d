package partnerstack_test

import (
	"context"
	"iter"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

// TestFaultMatrix_5x15_cells injects every fault of the reliability matrix
// into the quickstart's cursor lists, the Partner API's marketplace list
// and a customer create, which is never retried after it may have reached
// the server.
func TestFaultMatrix_5x15_cells(t *testing.T) {
	faultmatrix.Run(t, []faultmatrix.Target{
		matrixList("partnerships", "partnerships",
			func(s *partnerstacktest.Server) []string {
				s.SeedPartnerships(7)
				return keysOf(s.Partnerships(), func(p partnerstacktest.Partnership) string { return p.Key })
			},
			func(ctx context.Context, c *partnerstack.Client, _ *partnerstack.PartnerClient, p partnerstack.ListParams) iter.Seq2[*partnerstack.Partnership, error] {
				return c.Partnerships.List(ctx, &partnerstack.PartnershipListOptions{ListParams: p})
			},
			func(p *partnerstack.Partnership) string { return p.Key }),
		matrixList("transactions", "transactions",
			func(s *partnerstacktest.Server) []string {
				s.SeedTransactions(7)
				return keysOf(s.Transactions(), func(tx partnerstacktest.Transaction) string { return tx.Key })
			},
			func(ctx context.Context, c *partnerstack.Client, _ *partnerstack.PartnerClient, p partnerstack.ListParams) iter.Seq2[*partnerstack.Transaction, error] {
				return c.Transactions.List(ctx, &partnerstack.TransactionListOptions{ListParams: p})
			},
			func(tx *partnerstack.Transaction) string { return tx.Key }),
		matrixList("customers", "customers",
			func(s *partnerstacktest.Server) []string {
				s.SeedCustomers(7)
				return keysOf(s.Customers(), func(c partnerstacktest.Customer) string { return c.Key })
			},
			func(ctx context.Context, c *partnerstack.Client, _ *partnerstack.PartnerClient, p partnerstack.ListParams) iter.Seq2[*partnerstack.Customer, error] {
				return c.Customers.List(ctx, &partnerstack.CustomerListOptions{ListParams: p})
			},
			func(c *partnerstack.Customer) string { return c.Key }),
		matrixList("partner_api_programs", "marketplace/programs",
			func(s *partnerstacktest.Server) []string {
				s.SeedPrograms(7)
				return keysOf(s.Programs(), func(p partnerstacktest.Program) string { return p.Key })
			},
			func(ctx context.Context, _ *partnerstack.Client, pc *partnerstack.PartnerClient, p partnerstack.ListParams) iter.Seq2[*partnerstack.Program, error] {
				return pc.Programs.List(ctx, &partnerstack.ProgramListOptions{ListParams: p})
			},
			func(p *partnerstack.Program) string { return p.Key }),
		{
			Name: "create_customer", Write: true, Path: "customers",
			New: func(t *testing.T, env faultmatrix.Env) faultmatrix.Instance {
				srv, c, _ := matrixServer(t, env)
				srv.SeedPartnerships(1)
				partner := srv.Partnerships()[0].PartnerKey
				return faultmatrix.Instance{
					Server: srv,
					Run: func(ctx context.Context, _ func()) ([]string, error) {
						cu, err := c.Customers.Create(ctx, &partnerstack.CustomerCreateParams{Email: "matrix@example.com", PartnerKey: partner})
						if err != nil {
							return nil, err
						}
						return []string{cu.Key}, nil
					},
					Applied: func() int { return len(srv.Customers()) },
				}
			},
		},
	})
}

// matrixServer starts an empty fake and both clients on it, configured by
// env.
func matrixServer(t *testing.T, env faultmatrix.Env) (*partnerstacktest.Server, *partnerstack.Client, *partnerstack.PartnerClient) {
	t.Helper()
	srv := partnerstacktest.NewServer()
	t.Cleanup(srv.Close)
	common := []partnerstack.Option{
		partnerstack.WithBaseURL(srv.URL), partnerstack.WithHTTPClient(env.HTTPClient), partnerstack.WithMaxRetries(env.MaxRetries),
		partnerstack.WithPrefetch(0),     // a fault lands on the request it is injected before
		partnerstack.WithRateLimit(0, 0), // the matrix reads the retry waits alone
		partnerstack.WithClock(env.Clock),
	}
	c, err := partnerstack.NewClient(append(common, partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey))...)
	if err != nil {
		t.Fatal(err)
	}
	pc, err := partnerstack.NewPartnerClient(append(common, partnerstack.WithAPIKey(partnerstacktest.APIKey))...)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c, pc
}

// matrixList is an iterator row: seed fills the fake and returns the seeded
// keys; the list pages 3 records at a time, so 7 records take 3 pages.
func matrixList[T any](name, path string, seed func(*partnerstacktest.Server) []string,
	list func(context.Context, *partnerstack.Client, *partnerstack.PartnerClient, partnerstack.ListParams) iter.Seq2[*T, error], key func(*T) string) faultmatrix.Target {
	return faultmatrix.Target{
		Name: name, RetrySafe: true, Path: path,
		// The envelope is right; the list inside it is not.
		WrongShape: `{"data":{"unexpected":true},"message":"ok","status":200}`,
		New: func(t *testing.T, env faultmatrix.Env) faultmatrix.Instance {
			srv, c, pc := matrixServer(t, env)
			seeded := seed(srv)
			return faultmatrix.Instance{
				Server: srv, Seeded: seeded,
				Run: func(ctx context.Context, onRecord func()) ([]string, error) {
					return faultmatrix.Collect(list(ctx, c, pc, partnerstack.ListParams{PerPage: 3}), key, onRecord)
				},
			}
		},
	}
}

// keysOf returns the keys of records.
func keysOf[R any](records []R, key func(R) string) []string {
	out := make([]string, len(records))
	for i, r := range records {
		out[i] = key(r)
	}
	return out
}
