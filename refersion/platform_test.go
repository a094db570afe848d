package refersion_test

import (
	"context"
	"iter"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
	"github.com/affiliatekit/affiliatekit-go/internal/secretcheck"
	. "github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// platform describes the package for the shared checks: the affiliates
// list (a read-only POST, page-number paging), affiliates read by code, and
// an affiliate created as the write.
var platform = platformtest.Platform[*refersiontest.Server, *Client, Option, *Affiliate]{
	Start: func(t testing.TB, n int, _ platformtest.Fake) (*refersiontest.Server, []string) {
		srv := refersiontest.NewServer()
		t.Cleanup(srv.Close)
		return srv, platformtest.Keyed(srv.SeedAffiliates(n), func(a refersiontest.Affiliate) string { return a.Code })
	},
	URL:              func(srv *refersiontest.Server) string { return srv.URL },
	New:              NewClient,
	Credentials:      func() []Option { return []Option{WithKeys(refersiontest.PublicKey, refersiontest.SecretKey)} },
	ClockStart:       time.Date(2025, time.March, 3, 12, 0, 0, 0, time.UTC),
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
	Key: func(a *Affiliate) string { return a.Code },
	Page: func(ctx context.Context, c *Client, pageSize int) (int, error) {
		items, _, err := c.Affiliates.ListPage(ctx, pageOptions(pageSize))
		return len(items), err
	},
	Get: func(ctx context.Context, c *Client, code string) error {
		_, err := c.Affiliates.GetByCode(ctx, code)
		return err
	},
	GetMissing: func(ctx context.Context, c *Client) error {
		_, err := c.Affiliates.GetByCode(ctx, "missing")
		return err
	},
	Create: func(ctx context.Context, c *Client, _ *refersiontest.Server) (string, error) {
		r, err := c.Affiliates.Create(ctx, &AffiliateCreateParams{FirstName: "Keep", LastName: "Alive", Email: "keepalive@example.org",
			Password: "Correct-h0rse", Status: AffiliateActive})
		if err != nil {
			return "", err
		}
		return r.Code, nil
	},
	Created: func(srv *refersiontest.Server) int { return len(srv.Affiliates()) },

	Matrix: platformtest.Matrix[*refersiontest.Server, Option]{
		ListName: "affiliate_list", ListPath: "affiliate/list",
		CreateName: "affiliate_new", CreatePath: "affiliate/new",
		// With the GraphQL token, and the throttle off: the matrix reads
		// the retry waits alone.
		Options: func(srv *refersiontest.Server) []Option {
			return []Option{WithGraphQLKey(refersiontest.GraphQLToken), WithGraphQLURL(srv.GraphQLURL), WithRateLimit(0, 0)}
		},
	},
	Bench: platformtest.Bench[*Affiliate]{
		Records:  benchRecords,
		PageSize: MaxPerPage,
		PageKey:  benchPageKey,
		ByHand:   listAffiliatesByHand,
		Valid:    func(a *Affiliate) bool { return a.ID != "" },
	},
	Hygiene: platformtest.Hygiene[*refersiontest.Server, *Client, Option]{
		Options: func(srv *refersiontest.Server) []Option {
			return []Option{WithGraphQLKey(refersiontest.GraphQLToken), WithGraphQLURL(srv.GraphQLURL)}
		},
		WrongCredentials: func() []Option { return []Option{WithKeys(refersiontest.PublicKey, wrongSecret)} },
		Secrets: func(*refersiontest.Server) []string {
			return []string{refersiontest.PublicKey, refersiontest.SecretKey, wrongSecret, refersiontest.GraphQLToken, wrongToken}
		},
		Setup: func(t *testing.T, srv *refersiontest.Server, c *Client, opts, _ []Option) ([]any, []func(context.Context) error) {
			holders, err := KeyHolders(c, opts)
			require.NoError(t, err)
			srv.SeedConversions(3)
			convs, cresp, err := c.Conversions.ListPage(context.Background(), nil)
			require.NoError(t, err)
			return append([]any{c.Affiliates, c.Conversions, convs, cresp, *cresp}, holders...), nil
		},
		Read: func(ctx context.Context, c *Client, _ *refersiontest.Server) ([]any, error) {
			items, resp, err := c.Affiliates.ListPage(ctx, nil)
			if err != nil {
				return nil, err
			}
			return []any{items, resp, *resp}, nil
		},
		Calls: []func(context.Context, *Client, *refersiontest.Server) error{
			func(ctx context.Context, c *Client, _ *refersiontest.Server) error {
				_, _, err := c.Affiliates.ListPage(ctx, nil)
				return err
			},
			func(ctx context.Context, c *Client, _ *refersiontest.Server) error {
				_, err := c.Affiliates.Create(ctx, &AffiliateCreateParams{FirstName: "Hy", LastName: "Giene", Email: "hygiene@example.org",
					Password: "Correct-h0rse", Status: AffiliateActive})
				return err
			},
			func(ctx context.Context, c *Client, _ *refersiontest.Server) error {
				_, _, err := c.Conversions.ListPage(ctx, nil)
				return err
			},
		},
		Faults: []fakeserver.Fault{
			{Body: `{"data":null,"errors":[{"message":"Invalid access token.","extensions":{"code":"UNAUTHENTICATED"}}]}`},
			{Body: `{"data":{"conversions":[]},"errors":[{"message":"Too many requests"}]}`},
		},
		More: graphQLHygiene,
	},
	Input: platformtest.Input[*Client, Option]{
		APIRoot: DefaultBaseURL,
		Options: []platformtest.Refused[[]Option]{
			{Name: "empty public key", Input: []Option{WithKeys("", "sec")}, Want: "public key is empty"},
			{Name: "whitespace secret key", Input: []Option{WithKeys("pub", " \t\n")}, Want: "secret key is empty"},
			{Name: "key with a line break", Input: []Option{WithKeys("pub\r\nX-Evil: 1", "sec")}, Want: "line breaks"},
			{Name: "no keys", Want: "required"},
		},
		Calls: []platformtest.Refused[[]func(context.Context, *Client) error]{
			listRefused("negative page size", AffiliateListOptions{PerPage: -1}, "limit must be 1..100"),
			listRefused("page size above the maximum", AffiliateListOptions{PerPage: MaxPerPage + 1}, "limit must be 1..100"),
			listRefused("negative page", AffiliateListOptions{Page: -1}, "page must not be negative"),
			{Name: "empty affiliate code", Want: "empty affiliate code", Input: []func(context.Context, *Client) error{
				func(ctx context.Context, c *Client) error { _, err := c.Affiliates.GetByCode(ctx, ""); return err },
				func(ctx context.Context, c *Client) error { _, err := c.Affiliates.GetByCode(ctx, "  "); return err },
			}},
			{Name: "invalid affiliate id", Want: "invalid affiliate id", Input: []func(context.Context, *Client) error{
				func(ctx context.Context, c *Client) error { _, err := c.Affiliates.Get(ctx, -5); return err },
			}},
			{Name: "no search keyword", Want: "keyword is required", Input: []func(context.Context, *Client) error{
				func(ctx context.Context, c *Client) error { return conformance.LastErr(c.Affiliates.Search(ctx, "")) },
				func(ctx context.Context, c *Client) error { return conformance.LastErr(c.Affiliates.Search(ctx, " ")) },
			}},
		},
	},
}

// wrongSecret and wrongToken are credentials the fake refuses.
const (
	wrongSecret = "rfsn_sec_WRONG_0b1c2d3e4f"
	wrongToken  = "rfsn_gql_WRONG_5a6b7c8d9e"
)

// listRefused is a row of list options that a page of affiliates and
// their list both refuse.
func listRefused(name string, o AffiliateListOptions, want string) platformtest.Refused[[]func(context.Context, *Client) error] {
	return platformtest.Refused[[]func(context.Context, *Client) error]{Name: name, Want: want, Input: []func(context.Context, *Client) error{
		func(ctx context.Context, c *Client) error {
			_, _, err := c.Affiliates.ListPage(ctx, &o)
			return err
		},
		func(ctx context.Context, c *Client) error { return conformance.LastErr(c.Affiliates.List(ctx, &o)) },
	}}
}

// graphQLHygiene is the secret hygiene check's GraphQL part: an answer
// that echoes the token, the fake's answer to a wrong token, a
// GraphQL-only client, and neither API's credential in the other's
// requests.
func graphQLHygiene(t *testing.T, srv *refersiontest.Server, c *Client, common []Option, sink *secretcheck.Sink) {
	ctx := context.Background()
	srv.Inject(3, refersiontest.Fault{Body: `{"data":null,"errors":[{"message":"Bad token ` + refersiontest.GraphQLToken + `"}]}`})
	_, _, err := c.Conversions.ListPage(ctx, nil)
	require.Error(t, err)
	sink.Print(err)

	wrongGQL, err := NewClient(append([]Option{WithGraphQLKey(wrongToken), WithGraphQLURL(srv.GraphQLURL)}, common...)...)
	require.NoError(t, err)
	_, _, err = wrongGQL.Conversions.ListPage(ctx, nil)
	require.ErrorIs(t, err, ErrUnauthorized)
	_, _, rerr := wrongGQL.Affiliates.ListPage(ctx, nil)
	require.Error(t, rerr)
	sink.Print(err, rerr, wrongGQL, *wrongGQL)

	for _, r := range srv.Requests() {
		if r.Path == "/graphql/" {
			require.Empty(t, r.Header.Get("Refersion-Secret-Key"))
		} else {
			require.Empty(t, r.Header.Get("X-Refersion-Key"))
		}
	}
}

// pageOptions returns the list options of pageSize affiliates a page,
// or none for 0.
func pageOptions(pageSize int) *AffiliateListOptions {
	if pageSize == 0 {
		return nil
	}
	return &AffiliateListOptions{PerPage: pageSize}
}
