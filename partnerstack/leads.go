package partnerstack

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// LeadsService manages the leads partners submit: /v2/leads.
type LeadsService service

// Lead statuses (Lead.Status).
const (
	LeadOpen       = "open"
	LeadClosed     = "closed"
	LeadDead       = "dead"
	LeadClosedWon  = "closed won"
	LeadClosedLost = "closed lost"
)

// Lead is a prospect a partner submitted.
type Lead struct {
	Key string `json:"key"`
	// Amount is sent in cents of a currency the lead does not carry
	// (50000 is "500.00").
	Amount Amount `json:"amount"`
	// Approved reports whether the lead may move past the closed stage.
	Approved bool `json:"approved"`
	// ExternalKey can be used in place of the key; often the lead's email.
	ExternalKey string   `json:"external_key,omitempty"`
	Fields      []*Field `json:"fields,omitempty"`
	// FieldData and Meta are the deprecated forms of Fields.
	FieldData  map[string]any `json:"field_data,omitempty" tolerant:"lenient"`
	Meta       map[string]any `json:"meta,omitempty" tolerant:"lenient"`
	GroupKey   string         `json:"group_key,omitempty"`
	MoldKey    string         `json:"mold_key,omitempty"`
	PartnerKey string         `json:"partner_key,omitempty"`
	// Status is one of the Lead… constants.
	Status    string    `json:"status,omitempty"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
}

// UnmarshalJSON implements json.Unmarshaler. Amount, sent in cents,
// becomes its value.
func (l *Lead) UnmarshalJSON(b []byte) error {
	l.Amount = Amount{} // cents decoded before are converted already
	if err := records.Unmarshal(b, l); err != nil {
		return err
	}
	return fromCents("", &l.Amount)
}

func (l *Lead) itemKey() string { return l.Key }

// LeadListOptions filter GET /v2/leads.
type LeadListOptions struct {
	ListParams
	MinCreated time.Time `url:"min_created,omitempty,unixmilli"`
	MaxCreated time.Time `url:"max_created,omitempty,unixmilli"`
	MinUpdated time.Time `url:"min_updated,omitempty,unixmilli"`
	MaxUpdated time.Time `url:"max_updated,omitempty,unixmilli"`
	Group      string    `url:"group,omitempty"`
	PartnerKey string    `url:"partner_key,omitempty"`
}

// List iterates over the leads, newest first.
func (s *LeadsService) List(ctx context.Context, opts ...*LeadListOptions) iter.Seq2[*Lead, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of leads.
func (s *LeadsService) ListPage(ctx context.Context, opts *LeadListOptions) ([]*Lead, *Response, error) {
	return listPage[Lead](ctx, s.api, "leads", opts)
}

// Get returns a lead.
func (s *LeadsService) Get(ctx context.Context, key string, opts ...RequestOption) (*Lead, error) {
	if err := requireKey("get lead", key); err != nil {
		return nil, err
	}
	return get[Lead](ctx, s.api, transport.Join("leads/%s", key), nil, opts...)
}

// LeadCreateParams is the body of POST /v2/leads.
type LeadCreateParams struct {
	// PartnerKey is the submitting partner. Required.
	PartnerKey string `json:"partner_key"`
	// Amount is sent as integer cents (AmountFromMinorUnits(50000, 2, "")
	// and ParseAmount("500.00", "") both send 50000); a zero amount is left
	// out, a null one sent as null.
	Amount      Amount   `json:"amount"`
	Approved    *bool    `json:"approved,omitempty"`
	ExternalKey string   `json:"external_key,omitempty"`
	Fields      []*Field `json:"fields,omitempty"`
	GroupKey    string   `json:"group_key,omitempty"`
	MoldKey     string   `json:"mold_key,omitempty"`
	// Status is one of the Lead… constants.
	Status string `json:"status,omitempty"`
	// Meta is deprecated by PartnerStack in favour of Fields; it takes the
	// lead's first and last name and the keys of the lead forms.
	Meta map[string]string `json:"meta,omitempty"`
}

// MarshalJSON writes Amount as integer cents.
func (p LeadCreateParams) MarshalJSON() ([]byte, error) {
	type plain LeadCreateParams
	amount, err := centsJSON(p.Amount, "", true)
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		plain
		Amount json.RawMessage `json:"amount,omitempty"`
	}{plain(p), amount})
}

// Create adds a lead. It is not retried after it may have reached the
// server.
func (s *LeadsService) Create(ctx context.Context, params *LeadCreateParams, opts ...RequestOption) (*Lead, error) {
	if params == nil || params.PartnerKey == "" {
		return nil, errors.New("partnerstack: create lead: PartnerKey is required")
	}
	return send[Lead](ctx, s.api, http.MethodPost, "leads", params, opts...)
}

// LeadUpdateParams is the body of PATCH /v2/leads/{key}. Empty fields are
// left unchanged.
type LeadUpdateParams struct {
	PartnerKey string `json:"partner_key,omitempty"`
	// Amount is sent as integer cents, like LeadCreateParams.Amount.
	Amount      Amount            `json:"amount"`
	Approved    *bool             `json:"approved,omitempty"`
	ExternalKey string            `json:"external_key,omitempty"`
	Fields      []*Field          `json:"fields,omitempty"`
	GroupKey    string            `json:"group_key,omitempty"`
	MoldKey     string            `json:"mold_key,omitempty"`
	Status      string            `json:"status,omitempty"`
	Meta        map[string]string `json:"meta,omitempty"`
}

// MarshalJSON writes Amount as integer cents.
func (p LeadUpdateParams) MarshalJSON() ([]byte, error) {
	type plain LeadUpdateParams
	amount, err := centsJSON(p.Amount, "", true)
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		plain
		Amount json.RawMessage `json:"amount,omitempty"`
	}{plain(p), amount})
}

// Update changes a lead.
func (s *LeadsService) Update(ctx context.Context, key string, params *LeadUpdateParams, opts ...RequestOption) (*Lead, error) {
	if err := requireKey("update lead", key); err != nil {
		return nil, err
	}
	if params == nil {
		params = &LeadUpdateParams{}
	}
	return send[Lead](ctx, s.api, http.MethodPatch, transport.Join("leads/%s", key), params, opts...)
}

// Archive archives a lead (DELETE /v2/leads/{key}).
func (s *LeadsService) Archive(ctx context.Context, key string, opts ...RequestOption) error {
	if err := requireKey("archive lead", key); err != nil {
		return err
	}
	return remove(ctx, s.api, transport.Join("leads/%s", key), opts...)
}

// Convert turns a lead into a customer and returns the customer. It is not
// retried after it may have reached the server.
func (s *LeadsService) Convert(ctx context.Context, key string, params *ConvertParams, opts ...RequestOption) (*Customer, error) {
	if err := requireKey("convert lead", key); err != nil {
		return nil, err
	}
	if params == nil || params.Email == "" {
		return nil, errors.New("partnerstack: convert lead: Email is required")
	}
	return send[Customer](ctx, s.api, http.MethodPost, transport.Join("leads/%s/convert", key), params, opts...)
}

// FormTemplates returns the lead form templates (GET
// /v2/leads/form-templates).
func (s *LeadsService) FormTemplates(ctx context.Context, filter *FormTemplateOptions, opts ...RequestOption) ([]*FormTemplate, error) {
	return formTemplates(ctx, s.api, "leads/form-templates", filter, opts...)
}
