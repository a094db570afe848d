package refersion

import (
	"context"
	"encoding/json"
	"errors"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
)

// OffersService changes offers (offer/*, REST). The REST API cannot list
// or read offers; ListGraphQL lists them through the GraphQL API.
type OffersService service

// CommissionType says how a SKU commission is computed.
type CommissionType string

// Commission types.
const (
	CommissionFlatRate      CommissionType = "FLAT_RATE"
	CommissionPercentOfSale CommissionType = "PERCENT_OF_SALE"
)

// SKUCommission is a commission rate for one SKU.
type SKUCommission struct {
	// SKU must match the SKU of ordered items exactly. Required.
	SKU string `json:"sku"`
	// ProductDescription is a label shown to affiliates.
	ProductDescription string `json:"product_description,omitempty"`
	// CommissionType is CommissionFlatRate or CommissionPercentOfSale.
	// Required.
	CommissionType CommissionType `json:"commission_type"`
	// CommissionAmount is the rate, exact: 10 for 10% (CommissionPercentOfSale)
	// or for a flat 10 in major units of the account's currency
	// (CommissionFlatRate). Refersion takes it as a numeric string, and it
	// is sent as one in major units ("10", "12.50"), however it was built.
	CommissionAmount Amount `json:"commission_amount"`
}

// MarshalJSON encodes the commission with CommissionAmount as a numeric
// string.
func (c SKUCommission) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		SKU                string         `json:"sku"`
		ProductDescription string         `json:"product_description,omitempty"`
		CommissionType     CommissionType `json:"commission_type"`
		CommissionAmount   string         `json:"commission_amount"`
	}{c.SKU, c.ProductDescription, c.CommissionType, c.CommissionAmount.String()})
}

// UnmarshalJSON decodes a commission whose CommissionAmount is a numeric
// string or a number, exactly.
func (c *SKUCommission) UnmarshalJSON(b []byte) error {
	var w struct {
		SKU                string                   `json:"sku"`
		ProductDescription string                   `json:"product_description"`
		CommissionType     CommissionType           `json:"commission_type"`
		CommissionAmount   tolerant.FormattedAmount `json:"commission_amount"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*c = SKUCommission{SKU: w.SKU, ProductDescription: w.ProductDescription, CommissionType: w.CommissionType,
		CommissionAmount: w.CommissionAmount.Value}
	return nil
}

// SKUCommissionCreateParams is the body of offer/new_sku_commission.
type SKUCommissionCreateParams struct {
	// OfferID is the offer the SKUs belong to ("12345"). Required.
	OfferID string `json:"offer_id"`
	// SKUs are the commissions to add, at most MaxBatch. Required.
	SKUs []SKUCommission `json:"skus"`
}

// SKUCommissionResult is the answer of offer/new_sku_commission.
type SKUCommissionResult struct {
	// Added lists the SKUs added.
	Added []string `json:"added"`
	// DuplicateNotAdded lists the SKUs the offer already had.
	DuplicateNotAdded []string `json:"duplicate_not_added"`
}

var newSKUCommission = call{path: "offer/new_sku_commission"}

// AddSKUCommissions adds SKU-level commission rates to an offer (the plan
// must include SKU commissions). More than MaxBatch SKUs fail before any
// request.
func (s *OffersService) AddSKUCommissions(ctx context.Context, params *SKUCommissionCreateParams, opts ...RequestOption) (*SKUCommissionResult, error) {
	return postChecked(ctx, s.client, newSKUCommission.check(params.validate()), params, transport.Require(new(SKUCommissionResult),
		`neither "added" nor "duplicate_not_added" in the answer`,
		func(r *SKUCommissionResult) bool { return r.Added != nil || r.DuplicateNotAdded != nil }), opts...)
}

// validate checks the offer id, the size of the batch, and that each SKU
// has its SKU, type and amount.
func (p *SKUCommissionCreateParams) validate() error {
	if p == nil || strings.TrimSpace(p.OfferID) == "" {
		return errors.New("OfferID is required")
	}
	if err := checkBatch("SKUs", len(p.SKUs)); err != nil {
		return err
	}
	return everyItem(p.SKUs, func(c SKUCommission) bool {
		return strings.TrimSpace(c.SKU) != "" && c.CommissionType != "" && !c.CommissionAmount.IsNull()
	}, "SKU %d needs SKU, CommissionType and CommissionAmount")
}
