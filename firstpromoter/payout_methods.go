package firstpromoter

import (
	"context"
	"errors"
	"iter"
	"net/http"
	"strconv"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// PayoutMethodsService manages the promoters' payout methods:
// /company/payout_methods.
type PayoutMethodsService service

// Payout method names.
const (
	PayoutMethodPaypal = "paypal"
	PayoutMethodBank   = "bank"
	PayoutMethodWise   = "wise"
	PayoutMethodCrypto = "crypto"
	PayoutMethodCustom = "custom"
	PayoutMethodDots   = "dots"
)

// PayoutMethodListOptions filter GET /company/payout_methods.
type PayoutMethodListOptions struct {
	ListParams
	// PromoterID is the promoter whose methods to list. Required.
	PromoterID int64 `url:"filters[promoter_id]"`
}

// List iterates over a promoter's payout methods. opts is required, for
// its PromoterID; the iterator yields an error without one.
func (s *PayoutMethodsService) List(ctx context.Context, opts ...*PayoutMethodListOptions) iter.Seq2[*PayoutMethod, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of a promoter's payout
// methods.
func (s *PayoutMethodsService) ListPage(ctx context.Context, opts *PayoutMethodListOptions) ([]*PayoutMethod, *Response, error) {
	if opts == nil || opts.PromoterID == 0 {
		return nil, nil, errors.New("firstpromoter: list payout methods: PromoterID is required")
	}
	return listPage[PayoutMethod](ctx, s.client, "company/payout_methods", copyOpts(opts))
}

// Get returns the payout method with the given id.
func (s *PayoutMethodsService) Get(ctx context.Context, id int64, opts ...RequestOption) (*PayoutMethod, error) {
	return s.one(ctx, http.MethodGet, payoutMethodPath(id), nil, opts...)
}

// PayoutMethodParams is the body of POST /company/payout_methods and PUT
// /company/payout_methods/{id}; Method, PromoterID and Details are
// required on both.
type PayoutMethodParams struct {
	// Method is one of the PayoutMethod* names.
	Method     string `json:"method"`
	PromoterID int64  `json:"promoter_id"`
	IsDisabled *bool  `json:"is_disabled,omitempty"`
	IsSelected *bool  `json:"is_selected,omitempty"`
	// Details are the account details of Method; set the fields it needs.
	Details *PayoutMethodDetails `json:"details"`
}

// PayoutMethodDetails are the account details of a payout method. Which
// fields apply depends on the method: PaypalEmail for paypal, WiseEmail
// for wise, WalletAddress and CryptoCurrency for crypto, the bank fields
// (by the bank's country) for bank. Empty fields are not sent.
type PayoutMethodDetails struct {
	PaypalEmail string `json:"paypal_email,omitempty"`
	// BankCountry is the bank's two-letter country code.
	BankCountry       string `json:"bank_country,omitempty"`
	AccountHolderName string `json:"account_holder_name,omitempty"`
	AccountNumber     string `json:"account_number,omitempty"`
	RoutingABANumber  string `json:"routing_aba_number,omitempty"`
	Country           string `json:"country,omitempty"`
	State             string `json:"state,omitempty"`
	PostalCode        string `json:"postal_code,omitempty"`
	Address           string `json:"address,omitempty"`
	City              string `json:"city,omitempty"`
	TransitNumber     string `json:"transit_number,omitempty"`
	InstitutionNumber string `json:"institution_number,omitempty"`
	BSBCode           string `json:"bsb_code,omitempty"`
	SortCode          string `json:"sort_code,omitempty"`
	IBAN              string `json:"iban,omitempty"`
	SwiftBICCode      string `json:"swift_bic_code,omitempty"`
	BankName          string `json:"bank_name,omitempty"`
	BankCity          string `json:"bank_city,omitempty"`
	BankAddress       string `json:"bank_address,omitempty"`
	WiseEmail         string `json:"wise_email,omitempty"`
	WalletAddress     string `json:"wallet_address,omitempty"`
	CryptoCurrency    string `json:"crypto_currency,omitempty"`
}

func (p *PayoutMethodParams) validate(op string) error {
	switch {
	case p == nil || p.Method == "":
		return errors.New("firstpromoter: " + op + ": Method is required")
	case p.PromoterID == 0:
		return errors.New("firstpromoter: " + op + ": PromoterID is required")
	case p.Details == nil:
		return errors.New("firstpromoter: " + op + ": Details are required")
	}
	return nil
}

// Create adds a payout method to a promoter. It is not retried after it
// may have reached the server.
func (s *PayoutMethodsService) Create(ctx context.Context, params *PayoutMethodParams, opts ...RequestOption) (*PayoutMethod, error) {
	if err := params.validate("create payout method"); err != nil {
		return nil, err
	}
	return s.one(ctx, http.MethodPost, "company/payout_methods", params, opts...)
}

// Update changes the payout method with the given id.
func (s *PayoutMethodsService) Update(ctx context.Context, id int64, params *PayoutMethodParams, opts ...RequestOption) (*PayoutMethod, error) {
	if err := params.validate("update payout method"); err != nil {
		return nil, err
	}
	return s.one(ctx, http.MethodPut, payoutMethodPath(id), params, opts...)
}

// Delete deletes the payout method with the given id. The API refuses
// (409, ErrConflict) to delete a method that is still in use.
func (s *PayoutMethodsService) Delete(ctx context.Context, id int64, opts ...RequestOption) error {
	_, err := s.client.do(ctx, http.MethodDelete, payoutMethodPath(id), nil, nil, nil, opts...)
	return err
}

func (s *PayoutMethodsService) one(ctx context.Context, method, path string, body any, opts ...RequestOption) (*PayoutMethod, error) {
	m := new(PayoutMethod)
	if _, err := s.client.do(ctx, method, path, nil, body, transport.RecordID(m), opts...); err != nil {
		return nil, err
	}
	return m, nil
}

func payoutMethodPath(id int64) string {
	return transport.Join("company/payout_methods/%s", strconv.FormatInt(id, 10))
}
