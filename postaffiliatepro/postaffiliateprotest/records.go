package postaffiliateprotest

import (
	"math"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
)

// The record structs below are the fake's wire format. The v3 schemas are
// not public: the names are snake_case as the confirmed v3 names are
// (notification_email, created_at, data1-data5), the ids are the
// alphanumeric strings of the Post Affiliate Pro data model, statuses and
// transaction types the client's types (postaffiliatepro.Status,
// TransactionType and PayoutStatus: the one-letter codes of the data
// model, served as such), and amounts exact decimals in
// major units (postaffiliatepro.Amount), sent as JSON numbers (strings with
// WithStringNumbers).

// Affiliate is an affiliate as the fake stores and serves it.
type Affiliate struct {
	ID                string                  `json:"id"`
	ReferralID        string                  `json:"referral_id"`
	Username          string                  `json:"username"`
	NotificationEmail string                  `json:"notification_email"`
	FirstName         string                  `json:"firstname"`
	LastName          string                  `json:"lastname"`
	Status            postaffiliatepro.Status `json:"status"`
	ParentID          string                  `json:"parent_id"`
	Data1             string                  `json:"data1"`
	Data2             string                  `json:"data2"`
	CreatedAt         time.Time               `json:"created_at"`
	ApprovedAt        *time.Time              `json:"approved_at"`
}

// Transaction is a commission as the fake stores and serves it. Commission
// and TotalCost are exact amounts in major units (postaffiliatepro.Amount,
// built with postaffiliatepro.ParseAmount), served as they are stored.
type Transaction struct {
	ID           string                           `json:"id"`
	Type         postaffiliatepro.TransactionType `json:"type"`
	Status       postaffiliatepro.Status          `json:"status"`
	PayoutStatus postaffiliatepro.PayoutStatus    `json:"payout_status"`
	Commission   money.Amount                     `json:"commission"`
	TotalCost    money.Amount                     `json:"total_cost"`
	Currency     string                           `json:"currency"`
	OrderID      string                           `json:"order_id"`
	ProductID    string                           `json:"product_id"`
	CampaignID   string                           `json:"campaign_id"`
	AffiliateID  string                           `json:"affiliate_id"`
	BannerID     string                           `json:"banner_id"`
	Tier         int                              `json:"tier"`
	ActionCode   string                           `json:"action_code"`
	SystemNote   string                           `json:"system_note"`
	MerchantNote string                           `json:"merchant_note"`
	Data1        string                           `json:"data1"`
	Data2        string                           `json:"data2"`
	Data3        string                           `json:"data3"`
	Data4        string                           `json:"data4"`
	Data5        string                           `json:"data5"`
	IP           string                           `json:"ip"`
	CreatedAt    time.Time                        `json:"created_at"`
	ApprovedAt   *time.Time                       `json:"approved_at"`
}

// Campaign is a campaign as the fake stores and serves it.
type Campaign struct {
	ID             string    `json:"id"`
	Name           string    `json:"name"`
	Description    string    `json:"description"`
	Status         string    `json:"status"` // active or stopped
	Type           string    `json:"type"`   // public or private
	URL            string    `json:"url"`
	CookieLifetime int64     `json:"cookie_lifetime"` // days
	CommissionRate float64   `json:"commission_rate"` // percent of total_cost
	CreatedAt      time.Time `json:"created_at"`
}

// Banner is a banner as the fake stores and serves it.
type Banner struct {
	ID             string    `json:"id"`
	Name           string    `json:"name"`
	Type           string    `json:"type"` // image, text or html
	CampaignID     string    `json:"campaign_id"`
	DestinationURL string    `json:"destination_url"`
	Status         string    `json:"status"` // active or hidden
	Width          int       `json:"width"`
	Height         int       `json:"height"`
	CreatedAt      time.Time `json:"created_at"`
}

// Click is a row of the clicks report as the fake stores and serves it.
type Click struct {
	ID             string    `json:"id"`
	AffiliateID    string    `json:"affiliate_id"`
	CampaignID     string    `json:"campaign_id"`
	BannerID       string    `json:"banner_id"`
	DestinationURL string    `json:"destination_url"`
	ReferralURL    string    `json:"referral_url"`
	IP             string    `json:"ip"`
	UserAgent      string    `json:"user_agent"`
	CountryCode    string    `json:"country_code"`
	CreatedAt      time.Time `json:"created_at"`
}

// TopAffiliate is a row of the top-affiliates report, computed from the
// transactions and clicks; its amounts are exact sums.
type TopAffiliate struct {
	AffiliateID string       `json:"affiliate_id"`
	Username    string       `json:"username"`
	FirstName   string       `json:"firstname"`
	LastName    string       `json:"lastname"`
	ReferralID  string       `json:"referral_id"`
	Clicks      int          `json:"clicks"`
	Sales       int          `json:"sales"`
	Commission  money.Amount `json:"commission"`
	TotalCost   money.Amount `json:"total_cost"`
}

var (
	timeType   = reflect.TypeOf(time.Time{})
	amountType = reflect.TypeOf(money.Amount{})
)

// render turns a record into its wire object: times in the configured
// layout and zone (null when zero), numbers as numbers or strings.
func (s *Server) render(v any) map[string]any {
	rv := reflect.ValueOf(v)
	rt := rv.Type()
	out := make(map[string]any, rt.NumField())
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		out[name] = s.wireValue(rv.Field(i))
	}
	return out
}

func (s *Server) wireValue(f reflect.Value) any {
	switch {
	case f.Kind() == reflect.Pointer:
		if f.IsNil() {
			return nil
		}
		return s.wireValue(f.Elem())
	case f.Type() == timeType:
		t := f.Interface().(time.Time)
		if t.IsZero() {
			return nil
		}
		return t.In(s.dateLoc).Format(s.dateLayout)
	case f.Type() == amountType:
		return s.wireAmount(f.Interface().(money.Amount))
	case f.Kind() == reflect.Float64:
		// A rate (commission_rate, a percentage), not money.
		v := math.Round(f.Float()*100) / 100
		if s.stringNumbers {
			return strconv.FormatFloat(v, 'f', 2, 64)
		}
		return v
	case f.Kind() == reflect.Int:
		if s.stringNumbers {
			return strconv.FormatInt(f.Int(), 10)
		}
		return f.Int()
	}
	return f.Interface()
}

// fieldNames returns the wire names of a record type's fields.
func fieldNames(v any) map[string]bool {
	rt := reflect.TypeOf(v)
	out := make(map[string]bool, rt.NumField())
	for i := range rt.NumField() {
		name, _, _ := strings.Cut(rt.Field(i).Tag.Get("json"), ",")
		out[name] = true
	}
	return out
}
