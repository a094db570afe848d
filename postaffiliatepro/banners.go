package postaffiliatepro

import (
	"context"
	"encoding/json"
	"iter"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
)

// BannersService reads banners (promotional materials): /banners.
type BannersService service

// Banner is a promotional material affiliates place: an image, text, HTML
// or other banner. Field names on the wire are unverified.
type Banner struct {
	ID   string
	Name string
	// Type is the banner kind as the server sends it (image, text, html,
	// ... or the legacy one-letter code).
	Type       string
	CampaignID string
	// DestinationURL is where the banner's link leads.
	DestinationURL string
	// Status is the banner's state as the server sends it.
	Status string
	// Width and Height are the size of an image banner, 0 when unknown.
	Width     int64
	Height    int64
	CreatedAt time.Time
	// Raw is the record as received, for fields this type does not map.
	Raw json.RawMessage
}

// decode reads the banner's fields and their legacy aliases.
func (b *Banner) decode(f *tolerant.Object) {
	f.String(&b.ID, "id", "bannerid", "banner_id")
	f.String(&b.Name, "name")
	f.String(&b.Type, "type", "rtype", "banner_type")
	f.String(&b.CampaignID, "campaign_id", "campaignid")
	f.String(&b.DestinationURL, "destination_url", "destinationurl", "url")
	f.String(&b.Status, "status", "rstatus")
	f.Int(&b.Width, "width")
	f.Int(&b.Height, "height")
	f.Time(&b.CreatedAt, "created_at", "date_inserted", "dateinserted", "created")
}

func (b *Banner) setRaw(raw json.RawMessage) { b.Raw = raw }

func (b *Banner) recordID() string { return b.ID }

// UnmarshalJSON decodes a banner tolerantly (see the package
// documentation); zone-less timestamps are read as UTC.
func (b *Banner) UnmarshalJSON(data []byte) error { return unmarshalRecord(b, data) }

// BannerListOptions filter GET /banners.
type BannerListOptions struct {
	ListParams
	// Q searches the banners; an id matches that banner exactly.
	Q string `url:"q,omitempty"`
	// Fields selects the fields returned (fields=id,name).
	Fields []string `url:"fields,omitempty,comma"`
}

var bannerKeys = []string{"banners"}

// List iterates over the banners matching opts.
func (s *BannersService) List(ctx context.Context, opts ...*BannerListOptions) iter.Seq2[*Banner, error] {
	return list[Banner](ctx, s.client, "banners", bannerKeys, opts)
}

// ListPage fetches the page opts.Page (default 1) of banners.
func (s *BannersService) ListPage(ctx context.Context, opts *BannerListOptions) ([]*Banner, *Response, error) {
	return listPage[Banner](ctx, s.client, "banners", bannerKeys, copyOpts(opts))
}
