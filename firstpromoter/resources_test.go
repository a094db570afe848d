package firstpromoter

import (
	"context"
	"net/http"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
	"github.com/affiliatekit/affiliatekit-go/internal/leakcheck"
)

// TestBodiesDrainedKeepAliveReused runs sequential calls through
// successes, retried faults, error statuses and bodies that are not the
// expected JSON: every body is drained and closed, so one keep-alive
// connection carries them all.
func TestBodiesDrainedKeepAliveReused(t *testing.T) {
	srv := firstpromotertest.NewServer()
	defer srv.Close()
	srv.SeedReferrals(12)
	dc := leakcheck.NewDialCounter()
	defer dc.Transport.CloseIdleConnections()
	c := resourceClient(t, srv, dc.Client(), WithMaxRetries(2))
	ctx := context.Background()
	opts := &ReferralListOptions{ListParams: ListParams{PerPage: 5}}

	n := 0
	for _, err := range c.Referrals.List(ctx, opts) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 12, n)
	_, err := c.Referrals.Get(ctx, 999999)
	assert.ErrorIs(t, err, ErrNotFound)
	for _, f := range faultmatrix.RetriedFaults() {
		srv.Inject(1, f)
		_, _, err := c.Referrals.ListPage(ctx, opts)
		require.NoError(t, err, "%+v is retried", f)
	}
	srv.Inject(1, firstpromotertest.Fault{Status: http.StatusBadRequest})
	_, err = c.Promoters.Create(ctx, &PromoterCreateParams{Email: "keepalive@example.com"})
	assert.ErrorIs(t, err, ErrInvalidRequest)
	srv.Inject(1, firstpromotertest.Fault{Status: http.StatusBadGateway})
	_, err = c.Promoters.Create(ctx, &PromoterCreateParams{Email: "keepalive@example.com"})
	assert.ErrorIs(t, err, ErrServer)

	assert.Equal(t, 1, dc.Dials(), "every call reused the first connection")
}

// TestConcurrentUseBy64Goroutines shares one client between 64 goroutines
// listing and reading at once, through 429s and 503s, under -race.
func TestConcurrentUseBy64Goroutines(t *testing.T) {
	srv := firstpromotertest.NewServer()
	defer srv.Close()
	srv.SeedReferrals(25)
	want := idsOf(srv.Referrals(), func(r firstpromotertest.Referral) int64 { return r.ID })
	dc := leakcheck.NewDialCounter()
	defer dc.Transport.CloseIdleConnections()
	// Every call may meet every injected fault: the budget covers them.
	c := resourceClient(t, srv, dc.Client(), WithMaxRetries(40))
	srv.Inject(16, firstpromotertest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1"})
	srv.Inject(16, firstpromotertest.Fault{Status: http.StatusServiceUnavailable})

	faultmatrix.Concurrently(t, 64, func(g int) error {
		ctx := context.Background()
		if g%2 == 0 {
			var got []string
			for r, err := range c.Referrals.List(ctx, &ReferralListOptions{ListParams: ListParams{PerPage: 10}}) {
				if err != nil {
					return err
				}
				got = append(got, strconv.FormatInt(r.ID, 10))
			}
			assert.Equal(t, want, got)
			return nil
		}
		if _, err := c.Referrals.Get(ctx, srv.Referrals()[g%25].ID); err != nil {
			return err
		}
		_ = c.RateLimit()
		return nil
	})
}

// TestBodyOverMaxResponseBytes: a body larger than WithMaxResponseBytes is
// ErrMalformedResponse, read no further than the cap, never an
// out-of-memory.
func TestBodyOverMaxResponseBytes(t *testing.T) {
	srv := firstpromotertest.NewServer()
	defer srv.Close()
	srv.SeedReferrals(50)
	c := resourceClient(t, srv, &http.Client{}, WithMaxResponseBytes(2048), WithMaxRetries(0))
	_, _, err := c.Referrals.ListPage(context.Background(), nil)
	require.ErrorIs(t, err, ErrMalformedResponse)
	assert.ErrorContains(t, err, "maximum size")
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.LessOrEqual(t, len(apiErr.Body), 4096)

	// Under the cap the same client works.
	_, _, err = c.Referrals.ListPage(context.Background(), &ReferralListOptions{ListParams: ListParams{PerPage: 1}})
	assert.NoError(t, err)
}
