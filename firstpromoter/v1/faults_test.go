package v1_test

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1/v1test"
	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
)

// TestFaultMatrix_6x15_cells injects every fault of the reliability matrix
// into the list iterators and into two writes that are never retried
// after they may have reached the server: a promoter create and a tracked
// sale.
func TestFaultMatrix_6x15_cells(t *testing.T) {
	faultmatrix.Run(t, []faultmatrix.Target{
		faultmatrix.ListRow(platform, "promoters", "promoters/list",
			func(s *v1test.Server) []string {
				s.SeedPromoters(faultmatrix.ListRecords)
				return idsOf(s.Promoters(), func(p v1test.Promoter) int64 { return p.ID })
			},
			func(ctx context.Context, c *v1.Client) iter.Seq2[*v1.Promoter, error] {
				return c.Promoters.List(ctx, &v1.PromoterListOptions{ListParams: matrixPage})
			},
			func(p *v1.Promoter) string { return strconv.FormatInt(p.ID, 10) }),
		faultmatrix.ListTarget(platform),
		faultmatrix.ListRow(platform, "rewards", "rewards/list",
			func(s *v1test.Server) []string {
				return idsOf(s.SeedRewards(faultmatrix.ListRecords), func(r v1test.Reward) int64 { return r.ID })
			},
			func(ctx context.Context, c *v1.Client) iter.Seq2[*v1.Reward, error] {
				return c.Rewards.List(ctx, &v1.RewardListOptions{ListParams: matrixPage})
			},
			func(r *v1.Reward) string { return strconv.FormatInt(r.ID, 10) }),
		faultmatrix.ListRow(platform, "payouts", "payouts/list",
			func(s *v1test.Server) []string {
				return idsOf(s.SeedPayouts(faultmatrix.ListRecords), func(p v1test.Payout) int64 { return p.ID })
			},
			func(ctx context.Context, c *v1.Client) iter.Seq2[*v1.Payout, error] {
				return c.Payouts.List(ctx, &v1.PayoutListOptions{ListParams: matrixPage})
			},
			func(p *v1.Payout) string { return strconv.FormatInt(p.ID, 10) }),
		faultmatrix.WriteTarget(platform),
		{
			Name: "track_sale", Write: true, Path: "track/sale",
			New: func(t *testing.T, env faultmatrix.Env) faultmatrix.Instance {
				srv, c := faultmatrix.Start(t, platform, env, 0)
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

// matrixPage is the matrix lists' page: three records.
var matrixPage = v1.ListParams{PerPage: faultmatrix.ListPageSize}
