package postaffiliatepro_test

import (
	"context"
	"iter"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

// TestFaultMatrix_5x15_cells injects every fault of the reliability matrix
// into the lists, one per list shape the fake serves ({"data": [...]} with
// offset/limit, {"data": {"items": [...]}} with page/per_page, a bare array,
// {"<resource>": [...]}), and into an affiliate create, which is never
// retried after it may have reached the server.
func TestFaultMatrix_5x15_cells(t *testing.T) {
	faultmatrix.Run(t, []faultmatrix.Target{
		matrixList("affiliates_data_envelope", "affiliates", nil, nil,
			func(s *postaffiliateprotest.Server) []string {
				s.SeedAffiliates(7)
				return matrixKeys(s.Affiliates(), func(a postaffiliateprotest.Affiliate) string { return a.ID })
			},
			func(ctx context.Context, c *postaffiliatepro.Client, p postaffiliatepro.ListParams) iter.Seq2[*postaffiliatepro.Affiliate, error] {
				return c.Affiliates.List(ctx, &postaffiliatepro.AffiliateListOptions{ListParams: p})
			},
			func(a *postaffiliatepro.Affiliate) string { return a.ID }),
		matrixList("transactions_data_items_page_per_page", "transactions",
			[]postaffiliateprotest.ServerOption{
				postaffiliateprotest.WithEnvelope(postaffiliateprotest.EnvelopeDataItems),
				postaffiliateprotest.WithPagination(postaffiliateprotest.PagePerPage),
			},
			[]postaffiliatepro.Option{postaffiliatepro.WithPagination(postaffiliatepro.PagePerPage)},
			func(s *postaffiliateprotest.Server) []string {
				s.SeedTransactions(7)
				return matrixKeys(s.Transactions(), func(tx postaffiliateprotest.Transaction) string { return tx.ID })
			},
			func(ctx context.Context, c *postaffiliatepro.Client, p postaffiliatepro.ListParams) iter.Seq2[*postaffiliatepro.Transaction, error] {
				return c.Transactions.List(ctx, &postaffiliatepro.TransactionListOptions{ListParams: p})
			},
			func(tx *postaffiliatepro.Transaction) string { return tx.ID }),
		matrixList("campaigns_bare_array", "campaigns",
			[]postaffiliateprotest.ServerOption{postaffiliateprotest.WithEnvelope(postaffiliateprotest.EnvelopeArray)}, nil,
			func(s *postaffiliateprotest.Server) []string {
				s.SeedCampaigns(7)
				return matrixKeys(s.Campaigns(), func(c postaffiliateprotest.Campaign) string { return c.ID })
			},
			func(ctx context.Context, c *postaffiliatepro.Client, p postaffiliatepro.ListParams) iter.Seq2[*postaffiliatepro.Campaign, error] {
				return c.Campaigns.List(ctx, &postaffiliatepro.CampaignListOptions{ListParams: p})
			},
			func(c *postaffiliatepro.Campaign) string { return c.ID }),
		matrixList("clicks_resource_envelope", "reports/clicks",
			[]postaffiliateprotest.ServerOption{postaffiliateprotest.WithEnvelope(postaffiliateprotest.EnvelopeResource)}, nil,
			func(s *postaffiliateprotest.Server) []string {
				s.SeedClicks(7)
				return matrixKeys(s.Clicks(), func(c postaffiliateprotest.Click) string { return c.ID })
			},
			func(ctx context.Context, c *postaffiliatepro.Client, p postaffiliatepro.ListParams) iter.Seq2[*postaffiliatepro.Click, error] {
				return c.Reports.Clicks(ctx, &postaffiliatepro.ClickListOptions{ListParams: p})
			},
			func(c *postaffiliatepro.Click) string { return c.ID }),
		{
			Name: "create_affiliate", Write: true, Path: "affiliates",
			New: func(t *testing.T, env faultmatrix.Env) faultmatrix.Instance {
				srv, c := matrixServer(t, env, nil, nil)
				return faultmatrix.Instance{
					Server: srv,
					Run: func(ctx context.Context, _ func()) ([]string, error) {
						a, err := c.Affiliates.Create(ctx, &postaffiliatepro.AffiliateCreateParams{Username: "matrix@example.com", FirstName: "Ada"})
						if err != nil {
							return nil, err
						}
						return []string{a.ID}, nil
					},
					Applied: func() int { return len(srv.Affiliates()) },
				}
			},
		},
	})
}

// matrixServer starts an empty fake with srvOpts and a client on it
// configured by env and opts.
func matrixServer(t *testing.T, env faultmatrix.Env, srvOpts []postaffiliateprotest.ServerOption, opts []postaffiliatepro.Option) (*postaffiliateprotest.Server, *postaffiliatepro.Client) {
	t.Helper()
	srv := postaffiliateprotest.NewServer(append([]postaffiliateprotest.ServerOption{postaffiliateprotest.WithClock(env.Clock.Now)}, srvOpts...)...)
	t.Cleanup(srv.Close)
	all := append([]postaffiliatepro.Option{
		postaffiliatepro.WithBaseURL(srv.URL), postaffiliatepro.WithAPIKey(postaffiliateprotest.APIKey),
		postaffiliatepro.WithHTTPClient(env.HTTPClient), postaffiliatepro.WithMaxRetries(env.MaxRetries), postaffiliatepro.WithClock(env.Clock),
		postaffiliatepro.WithPrefetch(0), // a fault lands on the request it is injected before
	}, opts...)
	c, err := postaffiliatepro.NewClient(all...)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// matrixList is an iterator row: seed fills the fake and returns the seeded
// ids; the list pages 3 records at a time, so 7 records take 3 pages.
func matrixList[T any](name, path string, srvOpts []postaffiliateprotest.ServerOption, opts []postaffiliatepro.Option,
	seed func(*postaffiliateprotest.Server) []string,
	list func(context.Context, *postaffiliatepro.Client, postaffiliatepro.ListParams) iter.Seq2[*T, error], key func(*T) string) faultmatrix.Target {
	return faultmatrix.Target{
		Name: name, RetrySafe: true, Path: path,
		New: func(t *testing.T, env faultmatrix.Env) faultmatrix.Instance {
			srv, c := matrixServer(t, env, srvOpts, opts)
			seeded := seed(srv)
			return faultmatrix.Instance{
				Server: srv, Seeded: seeded,
				Run: func(ctx context.Context, onRecord func()) ([]string, error) {
					return faultmatrix.Collect(list(ctx, c, postaffiliatepro.ListParams{PerPage: 3}), key, onRecord)
				},
			}
		},
	}
}

// matrixKeys returns the ids of records.
func matrixKeys[R any](records []R, id func(R) string) []string {
	out := make([]string, len(records))
	for i, r := range records {
		out[i] = id(r)
	}
	return out
}
