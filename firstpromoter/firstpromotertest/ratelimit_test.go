package firstpromotertest_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

// TestWithRateLimitFixedWindow: the fake counts requests per fixed window
// of its clock and answers 429 past the quota, without rate-limit headers
// or Retry-After, as FirstPromoter documents.
func TestWithRateLimitFixedWindow(t *testing.T) {
	// A step advances the clock by wait, then makes a request expected to
	// get status.
	type step struct {
		wait   time.Duration
		status int
	}
	tests := []struct {
		name     string
		requests int
		per      time.Duration
		start    time.Time
		steps    []step
	}{
		{
			name: "quota spent until the next minute", requests: 2, per: time.Minute,
			start: time.Date(2026, 3, 16, 12, 0, 30, 0, time.UTC),
			steps: []step{{0, 200}, {0, 200}, {0, 429}, {29 * time.Second, 429}, {time.Second, 200}, {0, 200}, {0, 429}},
		},
		{
			name: "windows are aligned to the clock", requests: 1, per: time.Minute,
			start: time.Date(2026, 3, 16, 12, 0, 59, 0, time.UTC),
			steps: []step{{0, 200}, {0, 429}, {time.Second, 200}},
		},
		{
			name: "off", requests: 0, per: time.Minute,
			start: time.Date(2026, 3, 16, 12, 0, 0, 0, time.UTC),
			steps: []step{{0, 200}, {0, 200}, {0, 200}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := firstpromotertest.NewClock(tt.start)
			srv := firstpromotertest.NewServer(firstpromotertest.WithClock(clk.Now), firstpromotertest.WithRateLimit(tt.requests, tt.per))
			t.Cleanup(srv.Close)
			srv.SeedReferrals(1)
			client, err := srv.Client(firstpromoter.WithClock(clk), firstpromoter.WithMaxRetries(0), firstpromoter.WithRateLimit(0, 0))
			require.NoError(t, err)
			id := srv.Referrals()[0].ID
			for i, step := range tt.steps {
				clk.Advance(step.wait)
				var resp firstpromoter.Response
				_, err := client.Referrals.Get(context.Background(), id, firstpromoter.WithResponseInto(&resp))
				assert.Equal(t, step.status, resp.StatusCode, "request %d", i)
				if step.status == http.StatusTooManyRequests {
					var apiErr *firstpromoter.Error
					require.True(t, errors.As(err, &apiErr), "request %d", i)
					assert.ErrorIs(t, err, firstpromoter.ErrRateLimited)
					assert.Equal(t, "Too Many Requests", apiErr.Message)
					assert.Zero(t, apiErr.RetryAfter)
					assert.Empty(t, resp.Header.Get("Retry-After"))
				} else {
					assert.NoError(t, err, "request %d", i)
				}
			}
		})
	}
}

// TestWithRateLimitUnauthorizedNotCounted: a request refused for its
// credentials does not spend the quota.
func TestWithRateLimitUnauthorizedNotCounted(t *testing.T) {
	clk := firstpromotertest.NewClock(time.Date(2026, 3, 16, 12, 0, 0, 0, time.UTC))
	srv := firstpromotertest.NewServer(firstpromotertest.WithClock(clk.Now), firstpromotertest.WithRateLimit(1, time.Minute))
	t.Cleanup(srv.Close)
	for range 3 {
		resp, err := http.Get(srv.URL + "/company/referrals")
		require.NoError(t, err)
		resp.Body.Close()
		assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	}
	client, err := srv.Client(firstpromoter.WithClock(clk), firstpromoter.WithMaxRetries(0))
	require.NoError(t, err)
	_, _, err = client.Referrals.ListPage(context.Background(), nil)
	assert.NoError(t, err)
}

// TestWithRateLimitClientRetriesIntoNextWindow: a client sharing the
// fake's clock waits out a spent window with its retries, in no real time.
func TestWithRateLimitClientRetriesIntoNextWindow(t *testing.T) {
	clk := firstpromotertest.NewClock(time.Date(2026, 3, 16, 12, 0, 0, 0, time.UTC))
	srv := firstpromotertest.NewServer(firstpromotertest.WithClock(clk.Now), firstpromotertest.WithRateLimit(1, time.Minute))
	t.Cleanup(srv.Close)
	client, err := srv.Client(firstpromoter.WithClock(clk), firstpromoter.WithRateLimit(0, 0),
		firstpromoter.WithRetryWait(time.Minute, time.Minute))
	require.NoError(t, err)
	ctx := context.Background()
	_, _, err = client.Referrals.ListPage(ctx, nil)
	require.NoError(t, err)
	_, _, err = client.Referrals.ListPage(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, []time.Duration{time.Minute}, clk.Sleeps())
	assert.Equal(t, 3, srv.RequestCount())
}

// TestClientOptionsApplyAfterTheFakes: Server.Client's options come after
// the fake's base URL and credentials, so they can override them.
func TestClientOptionsApplyAfterTheFakes(t *testing.T) {
	srv := firstpromotertest.NewServer()
	t.Cleanup(srv.Close)
	client, err := srv.Client(firstpromoter.WithAPIKey("wrong"), firstpromoter.WithMaxRetries(0))
	require.NoError(t, err)
	_, _, err = client.Referrals.ListPage(context.Background(), nil)
	assert.ErrorIs(t, err, firstpromoter.ErrUnauthorized)

	_, err = srv.Client(firstpromoter.WithClock(nil))
	assert.ErrorContains(t, err, "clock is nil")
}
