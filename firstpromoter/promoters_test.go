package firstpromoter_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

// Credentials the wire tests expect on every request.
const (
	tapeAPIKey    = "fp_test_key_8c1d"
	tapeAccountID = "acc_4f21"
)

// tapeCall is one request a wire test server received.
type tapeCall struct {
	Method string
	// Path is the escaped path, including the /api/v2 prefix.
	Path   string
	Query  url.Values
	Body   []byte
	Header http.Header
}

// tapeServer is an httptest server that records the requests and answers
// them with reply.
type tapeServer struct {
	t     *testing.T
	srv   *httptest.Server
	clock *testclock.Clock
	reply func(w http.ResponseWriter, r *http.Request, n int)

	mu    sync.Mutex
	calls []tapeCall
}

// newTapeServer starts a server answering with reply (n counts the
// requests from 1) and a client pointed at it with a fake clock.
func newTapeServer(t *testing.T, reply func(w http.ResponseWriter, r *http.Request, n int), opts ...firstpromoter.Option) (*tapeServer, *firstpromoter.Client) {
	t.Helper()
	ws := &tapeServer{t: t, reply: reply, clock: testclock.New(time.Date(2025, 4, 25, 9, 0, 0, 0, time.UTC))}
	ws.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		ws.mu.Lock()
		ws.calls = append(ws.calls, tapeCall{
			Method: r.Method, Path: r.URL.EscapedPath(), Query: r.URL.Query(), Body: body, Header: r.Header.Clone(),
		})
		n := len(ws.calls)
		ws.mu.Unlock()
		ws.reply(w, r, n)
	}))
	t.Cleanup(ws.srv.Close)
	base := []firstpromoter.Option{
		firstpromoter.WithBaseURL(ws.srv.URL + "/api/v2"),
		firstpromoter.WithAPIKey(tapeAPIKey),
		firstpromoter.WithAccountID(tapeAccountID),
		firstpromoter.WithClock(ws.clock),
	}
	c, err := firstpromoter.NewClient(append(base, opts...)...)
	require.NoError(t, err)
	return ws, c
}

// Calls returns the requests received so far.
func (ws *tapeServer) Calls() []tapeCall {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	return append([]tapeCall(nil), ws.calls...)
}

// only asserts exactly one request was made and returns it.
func (ws *tapeServer) only() tapeCall {
	ws.t.Helper()
	calls := ws.Calls()
	require.Len(ws.t, calls, 1)
	return calls[0]
}

// tapeJSON answers with status and a JSON body.
func tapeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// tapeReply returns a reply that always answers status and body.
func tapeReply(status int, body string) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, _ *http.Request, _ int) { tapeJSON(w, status, body) }
}

// assertTapeAuth checks the two credentials FirstPromoter requires.
func assertTapeAuth(t *testing.T, c tapeCall) {
	t.Helper()
	assert.Equal(t, "Bearer "+tapeAPIKey, c.Header.Get("Authorization"))
	assert.Equal(t, tapeAccountID, c.Header.Get("Account-Id"))
	assert.Equal(t, "application/json", c.Header.Get("Accept"))
}

// assertTapeJSONCall checks method, path and a JSON body.
func assertTapeJSONCall(t *testing.T, c tapeCall, method, path, body string) {
	t.Helper()
	assert.Equal(t, method, c.Method)
	assert.Equal(t, path, c.Path)
	assert.Empty(t, c.Query)
	assert.Equal(t, "application/json", c.Header.Get("Content-Type"))
	assert.JSONEq(t, body, string(c.Body))
	assertTapeAuth(t, c)
}

// tapePromoterJSON is a promoter as the API returns it, built from the
// OpenAPI property examples and the webhook payload sample.
const tapePromoterJSON = `{
  "id": 12345,
  "email": "jane@example.com",
  "name": "Jane Smith",
  "cust_id": "cus_abc123",
  "note": null,
  "stats": {"clicks_count": 840, "referrals_count": 31, "sales_count": 12, "customers_count": 9, "revenue_amount": 250000, "active_customers_count": 7},
  "is_customized": false,
  "fraud_suspicions": ["same_ip_suspicion"],
  "is_confirmed": true,
  "invoice_details_status": "approved",
  "profile": {
    "id": 98765, "first_name": "Jane", "last_name": "Smith", "website": "https://janesmith.com",
    "company_name": null, "company_number": null, "phone_number": "", "vat_id": null, "country": "US",
    "address": null, "avatar": "", "w8_form_url": null, "w9_form_url": null, "description": null,
    "invoice_details_validation_errors": null, "should_validate_invoice_details": false,
    "instagram_url": null, "youtube_url": "https://youtube.com/@jane", "linkedin_url": null,
    "facebook_url": null, "twitter_url": null, "twitch_url": null, "tiktok_url": null
  },
  "joined_at": "2025-01-15T10:30:00.000Z",
  "last_login_at": null,
  "archived_at": null,
  "custom_fields": {"niche": "fitness", "channels": ["youtube", "blog"]},
  "password_setup_url": null,
  "first_event_at": "2025-01-16T08:02:11.120Z",
  "promoter_campaigns": [{
    "id": 14850130, "campaign_id": 28004, "promoter_id": 12345, "state": "accepted",
    "created_at": "2025-01-16T18:16:41Z",
    "campaign": {"id": 28004, "name": "Partners", "color": "#EC4899"},
    "coupon": "JANE10", "ref_token": null, "ref_link": "https://example.com?fpr=jane"
  }],
  "balances": {"cash": 4200, "credits": null, "points": null, "free_months": null, "discount": null},
  "track_ad_traffic": null,
  "auth_provider": null,
  "selected_payout_method": {"id": 77, "method": "paypal", "date_added": "2025-01-20T09:00:00.000Z", "is_disabled": false},
  "parent_promoter": {"id": 12000, "email": "lead@example.com", "name": null}
}`

const tapeBatchJSON = `{
  "id": 501, "status": "completed", "total": 2, "selected_total": 2, "processed_count": 2, "failed_count": 0,
  "action_label": "accept", "created_at": "2025-04-25T09:29:51.973Z", "updated_at": "2025-04-25T09:29:52.100Z",
  "meta": {}, "progress": 100, "processing_errors": []
}`

const tapePendingBatchJSON = `{
  "id": 502, "status": "pending", "total": 7, "selected_total": 7, "processed_count": 0, "failed_count": 0,
  "action_label": "archive", "created_at": "2025-04-25T09:29:51.973Z", "updated_at": "2025-04-25T09:29:51.973Z",
  "meta": {}, "progress": 0, "processing_errors": []
}`

func TestPromoterDecode(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(200, tapePromoterJSON))
	p, err := c.Promoters.Get(context.Background(), 12345)
	require.NoError(t, err)

	call := ws.only()
	assert.Equal(t, http.MethodGet, call.Method)
	assert.Equal(t, "/api/v2/company/promoters/12345", call.Path)
	assert.Empty(t, call.Query)
	assertTapeAuth(t, call)

	assert.Equal(t, int64(12345), p.ID)
	assert.Equal(t, "Jane Smith", p.Name)
	require.NotNil(t, p.CustID)
	assert.Equal(t, "cus_abc123", *p.CustID)
	assert.Equal(t, firstpromoter.PromoterStats{ClicksCount: 840, ReferralsCount: 31, SalesCount: 12, CustomersCount: 9, RevenueAmount: sentCents("250000"), ActiveCustomersCount: 7}, p.Stats)
	assert.Equal(t, []string{"same_ip_suspicion"}, p.FraudSuspicions)
	require.NotNil(t, p.Profile)
	assert.Equal(t, "US", p.Profile.Country)
	assert.Equal(t, "", p.Profile.CompanyName)
	assert.Equal(t, "https://youtube.com/@jane", p.Profile.YoutubeURL)
	assert.Equal(t, time.Date(2025, 1, 15, 10, 30, 0, 0, time.UTC), p.JoinedAt)
	assert.Nil(t, p.LastLoginAt)
	require.NotNil(t, p.FirstEventAt)
	assert.Equal(t, "fitness", p.CustomFields["niche"])
	require.Len(t, p.PromoterCampaigns, 1)
	pc := p.PromoterCampaigns[0]
	assert.Equal(t, firstpromoter.PromoterAccepted, pc.State)
	assert.Nil(t, pc.RefToken, "null stays apart from \"\"")
	assert.Equal(t, &firstpromoter.CampaignRef{ID: 28004, Name: "Partners", Color: "#EC4899"}, pc.Campaign)
	require.NotNil(t, p.Balances)
	assert.Equal(t, "4200", p.Balances.Cash.String())
	assert.True(t, p.Balances.Points.IsNull())
	assert.Nil(t, p.TrackAdTraffic)
	require.NotNil(t, p.SelectedPayoutMethod)
	assert.Equal(t, "paypal", p.SelectedPayoutMethod.Method)
	assert.Equal(t, &firstpromoter.PromoterRef{ID: 12000, Email: "lead@example.com"}, p.ParentPromoter, "a null name decodes as \"\"")
	assert.Empty(t, p.State, "the current schema has no promoter-level state")
	assert.True(t, p.CreatedAt.IsZero())
	assert.True(t, p.UpdatedAt.IsZero())
}

func TestPromoterParentPromoter(t *testing.T) {
	c, srv, _ := newFakeClient(t, []firstpromotertest.ServerOption{firstpromotertest.WithDemoData()})
	ctx := context.Background()
	all := srv.Promoters()
	parent, child := all[0], all[1]

	got, err := c.Promoters.Get(ctx, child.ID)
	require.NoError(t, err)
	assert.Nil(t, got.ParentPromoter, "null without a parent")

	_, err = c.Promoters.AssignParent(ctx, parent.ID, []int64{child.ID})
	require.NoError(t, err)
	got, err = c.Promoters.Get(ctx, child.ID)
	require.NoError(t, err)
	assert.Equal(t, &firstpromoter.PromoterRef{ID: parent.ID, Email: parent.Email, Name: parent.Name}, got.ParentPromoter)
	updated, err := c.Promoters.Update(ctx, child.ID, &firstpromoter.PromoterUpdateParams{CustID: "cus_sub"})
	require.NoError(t, err)
	assert.Equal(t, parent.ID, updated.ParentPromoter.ID, "update answers carry it too")

	for p, err := range c.Promoters.List(ctx) {
		require.NoError(t, err)
		assert.Nil(t, p.ParentPromoter, "list rows do not carry parent_promoter")
	}
}

func TestPromotersListPageWireFormat(t *testing.T) {
	body := `{"data": [` + tapePromoterJSON + `], "meta": {"pending_count": 4}}`
	ws, c := newTapeServer(t, tapeReply(200, body))
	no, from, to := false, int64(1000), int64(50000)
	revFrom, revTo := cents(1000), dec("500.00")
	opts := &firstpromoter.PromoterListOptions{
		ListParams: firstpromoter.ListParams{Page: 3, PerPage: 25},
		Q:          "jane",
		IDs:        []int64{12345, 12346},
		Filters: firstpromoter.PromoterFilters{
			RevenueAmount:        firstpromoter.AmountRange{From: &revFrom, To: &revTo},
			CustomersCount:       firstpromoter.IntRange{From: &from},
			ReferralsCount:       firstpromoter.IntRange{To: &to},
			ClicksCount:          firstpromoter.IntRange{From: &from},
			JoinedAt:             firstpromoter.DateRange{From: firstpromoter.NewDate(2025, 1, 1), To: firstpromoter.NewDate(2025, 1, 31)},
			LastLoginAt:          firstpromoter.DateRange{From: firstpromoter.NewDate(2025, 2, 1)},
			CampaignID:           []int64{28004, 28005},
			State:                firstpromoter.PromoterAccepted,
			HasWForm:             firstpromoter.Yes,
			ParentPromoterID:     900,
			Archived:             &no,
			SubscribedToEmail:    &no,
			CustomField1:         &firstpromoter.CustomFieldFilter{Key: "niche", Values: []string{"fitness"}},
			CustomField2:         &firstpromoter.CustomFieldFilter{Key: "channels", Operator: firstpromoter.CustomFieldPartial, Values: []string{"you", "blo"}},
			FraudSuspicions:      []string{"same_ip_suspicion", "ad_source"},
			Inactivity:           &firstpromoter.InactivityFilter{Metric: "clicks", Days: 30},
			InvoiceDetailsStatus: "pending",
		},
		Sorting: firstpromoter.PromoterSorting{RevenueAmount: firstpromoter.Desc},
	}
	page, resp, err := c.Promoters.ListPageWithMeta(context.Background(), opts)
	require.NoError(t, err)

	call := ws.only()
	assert.Equal(t, http.MethodGet, call.Method)
	assert.Equal(t, "/api/v2/company/promoters", call.Path)
	assert.Empty(t, call.Body)
	assertTapeAuth(t, call)
	assert.Equal(t, url.Values{
		"page":                             {"3"},
		"per_page":                         {"25"},
		"q":                                {"jane"},
		"ids[]":                            {"12345", "12346"},
		"filters[revenue_amount][from]":    {"1000"},
		"filters[revenue_amount][to]":      {"50000"},
		"filters[customers_count][from]":   {"1000"},
		"filters[referrals_count][to]":     {"50000"},
		"filters[clicks_count][from]":      {"1000"},
		"filters[joined_at][from]":         {"2025-01-01"},
		"filters[joined_at][to]":           {"2025-01-31"},
		"filters[last_login_at][from]":     {"2025-02-01"},
		"filters[campaign_id][]":           {"28004", "28005"},
		"filters[state]":                   {"accepted"},
		"filters[has_wform]":               {"yes"},
		"filters[parent_promoter_id]":      {"900"},
		"filters[archived]":                {"false"},
		"filters[subscribed_to_email]":     {"false"},
		"filters[custom_field1][key]":      {"niche"},
		"filters[custom_field1][operator]": {"exact"},
		"filters[custom_field1][value]":    {"fitness"},
		"filters[custom_field2][key]":      {"channels"},
		"filters[custom_field2][operator]": {"partial"},
		"filters[custom_field2][value][]":  {"you", "blo"},
		"filters[fraud_suspicions][]":      {"same_ip_suspicion", "ad_source"},
		"filters[inactivity][metric]":      {"clicks"},
		"filters[inactivity][days]":        {"30"},
		"filters[invoice_details_status]":  {"pending"},
		"sorting[revenue_amount]":          {"desc"},
	}, call.Query)

	require.Len(t, page.Promoters, 1)
	assert.Equal(t, "jane@example.com", page.Promoters[0].Email)
	assert.Equal(t, 4, page.Meta.PendingCount)
	assert.Equal(t, 200, resp.StatusCode)
	assert.Equal(t, 0, resp.NextPage, "1 of 25 is the last page")
	assert.False(t, resp.HasMore)
	assert.Equal(t, 3, opts.Page, "the caller's options are not changed")
}

func TestPromotersListDefaults(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(200, `{"data": [], "meta": {"pending_count": 0}}`))
	ps, resp, err := c.Promoters.ListPage(context.Background(), nil)
	require.NoError(t, err)
	assert.Empty(t, ps)
	assert.Equal(t, 0, resp.NextPage)
	assert.Equal(t, url.Values{"page": {"1"}, "per_page": {"100"}}, ws.only().Query)
}

// tapePromoterPages serves n promoters in pages, honouring page and per_page.
func tapePromoterPages(n int) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, r *http.Request, _ int) {
		q := r.URL.Query()
		page, per := tapeAtoi(q.Get("page"), 1), tapeAtoi(q.Get("per_page"), 20)
		var items []string
		for i := (page-1)*per + 1; i <= min(page*per, n); i++ {
			items = append(items, `{"id": `+tapeItoa(i)+`, "email": "p`+tapeItoa(i)+`@example.com", "joined_at": "2025-01-15T10:30:00.000Z"}`)
		}
		tapeJSON(w, 200, `{"data": [`+tapeJoin(items)+`], "meta": {"pending_count": 2}}`)
	}
}

func TestPromotersListIterates(t *testing.T) {
	ws, c := newTapeServer(t, tapePromoterPages(5))
	var ids []int64
	for p, err := range c.Promoters.List(context.Background(), &firstpromoter.PromoterListOptions{ListParams: firstpromoter.ListParams{PerPage: 2}, Q: "p"}) {
		require.NoError(t, err)
		ids = append(ids, p.ID)
	}
	assert.Equal(t, []int64{1, 2, 3, 4, 5}, ids)
	calls := ws.Calls()
	require.Len(t, calls, 3)
	for i, call := range calls {
		assert.Equal(t, url.Values{"page": {tapeItoa(i + 1)}, "per_page": {"2"}, "q": {"p"}}, call.Query)
	}
}

func TestPromotersListBreakMakesOneRequest(t *testing.T) {
	ws, c := newTapeServer(t, tapePromoterPages(250), firstpromoter.WithPrefetch(0))
	n := 0
	for p, err := range c.Promoters.List(context.Background()) {
		require.NoError(t, err)
		require.Equal(t, int64(1), p.ID)
		n++
		break
	}
	assert.Equal(t, 1, n)
	assert.Len(t, ws.Calls(), 1)
}

func TestPromotersListPageResume(t *testing.T) {
	ws, c := newTapeServer(t, tapePromoterPages(250))
	first, resp, err := c.Promoters.ListPage(context.Background(), nil)
	require.NoError(t, err)
	require.Len(t, first, 100)
	require.Equal(t, 2, resp.NextPage)
	require.True(t, resp.HasMore)

	var ids []int64
	for p, err := range c.Promoters.List(context.Background(), &firstpromoter.PromoterListOptions{ListParams: firstpromoter.ListParams{Page: resp.NextPage}}) {
		require.NoError(t, err)
		ids = append(ids, p.ID)
	}
	require.Len(t, ids, 150)
	assert.Equal(t, int64(101), ids[0])
	assert.Equal(t, int64(250), ids[149])
	assert.Len(t, ws.Calls(), 3)
}

func TestPromotersListEnvelope(t *testing.T) {
	t.Run("a bare array is accepted", func(t *testing.T) {
		_, c := newTapeServer(t, tapeReply(200, `[`+tapePromoterJSON+`]`))
		page, _, err := c.Promoters.ListPageWithMeta(context.Background(), nil)
		require.NoError(t, err)
		require.Len(t, page.Promoters, 1)
		assert.Equal(t, 0, page.Meta.PendingCount)
	})
	for name, body := range map[string]string{
		"no data":   `{"meta": {"pending_count": 1}}`,
		"HTML page": `<html><body>Maintenance</body></html>`,
		"truncated": `{"data": [{"id": 1`,
	} {
		t.Run(name, func(t *testing.T) {
			ws, c := newTapeServer(t, tapeReply(200, body))
			_, _, err := c.Promoters.ListPage(context.Background(), nil)
			require.ErrorIs(t, err, firstpromoter.ErrMalformedResponse)
			var apiErr *firstpromoter.Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "/api/v2/company/promoters", apiErr.Path)
			assert.GreaterOrEqual(t, len(ws.Calls()), 1)
		})
	}
}

func TestPromotersGetBy(t *testing.T) {
	tests := []struct {
		name   string
		call   func(*firstpromoter.PromotersService) (*firstpromoter.Promoter, error)
		path   string
		findBy string
	}{
		{"email", func(s *firstpromoter.PromotersService) (*firstpromoter.Promoter, error) {
			return s.GetByEmail(context.Background(), "jane+fp@example.com")
		}, "/api/v2/company/promoters/jane+fp@example.com", "email"},
		{"cust_id", func(s *firstpromoter.PromotersService) (*firstpromoter.Promoter, error) {
			return s.GetByCustID(context.Background(), "cus_abc123")
		},
			"/api/v2/company/promoters/cus_abc123", "cust_id"},
		{"auth_token", func(s *firstpromoter.PromotersService) (*firstpromoter.Promoter, error) {
			return s.GetByAuthToken(context.Background(), "tok/../1")
		},
			"/api/v2/company/promoters/tok%2F..%2F1", "auth_token"},
		{"ref_token", func(s *firstpromoter.PromotersService) (*firstpromoter.Promoter, error) {
			return s.GetByRefToken(context.Background(), "jane")
		},
			"/api/v2/company/promoters/jane", "ref_token"},
		{"promo_code", func(s *firstpromoter.PromotersService) (*firstpromoter.Promoter, error) {
			return s.GetByPromoCode(context.Background(), "JANE 10")
		},
			"/api/v2/company/promoters/JANE%2010", "promo_code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, c := newTapeServer(t, tapeReply(200, tapePromoterJSON))
			p, err := tt.call(c.Promoters)
			require.NoError(t, err)
			assert.Equal(t, int64(12345), p.ID)
			call := ws.only()
			assert.Equal(t, http.MethodGet, call.Method)
			assert.Equal(t, tt.path, call.Path)
			assert.Equal(t, url.Values{"find_by": {tt.findBy}}, call.Query)
		})
	}
	t.Run("empty key", func(t *testing.T) {
		ws, c := newTapeServer(t, tapeReply(200, tapePromoterJSON))
		_, err := c.Promoters.GetByEmail(context.Background(), "")
		require.Error(t, err)
		assert.Empty(t, ws.Calls())
	})
}

func TestPromotersCreate(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(http.StatusCreated, tapePromoterJSON))
	yes, no := true, false
	p, err := c.Promoters.Create(context.Background(), &firstpromoter.PromoterCreateParams{
		Email:  "jane@example.com",
		CustID: "cus_abc123",
		Profile: &firstpromoter.PromoterProfileParams{
			FirstName: "Jane", LastName: "Smith", Website: "https://janesmith.com", Country: "US",
			ShouldValidateInvoiceDetails: &no,
		},
		InitialCampaignID: 28004,
		DripEmails:        &yes,
		AlwaysApprove:     &no,
	})
	require.NoError(t, err)
	assert.Equal(t, "Jane Smith", p.Name)
	assertTapeJSONCall(t, ws.only(), http.MethodPost, "/api/v2/company/promoters", `{
		"email": "jane@example.com",
		"cust_id": "cus_abc123",
		"profile": {"first_name": "Jane", "last_name": "Smith", "website": "https://janesmith.com", "country": "US",
			"should_validate_invoice_details": false},
		"initial_campaign_id": 28004,
		"drip_emails": true,
		"always_approve": false
	}`)
}

func TestPromotersCreateMinimal(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(http.StatusCreated, tapePromoterJSON))
	_, err := c.Promoters.Create(context.Background(), &firstpromoter.PromoterCreateParams{Email: "jane@example.com"})
	require.NoError(t, err)
	assertTapeJSONCall(t, ws.only(), http.MethodPost, "/api/v2/company/promoters", `{"email": "jane@example.com"}`)

	_, err = c.Promoters.Create(context.Background(), &firstpromoter.PromoterCreateParams{})
	require.Error(t, err)
	assert.Len(t, ws.Calls(), 1, "an invalid create sends nothing")
}

func TestPromotersCreateNotRetriedOn502(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(http.StatusBadGateway, `<html>Bad Gateway</html>`))
	_, err := c.Promoters.Create(context.Background(), &firstpromoter.PromoterCreateParams{Email: "jane@example.com"})
	require.ErrorIs(t, err, firstpromoter.ErrServer)
	assert.Len(t, ws.Calls(), 1)
	assert.Empty(t, ws.clock.Sleeps())
}

func TestPromotersUpdate(t *testing.T) {
	t.Run("by id", func(t *testing.T) {
		ws, c := newTapeServer(t, tapeReply(200, tapePromoterJSON))
		_, err := c.Promoters.Update(context.Background(), 12345, &firstpromoter.PromoterUpdateParams{
			CustID:       "cus_new",
			CustomFields: map[string]any{"niche": "fitness", "channels": []string{"youtube", "blog"}},
			Profile:      &firstpromoter.PromoterProfileParams{PhoneNumber: "+1 555 0100", DestroyW9Form: true},
		})
		require.NoError(t, err)
		assertTapeJSONCall(t, ws.only(), http.MethodPut, "/api/v2/company/promoters/12345", `{
			"cust_id": "cus_new",
			"custom_fields": {"niche": "fitness", "channels": ["youtube", "blog"]},
			"profile": {"phone_number": "+1 555 0100", "_destroy_w9form": true}
		}`)
	})
	t.Run("by email", func(t *testing.T) {
		ws, c := newTapeServer(t, tapeReply(200, tapePromoterJSON))
		_, err := c.Promoters.UpdateBy(context.Background(), firstpromoter.PromoterByEmail, "jane@example.com", &firstpromoter.PromoterUpdateParams{Email: "jane.smith@example.com"})
		require.NoError(t, err)
		assertTapeJSONCall(t, ws.only(), http.MethodPut, "/api/v2/company/promoters/jane@example.com",
			`{"email": "jane.smith@example.com", "find_by": "email"}`)
	})
	t.Run("nil params", func(t *testing.T) {
		ws, c := newTapeServer(t, tapeReply(200, tapePromoterJSON))
		_, err := c.Promoters.Update(context.Background(), 7, nil)
		require.NoError(t, err)
		assertTapeJSONCall(t, ws.only(), http.MethodPut, "/api/v2/company/promoters/7", `{}`)
	})
	t.Run("no lookup attribute", func(t *testing.T) {
		ws, c := newTapeServer(t, tapeReply(200, tapePromoterJSON))
		_, err := c.Promoters.UpdateBy(context.Background(), "", "jane@example.com", nil)
		require.Error(t, err)
		assert.Empty(t, ws.Calls())
	})
}

func TestPromotersChartData(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(200, `{
		"period_from": "2025-01-01", "period_to": "2025-03-31", "selection": "revenue",
		"selection_items": [["Jan 2025", 12000], ["Feb 2025", 8050.5], ["Mar 2025", "0"]],
		"group_by": "month"
	}`))
	d, err := c.Promoters.ChartData(context.Background(), 12345, &firstpromoter.PromoterChartParams{
		PeriodFrom: firstpromoter.NewDate(2025, 1, 1), PeriodTo: firstpromoter.NewDate(2025, 3, 31), Selection: firstpromoter.PromoterChartRevenue,
	})
	require.NoError(t, err)
	call := ws.only()
	assert.Equal(t, "/api/v2/company/promoters/12345/chart_data", call.Path)
	assert.Equal(t, url.Values{"period_from": {"2025-01-01"}, "period_to": {"2025-03-31"}, "selection": {"revenue"}}, call.Query)
	assert.Equal(t, "month", d.GroupBy)
	assert.Equal(t, firstpromoter.PromoterChartRevenue, d.Selection)
	assert.Equal(t, []firstpromoter.PromoterChartPoint{{"Jan 2025", sent("12000")}, {"Feb 2025", sent("8050.5")}, {"Mar 2025", sent(`"0"`)}}, d.SelectionItems)

	_, err = c.Promoters.ChartData(context.Background(), 12345, &firstpromoter.PromoterChartParams{Selection: firstpromoter.PromoterChartClicks})
	require.Error(t, err)
	assert.Len(t, ws.Calls(), 1)
}

func TestPromotersChartPointMalformed(t *testing.T) {
	_, c := newTapeServer(t, tapeReply(200, `{"selection_items": [["Jan 2025"]]}`))
	_, err := c.Promoters.ChartData(context.Background(), 1, &firstpromoter.PromoterChartParams{
		PeriodFrom: firstpromoter.NewDate(2025, 1, 1), PeriodTo: firstpromoter.NewDate(2025, 1, 31), Selection: firstpromoter.PromoterChartClicks,
	})
	require.ErrorIs(t, err, firstpromoter.ErrMalformedResponse)
}

func TestPromotersBulkActions(t *testing.T) {
	tests := []struct {
		name string
		call func(*firstpromoter.PromotersService) (*firstpromoter.Batch, error)
		path string
		body string
	}{
		{"accept", func(s *firstpromoter.PromotersService) (*firstpromoter.Batch, error) {
			return s.Accept(context.Background(), 28004, []int64{1, 2})
		},
			"accept", `{"campaign_id": 28004, "ids": [1, 2]}`},
		{"reject", func(s *firstpromoter.PromotersService) (*firstpromoter.Batch, error) {
			return s.Reject(context.Background(), 28004, []int64{3})
		},
			"reject", `{"campaign_id": 28004, "ids": [3]}`},
		{"block", func(s *firstpromoter.PromotersService) (*firstpromoter.Batch, error) {
			return s.Block(context.Background(), 28004, []int64{4})
		},
			"block", `{"campaign_id": 28004, "ids": [4]}`},
		{"archive", func(s *firstpromoter.PromotersService) (*firstpromoter.Batch, error) {
			return s.Archive(context.Background(), []int64{5, 6})
		},
			"archive", `{"ids": [5, 6]}`},
		{"restore", func(s *firstpromoter.PromotersService) (*firstpromoter.Batch, error) {
			return s.Restore(context.Background(), []int64{5})
		},
			"restore", `{"ids": [5]}`},
		{"move", func(s *firstpromoter.PromotersService) (*firstpromoter.Batch, error) {
			return s.MoveToCampaign(context.Background(), &firstpromoter.PromoterMoveParams{
				IDs: []int64{1, 2}, FromCampaignID: 28004, ToCampaignID: 28005, DripEmails: true, SoftMoveReferrals: true,
			})
		}, "move_to_campaign", `{"ids": [1, 2], "from_campaign_id": 28004, "to_campaign_id": 28005, "drip_emails": true, "soft_move_referrals": true}`},
		{"add", func(s *firstpromoter.PromotersService) (*firstpromoter.Batch, error) {
			return s.AddToCampaign(context.Background(), &firstpromoter.PromoterAddToCampaignParams{IDs: []int64{9}, CampaignID: 28005})
		}, "add_to_campaign", `{"ids": [9], "campaign_id": 28005}`},
		{"assign parent", func(s *firstpromoter.PromotersService) (*firstpromoter.Batch, error) {
			return s.AssignParent(context.Background(), 900, []int64{1, 2, 3})
		},
			"assign_parent", `{"parent_promoter_id": 900, "ids": [1, 2, 3]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, c := newTapeServer(t, tapeReply(200, tapeBatchJSON))
			b, err := tt.call(c.Promoters)
			require.NoError(t, err)
			assertTapeJSONCall(t, ws.only(), http.MethodPost, "/api/v2/company/promoters/"+tt.path, tt.body)
			assert.Equal(t, int64(501), b.ID)
			assert.Equal(t, firstpromoter.BatchCompleted, b.Status)
			assert.Equal(t, 100, b.Progress.Percent())
		})
	}
}

func TestPromotersBulkAsync(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(http.StatusAccepted, tapePendingBatchJSON))
	b, err := c.Promoters.Archive(context.Background(), []int64{1, 2, 3, 4, 5, 6, 7})
	require.NoError(t, err)
	assert.Equal(t, firstpromoter.BatchPending, b.Status)
	assert.Equal(t, 7, b.SelectedTotal)
	assert.False(t, b.Status.Done())
	assert.Len(t, ws.Calls(), 1)
}

func TestPromotersBulkValidation(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(200, tapeBatchJSON))
	ctx := context.Background()
	checks := map[string]func() (*firstpromoter.Batch, error){
		"accept without campaign": func() (*firstpromoter.Batch, error) { return c.Promoters.Accept(ctx, 0, []int64{1}) },
		"reject without ids":      func() (*firstpromoter.Batch, error) { return c.Promoters.Reject(ctx, 28004, nil) },
		"archive without ids":     func() (*firstpromoter.Batch, error) { return c.Promoters.Archive(ctx, nil) },
		"move without campaigns": func() (*firstpromoter.Batch, error) {
			return c.Promoters.MoveToCampaign(ctx, &firstpromoter.PromoterMoveParams{IDs: []int64{1}})
		},
		"move without ids": func() (*firstpromoter.Batch, error) {
			return c.Promoters.MoveToCampaign(ctx, &firstpromoter.PromoterMoveParams{FromCampaignID: 1, ToCampaignID: 2})
		},
		"add nil":               func() (*firstpromoter.Batch, error) { return c.Promoters.AddToCampaign(ctx, nil) },
		"assign without parent": func() (*firstpromoter.Batch, error) { return c.Promoters.AssignParent(ctx, 0, []int64{1}) },
	}
	for name, call := range checks {
		_, err := call()
		assert.Error(t, err, name)
	}
	assert.Empty(t, ws.Calls())
}

func TestPromotersErrors(t *testing.T) {
	tests := []struct {
		name     string
		status   int
		body     string
		sentinel error
		message  string
		code     string
	}{
		{"401 without body", 401, ``, firstpromoter.ErrUnauthorized, "", ""},
		{"403", 403, `{"message": "You don't have enough rights to perform this action", "code": "forbidden"}`, firstpromoter.ErrForbidden,
			"You don't have enough rights to perform this action", "forbidden"},
		{"404", 404, `{"message": "Record not found", "code": "not_found"}`, firstpromoter.ErrNotFound, "Record not found", "not_found"},
		{"422", 422, `{"message": "param is missing or the value is empty or invalid: email", "code": "invalid_params"}`,
			firstpromoter.ErrInvalidRequest, "param is missing or the value is empty or invalid: email", "invalid_params"},
		{"400 validation", 400, `{"message": "Validation failed: Email has already been taken", "errors": {"email": ["has already been taken"]}, "code": "invalid_record"}`,
			firstpromoter.ErrInvalidRequest, "Validation failed: Email has already been taken", "invalid_record"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, c := newTapeServer(t, tapeReply(tt.status, tt.body))
			_, err := c.Promoters.Get(context.Background(), 12345)
			require.ErrorIs(t, err, tt.sentinel)
			var apiErr *firstpromoter.Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, tt.status, apiErr.StatusCode)
			assert.Contains(t, apiErr.Message, tt.message)
			assert.Equal(t, tt.code, apiErr.Code)
			assert.Equal(t, http.MethodGet, apiErr.Method)
			assert.Equal(t, "/api/v2/company/promoters/12345", apiErr.Path)
			assert.NotContains(t, err.Error(), tapeAPIKey)
			assert.Len(t, ws.Calls(), 1, "client errors are not retried")
		})
	}
}

func TestPromotersListRetries429(t *testing.T) {
	ws, c := newTapeServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			w.Header().Set("Retry-After", "2")
			tapeJSON(w, http.StatusTooManyRequests, `{"message": "Too many requests", "code": "rate_limited"}`)
			return
		}
		tapeJSON(w, 200, `{"data": [`+tapePromoterJSON+`], "meta": {"pending_count": 0}}`)
	})
	ps, _, err := c.Promoters.ListPage(context.Background(), nil)
	require.NoError(t, err)
	assert.Len(t, ps, 1)
	assert.Len(t, ws.Calls(), 2)
	assert.Equal(t, []time.Duration{2 * time.Second}, ws.clock.Sleeps())
}

func TestPromotersRateLimitTooLong(t *testing.T) {
	ws, c := newTapeServer(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Retry-After", "3600")
		tapeJSON(w, http.StatusTooManyRequests, `{}`)
	})
	_, err := c.Promoters.Get(context.Background(), 1)
	require.ErrorIs(t, err, firstpromoter.ErrRateLimited)
	var apiErr *firstpromoter.Error
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, time.Hour, apiErr.RetryAfter)
	assert.Len(t, ws.Calls(), 1)
}

func tapeAtoi(s string, def int) int {
	if n, err := strconv.Atoi(s); err == nil {
		return n
	}
	return def
}

func tapeItoa(n int) string { return strconv.Itoa(n) }

func tapeJoin(items []string) string { return strings.Join(items, ",") }

// TestAuthTokenNeverShown: a promoter's auth token is a credential, so a
// lookup or update by it shows the route, not the token, in errors and log
// lines.
func TestAuthTokenNeverShown(t *testing.T) {
	const token = "SECRET-AUTH-TOKEN-123"
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	c, _, _ := newFakeClient(t, nil, firstpromoter.WithLogger(logger))
	ctx := context.Background()

	_, err := c.Promoters.GetByAuthToken(ctx, token)
	require.ErrorIs(t, err, firstpromoter.ErrNotFound)
	var apiErr *firstpromoter.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "/api/v2/company/promoters/[auth_token]", apiErr.Path)
	_, err2 := c.Promoters.UpdateBy(ctx, firstpromoter.PromoterByAuthToken, token, &firstpromoter.PromoterUpdateParams{})
	require.Error(t, err2)

	for _, shown := range []string{err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err), err2.Error(), logs.String()} {
		assert.NotContains(t, shown, token)
	}
	assert.Contains(t, logs.String(), "[auth_token]")

	_, err = c.Promoters.GetByEmail(ctx, "nobody@example.com")
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "/api/v2/company/promoters/nobody@example.com", apiErr.Path, "other lookups show their key")
}

// TestCredentialFieldsNeverPrint: the credentials a promoter record
// carries print redacted in every fmt verb and slog form, and still
// encode to JSON unchanged.
func TestCredentialFieldsNeverPrint(t *testing.T) {
	const setup, temp, token = "https://x/setup?token=SETUPSECRET", "TEMPSECRET", "TOKENSECRET"
	p := firstpromoter.Promoter{ID: 1, Email: "a@example.com", PasswordSetupURL: setup}
	tp := firstpromoter.TrackedPromoter{ID: 2, TempPassword: temp, AuthToken: token}
	var logs bytes.Buffer
	logger := slog.New(slog.NewJSONHandler(&logs, nil))
	logger.Info("promoter", "p", p, "tp", tp, "pp", &p)
	for _, s := range []string{
		fmt.Sprintf("%v %+v %#v %v", p, p, p, &p),
		fmt.Sprintf("%v %+v %#v %v", tp, tp, tp, &tp),
		logs.String(),
	} {
		for _, secret := range []string{"SETUPSECRET", temp, token} {
			assert.NotContains(t, s, secret)
		}
	}
	b, err := json.Marshal(tp)
	require.NoError(t, err)
	assert.Contains(t, string(b), `"auth_token":"TOKENSECRET"`)
	assert.Equal(t, setup, p.PasswordSetupURL.Reveal())
}
