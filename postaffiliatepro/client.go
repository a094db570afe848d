package postaffiliatepro

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"regexp"
	"strings"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/clientopts"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// Constants of the Post Affiliate Pro REST API v3.
//
// There is no DefaultBaseURL: every account has its own host,
// https://<account>.postaffiliatepro.com/api/v3 (WithAccount builds it).
const (
	// RateLimitRequests per RateLimitWindow is the documented API v3 quota.
	// The server enforces it as a token bucket and announces it in
	// X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset. Pass
	// both to WithRateLimit to stay under it.
	RateLimitRequests = 100
	// RateLimitWindow is the window of RateLimitRequests.
	RateLimitWindow = time.Minute
	// DefaultPerPage is the page size lists request when ListParams.PerPage
	// is zero. The API documents neither a default nor a maximum; 100 is the
	// figure integrations written against v3 use. A server that serves
	// fewer records than asked ends the list early, unless it reports a
	// total (see ListParams).
	DefaultPerPage = 100
)

// Client talks to the Post Affiliate Pro REST API v3 of one account. It is
// safe for concurrent use.
type Client struct {
	t          *transport.Client
	basePath   string
	pagination Pagination
	location   *time.Location
	clicksPath string

	// Affiliates lists, reads, creates and updates affiliates.
	Affiliates *AffiliatesService
	// Transactions lists, reads, creates and updates transactions
	// (commissions).
	Transactions *TransactionsService
	// Campaigns lists and reads campaigns.
	Campaigns *CampaignsService
	// Banners lists banners.
	Banners *BannersService
	// Reports runs the top-affiliates and clicks reports.
	Reports *ReportsService
}

// service is the common shape of the services.
type service struct {
	client *Client
}

// keyPattern is the documented shape of an API v3 key: pap_<id>_<secret>.
var keyPattern = regexp.MustCompile(`^pap_[A-Za-z0-9]+_[A-Za-z0-9]+$`)

// NewClient returns a client configured by opts. WithAPIKey is required, and
// one of WithAccount or WithBaseURL.
func NewClient(opts ...Option) (*Client, error) {
	s := &settings{Settings: clientopts.Defaults("", RateLimitRequests, RateLimitWindow), location: time.UTC, clicksPath: "reports/clicks"}
	return clientopts.New("postaffiliatepro", s, opts, (*settings).check, (*settings).client)
}

// check rejects settings without a key or an API URL, or with two ways of
// setting the URL, and notes in the debug log a key not of the
// documented shape.
func (s *settings) check() error {
	switch {
	case s.apiKey.IsZero():
		return errors.New("postaffiliatepro: an API key is required (WithAPIKey)")
	case s.account != "" && s.baseURLSet:
		return errors.New("postaffiliatepro: WithAccount and WithBaseURL both set the base URL; use one")
	case s.BaseURL == nil:
		return errors.New("postaffiliatepro: the account's API URL is required (WithAccount or WithBaseURL); there is no default host")
	}
	s.noteKeyShape()
	return nil
}

// noteKeyShape logs at debug level a key that does not look like
// pap_<id>_<secret>; it is sent all the same.
func (s *settings) noteKeyShape() {
	if !keyPattern.MatchString(s.apiKey.Reveal()) && s.Logger != nil {
		s.Logger.LogAttrs(context.Background(), slog.LevelDebug,
			"postaffiliatepro: the API key does not look like pap_<id>_<secret>; sending it as a bearer token as given",
			slog.String("platform", "postaffiliatepro"))
	}
}

// transportConfig is the configuration of the client's transport: the
// key as a bearer token, and the rate-limit headers the API documents.
//
// RateLimitWindow stays zero: a 429 is documented to carry Retry-After
// and X-RateLimit-Reset, and should neither come, the quota is a token
// bucket that frees a request every 600ms, so exponential backoff from
// the minimum wait fits better than waiting out a whole minute.
func (s *settings) transportConfig() transport.Config {
	return transport.Config{
		Settings: s.Settings,
		Platform: "postaffiliatepro",
		Auth:     transport.BearerAuth{Token: s.apiKey},
		RateLimitHeaders: transport.RateLimitHeaders{
			Limit:     "X-RateLimit-Limit",
			Remaining: "X-RateLimit-Remaining",
			Reset:     "X-RateLimit-Reset",
			ResetKind: transport.ResetUnixSeconds,
		},
	}
}

// client builds the client of the settings.
func (s *settings) client() (*Client, error) {
	t, err := transport.New(s.transportConfig())
	if err != nil {
		return nil, fmt.Errorf("postaffiliatepro: %w", err)
	}
	return s.newClient(t), nil
}

// newClient returns the client of the settings on transport t, its
// services wired.
func (s *settings) newClient(t *transport.Client) *Client {
	c := &Client{
		t:          t,
		basePath:   strings.TrimRight(s.BaseURL.EscapedPath(), "/"),
		pagination: s.pagination,
		location:   s.location,
		clicksPath: s.clicksPath,
	}
	c.wire(&service{client: c})
	return c
}

// wire points every service of c at base.
func (c *Client) wire(base *service) {
	c.Affiliates, c.Transactions, c.Campaigns, c.Banners, c.Reports = (*AffiliatesService)(base),
		(*TransactionsService)(base), (*CampaignsService)(base), (*BannersService)(base), (*ReportsService)(base)
}

// RateLimit returns the quota announced by the last response: the limit
// per minute, the requests remaining and when the bucket is full again.
func (c *Client) RateLimit() RateLimit { return c.t.RateLimit() }

// ThrottleStats is how often the client's throttle made requests wait, and
// for how long in all: Waits (int64) and Waited (time.Duration).
type ThrottleStats = transport.ThrottleStats

// ThrottleStats returns the waits of the client's throttle so far.
func (c *Client) ThrottleStats() ThrottleStats { return c.t.ThrottleStats() }

// Pagination returns the paging style the client lists with.
func (c *Client) Pagination() Pagination { return c.pagination }

// do sends one request and decodes a JSON body into out; opts are the
// caller's per-call options.
func (c *Client) do(ctx context.Context, req *transport.Request, out any, opts ...RequestOption) (*Response, error) {
	return c.t.Do(ctx, req, out, opts...)
}

// endpoint is the path of a route as errors name it, base path included.
func (c *Client) endpoint(path string) string {
	return c.basePath + "/" + strings.TrimLeft(path, "/")
}
