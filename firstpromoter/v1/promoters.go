package v1

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"net/http"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// PromotersService manages promoters (affiliates): /promoters.
type PromotersService service

// PromoterListOptions filter GET /promoters/list.
type PromoterListOptions struct {
	ListParams
	CampaignID int64 `url:"campaign_id,omitempty"`
}

// List iterates over all promoters matching opts, page by page as the
// loop advances.
func (s *PromotersService) List(ctx context.Context, opts ...*PromoterListOptions) iter.Seq2[*Promoter, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of promoters.
func (s *PromotersService) ListPage(ctx context.Context, opts *PromoterListOptions) ([]*Promoter, *Response, error) {
	return listPage[Promoter](ctx, s.client, "promoters/list", copyOpts(opts))
}

// hasPromoterID is the check of every answer that is one promoter.
func hasPromoterID(p *Promoter) bool { return p.ID != 0 }

// Get returns the promoter with the given id.
func (s *PromotersService) Get(ctx context.Context, id int64, opts ...RequestOption) (*Promoter, error) {
	return s.GetBy(ctx, PromoterKey{ID: id}, opts...)
}

// GetByEmail returns the promoter with the given email.
func (s *PromotersService) GetByEmail(ctx context.Context, email string, opts ...RequestOption) (*Promoter, error) {
	return s.GetBy(ctx, PromoterKey{Email: email}, opts...)
}

// GetByCustID returns the promoter with the given cust_id (your id).
func (s *PromotersService) GetByCustID(ctx context.Context, custID string, opts ...RequestOption) (*Promoter, error) {
	return s.GetBy(ctx, PromoterKey{CustID: custID}, opts...)
}

// GetByRefID returns the promoter owning the given referral id.
func (s *PromotersService) GetByRefID(ctx context.Context, refID string, opts ...RequestOption) (*Promoter, error) {
	return s.GetBy(ctx, PromoterKey{RefID: refID}, opts...)
}

// GetByAuthToken returns the promoter with the given dashboard token. The
// token travels in the query, as v1 requires; errors and log lines name
// the path only.
func (s *PromotersService) GetByAuthToken(ctx context.Context, token string, opts ...RequestOption) (*Promoter, error) {
	return s.GetBy(ctx, PromoterKey{AuthToken: token}, opts...)
}

// GetBy returns the promoter found by key: GET /promoters/show.
func (s *PromotersService) GetBy(ctx context.Context, key PromoterKey, opts ...RequestOption) (*Promoter, error) {
	q, err := key.values("promoter_email")
	if err != nil {
		return nil, fmt.Errorf("%s: get promoter: %w", platform, err)
	}
	p := new(Promoter)
	if err := s.client.query(ctx, http.MethodGet, "promoters/show", q, transport.Record(p, "id", hasPromoterID), opts...); err != nil {
		return nil, err
	}
	return p, nil
}

// PromoterParams are the profile fields of a promoter create or update;
// empty fields are not sent.
type PromoterParams struct {
	FirstName string `url:"first_name,omitempty"`
	LastName  string `url:"last_name,omitempty"`
	// PromoCode is the promoter's coupon code; CustomerPromoCode the one
	// their referrals use.
	PromoCode           string `url:"promo_code,omitempty"`
	CustomerPromoCode   string `url:"customer_promo_code,omitempty"`
	CampaignID          int64  `url:"campaign_id,omitempty"`
	TempPassword        string `url:"temp_password,omitempty"`
	LandingURL          string `url:"landing_url,omitempty"`
	URLTracking         string `url:"url_tracking,omitempty"`
	Website             string `url:"website,omitempty"`
	PaypalEmail         string `url:"paypal_email,omitempty"`
	AvatarURL           string `url:"avatar_url,omitempty"`
	ParentPromoterEmail string `url:"parent_promoter_email,omitempty"`
	LinkedinURL         string `url:"linkedin_url,omitempty"`
	TwitterURL          string `url:"twitter_url,omitempty"`
	FacebookURL         string `url:"facebook_url,omitempty"`
	InstagramURL        string `url:"instagram_url,omitempty"`
	YoutubeURL          string `url:"youtube_url,omitempty"`
	Country             string `url:"country,omitempty"`
	PhoneNumber         string `url:"phone_number,omitempty"`
	Address             string `url:"address,omitempty"`
	Note                string `url:"note,omitempty"`
}

// PromoterCreateParams is the form of POST /promoters/create. Email is
// required.
type PromoterCreateParams struct {
	Email string `url:"email"`
	// CustID is your id for the promoter; RefID their first referral id.
	CustID string `url:"cust_id,omitempty"`
	RefID  string `url:"ref_id,omitempty"`
	PromoterParams
	CompanyName      string `url:"company_name,omitempty"`
	ParentPromoterID int64  `url:"parent_promoter_id,omitempty"`
	// CreatedAt dates the promoter (ISO 8601); now when empty.
	CreatedAt             string `url:"created_at,omitempty"`
	SkipEmailNotification bool   `url:"skip_email_notification,omitempty"`
	AlwaysApprove         bool   `url:"always_approve,omitempty"`
}

// Create adds a promoter. It is not retried after it may have reached the
// server.
func (s *PromotersService) Create(ctx context.Context, params *PromoterCreateParams, opts ...RequestOption) (*Promoter, error) {
	if params == nil || params.Email == "" {
		return nil, errors.New(platform + ": create promoter: Email is required")
	}
	p := new(Promoter)
	if _, err := s.client.send(ctx, http.MethodPost, "promoters/create", params, transport.Record(p, "id", hasPromoterID), opts...); err != nil {
		return nil, err
	}
	return p, nil
}

// PromoterUpdateParams is the form of PUT /promoters/update; empty fields
// are left unchanged.
type PromoterUpdateParams struct {
	PromoterParams
	NewCustID string `url:"new_cust_id,omitempty"`
	NewRefID  string `url:"new_ref_id,omitempty"`
}

// Update changes the promoter found by key (ID, Email, CustID, RefID or
// AuthToken).
func (s *PromotersService) Update(ctx context.Context, key PromoterKey, params *PromoterUpdateParams, opts ...RequestOption) (*Promoter, error) {
	form, err := key.values("email")
	if err == nil {
		form, err = merge(form, params)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: update promoter: %w", platform, err)
	}
	p := new(Promoter)
	if _, err := s.client.send(ctx, http.MethodPut, "promoters/update", form, transport.Record(p, "id", hasPromoterID), opts...); err != nil {
		return nil, err
	}
	return p, nil
}

// Message is the answer of the v1 deletes: {"message": "Promoter
// removed."}.
type Message struct {
	Message string `json:"message"`
}

func hasMessage(m *Message) bool { return m.Message != "" }

// Delete removes the promoter found by key (ID, CustID, RefID or
// AuthToken; v1 cannot delete by email). A DELETE is retried like a
// read, so a retry after a delete that took effect answers ErrNotFound.
func (s *PromotersService) Delete(ctx context.Context, key PromoterKey, opts ...RequestOption) (*Message, error) {
	q, err := key.values("")
	if err != nil {
		return nil, fmt.Errorf("%s: delete promoter: %w", platform, err)
	}
	m := new(Message)
	if err := s.client.query(ctx, http.MethodDelete, "promoters/delete", q, transport.Require(m, `no "message" in the answer`, hasMessage), opts...); err != nil {
		return nil, err
	}
	return m, nil
}

// PromoterMoveParams is the form of POST /promoters/move_to_campaign
// beside the promoter key. Both campaigns are required.
type PromoterMoveParams struct {
	SourceCampaignID      int64 `url:"source_campaign_id"`
	DestinationCampaignID int64 `url:"destination_campaign_id"`
}

// MoveToCampaign moves the promoter found by key from one campaign to
// another and returns the promoter. Not retried after it may have reached
// the server.
func (s *PromotersService) MoveToCampaign(ctx context.Context, key PromoterKey, params PromoterMoveParams, opts ...RequestOption) (*Promoter, error) {
	if params.SourceCampaignID == 0 || params.DestinationCampaignID == 0 {
		return nil, errors.New(platform + ": move promoter: SourceCampaignID and DestinationCampaignID are required")
	}
	return s.keyed(ctx, http.MethodPost, "promoters/move_to_campaign", "move promoter", key, params, opts...)
}

// AddToCampaign adds the promoter found by key to a campaign and returns
// the promoter. Not retried after it may have reached the server.
func (s *PromotersService) AddToCampaign(ctx context.Context, key PromoterKey, campaignID int64, opts ...RequestOption) (*Promoter, error) {
	if campaignID == 0 {
		return nil, errors.New(platform + ": add promoter to campaign: campaign id is required")
	}
	return s.keyed(ctx, http.MethodPost, "promoters/add_to_campaign", "add promoter to campaign", key, struct {
		CampaignID int64 `url:"campaign_id"`
	}{campaignID}, opts...)
}

func (s *PromotersService) keyed(ctx context.Context, method, path, what string, key PromoterKey, params any, opts ...RequestOption) (*Promoter, error) {
	form, err := key.values("promoter_email")
	if err == nil {
		form, err = merge(form, params)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: %s: %w", platform, what, err)
	}
	p := new(Promoter)
	if _, err := s.client.send(ctx, method, path, form, transport.Record(p, "id", hasPromoterID), opts...); err != nil {
		return nil, err
	}
	return p, nil
}

// RefreshToken replaces the dashboard token of the promoter found by key
// and returns the new one. The old token stops working at once, so a
// retried call is harmless: the last token returned is the valid one.
func (s *PromotersService) RefreshToken(ctx context.Context, key PromoterKey, opts ...RequestOption) (string, error) {
	form, err := key.values("promoter_email")
	if err != nil {
		return "", fmt.Errorf("%s: refresh promoter token: %w", platform, err)
	}
	var out struct {
		AuthToken string `json:"auth_token"`
	}
	check := transport.Require(&out, `no "auth_token" in the answer`, func(o *struct {
		AuthToken string `json:"auth_token"`
	}) bool {
		return o.AuthToken != ""
	})
	if _, err := s.client.send(ctx, http.MethodPut, "promoters/refresh_token", form, check, opts...); err != nil {
		return "", err
	}
	return out.AuthToken, nil
}
