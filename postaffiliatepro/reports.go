package postaffiliatepro

import (
	"context"
	"encoding/json"
	"iter"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
)

// ReportsService runs reports: the top affiliates (/reports/top-affiliates)
// and the clicks list (path not public; see WithClicksPath).
type ReportsService service

// TopAffiliate is one row of the top-affiliates report. Field names on the
// wire are unverified.
type TopAffiliate struct {
	AffiliateID string
	Username    string
	FirstName   string
	LastName    string
	ReferralID  string
	// Clicks, Sales and Commission total the affiliate's raw clicks, sale
	// transactions and commissions over the report's period. The row names
	// no currency: the amounts are in the account's currency, in major
	// units (unverified), exactly as sent.
	Clicks     int64
	Sales      int64
	Commission Amount
	// TotalCost totals the order amounts of the sales.
	TotalCost Amount
	// Raw is the row as received, for fields this type does not map.
	Raw json.RawMessage
}

// decode reads the row's fields and their aliases.
func (r *TopAffiliate) decode(f *tolerant.Object) {
	f.String(&r.AffiliateID, "affiliate_id", "userid", "user_id", "id")
	f.String(&r.Username, "username", "email")
	f.String(&r.FirstName, "firstname", "first_name")
	f.String(&r.LastName, "lastname", "last_name", "surname")
	f.String(&r.ReferralID, "referral_id", "refid")
	f.Int(&r.Clicks, "clicks", "clicks_count", "raw_clicks")
	f.Int(&r.Sales, "sales", "sales_count")
	f.Amount(&r.Commission, "commission", "commissions")
	f.Amount(&r.TotalCost, "total_cost", "totalcost", "sales_total")
}

func (r *TopAffiliate) setRaw(raw json.RawMessage) { r.Raw = raw }

// UnmarshalJSON decodes a report row tolerantly (see the package
// documentation).
func (r *TopAffiliate) UnmarshalJSON(data []byte) error { return unmarshalRecord(r, data) }

// Name returns "FirstName LastName", or the username when both are empty.
func (r *TopAffiliate) Name() string {
	if n := strings.TrimSpace(r.FirstName + " " + r.LastName); n != "" {
		return n
	}
	return r.Username
}

// TopAffiliateListOptions filter GET /reports/top-affiliates.
type TopAffiliateListOptions struct {
	ListParams
	// CreatedAt limits the report to one day ("2026-03-01") or an exact
	// date and time ("2026-03-01 10:00:00"); the vendor documents a
	// created_at filter whose exact syntax is unverified.
	CreatedAt string `url:"created_at,omitempty"`
	// Q searches the rows (syntax unverified).
	Q string `url:"q,omitempty"`
}

var topAffiliateKeys = []string{"top_affiliates", "affiliates", "rows"}

// TopAffiliates iterates over the top-affiliates report, best first.
func (s *ReportsService) TopAffiliates(ctx context.Context, opts ...*TopAffiliateListOptions) iter.Seq2[*TopAffiliate, error] {
	return list[TopAffiliate](ctx, s.client, "reports/top-affiliates", topAffiliateKeys, opts)
}

// TopAffiliatesPage fetches the page opts.Page (default 1) of the
// top-affiliates report.
func (s *ReportsService) TopAffiliatesPage(ctx context.Context, opts *TopAffiliateListOptions) ([]*TopAffiliate, *Response, error) {
	return listPage[TopAffiliate](ctx, s.client, "reports/top-affiliates", topAffiliateKeys, copyOpts(opts))
}

// Click is one row of the clicks list report. Field names on the wire are
// unverified.
type Click struct {
	ID          string
	AffiliateID string
	CampaignID  string
	BannerID    string
	// DestinationURL is where the click led; ReferrerURL the page it came
	// from.
	DestinationURL string
	ReferrerURL    string
	IP             string
	UserAgent      string
	CountryCode    string
	CreatedAt      time.Time
	// Raw is the row as received, for fields this type does not map.
	Raw json.RawMessage
}

// decode reads the click's fields and their aliases.
func (c *Click) decode(f *tolerant.Object) {
	f.String(&c.ID, "id", "clickid", "click_id")
	f.String(&c.AffiliateID, "affiliate_id", "userid", "user_id")
	f.String(&c.CampaignID, "campaign_id", "campaignid")
	f.String(&c.BannerID, "banner_id", "bannerid")
	f.String(&c.DestinationURL, "destination_url", "destinationurl")
	f.String(&c.ReferrerURL, "referral_url", "referrer_url", "referer_url", "referrerurl", "refererurl")
	f.String(&c.IP, "ip")
	f.String(&c.UserAgent, "user_agent", "useragent")
	f.String(&c.CountryCode, "country_code", "countrycode", "country")
	f.Time(&c.CreatedAt, "created_at", "datetime", "date_time", "date_inserted", "dateinserted")
}

func (c *Click) setRaw(raw json.RawMessage) { c.Raw = raw }

// UnmarshalJSON decodes a click tolerantly (see the package documentation);
// zone-less timestamps are read as UTC.
func (c *Click) UnmarshalJSON(data []byte) error { return unmarshalRecord(c, data) }

// ClickListOptions filter the clicks list report.
type ClickListOptions struct {
	ListParams
	// CreatedAt limits the report to one day or an exact date and time
	// (syntax unverified, as for TopAffiliateListOptions).
	CreatedAt string `url:"created_at,omitempty"`
	// Q searches the rows (syntax unverified).
	Q string `url:"q,omitempty"`
}

var clickKeys = []string{"clicks", "rows"}

// Clicks iterates over the clicks list report. Its path is not public: the
// client uses "reports/clicks" unless WithClicksPath sets another.
func (s *ReportsService) Clicks(ctx context.Context, opts ...*ClickListOptions) iter.Seq2[*Click, error] {
	return list[Click](ctx, s.client, s.client.clicksPath, clickKeys, opts)
}

// ClicksPage fetches the page opts.Page (default 1) of the clicks report.
func (s *ReportsService) ClicksPage(ctx context.Context, opts *ClickListOptions) ([]*Click, *Response, error) {
	return listPage[Click](ctx, s.client, s.client.clicksPath, clickKeys, copyOpts(opts))
}
