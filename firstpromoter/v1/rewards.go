package v1

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// RewardsService manages rewards (v2 calls them commissions): /rewards.
type RewardsService service

// Reward is a reward or commission earned by a promoter.
type Reward struct {
	ID int64 `json:"id"`
	// Status is pending, approved or denied.
	Status string `json:"status"`
	// Unit is cash, points, free_months, credits and the like.
	Unit string `json:"unit"`
	// Amount is cents for the cash unit (10000 reads as 100.00) and a
	// plain count for the others.
	Amount Amount `json:"amount"`
	// ConversionAmount is the sale the reward came from, in cents; null
	// for rewards without a sale. Some v1 answers spell the field
	// "conversion_ampunt"; both decode here.
	ConversionAmount Amount     `json:"conversion_amount"`
	EventID          *string    `json:"event_id"`
	Lead             *Lead      `json:"lead"`
	Promoter         *Promoter  `json:"promoter"`
	Promotion        *Promotion `json:"promotion"`
}

// UnmarshalJSON decodes the amounts: Amount by its unit, the conversion
// amount as cents.
func (r *Reward) UnmarshalJSON(data []byte) error {
	type plain Reward
	w := struct {
		*plain
		Correct  json.RawMessage `json:"conversion_amount"`
		Misspelt json.RawMessage `json:"conversion_ampunt"`
	}{plain: (*plain)(r)}
	if err := json.Unmarshal(data, &w); err != nil {
		return err
	}
	raw := w.Correct
	if raw == nil {
		raw = w.Misspelt
	}
	if raw != nil {
		if err := json.Unmarshal(raw, &r.ConversionAmount); err != nil {
			return err
		}
	}
	if err := unitAmount(&r.Amount, r.Unit); err != nil {
		return err
	}
	return money.ToMinorUnits(centsExponent, &r.ConversionAmount)
}

func hasRewardID(r *Reward) bool { return r.ID != 0 }

// RewardListOptions filter GET /rewards/list.
type RewardListOptions = LeadListOptions

// List iterates over all rewards matching opts.
func (s *RewardsService) List(ctx context.Context, opts ...*RewardListOptions) iter.Seq2[*Reward, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of rewards.
func (s *RewardsService) ListPage(ctx context.Context, opts *RewardListOptions) ([]*Reward, *Response, error) {
	return listPage[Reward](ctx, s.client, "rewards/list", copyOpts(opts))
}

// RewardCreateParams is the form of POST /rewards/create. The lead is
// found by LeadID, UID or Email, the promoter by PromotionID or RefID;
// RewardType and Amount are required.
type RewardCreateParams struct {
	LeadID      int64  `url:"lead_id,omitempty"`
	UID         string `url:"uid,omitempty"`
	Email       string `url:"email,omitempty"`
	PromotionID int64  `url:"promotion_id,omitempty"`
	RefID       string `url:"ref_id,omitempty"`
	// RewardType is the reward's unit: cash, credits, points, free_months
	// or discount_per.
	RewardType string `url:"reward_type"`
	// Amount is sent as integer cents for cash (AmountFromMinorUnits(2500,
	// 2, "") and ParseAmount("25.00", "") both send 2500; whole units of a
	// zero-decimal currency such as JPY when the amount carries it) and as
	// a whole count for the other types.
	Amount Amount `url:"-"`
	// Status is pending, approved or denied.
	Status                string `url:"status,omitempty"`
	SkipEmailNotification bool   `url:"skip_email_notification,omitempty"`
}

// form encodes the fields, and Amount as an integer.
func (p *RewardCreateParams) form() (url.Values, error) {
	vals, err := merge(nil, p)
	if err != nil {
		return nil, err
	}
	var n int64
	if p.RewardType == unitCash {
		n, err = toMinor(p.Amount, "")
	} else {
		n, err = toCount(p.Amount)
	}
	if err != nil {
		return nil, fmt.Errorf("amount: %w", err)
	}
	vals.Set("amount", strconv.FormatInt(n, 10))
	return vals, nil
}

// Create adds a reward. It is not retried after it may have reached the
// server.
func (s *RewardsService) Create(ctx context.Context, params *RewardCreateParams, opts ...RequestOption) (*Reward, error) {
	if params == nil || params.RewardType == "" {
		return nil, errors.New(platform + ": create reward: RewardType is required")
	}
	form, err := params.form()
	if err != nil {
		return nil, fmt.Errorf("%s: create reward: %w", platform, err)
	}
	r := new(Reward)
	if _, err := s.client.send(ctx, http.MethodPost, "rewards/create", form, transport.Record(r, "id", hasRewardID), opts...); err != nil {
		return nil, err
	}
	return r, nil
}

// RewardKey finds one reward: its ID or the EventID of its sale.
type RewardKey struct {
	ID      int64  `url:"id,omitempty"`
	EventID string `url:"event_id,omitempty"`
}

// Update sets the status (pending, approved or denied) of the reward
// found by key: PUT /rewards/update.
func (s *RewardsService) Update(ctx context.Context, key RewardKey, status string, opts ...RequestOption) (*Reward, error) {
	if (key.ID == 0) == (key.EventID == "") {
		return nil, errors.New(platform + ": update reward: set exactly one of ID and EventID")
	}
	form := struct {
		RewardKey
		Status string `url:"status,omitempty"`
	}{key, status}
	r := new(Reward)
	if _, err := s.client.send(ctx, http.MethodPut, "rewards/update", form, transport.Record(r, "id", hasRewardID), opts...); err != nil {
		return nil, err
	}
	return r, nil
}
