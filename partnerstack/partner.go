package partnerstack

import (
	"context"
	"iter"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// The services of PartnerClient: read-only lists of the partner's own data
// across the programs it belongs to. They share the resource types and the
// list options of the Vendor API; filters only the other API knows are
// ignored or rejected by the server.

// PartnerActionsService lists the partner's actions: GET /v2/actions.
type PartnerActionsService service

// List iterates over the partner's actions.
func (s *PartnerActionsService) List(ctx context.Context, opts ...*ActionListOptions) iter.Seq2[*Action, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of the partner's actions.
func (s *PartnerActionsService) ListPage(ctx context.Context, opts *ActionListOptions) ([]*Action, *Response, error) {
	return listPage[Action](ctx, s.api, "actions", opts)
}

// PartnerCustomersService lists the partner's customers: GET /v2/customers.
type PartnerCustomersService service

// List iterates over the partner's customers.
func (s *PartnerCustomersService) List(ctx context.Context, opts ...*CustomerListOptions) iter.Seq2[*Customer, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of the partner's customers.
func (s *PartnerCustomersService) ListPage(ctx context.Context, opts *CustomerListOptions) ([]*Customer, *Response, error) {
	return listPage[Customer](ctx, s.api, "customers", opts)
}

// PartnerPartnershipsService lists the partner's partnerships, one per
// program: GET /v2/partnerships.
type PartnerPartnershipsService service

// List iterates over the partner's partnerships.
func (s *PartnerPartnershipsService) List(ctx context.Context, opts ...*PartnershipListOptions) iter.Seq2[*Partnership, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of the partner's partnerships.
func (s *PartnerPartnershipsService) ListPage(ctx context.Context, opts *PartnershipListOptions) ([]*Partnership, *Response, error) {
	return listPage[Partnership](ctx, s.api, "partnerships", opts)
}

// PartnerRewardsService lists the partner's rewards: GET /v2/rewards.
type PartnerRewardsService service

// List iterates over the partner's rewards.
func (s *PartnerRewardsService) List(ctx context.Context, opts ...*RewardListOptions) iter.Seq2[*Reward, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of the partner's rewards.
func (s *PartnerRewardsService) ListPage(ctx context.Context, opts *RewardListOptions) ([]*Reward, *Response, error) {
	return listPage[Reward](ctx, s.api, "rewards", opts)
}

// PartnerTransactionsService lists the partner's transactions: GET
// /v2/transactions.
type PartnerTransactionsService service

// List iterates over the partner's transactions.
func (s *PartnerTransactionsService) List(ctx context.Context, opts ...*TransactionListOptions) iter.Seq2[*Transaction, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of the partner's transactions.
func (s *PartnerTransactionsService) ListPage(ctx context.Context, opts *TransactionListOptions) ([]*Transaction, *Response, error) {
	return listPage[Transaction](ctx, s.api, "transactions", opts)
}

// PayoutsService lists the partner's payouts (withdrawals): GET
// /v2/payouts.
type PayoutsService service

// Payout is a withdrawal of a partner's available rewards. Its fields come
// from peer documentation only; the uncertain ones decode leniently.
type Payout struct {
	Key string `json:"key"`
	// Amount is sent in cents of Currency; it holds its value with
	// Currency.
	Amount   Amount `json:"amount"`
	Currency string `json:"currency"`
	// Provider is the payment provider; its shape is not documented.
	Provider       map[string]any `json:"provider,omitempty" tolerant:"lenient"`
	Status         string         `json:"status,omitempty" tolerant:"lenient"`
	SentAt         *time.Time     `json:"sent_at,omitempty" tolerant:"lenient"`
	WithdrawalDate *time.Time     `json:"withdrawal_date,omitempty" tolerant:"lenient"`
	CreatedAt      time.Time      `json:"created_at"`
	UpdatedAt      time.Time      `json:"updated_at"`
}

// UnmarshalJSON implements json.Unmarshaler. Amount, sent in cents,
// becomes its value in Currency.
func (p *Payout) UnmarshalJSON(b []byte) error {
	p.Amount = Amount{} // cents decoded before are converted already
	if err := records.Unmarshal(b, p); err != nil {
		return err
	}
	return fromCents(p.Currency, &p.Amount)
}

func (p *Payout) itemKey() string { return p.Key }

// PayoutListOptions filter GET /v2/payouts.
type PayoutListOptions struct {
	ListParams
	// OrderBy is [OrderCreatedAt] or [OrderCreatedAtDesc] (the default).
	OrderBy    Order     `url:"order_by,omitempty"`
	MinCreated time.Time `url:"min_created,omitempty,unixmilli"`
	MaxCreated time.Time `url:"max_created,omitempty,unixmilli"`
}

// List iterates over the partner's payouts.
func (s *PayoutsService) List(ctx context.Context, opts ...*PayoutListOptions) iter.Seq2[*Payout, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of the partner's payouts.
func (s *PayoutsService) ListPage(ctx context.Context, opts *PayoutListOptions) ([]*Payout, *Response, error) {
	return listPage[Payout](ctx, s.api, "payouts", opts)
}

// ProgramsService reads the PartnerStack marketplace: the programs a
// partner can join. GET /v2/marketplace/programs.
type ProgramsService service

// Program is a program listed in the marketplace. Its fields come from
// peer documentation only; the uncertain ones decode leniently.
type Program struct {
	// ID is the program's numeric id.
	ID int64 `json:"id"`
	// Key is the program's company key (co_…).
	Key         string   `json:"key"`
	Name        string   `json:"name"`
	Description string   `json:"description,omitempty"`
	Category    []string `json:"category,omitempty" tolerant:"lenient"`
	Country     string   `json:"country,omitempty" tolerant:"lenient"`
	HasSubID    bool     `json:"has_sub_id,omitempty"`
	// Logo and Website are URLs.
	Logo       string       `json:"logo,omitempty" tolerant:"lenient"`
	Website    string       `json:"website,omitempty" tolerant:"lenient"`
	Offers     []*Offer     `json:"offers,omitempty" tolerant:"lenient"`
	Promotions []*Promotion `json:"promotions,omitempty" tolerant:"lenient"`
	CreatedAt  time.Time    `json:"created_at"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (p *Program) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, p) }

func (p *Program) itemKey() string { return p.Key }

// Promotion is a promotion a program runs for partners. Like Offer, its
// type decodes from "type" or "type_".
type Promotion struct {
	Key          string `json:"key"`
	Availability string `json:"availability"`
	Type         string `json:"type"`
	Value        any    `json:"value"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (p *Promotion) UnmarshalJSON(b []byte) error {
	var alt struct {
		Type string `json:"type_"`
	}
	if err := records.Unmarshal(b, p); err != nil {
		return err
	}
	if p.Type == "" && records.Unmarshal(b, &alt) == nil {
		p.Type = alt.Type
	}
	return nil
}

// ProgramListOptions filter GET /v2/marketplace/programs.
type ProgramListOptions struct {
	ListParams
	MinCreated time.Time `url:"min_created,omitempty,unixmilli"`
	MaxCreated time.Time `url:"max_created,omitempty,unixmilli"`
	Category   string    `url:"category,omitempty"`
}

// List iterates over the marketplace programs, newest first.
func (s *ProgramsService) List(ctx context.Context, opts ...*ProgramListOptions) iter.Seq2[*Program, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of marketplace programs.
func (s *ProgramsService) ListPage(ctx context.Context, opts *ProgramListOptions) ([]*Program, *Response, error) {
	return listPage[Program](ctx, s.api, "marketplace/programs", opts)
}

// Get returns a marketplace program by its company key.
func (s *ProgramsService) Get(ctx context.Context, companyKey string, opts ...RequestOption) (*Program, error) {
	if err := requireKey("get program", companyKey); err != nil {
		return nil, err
	}
	return get[Program](ctx, s.api, transport.Join("marketplace/programs/%s", companyKey), nil, opts...)
}
