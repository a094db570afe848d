package partnerstack

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"reflect"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/clientopts"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// Constants of the PartnerStack API v2.
const (
	// DefaultBaseURL is the API v2 root of both the Vendor and the Partner
	// API. The two deal endpoints that PartnerStack serves without /v2 are
	// resolved against its parent.
	DefaultBaseURL = "https://api.partnerstack.com/api/v2"
	// DefaultConversionBaseURL is the host of the server-to-server
	// conversion call (Conversions.Record), apart from the API.
	DefaultConversionBaseURL = "https://partnerlinks.io"
	// RateLimitRequests per RateLimitWindow is a conservative client-side
	// quota, not a PartnerStack figure: PartnerStack documents no general
	// request quota and no rate-limit headers. One request a second keeps a
	// sync job polite; pass both to WithRateLimit to apply it.
	RateLimitRequests = 60
	// RateLimitWindow is the window of RateLimitRequests.
	RateLimitWindow = time.Minute
	// ReportExportsPerMember per ReportExportWindow is PartnerStack's
	// documented quota of report exports per teammate email; each custom
	// report can also be exported only once per ReportExportWindow. Going
	// over answers 429.
	ReportExportsPerMember = 20
	// ReportExportWindow is the window of the report export quotas.
	ReportExportWindow = 2 * time.Hour
	// MaxPerPage is the largest page size the API serves, and the default of
	// this package (the API's own default is 10).
	MaxPerPage = 250
)

const platform = "partnerstack"

// Client talks to the PartnerStack Vendor API, the API of a program owner,
// authenticated with the vendor key pair (WithKeys). It is safe for
// concurrent use.
//
// PartnerStack has no "partners" or "stats" endpoints: partners are
// partnerships (Partnerships, with their partner teams), and a partner's
// statistics are the Stats of its Partnership.
type Client struct {
	api *api

	// Partnerships manages partners: /v2/partnerships and /v2/partner-team.
	Partnerships *PartnershipsService
	// Customers manages referred customers: /v2/customers.
	Customers *CustomersService
	// Transactions manages customer payments: /v2/transactions.
	Transactions *TransactionsService
	// Rewards lists and creates partner rewards (commissions): /v2/rewards.
	Rewards *RewardsService
	// Actions records partner and customer actions: /v2/actions.
	Actions *ActionsService
	// Deals manages partner-registered deals: /v2/deals.
	Deals *DealsService
	// Leads manages partner-submitted leads: /v2/leads.
	Leads *LeadsService
	// Groups lists partner groups: /v2/groups.
	Groups *GroupsService
	// Links lists a partnership's referral links: /v2/links.
	Links *LinksService
	// Applications manages partner applications: /v2/applications.
	Applications *ApplicationsService
	// Tiers manages reward tiers and tier collections: /v2/tiers.
	Tiers *TiersService
	// Products manages customer products: /v2/products.
	Products *ProductsService
	// ProductBooks manages the product catalogue: /v2/product-book.
	ProductBooks *ProductBooksService
	// Webhooks manages webhook subscriptions: /v2/webhooks.
	Webhooks *WebhooksService
	// Reports reads custom report configurations and exports reports and
	// base records.
	Reports *ReportsService
	// FormTemplates lists form templates: /v2/form-templates.
	FormTemplates *FormTemplatesService
	// SalesCycles reads sales cycle stages: /v2/sales-cycles.
	SalesCycles *SalesCyclesService
	// DistiListings reads the disti listing taxonomy:
	// /api/disti/listings/categories.
	DistiListings *DistiListingsService
	// Conversions records server-to-server conversions on the tracking
	// host: POST https://partnerlinks.io/conversion/xid.
	Conversions *ConversionsService
}

// PartnerClient talks to the PartnerStack Partner API, the read-only API a
// partner uses for its own data across the programs it belongs to,
// authenticated with a partner API key (WithAPIKey). It is safe for
// concurrent use.
type PartnerClient struct {
	api *api

	// Actions lists the partner's actions: GET /v2/actions.
	Actions *PartnerActionsService
	// Customers lists the partner's customers: GET /v2/customers.
	Customers *PartnerCustomersService
	// Programs reads the marketplace: /v2/marketplace/programs.
	Programs *ProgramsService
	// Partnerships lists the partner's partnerships: GET /v2/partnerships.
	Partnerships *PartnerPartnershipsService
	// Payouts lists the partner's payouts (withdrawals): GET /v2/payouts.
	Payouts *PayoutsService
	// Rewards lists the partner's rewards: GET /v2/rewards.
	Rewards *PartnerRewardsService
	// Transactions lists the partner's transactions: GET /v2/transactions.
	Transactions *PartnerTransactionsService
}

// service is the common shape of the services of both clients.
type service struct {
	api *api
}

// NewClient returns a Vendor API client configured by opts.
// WithKeys is required; WithAPIKey (a Partner API key) is an error.
func NewClient(opts ...Option) (*Client, error) {
	s, err := apply(opts)
	if err != nil {
		return nil, err
	}
	if !s.apiKey.IsZero() {
		return nil, errors.New("partnerstack: WithAPIKey is a Partner API key; use NewPartnerClient, or WithKeys here")
	}
	if s.publicKey.IsZero() || s.secretKey.IsZero() {
		return nil, errors.New("partnerstack: the vendor key pair is required (WithKeys)")
	}
	a, err := newAPI(s, transport.BasicAuth{User: s.publicKey, Password: s.secretKey})
	if err != nil {
		return nil, err
	}
	c := &Client{api: a}
	base := &service{api: a}
	c.Partnerships = (*PartnershipsService)(base)
	c.Customers = (*CustomersService)(base)
	c.Transactions = (*TransactionsService)(base)
	c.Rewards = (*RewardsService)(base)
	c.Actions = (*ActionsService)(base)
	c.Deals = (*DealsService)(base)
	c.Leads = (*LeadsService)(base)
	c.Groups = (*GroupsService)(base)
	c.Links = (*LinksService)(base)
	c.Applications = (*ApplicationsService)(base)
	c.Tiers = (*TiersService)(base)
	c.Products = (*ProductsService)(base)
	c.ProductBooks = (*ProductBooksService)(base)
	c.Webhooks = (*WebhooksService)(base)
	c.Reports = (*ReportsService)(base)
	c.FormTemplates = (*FormTemplatesService)(base)
	c.SalesCycles = (*SalesCyclesService)(base)
	c.DistiListings = (*DistiListingsService)(base)
	conv, err := newConversionAPI(s)
	if err != nil {
		return nil, err
	}
	c.Conversions = &ConversionsService{api: conv}
	return c, nil
}

// NewPartnerClient returns a Partner API client configured by opts.
// WithAPIKey is required; WithKeys is an error.
func NewPartnerClient(opts ...Option) (*PartnerClient, error) {
	s, err := apply(opts)
	if err != nil {
		return nil, err
	}
	if !s.publicKey.IsZero() || !s.secretKey.IsZero() {
		return nil, errors.New("partnerstack: WithKeys configures the Vendor API; use NewClient, or WithAPIKey here")
	}
	if s.apiKey.IsZero() {
		return nil, errors.New("partnerstack: a Partner API key is required (WithAPIKey)")
	}
	if !s.trackingToken.IsZero() || s.conversionURL != nil {
		return nil, errors.New("partnerstack: WithTrackingToken and WithConversionBaseURL configure the vendor's conversion call; use NewClient")
	}
	a, err := newAPI(s, transport.BearerAuth{Token: s.apiKey})
	if err != nil {
		return nil, err
	}
	c := &PartnerClient{api: a}
	base := &service{api: a}
	c.Actions = (*PartnerActionsService)(base)
	c.Customers = (*PartnerCustomersService)(base)
	c.Programs = (*ProgramsService)(base)
	c.Partnerships = (*PartnerPartnershipsService)(base)
	c.Payouts = (*PayoutsService)(base)
	c.Rewards = (*PartnerRewardsService)(base)
	c.Transactions = (*PartnerTransactionsService)(base)
	return c, nil
}

// RateLimit returns the quota announced by the last response. PartnerStack
// documents no rate-limit headers, so it stays zero unless the server
// starts sending them.
func (c *Client) RateLimit() RateLimit { return c.api.t.RateLimit() }

// ThrottleStats is how often the client's throttle made requests wait, and
// for how long in all: Waits (int64) and Waited (time.Duration).
type ThrottleStats = transport.ThrottleStats

// ThrottleStats returns the waits of the client's throttle so far.
func (c *Client) ThrottleStats() ThrottleStats { return c.api.t.ThrottleStats() }

// RateLimit returns the quota announced by the last response; see
// Client.RateLimit.
func (c *PartnerClient) RateLimit() RateLimit { return c.api.t.RateLimit() }

func apply(opts []Option) (settings, error) {
	s := settings{Settings: clientopts.Defaults(DefaultBaseURL, RateLimitRequests, RateLimitWindow)}
	if err := transport.ApplyOptions("partnerstack", &s, opts); err != nil {
		return s, err
	}
	return s, nil
}

// api is the transport of one client plus PartnerStack's envelope.
type api struct {
	t    *transport.Client
	base *url.URL
}

func newAPI(s settings, auth transport.Auth) (*api, error) {
	// PartnerStack documents neither rate-limit headers nor a wait after a
	// 429, so a 429 without Retry-After backs off exponentially.
	t, err := transport.New(transport.Config{Settings: s.Settings, Platform: platform, Auth: auth})
	if err != nil {
		return nil, fmt.Errorf("partnerstack: %w", err)
	}
	return &api{t: t, base: s.BaseURL}, nil
}

// request is one call to the API.
type request struct {
	method string
	// path is relative to the base URL, built with transport.Join.
	path string
	// root resolves path against the parent of the base URL, for the deal
	// endpoints PartnerStack serves without the /v2 prefix.
	root  bool
	query any
	body  any
}

// do sends r and decodes the envelope's data into out. With a nil out the
// body is not read beyond its status, so an empty answer to a DELETE is
// accepted. opts are the caller's per-call options. The envelope is decoded inside the transport's retry loop, so
// a body without "data" is retried like any malformed body.
func (a *api) do(ctx context.Context, r request, out any, opts ...RequestOption) (*Response, error) {
	if out == nil {
		return a.doBody(ctx, r, nil, opts...)
	}
	return a.doBody(ctx, r, &dataEnvelope{out: out}, opts...)
}

// doBody sends r and decodes the whole body, envelope included, into out;
// opts are the caller's per-call options.
func (a *api) doBody(ctx context.Context, r request, out any, opts ...RequestOption) (*Response, error) {
	tr := &transport.Request{Method: r.method, Path: r.path, Query: r.query, Body: r.body}
	if r.root {
		tr.Path, tr.FromRoot = strings.TrimLeft(a.pathOf(r), "/"), true
	}
	return a.t.Do(ctx, tr, out, opts...)
}

// malformed builds the ErrMalformedResponse error for a body whose JSON is
// valid but not the expected shape.
func (a *api) malformed(r request, resp *Response, body []byte, err error) error {
	if resp != nil {
		return transport.MalformedResponse(resp, body, "unexpected response shape", err)
	}
	return transport.NewMalformedError(platform, r.method, a.pathOf(r), 0, body, "unexpected response shape", err)
}

// pathOf is the escaped URL path of r, as errors show it.
func (a *api) pathOf(r request) string {
	base := strings.TrimRight(a.base.EscapedPath(), "/")
	if r.root {
		if i := strings.LastIndex(base, "/"); i >= 0 {
			base = base[:i]
		}
	}
	return base + "/" + r.path
}

// envelope is PartnerStack's success body: {"data": ..., "message": "...",
// "status": 200}. status is an integer in real responses although the
// documentation writes it as a string, so it is not decoded.
type envelope struct {
	Data    json.RawMessage `json:"data"`
	Message string          `json:"message"`
}

// dataEnvelope decodes PartnerStack's {"data": ..., "message", "status"}
// envelope into out.
type dataEnvelope struct {
	out any
}

// UnmarshalJSON decodes the envelope's data into out, rejecting a body
// without "data".
func (e *dataEnvelope) UnmarshalJSON(body []byte) error {
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		return fmt.Errorf("not an envelope: %w", err)
	}
	if len(env.Data) == 0 || string(env.Data) == "null" {
		return errors.New(`the body has no "data"`)
	}
	// Start from a zero value so a retried attempt keeps nothing of a
	// failed one. A checked record (transport.Checked, the only Validator
	// passed here) zeroes its value itself.
	_, checked := e.out.(transport.Validator)
	if v := reflect.ValueOf(e.out); !checked && v.Kind() == reflect.Pointer && !v.IsNil() {
		v.Elem().SetZero()
	}
	if err := json.Unmarshal(env.Data, e.out); err != nil {
		return fmt.Errorf("decoding data: %w", err)
	}
	return nil
}

// Validate runs the check of out, when it has one (transport.Checked),
// inside the transport's retry loop.
func (e *dataEnvelope) Validate() error {
	if v, ok := e.out.(transport.Validator); ok {
		return v.Validate()
	}
	return nil
}

// requireKey rejects an empty path parameter before anything is sent.
func requireKey(what, key string) error {
	if strings.TrimSpace(key) == "" {
		return fmt.Errorf("partnerstack: %s: empty key", what)
	}
	return nil
}
