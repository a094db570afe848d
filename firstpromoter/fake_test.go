package firstpromoter_test

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

// newFakeClient starts the fake server and a client on it with a fake
// clock.
func newFakeClient(t *testing.T, srvOpts []firstpromotertest.ServerOption, opts ...firstpromoter.Option) (*firstpromoter.Client, *firstpromotertest.Server, *testclock.Clock) {
	t.Helper()
	srv := firstpromotertest.NewServer(srvOpts...)
	t.Cleanup(srv.Close)
	clk := testclock.New(time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC))
	c, err := srv.Client(append([]firstpromoter.Option{firstpromoter.WithClock(clk)}, opts...)...)
	require.NoError(t, err)
	return c, srv, clk
}

func TestNewClientValidation(t *testing.T) {
	cases := []struct {
		name string
		opts []firstpromoter.Option
		want string
	}{
		{"no credentials", nil, "API key is required"},
		{"no account", []firstpromoter.Option{firstpromoter.WithAPIKey("k")}, "account id is required"},
		{"blank key", []firstpromoter.Option{firstpromoter.WithAPIKey("  "), firstpromoter.WithAccountID("a")}, "API key is empty"},
		{"blank account", []firstpromoter.Option{firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("")}, "account id is empty"},
		{"base URL without scheme", []firstpromoter.Option{firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("a"), firstpromoter.WithBaseURL("api.firstpromoter.com")}, "scheme"},
		{"base URL with query", []firstpromoter.Option{firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("a"), firstpromoter.WithBaseURL("https://x.com/api?x=1")}, "query"},
		{"negative retries", []firstpromoter.Option{firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("a"), firstpromoter.WithMaxRetries(-1)}, "max retries"},
		{"inverted waits", []firstpromoter.Option{firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("a"), firstpromoter.WithRetryWait(time.Minute, time.Second)}, "retry wait"},
		{"zero rate limit", []firstpromoter.Option{firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("a"), firstpromoter.WithRateLimit(0, time.Minute)}, "rate limit"},
		{"nil HTTP client", []firstpromoter.Option{firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("a"), firstpromoter.WithHTTPClient(nil)}, "nil"},
		{"zero body cap", []firstpromoter.Option{firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("a"), firstpromoter.WithMaxResponseBytes(0)}, "positive"},
		{"nil clock", []firstpromoter.Option{firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("a"), firstpromoter.WithClock(nil)}, "clock is nil"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := firstpromoter.NewClient(tc.opts...)
			assert.Nil(t, c)
			assert.ErrorContains(t, err, tc.want)
			assert.True(t, strings.HasPrefix(err.Error(), "firstpromoter: "), err.Error())
		})
	}
	c, err := firstpromoter.NewClient(firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("a"), nil)
	require.NoError(t, err)
	assert.NotNil(t, c.Referrals)
}

func TestReferralsListPagesOfHundred(t *testing.T) {
	c, srv, _ := newFakeClient(t, nil)
	srv.SeedReferrals(250)
	want := srv.Referrals()
	require.Len(t, want, 250)

	var got []int64
	for r, err := range c.Referrals.List(context.Background()) {
		require.NoError(t, err)
		got = append(got, r.ID)
	}
	require.Len(t, got, 250)
	for i, r := range want {
		assert.Equal(t, r.ID, got[i])
	}
	reqs := srv.Requests()
	require.Len(t, reqs, 3)
	for i, r := range reqs {
		assert.Equal(t, "/api/v2/company/referrals", r.Path)
		assert.Equal(t, fmt.Sprintf("page=%d&per_page=100", i+1), r.Query)
	}
}

// Breaking out of a list makes no request beyond the page the caller is
// on, and the one page fetched ahead when prefetching (the default).
func TestReferralsBreakAfterFirstMakesOneRequest(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []firstpromoter.Option
		max  int
	}{{"no_prefetch", []firstpromoter.Option{firstpromoter.WithPrefetch(0)}, 1}, {"default_prefetch", nil, 2}} {
		t.Run(tc.name, func(t *testing.T) {
			c, srv, _ := newFakeClient(t, nil, tc.opts...)
			srv.SeedReferrals(250)
			for r, err := range c.Referrals.List(context.Background()) {
				require.NoError(t, err)
				require.NotNil(t, r)
				break
			}
			assert.LessOrEqual(t, srv.RequestCount(), tc.max)
			assert.GreaterOrEqual(t, srv.RequestCount(), 1)
		})
	}
}

func TestReferralsListPageResume(t *testing.T) {
	c, srv, _ := newFakeClient(t, nil)
	srv.SeedReferrals(250)
	first, resp, err := c.Referrals.ListPage(context.Background(), nil)
	require.NoError(t, err)
	assert.Len(t, first, 100)
	assert.Equal(t, 2, resp.NextPage)
	assert.True(t, resp.HasMore)

	// A job stores NextPage and resumes later with it.
	stored := resp.NextPage
	var rest []*firstpromoter.Referral
	for r, err := range c.Referrals.List(context.Background(), &firstpromoter.ReferralListOptions{ListParams: firstpromoter.ListParams{Page: stored}}) {
		require.NoError(t, err)
		rest = append(rest, r)
	}
	assert.Len(t, rest, 150)
	assert.Equal(t, first[99].ID+1, rest[0].ID)

	last, resp, err := c.Referrals.ListPage(context.Background(), &firstpromoter.ReferralListOptions{ListParams: firstpromoter.ListParams{Page: 3}})
	require.NoError(t, err)
	assert.Len(t, last, 50)
	assert.Zero(t, resp.NextPage)
	assert.False(t, resp.HasMore)
}

func TestListRejectsBadPageSize(t *testing.T) {
	c, srv, _ := newFakeClient(t, nil)
	_, _, err := c.Referrals.ListPage(context.Background(), &firstpromoter.ReferralListOptions{ListParams: firstpromoter.ListParams{PerPage: 101}})
	assert.ErrorContains(t, err, "per page must be 1..100")
	_, _, err = c.Referrals.ListPage(context.Background(), &firstpromoter.ReferralListOptions{ListParams: firstpromoter.ListParams{PerPage: -1}})
	assert.Error(t, err)
	assert.Zero(t, srv.RequestCount())
}

func TestRateLimitRetryAfter(t *testing.T) {
	t.Run("short wait is slept", func(t *testing.T) {
		c, srv, clk := newFakeClient(t, []firstpromotertest.ServerOption{firstpromotertest.WithDemoData()})
		srv.Inject(1, firstpromotertest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1"})
		_, err := c.Promoters.Get(context.Background(), srv.Promoters()[0].ID)
		require.NoError(t, err)
		assert.Equal(t, []time.Duration{time.Second}, clk.Sleeps())
		assert.Equal(t, 2, srv.RequestCount())
	})
	t.Run("an hour fails at once", func(t *testing.T) {
		c, srv, clk := newFakeClient(t, []firstpromotertest.ServerOption{firstpromotertest.WithDemoData()})
		srv.Inject(1, firstpromotertest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "3600"})
		_, err := c.Promoters.Get(context.Background(), srv.Promoters()[0].ID)
		require.ErrorIs(t, err, firstpromoter.ErrRateLimited)
		var apiErr *firstpromoter.Error
		require.ErrorAs(t, err, &apiErr)
		assert.Equal(t, time.Hour, apiErr.RetryAfter)
		assert.Empty(t, clk.Sleeps())
		assert.Equal(t, 1, srv.RequestCount())
	})
}

func TestCreateNotRetriedAfterBadGateway(t *testing.T) {
	c, srv, _ := newFakeClient(t, []firstpromotertest.ServerOption{firstpromotertest.WithDemoData()})
	before := len(srv.Promoters())
	srv.Inject(1, firstpromotertest.Fault{Status: http.StatusBadGateway, Applied: true})
	_, err := c.Promoters.Create(context.Background(), &firstpromoter.PromoterCreateParams{Email: "new.promoter@example.com"})
	require.ErrorIs(t, err, firstpromoter.ErrServer)
	assert.Equal(t, 1, srv.RequestCount())
	assert.Len(t, srv.Promoters(), before+1, "created once, never twice")
}

func TestErrorsFromTheFake(t *testing.T) {
	c, srv, _ := newFakeClient(t, []firstpromotertest.ServerOption{firstpromotertest.WithDemoData()})
	_, err := c.Referrals.Get(context.Background(), 999999)
	require.ErrorIs(t, err, firstpromoter.ErrNotFound)
	var apiErr *firstpromoter.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Record not found", apiErr.Message)
	assert.Equal(t, "not_found", apiErr.Code)
	assert.Equal(t, "/api/v2/company/referrals/999999", apiErr.Path)

	_, err = c.Promoters.Create(context.Background(), &firstpromoter.PromoterCreateParams{Email: srv.Promoters()[0].Email})
	require.ErrorIs(t, err, firstpromoter.ErrInvalidRequest)
	assert.Contains(t, err.Error(), "has already been taken")

	bad, err := firstpromoter.NewClient(firstpromoter.WithBaseURL(srv.URL), firstpromoter.WithAPIKey("wrong"), firstpromoter.WithAccountID(firstpromotertest.AccountID))
	require.NoError(t, err)
	_, err = bad.Referrals.Get(context.Background(), 1)
	require.ErrorIs(t, err, firstpromoter.ErrUnauthorized)
	assert.NotContains(t, err.Error(), "wrong")
}

func TestBulkActionBatchWait(t *testing.T) {
	c, srv, clk := newFakeClient(t, []firstpromotertest.ServerOption{firstpromotertest.WithDemoData()})
	var ids []int64
	for _, r := range srv.Referrals()[:8] {
		ids = append(ids, r.ID)
	}
	batch, err := c.Referrals.Approve(context.Background(), ids)
	require.NoError(t, err)
	assert.False(t, batch.Status.Done())
	done, err := c.BatchProcesses.Wait(context.Background(), batch)
	require.NoError(t, err)
	assert.Equal(t, firstpromoter.BatchCompleted, done.Status)
	assert.NotEmpty(t, clk.Sleeps())

	small, err := c.Referrals.Approve(context.Background(), ids[:2])
	require.NoError(t, err)
	assert.Equal(t, firstpromoter.BatchCompleted, small.Status)

	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	batch, err = c.Referrals.Disable(context.Background(), ids)
	require.NoError(t, err)
	_, err = c.BatchProcesses.Wait(ctx, batch)
	assert.ErrorIs(t, err, context.Canceled)
}

func TestSecretsNeverPrinted(t *testing.T) {
	const key, account = "fp_live_SECRETKEY_9f8e7d", "acct_SECRET_42"
	srv := firstpromotertest.NewServer(firstpromotertest.WithDemoData())
	defer srv.Close()
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	opts := []firstpromoter.Option{firstpromoter.WithBaseURL(srv.URL), firstpromoter.WithAPIKey(key), firstpromoter.WithAccountID(account), firstpromoter.WithLogger(logger),
		firstpromoter.WithRetryWait(time.Millisecond, 2*time.Millisecond)}
	c, err := firstpromoter.NewClient(opts...)
	require.NoError(t, err)
	srv.Inject(1, firstpromotertest.Fault{Status: 503})
	_, err = c.Referrals.Get(context.Background(), 1)
	require.Error(t, err)
	var s firstpromoter.Settings
	for _, o := range opts {
		require.NoError(t, o(&s))
	}
	for _, verb := range []string{"%v", "%+v", "%#v", "%s"} {
		for _, v := range []any{c, *c, err, s, opts, c.Referrals} {
			out := fmt.Sprintf(verb, v)
			assert.NotContains(t, out, "SECRETKEY", verb)
			assert.NotContains(t, out, "acct_SECRET", verb)
		}
	}
	assert.Contains(t, logs.String(), "status=503")
	assert.NotContains(t, logs.String(), "SECRETKEY")
	assert.NotContains(t, logs.String(), "acct_SECRET")
}

func TestBatchWaitWithoutStatus(t *testing.T) {
	c, _ := newWireClient(t, wireJSON(200, `{"id":7,"status":""}`))
	_, err := c.BatchProcesses.Wait(context.Background(), &firstpromoter.Batch{ID: 7, Status: firstpromoter.BatchInProgress})
	require.ErrorIs(t, err, firstpromoter.ErrMalformedResponse)
	assert.ErrorContains(t, err, "batch 7: the batch has no status")
}
