package postaffiliatepro

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/faultmatrix"
	"github.com/affiliatekit/affiliatekit-go/internal/leakcheck"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

// TestBodiesDrainedKeepAliveReused runs sequential calls through
// successes, retried faults, error statuses and bodies that are not the
// expected JSON: every body is drained and closed, so one keep-alive
// connection carries them all.
func TestBodiesDrainedKeepAliveReused(t *testing.T) {
	srv := postaffiliateprotest.NewServer()
	defer srv.Close()
	srv.SeedAffiliates(12)
	dc := leakcheck.NewDialCounter()
	defer dc.Transport.CloseIdleConnections()
	c := resourceClient(t, srv, dc.Client(), WithMaxRetries(2))
	ctx := context.Background()
	opts := &AffiliateListOptions{ListParams: ListParams{PerPage: 5}}

	n := 0
	for _, err := range c.Affiliates.List(ctx, opts) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 12, n)
	_, err := c.Affiliates.Get(ctx, "missing")
	assert.ErrorIs(t, err, ErrNotFound)
	for _, f := range faultmatrix.RetriedFaults() {
		srv.Inject(1, f)
		_, _, err := c.Affiliates.ListPage(ctx, opts)
		require.NoError(t, err, "%+v is retried", f)
	}
	params := &AffiliateCreateParams{Username: "keepalive@example.com", FirstName: "Keep"}
	srv.Inject(1, postaffiliateprotest.Fault{Status: http.StatusBadRequest})
	_, err = c.Affiliates.Create(ctx, params)
	assert.ErrorIs(t, err, ErrInvalidRequest)
	srv.Inject(1, postaffiliateprotest.Fault{Status: http.StatusBadGateway})
	_, err = c.Affiliates.Create(ctx, params)
	assert.ErrorIs(t, err, ErrServer)

	assert.Equal(t, 1, dc.Dials(), "every call reused the first connection")
}

// TestConcurrentUseBy64Goroutines shares one client between 64 goroutines
// listing and reading at once, through 429s and 503s, under -race.
func TestConcurrentUseBy64Goroutines(t *testing.T) {
	// The fake's own quota runs on the wall clock, which the client's fake
	// clock does not advance: only the injected faults are wanted here.
	srv := postaffiliateprotest.NewServer(postaffiliateprotest.WithRateLimit(0, 0))
	defer srv.Close()
	srv.SeedAffiliates(25)
	var want []string
	for _, a := range srv.Affiliates() {
		want = append(want, a.ID)
	}
	dc := leakcheck.NewDialCounter()
	defer dc.Transport.CloseIdleConnections()
	// Every call may meet every injected fault: the budget covers them.
	c := resourceClient(t, srv, dc.Client(), WithMaxRetries(40))
	srv.Inject(16, postaffiliateprotest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1"})
	srv.Inject(16, postaffiliateprotest.Fault{Status: http.StatusServiceUnavailable})

	faultmatrix.Concurrently(t, 64, func(g int) error {
		ctx := context.Background()
		if g%2 == 0 {
			var got []string
			for a, err := range c.Affiliates.List(ctx, &AffiliateListOptions{ListParams: ListParams{PerPage: 10}}) {
				if err != nil {
					return err
				}
				got = append(got, a.ID)
			}
			assert.Equal(t, want, got)
			return nil
		}
		if _, err := c.Affiliates.Get(ctx, want[g%25]); err != nil {
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
	srv := postaffiliateprotest.NewServer()
	defer srv.Close()
	srv.SeedAffiliates(50)
	c := resourceClient(t, srv, &http.Client{}, WithMaxResponseBytes(2048), WithMaxRetries(0))
	_, _, err := c.Affiliates.ListPage(context.Background(), nil)
	require.ErrorIs(t, err, ErrMalformedResponse)
	assert.ErrorContains(t, err, "maximum size")
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.LessOrEqual(t, len(apiErr.Body), 4096)

	// Under the cap the same client works.
	_, _, err = c.Affiliates.ListPage(context.Background(), &AffiliateListOptions{ListParams: ListParams{PerPage: 1}})
	assert.NoError(t, err)
}
