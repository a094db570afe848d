package firstpromoter_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

func TestPaymentsBatchesAgainstFake(t *testing.T) {
	ctx := context.Background()
	cases := []struct {
		name   string
		run    func(t *testing.T, c *firstpromoter.Client, batch int64)
		status firstpromoter.PayoutStatus // of the batch's payouts afterwards
	}{
		{"pay", func(t *testing.T, c *firstpromoter.Client, batch int64) {
			b, err := c.PaymentsBatches.Pay(ctx, batch, &firstpromoter.PaymentsBatchPayParams{OTP: "email", OTPCode: "123456"})
			require.NoError(t, err)
			assert.Equal(t, "completed", b.Status)
			assert.NotNil(t, b.CompletedAt)
			_, err = c.PaymentsBatches.Pay(ctx, batch, &firstpromoter.PaymentsBatchPayParams{OTP: "email"})
			assert.ErrorIs(t, err, firstpromoter.ErrInvalidRequest, "a paid batch is not paid twice")
			assert.ErrorIs(t, c.PaymentsBatches.Delete(ctx, batch), firstpromoter.ErrInvalidRequest, "a paid batch stays")
		}, "completed"},
		{"delete", func(t *testing.T, c *firstpromoter.Client, batch int64) {
			require.NoError(t, c.PaymentsBatches.Delete(ctx, batch))
			assert.ErrorIs(t, c.PaymentsBatches.Delete(ctx, batch), firstpromoter.ErrNotFound)
		}, "pending"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, srv, _ := newFakeClient(t, []firstpromotertest.ServerOption{firstpromotertest.WithDemoData()})
			var method string
			for _, po := range srv.Payouts() {
				if po.Status == "pending" && po.PayoutMethod != nil {
					method = po.PayoutMethod.Method
					break
				}
			}
			require.NotEmpty(t, method)
			res, err := c.Payouts.CreatePaymentsBatch(ctx, &firstpromoter.PaymentsBatchCreateParams{Method: method})
			require.NoError(t, err)
			batch := res.PaymentsBatch.ID
			tc.run(t, c, batch)
			var n int
			for p, err := range c.Payouts.List(ctx, &firstpromoter.PayoutListOptions{Filters: firstpromoter.PayoutFilters{PaymentsBatchID: []int64{batch}}}) {
				require.NoError(t, err)
				assert.Equal(t, tc.status, p.Status)
				n++
			}
			if tc.status == "pending" {
				assert.Zero(t, n, "the payouts leave a deleted batch")
			} else {
				assert.Positive(t, n)
			}
		})
	}
}

func TestPaymentsBatchesPayIsNeverRetried(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newFakeClient(t, nil, firstpromoter.WithMaxRetries(3))
	_, err := c.PaymentsBatches.Pay(ctx, 1, nil)
	assert.ErrorContains(t, err, "OTP is required")
	assert.Zero(t, srv.RequestCount())
	for _, f := range []firstpromotertest.Fault{{Status: http.StatusBadGateway}, {Status: http.StatusInternalServerError}, {Drop: true}} {
		srv.ResetRequests()
		srv.Inject(1, f)
		_, err = c.PaymentsBatches.Pay(ctx, 1, &firstpromoter.PaymentsBatchPayParams{OTP: "email"})
		assert.ErrorIs(t, err, firstpromoter.ErrOutcomeUnknown)
		assert.Equal(t, 1, srv.RequestCount(), "a payment that may have started is not sent again")
	}
}
