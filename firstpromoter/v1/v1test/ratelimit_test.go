package v1test_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	v1 "github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1/v1test"
)

// TestWithRateLimitFixedWindow: the fake counts requests per fixed window
// of its clock and answers 429 past the quota, without rate-limit headers
// or Retry-After.
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
			steps: []step{{0, 200}, {0, 200}, {0, 429}, {29 * time.Second, 429}, {time.Second, 200}},
		},
		{
			name: "off", requests: 0, per: time.Minute,
			start: time.Date(2026, 3, 16, 12, 0, 0, 0, time.UTC),
			steps: []step{{0, 200}, {0, 200}, {0, 200}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := v1test.NewClock(tt.start)
			srv := v1test.NewServer(v1test.WithClock(clk.Now), v1test.WithRateLimit(tt.requests, tt.per))
			t.Cleanup(srv.Close)
			id := srv.SeedPromoters(1)[0].ID
			client, err := srv.Client(v1.WithClock(clk), v1.WithMaxRetries(0), v1.WithRateLimit(0, 0))
			require.NoError(t, err)
			for i, st := range tt.steps {
				clk.Advance(st.wait)
				var resp v1.Response
				_, err := client.Promoters.Get(context.Background(), id, v1.WithResponseInto(&resp))
				assert.Equal(t, st.status, resp.StatusCode, "request %d", i)
				if st.status == http.StatusTooManyRequests {
					var apiErr *v1.Error
					require.True(t, errors.As(err, &apiErr), "request %d", i)
					assert.ErrorIs(t, err, v1.ErrRateLimited)
					assert.Empty(t, resp.Header.Get("Retry-After"))
				} else {
					assert.NoError(t, err, "request %d", i)
				}
			}
		})
	}
}

// TestClientOptionsApplyAfterTheFakes: Server.Client's options come after
// the fake's base URL and key, so they can override them.
func TestClientOptionsApplyAfterTheFakes(t *testing.T) {
	srv := v1test.NewServer()
	t.Cleanup(srv.Close)
	client, err := srv.Client(v1.WithAPIKey("wrong"), v1.WithMaxRetries(0))
	require.NoError(t, err)
	_, err = client.Promoters.Get(context.Background(), 1)
	assert.ErrorIs(t, err, v1.ErrUnauthorized)
}
