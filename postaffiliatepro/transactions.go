package postaffiliatepro

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/internal/tolerant"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// TransactionsService manages transactions (commissions): /transactions.
type TransactionsService service

// Transaction is a commission: a sale, action, bonus, refund or chargeback
// credited to an affiliate. Amounts are exact (see [Amount]): the decimal
// text as sent, in major units of Currency, or of the account's currency
// when the record has none (the unit is unverified: the legacy data model
// and peer code use major units). Field names on the wire are unverified;
// see the package documentation.
type Transaction struct {
	ID           string
	Type         TransactionType
	Status       Status
	PayoutStatus PayoutStatus
	// Commission is the affiliate's commission, negative for a refund or
	// chargeback; null when the server sends null.
	Commission Amount
	// TotalCost is the order amount the commission was computed from.
	TotalCost Amount
	// Currency is the currency code, when the account sends one; the
	// amounts carry it too.
	Currency    string
	OrderID     string
	ProductID   string
	CampaignID  string
	AffiliateID string
	BannerID    string
	// Tier is the commission tier: 1 for the affiliate who referred the
	// sale, 2 and up for parent affiliates.
	Tier int64
	// ActionCode identifies the action of an action commission.
	ActionCode   string
	SystemNote   string
	MerchantNote string
	// Data1 to Data5 are the custom tracking values.
	Data1, Data2, Data3, Data4, Data5 string
	// IP is the visitor's IP address.
	IP         string
	CreatedAt  time.Time
	ApprovedAt *time.Time
	// Raw is the record as received, for fields this type does not map.
	Raw json.RawMessage
}

// decode reads the transaction's fields and their legacy aliases.
func (t *Transaction) decode(f *tolerant.Object) {
	f.String(&t.ID, "id", "transid", "transaction_id")
	var typ, status, payout string
	f.String(&typ, "type", "rtype")
	t.Type = parseType(typ)
	f.String(&status, "status", "rstatus")
	t.Status = parseStatus(status)
	f.String(&payout, "payout_status", "payoutstatus")
	t.PayoutStatus = parsePayoutStatus(payout)
	f.Amount(&t.Commission, "commission")
	f.Amount(&t.TotalCost, "total_cost", "totalcost")
	f.String(&t.Currency, "currency", "currency_code", "currencyid")
	money.SetCurrency(t.Currency, &t.Commission, &t.TotalCost)
	f.String(&t.OrderID, "order_id", "orderid")
	f.String(&t.ProductID, "product_id", "productid")
	f.String(&t.CampaignID, "campaign_id", "campaignid")
	f.String(&t.AffiliateID, "affiliate_id", "userid", "user_id")
	f.String(&t.BannerID, "banner_id", "bannerid")
	f.Int(&t.Tier, "tier", "commission_tier")
	f.String(&t.ActionCode, "action_code", "actioncode")
	f.String(&t.SystemNote, "system_note", "systemnote")
	f.String(&t.MerchantNote, "merchant_note", "merchantnote")
	f.String(&t.Data1, "data1")
	f.String(&t.Data2, "data2")
	f.String(&t.Data3, "data3")
	f.String(&t.Data4, "data4")
	f.String(&t.Data5, "data5")
	f.String(&t.IP, "ip")
	f.Time(&t.CreatedAt, "created_at", "date_inserted", "dateinserted", "created")
	f.TimePtr(&t.ApprovedAt, "approved_at", "date_approved", "dateapproved")
}

func (t *Transaction) setRaw(raw json.RawMessage) { t.Raw = raw }

func (t *Transaction) recordID() string { return t.ID }

// UnmarshalJSON decodes a transaction tolerantly (see the package
// documentation); zone-less timestamps are read as UTC.
func (t *Transaction) UnmarshalJSON(data []byte) error { return unmarshalRecord(t, data) }

// TransactionListOptions filter GET /transactions.
type TransactionListOptions struct {
	ListParams
	// Q searches the id, action code, merchant and system notes and
	// data1-data5. A "field:value" term matches one field; the full syntax
	// is unverified.
	Q string `url:"q,omitempty"`
	// Fields selects the fields returned (fields=id,commission).
	Fields []string `url:"fields,omitempty,comma"`
	// ID and Data1 to Data5 filter on those columns (sent as id=, data1=
	// ...; the parameter form is unverified).
	ID    string `url:"id,omitempty"`
	Data1 string `url:"data1,omitempty"`
	Data2 string `url:"data2,omitempty"`
	Data3 string `url:"data3,omitempty"`
	Data4 string `url:"data4,omitempty"`
	Data5 string `url:"data5,omitempty"`
}

// transactionKeys are the resource keys a transaction list may use.
var transactionKeys = []string{"transactions", "commissions"}

// List iterates over the transactions matching opts, page by page as the
// loop advances.
func (s *TransactionsService) List(ctx context.Context, opts ...*TransactionListOptions) iter.Seq2[*Transaction, error] {
	return list[Transaction](ctx, s.client, "transactions", transactionKeys, opts)
}

// ListPage fetches the page opts.Page (default 1) of transactions.
func (s *TransactionsService) ListPage(ctx context.Context, opts *TransactionListOptions) ([]*Transaction, *Response, error) {
	return listPage[Transaction](ctx, s.client, "transactions", transactionKeys, copyOpts(opts))
}

// Get returns the transaction with the given id, with its notes, action
// code and commission tier.
func (s *TransactionsService) Get(ctx context.Context, id string, opts ...RequestOption) (*Transaction, error) {
	if strings.TrimSpace(id) == "" {
		return nil, errors.New("postaffiliatepro: get transaction: empty id")
	}
	return getRecord[Transaction](ctx, s.client, transport.Join("transactions/%s", id), "transaction", opts...)
}

// TransactionCreateParams is the body of POST /transactions. Field names
// are unverified.
type TransactionCreateParams struct {
	// AffiliateID is the affiliate credited. Required.
	AffiliateID string `json:"affiliate_id"`
	// CampaignID is the campaign whose commission applies; empty means the
	// account's default campaign. Bonus types need none.
	CampaignID string `json:"campaign_id,omitempty"`
	// Type is the kind of commission: TypeSale (the default when empty),
	// TypeAction (with ActionCode), TypeSignupBonus, TypeReferralBonus or
	// TypeExtraBonus.
	Type TransactionType `json:"type,omitempty"`
	// ActionCode names the action commission type; required for TypeAction.
	ActionCode string `json:"action_code,omitempty"`
	// TotalCost is the order amount; zero leaves it out. It is sent as a
	// decimal in major units ("25.00"), however it was built: an Amount
	// from AmountFromMinorUnits(2500, 2, "") is sent as 25.00.
	TotalCost Amount `json:"total_cost,omitzero"`
	// Commission sets the commission instead of computing it from the
	// campaign; nil computes it (a pointer, so that an explicit zero
	// commission can be sent). Sent in major units as TotalCost is.
	Commission *Amount `json:"commission,omitempty"`
	OrderID    string  `json:"order_id,omitempty"`
	ProductID  string  `json:"product_id,omitempty"`
	// Currency is the order's currency code; empty means the currency of
	// the amounts when they carry one, else the account's default. An
	// amount in another currency is an error.
	Currency string `json:"currency,omitempty"`
	// Status is the initial status; empty applies the commission type's
	// approval setting.
	Status       Status `json:"status,omitempty"`
	MerchantNote string `json:"merchant_note,omitempty"`
	Data1        string `json:"data1,omitempty"`
	Data2        string `json:"data2,omitempty"`
	Data3        string `json:"data3,omitempty"`
	Data4        string `json:"data4,omitempty"`
	Data5        string `json:"data5,omitempty"`
}

// MarshalJSON writes the body with the amounts as decimals in major units,
// exactly, and the currency the amounts carry when Currency is empty.
func (p TransactionCreateParams) MarshalJSON() ([]byte, error) {
	cur, err := paramsCurrency(p.Currency, p.TotalCost, p.Commission)
	if err != nil {
		return nil, err
	}
	p.Currency = cur
	p.TotalCost = majorUnits(p.TotalCost)
	if p.Commission != nil {
		c := majorUnits(*p.Commission)
		p.Commission = &c
	}
	type plain TransactionCreateParams
	return json.Marshal(plain(p))
}

// majorUnits returns a as a decimal in major units, which is how it
// encodes: 2500 cents become 25.00, and a decoded "25.00" the number 25.00.
// A null stays null.
func majorUnits(a Amount) Amount {
	if a.IsNull() {
		return a
	}
	d, err := ParseAmount(a.String(), a.Currency())
	if err != nil {
		return a
	}
	return d
}

// paramsCurrency returns the currency a body names: cur, or else the one
// the amounts carry; amounts in another currency are an error.
func paramsCurrency(cur string, total Amount, commission *Amount) (string, error) {
	amounts := []Amount{total}
	if commission != nil {
		amounts = append(amounts, *commission)
	}
	for _, a := range amounts {
		switch c := a.Currency(); {
		case c == "":
		case cur == "":
			cur = c
		case !strings.EqualFold(c, cur):
			return "", fmt.Errorf("postaffiliatepro: create transaction: an amount in %s for currency %s", c, cur)
		}
	}
	return cur, nil
}

// Create credits a commission. It is never retried after it may have
// reached the server: the API takes no idempotency key, so a retry could
// credit twice.
func (s *TransactionsService) Create(ctx context.Context, params *TransactionCreateParams, opts ...RequestOption) (*Transaction, error) {
	if params == nil || strings.TrimSpace(params.AffiliateID) == "" {
		return nil, errors.New("postaffiliatepro: create transaction: AffiliateID is required")
	}
	if params.Type == TypeAction && params.ActionCode == "" {
		return nil, errors.New("postaffiliatepro: create transaction: an action commission needs ActionCode")
	}
	req := &transport.Request{Method: http.MethodPost, Path: "transactions", Body: params}
	return sendRecord[Transaction](ctx, s.client, req, "transaction", opts...)
}

// TransactionUpdateParams is the body of PATCH /transactions/{id}: the
// order id, the custom data fields and the type are documented; Status and
// MerchantNote are unverified. Empty fields are left unchanged.
type TransactionUpdateParams struct {
	OrderID      string          `json:"order_id,omitempty"`
	Type         TransactionType `json:"type,omitempty"`
	Status       Status          `json:"status,omitempty"`
	MerchantNote string          `json:"merchant_note,omitempty"`
	Data1        string          `json:"data1,omitempty"`
	Data2        string          `json:"data2,omitempty"`
	Data3        string          `json:"data3,omitempty"`
	Data4        string          `json:"data4,omitempty"`
	Data5        string          `json:"data5,omitempty"`
}

// Update changes the transaction with the given id and returns it. The
// PATCH sets absolute values, so it is retried like a PUT.
func (s *TransactionsService) Update(ctx context.Context, id string, params *TransactionUpdateParams, opts ...RequestOption) (*Transaction, error) {
	if strings.TrimSpace(id) == "" {
		return nil, errors.New("postaffiliatepro: update transaction: empty id")
	}
	if params == nil {
		params = &TransactionUpdateParams{}
	}
	req := &transport.Request{Method: http.MethodPatch, Path: transport.Join("transactions/%s", id), Body: params, RetrySafe: true}
	return sendRecord[Transaction](ctx, s.client, req, "transaction", opts...)
}
