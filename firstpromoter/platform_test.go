package firstpromoter_test

import (
	"context"
	"iter"
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
)

// wrongKey is an API key the fake refuses.
const wrongKey = "fp_live_WRONG_9d8c7b6a5f4e"

// platform describes the package for the shared checks: the referrals list
// (bare arrays, page-number paging), referrals read by id, and promoter
// creation as the write.
var platform = platformtest.Platform[*firstpromotertest.Server, *firstpromoter.Client, firstpromoter.Option, *firstpromoter.Referral]{
	Start: func(t testing.TB, n int, _ platformtest.Fake) (*firstpromotertest.Server, []string) {
		srv := firstpromotertest.NewServer()
		t.Cleanup(srv.Close)
		srv.SeedReferrals(n)
		return srv, idsOf(srv.Referrals(), func(r firstpromotertest.Referral) int64 { return r.ID })
	},
	URL: func(srv *firstpromotertest.Server) string { return srv.URL },
	New: firstpromoter.NewClient,
	Credentials: func() []firstpromoter.Option {
		return []firstpromoter.Option{firstpromoter.WithAPIKey(firstpromotertest.APIKey), firstpromoter.WithAccountID(firstpromotertest.AccountID)}
	},
	ClockStart:       time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC),
	BaseURL:          firstpromoter.WithBaseURL,
	HTTPClient:       firstpromoter.WithHTTPClient,
	Clock:            firstpromoter.WithClock,
	Logger:           firstpromoter.WithLogger,
	RateLimit:        firstpromoter.WithRateLimit,
	MaxRetries:       firstpromoter.WithMaxRetries,
	Prefetch:         firstpromoter.WithPrefetch,
	MaxResponseBytes: firstpromoter.WithMaxResponseBytes,

	List: func(ctx context.Context, c *firstpromoter.Client, pageSize int) iter.Seq2[*firstpromoter.Referral, error] {
		if pageSize == 0 {
			return c.Referrals.List(ctx)
		}
		return c.Referrals.List(ctx, pageOptions(pageSize))
	},
	Key: func(r *firstpromoter.Referral) string { return strconv.FormatInt(r.ID, 10) },
	Page: func(ctx context.Context, c *firstpromoter.Client, pageSize int) (int, error) {
		items, _, err := c.Referrals.ListPage(ctx, pageOptions(pageSize))
		return len(items), err
	},
	Get: func(ctx context.Context, c *firstpromoter.Client, key string) error {
		id, err := strconv.ParseInt(key, 10, 64)
		if err == nil {
			_, err = c.Referrals.Get(ctx, id)
		}
		return err
	},
	GetMissing: func(ctx context.Context, c *firstpromoter.Client) error {
		_, err := c.Referrals.Get(ctx, 999999)
		return err
	},
	Create: func(ctx context.Context, c *firstpromoter.Client, _ *firstpromotertest.Server) (string, error) {
		p, err := c.Promoters.Create(ctx, &firstpromoter.PromoterCreateParams{Email: "keepalive@example.com"})
		if err != nil {
			return "", err
		}
		return strconv.FormatInt(p.ID, 10), nil
	},
	Created: func(srv *firstpromotertest.Server) int { return len(srv.Promoters()) },

	Matrix: platformtest.Matrix[*firstpromotertest.Server, firstpromoter.Option]{
		ListName: "referrals", ListPath: "company/referrals",
		CreateName: "create_promoter", CreatePath: "company/promoters",
	},
	Bench: platformtest.Bench[*firstpromoter.Referral]{
		Records:  benchRecords,
		PageSize: firstpromoter.MaxPerPage,
		PageKey:  func(r *http.Request) string { return r.URL.Query().Get("page") },
		ByHand:   listReferralsByHand,
		Valid:    func(r *firstpromoter.Referral) bool { return r.ID != 0 },
	},
	Hygiene: platformtest.Hygiene[*firstpromotertest.Server, *firstpromoter.Client, firstpromoter.Option]{
		WrongCredentials: func() []firstpromoter.Option {
			return []firstpromoter.Option{firstpromoter.WithAPIKey(wrongKey), firstpromoter.WithAccountID(firstpromotertest.AccountID)}
		},
		Secrets: func(*firstpromotertest.Server) []string {
			return []string{firstpromotertest.APIKey, firstpromotertest.AccountID, wrongKey}
		},
		Setup: func(t *testing.T, _ *firstpromotertest.Server, c *firstpromoter.Client, opts, _ []firstpromoter.Option) ([]any, []func(context.Context) error) {
			var s firstpromoter.Settings
			for _, o := range opts {
				if err := o(&s); err != nil {
					t.Fatal(err)
				}
			}
			return []any{firstpromoter.TransportOf(c), s, &s, c.Referrals}, nil
		},
		Read: func(ctx context.Context, c *firstpromoter.Client, _ *firstpromotertest.Server) ([]any, error) {
			refs, resp, err := c.Referrals.ListPage(ctx, nil)
			if err != nil {
				return nil, err
			}
			return []any{refs, resp, *resp}, nil
		},
		Calls: []func(context.Context, *firstpromoter.Client, *firstpromotertest.Server) error{
			func(ctx context.Context, c *firstpromoter.Client, _ *firstpromotertest.Server) error {
				_, _, err := c.Referrals.ListPage(ctx, nil)
				return err
			},
			func(ctx context.Context, c *firstpromoter.Client, _ *firstpromotertest.Server) error {
				_, err := c.Promoters.Create(ctx, &firstpromoter.PromoterCreateParams{Email: "hygiene@example.com"})
				return err
			},
		},
	},
	Input: platformtest.Input[*firstpromoter.Client, firstpromoter.Option]{
		APIRoot: firstpromoter.DefaultBaseURL,
		Options: []platformtest.Refused[[]firstpromoter.Option]{
			{Name: "empty API key", Input: []firstpromoter.Option{firstpromoter.WithAPIKey(""), firstpromoter.WithAccountID("a")}, Want: "API key is empty"},
			{Name: "whitespace API key", Input: []firstpromoter.Option{firstpromoter.WithAPIKey(" \t\n"), firstpromoter.WithAccountID("a")}, Want: "API key is empty"},
			{Name: "whitespace account id", Input: []firstpromoter.Option{firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("  ")}, Want: "account id is empty"},
			{Name: "account id with a line break", Input: []firstpromoter.Option{firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("a\r\nX-Evil: 1")}, Want: "line breaks"},
			{Name: "base URL of another scheme", Input: []firstpromoter.Option{firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("a"), firstpromoter.WithBaseURL("ftp://api.firstpromoter.com")}, Want: "scheme"},
			{Name: "empty base URL", Input: []firstpromoter.Option{firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("a"), firstpromoter.WithBaseURL(" ")}, Want: "empty"},
		},
		Calls: []platformtest.Refused[[]func(context.Context, *firstpromoter.Client) error]{
			listParamsRefused("negative page size", firstpromoter.ListParams{PerPage: -1}, "per page must be 1..100"),
			listParamsRefused("page size above the maximum", firstpromoter.ListParams{PerPage: firstpromoter.MaxPerPage + 1}, "per page must be 1..100"),
			listParamsRefused("negative page", firstpromoter.ListParams{Page: -2}, "page must not be negative"),
		},
		Lookups: []platformtest.Lookup[*firstpromoter.Client]{
			{Get: func(ctx context.Context, c *firstpromoter.Client, uid string) error {
				_, err := c.Referrals.GetByUID(ctx, uid)
				return err
			}, Path: "/api/v2/company/referrals/", Query: "find_by=uid"},
			{Get: func(ctx context.Context, c *firstpromoter.Client, email string) error {
				_, err := c.Promoters.GetByEmail(ctx, email)
				return err
			}, Path: "/api/v2/company/promoters/", Query: "find_by=email"},
		},
		Route: "company/promoters", Query: "per_page=1",
	},
}

// listParamsRefused is a row of list parameters that a page of referrals
// and the promoter list both refuse.
func listParamsRefused(name string, p firstpromoter.ListParams, want string) platformtest.Refused[[]func(context.Context, *firstpromoter.Client) error] {
	return platformtest.Refused[[]func(context.Context, *firstpromoter.Client) error]{Name: name, Want: want, Input: []func(context.Context, *firstpromoter.Client) error{
		func(ctx context.Context, c *firstpromoter.Client) error {
			_, _, err := c.Referrals.ListPage(ctx, &firstpromoter.ReferralListOptions{ListParams: p})
			return err
		},
		func(ctx context.Context, c *firstpromoter.Client) error {
			return conformance.LastErr(c.Promoters.List(ctx, &firstpromoter.PromoterListOptions{ListParams: p}))
		},
	}}
}

// pageOptions returns the list options of pageSize referrals a page, or
// none for 0.
func pageOptions(pageSize int) *firstpromoter.ReferralListOptions {
	if pageSize == 0 {
		return nil
	}
	return &firstpromoter.ReferralListOptions{ListParams: firstpromoter.ListParams{PerPage: pageSize}}
}

// idsOf returns the ids of records as strings.
func idsOf[R any](records []R, id func(R) int64) []string {
	return platformtest.Keyed(records, func(r R) string { return strconv.FormatInt(id(r), 10) })
}
