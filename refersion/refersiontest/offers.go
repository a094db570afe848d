package refersiontest

import "github.com/affiliatekit/affiliatekit-go/refersion"

func (s *Server) newSKUCommission(f fields) (any, *apiError) {
	for _, k := range []string{"offer_id", "skus"} {
		if !f.present(k) {
			return nil, missing(k)
		}
	}
	skus, ok := f.objects("skus")
	if !ok {
		return nil, notAllowed(f.raw("skus"), "skus")
	}
	if len(skus) > MaxBatch {
		return nil, unprocessable("Only 50 sku records can be processed per request.")
	}
	var add []refersion.SKUCommission
	for _, it := range skus {
		if ae := checkFields(it, []string{"sku", "product_description", "commission_type", "commission_amount"}); ae != nil {
			return nil, ae
		}
		for _, k := range []string{"sku", "commission_type", "commission_amount"} {
			if !it.present(k) {
				return nil, missing(k)
			}
		}
		typ, _ := it.str("commission_type")
		if !oneOf(typ, "FLAT_RATE", "PERCENT_OF_SALE") {
			return nil, notAllowed(typ, "commission_type")
		}
		amount, ok := it.amount("commission_amount")
		if !ok || amount.Sign() < 0 {
			return nil, notAllowed(it.raw("commission_amount"), "commission_amount")
		}
		sku, _ := it.str("sku")
		desc, _ := it.str("product_description")
		add = append(add, refersion.SKUCommission{SKU: sku, ProductDescription: desc,
			CommissionType: refersion.CommissionType(typ), CommissionAmount: amount})
	}
	offerID, _ := f.str("offer_id")
	offer, ok := s.offers.Get(offerID)
	if !ok {
		return nil, unprocessable("Offer ID does not exist (error 1).")
	}
	res := struct {
		Added             []string `json:"added"`
		DuplicateNotAdded []string `json:"duplicate_not_added"`
	}{[]string{}, []string{}}
	have := map[string]bool{}
	for _, c := range offer.SKUs {
		have[c.SKU] = true
	}
	for _, c := range add {
		if have[c.SKU] {
			res.DuplicateNotAdded = append(res.DuplicateNotAdded, c.SKU)
			continue
		}
		have[c.SKU] = true
		offer.SKUs = append(offer.SKUs, c)
		res.Added = append(res.Added, c.SKU)
	}
	return res, nil
}
