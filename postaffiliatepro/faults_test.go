package postaffiliatepro_test

import (
	"context"
	"iter"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
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
		faultmatrix.ListTarget(platform),
		matrixList("transactions_data_items_page_per_page", "transactions",
			[]postaffiliateprotest.ServerOption{
				postaffiliateprotest.WithEnvelope(postaffiliateprotest.EnvelopeDataItems),
				postaffiliateprotest.WithPagination(postaffiliateprotest.PagePerPage),
			},
			[]postaffiliatepro.Option{postaffiliatepro.WithPagination(postaffiliatepro.PagePerPage)},
			func(s *postaffiliateprotest.Server) []string {
				s.SeedTransactions(faultmatrix.ListRecords)
				return platformtest.Keyed(s.Transactions(), func(tx postaffiliateprotest.Transaction) string { return tx.ID })
			},
			func(ctx context.Context, c *postaffiliatepro.Client, p postaffiliatepro.ListParams) iter.Seq2[*postaffiliatepro.Transaction, error] {
				return c.Transactions.List(ctx, &postaffiliatepro.TransactionListOptions{ListParams: p})
			},
			func(tx *postaffiliatepro.Transaction) string { return tx.ID }),
		matrixList("campaigns_bare_array", "campaigns",
			[]postaffiliateprotest.ServerOption{postaffiliateprotest.WithEnvelope(postaffiliateprotest.EnvelopeArray)}, nil,
			func(s *postaffiliateprotest.Server) []string {
				s.SeedCampaigns(faultmatrix.ListRecords)
				return platformtest.Keyed(s.Campaigns(), func(c postaffiliateprotest.Campaign) string { return c.ID })
			},
			func(ctx context.Context, c *postaffiliatepro.Client, p postaffiliatepro.ListParams) iter.Seq2[*postaffiliatepro.Campaign, error] {
				return c.Campaigns.List(ctx, &postaffiliatepro.CampaignListOptions{ListParams: p})
			},
			func(c *postaffiliatepro.Campaign) string { return c.ID }),
		matrixList("clicks_resource_envelope", "reports/clicks",
			[]postaffiliateprotest.ServerOption{postaffiliateprotest.WithEnvelope(postaffiliateprotest.EnvelopeResource)}, nil,
			func(s *postaffiliateprotest.Server) []string {
				s.SeedClicks(faultmatrix.ListRecords)
				return platformtest.Keyed(s.Clicks(), func(c postaffiliateprotest.Click) string { return c.ID })
			},
			func(ctx context.Context, c *postaffiliatepro.Client, p postaffiliatepro.ListParams) iter.Seq2[*postaffiliatepro.Click, error] {
				return c.Reports.Clicks(ctx, &postaffiliatepro.ClickListOptions{ListParams: p})
			},
			func(c *postaffiliatepro.Click) string { return c.ID }),
		faultmatrix.WriteTarget(platform),
	})
}

// matrixList is an iterator row on a fake started with srvOpts, whose
// client takes opts: seed fills the fake and returns the seeded ids; the
// list pages three records at a time.
func matrixList[T any](name, path string, srvOpts []postaffiliateprotest.ServerOption, opts []postaffiliatepro.Option,
	seed func(*postaffiliateprotest.Server) []string,
	list func(context.Context, *postaffiliatepro.Client, postaffiliatepro.ListParams) iter.Seq2[*T, error], key func(*T) string) faultmatrix.Target {
	return faultmatrix.Target{
		Name: name, RetrySafe: true, Path: path,
		New: func(t *testing.T, env faultmatrix.Env) faultmatrix.Instance {
			srv := postaffiliateprotest.NewServer(append([]postaffiliateprotest.ServerOption{postaffiliateprotest.WithClock(env.Clock.Now)}, srvOpts...)...)
			t.Cleanup(srv.Close)
			c := faultmatrix.Client(t, platform, env, srv, opts...)
			seeded := seed(srv)
			return faultmatrix.Instance{
				Server: srv, Seeded: seeded,
				Run: func(ctx context.Context, onRecord func()) ([]string, error) {
					return faultmatrix.Collect(list(ctx, c, postaffiliatepro.ListParams{PerPage: faultmatrix.ListPageSize}), key, onRecord)
				},
			}
		},
	}
}
