package webhook

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/webhookkit"
	"github.com/affiliatekit/affiliatekit-go/refersion"
)

// The payload types follow the field lists of Refersion's webhook
// documentation. Its only example is cut short and writes money and counts
// as strings, so every field decodes from a string or a number (see the
// package documentation); unknown fields are ignored. Money decodes into
// an exact refersion.Amount in major units, from a number, a decimal
// string ("59.00") or a formatted one ("1,059.00"); a null stays null.

// Conversion is the payload of the conversion topics (New Conversion,
// Conversion Approved, Conversion Denied).
type Conversion struct {
	ID int64
	// Created and Updated are sent as "2006-01-02 15:04:05" with no zone,
	// read as UTC.
	Created time.Time
	Updated time.Time
	Status  refersion.ConversionStatus
	// DeniedReasonCode is the code of a denial; nil when Refersion sends
	// null (its example does for a pending conversion) or leaves it out.
	DeniedReasonCode *string
	// Reason explains a denial; "" otherwise (null reads as "").
	Reason           string
	Notes            string
	IsRecurring      bool
	IsTestConversion bool
	TotalItems       int
	// Total and CommissionTotal are exact decimals in major units of
	// Currency ("59.00" on the wire is "59.00 USD"), with Currency set.
	Total           refersion.Amount
	CommissionTotal refersion.Amount
	Currency        string
	PaymentStatus   refersion.PaymentStatus
	// PaymentID is the payout that paid the commission, "" until paid.
	PaymentID      string
	OrderID        string
	SubscriptionID string
	CouponCode     string
	// Source is the store platform that reported the order, e.g. SHOPIFY.
	Source string
	// Affiliate holds the referring affiliate's id, code, name and email.
	Affiliate *refersion.Affiliate
	Offer     *Offer
	// Customer is sent to merchants only.
	Customer *Customer
	Click    *Click
	// Merchant and ProductNames are sent to marketplace affiliates only.
	Merchant     *Merchant
	ProductNames []string
}

// Offer is the offer a commission was computed under.
type Offer struct {
	ID   string
	Name string
	// Type and Amount describe the commission rule (such as a percentage
	// or a flat rate), as Refersion sends them.
	Type   string
	Amount string
}

// Customer is the buyer of a converted order.
type Customer struct {
	Name      string
	Email     string
	BrowserIP string
}

// Click is the affiliate click a conversion is attributed to.
type Click struct {
	Created    time.Time
	Referer    string
	LandedURL  string
	IP         string
	SubID      string
	CreativeID string
}

// Merchant is the brand a marketplace affiliate promoted.
type Merchant struct {
	Name string
}

type wireAffiliateRef struct {
	ID        webhookkit.String `json:"id"`
	Code      webhookkit.String `json:"code"`
	FirstName string            `json:"first_name"`
	LastName  string            `json:"last_name"`
	Email     string            `json:"email"`
}

func (a *wireAffiliateRef) affiliate() *refersion.Affiliate {
	if a == nil {
		return nil
	}
	return &refersion.Affiliate{
		ID: refersion.FlexString(a.ID), Code: string(a.Code),
		FirstName: a.FirstName, LastName: a.LastName, Email: a.Email,
	}
}

type wireConversion struct {
	ID               webhookkit.Int     `json:"id"`
	Created          webhookkit.Time    `json:"created"`
	Updated          webhookkit.Time    `json:"updated"`
	Status           string             `json:"status"`
	DeniedReasonCode *webhookkit.String `json:"denied_reason_code"`
	Reason           webhookkit.String  `json:"reason"`
	Notes            webhookkit.String  `json:"notes"`
	IsRecurring      webhookkit.Bool    `json:"is_recurring"`
	IsTestConversion webhookkit.Bool    `json:"is_test_conversion"`
	TotalItems       webhookkit.Int     `json:"total_items"`
	Total            wireAmount         `json:"total"`
	CommissionTotal  wireAmount         `json:"commission_total"`
	Currency         string             `json:"currency"`
	PaymentStatus    string             `json:"payment_status"`
	PaymentID        webhookkit.String  `json:"payment_id"`
	OrderID          webhookkit.String  `json:"order_id"`
	SubscriptionID   webhookkit.String  `json:"subscription_id"`
	CouponCode       webhookkit.String  `json:"coupon_code"`
	Source           webhookkit.String  `json:"source"`
	Affiliate        *wireAffiliateRef  `json:"affiliate"`
	Offer            *struct {
		ID     webhookkit.String `json:"id"`
		Name   string            `json:"name"`
		Type   webhookkit.String `json:"type"`
		Amount webhookkit.String `json:"amount"`
	} `json:"offer"`
	Customer *struct {
		Name      string            `json:"name"`
		Email     string            `json:"email"`
		BrowserIP webhookkit.String `json:"browser_ip"`
	} `json:"customer"`
	Click *struct {
		Created    webhookkit.Time   `json:"created"`
		Referer    webhookkit.String `json:"referer"`
		LandedURL  webhookkit.String `json:"landed_url"`
		IP         webhookkit.String `json:"ip"`
		SubID      webhookkit.String `json:"sub_id"`
		CreativeID webhookkit.String `json:"creative_id"`
	} `json:"click"`
	Merchant *struct {
		Name string `json:"name"`
	} `json:"merchant"`
	ProductNames []string `json:"product_names"`
}

// UnmarshalJSON decodes the wire form, tolerating numbers and booleans sent
// as strings.
func (c *Conversion) UnmarshalJSON(b []byte) error {
	var w wireConversion
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*c = Conversion{
		ID:               int64(w.ID),
		Created:          time.Time(w.Created),
		Updated:          time.Time(w.Updated),
		Status:           refersion.ConversionStatus(w.Status),
		DeniedReasonCode: optString(w.DeniedReasonCode),
		Reason:           string(w.Reason),
		Notes:            string(w.Notes),
		IsRecurring:      bool(w.IsRecurring),
		IsTestConversion: bool(w.IsTestConversion),
		TotalItems:       int(w.TotalItems),
		Total:            refersion.Amount(w.Total).WithCurrency(w.Currency),
		CommissionTotal:  refersion.Amount(w.CommissionTotal).WithCurrency(w.Currency),
		Currency:         w.Currency,
		PaymentStatus:    refersion.PaymentStatus(w.PaymentStatus),
		PaymentID:        string(w.PaymentID),
		OrderID:          string(w.OrderID),
		SubscriptionID:   string(w.SubscriptionID),
		CouponCode:       string(w.CouponCode),
		Source:           string(w.Source),
		Affiliate:        w.Affiliate.affiliate(),
		ProductNames:     w.ProductNames,
	}
	if o := w.Offer; o != nil {
		c.Offer = &Offer{ID: string(o.ID), Name: o.Name, Type: string(o.Type), Amount: string(o.Amount)}
	}
	if cu := w.Customer; cu != nil {
		c.Customer = &Customer{Name: cu.Name, Email: cu.Email, BrowserIP: string(cu.BrowserIP)}
	}
	if k := w.Click; k != nil {
		c.Click = &Click{Created: time.Time(k.Created), Referer: string(k.Referer), LandedURL: string(k.LandedURL),
			IP: string(k.IP), SubID: string(k.SubID), CreativeID: string(k.CreativeID)}
	}
	if m := w.Merchant; m != nil {
		c.Merchant = &Merchant{Name: m.Name}
	}
	return nil
}

// Affiliate is the payload of the affiliate topics (New Affiliate,
// Affiliate Status Change, Affiliate Details Change, Bonus Tier Movement):
// the client's refersion.Affiliate, with ID the numeric affiliate id, Code
// the affiliate code, OfferID the offer's id and CustomFields labelled by
// the fields' names, plus the details only webhooks carry.
type Affiliate struct {
	refersion.Affiliate
	PaypalEmail string
	Address1    string
	Address2    string
	City        string
	State       string
	Zip         string
	// Country is a two-letter code.
	Country     string
	PhoneNumber string
	// Source is how the affiliate signed up.
	Source string
	// LastLogin and LastConversion are nil when the affiliate has none.
	LastLogin      *time.Time
	LastConversion *time.Time
	// OfferName is the name of the affiliate's offer.
	OfferName         string
	IsMarketplaceUser bool
	// Reward is set by Bonus Tier Movement: the milestone reached.
	Reward *BonusReward
}

// BonusReward is a bonus-tier milestone an affiliate reached.
type BonusReward struct {
	ID               string
	OfferID          string
	MilestoneReached string
	// AmountGiven is the bonus, an exact decimal in major units of the
	// account's currency; the payload names no currency, so Currency() is
	// "".
	AmountGiven refersion.Amount
	Notes       string
}

type wireAffiliate struct {
	ID             webhookkit.String `json:"id"`
	Code           webhookkit.String `json:"code"`
	Status         string            `json:"status"`
	LastLogin      webhookkit.Time   `json:"last_login"`
	LastConversion webhookkit.Time   `json:"last_conversion"`
	FirstName      string            `json:"first_name"`
	LastName       string            `json:"last_name"`
	Email          string            `json:"email"`
	PaypalEmail    string            `json:"paypal_email"`
	Company        string            `json:"company"`
	Address1       string            `json:"address_1"`
	Address2       string            `json:"address_2"`
	City           string            `json:"city"`
	State          string            `json:"state"`
	Zip            webhookkit.String `json:"zip"`
	Country        string            `json:"country"`
	PhoneNumber    webhookkit.String `json:"phone_number"`
	Source         webhookkit.String `json:"source"`
	CustomFields   []struct {
		ID    webhookkit.String `json:"id"`
		Name  string            `json:"name"`
		Value webhookkit.String `json:"value"`
	} `json:"custom_fields"`
	Offer *struct {
		ID   webhookkit.String `json:"id"`
		Name string            `json:"name"`
	} `json:"offer"`
	IsMarketplaceUser webhookkit.Bool `json:"is_marketplace_user"`
	Reward            *struct {
		ID               webhookkit.String `json:"id"`
		OfferID          webhookkit.String `json:"offer_id"`
		MilestoneReached webhookkit.String `json:"milestone_reached"`
		AmountGiven      wireAmount        `json:"amount_given"`
		Notes            webhookkit.String `json:"notes"`
	} `json:"reward"`
}

// UnmarshalJSON decodes the wire form.
func (a *Affiliate) UnmarshalJSON(b []byte) error {
	var w wireAffiliate
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*a = Affiliate{
		Affiliate: refersion.Affiliate{
			ID: refersion.FlexString(w.ID), Code: string(w.Code), Status: refersion.AffiliateStatus(w.Status),
			FirstName: w.FirstName, LastName: w.LastName, CompanyName: w.Company, Email: w.Email,
		},
		PaypalEmail: w.PaypalEmail, Address1: w.Address1, Address2: w.Address2, City: w.City, State: w.State,
		Zip: string(w.Zip), Country: w.Country, PhoneNumber: string(w.PhoneNumber), Source: string(w.Source),
		LastLogin: w.LastLogin.Ptr(), LastConversion: w.LastConversion.Ptr(),
		IsMarketplaceUser: bool(w.IsMarketplaceUser),
	}
	for _, f := range w.CustomFields {
		a.CustomFields = append(a.CustomFields, refersion.CustomField{Label: f.Name, Value: string(f.Value)})
	}
	if o := w.Offer; o != nil {
		a.OfferID, a.OfferName = refersion.FlexString(o.ID), o.Name
	}
	if r := w.Reward; r != nil {
		a.Reward = &BonusReward{ID: string(r.ID), OfferID: string(r.OfferID), MilestoneReached: string(r.MilestoneReached),
			AmountGiven: refersion.Amount(r.AmountGiven), Notes: string(r.Notes)}
	}
	return nil
}

// ConversionTrigger is the payload of New Conversion Trigger: a coupon
// code, SKU or email address that now credits an affiliate.
type ConversionTrigger struct {
	ID          int64
	AffiliateID int64
	// Trigger is the value, e.g. CUSTOMER@TRIGGER.COM or a coupon code.
	Trigger string
	Type    refersion.TriggerType
}

// UnmarshalJSON decodes the wire form.
func (t *ConversionTrigger) UnmarshalJSON(b []byte) error {
	var w struct {
		ID          webhookkit.Int    `json:"id"`
		AffiliateID webhookkit.Int    `json:"affiliate_id"`
		Trigger     webhookkit.String `json:"trigger"`
		Type        string            `json:"type"`
	}
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*t = ConversionTrigger{ID: int64(w.ID), AffiliateID: int64(w.AffiliateID), Trigger: string(w.Trigger),
		Type: refersion.TriggerType(w.Type)}
	return nil
}

// wireAmount is an amount sent as a JSON number, a decimal string ("59.00")
// or a formatted string ("1,059.00"); "" reads as zero and null stays null.
type wireAmount refersion.Amount

// UnmarshalJSON implements json.Unmarshaler.
func (a *wireAmount) UnmarshalJSON(b []byte) error {
	var v refersion.Amount
	if err := v.UnmarshalJSON(b); err == nil {
		*a = wireAmount(v)
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("%s is not an amount", b)
	}
	s = strings.NewReplacer(",", "", " ", "").Replace(s)
	if s == "" {
		*a = wireAmount{}
		return nil
	}
	v, err := refersion.ParseAmount(s, "")
	if err != nil {
		return fmt.Errorf("%s is not an amount", b)
	}
	*a = wireAmount(v)
	return nil
}

// optString is a nullable string: nil for null or absent.
func optString(s *webhookkit.String) *string {
	if s == nil {
		return nil
	}
	v := string(*s)
	return &v
}
