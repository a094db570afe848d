package everflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// ClicksService reads raw clicks: networks/reporting/clicks.
type ClicksService service

// ClickStreamLimit is the most clicks one stream request returns.
const ClickStreamLimit = 10000

// Click is one raw click. Payout and Revenue are exact decimals in full
// units of CurrencyID and carry that currency.
type Click struct {
	TransactionID string `json:"transaction_id"`
	// IsUnique is sent as 0/1 by the network report (a boolean by the
	// affiliate one); both decode.
	IsUnique bool `json:"is_unique"`
	// UnixTimestamp is sent as unix seconds, always UTC.
	UnixTimestamp time.Time `json:"unix_timestamp"`
	TrackingURL   string    `json:"tracking_url"`
	SourceID      string    `json:"source_id"`
	Sub1          string    `json:"sub1"`
	Sub2          string    `json:"sub2"`
	Sub3          string    `json:"sub3"`
	Sub4          string    `json:"sub4"`
	Sub5          string    `json:"sub5"`
	PayoutType    string    `json:"payout_type"`
	RevenueType   string    `json:"revenue_type"`
	Payout        Amount    `json:"payout"`
	Revenue       Amount    `json:"revenue"`
	Referer       string    `json:"referer"`
	UserIP        string    `json:"user_ip"`
	ErrorCode     int       `json:"error_code"`
	ErrorMessage  string    `json:"error_message"`
	IsViewThrough bool      `json:"is_view_through"`
	IsTestMode    bool      `json:"is_test_mode"`
	HasConversion bool      `json:"has_conversion"`
	IsPassThrough bool      `json:"is_pass_through"`
	IsSDKClick    bool      `json:"is_sdk_click"`
	CreativeID    int64     `json:"creative_id"`
	CouponCode    string    `json:"coupon_code"`
	CurrencyID    string    `json:"currency_id"`

	Relationship *ClickRelationship `json:"relationship"`
}

// UnmarshalJSON decodes the timestamp and the 0/1 booleans, and gives the
// amounts the click's currency.
func (c *Click) UnmarshalJSON(b []byte) error {
	type plain Click
	err := json.Unmarshal(b, &struct {
		*plain
		UnixTimestamp *tolerant.Unix `json:"unix_timestamp"`
		IsUnique      *tolerant.Bool `json:"is_unique"`
		IsViewThrough *tolerant.Bool `json:"is_view_through"`
		IsTestMode    *tolerant.Bool `json:"is_test_mode"`
		HasConversion *tolerant.Bool `json:"has_conversion"`
		IsPassThrough *tolerant.Bool `json:"is_pass_through"`
		IsSDKClick    *tolerant.Bool `json:"is_sdk_click"`
	}{(*plain)(c), (*tolerant.Unix)(&c.UnixTimestamp), (*tolerant.Bool)(&c.IsUnique), (*tolerant.Bool)(&c.IsViewThrough),
		(*tolerant.Bool)(&c.IsTestMode), (*tolerant.Bool)(&c.HasConversion), (*tolerant.Bool)(&c.IsPassThrough), (*tolerant.Bool)(&c.IsSDKClick)})
	money.SetCurrency(c.CurrencyID, &c.Payout, &c.Revenue)
	return err
}

// ClickRelationship is the "relationship" object of a click.
type ClickRelationship struct {
	Offer       *Offer       `json:"offer"`
	Affiliate   *Affiliate   `json:"affiliate"`
	Geolocation *Geolocation `json:"geolocation"`
	// Other holds advertiser, device_information, ... as sent.
	Other map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the members it does not model in Other.
func (r *ClickRelationship) UnmarshalJSON(b []byte) error {
	type plain ClickRelationship
	return tolerant.UnmarshalRest(b, (*plain)(r), &r.Other)
}

// Geolocation is where a click came from.
type Geolocation struct {
	CountryCode string `json:"country_code"`
	DMA         int    `json:"dma"`
	IsProxy     bool   `json:"is_proxy"`
	// Other holds the remaining members (region, city, ...), as sent.
	Other map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON keeps the members it does not model in Other.
func (g *Geolocation) UnmarshalJSON(b []byte) error {
	type plain Geolocation
	return tolerant.UnmarshalRest(b, &struct {
		*plain
		IsProxy *tolerant.Bool `json:"is_proxy"`
	}{(*plain)(g), (*tolerant.Bool)(&g.IsProxy)}, &g.Other)
}

// ClickStreamParams select raw clicks.
type ClickStreamParams struct {
	// From and To bound the window, at most MaxClickWindow (14 days) long;
	// raw clicks are kept three months. They are sent as
	// YYYY-MM-DD HH:MM:SS wall-clock times read in TimezoneID.
	From time.Time
	To   time.Time
	// TimezoneID is required.
	TimezoneID int
	Query      Query
}

// ClickStream is the answer of the click stream.
type ClickStream struct {
	Clicks []*Click
	// Truncated is set when ClickStreamLimit clicks came back: there may be
	// more. Narrow the window (e.g. start From at the last click's time)
	// to read the rest.
	Truncated bool
}

// Stream returns the raw clicks of a window: POST
// networks/reporting/clicks/stream. It only reads, so it is retried like
// a GET.
func (s *ClicksService) Stream(ctx context.Context, params *ClickStreamParams, opts ...RequestOption) (*ClickStream, error) {
	const path = "networks/reporting/clicks/stream"
	body, err := params.body()
	if err != nil {
		return nil, fmt.Errorf("everflow: POST %s: %w", path, err)
	}
	clicks, sent, err := all[Click](ctx, s.client, read(path, body), "clicks", opts)
	if err != nil {
		return nil, err
	}
	// Truncated counts the rows as sent, before nulls are dropped.
	return &ClickStream{Clicks: clicks, Truncated: sent >= ClickStreamLimit}, nil
}

type clickBody struct {
	wireWindow
	Query *Query `json:"query,omitempty"`
}

func (p *ClickStreamParams) body() (clickBody, error) {
	if p == nil {
		//lint:ignore ST1005 the message starts with the Go field's name
		return clickBody{}, errors.New("From, To and TimezoneID are required")
	}
	w, err := clickWindow(p.From, p.To, p.TimezoneID)
	return clickBody{wireWindow: w, Query: p.Query.orNil()}, err
}

// Get returns one click by its transaction id: GET
// networks/reporting/clicks/{transactionID}.
func (s *ClicksService) Get(ctx context.Context, transactionID string, opts ...RequestOption) (*Click, error) {
	if transactionID == "" {
		return nil, errors.New("everflow: get click: empty transaction id")
	}
	return record(ctx, s.client, get(transport.Join("networks/reporting/clicks/%s", transactionID)), func(c *Click) *transport.Checked[Click] {
		return transport.Record(c, "transaction_id", func(v *Click) bool { return v.TransactionID != "" })
	}, opts)
}
