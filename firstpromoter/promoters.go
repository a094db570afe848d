package firstpromoter

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// PromotersService manages promoters, FirstPromoter's affiliates:
// /company/promoters.
type PromotersService service

// PromoterState is the state of a promoter, or of a promoter in one
// campaign.
type PromoterState string

// Promoter states.
const (
	PromoterPending  PromoterState = "pending"
	PromoterAccepted PromoterState = "accepted"
	PromoterRejected PromoterState = "rejected"
	PromoterBlocked  PromoterState = "blocked"
	PromoterInactive PromoterState = "inactive"
	PromoterNotSet   PromoterState = "not_set"
)

// Promoter is an affiliate.
type Promoter struct {
	ID    int64  `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name"`
	// CustID is your own id for the promoter; nil when the API sends null.
	CustID *string `json:"cust_id"`
	Note   string  `json:"note"`
	// State is sent only by older versions of the API: the current
	// single-promoter and list responses omit it, and it is then "". The
	// state per campaign is in PromoterCampaigns[].State.
	State PromoterState `json:"state"`
	Stats PromoterStats `json:"stats"`
	// IsCustomized reports customized rewards or settings.
	IsCustomized bool `json:"is_customized"`
	// FraudSuspicions holds same_ip_suspicion, same_promoter_email or
	// ad_source flags.
	FraudSuspicions []string `json:"fraud_suspicions"`
	IsConfirmed     bool     `json:"is_confirmed"`
	// InvoiceDetailsStatus is pending, approved or denied.
	InvoiceDetailsStatus string           `json:"invoice_details_status"`
	Profile              *PromoterProfile `json:"profile"`
	JoinedAt             time.Time        `json:"joined_at"`
	LastLoginAt          *time.Time       `json:"last_login_at"`
	ArchivedAt           *time.Time       `json:"archived_at"`
	// CustomFields holds the values of the custom fields set up under
	// Settings > Affiliate portal > Custom fields: strings or lists of
	// strings. Null decodes as nil.
	CustomFields map[string]any `json:"custom_fields"`
	// PasswordSetupURL lets the promoter set a password. It is a
	// credential, so it never prints (see Secret); read it with Reveal.
	PasswordSetupURL Secret     `json:"password_setup_url"`
	FirstEventAt     *time.Time `json:"first_event_at"`
	// CreatedAt and UpdatedAt are sent only by older versions of the API;
	// the current responses omit them and they are then zero. JoinedAt is
	// when the promoter signed up.
	CreatedAt         time.Time                 `json:"created_at"`
	UpdatedAt         time.Time                 `json:"updated_at"`
	PromoterCampaigns []PromoterCampaignSummary `json:"promoter_campaigns"`
	Balances          *PromoterBalances         `json:"balances"`
	// TrackAdTraffic may be null, which decodes as nil.
	TrackAdTraffic *bool `json:"track_ad_traffic"`
	// AuthProvider names the sign-in provider; nil when the API sends null.
	AuthProvider         *string               `json:"auth_provider"`
	SelectedPayoutMethod *SelectedPayoutMethod `json:"selected_payout_method"`
	// ParentPromoter is the promoter this one is a sub-affiliate of, nil
	// when it has none. Get, Create and Update answers carry it; list rows
	// do not, so it is nil on promoters from List.
	// Its name may be null, which decodes as "".
	ParentPromoter *PromoterRef `json:"parent_promoter"`
}

// LogValue implements slog.LogValuer in the printed form, where
// PasswordSetupURL is redacted, so that slog's JSON handler does not
// encode it either.
func (p Promoter) LogValue() slog.Value { return redactedLogValue(p) }

// PromoterStats are a promoter's counters.
type PromoterStats struct {
	ClicksCount    int `json:"clicks_count"`
	ReferralsCount int `json:"referrals_count"`
	SalesCount     int `json:"sales_count"`
	CustomersCount int `json:"customers_count"`
	// RevenueAmount is sent as integer cents and decodes to its value:
	// 2500 reads as 25.00.
	RevenueAmount        Amount `json:"revenue_amount"`
	ActiveCustomersCount int    `json:"active_customers_count"`
}

// UnmarshalJSON decodes RevenueAmount from cents.
func (s *PromoterStats) UnmarshalJSON(b []byte) error {
	type plain PromoterStats
	return money.UnmarshalMinorUnits(b, (*plain)(s), centsExponent, &s.RevenueAmount)
}

// PromoterProfile is a promoter's personal, tax and social details. Fields
// the API sends as null decode as "".
type PromoterProfile struct {
	ID            int64  `json:"id"`
	FirstName     string `json:"first_name"`
	LastName      string `json:"last_name"`
	Website       string `json:"website"`
	CompanyName   string `json:"company_name"`
	CompanyNumber string `json:"company_number"`
	PhoneNumber   string `json:"phone_number"`
	VATID         string `json:"vat_id"`
	// Country is a two-letter code.
	Country     string `json:"country"`
	Address     string `json:"address"`
	Avatar      string `json:"avatar"`
	W8FormURL   string `json:"w8_form_url"`
	W9FormURL   string `json:"w9_form_url"`
	Description string `json:"description"`
	// InvoiceDetailsValidationErrors is null unless the invoice details
	// failed validation.
	InvoiceDetailsValidationErrors map[string]any `json:"invoice_details_validation_errors"`
	ShouldValidateInvoiceDetails   bool           `json:"should_validate_invoice_details"`
	InstagramURL                   string         `json:"instagram_url"`
	YoutubeURL                     string         `json:"youtube_url"`
	LinkedinURL                    string         `json:"linkedin_url"`
	FacebookURL                    string         `json:"facebook_url"`
	TwitterURL                     string         `json:"twitter_url"`
	TwitchURL                      string         `json:"twitch_url"`
	TiktokURL                      string         `json:"tiktok_url"`
}

// PromoterCampaignSummary is a promoter's membership of one campaign, as
// nested in a Promoter.
type PromoterCampaignSummary struct {
	ID         int64         `json:"id"`
	CampaignID int64         `json:"campaign_id"`
	PromoterID int64         `json:"promoter_id"`
	State      PromoterState `json:"state"`
	CreatedAt  time.Time     `json:"created_at"`
	Campaign   *CampaignRef  `json:"campaign"`
	Coupon     string        `json:"coupon"`
	// RefToken is nil for the promoters the API sends with a null token.
	RefToken *string `json:"ref_token"`
	RefLink  string  `json:"ref_link"`
}

// PromoterBalances are a promoter's unpaid balances per reward unit. The
// API types them as numbers that may be null (IsNull reports it). Their
// unit is not documented (cash is believed to be in cents), so each is
// kept exactly as sent: a cash balance of 2500 reads as "2500". Only Cash
// is money; the others count credits, points, free months and discount.
type PromoterBalances struct {
	Cash       Amount `json:"cash"`
	Credits    Amount `json:"credits"`
	Points     Amount `json:"points"`
	FreeMonths Amount `json:"free_months"`
	Discount   Amount `json:"discount"`
}

// SelectedPayoutMethod is the payout method a promoter chose.
type SelectedPayoutMethod struct {
	ID         int64      `json:"id"`
	Method     string     `json:"method"`
	DateAdded  *time.Time `json:"date_added"`
	IsDisabled bool       `json:"is_disabled"`
}

// PromoterListMeta is the meta object of the promoter list.
type PromoterListMeta struct {
	// PendingCount is the number of promoters waiting for approval in the
	// whole account (not in the page, and not pagination data).
	PendingCount int `json:"pending_count"`
}

// PromoterPage is one page of GET /company/promoters, the only v2 list
// wrapped in an envelope: {"data": [...], "meta": {"pending_count": n}}.
type PromoterPage struct {
	Promoters []*Promoter      `json:"data"`
	Meta      PromoterListMeta `json:"meta"`
}

// UnmarshalJSON decodes the envelope. An envelope without "data" is an
// error; a bare array, as older versions of the API documentation show,
// is accepted as a page without meta.
func (p *PromoterPage) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '[' {
		*p = PromoterPage{}
		return json.Unmarshal(b, &p.Promoters)
	}
	var env struct {
		Data *[]*Promoter     `json:"data"`
		Meta PromoterListMeta `json:"meta"`
	}
	if err := json.Unmarshal(b, &env); err != nil {
		return err
	}
	if env.Data == nil {
		return errors.New(`promoter list: no "data" array in the response`)
	}
	*p = PromoterPage{Promoters: *env.Data, Meta: env.Meta}
	return nil
}

// PromoterListOptions filter and sort GET /company/promoters.
type PromoterListOptions struct {
	ListParams
	// Q searches email, name and ref_id.
	Q string `url:"q,omitempty"`
	// IDs limits the list to these promoters (ids[]=1&ids[]=2).
	IDs     []int64         `url:"ids,omitempty,brackets"`
	Filters PromoterFilters `url:"filters,omitempty"`
	Sorting PromoterSorting `url:"sorting,omitempty"`
}

// PromoterFilters are the filters[...] parameters of the promoter list.
type PromoterFilters struct {
	// RevenueAmount is sent in cents.
	RevenueAmount  AmountRange `url:"revenue_amount,omitempty"`
	CustomersCount IntRange    `url:"customers_count,omitempty"`
	ReferralsCount IntRange    `url:"referrals_count,omitempty"`
	ClicksCount    IntRange    `url:"clicks_count,omitempty"`
	JoinedAt       DateRange   `url:"joined_at,omitempty"`
	LastLoginAt    DateRange   `url:"last_login_at,omitempty"`
	// CampaignID filters by one or more campaigns.
	CampaignID []int64       `url:"campaign_id,omitempty,brackets"`
	State      PromoterState `url:"state,omitempty"`
	// HasWForm filters on a submitted W-8/W-9 form.
	HasWForm         YesNo `url:"has_wform,omitempty"`
	ParentPromoterID int64 `url:"parent_promoter_id,omitempty"`
	// Archived: nil for all, true for archived promoters only, false for
	// the others.
	Archived          *bool `url:"archived,omitempty"`
	SubscribedToEmail *bool `url:"subscribed_to_email,omitempty"`
	// CustomField1 and CustomField2 match custom field values.
	CustomField1 *CustomFieldFilter `url:"custom_field1,omitempty"`
	CustomField2 *CustomFieldFilter `url:"custom_field2,omitempty"`
	// FraudSuspicions: same_ip_suspicion, same_promoter_email, ad_source or
	// no_suspicion.
	FraudSuspicions []string `url:"fraud_suspicions,omitempty,brackets"`
	// Inactivity selects promoters without activity for some days.
	Inactivity *InactivityFilter `url:"inactivity,omitempty"`
	// InvoiceDetailsStatus is pending, approved or denied.
	InvoiceDetailsStatus string `url:"invoice_details_status,omitempty"`
}

// CustomFieldFilter matches a custom field: filters[custom_fieldN][key],
// [operator] and [value] (one value) or [value][] (several).
type CustomFieldFilter struct {
	// Key is the custom field's key. Required.
	Key string
	// Operator is CustomFieldExact (the default) or CustomFieldPartial.
	Operator CustomFieldOperator
	// Values are the accepted values; one is sent as a plain value.
	Values []string
}

// CustomFieldOperator says how a custom field value is matched.
type CustomFieldOperator string

// Custom field operators.
const (
	CustomFieldExact   CustomFieldOperator = "exact"
	CustomFieldPartial CustomFieldOperator = "partial"
)

// EncodeValues implements go-querystring's Encoder.
func (f CustomFieldFilter) EncodeValues(key string, v *url.Values) error {
	if f.Key == "" && len(f.Values) == 0 {
		return nil
	}
	if f.Key == "" {
		return fmt.Errorf("%s: custom field filter without a key", key)
	}
	op := f.Operator
	if op == "" {
		op = CustomFieldExact
	}
	v.Set(key+"[key]", f.Key)
	v.Set(key+"[operator]", string(op))
	switch len(f.Values) {
	case 0:
		v.Set(key+"[value]", "")
	case 1:
		v.Set(key+"[value]", f.Values[0])
	default:
		for _, s := range f.Values {
			v.Add(key+"[value][]", s)
		}
	}
	return nil
}

// InactivityFilter is filters[inactivity][metric] and [days]. The metric
// values are not documented in detail; the dashboard offers activity
// measures such as clicks, referrals or sales.
type InactivityFilter struct {
	Metric string `url:"metric,omitempty"`
	Days   int    `url:"days,omitempty"`
}

// PromoterSorting is sorting[<field>]=asc|desc on the promoter list.
type PromoterSorting struct {
	ClicksCount    SortOrder `url:"clicks_count,omitempty"`
	ReferralsCount SortOrder `url:"referrals_count,omitempty"`
	CustomersCount SortOrder `url:"customers_count,omitempty"`
	RevenueAmount  SortOrder `url:"revenue_amount,omitempty"`
	JoinedAt       SortOrder `url:"joined_at,omitempty"`
}

// List iterates over all promoters matching opts, fetching pages of up to
// MaxPerPage as the loop advances.
func (s *PromotersService) List(ctx context.Context, opts ...*PromoterListOptions) iter.Seq2[*Promoter, error] {
	return list(ctx, opts, s.ListPage)
}

// ListPage fetches the page opts.Page (default 1) of promoters. Use
// ListPageWithMeta to read the pending count as well.
func (s *PromotersService) ListPage(ctx context.Context, opts *PromoterListOptions) ([]*Promoter, *Response, error) {
	page, resp, err := s.ListPageWithMeta(ctx, opts)
	if err != nil {
		return nil, nil, err
	}
	return page.Promoters, resp, nil
}

// ListPageWithMeta is ListPage returning the whole envelope, whose Meta
// carries the account's count of pending promoters.
func (s *PromotersService) ListPageWithMeta(ctx context.Context, opts *PromoterListOptions) (*PromoterPage, *Response, error) {
	return pageOf(ctx, s.client, "company/promoters", copyOpts(opts), func(p *PromoterPage) *[]*Promoter { return &p.Promoters })
}

// PromoterLookup names the attribute that a key given instead of a
// promoter id is matched against (the API's find_by).
type PromoterLookup string

// Promoter lookups.
const (
	PromoterByEmail     PromoterLookup = "email"
	PromoterByCustID    PromoterLookup = "cust_id"
	PromoterByAuthToken PromoterLookup = "auth_token"
	PromoterByRefToken  PromoterLookup = "ref_token"
	PromoterByPromoCode PromoterLookup = "promo_code"
)

// Get returns the promoter with the given id.
func (s *PromotersService) Get(ctx context.Context, id int64, opts ...RequestOption) (*Promoter, error) {
	return s.get(ctx, strconv.FormatInt(id, 10), "", opts...)
}

// GetByEmail returns the promoter with the given email.
func (s *PromotersService) GetByEmail(ctx context.Context, email string, opts ...RequestOption) (*Promoter, error) {
	return s.get(ctx, email, PromoterByEmail, opts...)
}

// GetByCustID returns the promoter with the given cust_id (your own id).
func (s *PromotersService) GetByCustID(ctx context.Context, custID string, opts ...RequestOption) (*Promoter, error) {
	return s.get(ctx, custID, PromoterByCustID, opts...)
}

// GetByAuthToken returns the promoter with the given auth token.
func (s *PromotersService) GetByAuthToken(ctx context.Context, token string, opts ...RequestOption) (*Promoter, error) {
	return s.get(ctx, token, PromoterByAuthToken, opts...)
}

// GetByRefToken returns the promoter with the given referral token (the
// ref id in their links).
func (s *PromotersService) GetByRefToken(ctx context.Context, refToken string, opts ...RequestOption) (*Promoter, error) {
	return s.get(ctx, refToken, PromoterByRefToken, opts...)
}

// GetByPromoCode returns the promoter owning the given promo code.
func (s *PromotersService) GetByPromoCode(ctx context.Context, code string, opts ...RequestOption) (*Promoter, error) {
	return s.get(ctx, code, PromoterByPromoCode, opts...)
}

func (s *PromotersService) get(ctx context.Context, key string, by PromoterLookup, opts ...RequestOption) (*Promoter, error) {
	if key == "" {
		return nil, errors.New("firstpromoter: get promoter: empty key")
	}
	req := &transport.Request{Method: http.MethodGet, Path: transport.Join("company/promoters/%s", key),
		ShownPath: shownPromoterPath(by), Query: findBy{string(by)}}
	return call(ctx, s.client, req, withID[Promoter], opts)
}

// PromoterProfileParams are the profile fields of a create or update.
// Empty fields are not sent.
type PromoterProfileParams struct {
	FirstName     string `json:"first_name,omitempty"`
	LastName      string `json:"last_name,omitempty"`
	Website       string `json:"website,omitempty"`
	CompanyName   string `json:"company_name,omitempty"`
	CompanyNumber string `json:"company_number,omitempty"`
	PhoneNumber   string `json:"phone_number,omitempty"`
	VATID         string `json:"vat_id,omitempty"`
	// Country is a two-letter code.
	Country      string `json:"country,omitempty"`
	Address      string `json:"address,omitempty"`
	Avatar       string `json:"avatar,omitempty"`
	Description  string `json:"description,omitempty"`
	InstagramURL string `json:"instagram_url,omitempty"`
	YoutubeURL   string `json:"youtube_url,omitempty"`
	LinkedinURL  string `json:"linkedin_url,omitempty"`
	FacebookURL  string `json:"facebook_url,omitempty"`
	TwitterURL   string `json:"twitter_url,omitempty"`
	TwitchURL    string `json:"twitch_url,omitempty"`
	TiktokURL    string `json:"tiktok_url,omitempty"`
	// ShouldValidateInvoiceDetails is sent when not nil.
	ShouldValidateInvoiceDetails *bool `json:"should_validate_invoice_details,omitempty"`
	// DestroyW8Form and DestroyW9Form remove an uploaded tax form (update
	// only).
	DestroyW8Form bool `json:"_destroy_w8form,omitempty"`
	DestroyW9Form bool `json:"_destroy_w9form,omitempty"`
}

// PromoterCreateParams is the body of POST /company/promoters.
type PromoterCreateParams struct {
	// Email is required.
	Email   string                 `json:"email"`
	CustID  string                 `json:"cust_id,omitempty"`
	Profile *PromoterProfileParams `json:"profile,omitempty"`
	// InitialCampaignID is the campaign the promoter joins first; the
	// account's default campaign when zero.
	InitialCampaignID int64 `json:"initial_campaign_id,omitempty"`
	// DripEmails sends the welcome emails when true; sent when not nil.
	DripEmails *bool `json:"drip_emails,omitempty"`
	// AlwaysApprove accepts the promoter without review; sent when not nil.
	AlwaysApprove *bool `json:"always_approve,omitempty"`
}

// Create adds a promoter; the API answers 201 with it. It is not retried
// after it may have reached the server.
func (s *PromotersService) Create(ctx context.Context, params *PromoterCreateParams, opts ...RequestOption) (*Promoter, error) {
	if params == nil || params.Email == "" {
		return nil, errors.New("firstpromoter: create promoter: Email is required")
	}
	return call(ctx, s.client, post("company/promoters", params), withID[Promoter], opts)
}

// PromoterUpdateParams is the body of PUT /company/promoters/{id}. Empty
// fields are left unchanged.
type PromoterUpdateParams struct {
	Email  string `json:"email,omitempty"`
	CustID string `json:"cust_id,omitempty"`
	// CustomFields sets custom field values by key; each value is a string
	// or a []string.
	CustomFields map[string]any         `json:"custom_fields,omitempty"`
	Profile      *PromoterProfileParams `json:"profile,omitempty"`
}

// promoterUpdateBody adds find_by to an update; the API reads it from the
// body of the PUT.
type promoterUpdateBody struct {
	*PromoterUpdateParams
	FindBy PromoterLookup `json:"find_by,omitempty"`
}

// Update changes the promoter with the given id.
func (s *PromotersService) Update(ctx context.Context, id int64, params *PromoterUpdateParams, opts ...RequestOption) (*Promoter, error) {
	return s.update(ctx, strconv.FormatInt(id, 10), "", params, opts...)
}

// UpdateBy changes the promoter found by key, matched against the
// attribute by (e.g. PromoterByEmail).
func (s *PromotersService) UpdateBy(ctx context.Context, by PromoterLookup, key string, params *PromoterUpdateParams, opts ...RequestOption) (*Promoter, error) {
	if by == "" {
		return nil, errors.New("firstpromoter: update promoter: no lookup attribute given")
	}
	return s.update(ctx, key, by, params, opts...)
}

func (s *PromotersService) update(ctx context.Context, key string, by PromoterLookup, params *PromoterUpdateParams, opts ...RequestOption) (*Promoter, error) {
	if key == "" {
		return nil, errors.New("firstpromoter: update promoter: empty key")
	}
	req := &transport.Request{Method: http.MethodPut, Path: transport.Join("company/promoters/%s", key),
		ShownPath: shownPromoterPath(by), Body: promoterUpdateBody{orEmpty(params), by}}
	return call(ctx, s.client, req, withID[Promoter], opts)
}

// shownPromoterPath keeps a promoter's auth token, a credential, out of
// errors and log lines: they show the route instead.
func shownPromoterPath(by PromoterLookup) string {
	if by == PromoterByAuthToken {
		return "company/promoters/[auth_token]"
	}
	return ""
}

// PromoterChartSelection is the measure a promoter chart shows.
type PromoterChartSelection string

// Promoter chart selections.
const (
	PromoterChartRevenue       PromoterChartSelection = "revenue"
	PromoterChartClicks        PromoterChartSelection = "clicks"
	PromoterChartReferrals     PromoterChartSelection = "referrals"
	PromoterChartCustomers     PromoterChartSelection = "customers"
	PromoterChartCancellations PromoterChartSelection = "cancellations"
)

// PromoterChartParams is the query of GET /company/promoters/{id}/chart_data.
// All fields are required.
type PromoterChartParams struct {
	PeriodFrom Date                   `url:"period_from"`
	PeriodTo   Date                   `url:"period_to"`
	Selection  PromoterChartSelection `url:"selection"`
}

// PromoterChartData is a promoter's time series.
type PromoterChartData struct {
	// PeriodFrom and PeriodTo are dates (YYYY-MM-DD) as sent.
	PeriodFrom string                 `json:"period_from"`
	PeriodTo   string                 `json:"period_to"`
	Selection  PromoterChartSelection `json:"selection"`
	// SelectionItems are the data points, in the API's order.
	SelectionItems []PromoterChartPoint `json:"selection_items"`
	// GroupBy is day, week, month or year.
	GroupBy string `json:"group_by"`
}

// PromoterChartPoint is one [label, value] pair of a chart.
type PromoterChartPoint struct {
	// Label is the period label; its format follows the chart's GroupBy.
	Label string
	// Value is the measure kept exactly as sent: revenue in cents for a
	// revenue selection (2500 reads as "2500"), a count otherwise. A null
	// value stays null.
	Value Amount
}

// UnmarshalJSON decodes a [label, value] pair; the value may also come as
// a numeric string and the label as a number.
func (p *PromoterChartPoint) UnmarshalJSON(b []byte) error {
	var pair []json.RawMessage
	if err := json.Unmarshal(b, &pair); err != nil {
		return fmt.Errorf("chart point: %w", err)
	}
	if len(pair) != 2 {
		return fmt.Errorf("chart point: want a [label, value] pair, got %d items", len(pair))
	}
	var label any
	if err := json.Unmarshal(pair[0], &label); err != nil {
		return fmt.Errorf("chart point label: %w", err)
	}
	var v Amount
	if err := json.Unmarshal(pair[1], &v); err != nil {
		return fmt.Errorf("chart point value: %w", err)
	}
	switch l := label.(type) {
	case string:
		p.Label = l
	case nil:
		p.Label = ""
	default:
		p.Label = string(bytes.TrimSpace(pair[0]))
	}
	p.Value = v
	return nil
}

// MarshalJSON writes the [label, value] pair the API sends.
func (p PromoterChartPoint) MarshalJSON() ([]byte, error) {
	return json.Marshal([2]any{p.Label, p.Value})
}

// ChartData returns the promoter's chart over a period.
func (s *PromotersService) ChartData(ctx context.Context, id int64, params *PromoterChartParams, opts ...RequestOption) (*PromoterChartData, error) {
	if params == nil || params.PeriodFrom.IsZero() || params.PeriodTo.IsZero() || params.Selection == "" {
		return nil, errors.New("firstpromoter: promoter chart data: PeriodFrom, PeriodTo and Selection are required")
	}
	path := transport.Join("company/promoters/%s/chart_data", strconv.FormatInt(id, 10))
	return call(ctx, s.client, get(path, params), asIs[PromoterChartData], opts)
}

// campaignIDsBody is the body of accept, reject, block and add actions.
type campaignIDsBody struct {
	CampaignID int64   `json:"campaign_id"`
	IDs        []int64 `json:"ids"`
	DripEmails bool    `json:"drip_emails,omitempty"`
}

func (b campaignIDsBody) selected() []int64 { return b.IDs }

func (s *PromotersService) campaignAction(ctx context.Context, action string, campaignID int64, ids []int64, opts ...RequestOption) (*Batch, error) {
	path := "company/promoters/" + action
	if campaignID == 0 {
		return nil, fmt.Errorf("firstpromoter: POST %s: a campaign id is required", path)
	}
	return s.client.bulk(ctx, http.MethodPost, path, campaignIDsBody{CampaignID: campaignID, IDs: ids}, opts...)
}

// Accept accepts promoters into a campaign. More than 5 ids run
// asynchronously: wait for the returned batch with BatchProcesses.Wait.
func (s *PromotersService) Accept(ctx context.Context, campaignID int64, ids []int64, opts ...RequestOption) (*Batch, error) {
	return s.campaignAction(ctx, "accept", campaignID, ids, opts...)
}

// Reject rejects promoters from a campaign (a batch; see Accept).
func (s *PromotersService) Reject(ctx context.Context, campaignID int64, ids []int64, opts ...RequestOption) (*Batch, error) {
	return s.campaignAction(ctx, "reject", campaignID, ids, opts...)
}

// Block blocks promoters in a campaign (a batch; see Accept).
func (s *PromotersService) Block(ctx context.Context, campaignID int64, ids []int64, opts ...RequestOption) (*Batch, error) {
	return s.campaignAction(ctx, "block", campaignID, ids, opts...)
}

// Archive archives promoters (a batch; see Accept).
func (s *PromotersService) Archive(ctx context.Context, ids []int64, opts ...RequestOption) (*Batch, error) {
	return s.client.bulk(ctx, http.MethodPost, "company/promoters/archive", idsBody{IDs: ids}, opts...)
}

// Restore restores archived promoters (a batch; see Accept).
func (s *PromotersService) Restore(ctx context.Context, ids []int64, opts ...RequestOption) (*Batch, error) {
	return s.client.bulk(ctx, http.MethodPost, "company/promoters/restore", idsBody{IDs: ids}, opts...)
}

// PromoterMoveParams is the body of POST /company/promoters/move_to_campaign.
type PromoterMoveParams struct {
	IDs []int64 `json:"ids"`
	// FromCampaignID and ToCampaignID are required.
	FromCampaignID int64 `json:"from_campaign_id"`
	ToCampaignID   int64 `json:"to_campaign_id"`
	// DripEmails notifies the promoters.
	DripEmails bool `json:"drip_emails,omitempty"`
	// SoftMoveReferrals moves the promoters' referrals to the new campaign
	// as well; they stay in the old one otherwise.
	SoftMoveReferrals bool `json:"soft_move_referrals,omitempty"`
}

func (p *PromoterMoveParams) selected() []int64 { return p.IDs }

// MoveToCampaign moves promoters from one campaign to another (a batch;
// see Accept).
func (s *PromotersService) MoveToCampaign(ctx context.Context, params *PromoterMoveParams, opts ...RequestOption) (*Batch, error) {
	const path = "company/promoters/move_to_campaign"
	if params == nil || params.FromCampaignID == 0 || params.ToCampaignID == 0 {
		return nil, fmt.Errorf("firstpromoter: POST %s: FromCampaignID and ToCampaignID are required", path)
	}
	return s.client.bulk(ctx, http.MethodPost, path, params, opts...)
}

// PromoterAddToCampaignParams is the body of
// POST /company/promoters/add_to_campaign.
type PromoterAddToCampaignParams struct {
	IDs []int64 `json:"ids"`
	// CampaignID is required.
	CampaignID int64 `json:"campaign_id"`
	// DripEmails notifies the promoters.
	DripEmails bool `json:"drip_emails,omitempty"`
}

// AddToCampaign adds promoters to a campaign, keeping their other
// campaigns (a batch; see Accept).
func (s *PromotersService) AddToCampaign(ctx context.Context, params *PromoterAddToCampaignParams, opts ...RequestOption) (*Batch, error) {
	const path = "company/promoters/add_to_campaign"
	if params == nil || params.CampaignID == 0 {
		return nil, fmt.Errorf("firstpromoter: POST %s: CampaignID is required", path)
	}
	return s.client.bulk(ctx, http.MethodPost, path, campaignIDsBody{CampaignID: params.CampaignID, IDs: params.IDs, DripEmails: params.DripEmails}, opts...)
}

// assignParentBody is the body of POST /company/promoters/assign_parent.
type assignParentBody struct {
	ParentPromoterID int64   `json:"parent_promoter_id"`
	IDs              []int64 `json:"ids"`
}

func (b assignParentBody) selected() []int64 { return b.IDs }

// AssignParent makes parentPromoterID the parent of the promoters (a
// batch; see Accept).
func (s *PromotersService) AssignParent(ctx context.Context, parentPromoterID int64, ids []int64, opts ...RequestOption) (*Batch, error) {
	const path = "company/promoters/assign_parent"
	if parentPromoterID == 0 {
		return nil, fmt.Errorf("firstpromoter: POST %s: a parent promoter id is required", path)
	}
	return s.client.bulk(ctx, http.MethodPost, path, assignParentBody{ParentPromoterID: parentPromoterID, IDs: ids}, opts...)
}
