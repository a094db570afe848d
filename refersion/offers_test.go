package refersion_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

func TestOffersAddSKUCommissions(t *testing.T) {
	srv, c, _ := newFake(t, []refersiontest.ServerOption{refersiontest.WithDemoData()})
	ctx := context.Background()
	params := &SKUCommissionCreateParams{OfferID: "5678", SKUs: []SKUCommission{
		{SKU: "TSHIRT-SMALL-RED", ProductDescription: "T-Shirt Red (Small)", CommissionType: CommissionFlatRate, CommissionAmount: amt("5")},
		{SKU: "TSHIRT-SMALL-BLUE", CommissionType: CommissionPercentOfSale, CommissionAmount: amt("12.5")},
	}}
	r, err := c.Offers.AddSKUCommissions(ctx, params)
	require.NoError(t, err)
	assert.Equal(t, []string{"TSHIRT-SMALL-RED", "TSHIRT-SMALL-BLUE"}, r.Added)
	assert.Empty(t, r.DuplicateNotAdded)
	assert.JSONEq(t, `{"offer_id":"5678","skus":[
		{"sku":"TSHIRT-SMALL-RED","product_description":"T-Shirt Red (Small)","commission_type":"FLAT_RATE","commission_amount":"5"},
		{"sku":"TSHIRT-SMALL-BLUE","commission_type":"PERCENT_OF_SALE","commission_amount":"12.5"}]}`,
		string(srv.Requests()[0].Body), "commission_amount is a numeric string")

	params.SKUs = append(params.SKUs, SKUCommission{SKU: "PANTS-LARGE-BLACK", CommissionType: CommissionPercentOfSale, CommissionAmount: amt("10")})
	r, err = c.Offers.AddSKUCommissions(ctx, params)
	require.NoError(t, err)
	assert.Equal(t, []string{"PANTS-LARGE-BLACK"}, r.Added)
	assert.Equal(t, []string{"TSHIRT-SMALL-RED", "TSHIRT-SMALL-BLUE"}, r.DuplicateNotAdded)

	offers := srv.Offers()
	var skus []string
	for _, o := range offers {
		if o.OfferID == "5678" {
			for _, s := range o.SKUs {
				skus = append(skus, s.SKU+"="+s.CommissionAmount.String())
			}
		}
	}
	assert.Equal(t, []string{"TSHIRT-SMALL-RED=5", "TSHIRT-SMALL-BLUE=12.5", "PANTS-LARGE-BLACK=10"}, skus)

	_, err = c.Offers.AddSKUCommissions(ctx, &SKUCommissionCreateParams{OfferID: "999", SKUs: params.SKUs[:1]})
	var apiErr *Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "Offer ID does not exist (error 1).", apiErr.Message)
}

func TestOffersAddSKUCommissionsBatchLimit(t *testing.T) {
	srv, c, _ := newFake(t, nil)
	skus := make([]SKUCommission, MaxBatch+1)
	for i := range skus {
		skus[i] = SKUCommission{SKU: "S", CommissionType: CommissionFlatRate, CommissionAmount: amt("1")}
	}
	_, err := c.Offers.AddSKUCommissions(context.Background(), &SKUCommissionCreateParams{OfferID: "1234", SKUs: skus})
	assert.ErrorContains(t, err, "51 SKUs given")
	_, err = c.Offers.AddSKUCommissions(context.Background(), &SKUCommissionCreateParams{OfferID: "1234"})
	assert.ErrorContains(t, err, "no SKUs")
	assert.Zero(t, srv.RequestCount())
}
