package firstpromoter

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// PayoutsService manages payouts, the sums owed to promoters:
// /company/payouts.
type PayoutsService service

// PayoutStatus is the state of a payout.
type PayoutStatus string

// Payout statuses.
const (
	PayoutPending    PayoutStatus = "pending"
	PayoutCompleted  PayoutStatus = "completed"
	PayoutFailed     PayoutStatus = "failed"
	PayoutProcessing PayoutStatus = "processing"
	PayoutCancelled  PayoutStatus = "cancelled"
)

// Payout is a sum owed or paid to a promoter for one period.
type Payout struct {
	ID     int64        `json:"id"`
	Status PayoutStatus `json:"status"`
	// Amount and TotalInclTax are kept exactly as sent. The API types
	// payout amounts as JSON numbers (possibly fractional), unlike
	// commission amounts, which are integer cents; their unit is not
	// documented (legacy payouts were in cents, so they most likely are
	// too), so no conversion is made: 2500 reads as "2500".
	Amount Amount `json:"amount"`
	// PaymentsBatchID is 0 until the payout joins a payments batch.
	PaymentsBatchID int64 `json:"payments_batch_id"`
	// TaxRate is a percentage.
	TaxRate float64 `json:"tax_rate"`
	// Unit is the reward unit, e.g. cash.
	Unit                string         `json:"unit"`
	PeriodStart         time.Time      `json:"period_start"`
	PeriodEnd           time.Time      `json:"period_end"`
	PaidAt              *time.Time     `json:"paid_at"`
	ProcessingStartedAt *time.Time     `json:"processing_started_at"`
	FailedAt            *time.Time     `json:"failed_at"`
	Error               string         `json:"error"`
	TotalInclTax        Amount         `json:"total_incl_tax"`
	CreatedAt           time.Time      `json:"created_at"`
	PayoutMethod        *PayoutMethod  `json:"payout_method"`
	Promoter            *PromoterRef   `json:"promoter"`
	Campaign            *CampaignRef   `json:"campaign"`
	Invoice             *PayoutInvoice `json:"invoice"`
}

// PayoutMethod is the way a promoter is paid.
type PayoutMethod struct {
	ID int64 `json:"id"`
	// Method is paypal, bank, wise, crypto, custom or dots.
	Method     string         `json:"method"`
	DateAdded  *time.Time     `json:"date_added"`
	IsDisabled bool           `json:"is_disabled"`
	Meta       map[string]any `json:"meta"`
	IsSelected bool           `json:"is_selected"`
	// Details are the method's account details; they are only sent when
	// asked for (see PayoutGroupListOptions).
	Details map[string]any `json:"details"`
	// ManagedPayouts reports payouts made by FirstPromoter (auto-payouts).
	ManagedPayouts bool `json:"managed_payouts"`
}

// PayoutInvoice is the invoice a payout is billed on.
type PayoutInvoice struct {
	ID     int64  `json:"id"`
	Number string `json:"number"`
}

// PayoutListOptions filter and sort GET /company/payouts.
type PayoutListOptions struct {
	ListParams
	// Q searches the promoter's first name, last name and email.
	Q string `url:"q,omitempty"`
	// IDs limits the list to these payouts (ids[]=1&ids[]=2).
	IDs     []int64       `url:"ids,omitempty,brackets"`
	Filters PayoutFilters `url:"filters,omitempty"`
	Sorting PayoutSorting `url:"sorting,omitempty"`
}

// PayoutFilters are the filters[...] parameters of the payout list.
type PayoutFilters struct {
	Status PayoutStatus `url:"status,omitempty"`
	// CampaignID and PaymentsBatchID filter by one or more ids.
	CampaignID      []int64   `url:"campaign_id,omitempty,brackets"`
	PaymentsBatchID []int64   `url:"payments_batch_id,omitempty,brackets"`
	DuePeriod       DuePeriod `url:"due_period,omitempty"`
	PeriodStart     DateRange `url:"period_start,omitempty"`
	PeriodEnd       DateRange `url:"period_end,omitempty"`
	// PayoutMethod is paypal, bank, wise, crypto, custom, dots or not_set.
	PayoutMethod string `url:"payout_method,omitempty"`
	PromoterID   int64  `url:"promoter_id,omitempty"`
	// OnlyPayable is sent as true or false when not nil.
	OnlyPayable *bool  `url:"only_payable,omitempty"`
	GroupRef    string `url:"group_ref,omitempty"`
	// FraudSuspicions: same_ip_suspicion, same_promoter_email, ad_source;
	// no_suspicion selects promoters without any.
	FraudSuspicions []string `url:"fraud_suspicions,omitempty,brackets"`
}

// PayoutSorting is sorting[<field>]=asc|desc on the payout list.
type PayoutSorting struct {
	Amount      SortOrder `url:"amount,omitempty"`
	PeriodStart SortOrder `url:"period_start,omitempty"`
	PeriodEnd   SortOrder `url:"period_end,omitempty"`
}

// List iterates over all payouts matching opts, fetching pages of up to
// MaxPerPage as the loop advances.
func (s *PayoutsService) List(ctx context.Context, opts ...*PayoutListOptions) iter.Seq2[*Payout, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of payouts.
func (s *PayoutsService) ListPage(ctx context.Context, opts *PayoutListOptions) ([]*Payout, *Response, error) {
	return listPage[Payout](ctx, s.client, "company/payouts", copyOpts(opts))
}

// PayoutGroupListOptions filter GET /company/payouts/group_by_promoters.
type PayoutGroupListOptions struct {
	ListParams
	// Q searches the promoter's first name, last name and email.
	Q       string             `url:"q,omitempty"`
	Filters PayoutGroupFilters `url:"filters,omitempty"`
	// IncludePayoutMethodDetails adds PayoutMethod.Details to each group.
	IncludePayoutMethodDetails bool `url:"include_payout_method_details,omitempty"`
}

// PayoutGroupFilters are the filters[...] of the grouped payout list.
type PayoutGroupFilters struct {
	Status     PayoutStatus `url:"status,omitempty"`
	CampaignID []int64      `url:"campaign_id,omitempty,brackets"`
	// MinPayment keeps promoters owed at least this much. Its unit is not
	// documented (that of PayoutSettings.MinPayment); it is sent as the
	// amount encodes to JSON: as the platform sent it for a decoded
	// amount, 2500 for AmountFromMinorUnits(2500, 2, ""), 25.00 for
	// ParseAmount("25.00", ""). A zero amount is not sent.
	MinPayment Amount `url:"-"`
	// Invoiceable is "true", "false" or "not_set".
	Invoiceable string `url:"invoiceable,omitempty"`
}

// EncodeValues implements go-querystring's Encoder: the filters go under
// key as key[status], key[campaign_id][], key[min_payment] and
// key[invoiceable].
func (f PayoutGroupFilters) EncodeValues(key string, v *url.Values) error {
	if f.Status != "" {
		v.Set(key+"[status]", string(f.Status))
	}
	for _, id := range f.CampaignID {
		v.Add(key+"[campaign_id][]", strconv.FormatInt(id, 10))
	}
	if !f.MinPayment.IsZero() && !f.MinPayment.IsNull() {
		b, err := f.MinPayment.MarshalJSON()
		if err != nil {
			return fmt.Errorf("%s[min_payment]: %w", key, err)
		}
		v.Set(key+"[min_payment]", strings.Trim(string(b), `"`))
	}
	if f.Invoiceable != "" {
		v.Set(key+"[invoiceable]", f.Invoiceable)
	}
	return nil
}

// PayoutGroup is the payouts of one promoter.
type PayoutGroup struct {
	Promoter        *PayoutGroupPromoter `json:"promoter"`
	PayoutMethod    *PayoutMethod        `json:"payout_method"`
	Payouts         []*Payout            `json:"payouts"`
	IsAmountPayable bool                 `json:"is_amount_payable"`
	// Amount and TotalInclTax are kept exactly as sent (see Payout).
	PayoutIDs    []int64 `json:"payout_ids"`
	Amount       Amount  `json:"amount"`
	TotalInclTax Amount  `json:"total_incl_tax"`
}

// PayoutGroupPromoter is the promoter of a PayoutGroup.
type PayoutGroupPromoter struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
	// InvoiceDetailsStatus is pending, approved or denied.
	InvoiceDetailsStatus string                      `json:"invoice_details_status"`
	FraudSuspicions      []string                    `json:"fraud_suspicions"`
	Profile              *PayoutGroupPromoterProfile `json:"profile"`
}

// PayoutGroupPromoterProfile is the part of the promoter's profile sent
// with grouped payouts.
type PayoutGroupPromoterProfile struct {
	// InvoiceDetailsValidationErrors is null unless the invoice details
	// failed validation.
	InvoiceDetailsValidationErrors map[string]any `json:"invoice_details_validation_errors"`
}

// PayoutGroupMeta sums up a grouped payout list.
type PayoutGroupMeta struct {
	// Total and TotalInclTax are kept exactly as sent (see Payout).
	Total          Amount `json:"total"`
	PromotersCount int    `json:"promoters_count"`
	TotalInclTax   Amount `json:"total_incl_tax"`
	// DueDate and PeriodEnd are dates (YYYY-MM-DD) as sent.
	DueDate   string `json:"due_date"`
	PeriodEnd string `json:"period_end"`
}

// PayoutGroupPage is one page of payouts grouped by promoter:
// {"data": [...], "meta": {...}}.
type PayoutGroupPage struct {
	Groups []*PayoutGroup  `json:"data"`
	Meta   PayoutGroupMeta `json:"meta"`
}

// UnmarshalJSON decodes the envelope; one without "data" is an error.
func (p *PayoutGroupPage) UnmarshalJSON(b []byte) error {
	var env struct {
		Data *[]*PayoutGroup `json:"data"`
		Meta PayoutGroupMeta `json:"meta"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		return err
	}
	if env.Data == nil {
		return errors.New(`grouped payouts: no "data" array in the response`)
	}
	*p = PayoutGroupPage{Groups: *env.Data, Meta: env.Meta}
	return nil
}

// GroupByPromoters fetches the page opts.Page (default 1) of payouts
// grouped by promoter, with the totals in Meta. Resume with the
// Response's NextPage as for the other lists.
func (s *PayoutsService) GroupByPromoters(ctx context.Context, opts *PayoutGroupListOptions) (*PayoutGroupPage, *Response, error) {
	return pageOf(ctx, s.client, "company/payouts/group_by_promoters", copyOpts(opts), func(p *PayoutGroupPage) *[]*PayoutGroup { return &p.Groups })
}

// PayoutStatsOptions is the query of GET /company/payouts/stats.
type PayoutStatsOptions struct {
	StatsBy PayoutStatsBy      `url:"stats_by,omitempty"`
	Filters PayoutStatsFilters `url:"filters,omitempty"`
}

// PayoutStatsBy picks the breakdowns stats_by[...] to compute.
type PayoutStatsBy struct {
	// PaidPeriod breaks paid payouts down by period.
	PaidPeriod bool `url:"paid_period,omitempty"`
	// Status breaks payouts down by status.
	Status bool `url:"status,omitempty"`
	// PayoutMethod breaks payouts down by payout method.
	PayoutMethod bool `url:"payout_method,omitempty"`
}

// PayoutStatsFilters are the filters[...] of the payout stats.
type PayoutStatsFilters struct {
	Status     PayoutStatus `url:"status,omitempty"`
	CampaignID []int64      `url:"campaign_id,omitempty,brackets"`
}

// PayoutSettings are the account's payout terms, sent as the meta of the
// payout stats.
type PayoutSettings struct {
	NetPayoutDays int    `json:"net_payout_days"`
	PayoutCycle   string `json:"payout_cycle"`
	// MinPayment is kept exactly as sent (see Payout).
	MinPayment            Amount         `json:"min_payment"`
	MinPayingCustomers    int            `json:"min_paying_customers"`
	TermsDescription      string         `json:"terms_description"`
	SelectedPayoutMethods []string       `json:"selected_payout_methods"`
	PayoutMethodOptions   map[string]any `json:"payout_method_options"`
	ManagedPayouts        bool           `json:"managed_payouts"`
}

// PayoutTotals are summed payouts: per-unit amounts, the total including
// tax and the number of promoters.
type PayoutTotals struct {
	// Amounts maps a currency or unit to its sum. The amounts are kept
	// exactly as sent (see Payout).
	Amounts        map[string]Amount `json:"amounts"`
	TotalInclTax   Amount            `json:"total_incl_tax"`
	PromotersCount int               `json:"promoters_count"`
}

// PayoutPeriodTotals are the totals of one paid period.
type PayoutPeriodTotals struct {
	PeriodStart time.Time `json:"period_start"`
	PeriodEnd   time.Time `json:"period_end"`
	PayoutTotals
}

// PayoutStatsData holds the breakdowns asked for in PayoutStatsBy.
type PayoutStatsData struct {
	ByPaidPeriod []PayoutPeriodTotals `json:"by_paid_period"`
	// ByStatus and ByPayoutMethod are keyed by status and method name.
	ByStatus       map[string]PayoutTotals `json:"by_status"`
	ByPayoutMethod map[string]PayoutTotals `json:"by_payout_method"`
}

// PayoutStats is the answer of GET /company/payouts/stats.
type PayoutStats struct {
	Meta PayoutSettings  `json:"meta"`
	Data PayoutStatsData `json:"data"`
}

// Stats returns payout totals broken down as params.StatsBy asks; params
// may be nil.
func (s *PayoutsService) Stats(ctx context.Context, params *PayoutStatsOptions, opts ...RequestOption) (*PayoutStats, error) {
	st := new(PayoutStats)
	if _, err := s.client.do(ctx, http.MethodGet, "company/payouts/stats", copyOpts(params), nil, st, opts...); err != nil {
		return nil, err
	}
	return st, nil
}

// PayoutDueStatsOptions is the query of GET /company/payouts/due_stats.
type PayoutDueStatsOptions struct {
	// Q searches the promoter's first name, last name and email.
	Q       string             `url:"q,omitempty"`
	Filters PayoutStatsFilters `url:"filters,omitempty"`
}

// PayoutDueTotals are the totals of payouts falling due in one period.
type PayoutDueTotals struct {
	PayoutTotals
	// DueDate and PeriodEnd are dates (YYYY-MM-DD) as sent; the custom
	// period has none.
	DueDate   string `json:"due_date"`
	PeriodEnd string `json:"period_end"`
}

// PayoutDueStatsData are the due totals per period.
type PayoutDueStatsData struct {
	Next    PayoutDueTotals `json:"next"`
	Overdue PayoutDueTotals `json:"overdue"`
	Custom  PayoutDueTotals `json:"custom"`
}

// PayoutDueStats is the answer of GET /company/payouts/due_stats.
type PayoutDueStats struct {
	Meta PayoutSettings     `json:"meta"`
	Data PayoutDueStatsData `json:"data"`
}

// DueStats returns the totals of payouts due next, overdue and in a
// custom period, filtered by params (which may be nil).
func (s *PayoutsService) DueStats(ctx context.Context, params *PayoutDueStatsOptions, opts ...RequestOption) (*PayoutDueStats, error) {
	st := new(PayoutDueStats)
	if _, err := s.client.do(ctx, http.MethodGet, "company/payouts/due_stats", copyOpts(params), nil, st, opts...); err != nil {
		return nil, err
	}
	return st, nil
}

// PaymentsBatchCreateParams is the body of
// POST /company/payouts/create_payments_batch.
type PaymentsBatchCreateParams struct {
	// Method is paypal, bank, wise, crypto or dots. Required.
	Method string `json:"method"`
}

// PaymentsBatch is a group of payouts paid together through one method.
type PaymentsBatch struct {
	ID int64 `json:"id"`
	// Status is awaiting_confirmation, pending, processing, completed or
	// failed.
	Status               string     `json:"status"`
	ExtReference         string     `json:"ext_reference"`
	ExtID                string     `json:"ext_id"`
	ScheduledAt          *time.Time `json:"scheduled_at"`
	ProcessingStartedAt  *time.Time `json:"processing_started_at"`
	CompletedAt          *time.Time `json:"completed_at"`
	IsPayable            bool       `json:"is_payable"`
	IsRetriable          bool       `json:"is_retriable"`
	IsPaymentOTPRequired bool       `json:"is_payment_otp_required"`
	// Total is kept exactly as sent (see Payout).
	Total          Amount `json:"total"`
	PromotersCount int    `json:"promoters_count"`
	Error          string `json:"error"`
}

// PaymentsBatchResult is the answer of create_payments_batch.
type PaymentsBatchResult struct {
	PaymentsBatch *PaymentsBatch    `json:"data"`
	Meta          PaymentsBatchMeta `json:"meta"`
}

// UnmarshalJSON decodes the envelope; one without a "data" object is an
// error.
func (r *PaymentsBatchResult) UnmarshalJSON(b []byte) error {
	var env struct {
		Data *PaymentsBatch    `json:"data"`
		Meta PaymentsBatchMeta `json:"meta"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		return err
	}
	if env.Data == nil {
		return errors.New(`payments batch: no "data" object in the response`)
	}
	*r = PaymentsBatchResult{PaymentsBatch: env.Data, Meta: env.Meta}
	return nil
}

// PaymentsBatchMeta is the meta of create_payments_batch.
type PaymentsBatchMeta struct {
	// Failed lists what could not join the batch; its shape is not
	// documented.
	Failed []map[string]any `json:"failed"`
}

// CreatePaymentsBatch puts the due payouts of a payout method into a new
// payments batch (201). It is not retried after it may have reached the
// server.
func (s *PayoutsService) CreatePaymentsBatch(ctx context.Context, params *PaymentsBatchCreateParams, opts ...RequestOption) (*PaymentsBatchResult, error) {
	const path = "company/payouts/create_payments_batch"
	if params == nil || params.Method == "" {
		return nil, fmt.Errorf("firstpromoter: POST %s: Method is required", path)
	}
	return call(ctx, s.client, post(path, params), (*PaymentsBatchResult).checked, opts)
}

// checked decodes an answer into r and refuses it as malformed when the
// batch has no id.
func (r *PaymentsBatchResult) checked() any {
	return transport.Record(r, "id", func(r *PaymentsBatchResult) bool { return r.PaymentsBatch != nil && r.PaymentsBatch.ID != 0 })
}

// PayoutBatchMeta sums up the payouts a payout action selected.
type PayoutBatchMeta struct {
	// Total and TotalInclTax are kept exactly as sent (see Payout).
	Total             Amount `json:"total"`
	PromotersCount    int    `json:"promoters_count"`
	TotalInclTax      Amount `json:"total_incl_tax"`
	AllPromotersCount int    `json:"all_promoters_count"`
}

// PayoutBatchResult is the answer of the payout actions:
// {"data": batch, "meta": {...}}. Wait for Batch with
// BatchProcesses.Wait when it is not done.
type PayoutBatchResult struct {
	Batch *Batch          `json:"data"`
	Meta  PayoutBatchMeta `json:"meta"`
}

// UnmarshalJSON decodes the envelope; a bare batch object, as the other
// bulk actions send, is accepted too.
func (r *PayoutBatchResult) UnmarshalJSON(b []byte) error {
	var env struct {
		Data json.RawMessage `json:"data"`
		Meta PayoutBatchMeta `json:"meta"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		return err
	}
	raw := bytes.TrimSpace(env.Data)
	if len(raw) == 0 || string(raw) == "null" {
		raw = b // a bare batch
	}
	batch := new(Batch)
	if err := json.Unmarshal(raw, batch); err != nil {
		return err
	}
	*r = PayoutBatchResult{Batch: batch, Meta: env.Meta}
	return nil
}

func (s *PayoutsService) action(ctx context.Context, method, path string, ids []int64, opts ...RequestOption) (*PayoutBatchResult, error) {
	if len(ids) == 0 {
		return nil, fmt.Errorf("firstpromoter: %s %s: no ids given", method, path)
	}
	return call(ctx, s.client, &transport.Request{Method: method, Path: path, Body: idsBody{IDs: ids}}, asIs[PayoutBatchResult], opts)
}

// MarkAsPaid marks payouts as paid. More than 5 ids run asynchronously:
// wait for the result's Batch with BatchProcesses.Wait.
func (s *PayoutsService) MarkAsPaid(ctx context.Context, ids []int64, opts ...RequestOption) (*PayoutBatchResult, error) {
	return s.action(ctx, http.MethodPost, "company/payouts/mark_as_paid", ids, opts...)
}

// MarkAsUnpaid marks payouts as unpaid (see MarkAsPaid).
func (s *PayoutsService) MarkAsUnpaid(ctx context.Context, ids []int64, opts ...RequestOption) (*PayoutBatchResult, error) {
	return s.action(ctx, http.MethodPost, "company/payouts/mark_as_unpaid", ids, opts...)
}

// Delete deletes payouts with DELETE /company/payouts/destroy (see
// MarkAsPaid).
func (s *PayoutsService) Delete(ctx context.Context, ids []int64, opts ...RequestOption) (*PayoutBatchResult, error) {
	return s.action(ctx, http.MethodDelete, "company/payouts/destroy", ids, opts...)
}
