package firstpromoter

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"strconv"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// PromoCodesService manages the promo codes tied to promoter campaigns:
// /company/promo_codes.
type PromoCodesService service

// PromoCode is a coupon code that attributes a sale to a promoter.
type PromoCode struct {
	ID     int64            `json:"id"`
	Code   string           `json:"code"`
	Reward *PromoCodeReward `json:"reward"`
	// ExtID is the code's id at the payment provider (Stripe).
	ExtID              string         `json:"ext_id"`
	Description        string         `json:"description"`
	CompanyID          int64          `json:"company_id"`
	PromoterCampaignID int64          `json:"promoter_campaign_id"`
	Metadata           map[string]any `json:"metadata"`
	Details            map[string]any `json:"details"`
	// ArchivedAt is set once the code is archived (Delete).
	ArchivedAt *time.Time `json:"archived_at"`
}

// PromoCodeReward is the reward a promo code grants.
type PromoCodeReward struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
}

// PromoCodeListOptions filter GET /company/promo_codes.
type PromoCodeListOptions struct {
	ListParams
	// PromoterCampaignID limits the list to one promoter campaign's codes.
	PromoterCampaignID int64 `url:"promoter_campaign_id,omitempty"`
}

// List iterates over the promo codes matching opts.
func (s *PromoCodesService) List(ctx context.Context, opts ...*PromoCodeListOptions) iter.Seq2[*PromoCode, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of promo codes.
func (s *PromoCodesService) ListPage(ctx context.Context, opts *PromoCodeListOptions) ([]*PromoCode, *Response, error) {
	return listPage[PromoCode](ctx, s.client, "company/promo_codes", copyOpts(opts))
}

// Get returns the promo code with the given id.
func (s *PromoCodesService) Get(ctx context.Context, id int64, opts ...RequestOption) (*PromoCode, error) {
	pc := new(PromoCode)
	if _, err := s.client.do(ctx, http.MethodGet, promoCodePath(id), nil, nil, transport.RecordID(pc), opts...); err != nil {
		return nil, err
	}
	return pc, nil
}

// PromoCodeCreateParams is the body of POST /company/promo_codes.
type PromoCodeCreateParams struct {
	// Code is the coupon text. Required.
	Code string `json:"code"`
	// RewardID is the reward the code grants. Required.
	RewardID int64 `json:"reward_id"`
	// PromoterCampaignID is the promoter campaign the code belongs to.
	// Required.
	PromoterCampaignID int64          `json:"promoter_campaign_id"`
	Description        string         `json:"description,omitempty"`
	Metadata           map[string]any `json:"metadata,omitempty"`
	// Details are passed to the payment provider (Stripe).
	Details map[string]any `json:"details,omitempty"`
}

// Create adds a promo code. FirstPromoter creates codes only for accounts
// that use Stripe. It is not retried after it may have reached the server.
func (s *PromoCodesService) Create(ctx context.Context, params *PromoCodeCreateParams, opts ...RequestOption) (*PromoCode, error) {
	if err := params.check(); err != nil {
		return nil, err
	}
	return call(ctx, s.client, post("company/promo_codes", params), withID[PromoCode], opts)
}

// check reports the first required field params lacks.
func (p *PromoCodeCreateParams) check() error {
	switch {
	case p == nil || p.Code == "":
		return errors.New("firstpromoter: create promo code: Code is required")
	case p.RewardID == 0:
		return errors.New("firstpromoter: create promo code: RewardID is required")
	case p.PromoterCampaignID == 0:
		return errors.New("firstpromoter: create promo code: PromoterCampaignID is required")
	}
	return nil
}

// PromoCodeUpdateParams is the body of PUT /company/promo_codes/{id}.
// Empty fields are left unchanged.
type PromoCodeUpdateParams struct {
	Code               string         `json:"code,omitempty"`
	Description        string         `json:"description,omitempty"`
	PromoterCampaignID int64          `json:"promoter_campaign_id,omitempty"`
	Metadata           map[string]any `json:"metadata,omitempty"`
	Details            map[string]any `json:"details,omitempty"`
}

// Update changes the promo code with the given id. The API refuses to
// change an archived code that exists at the payment provider.
func (s *PromoCodesService) Update(ctx context.Context, id int64, params *PromoCodeUpdateParams, opts ...RequestOption) (*PromoCode, error) {
	return call(ctx, s.client, put(promoCodePath(id), orEmpty(params)), withID[PromoCode], opts)
}

// Delete archives the promo code with the given id; an archived code keeps
// its record, with ArchivedAt set.
func (s *PromoCodesService) Delete(ctx context.Context, id int64, opts ...RequestOption) error {
	_, err := s.client.do(ctx, http.MethodDelete, promoCodePath(id), nil, nil, nil, opts...)
	return err
}

func promoCodePath(id int64) string {
	return transport.Join("company/promo_codes/%s", strconv.FormatInt(id, 10))
}
