package firstpromoter

import (
	"cmp"
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
	s, err := configure(opts)
	if err != nil {
		return nil, err
	}
	return s.client()
}

// configure applies opts over the defaults and checks that the
// credentials were given.
func configure(opts []Option) (*settings, error) {
	s := &settings{Settings: transport.NewSettings(DefaultBaseURL)}
	s.RateLimitRequests, s.RateLimitPer, s.Prefetch = RateLimitRequests, RateLimitWindow, 1
	return s, cmp.Or(transport.ApplyOptions("firstpromoter", s, opts), s.missing())
}

// missing names the credential that was not given, or returns nil.
func (s *settings) missing() error {
	switch {
	case s.apiKey.IsZero():
		return errors.New("firstpromoter: an API key is required (WithAPIKey)")
	case s.accountID.IsZero():
		return errors.New("firstpromoter: an account id is required (WithAccountID)")
	}
	return nil
}

// client builds the transport and a Client with every service on it.
func (s *settings) client() (*Client, error) {
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
	return newServices(&Client{t: t}), nil
}

// newServices points every service of c at c and returns it.
func newServices(c *Client) *Client {
	base := &service{client: c}
	*c = Client{
		t:                      c.t,
		Promoters:              (*PromotersService)(base),
		Referrals:              (*ReferralsService)(base),
		Commissions:            (*CommissionsService)(base),
		Payouts:                (*PayoutsService)(base),
		Campaigns:              (*CampaignsService)(base),
		PromoterCampaigns:      (*PromoterCampaignsService)(base),
		Reports:                (*ReportsService)(base),
		PromoCodes:             (*PromoCodesService)(base),
		BatchProcesses:         (*BatchProcessesService)(base),
		Webhooks:               (*WebhooksService)(base),
		Tracking:               (*TrackingService)(base),
		Emails:                 (*EmailsService)(base),
		Rewards:                (*RewardsService)(base),
		Products:               (*ProductsService)(base),
		PayoutMethods:          (*PayoutMethodsService)(base),
		Invoices:               (*InvoicesService)(base),
		Assets:                 (*AssetsService)(base),
		AssetCategories:        (*AssetCategoriesService)(base),
		Contracts:              (*ContractsService)(base),
		ContractDocuments:      (*ContractDocumentsService)(base),
		Dashboards:             (*DashboardsService)(base),
		PaymentsBatches:        (*PaymentsBatchesService)(base),
		CustomReferralStatuses: (*CustomReferralStatusesService)(base),
	}
	return c
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
