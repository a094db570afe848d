package firstpromoter_test

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
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

// Helpers shared by the campaign, promoter campaign, report, promo code and
// webhook tests: a loopback server that records every request and answers
// with a handler, and a client pointed at it.

const (
	wireAPIKey    = "fp_test_key_123"
	wireAccountID = "acc_test_42"
)

// wireCall is one request the test server received.
type wireCall struct {
	Method   string
	Path     string
	RawQuery string
	Header   http.Header
	Body     string
}

// wireRecorder records the requests of a test server.
type wireRecorder struct {
	mu    sync.Mutex
	calls []wireCall
	clock *testclock.Clock
}

func (r *wireRecorder) all() []wireCall {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]wireCall(nil), r.calls...)
}

func (r *wireRecorder) count() int { return len(r.all()) }

// only returns the single recorded request, failing the test otherwise.
func (r *wireRecorder) only(t *testing.T) wireCall {
	t.Helper()
	calls := r.all()
	require.Len(t, calls, 1, "want exactly one request")
	return calls[0]
}

// newWireClient starts a loopback server whose requests are recorded and
// answered by h (h receives the 0-based request number), and returns a
// client for it with a fake clock.
func newWireClient(t *testing.T, h func(w http.ResponseWriter, r *http.Request, n int), opts ...firstpromoter.Option) (*firstpromoter.Client, *wireRecorder) {
	t.Helper()
	rec := &wireRecorder{clock: testclock.New(time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC))}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		n := len(rec.calls)
		rec.calls = append(rec.calls, wireCall{
			Method: r.Method, Path: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery,
			Header: r.Header.Clone(), Body: string(body),
		})
		rec.mu.Unlock()
		h(w, r, n)
	}))
	t.Cleanup(srv.Close)
	all := append([]firstpromoter.Option{
		firstpromoter.WithBaseURL(srv.URL + "/api/v2"),
		firstpromoter.WithAPIKey(wireAPIKey),
		firstpromoter.WithAccountID(wireAccountID),
		firstpromoter.WithClock(rec.clock),
	}, opts...)
	c, err := firstpromoter.NewClient(all...)
	require.NoError(t, err)
	return c, rec
}

// wireJSON answers every request with status and body.
func wireJSON(status int, body string) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Type", "application/json; charset=utf-8")
		w.WriteHeader(status)
		_, _ = io.WriteString(w, body)
	}
}

// wireSequence answers the n-th request with replies[n] (the last reply
// repeats).
func wireSequence(replies ...func(http.ResponseWriter, *http.Request, int)) func(http.ResponseWriter, *http.Request, int) {
	return func(w http.ResponseWriter, r *http.Request, n int) {
		replies[min(n, len(replies)-1)](w, r, n)
	}
}

// jsonArray joins n objects made by item(i) (1-based) into a JSON array.
func jsonArray(n int, item func(i int) string) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = item(i + 1)
	}
	return "[" + strings.Join(parts, ",") + "]"
}

// campaignJSON is a campaign as the API's reference documents it.
const campaignJSON = `{
  "id": 7,
  "name": "Partner Program",
  "color": "#4F46E5",
  "stats": {"referrals_count": 152, "sales_count": 48, "customers_count": 41, "promoters_count": 23, "revenue_amount": 1284500},
  "landing_url": "https://acme.example/pricing",
  "visitor_cookie_life": 60,
  "ref_token_param": "?via",
  "auto_approve_leads": true,
  "track_ad_traffic": "block",
  "auto_approve_promoters": false,
  "is_private": false,
  "is_default": true,
  "upgrade_details": {"campaign_id": 9, "amount": 25, "metric": "customers", "move_referrals_on_level_change": true},
  "signup_url": "https://acme.firstpromoter.com/signup/7",
  "links": [{"id": 31, "name": "Blog", "url": "https://acme.example/blog"}],
  "rewards_for_promoters": [{
    "apply_on": "all", "product_ids": [], "reward_id": 3,
    "reward": {"name": "20% recurring", "promoter_reward_type": "per_sale", "hide_reward": false, "tier_level": 1, "coupon": null},
    "products": []
  }],
  "rewards_for_referrals": [{
    "apply_on": "specific", "product_ids": [101], "reward_id": 4,
    "reward": {"name": "First month free", "promoter_reward_type": "coupon", "hide_reward": true, "tier_level": 0, "coupon": "WELCOME"},
    "products": [{"id": 101, "name": "Pro plan"}]
  }]
}`

func TestCampaignsDecodeAndAuth(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, campaignJSON))
	got, err := c.Campaigns.Get(context.Background(), 7)
	require.NoError(t, err)

	call := rec.only(t)
	assert.Equal(t, "GET", call.Method)
	assert.Equal(t, "/api/v2/company/campaigns/7", call.Path)
	assert.Empty(t, call.RawQuery)
	assert.Equal(t, "Bearer "+wireAPIKey, call.Header.Get("Authorization"))
	assert.Equal(t, wireAccountID, call.Header.Get("Account-Id"))
	assert.Equal(t, "application/json", call.Header.Get("Accept"))

	want := &firstpromoter.Campaign{
		ID: 7, Name: "Partner Program", Color: "#4F46E5",
		Stats:      firstpromoter.CampaignStats{ReferralsCount: 152, SalesCount: 48, CustomersCount: 41, PromotersCount: 23, RevenueAmount: sentCents("1284500")},
		LandingURL: "https://acme.example/pricing", VisitorCookieLife: 60, RefTokenParam: "?via",
		AutoApproveLeads: true, TrackAdTraffic: firstpromoter.AdTrafficBlock, IsDefault: true,
		UpgradeDetails: &firstpromoter.CampaignUpgrade{CampaignID: 9, Amount: sent("25"), Metric: "customers", MoveReferralsOnLevelChange: true},
		SignupURL:      "https://acme.firstpromoter.com/signup/7",
		Links:          []firstpromoter.CampaignLink{{ID: 31, Name: "Blog", URL: "https://acme.example/blog"}},
		RewardsForPromoters: []firstpromoter.CampaignReward{{
			ApplyOn: firstpromoter.ApplyOnAll, ProductIDs: []int64{}, RewardID: 3,
			Reward:   &firstpromoter.CampaignRewardDetail{Name: "20% recurring", PromoterRewardType: "per_sale", TierLevel: 1},
			Products: []firstpromoter.CampaignProduct{},
		}},
		RewardsForReferrals: []firstpromoter.CampaignReward{{
			ApplyOn: firstpromoter.ApplyOnSpecific, ProductIDs: []int64{101}, RewardID: 4,
			Reward:   &firstpromoter.CampaignRewardDetail{Name: "First month free", PromoterRewardType: "coupon", HideReward: true, Coupon: "WELCOME"},
			Products: []firstpromoter.CampaignProduct{{ID: 101, Name: "Pro plan"}},
		}},
	}
	assert.Equal(t, want, got)
}

func TestCampaignsListPages(t *testing.T) {
	item := func(i int) string { return fmt.Sprintf(`{"id": %d, "name": "Campaign %d"}`, i, i) }
	c, rec := newWireClient(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch r.URL.Query().Get("page") {
		case "1":
			wireJSON(200, jsonArray(100, item))(w, r, n)
		case "2":
			wireJSON(200, jsonArray(3, func(i int) string { return item(100 + i) }))(w, r, n)
		default:
			wireJSON(200, `[]`)(w, r, n)
		}
	})

	var ids []int64
	for camp, err := range c.Campaigns.List(context.Background()) {
		require.NoError(t, err)
		ids = append(ids, camp.ID)
	}
	require.Len(t, ids, 103)
	assert.Equal(t, int64(1), ids[0])
	assert.Equal(t, int64(103), ids[102])

	calls := rec.all()
	require.Len(t, calls, 2, "a short second page ends the list")
	assert.Equal(t, "page=1&per_page=100", calls[0].RawQuery)
	assert.Equal(t, "page=2&per_page=100", calls[1].RawQuery)
	assert.Equal(t, "/api/v2/company/campaigns", calls[1].Path)
}

// Without prefetching, a break makes no request beyond the caller's page.
func TestCampaignsListBreakMakesOneRequest(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, jsonArray(100, func(i int) string { return fmt.Sprintf(`{"id": %d}`, i) })), firstpromoter.WithPrefetch(0))
	for camp, err := range c.Campaigns.List(context.Background()) {
		require.NoError(t, err)
		assert.Equal(t, int64(1), camp.ID)
		break
	}
	assert.Equal(t, 1, rec.count())
}

func TestCampaignsListPageResume(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, jsonArray(10, func(i int) string { return fmt.Sprintf(`{"id": %d}`, i) })))
	items, resp, err := c.Campaigns.ListPage(context.Background(), &firstpromoter.CampaignListOptions{firstpromoter.ListParams{PerPage: 10}})
	require.NoError(t, err)
	assert.Len(t, items, 10)
	assert.Equal(t, 2, resp.NextPage)
	assert.True(t, resp.HasMore)

	_, _, err = c.Campaigns.ListPage(context.Background(), &firstpromoter.CampaignListOptions{firstpromoter.ListParams{Page: resp.NextPage, PerPage: 10}})
	require.NoError(t, err)
	assert.Equal(t, "page=2&per_page=10", rec.all()[1].RawQuery)
}

func TestCampaignsCreate(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(201, campaignJSON))
	yes := true
	got, err := c.Campaigns.Create(context.Background(), &firstpromoter.CampaignCreateParams{
		Name: "Partner Program", LandingURL: "https://acme.example/pricing", RefTokenParam: "?via",
		VisitorCookieLife: 60, Color: "#4F46E5", AutoApprovePromoters: &yes,
		TrackAdTraffic:      firstpromoter.AdTrafficBlock,
		Links:               []firstpromoter.CampaignLink{{Name: "Blog", URL: "https://acme.example/blog"}},
		RewardsForPromoters: []firstpromoter.CampaignRewardParams{{ApplyOn: firstpromoter.ApplyOnAll, RewardID: 3}},
	})
	require.NoError(t, err)
	assert.Equal(t, int64(7), got.ID)

	call := rec.only(t)
	assert.Equal(t, "POST", call.Method)
	assert.Equal(t, "/api/v2/company/campaigns", call.Path)
	assert.Equal(t, "application/json", call.Header.Get("Content-Type"))
	assert.JSONEq(t, `{
		"name": "Partner Program", "landing_url": "https://acme.example/pricing", "ref_token_param": "?via",
		"visitor_cookie_life": 60, "color": "#4F46E5", "auto_approve_promoters": true, "track_ad_traffic": "block",
		"links": [{"name": "Blog", "url": "https://acme.example/blog"}],
		"rewards_for_promoters": [{"apply_on": "all", "product_ids": [], "reward_id": 3}]
	}`, call.Body)
}

func TestCampaignsCreateValidates(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(201, campaignJSON))
	for _, p := range []*firstpromoter.CampaignCreateParams{
		nil,
		{LandingURL: "https://a.example", RefTokenParam: "?via", VisitorCookieLife: 30},
		{Name: "A", RefTokenParam: "?via", VisitorCookieLife: 30},
		{Name: "A", LandingURL: "https://a.example", VisitorCookieLife: 30},
		{Name: "A", LandingURL: "https://a.example", RefTokenParam: "?via"},
	} {
		_, err := c.Campaigns.Create(context.Background(), p)
		assert.Error(t, err)
	}
	assert.Zero(t, rec.count(), "invalid params never reach the server")
}

func TestCampaignsCreateNotRetriedOn502(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(502, `<html>Bad Gateway</html>`))
	_, err := c.Campaigns.Create(context.Background(), &firstpromoter.CampaignCreateParams{
		Name: "A", LandingURL: "https://a.example", RefTokenParam: "?fpr", VisitorCookieLife: 30,
	})
	require.Error(t, err)
	assert.ErrorIs(t, err, firstpromoter.ErrServer)
	assert.Equal(t, 1, rec.count(), "a create that may have reached the server is not repeated")
}

func TestCampaignsGetRetriedOn502(t *testing.T) {
	c, rec := newWireClient(t, wireSequence(wireJSON(502, `bad gateway`), wireJSON(200, campaignJSON)))
	got, err := c.Campaigns.Get(context.Background(), 7)
	require.NoError(t, err)
	assert.Equal(t, "Partner Program", got.Name)
	assert.Equal(t, 2, rec.count())
	assert.Len(t, rec.clock.Sleeps(), 1)
}

func TestCampaignsUpdateSendsOnlySetFields(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, campaignJSON))
	no := false
	_, err := c.Campaigns.Update(context.Background(), 7, &firstpromoter.CampaignUpdateParams{
		Name: "Partners 2025", IsPrivate: &no,
		Links: []firstpromoter.CampaignLink{{ID: 31, Destroy: true, Name: "Blog", URL: "https://acme.example/blog"}},
	})
	require.NoError(t, err)
	call := rec.only(t)
	assert.Equal(t, "PUT", call.Method)
	assert.Equal(t, "/api/v2/company/campaigns/7", call.Path)
	assert.JSONEq(t, `{"name": "Partners 2025", "is_private": false,
		"links": [{"id": 31, "name": "Blog", "url": "https://acme.example/blog", "_destroy": true}]}`, call.Body)
}

func TestCampaignsDelete(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, campaignJSON))
	deleted, err := c.Campaigns.Delete(context.Background(), 7)
	require.NoError(t, err)
	require.NotNil(t, deleted)
	assert.Equal(t, int64(7), deleted.ID, "the API answers the deleted campaign")
	call := rec.only(t)
	assert.Equal(t, "DELETE", call.Method)
	assert.Equal(t, "/api/v2/company/campaigns/7", call.Path)
	assert.Empty(t, call.Body)

	c, _ = newWireClient(t, wireJSON(204, ``))
	deleted, err = c.Campaigns.Delete(context.Background(), 7)
	assert.NoError(t, err, "204 without a body")
	assert.Nil(t, deleted)
}

func TestCampaignsDeleteAgainstFake(t *testing.T) {
	c, srv, _ := newFakeClient(t, []firstpromotertest.ServerOption{firstpromotertest.WithDemoData()})
	want := srv.Campaigns()[2]
	deleted, err := c.Campaigns.Delete(context.Background(), want.ID)
	require.NoError(t, err)
	assert.Equal(t, want.ID, deleted.ID)
	assert.Equal(t, want.Name, deleted.Name)
	_, err = c.Campaigns.Get(context.Background(), want.ID)
	assert.ErrorIs(t, err, firstpromoter.ErrNotFound)
}

func TestCampaignsErrors(t *testing.T) {
	tests := []struct {
		name    string
		status  int
		body    string
		target  error
		message string
		code    string
	}{
		{"not found", 404, `{"message": "Record not found", "code": "not_found"}`, firstpromoter.ErrNotFound, "Record not found", "not_found"},
		{"unauthorized without body", 401, ``, firstpromoter.ErrUnauthorized, "", ""},
		{"forbidden", 403, `{"message": "You don't have enough rights to perform this action", "code": "forbidden"}`, firstpromoter.ErrForbidden, "You don't have enough rights to perform this action", "forbidden"},
		{"validation", 422, `{"message": "param is missing or the value is empty or invalid: name", "code": "invalid_params"}`, firstpromoter.ErrInvalidRequest, "param is missing or the value is empty or invalid: name", "invalid_params"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, rec := newWireClient(t, wireJSON(tt.status, tt.body))
			_, err := c.Campaigns.Get(context.Background(), 99)
			require.ErrorIs(t, err, tt.target)
			var apiErr *firstpromoter.Error
			require.True(t, errors.As(err, &apiErr))
			assert.Equal(t, tt.status, apiErr.StatusCode)
			assert.Equal(t, "/api/v2/company/campaigns/99", apiErr.Path)
			if tt.message != "" {
				assert.Equal(t, tt.message, apiErr.Message)
			}
			assert.Equal(t, tt.code, apiErr.Code)
			assert.Equal(t, 1, rec.count(), "4xx is not retried")
		})
	}
}

func TestCampaignsMalformed(t *testing.T) {
	c, _ := newWireClient(t, wireJSON(200, `<!DOCTYPE html><html><body>Maintenance</body></html>`), firstpromoter.WithMaxRetries(0))
	_, err := c.Campaigns.Get(context.Background(), 7)
	assert.ErrorIs(t, err, firstpromoter.ErrMalformedResponse)

	c, _ = newWireClient(t, wireJSON(200, `{"id": "seven"}`), firstpromoter.WithMaxRetries(0))
	_, err = c.Campaigns.Get(context.Background(), 7)
	assert.ErrorIs(t, err, firstpromoter.ErrMalformedResponse)
}

func TestCampaignRewardParamsProductIDs(t *testing.T) {
	b, err := firstpromoter.CampaignRewardParams{ApplyOn: firstpromoter.ApplyOnSpecific, RewardID: 4, ProductIDs: []int64{101, 102}}.MarshalJSON()
	require.NoError(t, err)
	assert.JSONEq(t, `{"apply_on": "specific", "product_ids": [101, 102], "reward_id": 4}`, string(b))
}
