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
		faultmatrix.ListRow(platform, "promoters", "company/promoters",
			func(s *firstpromotertest.Server) []string {
				s.SeedPromoters(faultmatrix.ListRecords)
				return idsOf(s.Promoters(), func(p firstpromotertest.Promoter) int64 { return p.ID })
			},
			func(ctx context.Context, c *firstpromoter.Client) iter.Seq2[*firstpromoter.Promoter, error] {
				return c.Promoters.List(ctx, &firstpromoter.PromoterListOptions{ListParams: matrixPage})
			},
			func(p *firstpromoter.Promoter) string { return strconv.FormatInt(p.ID, 10) }),
		faultmatrix.ListTarget(platform),
		faultmatrix.ListRow(platform, "commissions", "company/commissions",
			func(s *firstpromotertest.Server) []string {
				s.SeedCommissions(faultmatrix.ListRecords)
				return idsOf(s.Commissions(), func(c firstpromotertest.Commission) int64 { return c.ID })
			},
			func(ctx context.Context, c *firstpromoter.Client) iter.Seq2[*firstpromoter.Commission, error] {
				return c.Commissions.List(ctx, &firstpromoter.CommissionListOptions{ListParams: matrixPage})
			},
			func(c *firstpromoter.Commission) string { return strconv.FormatInt(c.ID, 10) }),
		faultmatrix.ListRow(platform, "payouts", "company/payouts",
			func(s *firstpromotertest.Server) []string {
				s.SeedPayouts(faultmatrix.ListRecords)
				return idsOf(s.Payouts(), func(p firstpromotertest.Payout) int64 { return p.ID })
			},
			func(ctx context.Context, c *firstpromoter.Client) iter.Seq2[*firstpromoter.Payout, error] {
				return c.Payouts.List(ctx, &firstpromoter.PayoutListOptions{ListParams: matrixPage})
			},
			func(p *firstpromoter.Payout) string { return strconv.FormatInt(p.ID, 10) }),
		faultmatrix.WriteTarget(platform),
	})
}

// matrixPage is the matrix lists' page: three records.
var matrixPage = firstpromoter.ListParams{PerPage: faultmatrix.ListPageSize}
