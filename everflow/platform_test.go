package everflow_test

import (
	"context"
	"iter"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
)

// platform describes the package for the shared checks: the affiliates
// list (page-number paging), keyed by network affiliate id, and an
// affiliate created as the write.
var platform = platformtest.Platform[*everflowtest.Server, *Client, Option, *Affiliate]{
	Start: func(t testing.TB, n int, _ platformtest.Fake) (*everflowtest.Server, []string) {
		srv := newFakeServer()
		t.Cleanup(srv.Close)
		srv.SeedAffiliates(n)
		return srv, affiliateIDs(srv)
	},
	URL:              func(srv *everflowtest.Server) string { return srv.URL },
	New:              NewClient,
	Credentials:      func() []Option { return []Option{WithAPIKey(everflowtest.APIKey)} },
	ClockStart:       time.Date(2024, time.March, 1, 12, 0, 0, 0, time.UTC),
	BaseURL:          WithBaseURL,
	HTTPClient:       WithHTTPClient,
	Clock:            WithClock,
	Logger:           WithLogger,
	RateLimit:        WithRateLimit,
	MaxRetries:       WithMaxRetries,
	Prefetch:         WithPrefetch,
	MaxResponseBytes: WithMaxResponseBytes,

	List: func(ctx context.Context, c *Client, pageSize int) iter.Seq2[*Affiliate, error] {
		if pageSize == 0 {
			return c.Affiliates.List(ctx)
		}
		return c.Affiliates.List(ctx, pageOptions(pageSize))
	},
	Key: func(a *Affiliate) string { return strconv.FormatInt(a.NetworkAffiliateID, 10) },
	Page: func(ctx context.Context, c *Client, pageSize int) (int, error) {
		items, _, err := c.Affiliates.ListPage(ctx, pageOptions(pageSize))
		return len(items), err
	},
	Get: func(ctx context.Context, c *Client, key string) error {
		id, err := strconv.ParseInt(key, 10, 64)
		if err == nil {
			_, err = c.Affiliates.Get(ctx, id)
		}
		return err
	},
	GetMissing: func(ctx context.Context, c *Client) error {
		_, err := c.Affiliates.Get(ctx, 999999)
		return err
	},
	Create: func(ctx context.Context, c *Client, _ *everflowtest.Server) (string, error) {
		a, err := c.Affiliates.Create(ctx, &AffiliateCreateParams{Name: "Keep Alive", AccountStatus: AccountActive,
			Billing: &Billing{BillingFrequency: "monthly", PaymentType: "none", Details: &BillingDetails{DayOfMonth: 1}}})
		if err != nil {
			return "", err
		}
		return strconv.FormatInt(a.NetworkAffiliateID, 10), nil
	},
	Created: func(srv *everflowtest.Server) int { return len(srv.Affiliates()) },

	Matrix: platformtest.Matrix[*everflowtest.Server, Option]{
		ListName: "affiliates", ListPath: "networks/affiliates",
		CreateName: "create_affiliate", CreatePath: "networks/affiliates",
		// The matrix reads the retry waits alone.
		Options: func(*everflowtest.Server) []Option { return []Option{WithRateLimit(0, 0)} },
	},
	Bench: platformtest.Bench[*Affiliate]{
		Records:  benchRecords,
		PageSize: MaxPerPage,
		PageKey:  benchPageKey,
		ByHand:   listAffiliatesByHand,
		Valid:    func(a *Affiliate) bool { return a.NetworkAffiliateID != 0 },
	},
	Hygiene: platformtest.Hygiene[*everflowtest.Server, *Client, Option]{
		WrongCredentials: func() []Option { return []Option{WithAPIKey(wrongKey)} },
		Secrets:          func(*everflowtest.Server) []string { return []string{everflowtest.APIKey, wrongKey} },
		Setup: func(t *testing.T, srv *everflowtest.Server, c *Client, opts, _ []Option) ([]any, []func(context.Context) error) {
			srv.SeedConversions(3)
			holders, err := KeyHolders(c, opts)
			require.NoError(t, err)
			return append([]any{c.Affiliates}, holders...), nil
		},
		Read: func(ctx context.Context, c *Client, _ *everflowtest.Server) ([]any, error) {
			items, resp, err := c.Affiliates.ListPage(ctx, nil)
			if err != nil {
				return nil, err
			}
			return []any{items, resp, *resp}, nil
		},
		Calls: []func(context.Context, *Client, *everflowtest.Server) error{
			func(ctx context.Context, c *Client, _ *everflowtest.Server) error {
				_, _, err := c.Affiliates.ListPage(ctx, nil)
				return err
			},
			func(ctx context.Context, c *Client, _ *everflowtest.Server) error {
				_, err := c.Affiliates.Create(ctx, &AffiliateCreateParams{Name: "Hygiene Media", AccountStatus: AccountActive,
					Billing: &Billing{BillingFrequency: "monthly", PaymentType: "none", Details: &BillingDetails{DayOfMonth: 1}}})
				return err
			},
			func(ctx context.Context, c *Client, _ *everflowtest.Server) error {
				export := &ConversionExportParams{ConversionReportParams: ConversionReportParams{From: feb(1), To: feb(29), TimezoneID: TimezoneUTC}}
				for _, err := range c.Conversions.ExportCSV(ctx, export) {
					if err != nil {
						return err
					}
				}
				return nil
			},
		},
	},
	Input: platformtest.Input[*Client, Option]{
		APIRoot: DefaultBaseURL,
		Options: []platformtest.Refused[[]Option]{
			{Name: "empty API key", Input: []Option{WithAPIKey("")}, Want: "API key is empty"},
			{Name: "whitespace API key", Input: []Option{WithAPIKey(" \t\n")}, Want: "API key is empty"},
			{Name: "API key with a line break", Input: []Option{WithAPIKey("k\r\nX-Evil: 1")}, Want: "line breaks"},
			{Name: "no API key", Want: "required"},
		},
		Calls: []platformtest.Refused[[]func(context.Context, *Client) error]{
			listParamsRefused("negative page size", ListParams{PerPage: -1}, "page size must be 1..2000"),
			listParamsRefused("page size above the maximum", ListParams{PerPage: MaxPerPage + 1}, "page size must be 1..2000"),
			listParamsRefused("negative page", ListParams{Page: -1}, "page must not be negative"),
			{Name: "empty transaction id", Want: "empty transaction id", Input: []func(context.Context, *Client) error{
				func(ctx context.Context, c *Client) error { _, err := c.Clicks.Get(ctx, ""); return err },
			}},
		},
		Lookups: []platformtest.Lookup[*Client]{
			{Get: func(ctx context.Context, c *Client, id string) error {
				_, err := c.Clicks.Get(ctx, id)
				return err
			}, Path: "/v1/networks/reporting/clicks/"},
		},
		Route: "affiliates", Query: "page=1",
	},
}

// wrongKey is an API key the fake refuses.
const wrongKey = "ef_live_WRONG_c0ffee1234"

// listParamsRefused is a row of list parameters that a page of affiliates
// and the offer search both refuse.
func listParamsRefused(name string, p ListParams, want string) platformtest.Refused[[]func(context.Context, *Client) error] {
	return platformtest.Refused[[]func(context.Context, *Client) error]{Name: name, Want: want, Input: []func(context.Context, *Client) error{
		func(ctx context.Context, c *Client) error {
			_, _, err := c.Affiliates.ListPage(ctx, &AffiliateListOptions{ListParams: p})
			return err
		},
		func(ctx context.Context, c *Client) error {
			return conformance.LastErr(c.Offers.Search(ctx, &OfferSearchOptions{ListParams: p}))
		},
	}}
}

// affiliateIDs returns the network ids of the affiliates srv holds.
func affiliateIDs(srv *everflowtest.Server) []string {
	return platformtest.Keyed(srv.Affiliates(), func(a everflowtest.Affiliate) string { return strconv.FormatInt(a.NetworkAffiliateID, 10) })
}

// pageOptions returns the list options of pageSize affiliates a page, or
// none for 0.
func pageOptions(pageSize int) *AffiliateListOptions {
	if pageSize == 0 {
		return nil
	}
	return &AffiliateListOptions{ListParams: ListParams{PerPage: pageSize}}
}
