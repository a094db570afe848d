package everflow_test

import (
	"context"
	"iter"
	"strconv"
	"testing"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
)

// TestFaultMatrix_5x15_cells injects every fault of the reliability matrix
// into the paged lists (GET lists, the POST table search and the POST
// conversion report, both read-only and retried like reads) and into an
// affiliate create, which is never retried after it may have reached the
// server.
func TestFaultMatrix_5x15_cells(t *testing.T) {
	faultmatrix.Run(t, []faultmatrix.Target{
		matrixList("affiliates", "networks/affiliates",
			func(s *everflowtest.Server) []string {
				s.SeedAffiliates(7)
				return matrixIDs(s.Affiliates(), func(a everflowtest.Affiliate) int64 { return a.NetworkAffiliateID })
			},
			func(ctx context.Context, c *Client, p ListParams) iter.Seq2[*Affiliate, error] {
				return c.Affiliates.List(ctx, &AffiliateListOptions{ListParams: p})
			},
			func(a *Affiliate) string { return strconv.FormatInt(a.NetworkAffiliateID, 10) }),
		matrixList("affiliates_table_search", "networks/affiliatestable",
			func(s *everflowtest.Server) []string {
				s.SeedAffiliates(7)
				return matrixIDs(s.Affiliates(), func(a everflowtest.Affiliate) int64 { return a.NetworkAffiliateID })
			},
			func(ctx context.Context, c *Client, p ListParams) iter.Seq2[*Affiliate, error] {
				return c.Affiliates.Search(ctx, &AffiliateSearchOptions{ListParams: p})
			},
			func(a *Affiliate) string { return strconv.FormatInt(a.NetworkAffiliateID, 10) }),
		matrixList("offers", "networks/offers",
			func(s *everflowtest.Server) []string {
				s.SeedOffers(7)
				return matrixIDs(s.Offers(), func(o everflowtest.Offer) int64 { return o.NetworkOfferID })
			},
			func(ctx context.Context, c *Client, p ListParams) iter.Seq2[*Offer, error] {
				return c.Offers.List(ctx, &OfferListOptions{ListParams: p})
			},
			func(o *Offer) string { return strconv.FormatInt(o.NetworkOfferID, 10) }),
		matrixList("conversions_report", "networks/reporting/conversions",
			func(s *everflowtest.Server) []string {
				s.SeedConversions(7)
				var ids []string
				for _, cv := range s.Conversions() {
					ids = append(ids, cv.ConversionID)
				}
				return ids
			},
			func(ctx context.Context, c *Client, p ListParams) iter.Seq2[*Conversion, error] {
				return c.Conversions.List(ctx, &ConversionListOptions{ListParams: p, ConversionReportParams: ConversionReportParams{
					From: feb(1), To: feb(29), TimezoneID: TimezoneUTC, ShowConversions: true, ShowEvents: true,
				}})
			},
			func(cv *Conversion) string { return cv.ConversionID }),
		{
			Name: "create_affiliate", Write: true, Path: "networks/affiliates",
			New: func(t *testing.T, env faultmatrix.Env) faultmatrix.Instance {
				srv, c := matrixServer(t, env)
				return faultmatrix.Instance{
					Server: srv,
					Run: func(ctx context.Context, _ func()) ([]string, error) {
						a, err := c.Affiliates.Create(ctx, &AffiliateCreateParams{
							Name: "Matrix Media", AccountStatus: AccountActive,
							Billing: &Billing{BillingFrequency: "monthly", PaymentType: "none", Details: &BillingDetails{DayOfMonth: 1}},
						})
						if err != nil {
							return nil, err
						}
						return []string{strconv.FormatInt(a.NetworkAffiliateID, 10)}, nil
					},
					Applied: func() int { return len(srv.Affiliates()) },
				}
			},
		},
	})
}

// matrixServer starts an empty fake and a client on it configured by env.
func matrixServer(t *testing.T, env faultmatrix.Env) (*everflowtest.Server, *Client) {
	t.Helper()
	srv := newFakeServer()
	t.Cleanup(srv.Close)
	c, err := NewClient(WithAPIKey(everflowtest.APIKey), WithBaseURL(srv.URL),
		WithHTTPClient(env.HTTPClient), WithMaxRetries(env.MaxRetries), WithPrefetch(0), WithRateLimit(0, 0), WithClock(env.Clock)) // the matrix reads the retry waits alone
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// matrixList is an iterator row: seed fills the fake and returns the seeded
// ids; the list pages 3 records at a time, so 7 records take 3 pages.
func matrixList[T any](name, path string, seed func(*everflowtest.Server) []string,
	list func(context.Context, *Client, ListParams) iter.Seq2[*T, error], key func(*T) string) faultmatrix.Target {
	return faultmatrix.Target{
		Name: name, RetrySafe: true, Path: path,
		New: func(t *testing.T, env faultmatrix.Env) faultmatrix.Instance {
			srv, c := matrixServer(t, env)
			seeded := seed(srv)
			return faultmatrix.Instance{
				Server: srv, Seeded: seeded,
				Run: func(ctx context.Context, onRecord func()) ([]string, error) {
					return faultmatrix.Collect(list(ctx, c, ListParams{PerPage: 3}), key, onRecord)
				},
			}
		},
	}
}

// matrixIDs returns the ids of records as strings.
func matrixIDs[R any](records []R, id func(R) int64) []string {
	out := make([]string, len(records))
	for i, r := range records {
		out[i] = strconv.FormatInt(id(r), 10)
	}
	return out
}
