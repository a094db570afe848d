package v1_test

import (
	"context"
	"fmt"
	"iter"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1/v1test"
	"github.com/affiliatekit/affiliatekit-go/internal/platformtest"
	"github.com/affiliatekit/affiliatekit-go/internal/secretcheck"
)

// createSeq numbers the promoters the shared checks create, so each has its
// own email.
var createSeq atomic.Int64

// platform describes the package for the shared checks: the leads list
// (page-number paging, the next page named by the Link header), leads read
// by id, and promoter creation as the write.
var platform = platformtest.Platform[*v1test.Server, *v1.Client, v1.Option, *v1.Lead]{
	Start: func(t testing.TB, n int, _ platformtest.Fake) (*v1test.Server, []string) {
		srv := v1test.NewServer()
		t.Cleanup(srv.Close)
		return srv, idsOf(srv.SeedLeads(n), func(l v1test.Lead) int64 { return l.ID })
	},
	URL:              func(srv *v1test.Server) string { return srv.URL },
	New:              v1.NewClient,
	Credentials:      func() []v1.Option { return []v1.Option{v1.WithAPIKey(v1test.APIKey)} },
	ClockStart:       time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC),
	BaseURL:          v1.WithBaseURL,
	HTTPClient:       v1.WithHTTPClient,
	Clock:            v1.WithClock,
	Logger:           v1.WithLogger,
	RateLimit:        v1.WithRateLimit,
	MaxRetries:       v1.WithMaxRetries,
	Prefetch:         v1.WithPrefetch,
	MaxResponseBytes: v1.WithMaxResponseBytes,

	List: func(ctx context.Context, c *v1.Client, pageSize int) iter.Seq2[*v1.Lead, error] {
		if pageSize == 0 {
			return c.Leads.List(ctx)
		}
		return c.Leads.List(ctx, leadPage(pageSize))
	},
	Key: func(l *v1.Lead) string { return strconv.FormatInt(l.ID, 10) },
	Page: func(ctx context.Context, c *v1.Client, pageSize int) (int, error) {
		items, _, err := c.Leads.ListPage(ctx, leadPage(pageSize))
		return len(items), err
	},
	Get: func(ctx context.Context, c *v1.Client, key string) error {
		id, err := strconv.ParseInt(key, 10, 64)
		if err == nil {
			_, err = c.Leads.Get(ctx, id)
		}
		return err
	},
	GetMissing: func(ctx context.Context, c *v1.Client) error {
		_, err := c.Leads.Get(ctx, 999999)
		return err
	},
	Create: func(ctx context.Context, c *v1.Client, _ *v1test.Server) (string, error) {
		p, err := c.Promoters.Create(ctx, &v1.PromoterCreateParams{Email: fmt.Sprintf("keepalive%d@example.com", createSeq.Add(1))})
		if err != nil {
			return "", err
		}
		return strconv.FormatInt(p.ID, 10), nil
	},
	Created: func(srv *v1test.Server) int { return len(srv.Promoters()) },

	Matrix: platformtest.Matrix[*v1test.Server, v1.Option]{
		ListName: "leads", ListPath: "leads/list",
		CreateName: "create_promoter", CreatePath: "promoters/create",
	},
	Hygiene: platformtest.Hygiene[*v1test.Server, *v1.Client, v1.Option]{
		WrongCredentials: func() []v1.Option { return []v1.Option{v1.WithAPIKey(wrongKey)} },
		Secrets: func(srv *v1test.Server) []string {
			return []string{v1test.APIKey, wrongKey, authToken(srv), missingToken}
		},
		// Reads by a promoter's auth token, which v1 takes in the query.
		Setup: func(t *testing.T, srv *v1test.Server, c *v1.Client, opts, _ []v1.Option) ([]any, []func(context.Context) error) {
			srv.SeedPromoters(3)
			var s v1.Settings
			for _, o := range opts {
				if err := o(&s); err != nil {
					t.Fatal(err)
				}
			}
			return []any{v1.TransportOf(c), s, &s, c.Promoters}, nil
		},
		Read: func(ctx context.Context, c *v1.Client, srv *v1test.Server) ([]any, error) {
			p, err := c.Promoters.GetByAuthToken(ctx, authToken(srv))
			if err != nil {
				return nil, err
			}
			return []any{p.ID, p.Email}, nil
		},
		Calls: []func(context.Context, *v1.Client, *v1test.Server) error{
			func(ctx context.Context, c *v1.Client, srv *v1test.Server) error {
				_, err := c.Promoters.GetByAuthToken(ctx, authToken(srv))
				return err
			},
			func(ctx context.Context, c *v1.Client, _ *v1test.Server) error {
				_, err := c.Promoters.RefreshToken(ctx, v1.PromoterKey{AuthToken: missingToken})
				return err
			},
			func(ctx context.Context, c *v1.Client, _ *v1test.Server) error {
				_, _, err := c.Leads.ListPage(ctx, nil)
				return err
			},
		},
		More: func(t *testing.T, _ *v1test.Server, c *v1.Client, _ []v1.Option, sink *secretcheck.Sink) {
			_, err := c.Promoters.GetByAuthToken(context.Background(), missingToken)
			require.ErrorIs(t, err, v1.ErrNotFound)
			sink.Print(err)
		},
	},
	Input: platformtest.Input[*v1.Client, v1.Option]{APIRoot: v1.DefaultBaseURL},
}

// wrongKey is an API key the fake refuses; missingToken an auth token of
// no promoter.
const (
	wrongKey     = "fpv1_live_WRONG_1a2b3c4d5e"
	missingToken = "tok_missing_SECRET_77f0e1"
)

// authToken returns the auth token of the second promoter the hygiene
// check seeds.
func authToken(srv *v1test.Server) string { return srv.Promoters()[1].AuthToken }

// leadPage returns the list options of pageSize leads a page, or none
// for 0.
func leadPage(pageSize int) *v1.LeadListOptions {
	if pageSize == 0 {
		return nil
	}
	return &v1.LeadListOptions{ListParams: v1.ListParams{PerPage: pageSize}}
}

// idsOf returns the ids of records as strings.
func idsOf[R any](records []R, id func(R) int64) []string {
	return platformtest.Keyed(records, func(r R) string { return strconv.FormatInt(id(r), 10) })
}
