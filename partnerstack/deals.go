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

// DealsService manages the deals partners register: /v2/deals.
type DealsService service

// Deal sources (Deal.Source).
const (
	DealSourcePartner = "partner"
	DealSourceVendor  = "vendor"
)

// Deal is a sales opportunity a partner registered. Its fields come from
// PartnerStack's generated SDK.
type Deal struct {
	Key string `json:"key"`
	// AccountName is the prospect's account. The SDK types it as a string;
	// another peer reads an object, which decodes as "".
	AccountName string `json:"account_name,omitempty" tolerant:"lenient"`
	// Amount is sent in cents of a currency the deal does not carry
	// (120000 is "1200.00").
	Amount Amount `json:"amount"`
	// CloseDate is the expected close date, YYYY-MM-DD.
	CloseDate        string   `json:"close_date,omitempty"`
	ContactFirstName string   `json:"contact_first_name,omitempty"`
	ContactLastName  string   `json:"contact_last_name,omitempty"`
	ExternalKey      string   `json:"external_key,omitempty"`
	Fields           []*Field `json:"fields,omitempty"`
	GroupKey         string   `json:"group_key,omitempty"`
	LostReason       string   `json:"lost_reason,omitempty"`
	// MoldKey is the key of the deal's form.
	MoldKey    string `json:"mold_key,omitempty"`
	PartnerKey string `json:"partner_key,omitempty"`
	// Source is DealSourcePartner or DealSourceVendor.
	Source     string      `json:"source,omitempty"`
	Stage      string      `json:"stage,omitempty"`
	Team       *Team       `json:"team,omitempty" tolerant:"lenient"`
	TeamMember *TeamMember `json:"team_member,omitempty" tolerant:"lenient"`
	CreatedAt  time.Time   `json:"created_at"`
	UpdatedAt  time.Time   `json:"updated_at"`
}

// UnmarshalJSON implements json.Unmarshaler. Amount, sent in cents,
// becomes its value.
func (d *Deal) UnmarshalJSON(b []byte) error {
	d.Amount = Amount{} // cents decoded before are converted already
	if err := records.Unmarshal(b, d); err != nil {
		return err
	}
	return fromCents("", &d.Amount)
}

func (d *Deal) itemKey() string { return d.Key }

// DealListOptions filter GET /v2/deals.
type DealListOptions struct {
	ListParams
	MinCreated time.Time `url:"min_created,omitempty,unixmilli"`
	MaxCreated time.Time `url:"max_created,omitempty,unixmilli"`
	MinUpdated time.Time `url:"min_updated,omitempty,unixmilli"`
	MaxUpdated time.Time `url:"max_updated,omitempty,unixmilli"`
	// Group filters by group name.
	Group      string `url:"group,omitempty"`
	PartnerKey string `url:"partner_key,omitempty"`
	// CustomerKeys filters by customers (customer_key[]=a&customer_key[]=b).
	CustomerKeys []string `url:"customer_key,omitempty,brackets"`
}

// List iterates over the deals, newest first.
func (s *DealsService) List(ctx context.Context, opts ...*DealListOptions) iter.Seq2[*Deal, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of deals.
func (s *DealsService) ListPage(ctx context.Context, opts *DealListOptions) ([]*Deal, *Response, error) {
	return listPage[Deal](ctx, s.api, "deals", opts)
}

// Get returns a deal.
func (s *DealsService) Get(ctx context.Context, key string, opts ...RequestOption) (*Deal, error) {
	if err := requireKey("get deal", key); err != nil {
		return nil, err
	}
	return get[Deal](ctx, s.api, transport.Join("deals/%s", key), nil, opts...)
}

// DealCreateParams is the body of POST /v2/deals. A deal belongs to a
// partner (PartnerKey) or is offered to a group (GroupKey): one of them is
// required.
type DealCreateParams struct {
	AccountName string `json:"account_name,omitempty"`
	// Amount is sent as integer cents (AmountFromMinorUnits(240000, 2, "")
	// and ParseAmount("2400.00", "") both send 240000); a zero amount is
	// left out, a null one sent as null.
	Amount           Amount   `json:"amount"`
	CloseDate        string   `json:"close_date,omitempty"`
	ContactFirstName string   `json:"contact_first_name,omitempty"`
	ContactLastName  string   `json:"contact_last_name,omitempty"`
	ExternalKey      string   `json:"external_key,omitempty"`
	Fields           []*Field `json:"fields,omitempty"`
	GroupKey         string   `json:"group_key,omitempty"`
	LostReason       string   `json:"lost_reason,omitempty"`
	MoldKey          string   `json:"mold_key,omitempty"`
	PartnerKey       string   `json:"partner_key,omitempty"`
	Source           string   `json:"source,omitempty"`
	Stage            string   `json:"stage,omitempty"`
}

// MarshalJSON writes Amount as integer cents.
func (p DealCreateParams) MarshalJSON() ([]byte, error) {
	type plain DealCreateParams
	amount, err := centsJSON(p.Amount, "", true)
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		plain
		Amount json.RawMessage `json:"amount,omitempty"`
	}{plain(p), amount})
}

// Create registers a deal. It is not retried after it may have reached the
// server.
func (s *DealsService) Create(ctx context.Context, params *DealCreateParams, opts ...RequestOption) (*Deal, error) {
	if params == nil || (params.PartnerKey == "" && params.GroupKey == "") {
		return nil, errors.New("partnerstack: create deal: PartnerKey or GroupKey is required")
	}
	return send[Deal](ctx, s.api, http.MethodPost, "deals", params, opts...)
}

// DealUpdateParams is the body of PATCH /v2/deals/{key}. Empty fields are
// left unchanged.
type DealUpdateParams DealCreateParams

// MarshalJSON writes Amount as integer cents.
func (p DealUpdateParams) MarshalJSON() ([]byte, error) { return DealCreateParams(p).MarshalJSON() }

// Update changes a deal.
func (s *DealsService) Update(ctx context.Context, key string, params *DealUpdateParams, opts ...RequestOption) (*Deal, error) {
	if err := requireKey("update deal", key); err != nil {
		return nil, err
	}
	if params == nil {
		params = &DealUpdateParams{}
	}
	return send[Deal](ctx, s.api, http.MethodPatch, transport.Join("deals/%s", key), params, opts...)
}

// Archive archives a deal (DELETE /v2/deals/{key}).
func (s *DealsService) Archive(ctx context.Context, key string, opts ...RequestOption) error {
	if err := requireKey("archive deal", key); err != nil {
		return err
	}
	return remove(ctx, s.api, transport.Join("deals/%s", key), opts...)
}

// ConvertParams is the body of the lead and deal convert endpoints, which
// turn a lead or a deal into a customer.
type ConvertParams struct {
	// Email is the customer's email. Required.
	Email string `json:"email"`
	// CustomerKey is your id for the customer.
	CustomerKey string `json:"customer_key,omitempty"`
}

// Convert turns a deal into a customer and returns the customer. It is not
// retried after it may have reached the server.
func (s *DealsService) Convert(ctx context.Context, key string, params *ConvertParams, opts ...RequestOption) (*Customer, error) {
	if err := requireKey("convert deal", key); err != nil {
		return nil, err
	}
	if params == nil || params.Email == "" {
		return nil, errors.New("partnerstack: convert deal: Email is required")
	}
	return send[Customer](ctx, s.api, http.MethodPost, transport.Join("deals/%s/convert", key), params, opts...)
}

// DealFile is a file attached to a deal.
type DealFile struct {
	Key string `json:"key"`
	// FieldKey is the form field the file was uploaded to.
	FieldKey string `json:"field_key"`
	Name     string `json:"name"`
}

// Files returns all the files attached to a deal, in one request (the
// endpoint is not paginated).
func (s *DealsService) Files(ctx context.Context, key string, opts ...RequestOption) ([]*DealFile, error) {
	if err := requireKey("deal files", key); err != nil {
		return nil, err
	}
	var data struct {
		DealFiles []*DealFile `json:"deal_files"`
	}
	if _, err := s.api.do(ctx, request{method: http.MethodGet, path: transport.Join("deals/%s/files", key)}, &data, opts...); err != nil {
		return nil, err
	}
	return transport.DropNil(data.DealFiles), nil
}

// DealFileLink is where a deal file can be downloaded.
type DealFileLink struct {
	URL string `json:"url"`
}

// GetFile returns the download link of a deal file. PartnerStack serves
// this endpoint without the /v2 prefix: GET /deals/{key}/file/{file_key}.
func (s *DealsService) GetFile(ctx context.Context, key, fileKey string, opts ...RequestOption) (*DealFileLink, error) {
	if err := requireKey("get deal file", key); err != nil {
		return nil, err
	}
	if err := requireKey("get deal file", fileKey); err != nil {
		return nil, err
	}
	v := new(DealFileLink)
	r := request{method: http.MethodGet, path: transport.Join("deals/%s/file/%s", key, fileKey), root: true}
	if _, err := s.api.do(ctx, r, v, opts...); err != nil {
		return nil, err
	}
	return v, nil
}

// AssignPartnership assigns a partnership, with its partner team (stack),
// to a deal. PartnerStack serves this endpoint without the /v2 prefix:
// POST /deals/{key}/assignment/{partnership_key}/{stack_key}.
func (s *DealsService) AssignPartnership(ctx context.Context, key, partnershipKey, stackKey string, opts ...RequestOption) error {
	for _, k := range []string{key, partnershipKey, stackKey} {
		if err := requireKey("assign partnership to deal", k); err != nil {
			return err
		}
	}
	path := transport.Join("deals/%s/assignment/%s/%s", key, partnershipKey, stackKey)
	_, err := s.api.do(ctx, request{method: http.MethodPost, path: path, root: true}, nil, opts...)
	return err
}

// FormTemplates returns the deal form templates (GET
// /v2/deals/form-templates).
func (s *DealsService) FormTemplates(ctx context.Context, filter *FormTemplateOptions, opts ...RequestOption) ([]*FormTemplate, error) {
	return formTemplates(ctx, s.api, "deals/form-templates", filter, opts...)
}
