package postaffiliatepro_test

import (
	"context"
	"iter"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

// platform describes the package for the shared checks: the affiliates
// list ({"data": [...]} with offset and limit), affiliates read by id, and
// an affiliate created as the write.
var platform = platformtest.Platform[*postaffiliateprotest.Server, *postaffiliatepro.Client, postaffiliatepro.Option, *postaffiliatepro.Affiliate]{
	// The fake's token bucket runs on the wall clock unless it is given
	// the clients' clock: a check that sends more requests than its burst,
	// or whose client's fake clock never waits for a refill, starts it
	// with the bucket off.
	Start: func(t testing.TB, n int, f platformtest.Fake) (*postaffiliateprotest.Server, []string) {
		var opts []postaffiliateprotest.ServerOption
		if f.Unthrottled {
			opts = append(opts, postaffiliateprotest.WithRateLimit(0, 0))
		}
		if f.Clock != nil {
			opts = append(opts, postaffiliateprotest.WithClock(f.Clock.Now))
		}
		srv := postaffiliateprotest.NewServer(opts...)
		t.Cleanup(srv.Close)
		srv.SeedAffiliates(n)
		return srv, platformtest.Keyed(srv.Affiliates(), func(a postaffiliateprotest.Affiliate) string { return a.ID })
	},
	URL: func(srv *postaffiliateprotest.Server) string { return srv.URL },
	New: postaffiliatepro.NewClient,
	Credentials: func() []postaffiliatepro.Option {
		return []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(postaffiliateprotest.APIKey)}
	},
	ClockStart:       testStart,
	BaseURL:          postaffiliatepro.WithBaseURL,
	HTTPClient:       postaffiliatepro.WithHTTPClient,
	Clock:            postaffiliatepro.WithClock,
	Logger:           postaffiliatepro.WithLogger,
	RateLimit:        postaffiliatepro.WithRateLimit,
	MaxRetries:       postaffiliatepro.WithMaxRetries,
	Prefetch:         postaffiliatepro.WithPrefetch,
	MaxResponseBytes: postaffiliatepro.WithMaxResponseBytes,

	List: func(ctx context.Context, c *postaffiliatepro.Client, pageSize int) iter.Seq2[*postaffiliatepro.Affiliate, error] {
		if pageSize == 0 {
			return c.Affiliates.List(ctx)
		}
		return c.Affiliates.List(ctx, pageOptions(pageSize))
	},
	Key: func(a *postaffiliatepro.Affiliate) string { return a.ID },
	Page: func(ctx context.Context, c *postaffiliatepro.Client, pageSize int) (int, error) {
		items, _, err := c.Affiliates.ListPage(ctx, pageOptions(pageSize))
		return len(items), err
	},
	Get: func(ctx context.Context, c *postaffiliatepro.Client, id string) error {
		_, err := c.Affiliates.Get(ctx, id)
		return err
	},
	GetMissing: func(ctx context.Context, c *postaffiliatepro.Client) error {
		_, err := c.Affiliates.Get(ctx, "missing")
		return err
	},
	Create: func(ctx context.Context, c *postaffiliatepro.Client, _ *postaffiliateprotest.Server) (string, error) {
		a, err := c.Affiliates.Create(ctx, &postaffiliatepro.AffiliateCreateParams{Username: "keepalive@example.com", FirstName: "Keep"})
		if err != nil {
			return "", err
		}
		return a.ID, nil
	},
	Created: func(srv *postaffiliateprotest.Server) int { return len(srv.Affiliates()) },

	Matrix: platformtest.Matrix[*postaffiliateprotest.Server, postaffiliatepro.Option]{
		ListName: "affiliates_data_envelope", ListPath: "affiliates",
		CreateName: "create_affiliate", CreatePath: "affiliates",
	},
	Bench: platformtest.Bench[*postaffiliatepro.Affiliate]{
		Records:  benchRecords,
		PageSize: postaffiliatepro.DefaultPerPage,
		PageKey:  benchPageKey,
		ByHand:   listAffiliatesByHand,
		Valid:    func(a *postaffiliatepro.Affiliate) bool { return a.ID != "" },
	},
	Hygiene: platformtest.Hygiene[*postaffiliateprotest.Server, *postaffiliatepro.Client, postaffiliatepro.Option]{
		WrongCredentials: func() []postaffiliatepro.Option {
			return []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(wrongKey)}
		},
		Secrets: func(*postaffiliateprotest.Server) []string { return []string{postaffiliateprotest.APIKey, wrongKey} },
		Setup: func(t *testing.T, _ *postaffiliateprotest.Server, c *postaffiliatepro.Client, opts, _ []postaffiliatepro.Option) ([]any, []func(context.Context) error) {
			internals, err := postaffiliatepro.Internals(c, opts)
			require.NoError(t, err)
			return append([]any{c.Affiliates}, internals...), nil
		},
		Read: func(ctx context.Context, c *postaffiliatepro.Client, _ *postaffiliateprotest.Server) ([]any, error) {
			items, resp, err := c.Affiliates.ListPage(ctx, nil)
			if err != nil {
				return nil, err
			}
			return []any{items, resp, *resp}, nil
		},
		Calls: []func(context.Context, *postaffiliatepro.Client, *postaffiliateprotest.Server) error{
			func(ctx context.Context, c *postaffiliatepro.Client, _ *postaffiliateprotest.Server) error {
				_, _, err := c.Affiliates.ListPage(ctx, nil)
				return err
			},
			func(ctx context.Context, c *postaffiliatepro.Client, _ *postaffiliateprotest.Server) error {
				_, err := c.Affiliates.Create(ctx, &postaffiliatepro.AffiliateCreateParams{Username: "hygiene@example.com", FirstName: "Hy"})
				return err
			},
		},
	},
	Input: platformtest.Input[*postaffiliatepro.Client, postaffiliatepro.Option]{
		APIRoot: "https://acme.postaffiliatepro.com/api/v3",
		Options: []platformtest.Refused[[]postaffiliatepro.Option]{
			{Name: "empty API key", Input: []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(""), postaffiliatepro.WithAccount("acme")}, Want: "API key is empty"},
			{Name: "whitespace API key", Input: []postaffiliatepro.Option{postaffiliatepro.WithAPIKey(" \t\n"), postaffiliatepro.WithAccount("acme")}, Want: "API key is empty"},
			{Name: "API key with a line break", Input: []postaffiliatepro.Option{postaffiliatepro.WithAPIKey("pap_k\r\nX-Evil: 1"), postaffiliatepro.WithAccount("acme")}, Want: "whitespace"},
			{Name: "no base URL or account", Input: []postaffiliatepro.Option{postaffiliatepro.WithAPIKey("pap_k")}, Want: "required"},
			{Name: "account with a path", Input: []postaffiliatepro.Option{postaffiliatepro.WithAPIKey("pap_k"), postaffiliatepro.WithAccount("acme/../evil")}, Want: "not a valid host name label"},
			{Name: "account with a query", Input: []postaffiliatepro.Option{postaffiliatepro.WithAPIKey("pap_k"), postaffiliatepro.WithAccount("acme?x=1")}, Want: "not a valid host name label"},
			{Name: "blank account", Input: []postaffiliatepro.Option{postaffiliatepro.WithAPIKey("pap_k"), postaffiliatepro.WithAccount("  ")}, Want: "not a valid host name label"},
		},
		Calls: []platformtest.Refused[[]func(context.Context, *postaffiliatepro.Client) error]{
			listParamsRefused("negative page size", postaffiliatepro.ListParams{PerPage: -1}, "per page must not be negative"),
			listParamsRefused("negative page", postaffiliatepro.ListParams{Page: -1}, "page must not be negative"),
			{Name: "empty id", Want: "empty id", Input: []func(context.Context, *postaffiliatepro.Client) error{
				func(ctx context.Context, c *postaffiliatepro.Client) error {
					_, err := c.Affiliates.Get(ctx, "")
					return err
				},
				func(ctx context.Context, c *postaffiliatepro.Client) error {
					_, err := c.Affiliates.Get(ctx, "  ")
					return err
				},
			}},
		},
		Lookups: []platformtest.Lookup[*postaffiliatepro.Client]{
			{Get: func(ctx context.Context, c *postaffiliatepro.Client, id string) error {
				_, err := c.Affiliates.Get(ctx, id)
				return err
			}, Path: "/api/v3/affiliates/"},
			{Get: func(ctx context.Context, c *postaffiliatepro.Client, id string) error {
				_, err := c.Transactions.Get(ctx, id)
				return err
			}, Path: "/api/v3/transactions/"},
		},
		Route: "affiliates", Query: "limit=1",
	},
}

// wrongKey is an API key the fake refuses.
const wrongKey = "pap_WRONG_z9y8x7w6v5u4"

// listParamsRefused is a row of list parameters that a page of affiliates
// and the transaction list both refuse.
func listParamsRefused(name string, p postaffiliatepro.ListParams, want string) platformtest.Refused[[]func(context.Context, *postaffiliatepro.Client) error] {
	return platformtest.Refused[[]func(context.Context, *postaffiliatepro.Client) error]{Name: name, Want: want, Input: []func(context.Context, *postaffiliatepro.Client) error{
		func(ctx context.Context, c *postaffiliatepro.Client) error {
			_, _, err := c.Affiliates.ListPage(ctx, &postaffiliatepro.AffiliateListOptions{ListParams: p})
			return err
		},
		func(ctx context.Context, c *postaffiliatepro.Client) error {
			return conformance.LastErr(c.Transactions.List(ctx, &postaffiliatepro.TransactionListOptions{ListParams: p}))
		},
	}}
}

// pageOptions returns the list options of pageSize affiliates a page, or
// none for 0.
func pageOptions(pageSize int) *postaffiliatepro.AffiliateListOptions {
	if pageSize == 0 {
		return nil
	}
	return &postaffiliatepro.AffiliateListOptions{ListParams: postaffiliatepro.ListParams{PerPage: pageSize}}
}
