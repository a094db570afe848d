package v1_test

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"testing"

	v1 "github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1/v1test"
	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
)

// TestFaultMatrix_6x15_cells injects every fault of the reliability matrix
// into the list iterators and into two writes that are never retried
// after they may have reached the server: a promoter create and a tracked
// sale.
func TestFaultMatrix_6x15_cells(t *testing.T) {
	faultmatrix.Run(t, []faultmatrix.Target{
		matrixList("promoters", "promoters/list",
			func(s *v1test.Server) []string {
				return idsOf(s.SeedPromoters(7), func(p v1test.Promoter) int64 { return p.ID })
			},
			func(ctx context.Context, c *v1.Client, o v1.ListParams) iter.Seq2[*v1.Promoter, error] {
				return c.Promoters.List(ctx, &v1.PromoterListOptions{ListParams: o})
			},
			func(p *v1.Promoter) int64 { return p.ID }),
		matrixList("leads", "leads/list",
			func(s *v1test.Server) []string {
				return idsOf(s.SeedLeads(7), func(l v1test.Lead) int64 { return l.ID })
			},
			func(ctx context.Context, c *v1.Client, o v1.ListParams) iter.Seq2[*v1.Lead, error] {
				return c.Leads.List(ctx, &v1.LeadListOptions{ListParams: o})
			},
			func(l *v1.Lead) int64 { return l.ID }),
		matrixList("rewards", "rewards/list",
			func(s *v1test.Server) []string {
				return idsOf(s.SeedRewards(7), func(r v1test.Reward) int64 { return r.ID })
			},
			func(ctx context.Context, c *v1.Client, o v1.ListParams) iter.Seq2[*v1.Reward, error] {
				return c.Rewards.List(ctx, &v1.RewardListOptions{ListParams: o})
			},
			func(r *v1.Reward) int64 { return r.ID }),
		matrixList("payouts", "payouts/list",
			func(s *v1test.Server) []string {
				return idsOf(s.SeedPayouts(7), func(p v1test.Payout) int64 { return p.ID })
			},
			func(ctx context.Context, c *v1.Client, o v1.ListParams) iter.Seq2[*v1.Payout, error] {
				return c.Payouts.List(ctx, &v1.PayoutListOptions{ListParams: o})
			},
			func(p *v1.Payout) int64 { return p.ID }),
		{
			Name: "create_promoter", Write: true, Path: "promoters/create",
			New: func(t *testing.T, env faultmatrix.Env) faultmatrix.Instance {
				srv, c := matrixServer(t, env)
				return faultmatrix.Instance{
					Server: srv,
					Run: func(ctx context.Context, _ func()) ([]string, error) {
						p, err := c.Promoters.Create(ctx, &v1.PromoterCreateParams{Email: "matrix@example.com"})
						if err != nil {
							return nil, err
						}
						return []string{strconv.FormatInt(p.ID, 10)}, nil
					},
					Applied: func() int { return len(srv.Promoters()) },
				}
			},
		},
		{
			Name: "track_sale", Write: true, Path: "track/sale",
			New: func(t *testing.T, env faultmatrix.Env) faultmatrix.Instance {
				srv, c := matrixServer(t, env)
				lead := srv.SeedLeads(1)[0]
				before := len(srv.Rewards())
				return faultmatrix.Instance{
					Server: srv,
					Run: func(ctx context.Context, _ func()) ([]string, error) {
						ev, err := c.Tracking.Sale(ctx, &v1.TrackSaleParams{Email: lead.Email, EventID: "evt_matrix", Amount: cents(t, 2500)})
						if err != nil {
							return nil, err
						}
						if ev == nil {
							return nil, fmt.Errorf("sale not recorded")
						}
						return []string{strconv.FormatInt(ev.ID, 10)}, nil
					},
					Applied: func() int { return len(srv.Rewards()) - before },
				}
			},
		},
	})
}

// cents returns n cents as an Amount.
func cents(t testing.TB, n int64) v1.Amount {
	t.Helper()
	a, err := v1.AmountFromMinorUnits(n, 2, "")
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// matrixServer starts an empty fake and a client on it configured by env.
func matrixServer(t *testing.T, env faultmatrix.Env) (*v1test.Server, *v1.Client) {
	t.Helper()
	srv := v1test.NewServer()
	t.Cleanup(srv.Close)
	c, err := v1.NewClient(
		v1.WithBaseURL(srv.URL),
		v1.WithAPIKey(v1test.APIKey),
		v1.WithHTTPClient(env.HTTPClient),
		v1.WithMaxRetries(env.MaxRetries),
		v1.WithPrefetch(0), // a fault lands on the request it is injected before
		v1.WithClock(env.Clock),
	)
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// matrixList is an iterator row: seed fills the fake and returns the seeded
// ids; the list pages 3 records at a time, so 7 records take 3 pages.
func matrixList[T any](name, path string, seed func(*v1test.Server) []string,
	list func(context.Context, *v1.Client, v1.ListParams) iter.Seq2[*T, error], id func(*T) int64) faultmatrix.Target {
	return faultmatrix.Target{
		Name: name, RetrySafe: true, Path: path,
		New: func(t *testing.T, env faultmatrix.Env) faultmatrix.Instance {
			srv, c := matrixServer(t, env)
			seeded := seed(srv)
			return faultmatrix.Instance{
				Server: srv, Seeded: seeded,
				Run: func(ctx context.Context, afterFirst func()) ([]string, error) {
					return faultmatrix.Collect(list(ctx, c, v1.ListParams{PerPage: 3}), func(v *T) string { return strconv.FormatInt(id(v), 10) }, afterFirst)
				},
			}
		},
	}
}
