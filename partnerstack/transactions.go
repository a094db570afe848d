package partnerstack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// TransactionsService manages customer payments, from which rewards are
// computed: /v2/transactions.
type TransactionsService service

// Transaction is a customer payment. PartnerStack sends its amounts as
// integer minor units (cents): Amount in Currency, AmountUSD the same
// amount in US cents; both hold their value in major units with their
// currency (12900 EUR cents is "129.00" EUR).
type Transaction struct {
	// Key is the transaction key, a free string the vendor may supply.
	Key       string `json:"key"`
	Amount    Amount `json:"amount"`
	AmountUSD Amount `json:"amount_usd"`
	// Currency is the three-letter ISO code of Amount.
	Currency string `json:"currency"`
	Archived bool   `json:"archived"`
	// CategoryKey and ProductKey are nil when PartnerStack sends null.
	CategoryKey    *string      `json:"category_key"`
	ProductKey     *string      `json:"product_key"`
	Company        *CompanyRef  `json:"company,omitempty"`
	Customer       *CustomerRef `json:"customer,omitempty"`
	PartnershipKey string       `json:"partnership_key,omitempty"`
	// Approved, CustomerKey, Metadata, Test and Extension are sent by the
	// Vendor API.
	Approved    bool           `json:"approved,omitempty"`
	CustomerKey string         `json:"customer_key,omitempty"`
	Metadata    map[string]any `json:"metadata,omitempty" tolerant:"lenient"`
	Test        bool           `json:"test,omitempty"`
	Extension   map[string]any `json:"extension,omitempty" tolerant:"lenient"`
	CreatedAt   time.Time      `json:"created_at"`
	UpdatedAt   time.Time      `json:"updated_at"`
}

// UnmarshalJSON implements json.Unmarshaler. The amounts, sent in cents,
// become their values in Currency and USD.
func (t *Transaction) UnmarshalJSON(b []byte) error {
	t.Amount, t.AmountUSD = Amount{}, Amount{} // cents decoded before are converted already
	if err := records.Unmarshal(b, t); err != nil {
		return err
	}
	if err := fromCents(t.Currency, &t.Amount); err != nil {
		return err
	}
	return fromCents("USD", &t.AmountUSD)
}

func (t *Transaction) itemKey() string { return t.Key }

// TransactionListOptions filter GET /v2/transactions.
type TransactionListOptions struct {
	ListParams
	// OrderBy is [OrderCreatedAt] or [OrderCreatedAtDesc] (the default).
	OrderBy    Order     `url:"order_by,omitempty"`
	MinCreated time.Time `url:"min_created,omitempty,unixmilli"`
	MaxCreated time.Time `url:"max_created,omitempty,unixmilli"`
}

// List iterates over the transactions, fetching pages of up to MaxPerPage.
func (s *TransactionsService) List(ctx context.Context, opts ...*TransactionListOptions) iter.Seq2[*Transaction, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches one page of transactions.
func (s *TransactionsService) ListPage(ctx context.Context, opts *TransactionListOptions) ([]*Transaction, *Response, error) {
	return listPage[Transaction](ctx, s.api, "transactions", opts)
}

// TransactionCreateParams is the body of POST /v2/transactions. Exactly
// one of CustomerKey, CustomerExternalKey and CustomerEmail identifies the
// customer; Create rejects any other combination before sending.
type TransactionCreateParams struct {
	// CustomerKey is PartnerStack's customer key (Customer.Key).
	CustomerKey string `json:"customer_key,omitempty"`
	// CustomerExternalKey is your own customer id (Customer.CustomerKey).
	CustomerExternalKey string `json:"customer_external_key,omitempty"`
	// CustomerEmail is the customer's email.
	CustomerEmail string `json:"customer_email,omitempty"`
	// Amount in Currency, sent as integer cents (hundredths) between -5e10
	// and 5e10 (AmountFromMinorUnits(12900, 2, "EUR") and
	// ParseAmount("129.00", "EUR") both send 12900); 0 is allowed. An
	// amount finer than a cent, or in another currency, is rejected
	// before sending. Required.
	Amount Amount `json:"amount"`
	// Currency is a three-letter ISO code. Required.
	Currency string `json:"currency"`
	// Key is your key for the transaction, 4 to 255 characters.
	Key         string `json:"key,omitempty"`
	CategoryKey string `json:"category_key,omitempty"`
	ProductKey  string `json:"product_key,omitempty"`
	// Metadata holds at most 25 attributes, names up to 30 characters and
	// values up to 100.
	Metadata map[string]string `json:"metadata,omitempty"`
	// Test marks a test transaction, which generates no rewards.
	Test bool `json:"test,omitempty"`
	// CreatedAt backdates the transaction; sent as epoch milliseconds.
	CreatedAt time.Time `json:"-"`
	// Extra carries the body fields not modeled here, such as the
	// teammate and subscription external ids.
	Extra Extra `json:"-"`
}

// MarshalJSON writes Amount as integer minor units of Currency and
// CreatedAt as epoch milliseconds, and merges Extra.
func (p TransactionCreateParams) MarshalJSON() ([]byte, error) {
	type plain TransactionCreateParams
	amount, err := centsJSON(p.Amount, p.Currency, false)
	if err != nil {
		return nil, err
	}
	return withExtra(struct {
		plain
		Amount    json.RawMessage `json:"amount"`
		CreatedAt *int64          `json:"created_at,omitempty"`
	}{plain(p), amount, msOf(p.CreatedAt)}, p.Extra)
}

// maxTransactionAmount bounds Amount as PartnerStack documents.
const maxTransactionAmount = 50_000_000_000

func (p *TransactionCreateParams) validate() error {
	if p == nil {
		return errors.New("params are required")
	}
	cents, err := centsOf(p.Amount, p.Currency)
	if err != nil {
		return fmt.Errorf("the Amount %s cannot be sent as cents of %s: %w", p.Amount.String(), p.Currency, err)
	}
	ids := 0
	for _, id := range []string{p.CustomerKey, p.CustomerExternalKey, p.CustomerEmail} {
		if id != "" {
			ids++
		}
	}
	switch {
	case ids != 1:
		return fmt.Errorf("exactly one of CustomerKey, CustomerExternalKey and CustomerEmail is required, got %d", ids)
	case len(p.Currency) != 3:
		return fmt.Errorf("the Currency must be a three-letter code, got %q", p.Currency)
	case cents < -maxTransactionAmount || cents > maxTransactionAmount:
		return fmt.Errorf("the Amount %s is outside ±%d minor units", p.Amount.String(), int64(maxTransactionAmount))
	case p.Key != "" && (len(p.Key) < 4 || len(p.Key) > 255):
		return errors.New("the Key must be 4 to 255 characters")
	case len(p.Metadata) > 25:
		return errors.New("the Metadata holds at most 25 attributes")
	}
	for k, v := range p.Metadata {
		if len(k) > 30 || len(v) > 100 {
			return fmt.Errorf("the Metadata %q: names are limited to 30 characters and values to 100", k)
		}
	}
	return nil
}

// Create records a transaction. It is never retried after it may have
// reached the server: a retried payment could be counted twice.
func (s *TransactionsService) Create(ctx context.Context, params *TransactionCreateParams, opts ...RequestOption) (*Transaction, error) {
	if err := params.validate(); err != nil {
		return nil, errors.New("partnerstack: create transaction: " + err.Error())
	}
	return send[Transaction](ctx, s.api, http.MethodPost, "transactions", params, opts...)
}

// Delete deletes a transaction.
func (s *TransactionsService) Delete(ctx context.Context, key string, opts ...RequestOption) error {
	if err := requireKey("delete transaction", key); err != nil {
		return err
	}
	return remove(ctx, s.api, transport.Join("transactions/%s", key), opts...)
}

// msOf returns t as epoch milliseconds for a request body, nil (omitted)
// for the zero time.
func msOf(t time.Time) *int64 {
	if t.IsZero() {
		return nil
	}
	m := t.UnixMilli()
	return &m
}
