package partnerstack_test

import (
	"context"
	"iter"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

// platform describes the package for the shared checks: the partnerships
// list of the Vendor API (cursor paging), partnerships read by key, and
// customers for the missing read and the write. The list need not keep
// the order the fake holds the partnerships in.
var platform = platformtest.Platform[*partnerstacktest.Server, *partnerstack.Client, partnerstack.Option, *partnerstack.Partnership]{
	Start: func(t testing.TB, n int, _ platformtest.Fake) (*partnerstacktest.Server, []string) {
		srv := partnerstacktest.NewServer()
		t.Cleanup(srv.Close)
		srv.SeedPartnerships(n)
		return srv, platformtest.Keyed(srv.Partnerships(), func(p partnerstacktest.Partnership) string { return p.Key })
	},
	URL: func(srv *partnerstacktest.Server) string { return srv.URL },
	New: partnerstack.NewClient,
	Credentials: func() []partnerstack.Option {
		return []partnerstack.Option{partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey)}
	},
	ClockStart:       time.Date(2026, 1, 15, 12, 0, 0, 0, time.UTC),
	BaseURL:          partnerstack.WithBaseURL,
	HTTPClient:       partnerstack.WithHTTPClient,
	Clock:            partnerstack.WithClock,
	Logger:           partnerstack.WithLogger,
	RateLimit:        partnerstack.WithRateLimit,
	MaxRetries:       partnerstack.WithMaxRetries,
	Prefetch:         partnerstack.WithPrefetch,
	MaxResponseBytes: partnerstack.WithMaxResponseBytes,

	List: func(ctx context.Context, c *partnerstack.Client, pageSize int) iter.Seq2[*partnerstack.Partnership, error] {
		if pageSize == 0 {
			return c.Partnerships.List(ctx)
		}
		return c.Partnerships.List(ctx, pageOptions(pageSize))
	},
	Key: func(p *partnerstack.Partnership) string { return p.Key },
	Page: func(ctx context.Context, c *partnerstack.Client, pageSize int) (int, error) {
		items, _, err := c.Partnerships.ListPage(ctx, pageOptions(pageSize))
		return len(items), err
	},
	Get: func(ctx context.Context, c *partnerstack.Client, key string) error {
		_, err := c.Partnerships.Get(ctx, key)
		return err
	},
	GetMissing: func(ctx context.Context, c *partnerstack.Client) error {
		_, err := c.Customers.Get(ctx, "cus_missing")
		return err
	},
	Create: func(ctx context.Context, c *partnerstack.Client, srv *partnerstacktest.Server) (string, error) {
		partner := srv.Partnerships()[0].PartnerKey
		cu, err := c.Customers.Create(ctx, &partnerstack.CustomerCreateParams{Email: "keepalive@example.com", PartnerKey: partner})
		if err != nil {
			return "", err
		}
		return cu.Key, nil
	},
	Created:   func(srv *partnerstacktest.Server) int { return len(srv.Customers()) },
	Unordered: true,

	Matrix: platformtest.Matrix[*partnerstacktest.Server, partnerstack.Option]{
		ListName: "partnerships", ListPath: "partnerships",
		CreateName: "create_customer", CreatePath: "customers",
		// The envelope is right; the list inside it is not.
		WrongShape: `{"data":{"unexpected":true},"message":"ok","status":200}`,
		// The matrix reads the retry waits alone.
		Options: func(*partnerstacktest.Server) []partnerstack.Option {
			return []partnerstack.Option{partnerstack.WithRateLimit(0, 0)}
		},
	},
	Bench: platformtest.Bench[*partnerstack.Partnership]{
		Records:  benchRecords,
		PageSize: partnerstack.MaxPerPage,
		PageKey:  benchPageKey,
		ByHand:   listPartnershipsByHand,
		Valid:    func(p *partnerstack.Partnership) bool { return p.Key != "" },
	},
	Hygiene: platformtest.Hygiene[*partnerstacktest.Server, *partnerstack.Client, partnerstack.Option]{
		WrongCredentials: func() []partnerstack.Option {
			return []partnerstack.Option{partnerstack.WithKeys(partnerstacktest.PublicKey, wrongSecret)}
		},
		Secrets: func(*partnerstacktest.Server) []string {
			return []string{partnerstacktest.PublicKey, partnerstacktest.SecretKey, partnerstacktest.APIKey, wrongSecret}
		},
		// The Partner API's client, on the same fake, prints and meets
		// every fault too.
		Setup: func(t *testing.T, _ *partnerstacktest.Server, c *partnerstack.Client, opts, common []partnerstack.Option) ([]any, []func(context.Context) error) {
			pc, err := partnerstack.NewPartnerClient(append([]partnerstack.Option{partnerstack.WithAPIKey(partnerstacktest.APIKey)}, common...)...)
			require.NoError(t, err)
			internals, err := partnerstack.Internals(c, pc, opts)
			require.NoError(t, err)
			_, _, err = pc.Programs.ListPage(context.Background(), nil)
			require.NoError(t, err)
			programs := func(ctx context.Context) error {
				_, _, err := pc.Programs.ListPage(ctx, nil)
				return err
			}
			return append([]any{pc, *pc, c.Partnerships}, internals...), []func(context.Context) error{programs}
		},
		Read: func(ctx context.Context, c *partnerstack.Client, _ *partnerstacktest.Server) ([]any, error) {
			items, resp, err := c.Partnerships.ListPage(ctx, nil)
			if err != nil {
				return nil, err
			}
			return []any{items, resp, *resp}, nil
		},
		Calls: []func(context.Context, *partnerstack.Client, *partnerstacktest.Server) error{
			func(ctx context.Context, c *partnerstack.Client, _ *partnerstacktest.Server) error {
				_, _, err := c.Partnerships.ListPage(ctx, nil)
				return err
			},
			func(ctx context.Context, c *partnerstack.Client, srv *partnerstacktest.Server) error {
				_, err := c.Customers.Create(ctx, &partnerstack.CustomerCreateParams{Email: "hygiene@example.com", PartnerKey: srv.Partnerships()[0].PartnerKey})
				return err
			},
		},
	},
	Input: platformtest.Input[*partnerstack.Client, partnerstack.Option]{
		APIRoot: partnerstack.DefaultBaseURL,
		Options: []platformtest.Refused[[]partnerstack.Option]{
			{Name: "empty public key", Input: []partnerstack.Option{partnerstack.WithKeys("", "sk")}, Want: "public key is empty"},
			{Name: "whitespace secret key", Input: []partnerstack.Option{partnerstack.WithKeys("pk", " \t\n")}, Want: "secret key is empty"},
			{Name: "public key with a colon", Input: []partnerstack.Option{partnerstack.WithKeys("pk:x", "sk")}, Want: "':'"},
			{Name: "no keys", Want: "vendor key pair is required"},
		},
		Calls: []platformtest.Refused[[]func(context.Context, *partnerstack.Client) error]{
			listParamsRefused("negative page size", partnerstack.ListParams{PerPage: -1}, "PerPage must be 1..250"),
			listParamsRefused("page size above the maximum", partnerstack.ListParams{PerPage: partnerstack.MaxPerPage + 1}, "PerPage must be 1..250"),
			listParamsRefused("two cursors", partnerstack.ListParams{StartingAfter: "a", EndingBefore: "b"}, "mutually exclusive"),
			{Name: "empty key", Want: "empty key", Input: []func(context.Context, *partnerstack.Client) error{
				func(ctx context.Context, c *partnerstack.Client) error {
					_, err := c.Customers.Get(ctx, "")
					return err
				},
				func(ctx context.Context, c *partnerstack.Client) error {
					_, err := c.Customers.Get(ctx, "  ")
					return err
				},
			}},
		},
		Lookups: []platformtest.Lookup[*partnerstack.Client]{
			{Get: func(ctx context.Context, c *partnerstack.Client, key string) error {
				_, err := c.Customers.Get(ctx, key)
				return err
			}, Path: "/api/v2/customers/"},
			{Get: func(ctx context.Context, c *partnerstack.Client, key string) error {
				_, err := c.Partnerships.Get(ctx, key)
				return err
			}, Path: "/api/v2/partnerships/"},
		},
		Route: "customers", Query: "limit=1",
	},
}

// wrongSecret is a secret key the fake refuses.
const wrongSecret = "sk_live_WRONG_77aa0c5e1d9b"

// listParamsRefused is a row of list parameters that a page of customers
// and the partnership list both refuse.
func listParamsRefused(name string, p partnerstack.ListParams, want string) platformtest.Refused[[]func(context.Context, *partnerstack.Client) error] {
	return platformtest.Refused[[]func(context.Context, *partnerstack.Client) error]{Name: name, Want: want, Input: []func(context.Context, *partnerstack.Client) error{
		func(ctx context.Context, c *partnerstack.Client) error {
			_, _, err := c.Customers.ListPage(ctx, &partnerstack.CustomerListOptions{ListParams: p})
			return err
		},
		func(ctx context.Context, c *partnerstack.Client) error {
			return conformance.LastErr(c.Partnerships.List(ctx, &partnerstack.PartnershipListOptions{ListParams: p}))
		},
	}}
}

// pageOptions returns the list options of pageSize partnerships a
// page, or none for 0.
func pageOptions(pageSize int) *partnerstack.PartnershipListOptions {
	if pageSize == 0 {
		return nil
	}
	return &partnerstack.PartnershipListOptions{ListParams: partnerstack.ListParams{PerPage: pageSize}}
}
