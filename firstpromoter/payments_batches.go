package firstpromoter

import (
	"context"
	"errors"
	"net/http"
	"strconv"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// PaymentsBatchesService starts and deletes the payments batches made by
// Payouts.CreatePaymentsBatch: /company/payments_batches.
type PaymentsBatchesService service

// PaymentsBatchPayParams is the body of POST
// /company/payments_batches/{id}/pay.
type PaymentsBatchPayParams struct {
	// OTP is required by the API.
	OTP string `json:"otp"`
	// OTPCode is the one-time code, for batches with
	// IsPaymentOTPRequired.
	OTPCode string `json:"otp_code,omitempty"`
}

// Pay starts paying the payments batch with the given id and returns the
// batch. It moves money: it is never retried after it may have reached
// the server, so an error matching ErrOutcomeUnknown means the batch may
// be paying; check it before trying again.
func (s *PaymentsBatchesService) Pay(ctx context.Context, id int64, params *PaymentsBatchPayParams, opts ...RequestOption) (*PaymentsBatch, error) {
	if params == nil || params.OTP == "" {
		return nil, errors.New("firstpromoter: pay payments batch: OTP is required")
	}
	return call(ctx, s.client, post(paymentsBatchPath(id)+"/pay", params), withID[PaymentsBatch], opts)
}

// Delete deletes the payments batch with the given id; its payouts are
// due again.
func (s *PaymentsBatchesService) Delete(ctx context.Context, id int64, opts ...RequestOption) error {
	_, err := s.client.do(ctx, http.MethodDelete, paymentsBatchPath(id), nil, nil, nil, opts...)
	return err
}

func paymentsBatchPath(id int64) string {
	return transport.Join("company/payments_batches/%s", strconv.FormatInt(id, 10))
}
