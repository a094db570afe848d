package postaffiliatepro

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// CampaignsService reads campaigns: /campaigns. The endpoints are assumed
// (implied by the API key's "campaigns" scope, not documented by the
// vendor).
type CampaignsService service

// Campaign is a commission campaign. Field names on the wire are
// unverified.
type Campaign struct {
	ID          string
	Name        string
	Description string
	// Status is the campaign's state as the server sends it.
	Status string
	// Type is public or private (invitation only) as the server sends it.
	Type string
	// URL is the campaign's landing page.
	URL string
	// CookieLifetime is how long the tracking cookie lives, in days.
	CookieLifetime int64
	CreatedAt      time.Time
	// Raw is the record as received, for fields this type does not map.
	Raw json.RawMessage
}

// decode reads the campaign's fields and their legacy aliases.
func (c *Campaign) decode(f *tolerant.Object) {
	f.String(&c.ID, "id", "campaignid", "campaign_id")
	f.String(&c.Name, "name")
	f.String(&c.Description, "description", "longdescription")
	f.String(&c.Status, "status", "rstatus")
	f.String(&c.Type, "type", "rtype", "campaigntype")
	f.String(&c.URL, "url", "landing_url")
	f.Int(&c.CookieLifetime, "cookie_lifetime", "cookielifetime")
	f.Time(&c.CreatedAt, "created_at", "date_inserted", "dateinserted", "created")
}

func (c *Campaign) setRaw(raw json.RawMessage) { c.Raw = raw }

func (c *Campaign) recordID() string { return c.ID }

// UnmarshalJSON decodes a campaign tolerantly (see the package
// documentation); zone-less timestamps are read as UTC.
func (c *Campaign) UnmarshalJSON(data []byte) error { return unmarshalRecord(c, data) }

// CampaignListOptions filter GET /campaigns.
type CampaignListOptions struct {
	ListParams
	// Q searches the campaigns (syntax unverified).
	Q string `url:"q,omitempty"`
}

var campaignKeys = []string{"campaigns"}

// List iterates over the campaigns matching opts (assumed endpoint).
func (s *CampaignsService) List(ctx context.Context, opts ...*CampaignListOptions) iter.Seq2[*Campaign, error] {
	return list[Campaign](ctx, s.client, "campaigns", campaignKeys, opts)
}

// ListPage fetches the page opts.Page (default 1) of campaigns (assumed
// endpoint).
func (s *CampaignsService) ListPage(ctx context.Context, opts *CampaignListOptions) ([]*Campaign, *Response, error) {
	return listPage[Campaign](ctx, s.client, "campaigns", campaignKeys, copyOpts(opts))
}

// Get returns the campaign with the given id (assumed endpoint).
func (s *CampaignsService) Get(ctx context.Context, id string, opts ...RequestOption) (*Campaign, error) {
	if strings.TrimSpace(id) == "" {
		return nil, errors.New("postaffiliatepro: get campaign: empty id")
	}
	return getRecord[Campaign](ctx, s.client, transport.Join("campaigns/%s", id), "campaign", opts...)
}
