package firstpromotertest

import (
	"net/http"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// PaymentsBatch is a payments batch as the API answers it.
type PaymentsBatch struct {
	ID                   int64        `json:"id"`
	Status               string       `json:"status"`
	ExtReference         NullString   `json:"ext_reference"`
	ExtID                NullString   `json:"ext_id"`
	ScheduledAt          Timestamp    `json:"scheduled_at"`
	ProcessingStartedAt  Timestamp    `json:"processing_started_at"`
	CompletedAt          Timestamp    `json:"completed_at"`
	IsPayable            bool         `json:"is_payable"`
	IsRetriable          bool         `json:"is_retriable"`
	IsPaymentOTPRequired bool         `json:"is_payment_otp_required"`
	Total                money.Amount `json:"total"`
	PromotersCount       int          `json:"promoters_count"`
	Error                NullString   `json:"error"`

	payoutIDs []int64
}

func (s *Server) paymentsBatchRoutes() {
	s.handle("POST /company/payments_batches/{id}/pay", s.payPaymentsBatch)
	s.handle("DELETE /company/payments_batches/{id}", s.deletePaymentsBatch)
}

// payPaymentsBatch requires otp and pays the batch at once: its payouts
// are completed and paid now. A batch paid before is a 422.
func (s *Server) payPaymentsBatch(r *http.Request) (int, any, *apiError) {
	b, e := s.paymentsBatchByPath(r)
	if e != nil {
		return 0, nil, e
	}
	p, e := readParams(r)
	if e != nil {
		return 0, nil, e
	}
	if strings.TrimSpace(p.str("otp")) == "" {
		return 0, nil, errParam("otp")
	}
	if !b.IsPayable {
		return 0, nil, errOperation("The payments batch can not be paid")
	}
	now := At(s.now())
	for _, id := range b.payoutIDs {
		if po, ok := s.payouts.Get(id); ok {
			po.Status, po.PaidAt = "completed", now
		}
	}
	b.Status, b.CompletedAt, b.IsPayable = "completed", now, false
	b.ExtReference = NullString("FP-BATCH-" + idString(b.ID))
	return http.StatusOK, *b, nil
}

// deletePaymentsBatch deletes an unpaid batch; its payouts are pending
// again. A paid batch is a 422.
func (s *Server) deletePaymentsBatch(r *http.Request) (int, any, *apiError) {
	b, e := s.paymentsBatchByPath(r)
	if e != nil {
		return 0, nil, e
	}
	if b.Status == "completed" {
		return 0, nil, errOperation("A paid payments batch can not be deleted")
	}
	for _, id := range b.payoutIDs {
		if po, ok := s.payouts.Get(id); ok {
			po.Status, po.PaymentsBatchID, po.ProcessingStartedAt = "pending", nil, Timestamp{}
		}
	}
	s.paymentsBatches.Delete(b.ID)
	return http.StatusOK, nil, nil
}

func (s *Server) paymentsBatchByPath(r *http.Request) (*PaymentsBatch, *apiError) {
	id, ok := pathID(r, "id")
	if !ok {
		return nil, errNotFound()
	}
	b, found := s.paymentsBatches.Get(id)
	if !found {
		return nil, errNotFound()
	}
	return b, nil
}

// PaymentsBatches returns the stored payments batches in id order.
func (s *Server) PaymentsBatches() []PaymentsBatch {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []PaymentsBatch
	for _, b := range s.paymentsBatches.All() {
		out = append(out, *b)
	}
	return out
}
