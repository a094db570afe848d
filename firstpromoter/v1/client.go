package v1

import (
	"errors"
	"fmt"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/clientopts"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// Constants of the FirstPromoter API v1.
const (
	// DefaultBaseURL is the API v1 root; tracking sits under track/.
	DefaultBaseURL = "https://firstpromoter.com/api/v1"
	// RateLimitRequests per RateLimitWindow is the quota FirstPromoter
	// documents per account for its API v2; v1 documents none, so the
	// client's default throttle assumes the same account quota.
	RateLimitRequests = 400
	// RateLimitWindow is the window of RateLimitRequests.
	RateLimitWindow = time.Minute
)

// platform names the API in errors and log lines.
const platform = "firstpromoter/v1"

// Client talks to the FirstPromoter API v1. It is safe for concurrent use.
type Client struct {
	t *transport.Client

	Promoters *PromotersService
	Leads     *LeadsService
	Rewards   *RewardsService
	Payouts   *PayoutsService
	Reports   *ReportsService
	Tracking  *TrackingService
}

// service is the common shape of the services.
type service struct {
	client *Client
}

// NewClient returns a client configured by opts. WithAPIKey is required.
func NewClient(opts ...Option) (*Client, error) {
	// The settings and the required key are checked as in everflow's
	// NewClient: one call each into clientopts and transport, over this
	// package's own settings type, so there is nothing more to share.
	s := settings{Settings: clientopts.Defaults(DefaultBaseURL, RateLimitRequests, RateLimitWindow)}
	if err := transport.ApplyOptions(platform, &s, opts); err != nil {
		return nil, err
	}
	if s.apiKey.IsZero() {
		return nil, errors.New(platform + ": an API key is required (WithAPIKey)")
	}
	t, err := transport.New(transport.Config{
		Settings: s.Settings,
		Platform: platform,
		Auth:     transport.HeaderAuth{"X-API-KEY": s.apiKey},
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w", platform, err)
	}
	c := &Client{t: t}
	base := &service{client: c}
	c.Promoters = (*PromotersService)(base)
	c.Leads = (*LeadsService)(base)
	c.Rewards = (*RewardsService)(base)
	c.Payouts = (*PayoutsService)(base)
	c.Reports = (*ReportsService)(base)
	c.Tracking = (*TrackingService)(base)
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
