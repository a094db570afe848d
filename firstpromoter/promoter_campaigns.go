package firstpromoter

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// PromoterCampaignsService manages promoter campaigns, the records that
// enrol a promoter in a campaign: /company/promoter_campaigns. Their id is
// neither the promoter's nor the campaign's; find it in a promoter's
// PromoterCampaigns or in this service's List.
type PromoterCampaignsService service

// PromoterCampaign is a promoter's participation in a campaign, with its
// referral link, coupon, rewards and stats.
type PromoterCampaign struct {
	ID         int64        `json:"id"`
	CampaignID int64        `json:"campaign_id"`
	PromoterID int64        `json:"promoter_id"`
	CreatedAt  time.Time    `json:"created_at"`
	Promoter   *PromoterRef `json:"promoter"`
	Campaign   *CampaignRef `json:"campaign"`
	// State is the promoter's state in this campaign.
	State PromoterState         `json:"state"`
	Stats PromoterCampaignStats `json:"stats"`
	// Coupon is the promo code tied to the promoter in this campaign;
	// DisplayCoupon is the form shown to the promoter.
	Coupon        string `json:"coupon"`
	DisplayCoupon string `json:"display_coupon"`
	// RefToken is the referral token; nil when the API sends null.
	RefToken *string `json:"ref_token"`
	// RefLink is the full referral link.
	RefLink string `json:"ref_link"`
	// DirectURL is a custom landing page for this promoter.
	DirectURL                 string           `json:"direct_url"`
	IsCustomized              bool             `json:"is_customized"`
	ReferralRewardsCustomized bool             `json:"referral_rewards_customized"`
	PromoterRewardsCustomized bool             `json:"promoter_rewards_customized"`
	RewardsForPromoters       []CampaignReward `json:"rewards_for_promoters"`
	RewardsForReferrals       []CampaignReward `json:"rewards_for_referrals"`
	PromoCodes                []string         `json:"promo_codes"`
}

// PromoterCampaignStats are a promoter's totals within one campaign.
type PromoterCampaignStats struct {
	ClicksCount    int `json:"clicks_count"`
	ReferralsCount int `json:"referrals_count"`
	SalesCount     int `json:"sales_count"`
	CustomersCount int `json:"customers_count"`
	// RevenueAmount is typed number by the API and sent in cents, like
	// the promoter's and campaign's; it decodes to its value: 2500 reads
	// as 25.00.
	RevenueAmount Amount `json:"revenue_amount"`
}

// UnmarshalJSON decodes RevenueAmount from cents.
func (s *PromoterCampaignStats) UnmarshalJSON(b []byte) error {
	type plain PromoterCampaignStats
	return money.UnmarshalMinorUnits(b, (*plain)(s), centsExponent, &s.RevenueAmount)
}

// PromoterCampaignListOptions page GET /company/promoter_campaigns, which
// documents no filters.
type PromoterCampaignListOptions struct {
	ListParams
}

// List iterates over all promoter campaigns.
func (s *PromoterCampaignsService) List(ctx context.Context, opts ...*PromoterCampaignListOptions) iter.Seq2[*PromoterCampaign, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of promoter campaigns.
func (s *PromoterCampaignsService) ListPage(ctx context.Context, opts *PromoterCampaignListOptions) ([]*PromoterCampaign, *Response, error) {
	return listPage[PromoterCampaign](ctx, s.client, "company/promoter_campaigns", copyOpts(opts))
}

// Search returns the promoter campaigns matching q (the API's dropdown
// search, at most 5 results).
func (s *PromoterCampaignsService) Search(ctx context.Context, q string, opts ...RequestOption) ([]*PromoterCampaign, error) {
	if strings.TrimSpace(q) == "" {
		return nil, errors.New("firstpromoter: search promoter campaigns: empty query")
	}
	return callList[PromoterCampaign](ctx, s.client, get("company/promoter_campaigns/search", searchQuery{q}), opts)
}

// searchQuery is the query of the promoter campaign search.
type searchQuery struct {
	Q string `url:"q"`
}

// PromoterCampaignUpdateParams is the body of PUT
// /company/promoter_campaigns/{id}. Empty and nil fields are left unchanged.
type PromoterCampaignUpdateParams struct {
	RefToken string `json:"ref_token,omitempty"`
	// State is pending, accepted, rejected, blocked or inactive.
	State         PromoterState `json:"state,omitempty"`
	Coupon        string        `json:"coupon,omitempty"`
	DisplayCoupon string        `json:"display_coupon,omitempty"`
	DirectURL     string        `json:"direct_url,omitempty"`
	// RewardsForPromoters and RewardsForReferrals replace the campaign's
	// rewards for this promoter; set the matching ...Customized flag too.
	RewardsForPromoters       []CampaignRewardParams `json:"rewards_for_promoters,omitempty"`
	RewardsForReferrals       []CampaignRewardParams `json:"rewards_for_referrals,omitempty"`
	PromoterRewardsCustomized *bool                  `json:"promoter_rewards_customized,omitempty"`
	ReferralRewardsCustomized *bool                  `json:"referral_rewards_customized,omitempty"`
}

// Update changes the promoter campaign with the given id.
func (s *PromoterCampaignsService) Update(ctx context.Context, id int64, params *PromoterCampaignUpdateParams, opts ...RequestOption) (*PromoterCampaign, error) {
	path := transport.Join("company/promoter_campaigns/%s", strconv.FormatInt(id, 10))
	return call(ctx, s.client, put(path, orEmpty(params)), withID[PromoterCampaign], opts)
}

// ReferralLink is one of the links a promoter can share in a campaign.
type ReferralLink struct {
	ID        int64  `json:"id"`
	Name      string `json:"name"`
	URL       string `json:"url"`
	IsDefault bool   `json:"is_default"`
	// Source is "campaign" for the campaign's links, "promoter" for the
	// promoter's own.
	Source   string       `json:"source"`
	SubID    string       `json:"sub_id"`
	Campaign *CampaignRef `json:"campaign"`
}

// ReferralLinks returns the referral links of the promoter campaign with
// the given id.
func (s *PromoterCampaignsService) ReferralLinks(ctx context.Context, id int64, opts ...RequestOption) ([]*ReferralLink, error) {
	path := transport.Join("company/promoter_campaigns/%s/referral_links", strconv.FormatInt(id, 10))
	return callList[ReferralLink](ctx, s.client, get(path, nil), opts)
}

// PromoterCampaignChartParams is the query of GET
// /company/promoter_campaigns/{id}/chart_data.
type PromoterCampaignChartParams struct {
	// PeriodFrom and PeriodTo bound the chart. Required.
	PeriodFrom Date `url:"period_from"`
	PeriodTo   Date `url:"period_to"`
	// Selection is the metric to chart. Required.
	Selection PromoterChartSelection `url:"selection"`
	// WithTotals asks for the period's totals as well.
	WithTotals bool `url:"with_totals,omitempty"`
}

// PromoterCampaignChart is a time series of one metric.
type PromoterCampaignChart struct {
	// PeriodFrom and PeriodTo are the days the chart covers, as sent
	// (YYYY-MM-DD).
	PeriodFrom     string                       `json:"period_from"`
	PeriodTo       string                       `json:"period_to"`
	Selection      PromoterChartSelection       `json:"selection"`
	SelectionItems []PromoterCampaignChartPoint `json:"selection_items"`
	// GroupBy is the bucket size the server chose: day, week, month or
	// year.
	GroupBy string `json:"group_by"`
	// Extra holds any other keys of the response, such as the totals
	// returned for WithTotals, whose shape is undocumented.
	Extra map[string]json.RawMessage `json:"-"`
}

// UnmarshalJSON decodes the documented keys and keeps the rest in Extra.
func (c *PromoterCampaignChart) UnmarshalJSON(b []byte) error {
	type plain PromoterCampaignChart
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	var all map[string]json.RawMessage
	if err := json.Unmarshal(b, &all); err != nil {
		return err
	}
	for _, k := range []string{"period_from", "period_to", "selection", "selection_items", "group_by"} {
		delete(all, k)
	}
	p.Extra = nil
	if len(all) > 0 {
		p.Extra = all
	}
	*c = PromoterCampaignChart(p)
	return nil
}

// PromoterCampaignChartPoint is one bucket of a chart.
type PromoterCampaignChartPoint struct {
	// Label is the bucket's day (YYYY-MM-DD) or period label, as sent.
	Label string
	// Value is the metric kept exactly as sent: revenue in cents for a
	// revenue chart (2500 reads as "2500"), a count otherwise. A missing
	// or null value stays null.
	Value Amount
	// object records that the point came as {"date", "value"}, so that it
	// encodes back in the shape it was sent.
	object bool
}

// MarshalJSON writes the point in the shape it was decoded from: a
// [label, value] pair, or {"date", "value"}.
func (p PromoterCampaignChartPoint) MarshalJSON() ([]byte, error) {
	if p.object {
		return json.Marshal(struct {
			Date  string `json:"date"`
			Value Amount `json:"value"`
		}{p.Label, p.Value})
	}
	return json.Marshal([2]any{p.Label, p.Value})
}

// UnmarshalJSON accepts a point as a [label, value] pair (the shape of the
// promoter chart) or as {"date", "value"} (the shape this endpoint's
// reference documents); the value may be a number or a numeric string.
func (p *PromoterCampaignChartPoint) UnmarshalJSON(b []byte) error {
	var label, value json.RawMessage
	if t := bytes.TrimSpace(b); len(t) > 0 && t[0] == '[' {
		var pair []json.RawMessage
		if err := json.Unmarshal(b, &pair); err != nil {
			return err
		}
		if len(pair) != 2 {
			return fmt.Errorf("chart point: want a [label, value] pair, got %d items", len(pair))
		}
		label, value = pair[0], pair[1]
	} else {
		var obj struct {
			Date  json.RawMessage `json:"date"`
			Value json.RawMessage `json:"value"`
		}
		if err := json.Unmarshal(b, &obj); err != nil {
			return err
		}
		label, value = obj.Date, obj.Value
		p.object = true
	}
	p.Label = rawText(label)
	p.Value = money.Null()
	if len(bytes.TrimSpace(value)) > 0 {
		if err := json.Unmarshal(value, &p.Value); err != nil {
			return fmt.Errorf("chart point value %s: %w", value, err)
		}
	}
	return nil
}

// ChartData returns the chart of one metric for the promoter campaign with
// the given id.
func (s *PromoterCampaignsService) ChartData(ctx context.Context, id int64, params *PromoterCampaignChartParams, opts ...RequestOption) (*PromoterCampaignChart, error) {
	switch {
	case params == nil || params.PeriodFrom.IsZero() || params.PeriodTo.IsZero():
		return nil, errors.New("firstpromoter: promoter campaign chart: PeriodFrom and PeriodTo are required")
	case params.Selection == "":
		return nil, errors.New("firstpromoter: promoter campaign chart: Selection is required")
	}
	path := transport.Join("company/promoter_campaigns/%s/chart_data", strconv.FormatInt(id, 10))
	return call(ctx, s.client, get(path, params), asIs[PromoterCampaignChart], opts)
}
