package everflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fieldcopy"
	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// PixelsService manages partner postback configurations (Everflow calls
// them pixels): networks/pixels. The log of fired postbacks is
// PostbacksService.
type PixelsService service

// DeliveryMethod is how a postback is fired.
type DeliveryMethod string

// Delivery methods.
const (
	DeliveryPostback DeliveryMethod = "postback"
	DeliveryHTML     DeliveryMethod = "html"
	DeliveryFacebook DeliveryMethod = "facebook"
	DeliveryTikTok   DeliveryMethod = "tiktok"
	DeliverySnapchat DeliveryMethod = "snapchat"
	DeliveryRumble   DeliveryMethod = "rumble"
)

// PixelLevel is the scope of a postback.
type PixelLevel string

// Pixel levels.
const (
	// PixelGlobal fires for one affiliate on all offers.
	PixelGlobal PixelLevel = "global"
	// PixelSpecific fires for one affiliate on one offer.
	PixelSpecific PixelLevel = "specific"
	// PixelGlobalOffer fires for all affiliates on one offer.
	PixelGlobalOffer PixelLevel = "global_offer"
)

// PixelStatus is active or inactive.
type PixelStatus string

// Pixel statuses.
const (
	PixelActive   PixelStatus = "active"
	PixelInactive PixelStatus = "inactive"
)

// PixelType is what triggers a postback.
type PixelType string

// Pixel types.
const (
	PixelConversion PixelType = "conversion"
	PixelEvent      PixelType = "event"
	PixelCPC        PixelType = "cpc"
	// PixelPostConversion appears in the affiliate API.
	PixelPostConversion PixelType = "post_conversion"
)

// MaxPixelDelay is the longest delay_ms a postback may have (5 minutes).
const MaxPixelDelay = 300000

// Pixel is a partner postback configuration.
type Pixel struct {
	NetworkPixelID     int64 `json:"network_pixel_id"`
	NetworkID          int64 `json:"network_id"`
	NetworkAffiliateID int64 `json:"network_affiliate_id"`
	NetworkOfferID     int64 `json:"network_offer_id"`
	// NetworkOfferPayoutRevenueID is the event; 0 means any.
	NetworkOfferPayoutRevenueID int64          `json:"network_offer_payout_revenue_id"`
	DeliveryMethod              DeliveryMethod `json:"delivery_method"`
	PixelLevel                  PixelLevel     `json:"pixel_level"`
	PixelStatus                 PixelStatus    `json:"pixel_status"`
	PixelType                   PixelType      `json:"pixel_type"`
	PostbackURL                 string         `json:"postback_url"`
	HTMLCode                    string         `json:"html_code"`
	Description                 string         `json:"description"`
	// DelayMS delays the postback, up to MaxPixelDelay milliseconds.
	DelayMS int `json:"delay_ms"`
	// TimeCreated and TimeSaved are sent as unix seconds.
	TimeCreated time.Time `json:"time_created"`
	TimeSaved   time.Time `json:"time_saved"`
	// The integration settings of the facebook, tiktok, snapchat and
	// rumble delivery methods, nil when unset.
	FacebookPixel map[string]any     `json:"facebook_pixel"`
	TiktokPixel   map[string]any     `json:"tiktok_pixel"`
	SnapchatPixel map[string]any     `json:"snapchat_pixel"`
	RumblePixel   map[string]any     `json:"rumble_pixel"`
	Relationship  *PixelRelationship `json:"relationship"`
	// Other holds the top-level members this package does not model, as
	// sent. UpdateParams passes them on, so that a whole-record update
	// sends them back unchanged; MarshalJSON encodes them again.
	Other map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the unix-second timestamps and keeps the members
// it does not model in Other.
func (p *Pixel) UnmarshalJSON(b []byte) error {
	type plain Pixel
	return tolerant.UnmarshalRest(b, &struct {
		*plain
		TimeCreated *tolerant.Unix `json:"time_created"`
		TimeSaved   *tolerant.Unix `json:"time_saved"`
	}{(*plain)(p), (*tolerant.Unix)(&p.TimeCreated), (*tolerant.Unix)(&p.TimeSaved)}, &p.Other)
}

// MarshalJSON encodes the pixel with the members kept in Other.
func (p Pixel) MarshalJSON() ([]byte, error) {
	type plain Pixel
	return tolerant.MarshalRest(plain(p), p.Other)
}

// PixelRelationship is the "relationship" object of a pixel.
type PixelRelationship struct {
	Affiliate     *Affiliate      `json:"affiliate"`
	Offer         *Offer          `json:"offer"`
	PayoutRevenue json.RawMessage `json:"payout_revenue"`
}

// PixelListOptions page through GET networks/pixels.
type PixelListOptions struct {
	ListParams
	// Filters adds basic filters.
	Filters []BasicFilter
}

// List iterates over the postback configurations.
func (s *PixelsService) List(ctx context.Context, opts ...*PixelListOptions) iter.Seq2[*Pixel, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of postback configurations: GET
// networks/pixels. Everflow does not document paging here; when the
// response has no paging object a full page is taken to have a successor.
func (s *PixelsService) ListPage(ctx context.Context, opts *PixelListOptions) ([]*Pixel, *Response, error) {
	o := copyOpts(opts)
	return getPage[Pixel](ctx, s.client, "networks/pixels", "pixels", o.Filters, nil, &o.ListParams)
}

// PixelSearchOptions are the search terms and filters of POST
// networks/pixelstable. Everflow does not document the filter names, so
// Filters is sent as given.
type PixelSearchOptions struct {
	ListParams
	SearchTerms []SearchTerm
	Filters     map[string]any
}

// Search iterates over the postback configurations matching a table
// search.
func (s *PixelsService) Search(ctx context.Context, opts ...*PixelSearchOptions) iter.Seq2[*Pixel, error] {
	return list(ctx, opts, s.SearchPage)
}

// SearchPage fetches one page of a table search: POST networks/pixelstable.
func (s *PixelsService) SearchPage(ctx context.Context, opts *PixelSearchOptions) ([]*Pixel, *Response, error) {
	o := copyOpts(opts)
	body := tableBody[map[string]any]{SearchTerms: o.SearchTerms, Filters: o.Filters}
	if body.Filters == nil {
		body.Filters = map[string]any{}
	}
	return postPage[Pixel](ctx, s.client, "networks/pixelstable", "pixels", body, nil, &o.ListParams)
}

// Get returns one postback configuration: GET networks/pixels/{id}.
func (s *PixelsService) Get(ctx context.Context, id int64, opts ...RequestOption) (*Pixel, error) {
	return record(ctx, s.client, get(transport.Join("networks/pixels/%s", id)), pixelRecord, opts)
}

func pixelRecord(p *Pixel) *transport.Checked[Pixel] {
	return transport.Record(p, "network_pixel_id", func(v *Pixel) bool { return v.NetworkPixelID != 0 })
}

// PixelCreateParams is the body of POST networks/pixels.
//
// PixelLevel decides the ids: global needs NetworkAffiliateID (offer 0),
// specific needs both, global_offer needs NetworkOfferID (affiliate 0).
// DeliveryMethod decides the payload: PostbackURL (http:// or https://)
// for postback, HTMLCode for html, the matching *Pixel settings for the
// others.
type PixelCreateParams struct {
	NetworkAffiliateID          int64          `json:"network_affiliate_id"`
	NetworkOfferID              int64          `json:"network_offer_id"`
	NetworkOfferPayoutRevenueID int64          `json:"network_offer_payout_revenue_id"`
	DeliveryMethod              DeliveryMethod `json:"delivery_method"`
	PixelLevel                  PixelLevel     `json:"pixel_level"`
	PixelStatus                 PixelStatus    `json:"pixel_status"`
	PixelType                   PixelType      `json:"pixel_type"`
	PostbackURL                 string         `json:"postback_url"`
	HTMLCode                    string         `json:"html_code"`
	Description                 string         `json:"description"`
	DelayMS                     int            `json:"delay_ms"`
	FacebookPixel               map[string]any `json:"facebook_pixel,omitempty"`
	TiktokPixel                 map[string]any `json:"tiktok_pixel,omitempty"`
	SnapchatPixel               map[string]any `json:"snapchat_pixel,omitempty"`
	RumblePixel                 map[string]any `json:"rumble_pixel,omitempty"`
	// Other holds further top-level members to send; Pixel.UpdateParams
	// fills it with the record's members this package does not model. A
	// typed field wins over a member of the same name here.
	Other map[string]json.RawMessage `json:"-"`
}

// MarshalJSON encodes the params with the members of Other.
func (p PixelCreateParams) MarshalJSON() ([]byte, error) {
	type plain PixelCreateParams
	return tolerant.MarshalRest(plain(p), p.Other)
}

func (p *PixelCreateParams) check() error {
	switch {
	case p == nil:
		return errors.New("params are required")
	case p.DeliveryMethod == "" || p.PixelLevel == "" || p.PixelStatus == "" || p.PixelType == "":
		return errors.New("DeliveryMethod, PixelLevel, PixelStatus and PixelType are required")
	case p.DelayMS < 0 || p.DelayMS > MaxPixelDelay:
		return fmt.Errorf("DelayMS must be 0..%d, got %d", MaxPixelDelay, p.DelayMS)
	}
	return nil
}

// Create adds a postback configuration. It is not retried after it may
// have reached the server.
func (s *PixelsService) Create(ctx context.Context, params *PixelCreateParams, opts ...RequestOption) (*Pixel, error) {
	if err := params.check(); err != nil {
		return nil, fmt.Errorf("everflow: create pixel: %w", err)
	}
	return record(ctx, s.client, post("networks/pixels", params), pixelRecord, opts)
}

// PixelUpdateParams is the body of PUT networks/pixels/{id}: like the
// affiliate update, a full replacement. Start from Pixel.UpdateParams.
type PixelUpdateParams PixelCreateParams

// MarshalJSON encodes the params with the members of Other.
func (p PixelUpdateParams) MarshalJSON() ([]byte, error) {
	return PixelCreateParams(p).MarshalJSON()
}

// UpdateParams returns the params that replace the pixel with its current
// state, to change and pass to Update: every member read is sent back,
// the ones this package does not model (Other) included.
func (p *Pixel) UpdateParams() *PixelUpdateParams {
	u := new(PixelUpdateParams)
	fieldcopy.Copy(u, p)
	return u
}

// Update replaces the postback configuration with the given id: PUT
// networks/pixels/{id}.
func (s *PixelsService) Update(ctx context.Context, id int64, params *PixelUpdateParams, opts ...RequestOption) (*Pixel, error) {
	if err := (*PixelCreateParams)(params).check(); err != nil {
		return nil, fmt.Errorf("everflow: update pixel: %w", err)
	}
	return record(ctx, s.client, put(transport.Join("networks/pixels/%s", id), params), pixelRecord, opts)
}
