package firstpromoter_test

import (
	"context"
	"iter"
	"strconv"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
)

// TestFaultMatrix_5x15_cells injects every fault of the reliability matrix
// into the main list iterators (the promoter list's {"data"} envelope and
// the bare-array lists) and into a promoter create, which is never
// retried after it may have reached the server.
func TestFaultMatrix_5x15_cells(t *testing.T) {
	faultmatrix.Run(t, []faultmatrix.Target{
		matrixList("promoters", "company/promoters",
			func(s *firstpromotertest.Server) []string {
				s.SeedPromoters(7)
				return idsOf(s.Promoters(), func(p firstpromotertest.Promoter) int64 { return p.ID })
			},
			func(ctx context.Context, c *firstpromoter.Client, o firstpromoter.ListParams) iter.Seq2[*firstpromoter.Promoter, error] {
				return c.Promoters.List(ctx, &firstpromoter.PromoterListOptions{ListParams: o})
			},
			func(p *firstpromoter.Promoter) int64 { return p.ID }),
		matrixList("referrals", "company/referrals",
			func(s *firstpromotertest.Server) []string {
				s.SeedReferrals(7)
				return idsOf(s.Referrals(), func(r firstpromotertest.Referral) int64 { return r.ID })
			},
			func(ctx context.Context, c *firstpromoter.Client, o firstpromoter.ListParams) iter.Seq2[*firstpromoter.Referral, error] {
				return c.Referrals.List(ctx, &firstpromoter.ReferralListOptions{ListParams: o})
			},
			func(r *firstpromoter.Referral) int64 { return r.ID }),
		matrixList("commissions", "company/commissions",
			func(s *firstpromotertest.Server) []string {
				s.SeedCommissions(7)
				return idsOf(s.Commissions(), func(c firstpromotertest.Commission) int64 { return c.ID })
			},
			func(ctx context.Context, c *firstpromoter.Client, o firstpromoter.ListParams) iter.Seq2[*firstpromoter.Commission, error] {
				return c.Commissions.List(ctx, &firstpromoter.CommissionListOptions{ListParams: o})
			},
			func(c *firstpromoter.Commission) int64 { return c.ID }),
		matrixList("payouts", "company/payouts",
			func(s *firstpromotertest.Server) []string {
				s.SeedPayouts(7)
				return idsOf(s.Payouts(), func(p firstpromotertest.Payout) int64 { return p.ID })
			},
			func(ctx context.Context, c *firstpromoter.Client, o firstpromoter.ListParams) iter.Seq2[*firstpromoter.Payout, error] {
				return c.Payouts.List(ctx, &firstpromoter.PayoutListOptions{ListParams: o})
			},
			func(p *firstpromoter.Payout) int64 { return p.ID }),
		{
			Name: "create_promoter", Write: true, Path: "company/promoters",
			New: func(t *testing.T, env faultmatrix.Env) faultmatrix.Instance {
				srv, c := matrixServer(t, env)
				return faultmatrix.Instance{
					Server: srv,
					Run: func(ctx context.Context, _ func()) ([]string, error) {
						p, err := c.Promoters.Create(ctx, &firstpromoter.PromoterCreateParams{Email: "matrix@example.com"})
						if err != nil {
							return nil, err
						}
						return []string{strconv.FormatInt(p.ID, 10)}, nil
					},
					Applied: func() int { return len(srv.Promoters()) },
				}
			},
		},
	})
}

// matrixServer starts an empty fake and a client on it configured by env.
func matrixServer(t *testing.T, env faultmatrix.Env) (*firstpromotertest.Server, *firstpromoter.Client) {
	t.Helper()
	srv := firstpromotertest.NewServer()
	t.Cleanup(srv.Close)
	c, err := firstpromoter.NewClient(
		firstpromoter.WithBaseURL(srv.URL),
		firstpromoter.WithAPIKey(firstpromotertest.APIKey),
		firstpromoter.WithAccountID(firstpromotertest.AccountID),
		firstpromoter.WithHTTPClient(env.HTTPClient),
		firstpromoter.WithMaxRetries(env.MaxRetries),
		firstpromoter.WithPrefetch(0), // a fault lands on the request it is injected before
		firstpromoter.WithClock(env.Clock),
	)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// matrixList is an iterator row: seed fills the fake and returns the seeded
// ids; the list pages 3 records at a time, so 7 records take 3 pages.
func matrixList[T any](name, path string, seed func(*firstpromotertest.Server) []string,
	list func(context.Context, *firstpromoter.Client, firstpromoter.ListParams) iter.Seq2[*T, error], id func(*T) int64) faultmatrix.Target {
	return faultmatrix.Target{
		Name: name, RetrySafe: true, Path: path,
		New: func(t *testing.T, env faultmatrix.Env) faultmatrix.Instance {
			srv, c := matrixServer(t, env)
			seeded := seed(srv)
			return faultmatrix.Instance{
				Server: srv, Seeded: seeded,
				Run: func(ctx context.Context, afterFirst func()) ([]string, error) {
					return faultmatrix.Collect(list(ctx, c, firstpromoter.ListParams{PerPage: 3}), func(v *T) string { return strconv.FormatInt(id(v), 10) }, afterFirst)
				},
			}
		},
	}
}

// idsOf returns the ids of records as strings.
func idsOf[R any](records []R, id func(R) int64) []string {
	out := make([]string, len(records))
	for i, r := range records {
		out[i] = strconv.FormatInt(id(r), 10)
	}
	return out
}
