package everflow_test

import (
	"context"
	"iter"
	"strconv"
	"testing"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
)

// TestFaultMatrix_5x15_cells injects every fault of the reliability matrix
// into the paged lists (GET lists, the POST table search and the POST
// conversion report, both read-only and retried like reads) and into an
// affiliate create, which is never retried after it may have reached the
// server.
func TestFaultMatrix_5x15_cells(t *testing.T) {
	faultmatrix.Run(t, []faultmatrix.Target{
		faultmatrix.ListTarget(platform),
		faultmatrix.ListRow(platform, "affiliates_table_search", "networks/affiliatestable",
			func(s *everflowtest.Server) []string {
				s.SeedAffiliates(faultmatrix.ListRecords)
				return affiliateIDs(s)
			},
			func(ctx context.Context, c *Client) iter.Seq2[*Affiliate, error] {
				return c.Affiliates.Search(ctx, &AffiliateSearchOptions{ListParams: matrixPage})
			},
			func(a *Affiliate) string { return strconv.FormatInt(a.NetworkAffiliateID, 10) }),
		faultmatrix.ListRow(platform, "offers", "networks/offers",
			func(s *everflowtest.Server) []string {
				s.SeedOffers(faultmatrix.ListRecords)
				return platformtest.Keyed(s.Offers(), func(o everflowtest.Offer) string { return strconv.FormatInt(o.NetworkOfferID, 10) })
			},
			func(ctx context.Context, c *Client) iter.Seq2[*Offer, error] {
				return c.Offers.List(ctx, &OfferListOptions{ListParams: matrixPage})
			},
			func(o *Offer) string { return strconv.FormatInt(o.NetworkOfferID, 10) }),
		faultmatrix.ListRow(platform, "conversions_report", "networks/reporting/conversions",
			func(s *everflowtest.Server) []string {
				s.SeedConversions(faultmatrix.ListRecords)
				var ids []string
				for _, cv := range s.Conversions() {
					ids = append(ids, cv.ConversionID)
				}
				return ids
			},
			func(ctx context.Context, c *Client) iter.Seq2[*Conversion, error] {
				return c.Conversions.List(ctx, &ConversionListOptions{ListParams: matrixPage, ConversionReportParams: ConversionReportParams{
					From: feb(1), To: feb(29), TimezoneID: TimezoneUTC, ShowConversions: true, ShowEvents: true,
				}})
			},
			func(cv *Conversion) string { return cv.ConversionID }),
		faultmatrix.WriteTarget(platform),
	})
}

// matrixPage is the matrix lists' page: three records.
var matrixPage = ListParams{PerPage: faultmatrix.ListPageSize}
