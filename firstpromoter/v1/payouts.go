package v1

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// PayoutsService manages payouts: /payouts.
type PayoutsService service

// Payout is an amount due or paid to a promoter.
type Payout struct {
	ID int64 `json:"id"`
	// Status is pending, processing or completed.
	Status string `json:"status"`
	// Unit is cash, points, free_months and the like.
	Unit string `json:"unit"`
	// Amount is cents for the cash unit (3000 reads as 30.00) and a plain
	// count for the others.
	Amount    Amount      `json:"amount"`
	DatePaid  *time.Time  `json:"date_paid"`
	DueDate   *time.Time  `json:"due_date"`
	CreatedAt *time.Time  `json:"created_at"`
	HasIssues bool        `json:"has_issues"`
	Reward    *RewardPlan `json:"reward"`
	Promoter  *Promoter   `json:"promoter"`
	Campaign  *Campaign   `json:"campaign"`
}

// UnmarshalJSON decodes Amount by its unit.
func (p *Payout) UnmarshalJSON(data []byte) error {
	type plain Payout
	if err := json.Unmarshal(data, (*plain)(p)); err != nil {
		return err
	}
	return unitAmount(&p.Amount, p.Unit)
}

func hasPayoutID(p *Payout) bool { return p.ID != 0 }

// PayoutListOptions filter GET /payouts/list.
type PayoutListOptions struct {
	ListParams
	PromoterID int64 `url:"promoter_id,omitempty"`
	CampaignID int64 `url:"campaign_id,omitempty"`
	// Status is pending, processing or completed.
	Status string `url:"status,omitempty"`
}

// List iterates over all payouts matching opts.
func (s *PayoutsService) List(ctx context.Context, opts ...*PayoutListOptions) iter.Seq2[*Payout, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of payouts.
func (s *PayoutsService) ListPage(ctx context.Context, opts *PayoutListOptions) ([]*Payout, *Response, error) {
	return listPage[Payout](ctx, s.client, "payouts/list", copyOpts(opts))
}

// PayoutCreateParams is the form of POST /payouts/create: the promoter's
// due rewards become a payout. PromoterEmail or PromoterID is required.
type PayoutCreateParams struct {
	PromoterEmail string `url:"promoter_email,omitempty"`
	PromoterID    int64  `url:"promoter_id,omitempty"`
	CampaignID    int64  `url:"campaign_id,omitempty"`
	Status        string `url:"status,omitempty"`
}

// Create creates a payout. It is not retried after it may have reached
// the server.
func (s *PayoutsService) Create(ctx context.Context, params *PayoutCreateParams, opts ...RequestOption) (*Payout, error) {
	if params == nil || (params.PromoterEmail == "" && params.PromoterID == 0) {
		return nil, errors.New(platform + ": create payout: PromoterEmail or PromoterID is required")
	}
	p := new(Payout)
	if _, err := s.client.send(ctx, http.MethodPost, "payouts/create", params, transport.Record(p, "id", hasPayoutID), opts...); err != nil {
		return nil, err
	}
	return p, nil
}

// Update sets the status (pending, processing or completed) of the payout
// with the given id: PUT /payouts/update.
func (s *PayoutsService) Update(ctx context.Context, id int64, status string, opts ...RequestOption) (*Payout, error) {
	if id == 0 {
		return nil, errors.New(platform + ": update payout: id is required")
	}
	form := struct {
		ID     int64  `url:"id"`
		Status string `url:"status,omitempty"`
	}{id, status}
	p := new(Payout)
	if _, err := s.client.send(ctx, http.MethodPut, "payouts/update", form, transport.Record(p, "id", hasPayoutID), opts...); err != nil {
		return nil, err
	}
	return p, nil
}
