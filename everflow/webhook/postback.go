package webhook

import (
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/internal/webhookkit"
)

// Macros with a typed field in Postback. Where Everflow has two names for
// a value, both are read.
const (
	MacroTransactionID   = "transaction_id"
	MacroConversionID    = "conversion_id"
	MacroEventID         = "event_id"
	MacroEventName       = "event_name"
	MacroOfferID         = "offer_id"
	MacroAffiliateID     = "affiliate_id"
	MacroAdvertiserID    = "advertiser_id"
	MacroSub1            = "sub1"
	MacroSub2            = "sub2"
	MacroSub3            = "sub3"
	MacroSub4            = "sub4"
	MacroSub5            = "sub5"
	MacroSourceID        = "source_id"
	MacroOrderID         = "order_id"
	MacroCouponCode      = "coupon_code"
	MacroCurrency        = "currency_id"
	MacroPayoutAmount    = "payout_amount"
	MacroPayout          = "payout"
	MacroSaleAmount      = "sale_amount"
	MacroConversionTime  = "conversion_unix_timestamp"
	MacroClickTime       = "click_unix_timestamp"
	macroCurrencyAlias   = "currency"
	macroEventNameAlias  = "event"
	macroAffiliateIDName = "aff_id"
)

// Postback is one fired postback, read back through its Template.
type Postback struct {
	// ID identifies the postback's content: the hex SHA-256 of its macro
	// values. Everflow fires the same URL again when it retries, so a
	// retry has the same ID.
	ID string
	// TransactionID is Everflow's click id, {transaction_id}.
	TransactionID string
	// ConversionID is {conversion_id}.
	ConversionID string
	// EventID and EventName identify a post-conversion event ({event_id},
	// {event_name} or {event}); empty for a base conversion.
	EventID   string
	EventName string
	// OfferID, AffiliateID ({affiliate_id} or {aff_id}) and AdvertiserID
	// are Everflow's numeric ids, kept as strings.
	OfferID      string
	AffiliateID  string
	AdvertiserID string
	// Sub1 to Sub5 and SourceID are the partner's tracking values from the
	// click.
	Sub1, Sub2, Sub3, Sub4, Sub5 string
	SourceID                     string
	OrderID                      string
	CouponCode                   string
	// Currency is an ISO 4217 code ({currency_id} or {currency}).
	Currency string
	// Payout is the partner's payout ({payout_amount} or {payout}) and
	// SaleAmount the sale ({sale_amount}): exact decimals in full currency
	// units, as the macro sent them ("12.50" stays "12.50"), in Currency
	// when the template carries it; zero when empty or not in the
	// template.
	Payout     everflow.Amount
	SaleAmount everflow.Amount
	// ConversionTime and ClickTime are {conversion_unix_timestamp} and
	// {click_unix_timestamp}; the zero time when not in the template.
	ConversionTime time.Time
	ClickTime      time.Time
	// Values holds every macro's value by macro name, the typed ones
	// included: read custom macros here or with Int, Amount and Time.
	Values map[string]string
}

func newPostback(values map[string]string) (*Postback, error) {
	p := &Postback{Values: values}
	str := func(macros ...string) string {
		for _, m := range macros {
			if v := values[m]; v != "" {
				return v
			}
		}
		return ""
	}
	p.TransactionID = str(MacroTransactionID)
	p.ConversionID = str(MacroConversionID)
	p.EventID = str(MacroEventID)
	p.EventName = str(MacroEventName, macroEventNameAlias)
	p.OfferID = str(MacroOfferID)
	p.AffiliateID = str(MacroAffiliateID, macroAffiliateIDName)
	p.AdvertiserID = str(MacroAdvertiserID)
	p.Sub1, p.Sub2, p.Sub3, p.Sub4, p.Sub5 = str(MacroSub1), str(MacroSub2), str(MacroSub3), str(MacroSub4), str(MacroSub5)
	p.SourceID = str(MacroSourceID)
	p.OrderID = str(MacroOrderID)
	p.CouponCode = str(MacroCouponCode)
	p.Currency = str(MacroCurrency, macroCurrencyAlias)

	var err error
	if p.Payout, err = parseAmount(MacroPayoutAmount, str(MacroPayoutAmount, MacroPayout), p.Currency); err != nil {
		return nil, err
	}
	if p.SaleAmount, err = parseAmount(MacroSaleAmount, str(MacroSaleAmount), p.Currency); err != nil {
		return nil, err
	}
	if p.ConversionTime, err = parseTime(MacroConversionTime, str(MacroConversionTime)); err != nil {
		return nil, err
	}
	if p.ClickTime, err = parseTime(MacroClickTime, str(MacroClickTime)); err != nil {
		return nil, err
	}

	enc := make(url.Values, len(values))
	for k, v := range values {
		enc.Set(k, v)
	}
	p.ID = webhookkit.Digest([]byte(enc.Encode())) // Encode sorts by key.
	return p, nil
}

// parseAmount reads a decimal in major units, ignoring thousands
// separators (commas and spaces); "" is zero.
func parseAmount(macro, v, currency string) (everflow.Amount, error) {
	v = strings.NewReplacer(",", "", " ", "").Replace(v)
	if v == "" {
		return everflow.Amount{}.WithCurrency(currency), nil
	}
	a, err := everflow.ParseAmount(v, currency)
	if err != nil {
		return everflow.Amount{}, fmt.Errorf("%w: {%s}: %v", ErrMalformedPayload, macro, err)
	}
	return a, nil
}

func parseTime(macro, v string) (time.Time, error) {
	t, err := webhookkit.ParseTime(v)
	if err != nil {
		return time.Time{}, fmt.Errorf("%w: {%s}: %v", ErrMalformedPayload, macro, err)
	}
	return t, nil
}

// Int reads the macro's value as an integer; 0 when it is empty or not in
// the template.
func (p *Postback) Int(macro string) (int64, error) {
	n, err := webhookkit.ParseInt(p.Values[macro])
	if err != nil {
		return 0, fmt.Errorf("%w: {%s}: %v", ErrMalformedPayload, macro, err)
	}
	return n, nil
}

// Amount reads the macro's value as an exact decimal amount in major
// units, in the postback's Currency when known; zero when it is empty or
// not in the template.
func (p *Postback) Amount(macro string) (everflow.Amount, error) {
	return parseAmount(macro, p.Values[macro], p.Currency)
}

// Time reads the macro's value as a unix time in seconds or milliseconds
// (or a date-time); the zero time when it is empty or not in the template.
func (p *Postback) Time(macro string) (time.Time, error) { return parseTime(macro, p.Values[macro]) }
