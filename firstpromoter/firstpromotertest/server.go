package firstpromotertest

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/affiliatekit/affiliatekit-go/internal/fakeserver"
)

// Credentials the server accepts. Every request needs both headers:
// "Authorization: Bearer <APIKey>" and "ACCOUNT-ID: <AccountID>".
const (
	APIKey    = "fp_test_2f9c41e7a8b3"
	AccountID = "acc_7d31c9"
)

// PathPrefix is the path of the API root; Server.URL ends with it.
const PathPrefix = "/api/v2"

// AdminPathPrefix is the root of the endpoints the API serves outside
// PathPrefix: the custom referral statuses, under /api/admin/v1 of the
// same host.
const AdminPathPrefix = "/api/admin/v1"

// Server is an in-process fake of the FirstPromoter API v2: the admin API
// under /api/v2/company and the tracking API under /api/v2/track. It keeps
// its data in memory, so writes show in later reads. It is safe for
// concurrent use.
type Server struct {
	// URL is the API root including /api/v2, ready for the client's
	// WithBaseURL.
	URL string

	fs *fakeserver.Server
	// latency is the wait before every answer (WithLatency).
	latency    func(*http.Request) time.Duration
	mux        *http.ServeMux
	clock      func() time.Time
	batchPolls int
	demo       bool
	// quota, when set, answers 429 over the rate limit (WithRateLimit).
	quota *fakeserver.FixedWindow

	mu                sync.Mutex
	campaigns         table[Campaign]
	promoters         table[Promoter]
	promoterCampaigns table[PromoterCampaign]
	referrals         table[Referral]
	commissions       table[Commission]
	payouts           table[Payout]
	promoCodes        table[PromoCode]
	webhooks          table[Webhook]
	deliveries        table[WebhookDelivery]
	batches           table[Batch]
	running           map[int64]*runningBatch
	visitors          map[string]int64 // tid -> promoter campaign id
	refTokens         map[string]int64 // lowercased ref token -> promoter campaign id
	trackedEvents     map[string]bool  // "sale:<event_id>", "refund:<event_id>"
	eventSeq          int64
	customStatuses    table[CustomReferralStatus]
	rewards           table[Reward]
	emails            table[Email]
	emailTheme        string
	products          table[Product]
	payoutMethods     table[payoutMethodRow]
	invoices          table[Invoice]
	invoiceTemplate   string
	assets            table[Asset]
	assetCategories   table[AssetCategory]
	contracts         table[Contract]
	contractDocuments table[ContractDocument]
	paymentsBatches   table[PaymentsBatch]
}

// ServerOption configures a Server.
type ServerOption func(*Server)

// WithLatency makes the server wait d before it answers each request, as a
// distant API would: for throughput benchmarks of your own code. The wait
// ends early when the client gives up.
func WithLatency(d time.Duration) ServerOption {
	return WithLatencyFunc(func(*http.Request) time.Duration { return d })
}

// WithLatencyFunc makes the server wait f(r) before it answers each
// request r (a round trip that varies, say).
func WithLatencyFunc(f func(*http.Request) time.Duration) ServerOption {
	return func(s *Server) { s.latency = f }
}

// WithDemoData seeds a small deterministic data set: 3 campaigns, 25
// promoters, 60 referrals, 80 commissions dated this month and last, and
// 10 payouts, with stable names and amounts.
func WithDemoData() ServerOption { return func(s *Server) { s.demo = true } }

// WithClock sets the server's clock, used for the timestamps of new
// records, for the dates of demo and seeded data and for the windows of
// [WithRateLimit]. The default is time.Now; pass a [Clock]'s Now to share
// a fake clock with the client.
func WithClock(now func() time.Time) ServerOption {
	return func(s *Server) {
		if now != nil {
			s.clock = now
		}
	}
}

// WithBatchPolls sets after how many GET /batch_processes/{id} requests an
// asynchronous batch (a bulk action over more than 5 ids) completes. The
// default is 2; values below 1 count as 1.
func WithBatchPolls(n int) ServerOption {
	return func(s *Server) { s.batchPolls = max(n, 1) }
}

// NewServer starts a fake server on a loopback port. Close it when done.
func NewServer(opts ...ServerOption) *Server {
	s := &Server{
		clock:             time.Now,
		batchPolls:        2,
		campaigns:         newTable(101, func(r *Campaign) int64 { return r.ID }),
		promoters:         newTable(5001, func(r *Promoter) int64 { return r.ID }),
		promoterCampaigns: newTable(7001, func(r *PromoterCampaign) int64 { return r.ID }),
		referrals:         newTable(20001, func(r *Referral) int64 { return r.ID }),
		commissions:       newTable(40001, func(r *Commission) int64 { return r.ID }),
		payouts:           newTable(60001, func(r *Payout) int64 { return r.ID }),
		promoCodes:        newTable(801, func(r *PromoCode) int64 { return r.ID }),
		webhooks:          newTable(11, func(r *Webhook) int64 { return r.ID }),
		deliveries:        newTable(9001, func(r *WebhookDelivery) int64 { return r.ID }),
		batches:           newTable(301, func(r *Batch) int64 { return r.ID }),
		running:           map[int64]*runningBatch{},
		visitors:          map[string]int64{},
		refTokens:         map[string]int64{},
		trackedEvents:     map[string]bool{},
		eventSeq:          880001,
		customStatuses:    newTable(41, func(r *CustomReferralStatus) int64 { return r.ID }),
		rewards:           newTable(201, func(r *Reward) int64 { return r.ID }),
		emails:            newTable(61, func(r *Email) int64 { return r.ID }),
		emailTheme:        defaultEmailTheme,
		products:          newTable(3001, func(r *Product) int64 { return r.ID }),
		payoutMethods:     newTable(2501, func(r *payoutMethodRow) int64 { return r.ID }),
		invoices:          newTable(1501, func(r *Invoice) int64 { return r.ID }),
		invoiceTemplate:   defaultInvoiceTemplate,
		assets:            newTable(701, func(r *Asset) int64 { return r.ID }),
		assetCategories:   newTable(31, func(r *AssetCategory) int64 { return r.ID }),
		contracts:         newTable(51, func(r *Contract) int64 { return r.ID }),
		contractDocuments: newTable(9501, func(r *ContractDocument) int64 { return r.ID }),
		paymentsBatches:   newTable(1201, func(r *PaymentsBatch) int64 { return r.ID }),
	}
	for _, opt := range opts {
		if opt != nil {
			opt(s)
		}
	}
	s.seedRewards()
	s.mux = http.NewServeMux()
	s.routes()
	s.fs = fakeserver.New(http.HandlerFunc(s.serve), errorBody)
	s.fs.SetLatency(s.latency)
	s.URL = s.fs.URL() + PathPrefix
	if s.demo {
		s.seedDemo()
	}
	return s
}

// routes registers every endpoint.
func (s *Server) routes() {
	s.promoterRoutes()
	s.referralRoutes()
	s.commissionRoutes()
	s.payoutRoutes()
	s.campaignRoutes()
	s.promoterCampaignRoutes()
	s.reportRoutes()
	s.promoCodeRoutes()
	s.batchRoutes()
	s.webhookRoutes()
	s.trackingRoutes()
	s.customStatusRoutes()
	s.rewardRoutes()
	s.emailRoutes()
	s.productRoutes()
	s.payoutMethodRoutes()
	s.invoiceRoutes()
	s.assetRoutes()
	s.contractRoutes()
	s.dashboardRoutes()
	s.paymentsBatchRoutes()
}

// serve checks the credentials, then routes.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	if !authorized(r) {
		writeUnauthorized(w)
		return
	}
	if !s.quota.Allow(s.clock()) {
		writeError(w, errRateLimited())
		return
	}
	if _, pattern := s.mux.Handler(r); pattern == "" {
		writeError(w, errNotFound())
		return
	}
	s.mux.ServeHTTP(w, r)
}

// authorized reports whether r carries both credentials. Header names are
// case-insensitive; the bearer scheme is matched case-insensitively too.
func authorized(r *http.Request) bool {
	auth := r.Header.Get("Authorization")
	scheme, token, ok := strings.Cut(auth, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) != APIKey {
		return false
	}
	return r.Header.Get("Account-Id") == AccountID
}

// handlerFunc computes an answer under the server lock. A nil body with a
// 2xx status answers with no body.
type handlerFunc func(r *http.Request) (status int, body any, err *apiError)

// handle registers fn for pattern, below PathPrefix.
func (s *Server) handle(pattern string, fn handlerFunc) {
	method, path, _ := strings.Cut(pattern, " ")
	s.handleRoot(method+" "+PathPrefix+path, fn)
}

// handleRoot registers fn for pattern, a path from the host root, for the
// endpoints outside PathPrefix (the admin API under AdminPathPrefix).
func (s *Server) handleRoot(pattern string, fn handlerFunc) {
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		status, body, err := fn(r)
		s.mu.Unlock()
		switch {
		case err != nil:
			writeError(w, err)
		case body == nil:
			if status != http.StatusNoContent {
				w.Header().Set("Content-Length", "0")
			}
			w.WriteHeader(status)
		default:
			fakeserver.WriteJSON(w, status, body)
		}
	})
}

// now is the server's clock in UTC, to the millisecond.
func (s *Server) now() time.Time { return s.clock().UTC().Truncate(time.Millisecond) }

// Close stops the server.
func (s *Server) Close() { s.fs.Close() }

// Inject makes the next n requests fail with f. A status fault without a
// body carries the API's error body for that status (none for 401).
func (s *Server) Inject(n int, f Fault) { s.fs.Inject(n, f) }

// ClearFaults drops the injected faults that have not fired yet.
func (s *Server) ClearFaults() { s.fs.ClearFaults() }

// Requests returns the requests received so far.
func (s *Server) Requests() []RecordedRequest { return s.fs.Requests() }

// RequestCount returns how many requests were received.
func (s *Server) RequestCount() int { return s.fs.RequestCount() }

// ResetRequests forgets the recorded requests.
func (s *Server) ResetRequests() { s.fs.ResetRequests() }

// HTTPServer returns the underlying httptest server.
func (s *Server) HTTPServer() *httptest.Server { return s.fs.HTTPServer() }

// pathID parses the path wildcard name as an integer id.
func pathID(r *http.Request, name string) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue(name), 10, 64)
	return id, err == nil
}

// PendingFaults returns how many injected faults have not fired yet.
func (s *Server) PendingFaults() int { return s.fs.PendingFaults() }
