package refersion

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// OffersService changes offers: offer/*. The REST API cannot list or read
// offers.
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
	// CommissionAmount is the rate: 10 for 10% or for a flat 10. Refersion
	// takes it as a numeric string, and it is sent as one ("10").
	CommissionAmount float64 `json:"commission_amount,string"`
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
func (s *OffersService) AddSKUCommissions(ctx context.Context, params *SKUCommissionCreateParams) (*SKUCommissionResult, error) {
	if params == nil || strings.TrimSpace(params.OfferID) == "" {
		return nil, errors.New("refersion: offer/new_sku_commission: OfferID is required")
	}
	if err := checkBatch("SKUs", len(params.SKUs)); err != nil {
		return nil, fmt.Errorf("refersion: offer/new_sku_commission: %w", err)
	}
	for i, sku := range params.SKUs {
		if strings.TrimSpace(sku.SKU) == "" || sku.CommissionType == "" {
			return nil, fmt.Errorf("refersion: offer/new_sku_commission: SKU %d needs SKU and CommissionType", i)
		}
	}
	r, err := postChecked(ctx, s.client, newSKUCommission, params, transport.Require(new(SKUCommissionResult),
		`neither "added" nor "duplicate_not_added" in the answer`,
		func(r *SKUCommissionResult) bool { return r.Added != nil || r.DuplicateNotAdded != nil }))
	if err != nil {
		return nil, err
	}
	return r, nil
}
