package firstpromoter

import (
	"errors"
	"fmt"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// Constants of the FirstPromoter API v2.
const (
	// DefaultBaseURL is the API v2 root; admin paths sit under company/,
	// tracking under track/.
	DefaultBaseURL = "https://api.firstpromoter.com/api/v2"
	// RateLimitRequests per RateLimitWindow is FirstPromoter's documented
	// quota per account. Pass both to WithRateLimit to stay under it.
	RateLimitRequests = 400
	// RateLimitWindow is the window of RateLimitRequests.
	RateLimitWindow = time.Minute
	// MaxPerPage is the largest page size the API serves, and the default.
	MaxPerPage = 100
)

// Client talks to the FirstPromoter API v2. It is safe for concurrent use.
type Client struct {
	t *transport.Client

	Promoters         *PromotersService
	Referrals         *ReferralsService
	Commissions       *CommissionsService
	Payouts           *PayoutsService
	Campaigns         *CampaignsService
	PromoterCampaigns *PromoterCampaignsService
	Reports           *ReportsService
	PromoCodes        *PromoCodesService
	BatchProcesses    *BatchProcessesService
	Webhooks          *WebhooksService
	Tracking          *TrackingService
	Emails            *EmailsService
	Rewards           *RewardsService
	Products          *ProductsService
	PayoutMethods     *PayoutMethodsService
	Invoices          *InvoicesService
	Assets            *AssetsService
	AssetCategories   *AssetCategoriesService
	Contracts         *ContractsService
	ContractDocuments *ContractDocumentsService
	Dashboards        *DashboardsService
	PaymentsBatches   *PaymentsBatchesService
	// CustomReferralStatuses lives at /api/admin/v1 of the base URL's
	// host, outside the v2 prefix.
	CustomReferralStatuses *CustomReferralStatusesService
}

// service is the common shape of the services.
type service struct {
	client *Client
}

// NewClient returns a client configured by opts. WithAPIKey and
// WithAccountID are required.
func NewClient(opts ...Option) (*Client, error) {
	s := settings{Settings: transport.NewSettings(DefaultBaseURL)}
	s.RateLimitRequests, s.RateLimitPer = RateLimitRequests, RateLimitWindow
	s.Prefetch = 1
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&s); err != nil {
			return nil, fmt.Errorf("firstpromoter: %w", err)
		}
	}
	if s.apiKey.IsZero() {
		return nil, errors.New("firstpromoter: an API key is required (WithAPIKey)")
	}
	if s.accountID.IsZero() {
		return nil, errors.New("firstpromoter: an account id is required (WithAccountID)")
	}
	t, err := transport.New(transport.Config{
		Settings: s.Settings,
		Platform: "firstpromoter",
		Auth: transport.MultiAuth{
			transport.BearerAuth{Token: s.apiKey},
			transport.HeaderAuth{"ACCOUNT-ID": s.accountID},
		},
	})
	if err != nil {
		return nil, fmt.Errorf("firstpromoter: %w", err)
	}
	c := &Client{t: t}
	base := &service{client: c}
	c.Promoters = (*PromotersService)(base)
	c.Referrals = (*ReferralsService)(base)
	c.Commissions = (*CommissionsService)(base)
	c.Payouts = (*PayoutsService)(base)
	c.Campaigns = (*CampaignsService)(base)
	c.PromoterCampaigns = (*PromoterCampaignsService)(base)
	c.Reports = (*ReportsService)(base)
	c.PromoCodes = (*PromoCodesService)(base)
	c.BatchProcesses = (*BatchProcessesService)(base)
	c.Webhooks = (*WebhooksService)(base)
	c.Tracking = (*TrackingService)(base)
	c.Emails = (*EmailsService)(base)
	c.Rewards = (*RewardsService)(base)
	c.Products = (*ProductsService)(base)
	c.PayoutMethods = (*PayoutMethodsService)(base)
	c.Invoices = (*InvoicesService)(base)
	c.Assets = (*AssetsService)(base)
	c.AssetCategories = (*AssetCategoriesService)(base)
	c.Contracts = (*ContractsService)(base)
	c.ContractDocuments = (*ContractDocumentsService)(base)
	c.Dashboards = (*DashboardsService)(base)
	c.PaymentsBatches = (*PaymentsBatchesService)(base)
	c.CustomReferralStatuses = (*CustomReferralStatusesService)(base)
	return c, nil
}

// RateLimit returns the quota announced by the last response. FirstPromoter
// documents no rate-limit headers, so it stays zero unless the server
// starts sending them.
func (c *Client) RateLimit() RateLimit { return c.t.RateLimit() }

// ThrottleStats is how often the client's throttle made requests wait, and
// for how long in all: Waits (int64) and Waited (time.Duration).
type ThrottleStats = transport.ThrottleStats

// ThrottleStats returns the waits of the client's throttle so far.
func (c *Client) ThrottleStats() ThrottleStats { return c.t.ThrottleStats() }
