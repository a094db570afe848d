package partnerstack

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// CustomersService manages the customers partners referred:
// /v2/customers.
type CustomersService service

// Customer is a customer a partner referred. The Vendor API and the
// Partner API send different fields; the ones an API does not send stay
// zero.
type Customer struct {
	// Key is PartnerStack's customer key (cus_…).
	Key string `json:"key"`
	// CustomerKey is the vendor's own id for the customer, nil when
	// PartnerStack sends null.
	CustomerKey *string `json:"customer_key"`
	// Email and Name are sent by the Vendor API; free text, null reads as
	// "".
	Email string `json:"email,omitempty"`
	Name  string `json:"name,omitempty"`
	// PartnerKey is the referring partner's key (Vendor API).
	PartnerKey     string `json:"partner_key,omitempty"`
	PartnershipKey string `json:"partnership_key"`
	// ProviderKey is the payment provider's id for the customer (Stripe,
	// Recurly, Chargebee, ...; Vendor API).
	// It is nil when PartnerStack sends null or leaves it out.
	ProviderKey *string `json:"provider_key,omitempty"`
	// SourceKey and SourceType tell what created the customer (Vendor API).
	SourceKey  string `json:"source_key,omitempty"`
	SourceType string `json:"source_type,omitempty"`
	// Test is true for a customer created with test keys or by the test
	// partner (Vendor API).
	Test bool `json:"test,omitempty"`
	// Meta and FieldData are the deprecated forms of Fields (Vendor API).
	Meta      map[string]any `json:"meta,omitempty" tolerant:"lenient"`
	FieldData map[string]any `json:"field_data,omitempty" tolerant:"lenient"`
	Fields    []*Field       `json:"fields,omitempty"`
	// Archived, Company, CountryISO, HasPaid, SharedID and SubIDs are sent
	// by the Partner API; CountryISO and SharedID are nil when it sends
	// null (or, from the Vendor API, leaves them out).
	Archived   bool        `json:"archived"`
	Company    *CompanyRef `json:"company,omitempty"`
	CountryISO *string     `json:"country_iso"`
	HasPaid    bool        `json:"has_paid"`
	SharedID   *string     `json:"shared_id"`
	SubIDs     []string    `json:"sub_ids"`
	CreatedAt  time.Time   `json:"created_at"`
	UpdatedAt  time.Time   `json:"updated_at"`
}

// UnmarshalJSON implements json.Unmarshaler.
func (c *Customer) UnmarshalJSON(b []byte) error { return records.Unmarshal(b, c) }

func (c *Customer) itemKey() string { return c.Key }

// CustomerListOptions filter GET /v2/customers. The updated, group and
// partner filters are Vendor API filters.
type CustomerListOptions struct {
	ListParams
	// OrderBy is [OrderCreatedAt] or [OrderCreatedAtDesc] (the default).
	OrderBy    Order     `url:"order_by,omitempty"`
	MinCreated time.Time `url:"min_created,omitempty,unixmilli"`
	MaxCreated time.Time `url:"max_created,omitempty,unixmilli"`
	MinUpdated time.Time `url:"min_updated,omitempty,unixmilli"`
	MaxUpdated time.Time `url:"max_updated,omitempty,unixmilli"`
	// Group filters by group name, with spaces and special characters
	// removed.
	Group string `url:"group,omitempty"`
	// PartnerKey filters by the referring partner's key.
	PartnerKey string `url:"partner_key,omitempty"`
}

// List iterates over the customers, fetching pages of up to MaxPerPage.
func (s *CustomersService) List(ctx context.Context, opts ...*CustomerListOptions) iter.Seq2[*Customer, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of customers.
func (s *CustomersService) ListPage(ctx context.Context, opts *CustomerListOptions) ([]*Customer, *Response, error) {
	return listPage[Customer](ctx, s.api, "customers", opts)
}

// Get returns a customer by PartnerStack's customer key (Customer.Key).
func (s *CustomersService) Get(ctx context.Context, customerKey string, opts ...RequestOption) (*Customer, error) {
	if err := requireKey("get customer", customerKey); err != nil {
		return nil, err
	}
	return get[Customer](ctx, s.api, transport.Join("customers/%s", customerKey), nil, opts...)
}

// CustomerCreateParams is the body of POST /v2/customers. PartnerStack
// notes that a customer created this way is not attributed to a link or a
// click; server-to-server tracking does that.
type CustomerCreateParams struct {
	// CustomerKey is your id for the customer. PartnerStack requires the
	// field but accepts null, which a nil CustomerKey sends.
	CustomerKey *string `json:"customer_key"`
	// Email is the customer's email, 4 to 255 characters. Required.
	Email string `json:"email"`
	// PartnerKey is the key of the referring partner. Required.
	PartnerKey string `json:"partner_key"`
	// Name is the customer's or company's name, at most 100 characters.
	Name string `json:"name,omitempty"`
	// Meta holds custom fields configured in the dashboard.
	Meta        map[string]string `json:"meta,omitempty"`
	ProviderKey string            `json:"provider_key,omitempty"`
	MemberKey   string            `json:"member_key,omitempty"`
}

func (p *CustomerCreateParams) validate() error {
	switch {
	case p == nil:
		return errors.New("params are required")
	case len(p.Email) < 4 || len(p.Email) > 255:
		return errors.New("the Email is required, 4 to 255 characters")
	case p.PartnerKey == "":
		return errors.New("PartnerKey is required")
	case len(p.Name) > 100:
		return errors.New("the Name is longer than 100 characters")
	}
	return nil
}

// Create adds a customer. It is not retried after it may have reached the
// server.
func (s *CustomersService) Create(ctx context.Context, params *CustomerCreateParams, opts ...RequestOption) (*Customer, error) {
	if err := params.validate(); err != nil {
		return nil, errors.New("partnerstack: create customer: " + err.Error())
	}
	return send[Customer](ctx, s.api, http.MethodPost, "customers", params, opts...)
}

// CustomerUpdateParams is the body of PATCH /v2/customers/{customer_key}.
// Empty fields are left unchanged.
type CustomerUpdateParams struct {
	CustomerKey string            `json:"customer_key,omitempty"`
	Email       string            `json:"email,omitempty"`
	PartnerKey  string            `json:"partner_key,omitempty"`
	Name        string            `json:"name,omitempty"`
	Meta        map[string]string `json:"meta,omitempty"`
	ProviderKey string            `json:"provider_key,omitempty"`
	MemberKey   string            `json:"member_key,omitempty"`
}

// Update changes a customer.
func (s *CustomersService) Update(ctx context.Context, customerKey string, params *CustomerUpdateParams, opts ...RequestOption) (*Customer, error) {
	if err := requireKey("update customer", customerKey); err != nil {
		return nil, err
	}
	if params == nil {
		params = &CustomerUpdateParams{}
	}
	return send[Customer](ctx, s.api, http.MethodPatch, transport.Join("customers/%s", customerKey), params, opts...)
}

// Delete deletes a customer.
func (s *CustomersService) Delete(ctx context.Context, customerKey string, opts ...RequestOption) error {
	if err := requireKey("delete customer", customerKey); err != nil {
		return err
	}
	return remove(ctx, s.api, transport.Join("customers/%s", customerKey), opts...)
}
