package refersiontest

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/refersion"
)

var currencies = strings.Fields("USD CAD EUR GBP AUD NZD JPY CHF SEK NOK DKK PLN MXN BRL INR")

func (s *Server) manualCredit(f fields) (any, *apiError) {
	for _, k := range []string{"id", "commission", "status"} {
		if !f.present(k) {
			return nil, missing(k)
		}
	}
	id, ok := f.int("id")
	if !ok {
		return nil, notAllowed(f.raw("id"), "id")
	}
	commission, ok := f.amount("commission")
	if !ok {
		return nil, notAllowed(f.raw("commission"), "commission")
	}
	status, _ := f.str("status")
	if !oneOf(status, "APPROVED", "PENDING") {
		return nil, notAllowed(status, "status")
	}
	currency := "USD"
	if f.present("currency") {
		currency, _ = f.str("currency")
		if !oneOf(currency, currencies...) {
			return nil, unprocessable(currency + " is not a valid currency")
		}
	}
	a := s.affiliate(id)
	if a == nil {
		return nil, unprocessable(msgInvalidAffID)
	}
	notes, _ := f.str("notes")
	offer, _ := a.OfferID.Int64()
	c := s.addConversion(Conversion{
		AffiliateID: id, OfferID: offer, Type: refersion.ConversionManualCredit, Status: refersion.ConversionStatus(status),
		Currency:        currency,
		CommissionTotal: commission, Notes: notes,
	})
	return map[string]int64{"conversion_id": c.ID}, nil
}

// orderConversions returns the conversions of an order that are not
// cancellations.
func (s *Server) orderConversions(orderID string) []*Conversion {
	var out []*Conversion
	for _, c := range s.conversions {
		if c.OrderID == orderID && !strings.HasPrefix(string(c.Type), "CANCELLATION_") {
			out = append(out, c)
		}
	}
	return out
}

func (s *Server) creditOrder(f fields) (any, *apiError) {
	for _, k := range []string{"id", "order_id"} {
		if !f.present(k) {
			return nil, missing(k)
		}
	}
	id, ok := f.int("id")
	if !ok {
		return nil, notAllowed(f.raw("id"), "id")
	}
	status := ""
	if f.present("status") {
		status, _ = f.str("status")
		if !oneOf(status, "APPROVED", "PENDING") {
			return nil, notAllowed(status, "status")
		}
	}
	if s.affiliate(id) == nil {
		return nil, unprocessable(msgInvalidAffID)
	}
	orderID, _ := f.str("order_id")
	convs := s.orderConversions(orderID)
	if len(convs) == 0 {
		return nil, unprocessable(msgInvalidOrderID)
	}
	prev := convs[0].AffiliateID
	if prev == id {
		return nil, unprocessable("The affiliate you provided has already been manually credited for this order ID. (Error 6)")
	}
	for _, c := range convs {
		c.AffiliateID = id
		if status != "" {
			c.Status = refersion.ConversionStatus(status)
		}
		if n, ok := f.str("notes"); ok {
			c.Notes = n
		}
	}
	return map[string]string{
		"message": "Order(s) are re-processing. Changes may take a couple of minutes to appear.",
		"warning": fmt.Sprintf("Order ID is already credited to affiliate %d", prev),
	}, nil
}

func (s *Server) conversionStatusChange(f fields) (any, *apiError) {
	for _, k := range []string{"ids", "status"} {
		if !f.present(k) {
			return nil, missing(k)
		}
	}
	ids, ok := f.ints("ids")
	if !ok {
		return nil, notAllowed(f.raw("ids"), "ids")
	}
	if len(ids) > MaxBatch {
		return nil, unprocessable(msgTooMany)
	}
	text, _ := f.str("status")
	if !oneOf(text, "APPROVED", "UNQUALIFIED", "DENIED") {
		return nil, notAllowed(text, "status")
	}
	status := refersion.ConversionStatus(text)
	byID := map[int64]*Conversion{}
	for _, c := range s.conversions {
		byID[c.ID] = c
	}
	for _, id := range ids {
		c := byID[id]
		switch {
		case c == nil:
		case c.Status == refersion.ConversionApproved && status == refersion.ConversionDenied:
			return nil, unprocessable("Cannot deny an approved conversion")
		case c.Status == refersion.ConversionDenied && status == refersion.ConversionApproved:
			return nil, unprocessable("Cannot approve a denied conversion")
		}
	}
	res := newChangeResult()
	for _, id := range ids {
		if c := byID[id]; c != nil && c.Status != status {
			c.Status = status
			res.IDsChanged = append(res.IDsChanged, id)
		} else {
			res.IDsNotChanged = append(res.IDsNotChanged, id)
		}
	}
	return res, nil
}

func (s *Server) conversionCancel(f fields) (any, *apiError) {
	for _, k := range []string{"order_id", "items"} {
		if !f.present(k) {
			return nil, missing(k)
		}
	}
	items, ok := f.objects("items")
	if !ok || len(items) == 0 {
		return nil, notAllowed(f.raw("items"), "items")
	}
	orderID, _ := f.str("order_id")
	convs := s.orderConversions(orderID)
	if len(convs) == 0 {
		return nil, unprocessable(msgInvalidOrderID)
	}
	orig := convs[0]
	var cancelled []ConversionItem
	var amount int64 // cents
	for _, it := range items {
		if ae := checkFields(it, []string{"sku", "price", "quantity"}); ae != nil {
			return nil, ae
		}
		if !it.present("sku") {
			return nil, missing("sku")
		}
		sku, _ := it.str("sku")
		var line *ConversionItem
		for i := range orig.Items {
			if orig.Items[i].SKU == sku {
				line = &orig.Items[i]
			}
		}
		if line == nil {
			return nil, notAllowed(sku, "sku")
		}
		price, qty := line.Price, int64(line.Quantity)
		if it.present("price") {
			if price, ok = it.amount("price"); !ok {
				return nil, notAllowed(it.raw("price"), "price")
			}
		}
		if it.present("quantity") {
			if qty, ok = it.int("quantity"); !ok || qty < 1 {
				return nil, notAllowed(it.raw("quantity"), "quantity")
			}
		}
		unit, ok := cents(price)
		if !ok {
			return nil, notAllowed(price.String(), "price")
		}
		cancelled = append(cancelled, ConversionItem{SKU: sku, Price: price, Quantity: int(qty)})
		amount += unit * qty
	}
	origTotal, _ := cents(orig.Total)
	origCommission, _ := cents(orig.CommissionTotal)
	commission := int64(0)
	switch {
	case origTotal > 0 && amount >= origTotal:
		commission = origCommission
	case origTotal > 0:
		commission = share(origCommission, amount, origTotal)
	}
	c := s.addConversion(Conversion{
		AffiliateID: orig.AffiliateID, OfferID: orig.OfferID, OrderID: orderID, Type: "CANCELLATION_" + orig.Type,
		Status: orig.Status, Currency: orig.Currency, Total: fromCents(-amount), CommissionableOrderTotal: fromCents(-amount),
		CommissionTotal: fromCents(-commission), Items: cancelled,
	})
	// Refersion answers this conversion id as a string.
	return map[string]string{"conversion_id": strconv.FormatInt(c.ID, 10)}, nil
}

var conversionTypes = []string{"AFFILIATE_SITE_CONVERSION", "MANUAL_CREDIT_BY_CLIENT", "CONVERSION_TRIGGER_SKU",
	"CONVERSION_TRIGGER_COUPON", "CONVERSION_TRIGGER_EMAIL", "AUTO_CREDIT_AFFILIATE_ID",
	"CANCELLATION_AFFILIATE_SITE_CONVERSION", "CANCELLATION_MANUAL_CREDIT_BY_CLIENT",
	"CANCELLATION_CONVERSION_TRIGGER_SKU", "CANCELLATION_CONVERSION_TRIGGER_COUPON",
	"CANCELLATION_CONVERSION_TRIGGER_EMAIL", "CANCELLATION_AUTO_CREDIT_AFFILIATE_ID"}

// totalsTimeLayout is the format of created_from and created_to (UTC).
const totalsTimeLayout = "2006-01-02 15:04:05"

func (s *Server) conversionTotals(f fields) (any, *apiError) {
	if !f.present("status") {
		return nil, missing("status")
	}
	statuses, ok := f.strs("status")
	if !ok || len(statuses) == 0 {
		return nil, notAllowed(f.raw("status"), "status")
	}
	for _, st := range statuses {
		if !oneOf(st, "APPROVED", "PENDING", "UNQUALIFIED", "DENIED") {
			return nil, notAllowed(st, "status")
		}
	}
	var from, to time.Time
	for _, b := range []struct {
		key string
		dst *time.Time
	}{{"created_from", &from}, {"created_to", &to}} {
		if f.present(b.key) {
			v, _ := f.str(b.key)
			t, err := time.Parse(totalsTimeLayout, v)
			if err != nil {
				return nil, notAllowed(v, b.key)
			}
			*b.dst = t
		}
	}
	var offerID, affID int64
	for _, b := range []struct {
		key string
		dst *int64
	}{{"offer_id", &offerID}, {"affiliate_id", &affID}} {
		if f.present(b.key) {
			if *b.dst, ok = f.int(b.key); !ok {
				return nil, notAllowed(f.raw(b.key), b.key)
			}
		}
	}
	payment := ""
	if f.present("payment_status") {
		payment, _ = f.str("payment_status")
		if !oneOf(payment, "PAID", "UNPAID") {
			return nil, notAllowed(payment, "payment_status")
		}
	}
	var types []string
	if f.present("type") {
		if types, ok = f.strs("type"); !ok {
			return nil, notAllowed(f.raw("type"), "type")
		}
		for _, t := range types {
			if !oneOf(t, conversionTypes...) {
				return nil, notAllowed(t, "type")
			}
		}
	}
	var isTest *bool
	if f.present("is_test_conversion") {
		b, ok := f.bool("is_test_conversion")
		if !ok {
			return nil, notAllowed(f.raw("is_test_conversion"), "is_test_conversion")
		}
		isTest = &b
	}
	var count int64
	var commission, orderTotal, commissionable money.Amount
	for _, c := range s.conversions {
		switch {
		case !oneOf(string(c.Status), statuses...),
			!from.IsZero() && c.Created.Before(from),
			!to.IsZero() && c.Created.After(to),
			offerID != 0 && c.OfferID != offerID,
			affID != 0 && c.AffiliateID != affID,
			payment != "" && string(c.PaymentStatus) != payment,
			types != nil && !oneOf(string(c.Type), types...),
			isTest != nil && c.IsTestConversion != *isTest:
			continue
		}
		count++
		for _, sum := range []struct {
			to  *money.Amount
			add money.Amount
		}{
			{&commission, c.CommissionTotal}, {&orderTotal, c.Total}, {&commissionable, c.CommissionableOrderTotal}} {
			if sum.add.IsNull() {
				continue
			}
			v, err := sum.to.WithCurrency("").Add(sum.add.WithCurrency(""))
			if err != nil {
				return nil, unprocessable("The totals cannot be computed: " + err.Error())
			}
			*sum.to = v
		}
	}
	// Refersion's own example answers the totals as formatted strings
	// ("3,498.03,", "10,") although its schema says numbers; the fake
	// answers the same way, so clients meet the form the vendor shows.
	return map[string]any{
		"conversions_count":          formatTotal(strconv.FormatInt(count, 10)),
		"commission_total":           formatTotal(csvAmount(commission)),
		"order_total":                formatTotal(csvAmount(orderTotal)),
		"commissionable_order_total": formatTotal(csvAmount(commissionable)),
		"currency":                   "USD",
	}, nil
}

// formatTotal writes a decimal as Refersion's conversion/totals example
// does: the integer part grouped by thousands with commas, and a trailing
// comma ("3,498.03,", "10,").
func formatTotal(decimal string) string {
	var b strings.Builder
	if rest, ok := strings.CutPrefix(decimal, "-"); ok {
		b.WriteByte('-')
		decimal = rest
	}
	digits, frac, hasFrac := strings.Cut(decimal, ".")
	for i, d := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(d)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	b.WriteByte(',')
	return b.String()
}
