package partnerstack

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// ActionsService records and lists actions that partners or customers
// took (sign-ups, top-ups, ...), which can earn rewards: /v2/actions.
type ActionsService service

// Action is an action a partner or a customer took, Value times.
type Action struct {
	// Key is the action key (act_…).
	Key string `json:"key"`
	// Type names the action in noun_verb form, e.g. sign_up or top_up.
	Type           string       `json:"type"`
	Value          int64        `json:"value"`
	Archived       bool         `json:"archived"`
	Company        *CompanyRef  `json:"company,omitempty"`
	Customer       *CustomerRef `json:"customer,omitempty"`
	PartnershipKey string       `json:"partnership_key,omitempty"`
	// ExternalKey is the vendor's key given when the action was recorded.
	ExternalKey string    `json:"external_key,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
	UpdatedAt   time.Time `json:"updated_at"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (a *Action) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, a) }

func (a *Action) itemKey() string { return a.Key }

// ActionListOptions filter GET /v2/actions. The updated, partnership and
// type filters are Vendor API filters; CustomerKey is a Partner API filter.
type ActionListOptions struct {
	ListParams
	// OrderBy is [OrderCreatedAt] or [OrderCreatedAtDesc] (the default).
	OrderBy        Order     `url:"order_by,omitempty"`
	MinCreated     time.Time `url:"min_created,omitempty,unixmilli"`
	MaxCreated     time.Time `url:"max_created,omitempty,unixmilli"`
	MinUpdated     time.Time `url:"min_updated,omitempty,unixmilli"`
	MaxUpdated     time.Time `url:"max_updated,omitempty,unixmilli"`
	PartnershipKey string    `url:"partnership_key,omitempty"`
	ActionType     string    `url:"action_type,omitempty"`
	CustomerKey    string    `url:"customer_key,omitempty"`
}

// List iterates over the actions, fetching pages of up to MaxPerPage.
func (s *ActionsService) List(ctx context.Context, opts ...*ActionListOptions) iter.Seq2[*Action, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of actions.
func (s *ActionsService) ListPage(ctx context.Context, opts *ActionListOptions) ([]*Action, *Response, error) {
	return listPage[Action](ctx, s.api, "actions", opts)
}

// Action target types (ActionCreateParams.TargetType).
const (
	TargetPartnership = "partnership"
	TargetCustomer    = "customer"
)

// ActionCreateParams is the body of POST /v2/actions.
type ActionCreateParams struct {
	// TargetType is TargetPartnership or TargetCustomer. Required.
	TargetType string `json:"target_type"`
	// TargetKey is the key of the partnership or customer. Required.
	TargetKey string `json:"target_key"`
	// Type names the action in noun_verb form. Required.
	Type string `json:"type"`
	// Value is how many times the action was taken, at least 1. Required.
	Value int64 `json:"value"`
	// ExternalKey is your key for the action.
	ExternalKey string `json:"external_key,omitempty"`
}

// Create records an action. It is never retried after it may have reached
// the server: a retried action could earn its reward twice.
func (s *ActionsService) Create(ctx context.Context, params *ActionCreateParams, opts ...RequestOption) (*Action, error) {
	switch {
	case params == nil:
		return nil, errors.New("partnerstack: record action: params are required")
	case params.TargetType != TargetPartnership && params.TargetType != TargetCustomer:
		return nil, errors.New(`partnerstack: record action: TargetType must be "partnership" or "customer"`)
	case params.TargetKey == "" || params.Type == "":
		return nil, errors.New("partnerstack: record action: TargetKey and Type are required")
	case params.Value < 1:
		return nil, errors.New("partnerstack: record action: Value must be at least 1")
	}
	return send[Action](ctx, s.api, http.MethodPost, "actions", params, opts...)
}

// Archive archives an action and the rewards (and drip rewards) it earned.
func (s *ActionsService) Archive(ctx context.Context, key string, opts ...RequestOption) error {
	if err := requireKey("archive action", key); err != nil {
		return err
	}
	return remove(ctx, s.api, transport.Join("actions/%s", key), opts...)
}
