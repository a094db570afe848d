package firstpromotertest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"time"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
)

// TimeFormat is the layout of every timestamp the API sends: ISO 8601 in
// UTC with milliseconds, e.g. "2024-09-11T14:20:50.403Z".
const TimeFormat = "2006-01-02T15:04:05.000Z"

// Timestamp is a point in time sent in TimeFormat. Its zero value is sent
// as JSON null, which is how the API writes an unset timestamp.
type Timestamp struct {
	time.Time
}

// At returns t as a Timestamp truncated to milliseconds.
func At(t time.Time) Timestamp {
	if t.IsZero() {
		return Timestamp{}
	}
	return Timestamp{t.UTC().Truncate(time.Millisecond)}
}

// MarshalJSON writes the timestamp in TimeFormat, or null when zero.
func (t Timestamp) MarshalJSON() ([]byte, error) {
	if t.IsZero() {
		return []byte("null"), nil
	}
	return []byte(`"` + t.UTC().Format(TimeFormat) + `"`), nil
}

// UnmarshalJSON reads RFC 3339 (with or without fraction), "YYYY-MM-DD
// HH:MM:SS" and "YYYY-MM-DD"; null and "" give the zero value.
func (t *Timestamp) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*t = Timestamp{}
		return nil
	}
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return fmt.Errorf("timestamp: %w", err)
	}
	if s == "" {
		*t = Timestamp{}
		return nil
	}
	v, err := parseTime(s)
	if err != nil {
		return err
	}
	*t = At(v)
	return nil
}

// parseTime accepts the date and time forms clients send.
func parseTime(s string) (time.Time, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02 15:04:05", time.DateOnly} {
		if v, err := time.Parse(layout, s); err == nil {
			return v.UTC(), nil
		}
	}
	return time.Time{}, fmt.Errorf("unrecognised date or time %q", s)
}

// NullString is a string sent as JSON null when empty: the API writes
// null for unset text fields.
type NullString string

// Null is a NullString sent as JSON null where the server would
// otherwise fill a default: set a commission's FraudCheck to Null to have
// it answered as "fraud_check": null. An empty NullString is sent as null
// too.
const Null NullString = "\x00null"

// MarshalJSON writes the string, or null when empty or Null.
func (s NullString) MarshalJSON() ([]byte, error) {
	if s == "" || s == Null {
		return []byte("null"), nil
	}
	return json.Marshal(string(s))
}

// UnmarshalJSON reads a string, a number (kept as its text) or null.
func (s *NullString) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		*s = ""
		return nil
	}
	var v string
	if err := json.Unmarshal(b, &v); err == nil {
		*s = NullString(v)
		return nil
	}
	var n json.Number
	if err := json.Unmarshal(b, &n); err != nil {
		return fmt.Errorf("string: %w", err)
	}
	*s = NullString(n.String())
	return nil
}

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

// PromoterCampaignRef is the promoter campaign nested in referrals and
// commissions.
type PromoterCampaignRef struct {
	ID         int64        `json:"id"`
	CampaignID int64        `json:"campaign_id"`
	PromoterID int64        `json:"promoter_id"`
	CreatedAt  Timestamp    `json:"created_at"`
	Promoter   *PromoterRef `json:"promoter"`
	Campaign   *CampaignRef `json:"campaign"`
}

// ReferralRef is the short referral object nested in commissions and
// tracking responses.
type ReferralRef struct {
	ID    int64      `json:"id"`
	Email NullString `json:"email"`
	UID   NullString `json:"uid"`
}

// RewardRef is the short reward object nested in commissions and promo
// codes.
type RewardRef struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// SplitDetail is one share of a split referral.
type SplitDetail struct {
	PromoterCampaignID int64 `json:"promoter_campaign_id"`
	PromoterID         int64 `json:"promoter_id"`
	Percentage         int   `json:"percentage"`
}

// PayoutMethodRef is a promoter's selected payout method.
type PayoutMethodRef struct {
	ID         int64     `json:"id"`
	Method     string    `json:"method"`
	DateAdded  Timestamp `json:"date_added"`
	IsDisabled bool      `json:"is_disabled"`
}

// PayoutMethod is the payout method nested in payouts.
type PayoutMethod struct {
	ID             int64          `json:"id"`
	Method         string         `json:"method"`
	DateAdded      Timestamp      `json:"date_added"`
	IsDisabled     bool           `json:"is_disabled"`
	Meta           map[string]any `json:"meta"`
	IsSelected     bool           `json:"is_selected"`
	Details        map[string]any `json:"details"`
	ManagedPayouts bool           `json:"managed_payouts"`
}

// CampaignReward is one reward rule of a campaign or promoter campaign.
type CampaignReward struct {
	// ApplyOn is monthly, yearly, one_time, all or specific.
	ApplyOn    firstpromoter.ApplyOn `json:"apply_on"`
	ProductIDs []int64               `json:"product_ids"`
	RewardID   int64                 `json:"reward_id"`
	Reward     *RewardDetails        `json:"reward"`
	Products   []RewardRef           `json:"products"`
}

// RewardDetails describes the reward of a CampaignReward.
type RewardDetails struct {
	Name               string     `json:"name"`
	PromoterRewardType string     `json:"promoter_reward_type"`
	HideReward         bool       `json:"hide_reward"`
	TierLevel          int        `json:"tier_level"`
	Coupon             NullString `json:"coupon"`
}

// idString formats an id for messages and map keys.
func idString(id int64) string { return strconv.FormatInt(id, 10) }
