package refersion

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
)

// ConversionsService credits, cancels and totals conversions
// (conversion/*, REST) and lists them (List and ListPage, GraphQL).
//
// Refersion's REST API has no endpoint that lists or reads conversions:
// List needs WithGraphQLKey; a saved report (Reports.Link and
// Reports.Download) is the REST alternative.
type ConversionsService service

// ConversionStatus is the status of a conversion.
type ConversionStatus string

// Conversion statuses. A manual credit is APPROVED or PENDING; ChangeStatus
// sets APPROVED, UNQUALIFIED or DENIED.
const (
	ConversionApproved    ConversionStatus = "APPROVED"
	ConversionPending     ConversionStatus = "PENDING"
	ConversionUnqualified ConversionStatus = "UNQUALIFIED"
	ConversionDenied      ConversionStatus = "DENIED"
)

// ConversionType is how a conversion was credited.
type ConversionType string

// Conversion types, as conversion/totals filters them.
const (
	ConversionAffiliateSite             ConversionType = "AFFILIATE_SITE_CONVERSION"
	ConversionManualCredit              ConversionType = "MANUAL_CREDIT_BY_CLIENT"
	ConversionTriggerSKU                ConversionType = "CONVERSION_TRIGGER_SKU"
	ConversionTriggerCoupon             ConversionType = "CONVERSION_TRIGGER_COUPON"
	ConversionTriggerEmail              ConversionType = "CONVERSION_TRIGGER_EMAIL"
	ConversionAutoCredit                ConversionType = "AUTO_CREDIT_AFFILIATE_ID"
	ConversionCancellationAffiliateSite ConversionType = "CANCELLATION_AFFILIATE_SITE_CONVERSION"
	ConversionCancellationManualCredit  ConversionType = "CANCELLATION_MANUAL_CREDIT_BY_CLIENT"
	ConversionCancellationTriggerSKU    ConversionType = "CANCELLATION_CONVERSION_TRIGGER_SKU"
	ConversionCancellationTriggerCoupon ConversionType = "CANCELLATION_CONVERSION_TRIGGER_COUPON"
	ConversionCancellationTriggerEmail  ConversionType = "CANCELLATION_CONVERSION_TRIGGER_EMAIL"
	ConversionCancellationAutoCredit    ConversionType = "CANCELLATION_AUTO_CREDIT_AFFILIATE_ID"
)

// PaymentStatus says whether a conversion's commission was paid out.
type PaymentStatus string

// Payment statuses.
const (
	PaymentPaid   PaymentStatus = "PAID"
	PaymentUnpaid PaymentStatus = "UNPAID"
)

// ConversionResult identifies the conversion a write created.
type ConversionResult struct {
	ConversionID int64 `json:"conversion_id"`
}

// UnmarshalJSON decodes conversion_id, which conversion/manual_credit sends
// as a number (12345) and conversion/cancel as a string ("11900254").
func (r *ConversionResult) UnmarshalJSON(b []byte) error {
	var w struct {
		ConversionID tolerant.FormattedInt `json:"conversion_id"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	r.ConversionID = int64(w.ConversionID)
	return nil
}

// ConversionManualCreditParams is the body of conversion/manual_credit.
type ConversionManualCreditParams struct {
	// ID is the numeric id of the affiliate to credit. Required.
	ID int64 `json:"id"`
	// Commission is the amount to credit, in major units of Currency; it
	// may be negative. Required (not null). It is sent as a decimal number
	// however it was built: AmountFromMinorUnits(2500, 2, "") sends 25.00.
	Commission Amount `json:"commission"`
	// Status is ConversionApproved or ConversionPending. Required.
	Status ConversionStatus `json:"status"`
	// Currency is a three-letter code; when empty, Commission's currency
	// if it has one, else the account's.
	Currency string `json:"currency,omitempty"`
	Notes    string `json:"notes,omitempty"`
}

// MarshalJSON encodes the params as conversion/manual_credit expects them:
// the commission as a decimal number in major units.
func (p ConversionManualCreditParams) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ID         int64            `json:"id"`
		Commission json.RawMessage  `json:"commission"`
		Status     ConversionStatus `json:"status"`
		Currency   string           `json:"currency,omitempty"`
		Notes      string           `json:"notes,omitempty"`
	}{p.ID, majorUnits(p.Commission), p.Status, cmp.Or(p.Currency, p.Commission.Currency()), p.Notes})
}

// majorUnits is an amount as a JSON number in major units ("25.00"), the
// unit of every amount Refersion takes; null for a null amount.
func majorUnits(a Amount) json.RawMessage { return json.RawMessage(a.String()) }

var manualCredit = call{path: "conversion/manual_credit"}

// ManualCredit credits an affiliate with a commission and returns the new
// conversion. It is never retried once it may have reached the server (it
// carries no idempotency key): only a 429, or a 503 with Retry-After, is
// retried.
func (s *ConversionsService) ManualCredit(ctx context.Context, params *ConversionManualCreditParams, opts ...RequestOption) (*ConversionResult, error) {
	return s.client.conversion(ctx, manualCredit.check(params.validate()), params, opts)
}

// validate checks the required fields, and that Currency, when set, is
// the currency Commission carries, if any.
func (p *ConversionManualCreditParams) validate() error {
	switch {
	case p == nil || p.ID <= 0 || p.Status == "" || p.Commission.IsNull():
		return errors.New("ID, Commission and Status are required")
	case p.Commission.Currency() != "" && p.Currency != "" && !strings.EqualFold(p.Commission.Currency(), p.Currency):
		//lint:ignore ST1005 the message starts with the Go field's name
		return fmt.Errorf("Commission is in %s, Currency is %s", p.Commission.Currency(), p.Currency)
	}
	return nil
}

// conversion posts a write answered with the conversion it made.
func (c *Client) conversion(ctx context.Context, op call, body any, opts []RequestOption) (*ConversionResult, error) {
	return postChecked(ctx, c, op, body,
		transport.Record(new(ConversionResult), "conversion_id", func(r *ConversionResult) bool { return r.ConversionID != 0 }), opts...)
}

// ConversionCreditOrderParams is the body of
// conversion/manual_credit_order_id.
type ConversionCreditOrderParams struct {
	// ID is the numeric id of the affiliate to credit. Required.
	ID int64 `json:"id"`
	// OrderID is the order to credit. Required.
	OrderID string `json:"order_id"`
	// Status is ConversionApproved or ConversionPending.
	Status ConversionStatus `json:"status,omitempty"`
	Notes  string           `json:"notes,omitempty"`
}

// CreditOrderResult is the answer of conversion/manual_credit_order_id.
type CreditOrderResult struct {
	// Message says the order is being re-processed; the credit shows after
	// a few minutes.
	Message string `json:"message"`
	// Warning is set when the order was already credited to another
	// affiliate.
	Warning string `json:"warning"`
}

var creditOrder = call{path: "conversion/manual_credit_order_id"}

// CreditOrder credits an affiliate with an existing order. Refersion
// processes it asynchronously. Never retried once it may have reached the
// server.
func (s *ConversionsService) CreditOrder(ctx context.Context, params *ConversionCreditOrderParams, opts ...RequestOption) (*CreditOrderResult, error) {
	var invalid error
	if params == nil || params.ID <= 0 || strings.TrimSpace(params.OrderID) == "" {
		invalid = errors.New("ID and OrderID are required")
	}
	return postChecked(ctx, s.client, creditOrder.check(invalid), params, transport.Require(new(CreditOrderResult),
		`no "message" in the answer`, func(r *CreditOrderResult) bool { return r.Message != "" }), opts...)
}

var conversionStatusChange = call{path: "conversion/status_change"}

// ChangeStatus sets the status of up to [MaxBatch] conversions to
// [ConversionApproved], [ConversionUnqualified] or [ConversionDenied].
func (s *ConversionsService) ChangeStatus(ctx context.Context, status ConversionStatus, ids []int64, opts ...RequestOption) (*ChangeResult, error) {
	body := statusChange[ConversionStatus]{ids, status}
	return s.client.change(ctx, conversionStatusChange.check(body.validate()), body, opts)
}

// CancelItem is one SKU of an order to cancel.
type CancelItem struct {
	// SKU is required.
	SKU string `json:"sku"`
	// Price is the original price of one unit, in major units of the
	// order's currency; a zero Price is not sent. It is sent as a decimal
	// number however it was built.
	Price Amount `json:"price,omitzero"`
	// Quantity is how many units to cancel.
	Quantity int `json:"quantity,omitempty"`
}

// MarshalJSON encodes the item with Price as a decimal number in major
// units.
func (it CancelItem) MarshalJSON() ([]byte, error) {
	w := struct {
		SKU      string          `json:"sku"`
		Price    json.RawMessage `json:"price,omitempty"`
		Quantity int             `json:"quantity,omitempty"`
	}{SKU: it.SKU, Quantity: it.Quantity}
	if !it.Price.IsZero() {
		w.Price = majorUnits(it.Price)
	}
	return json.Marshal(w)
}

// ConversionCancelParams is the body of conversion/cancel.
type ConversionCancelParams struct {
	// OrderID is the order from your store. Required.
	OrderID string `json:"order_id"`
	// Items are the SKUs to cancel. Required.
	Items []CancelItem `json:"items"`
}

var conversionCancel = call{path: "conversion/cancel"}

// Cancel records a cancellation conversion for some or all SKUs of an
// order and returns it. Never retried once it may have reached the server.
func (s *ConversionsService) Cancel(ctx context.Context, params *ConversionCancelParams, opts ...RequestOption) (*ConversionResult, error) {
	return s.client.conversion(ctx, conversionCancel.check(params.validate()), params, opts)
}

// validate checks the order id and that there are items, each with its
// SKU.
func (p *ConversionCancelParams) validate() error {
	if p == nil || strings.TrimSpace(p.OrderID) == "" || len(p.Items) == 0 {
		return errors.New("OrderID and Items are required")
	}
	return everyItem(p.Items, func(it CancelItem) bool { return strings.TrimSpace(it.SKU) != "" }, "item %d has no SKU")
}

// ConversionTotalsParams filter conversion/totals. Zero fields are not
// sent.
type ConversionTotalsParams struct {
	// Status lists the statuses to total; empty means all four.
	Status []ConversionStatus
	// CreatedFrom and CreatedTo bound the conversions' creation time; they
	// are sent in UTC as "YYYY-MM-DD hh:mm:ss".
	CreatedFrom time.Time
	CreatedTo   time.Time
	OfferID     int64
	AffiliateID int64
	// PaymentStatus is PaymentPaid or PaymentUnpaid.
	PaymentStatus PaymentStatus
	// Type lists the conversion types to total.
	Type []ConversionType
	// IsTestConversion, when set, totals only test (true) or only real
	// (false) conversions.
	IsTestConversion *bool
}

// totalsTimeLayout is the request format of created_from/created_to.
const totalsTimeLayout = "2006-01-02 15:04:05"

// MarshalJSON encodes the params as conversion/totals expects them.
func (p ConversionTotalsParams) MarshalJSON() ([]byte, error) {
	w := struct {
		Status           []ConversionStatus `json:"status"`
		CreatedFrom      string             `json:"created_from,omitempty"`
		CreatedTo        string             `json:"created_to,omitempty"`
		OfferID          int64              `json:"offer_id,omitempty"`
		AffiliateID      int64              `json:"affiliate_id,omitempty"`
		PaymentStatus    PaymentStatus      `json:"payment_status,omitempty"`
		Type             []ConversionType   `json:"type,omitempty"`
		IsTestConversion *bool              `json:"is_test_conversion,omitempty"`
	}{
		Status: p.Status, OfferID: p.OfferID, AffiliateID: p.AffiliateID,
		PaymentStatus: p.PaymentStatus, Type: p.Type, IsTestConversion: p.IsTestConversion,
	}
	if len(w.Status) == 0 {
		w.Status = []ConversionStatus{ConversionApproved, ConversionPending, ConversionUnqualified, ConversionDenied}
	}
	if !p.CreatedFrom.IsZero() {
		w.CreatedFrom = p.CreatedFrom.UTC().Format(totalsTimeLayout)
	}
	if !p.CreatedTo.IsZero() {
		w.CreatedTo = p.CreatedTo.UTC().Format(totalsTimeLayout)
	}
	return json.Marshal(w)
}

// ConversionTotals is the answer of conversion/totals.
type ConversionTotals struct {
	ConversionsCount int64 `json:"conversions_count"`
	// CommissionTotal, OrderTotal and CommissionableOrderTotal are exact
	// decimals in major units of Currency ("3498.03"), whether Refersion
	// sends a number or a formatted string ("3,498.03,"); null stays null.
	CommissionTotal          Amount `json:"commission_total"`
	OrderTotal               Amount `json:"order_total"`
	CommissionableOrderTotal Amount `json:"commissionable_order_total"`
	// Currency is the currency of the totals, the account's by default.
	Currency string `json:"currency"`

	// sent holds the amounts as decoded, with their tokens as sent.
	sent [3]tolerant.FormattedAmount
}

// UnmarshalJSON decodes the totals. Refersion documents numbers but its own
// example sends formatted strings ("3,498.03,"); both decode exactly, and
// the amounts take the record's currency.
func (t *ConversionTotals) UnmarshalJSON(b []byte) error {
	if string(bytes.TrimSpace(b)) == "null" {
		return nil
	}
	var w struct {
		ConversionsCount         *tolerant.FormattedInt   `json:"conversions_count"`
		CommissionTotal          tolerant.FormattedAmount `json:"commission_total"`
		OrderTotal               tolerant.FormattedAmount `json:"order_total"`
		CommissionableOrderTotal tolerant.FormattedAmount `json:"commissionable_order_total"`
		Currency                 string                   `json:"currency"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	if w.ConversionsCount == nil {
		return errors.New(`no "conversions_count" in the totals`)
	}
	sent := [3]tolerant.FormattedAmount{w.CommissionTotal, w.OrderTotal, w.CommissionableOrderTotal}
	for i := range sent {
		money.SetCurrency(w.Currency, &sent[i].Value)
	}
	*t = ConversionTotals{
		ConversionsCount: int64(*w.ConversionsCount), CommissionTotal: sent[0].Value,
		OrderTotal: sent[1].Value, CommissionableOrderTotal: sent[2].Value,
		Currency: w.Currency, sent: sent,
	}
	return nil
}

// MarshalJSON encodes the totals with each amount written as Refersion sent
// it ("3,498.03,") while it is unchanged.
func (t ConversionTotals) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		ConversionsCount         int64           `json:"conversions_count"`
		CommissionTotal          json.RawMessage `json:"commission_total"`
		OrderTotal               json.RawMessage `json:"order_total"`
		CommissionableOrderTotal json.RawMessage `json:"commissionable_order_total"`
		Currency                 string          `json:"currency"`
	}{
		t.ConversionsCount, t.sent[0].Encode(t.CommissionTotal), t.sent[1].Encode(t.OrderTotal),
		t.sent[2].Encode(t.CommissionableOrderTotal), t.Currency,
	})
}

var conversionTotals = call{path: "conversion/totals", readOnly: true}

// Totals returns the number of conversions and the sums of their
// commissions and order totals, filtered by params (nil: every status).
// It only reads, so it is retried like a GET.
func (s *ConversionsService) Totals(ctx context.Context, params *ConversionTotalsParams, opts ...RequestOption) (*ConversionTotals, error) {
	params = cmp.Or(params, &ConversionTotalsParams{})
	return postInto[ConversionTotals](ctx, s.client, conversionTotals.check(params.validate()), params, opts...)
}

// validate checks that the window does not end before it starts.
func (p *ConversionTotalsParams) validate() error {
	if !p.CreatedFrom.IsZero() && !p.CreatedTo.IsZero() && p.CreatedTo.Before(p.CreatedFrom) {
		return errors.New("CreatedTo is before CreatedFrom")
	}
	return nil
}
