package v1_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1/v1test"
)

// newTest starts a fake and a client on it with a fake clock.
func newTest(t *testing.T, opts ...v1test.ServerOption) (*v1test.Server, *v1.Client) {
	t.Helper()
	now := func() time.Time { return time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC) }
	srv := v1test.NewServer(append([]v1test.ServerOption{v1test.WithClock(now)}, opts...)...)
	t.Cleanup(srv.Close)
	return srv, platform.NewClient(t, srv, http.DefaultClient)
}

// lastRequest returns the last request the fake received.
func lastRequest(t *testing.T, srv *v1test.Server) v1test.RecordedRequest {
	t.Helper()
	reqs := srv.Requests()
	require.NotEmpty(t, reqs)
	return reqs[len(reqs)-1]
}

func TestNewClient(t *testing.T) {
	_, err := v1.NewClient()
	require.ErrorContains(t, err, "firstpromoter/v1: an API key is required")
	_, err = v1.NewClient(v1.WithAPIKey("  "))
	require.Error(t, err)
	_, err = v1.NewClient(v1.WithAPIKey("a\nb"))
	require.Error(t, err)
	_, err = v1.NewClient(v1.WithAPIKey("k"), v1.WithClock(nil))
	require.ErrorContains(t, err, "clock is nil")
	c, err := v1.NewClient(v1.WithAPIKey("k"), nil)
	require.NoError(t, err)
	require.NotNil(t, c.Tracking)
}

// TestWire: the key travels in X-API-KEY; GET and DELETE parameters in
// the query with no body; POST and PUT parameters as a form body.
func TestWire(t *testing.T) {
	srv, c := newTest(t)
	ctx := context.Background()
	p, err := c.Promoters.Create(ctx, &v1.PromoterCreateParams{Email: "wire@example.com", CustID: "cus_1",
		PromoterParams: v1.PromoterParams{FirstName: "Ada", CampaignID: 7}})
	require.NoError(t, err)
	r := lastRequest(t, srv)
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/api/v1/promoters/create", r.Path)
	assert.Equal(t, v1test.APIKey, r.Header.Get("X-Api-Key"))
	assert.Empty(t, r.Header.Get("Authorization"))
	assert.Equal(t, "application/x-www-form-urlencoded", r.Header.Get("Content-Type"))
	form, err := url.ParseQuery(string(r.Body))
	require.NoError(t, err)
	assert.Equal(t, "wire@example.com", form.Get("email"))
	assert.Equal(t, "Ada", form.Get("first_name"))
	assert.Equal(t, "7", form.Get("campaign_id"))
	assert.Empty(t, r.Query)

	_, err = c.Promoters.Get(ctx, p.ID)
	require.NoError(t, err)
	r = lastRequest(t, srv)
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "/api/v1/promoters/show", r.Path)
	assert.Equal(t, "id="+itoa(p.ID), r.Query)
	assert.Empty(t, r.Body)

	_, err = c.Promoters.Update(ctx, v1.PromoterKey{Email: "wire@example.com"}, &v1.PromoterUpdateParams{NewCustID: "cus_2"})
	require.NoError(t, err)
	r = lastRequest(t, srv)
	assert.Equal(t, http.MethodPut, r.Method)
	form, _ = url.ParseQuery(string(r.Body))
	assert.Equal(t, url.Values{"email": {"wire@example.com"}, "new_cust_id": {"cus_2"}}, form)

	var reports []*v1.PromoterReport
	for row, err := range c.Reports.Promoters(ctx, &v1.PromoterReportOptions{
		ReportParams: v1.ReportParams{SelectedFields: []v1.ReportColumn{v1.ColumnRevenueAmount, v1.ColumnClicksCount}, GroupBy: "month"},
		PromoterIDs:  []int64{p.ID}, Top50: true,
	}) {
		require.NoError(t, err)
		reports = append(reports, row)
	}
	require.Len(t, reports, 1)
	assert.Equal(t, p.ID, reports[0].PromoterID)
	q, err := url.ParseQuery(lastRequest(t, srv).Query)
	require.NoError(t, err)
	assert.Equal(t, []string{"revenue_amount", "clicks_count"}, q["selected_fields[]"])
	assert.Equal(t, []string{itoa(p.ID)}, q["promoter_ids[]"])
	assert.Equal(t, "true", q.Get("top_50"))

	_, err = c.Promoters.Delete(ctx, v1.PromoterKey{ID: p.ID})
	require.NoError(t, err)
	r = lastRequest(t, srv)
	assert.Equal(t, http.MethodDelete, r.Method)
	assert.Equal(t, "id="+itoa(p.ID), r.Query)
	assert.Empty(t, r.Body)
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }

// TestOperations runs every v1 operation against the fake, in an order
// where each finds the records the earlier ones made.
func TestOperations(t *testing.T) {
	srv, c := newTest(t)
	ctx := context.Background()
	var p *v1.Promoter
	var lead *v1.Lead
	var reward *v1.Reward
	var payout *v1.Payout
	steps := []struct {
		name string
		run  func(t *testing.T)
	}{
		{"promoters/create", func(t *testing.T) {
			var err error
			p, err = c.Promoters.Create(ctx, &v1.PromoterCreateParams{Email: "ops@example.com", CustID: "cus_ops", RefID: "opsref"})
			require.NoError(t, err)
			assert.Equal(t, "ops@example.com", p.Email)
			require.Len(t, p.Promotions, 1)
			assert.Equal(t, "opsref", p.Promotions[0].RefID)
		}},
		{"promoters/show", func(t *testing.T) {
			for _, get := range []func() (*v1.Promoter, error){
				func() (*v1.Promoter, error) { return c.Promoters.Get(ctx, p.ID) },
				func() (*v1.Promoter, error) { return c.Promoters.GetByEmail(ctx, p.Email) },
				func() (*v1.Promoter, error) { return c.Promoters.GetByCustID(ctx, "cus_ops") },
				func() (*v1.Promoter, error) { return c.Promoters.GetByRefID(ctx, "opsref") },
				func() (*v1.Promoter, error) { return c.Promoters.GetByAuthToken(ctx, p.AuthToken) },
			} {
				got, err := get()
				require.NoError(t, err)
				assert.Equal(t, p.ID, got.ID)
			}
			assert.Equal(t, "promoter_email=ops%40example.com", srv.Requests()[len(srv.Requests())-4].Query)
		}},
		{"promoters/update", func(t *testing.T) {
			got, err := c.Promoters.Update(ctx, v1.PromoterKey{CustID: "cus_ops"}, &v1.PromoterUpdateParams{NewCustID: "cus_ops2", PromoterParams: v1.PromoterParams{LastName: "Lovelace"}})
			require.NoError(t, err)
			assert.Equal(t, "cus_ops2", *got.CustID)
			assert.Equal(t, "Lovelace", got.Profile.LastName)
		}},
		{"promoters/add_to_campaign", func(t *testing.T) {
			got, err := c.Promoters.AddToCampaign(ctx, v1.PromoterKey{ID: p.ID}, 9)
			require.NoError(t, err)
			assert.Len(t, got.Promotions, 2)
		}},
		{"promoters/move_to_campaign", func(t *testing.T) {
			got, err := c.Promoters.MoveToCampaign(ctx, v1.PromoterKey{Email: p.Email}, v1.PromoterMoveParams{SourceCampaignID: 9, DestinationCampaignID: 11})
			require.NoError(t, err)
			assert.Equal(t, int64(11), got.Promotions[1].CampaignID)
		}},
		{"promoters/refresh_token", func(t *testing.T) {
			tok, err := c.Promoters.RefreshToken(ctx, v1.PromoterKey{ID: p.ID})
			require.NoError(t, err)
			assert.NotEqual(t, p.AuthToken, tok)
			_, err = c.Promoters.GetByAuthToken(ctx, p.AuthToken)
			require.ErrorIs(t, err, v1.ErrNotFound, "the old token stops working")
		}},
		{"promoters/list", func(t *testing.T) {
			srv.SeedPromoters(4)
			n := 0
			for got, err := range c.Promoters.List(ctx, &v1.PromoterListOptions{CampaignID: 1, ListParams: v1.ListParams{PerPage: 2}}) {
				require.NoError(t, err)
				assert.NotZero(t, got.ID)
				n++
			}
			assert.Equal(t, 5, n)
		}},
		{"track/signup", func(t *testing.T) {
			ev, err := c.Tracking.Signup(ctx, &v1.TrackSignupParams{Email: "lead@example.com", UID: "u_1", RefID: "opsref", CustomFields: map[string]string{"plan": "pro"}})
			require.NoError(t, err)
			require.NotNil(t, ev)
			assert.Equal(t, "signup", ev.Type)
			assert.True(t, ev.AmountCents.IsNull())
			form, _ := url.ParseQuery(string(lastRequest(t, srv).Body))
			assert.Equal(t, "pro", form.Get("custom_fields[plan]"))
		}},
		{"track/subscriber", func(t *testing.T) {
			ev, err := c.Tracking.Subscriber(ctx, &v1.TrackSignupParams{Email: "sub@example.com", RefID: "opsref"})
			require.NoError(t, err)
			require.NotNil(t, ev)
			assert.Equal(t, "subscriber", ev.Type)
		}},
		{"track/sale", func(t *testing.T) {
			ev, err := c.Tracking.Sale(ctx, &v1.TrackSaleParams{UID: "u_1", EventID: "ev_1", Amount: cents(t, 6000), Plan: "pro"})
			require.NoError(t, err)
			require.NotNil(t, ev)
			assert.Equal(t, "60.00", ev.AmountCents.String())
			assert.Equal(t, "active", ev.Lead.State)
			form, _ := url.ParseQuery(string(lastRequest(t, srv).Body))
			assert.Equal(t, "6000", form.Get("amount"))
			assert.Empty(t, form.Get("mrr"))
		}},
		{"track/refund", func(t *testing.T) {
			ev, err := c.Tracking.Refund(ctx, &v1.TrackRefundParams{UID: "u_1", EventID: "rf_1", Amount: cents(t, 1000), SaleEventID: "ev_1"})
			require.NoError(t, err)
			assert.Equal(t, "-10.00", ev.AmountCents.String())
		}},
		{"track/cancellation", func(t *testing.T) {
			ev, err := c.Tracking.Cancellation(ctx, &v1.TrackCancellationParams{Email: "lead@example.com"})
			require.NoError(t, err)
			assert.Equal(t, "cancelled", ev.Lead.State)
		}},
		{"leads/list", func(t *testing.T) {
			var got []*v1.Lead
			for l, err := range c.Leads.List(ctx, &v1.LeadListOptions{RefID: "opsref"}) {
				require.NoError(t, err)
				got = append(got, l)
			}
			require.Len(t, got, 2)
			lead = got[0]
			assert.Equal(t, p.ID, lead.Promoter.ID)
		}},
		{"leads/show", func(t *testing.T) {
			for _, key := range []v1.LeadKey{{ID: lead.ID}, {UID: "u_1"}, {Email: "lead@example.com"}} {
				got, err := c.Leads.GetBy(ctx, key)
				require.NoError(t, err)
				assert.Equal(t, lead.ID, got.ID)
			}
		}},
		{"leads/update", func(t *testing.T) {
			got, err := c.Leads.Update(ctx, v1.LeadKey{ID: lead.ID}, &v1.LeadUpdateParams{NewEmail: "lead2@example.com", State: "active", PlanName: "gold"})
			require.NoError(t, err)
			assert.Equal(t, "lead2@example.com", got.Email)
			assert.Equal(t, "gold", got.PlanName)
		}},
		{"rewards/create", func(t *testing.T) {
			var err error
			reward, err = c.Rewards.Create(ctx, &v1.RewardCreateParams{LeadID: lead.ID, RewardType: "cash", Amount: cents(t, 1250), Status: "approved"})
			require.NoError(t, err)
			assert.Equal(t, "12.50", reward.Amount.String())
			form, _ := url.ParseQuery(string(lastRequest(t, srv).Body))
			assert.Equal(t, "1250", form.Get("amount"))
			pts, err := v1.ParseAmount("10", "")
			require.NoError(t, err)
			r, err := c.Rewards.Create(ctx, &v1.RewardCreateParams{RefID: "opsref", RewardType: "points", Amount: pts})
			require.NoError(t, err)
			assert.Equal(t, "10", r.Amount.String())
			assert.Equal(t, "pending", r.Status)
		}},
		{"rewards/update", func(t *testing.T) {
			got, err := c.Rewards.Update(ctx, v1.RewardKey{ID: reward.ID}, "denied")
			require.NoError(t, err)
			assert.Equal(t, "denied", got.Status)
			got, err = c.Rewards.Update(ctx, v1.RewardKey{EventID: "ev_1"}, "approved")
			require.NoError(t, err)
			assert.Equal(t, "12.00", got.Amount.String(), "20 % of the 60.00 sale")
			assert.Equal(t, "60.00", got.ConversionAmount.String())
		}},
		{"rewards/list", func(t *testing.T) {
			n := 0
			for r, err := range c.Rewards.List(ctx, &v1.RewardListOptions{PromoterID: p.ID}) {
				require.NoError(t, err)
				assert.Equal(t, p.ID, r.Promoter.ID)
				n++
			}
			assert.Equal(t, 4, n)
		}},
		{"payouts/create", func(t *testing.T) {
			var err error
			payout, err = c.Payouts.Create(ctx, &v1.PayoutCreateParams{PromoterEmail: p.Email})
			require.NoError(t, err)
			assert.Equal(t, "pending", payout.Status)
			assert.Equal(t, "cash", payout.Unit)
			assert.Equal(t, "10.00", payout.Amount.String(), "the sale's 12.00 less the refund's 2.00; the 12.50 reward was denied")
		}},
		{"payouts/update", func(t *testing.T) {
			got, err := c.Payouts.Update(ctx, payout.ID, "completed")
			require.NoError(t, err)
			assert.Equal(t, "completed", got.Status)
			assert.NotNil(t, got.DatePaid)
		}},
		{"payouts/list", func(t *testing.T) {
			got, resp, err := c.Payouts.ListPage(ctx, &v1.PayoutListOptions{PromoterID: p.ID, Status: "completed"})
			require.NoError(t, err)
			require.Len(t, got, 1)
			assert.Zero(t, resp.NextPage)
		}},
		{"reports/overview", func(t *testing.T) {
			rows, err := c.Reports.Overview(ctx, &v1.OverviewReportParams{ReportParams: v1.ReportParams{GroupBy: "month"}})
			require.NoError(t, err)
			require.Len(t, rows, 1)
			assert.Equal(t, "50.00", rows[0].RevenueAmount.String(), "60.00 sold less 10.00 refunded")
			assert.Equal(t, "Mar 2026", rows[0].Period)
		}},
		{"reports/campaigns", func(t *testing.T) {
			rows, err := c.Reports.Campaigns(ctx, &v1.ReportParams{SelectedFields: []v1.ReportColumn{v1.ColumnRevenueAmount, v1.ColumnCustomersCount}})
			require.NoError(t, err)
			require.NotEmpty(t, rows)
			assert.Equal(t, int64(1), rows[0].CampaignID)
			assert.Equal(t, "50.00", rows[0].RevenueAmount.String())
			require.Len(t, rows[0].Items, 1)
		}},
		{"leads/delete", func(t *testing.T) {
			m, err := c.Leads.Delete(ctx, v1.LeadKey{ID: lead.ID})
			require.NoError(t, err)
			assert.Equal(t, "Lead removed.", m.Message)
			_, err = c.Leads.Get(ctx, lead.ID)
			require.ErrorIs(t, err, v1.ErrNotFound)
		}},
		{"promoters/delete", func(t *testing.T) {
			m, err := c.Promoters.Delete(ctx, v1.PromoterKey{RefID: "opsref"})
			require.NoError(t, err)
			assert.Equal(t, "Promoter removed.", m.Message)
		}},
	}
	for _, st := range steps {
		if !t.Run(st.name, st.run) {
			t.FailNow()
		}
	}
}

// TestErrors: the v1 error bodies become the Error's message and code,
// and every error names the platform and the path without the query.
func TestErrors(t *testing.T) {
	srv, c := newTest(t)
	ctx := context.Background()

	_, err := c.Promoters.GetByAuthToken(ctx, "tok_unknown")
	var e *v1.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusNotFound, e.StatusCode)
	assert.Equal(t, "Promoter not found.", e.Message)
	assert.Equal(t, "/api/v1/promoters/show", e.Path)
	assert.True(t, strings.HasPrefix(err.Error(), "firstpromoter/v1: GET /api/v1/promoters/show: HTTP 404"), err.Error())
	assert.NotContains(t, err.Error(), "tok_unknown")

	_, err = c.Reports.Overview(ctx, &v1.OverviewReportParams{ReportParams: v1.ReportParams{SelectedFields: []v1.ReportColumn{"nope"}}})
	require.ErrorIs(t, err, v1.ErrInvalidRequest)
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "Selected Fields invalid !", e.Message)
	assert.Equal(t, "invalid_params", e.Code)

	_, err = c.Payouts.Update(ctx, 424242, "completed")
	require.ErrorAs(t, err, &e)
	assert.Equal(t, "Payment not found", e.Message)

	_, err = c.Promoters.Create(ctx, &v1.PromoterCreateParams{Email: "not-an-email"})
	require.ErrorIs(t, err, v1.ErrInvalidRequest)

	// 401: the JSON string v1 documents, and the same words as bare text.
	for _, f := range []v1test.Fault{
		{Status: http.StatusUnauthorized},
		{Status: http.StatusUnauthorized, Body: "Bad credentials", ContentType: "text/plain; charset=utf-8"},
	} {
		srv.Inject(1, f)
		_, _, err = c.Leads.ListPage(ctx, nil)
		require.ErrorIs(t, err, v1.ErrUnauthorized)
		require.ErrorAs(t, err, &e)
		assert.Contains(t, e.Message, "Bad credentials")
	}
	wrong := platform.NewClient(t, srv, http.DefaultClient, v1.WithAPIKey("wrong"))
	_, _, err = wrong.Leads.ListPage(ctx, nil)
	require.ErrorIs(t, err, v1.ErrUnauthorized)

	// A JSON body is refused: v1 takes key-value pairs.
	req, err := http.NewRequest(http.MethodPost, srv.URL+"/promoters/create", strings.NewReader(`{"email":"json@example.com"}`))
	require.NoError(t, err)
	req.Header.Set("X-API-KEY", v1test.APIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusUnprocessableEntity, resp.StatusCode)
}

// TestInputErrors: keys and required parameters are checked before any
// request is made.
func TestInputErrors(t *testing.T) {
	srv, c := newTest(t)
	ctx := context.Background()
	for name, call := range map[string]func() error{
		"no key":          func() error { _, err := c.Promoters.GetBy(ctx, v1.PromoterKey{}); return err },
		"two keys":        func() error { _, err := c.Promoters.GetBy(ctx, v1.PromoterKey{ID: 1, RefID: "x"}); return err },
		"delete by email": func() error { _, err := c.Promoters.Delete(ctx, v1.PromoterKey{Email: "a@b.c"}); return err },
		"lead key":        func() error { _, err := c.Leads.GetBy(ctx, v1.LeadKey{}); return err },
		"create":          func() error { _, err := c.Promoters.Create(ctx, &v1.PromoterCreateParams{}); return err },
		"move": func() error {
			_, err := c.Promoters.MoveToCampaign(ctx, v1.PromoterKey{ID: 1}, v1.PromoterMoveParams{})
			return err
		},
		"add":         func() error { _, err := c.Promoters.AddToCampaign(ctx, v1.PromoterKey{ID: 1}, 0); return err },
		"reward type": func() error { _, err := c.Rewards.Create(ctx, &v1.RewardCreateParams{}); return err },
		"reward key": func() error {
			_, err := c.Rewards.Update(ctx, v1.RewardKey{ID: 1, EventID: "e"}, "approved")
			return err
		},
		"payout":    func() error { _, err := c.Payouts.Create(ctx, &v1.PayoutCreateParams{}); return err },
		"payout id": func() error { _, err := c.Payouts.Update(ctx, 0, "completed"); return err },
		"sale event": func() error {
			_, err := c.Tracking.Sale(ctx, &v1.TrackSaleParams{Email: "a@b.c", Amount: cents(t, 1)})
			return err
		},
		"sale amount": func() error {
			_, err := c.Tracking.Sale(ctx, &v1.TrackSaleParams{Email: "a@b.c", EventID: "e"})
			return err
		},
		"sale finer than a cent": func() error {
			a, _ := v1.ParseAmount("1.005", "")
			_, err := c.Tracking.Sale(ctx, &v1.TrackSaleParams{Email: "a@b.c", EventID: "e", Amount: a})
			return err
		},
		"points not whole": func() error {
			a, _ := v1.ParseAmount("1.5", "")
			_, err := c.Rewards.Create(ctx, &v1.RewardCreateParams{RefID: "r", RewardType: "points", Amount: a})
			return err
		},
		"refund": func() error { _, err := c.Tracking.Refund(ctx, &v1.TrackRefundParams{EventID: "e"}); return err },
		"signup": func() error { _, err := c.Tracking.Signup(ctx, &v1.TrackSignupParams{}); return err },
		"cancel": func() error { _, err := c.Tracking.Cancellation(ctx, nil); return err },
		"page": func() error {
			_, _, err := c.Leads.ListPage(ctx, &v1.LeadListOptions{ListParams: v1.ListParams{Page: -1}})
			return err
		},
	} {
		err := call()
		require.Error(t, err, name)
		assert.True(t, strings.HasPrefix(err.Error(), "firstpromoter/v1: "), "%s: %v", name, err)
	}
	assert.Zero(t, srv.RequestCount())
}

// TestAmountsSent: amounts go out as integer minor units of their
// currency.
func TestAmountsSent(t *testing.T) {
	srv, c := newTest(t)
	ctx := context.Background()
	lead := srv.SeedLeads(1)[0]
	yen, err := v1.ParseAmount("500", "JPY")
	require.NoError(t, err)
	usd, err := v1.ParseAmount("25.5", "")
	require.NoError(t, err)
	mrr, err := v1.ParseAmount("9.99", "")
	require.NoError(t, err)
	for _, tc := range []struct {
		params         v1.TrackSaleParams
		amount, mrrOut string
	}{
		{v1.TrackSaleParams{Amount: usd, MRR: mrr}, "2550", "999"},
		{v1.TrackSaleParams{Amount: yen, Currency: "JPY"}, "500", ""},
		{v1.TrackSaleParams{Amount: yen}, "500", ""},
	} {
		p := tc.params
		p.Email, p.EventID = lead.Email, "ev_"+tc.amount+p.Currency
		_, err := c.Tracking.Sale(ctx, &p)
		require.NoError(t, err)
		form, _ := url.ParseQuery(string(lastRequest(t, srv).Body))
		assert.Equal(t, tc.amount, form.Get("amount"))
		assert.Equal(t, tc.mrrOut, form.Get("mrr"))
	}
}

// TestTracking: 204 means not a referral; a repeated event_id is a 409;
// a sale is never retried after it may have reached the server, but is
// after a 429.
func TestTracking(t *testing.T) {
	srv, c := newTest(t)
	ctx := context.Background()
	lead := srv.SeedLeads(1)[0]

	ev, err := c.Tracking.Sale(ctx, &v1.TrackSaleParams{Email: "stranger@example.com", EventID: "ev_x", Amount: cents(t, 100)})
	require.NoError(t, err)
	assert.Nil(t, ev, "204: not a referral")
	ev, err = c.Tracking.Cancellation(ctx, &v1.TrackCancellationParams{UID: "nobody"})
	require.NoError(t, err)
	assert.Nil(t, ev)

	sale := &v1.TrackSaleParams{Email: lead.Email, EventID: "ev_dup", Amount: cents(t, 100)}
	_, err = c.Tracking.Sale(ctx, sale)
	require.NoError(t, err)
	_, err = c.Tracking.Sale(ctx, sale)
	require.ErrorIs(t, err, v1.ErrInvalidRequest)
	var e *v1.Error
	require.ErrorAs(t, err, &e)
	assert.Equal(t, http.StatusConflict, e.StatusCode)

	srv.ResetRequests()
	srv.Inject(1, v1test.Fault{Status: http.StatusBadGateway, Applied: true})
	_, err = c.Tracking.Sale(ctx, &v1.TrackSaleParams{Email: lead.Email, EventID: "ev_502", Amount: cents(t, 100)})
	require.ErrorIs(t, err, v1.ErrOutcomeUnknown)
	assert.Equal(t, 1, srv.RequestCount(), "not retried")
	// The documented way out: send it again with the same event_id.
	_, err = c.Tracking.Sale(ctx, &v1.TrackSaleParams{Email: lead.Email, EventID: "ev_502", Amount: cents(t, 100)})
	require.ErrorIs(t, err, v1.ErrInvalidRequest, "the first attempt was recorded; the repeat is refused")

	srv.ResetRequests()
	srv.Inject(1, v1test.Fault{Status: http.StatusTooManyRequests, RetryAfter: "1"})
	ev, err = c.Tracking.Sale(ctx, &v1.TrackSaleParams{Email: lead.Email, EventID: "ev_429", Amount: cents(t, 100)})
	require.NoError(t, err)
	require.NotNil(t, ev)
	assert.Equal(t, 2, srv.RequestCount())
}

// TestPaging: the Link header's rel="next" is followed; without a Link
// header the list asks for the next page until an empty one; a Link
// header without rel="next" ends the list.
func TestPaging(t *testing.T) {
	ctx := context.Background()
	t.Run("link", func(t *testing.T) {
		srv, c := newTest(t)
		srv.SeedLeads(5)
		got, resp, err := c.Leads.ListPage(ctx, &v1.LeadListOptions{ListParams: v1.ListParams{PerPage: 2}})
		require.NoError(t, err)
		assert.Len(t, got, 2)
		assert.Equal(t, 2, resp.NextPage)
		assert.True(t, resp.HasMore)
		got, resp, err = c.Leads.ListPage(ctx, &v1.LeadListOptions{ListParams: v1.ListParams{Page: 3, PerPage: 2}})
		require.NoError(t, err)
		assert.Len(t, got, 1)
		assert.Zero(t, resp.NextPage, "the last page has no rel=next")
		srv.ResetRequests()
		n := 0
		for _, err := range c.Leads.List(ctx, &v1.LeadListOptions{ListParams: v1.ListParams{PerPage: 2}}) {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, 5, n)
		assert.Equal(t, 3, srv.RequestCount())
	})
	t.Run("no_link", func(t *testing.T) {
		srv, c := newTest(t, v1test.WithoutLinkHeader())
		srv.SeedLeads(5)
		_, resp, err := c.Leads.ListPage(ctx, &v1.LeadListOptions{ListParams: v1.ListParams{Page: 3, PerPage: 2}})
		require.NoError(t, err)
		assert.Equal(t, 4, resp.NextPage, "a short page may still have a successor")
		srv.ResetRequests()
		n := 0
		for _, err := range c.Leads.List(ctx, &v1.LeadListOptions{ListParams: v1.ListParams{PerPage: 2}}) {
			require.NoError(t, err)
			n++
		}
		assert.Equal(t, 5, n)
		assert.Equal(t, 4, srv.RequestCount(), "three pages and the empty one")
	})
}

// TestFakeRefusesMissingKeyHeader: the fake checks X-API-KEY on every
// endpoint.
func TestFakeRefusesMissingKeyHeader(t *testing.T) {
	srv, _ := newTest(t)
	resp, err := http.Get(srv.URL + "/leads/list")
	require.NoError(t, err)
	defer resp.Body.Close()
	assert.Equal(t, http.StatusUnauthorized, resp.StatusCode)
}
