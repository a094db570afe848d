package everflow

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/clientopts"
	"github.com/affiliatekit/affiliatekit-go/internal/transport"
)

// Constants of the Everflow Network API.
const (
	// DefaultBaseURL is the API root for accounts hosted in the US. Network
	// paths sit under networks/, metadata under meta/.
	DefaultBaseURL = "https://api.eflow.team/v1"
	// EUBaseURL is the API root for accounts hosted in the EU; pass it to
	// WithBaseURL.
	EUBaseURL = "https://api-eu.eflow.team/v1"

	// RateLimitRequests per RateLimitWindow is the conservative reading of
	// Everflow's quota for network keys: the newest docs give 30 requests
	// per second, older pages 20. The quota is per network and shared by
	// all its keys (and by Everflow's own integrations), so a job that runs
	// beside others should stay well below it. Pass both to WithRateLimit.
	RateLimitRequests = 20
	// RateLimitWindow is the window of RateLimitRequests.
	RateLimitWindow = time.Second
	// RateLimitResetWindow is how often Everflow resets the quota. After a
	// 429 every call fails until the reset; Everflow sends no Retry-After,
	// so the client waits this long (plus jitter) before retrying, unless a
	// Retry-After is present or the wait exceeds WithRetryWait's maximum.
	RateLimitResetWindow = 30 * time.Second

	// MaxPerPage is the largest page_size the paged lists accept, and the
	// client's default.
	MaxPerPage = 2000
	// MaxConcurrentReports is how many requests to networks/reporting/*
	// Everflow serves at once per network. The client never has more in
	// flight; further calls wait for a slot (honouring their context). An
	// export holds its slot until its loop ends: see the package doc.
	MaxConcurrentReports = 10
)

// Client talks to the Everflow Network API. It is safe for concurrent use.
type Client struct {
	t *transport.Client
	// reports holds one token per reporting request in flight.
	reports chan struct{}

	// Affiliates manages partners: networks/affiliates.
	Affiliates *AffiliatesService
	// Offers manages offers: networks/offers.
	Offers *OffersService
	// Advertisers manages advertisers: networks/advertisers.
	Advertisers *AdvertisersService
	// Conversions reads the raw conversion report.
	Conversions *ConversionsService
	// Clicks reads raw clicks.
	Clicks *ClicksService
	// Reports runs aggregated (entity) reports.
	Reports *ReportsService
	// Postbacks reads the affiliate postback log.
	Postbacks *PostbacksService
	// Pixels manages partner postback configurations.
	Pixels *PixelsService
	// Network reads the network's own settings.
	Network *NetworkService
	// Meta reads metadata such as time zones.
	Meta *MetaService
}

// service is the common shape of the services.
type service struct {
	client *Client
}

// NewClient returns a client configured by opts. WithAPIKey is required.
func NewClient(opts ...Option) (*Client, error) {
	// The settings and the required key are checked as in firstpromoter/v1's
	// NewClient: one call each into clientopts and transport, over this
	// package's own settings type, so there is nothing more to share.
	s := settings{Settings: clientopts.Defaults(DefaultBaseURL, RateLimitRequests, RateLimitWindow)}
	if err := transport.ApplyOptions("everflow", &s, opts); err != nil {
		return nil, err
	}
	if s.apiKey.IsZero() {
		return nil, errors.New("everflow: an API key is required (WithAPIKey)")
	}
	t, err := transport.New(transport.Config{
		Settings: s.Settings,
		Platform: "everflow",
		Auth:     transport.HeaderAuth{apiKeyHeader: s.apiKey},
		RateLimitHeaders: transport.RateLimitHeaders{
			Limit:     "X-RateLimit-Limit",
			Remaining: "X-RateLimit-Remaining",
		},
		RateLimitWindow: RateLimitResetWindow,
	})
	if err != nil {
		return nil, fmt.Errorf("everflow: %w", err)
	}
	c := &Client{
		t:       t,
		reports: make(chan struct{}, MaxConcurrentReports),
	}
	base := &service{client: c}
	c.Affiliates = (*AffiliatesService)(base)
	c.Offers = (*OffersService)(base)
	c.Advertisers = (*AdvertisersService)(base)
	c.Conversions = (*ConversionsService)(base)
	c.Clicks = (*ClicksService)(base)
	c.Reports = (*ReportsService)(base)
	c.Postbacks = (*PostbacksService)(base)
	c.Pixels = (*PixelsService)(base)
	c.Network = (*NetworkService)(base)
	c.Meta = (*MetaService)(base)
	return c, nil
}

// apiKeyHeader carries the API key. Everflow's docs spell it both
// X-Eflow-API-Key and X-Eflow-Api-Key; header names are case-insensitive.
const apiKeyHeader = "X-Eflow-API-Key"

// RateLimit returns the quota announced by the last response:
// X-RateLimit-Limit (requests per 30-second window) and
// X-RateLimit-Remaining. Everflow sends no reset time, so Reset stays zero.
func (c *Client) RateLimit() RateLimit { return c.t.RateLimit() }

// ThrottleStats is how often the client's throttle made requests wait, and
// for how long in all: Waits (int64) and Waited (time.Duration).
type ThrottleStats = transport.ThrottleStats

// ThrottleStats returns the waits of the client's throttle so far.
func (c *Client) ThrottleStats() ThrottleStats { return c.t.ThrottleStats() }

// isReporting reports whether a path is under networks/reporting/, whose
// concurrency Everflow caps.
func isReporting(path string) bool {
	return strings.HasPrefix(strings.TrimLeft(path, "/"), "networks/reporting/")
}

// acquire takes a reporting slot for path, waiting until one is free or
// ctx is done. The returned release is idempotent.
func (c *Client) acquire(ctx context.Context, path string) (func(), error) {
	if !isReporting(path) {
		return func() {}, nil
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	select {
	case c.reports <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	var once sync.Once
	return func() { once.Do(func() { <-c.reports }) }, nil
}

// do sends one request, with the caller's request options, and decodes
// the JSON response into out.
func (c *Client) do(ctx context.Context, r *transport.Request, out any, opts ...RequestOption) (*Response, error) {
	if ctx == nil {
		return nil, errors.New("everflow: nil context")
	}
	release, err := c.acquire(ctx, r.Path)
	if err != nil {
		return nil, fmt.Errorf("everflow: %s %s: waiting for a reporting slot: %w", r.Method, r.Path, err)
	}
	defer release()
	return c.t.Do(ctx, r, out, opts...)
}

// stream sends one request and returns its open body; the reporting slot
// (if any) is held until the body is closed.
func (c *Client) stream(ctx context.Context, r *transport.Request, opts ...RequestOption) (io.ReadCloser, *Response, error) {
	if ctx == nil {
		return nil, nil, errors.New("everflow: nil context")
	}
	release, err := c.acquire(ctx, r.Path)
	if err != nil {
		return nil, nil, fmt.Errorf("everflow: %s %s: waiting for a reporting slot: %w", r.Method, r.Path, err)
	}
	body, resp, err := c.t.Stream(ctx, r, opts...)
	if err != nil {
		release()
		return nil, nil, err
	}
	return &releasingBody{ReadCloser: body, release: release}, resp, nil
}

// releasingBody frees a reporting slot when the body is closed.
type releasingBody struct {
	io.ReadCloser
	release func()
}

// Close closes the body and frees the slot.
func (b *releasingBody) Close() error {
	err := b.ReadCloser.Close()
	b.release()
	return err
}
