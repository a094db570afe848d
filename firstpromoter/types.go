package firstpromoter

import (
	"net/url"
	"strconv"
	"time"
)

// Date is a calendar day sent as YYYY-MM-DD in filters. Its zero value is
// omitted.
type Date struct {
	time.Time
}

// NewDate returns the Date of year, month and day.
func NewDate(year int, month time.Month, day int) Date {
	return Date{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// EncodeValues implements go-querystring's Encoder.
func (d Date) EncodeValues(key string, v *url.Values) error {
	if !d.IsZero() {
		v.Set(key, d.Format(time.DateOnly))
	}
	return nil
}

// DateRange filters on a date field: filters[<field>][from]/[to].
type DateRange struct {
	From Date `url:"from,omitempty"`
	To   Date `url:"to,omitempty"`
}

// IntRange filters on a numeric field: filters[<field>][from]/[to].
type IntRange struct {
	From *int64 `url:"from,omitempty"`
	To   *int64 `url:"to,omitempty"`
}

// SortOrder is asc or desc.
type SortOrder string

// Sort orders.
const (
	Asc  SortOrder = "asc"
	Desc SortOrder = "desc"
)

// YesNo is the "yes"/"no" value some filters take.
type YesNo string

// YesNo values.
const (
	Yes YesNo = "yes"
	No  YesNo = "no"
)

// PromoterRef is the short promoter object nested in other resources.
type PromoterRef struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
}

// CampaignRef is the short campaign object nested in other resources.
type CampaignRef struct {
	ID    int64  `json:"id"`
	Name  string `json:"name"`
	Color string `json:"color"`
}

// PromoterCampaignRef links a promoter to a campaign, as nested in
// referrals and commissions.
type PromoterCampaignRef struct {
	ID         int64        `json:"id"`
	CampaignID int64        `json:"campaign_id"`
	PromoterID int64        `json:"promoter_id"`
	CreatedAt  time.Time    `json:"created_at"`
	Promoter   *PromoterRef `json:"promoter"`
	Campaign   *CampaignRef `json:"campaign"`
}

// SplitDetail is one share of a split referral or commission.
type SplitDetail struct {
	PromoterCampaignID int64 `json:"promoter_campaign_id"`
	PromoterID         int64 `json:"promoter_id,omitempty"`
	Percentage         int   `json:"percentage"`
}

// NullableID is an id in a request body that can also be sent as null.
// Fields of type *NullableID leave the value unchanged when nil; SetID
// sends an id and ClearID sends null.
type NullableID struct {
	// ID is sent when Valid; otherwise null is.
	ID    int64
	Valid bool
}

// SetID returns a *NullableID that sends id.
func SetID(id int64) *NullableID { return &NullableID{ID: id, Valid: true} }

// ClearID returns a *NullableID that sends null.
func ClearID() *NullableID { return &NullableID{} }

// MarshalJSON sends the id, or null when not Valid.
func (n NullableID) MarshalJSON() ([]byte, error) {
	if !n.Valid {
		return []byte("null"), nil
	}
	return strconv.AppendInt(nil, n.ID, 10), nil
}
