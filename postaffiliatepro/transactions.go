package postaffiliatepro

import (
	"context"
	"encoding/json"
	"errors"
	"iter"
	"net/http"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// TransactionsService manages transactions (commissions): /transactions.
type TransactionsService service

// Transaction is a commission: a sale, action, bonus, refund or chargeback
// credited to an affiliate. Amounts are in the account's currency, in major
// units (unverified). Field names on the wire are unverified; see the
// package documentation.
type Transaction struct {
	ID           string
	Type         TransactionType
	Status       Status
	PayoutStatus PayoutStatus
	// Commission is the affiliate's commission.
	Commission float64
	// TotalCost is the order amount the commission was computed from.
	TotalCost float64
	// Currency is the currency code, when the account sends one.
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
func (t *Transaction) decode(f *fields) {
	f.str(&t.ID, "id", "transid", "transaction_id")
	var typ, status, payout string
	f.str(&typ, "type", "rtype")
	t.Type = parseType(typ)
	f.str(&status, "status", "rstatus")
	t.Status = parseStatus(status)
	f.str(&payout, "payout_status", "payoutstatus")
	t.PayoutStatus = parsePayoutStatus(payout)
	f.float(&t.Commission, "commission")
	f.float(&t.TotalCost, "total_cost", "totalcost")
	f.str(&t.Currency, "currency", "currency_code", "currencyid")
	f.str(&t.OrderID, "order_id", "orderid")
	f.str(&t.ProductID, "product_id", "productid")
	f.str(&t.CampaignID, "campaign_id", "campaignid")
	f.str(&t.AffiliateID, "affiliate_id", "userid", "user_id")
	f.str(&t.BannerID, "banner_id", "bannerid")
	f.int(&t.Tier, "tier", "commission_tier")
	f.str(&t.ActionCode, "action_code", "actioncode")
	f.str(&t.SystemNote, "system_note", "systemnote")
	f.str(&t.MerchantNote, "merchant_note", "merchantnote")
	f.str(&t.Data1, "data1")
	f.str(&t.Data2, "data2")
	f.str(&t.Data3, "data3")
	f.str(&t.Data4, "data4")
	f.str(&t.Data5, "data5")
	f.str(&t.IP, "ip")
	f.time(&t.CreatedAt, "created_at", "date_inserted", "dateinserted", "created")
	f.timePtr(&t.ApprovedAt, "approved_at", "date_approved", "dateapproved")
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
func (s *TransactionsService) Get(ctx context.Context, id string) (*Transaction, error) {
	if strings.TrimSpace(id) == "" {
		return nil, errors.New("postaffiliatepro: get transaction: empty id")
	}
	return getRecord[Transaction](ctx, s.client, transport.Join("transactions/%s", id), "transaction")
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
	// TotalCost is the order amount.
	TotalCost float64 `json:"total_cost,omitempty"`
	// Commission sets the commission instead of computing it from the
	// campaign; nil computes it.
	Commission *float64 `json:"commission,omitempty"`
	OrderID    string   `json:"order_id,omitempty"`
	ProductID  string   `json:"product_id,omitempty"`
	// Currency is the order's currency code; empty means the default.
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

// Create credits a commission. It is never retried after it may have
// reached the server: the API takes no idempotency key, so a retry could
// credit twice.
func (s *TransactionsService) Create(ctx context.Context, params *TransactionCreateParams) (*Transaction, error) {
	if params == nil || strings.TrimSpace(params.AffiliateID) == "" {
		return nil, errors.New("postaffiliatepro: create transaction: AffiliateID is required")
	}
	if params.Type == TypeAction && params.ActionCode == "" {
		return nil, errors.New("postaffiliatepro: create transaction: an action commission needs ActionCode")
	}
	req := &transport.Request{Method: http.MethodPost, Path: "transactions", Body: params}
	return sendRecord[Transaction](ctx, s.client, req, "transaction")
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
func (s *TransactionsService) Update(ctx context.Context, id string, params *TransactionUpdateParams) (*Transaction, error) {
	if strings.TrimSpace(id) == "" {
		return nil, errors.New("postaffiliatepro: update transaction: empty id")
	}
	if params == nil {
		params = &TransactionUpdateParams{}
	}
	req := &transport.Request{Method: http.MethodPatch, Path: transport.Join("transactions/%s", id), Body: params, RetrySafe: true}
	return sendRecord[Transaction](ctx, s.client, req, "transaction")
}
