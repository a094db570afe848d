package firstpromoter_test

import (
	"context"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tapePayoutJSON is a payout as the API returns it, from the v2 payouts
// spec's schema.
const tapePayoutJSON = `{
  "id": 9001,
  "status": "pending",
  "amount": 12050.5,
  "payments_batch_id": null,
  "tax_rate": 0.2,
  "unit": "cash",
  "period_start": "2025-03-01T00:00:00.000Z",
  "period_end": "2025-03-31T23:59:59.999Z",
  "paid_at": null,
  "processing_started_at": null,
  "failed_at": null,
  "error": null,
  "total_incl_tax": 14460.6,
  "created_at": "2025-04-01T02:00:00.000Z",
  "payout_method": {"id": 77, "method": "paypal", "date_added": "2025-01-20T09:00:00.000Z", "is_disabled": false,
    "meta": {}, "is_selected": true, "details": null, "managed_payouts": false},
  "promoter": {"id": 12345, "email": "jane@example.com", "name": "Jane Smith"},
  "campaign": {"id": 28004, "name": "Partners", "color": "#EC4899"},
  "invoice": {"id": 55, "number": "INV-0055"}
}`

const tapePayoutSettingsJSON = `{
  "net_payout_days": 30, "payout_cycle": "monthly", "min_payment": 5000, "min_paying_customers": 1,
  "terms_description": "Net 30", "selected_payout_methods": ["paypal", "wise"],
  "payout_method_options": {"paypal": {"enabled": true}}, "managed_payouts": false
}`

func TestPayoutsListPageWireFormat(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(200, `[`+tapePayoutJSON+`]`))
	yes := true
	ps, resp, err := c.Payouts.ListPage(context.Background(), &firstpromoter.PayoutListOptions{
		Q:   "jane",
		IDs: []int64{9001, 9002},
		Filters: firstpromoter.PayoutFilters{
			Status:          firstpromoter.PayoutPending,
			CampaignID:      []int64{28004},
			PaymentsBatchID: []int64{3, 4},
			DuePeriod:       firstpromoter.DueNext,
			PeriodStart:     firstpromoter.DateRange{From: firstpromoter.NewDate(2025, 3, 1)},
			PeriodEnd:       firstpromoter.DateRange{To: firstpromoter.NewDate(2025, 3, 31)},
			PayoutMethod:    "paypal",
			PromoterID:      12345,
			OnlyPayable:     &yes,
			GroupRef:        "2025-03",
			FraudSuspicions: []string{"no_suspicion"},
		},
		Sorting: firstpromoter.PayoutSorting{Amount: firstpromoter.Desc, PeriodStart: firstpromoter.Asc},
	})
	require.NoError(t, err)
	call := ws.only()
	assert.Equal(t, http.MethodGet, call.Method)
	assert.Equal(t, "/api/v2/company/payouts", call.Path)
	assertTapeAuth(t, call)
	assert.Equal(t, url.Values{
		"page":                         {"1"},
		"per_page":                     {"100"},
		"q":                            {"jane"},
		"ids[]":                        {"9001", "9002"},
		"filters[status]":              {"pending"},
		"filters[campaign_id][]":       {"28004"},
		"filters[payments_batch_id][]": {"3", "4"},
		"filters[due_period]":          {"next"},
		"filters[period_start][from]":  {"2025-03-01"},
		"filters[period_end][to]":      {"2025-03-31"},
		"filters[payout_method]":       {"paypal"},
		"filters[promoter_id]":         {"12345"},
		"filters[only_payable]":        {"true"},
		"filters[group_ref]":           {"2025-03"},
		"filters[fraud_suspicions][]":  {"no_suspicion"},
		"sorting[amount]":              {"desc"},
		"sorting[period_start]":        {"asc"},
	}, call.Query)
	assert.Equal(t, 0, resp.NextPage)

	require.Len(t, ps, 1)
	p := ps[0]
	assert.Equal(t, int64(9001), p.ID)
	assert.Equal(t, firstpromoter.PayoutPending, p.Status)
	assert.Equal(t, "12050.5", p.Amount.String())
	assert.Equal(t, "14460.6", p.TotalInclTax.String())
	assert.Equal(t, int64(0), p.PaymentsBatchID)
	assert.Equal(t, 0.2, p.TaxRate)
	assert.Equal(t, time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC), p.PeriodStart)
	assert.Nil(t, p.PaidAt)
	require.NotNil(t, p.PayoutMethod)
	assert.True(t, p.PayoutMethod.IsSelected)
	assert.Equal(t, &firstpromoter.PromoterRef{ID: 12345, Email: "jane@example.com", Name: "Jane Smith"}, p.Promoter)
	assert.Equal(t, &firstpromoter.PayoutInvoice{ID: 55, Number: "INV-0055"}, p.Invoice)
}

func TestPayoutAmountDecoding(t *testing.T) {
	tests := map[string]struct {
		body string
		want string
	}{
		"integer":          {`{"amount": 12000}`, "12000"},
		"fraction":         {`{"amount": 120.75}`, "120.75"},
		"finer than cents": {`{"amount": 0.0125}`, "0.0125"},
		"decimal string":   {`{"amount": "120.75"}`, "120.75"},
		"null":             {`{"amount": null}`, "null"},
	}
	for name, tt := range tests {
		t.Run(name, func(t *testing.T) {
			_, c := newTapeServer(t, tapeReply(200, `[`+tt.body+`]`))
			ps, _, err := c.Payouts.ListPage(context.Background(), nil)
			require.NoError(t, err)
			assert.Equal(t, tt.want, ps[0].Amount.String())
		})
	}
	t.Run("not a number", func(t *testing.T) {
		for _, body := range []string{`[{"amount": "twelve"}]`, `[{"amount": ""}]`} {
			_, c := newTapeServer(t, tapeReply(200, body))
			_, _, err := c.Payouts.ListPage(context.Background(), nil)
			require.ErrorIs(t, err, firstpromoter.ErrMalformedResponse, body)
		}
	})
}

func TestPayoutsListIterates(t *testing.T) {
	ws, c := newTapeServer(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		q := r.URL.Query()
		page, per := tapeAtoi(q.Get("page"), 1), tapeAtoi(q.Get("per_page"), 20)
		var items []string
		for i := (page-1)*per + 1; i <= min(page*per, 20); i++ {
			items = append(items, `{"id": `+tapeItoa(i)+`, "amount": 100}`)
		}
		tapeJSON(w, 200, `[`+tapeJoin(items)+`]`)
	})
	n := 0
	for p, err := range c.Payouts.List(context.Background(), &firstpromoter.PayoutListOptions{ListParams: firstpromoter.ListParams{PerPage: 10}}) {
		require.NoError(t, err)
		n++
		assert.Equal(t, int64(n), p.ID)
	}
	assert.Equal(t, 20, n)
	assert.Len(t, ws.Calls(), 3, "two full pages and an empty one")
}

func TestPayoutsGroupByPromoters(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(200, `{
		"data": [{
			"promoter": {"id": 12345, "email": "jane@example.com", "name": "Jane Smith", "invoice_details_status": "approved",
				"fraud_suspicions": [], "profile": {"invoice_details_validation_errors": null}},
			"payout_method": {"id": 77, "method": "paypal", "details": {"email": "jane@paypal.example"}},
			"payouts": [`+tapePayoutJSON+`],
			"is_amount_payable": true,
			"payout_ids": [9001],
			"amount": 12050.5,
			"total_incl_tax": 14460.6
		}],
		"meta": {"total": 12050.5, "promoters_count": 1, "total_incl_tax": 14460.6, "due_date": "2025-04-30", "period_end": "2025-03-31"}
	}`))
	page, resp, err := c.Payouts.GroupByPromoters(context.Background(), &firstpromoter.PayoutGroupListOptions{
		ListParams: firstpromoter.ListParams{PerPage: 1},
		Q:          "jane",
		Filters: firstpromoter.PayoutGroupFilters{
			Status: firstpromoter.PayoutPending, CampaignID: []int64{28004}, MinPayment: sent("5000"), Invoiceable: "true",
		},
		IncludePayoutMethodDetails: true,
	})
	require.NoError(t, err)
	call := ws.only()
	assert.Equal(t, "/api/v2/company/payouts/group_by_promoters", call.Path)
	assert.Equal(t, url.Values{
		"page":                          {"1"},
		"per_page":                      {"1"},
		"q":                             {"jane"},
		"filters[status]":               {"pending"},
		"filters[campaign_id][]":        {"28004"},
		"filters[min_payment]":          {"5000"},
		"filters[invoiceable]":          {"true"},
		"include_payout_method_details": {"true"},
	}, call.Query)
	assert.Equal(t, 2, resp.NextPage, "a full page may have a successor")

	require.Len(t, page.Groups, 1)
	g := page.Groups[0]
	assert.Equal(t, "approved", g.Promoter.InvoiceDetailsStatus)
	require.NotNil(t, g.Promoter.Profile)
	assert.Equal(t, "jane@paypal.example", g.PayoutMethod.Details["email"])
	assert.True(t, g.IsAmountPayable)
	assert.Equal(t, []int64{9001}, g.PayoutIDs)
	assert.Equal(t, "12050.5", g.Amount.String())
	require.Len(t, g.Payouts, 1)
	assert.Equal(t, firstpromoter.PayoutGroupMeta{Total: sent("12050.5"), PromotersCount: 1, TotalInclTax: sent("14460.6"), DueDate: "2025-04-30", PeriodEnd: "2025-03-31"}, page.Meta)

	_, c2 := newTapeServer(t, tapeReply(200, `{"meta": {"total": 0}}`))
	_, _, err = c2.Payouts.GroupByPromoters(context.Background(), nil)
	require.ErrorIs(t, err, firstpromoter.ErrMalformedResponse)
}

func TestPayoutsStats(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(200, `{
		"meta": `+tapePayoutSettingsJSON+`,
		"data": {
			"by_paid_period": [{"period_start": "2025-02-01T00:00:00.000Z", "period_end": "2025-02-28T23:59:59.999Z",
				"promoters_count": 3, "amounts": {"cash": 30000, "points": 120}, "total_incl_tax": 36000}],
			"by_status": {"pending": {"amounts": {"cash": 12050.5}, "total_incl_tax": 14460.6, "promoters_count": 1}},
			"by_payout_method": {"paypal": {"amounts": {"cash": 42050.5}, "total_incl_tax": 50460.6, "promoters_count": 4}}
		}
	}`))
	st, err := c.Payouts.Stats(context.Background(), &firstpromoter.PayoutStatsOptions{
		StatsBy: firstpromoter.PayoutStatsBy{PaidPeriod: true, Status: true, PayoutMethod: true},
		Filters: firstpromoter.PayoutStatsFilters{Status: firstpromoter.PayoutCompleted, CampaignID: []int64{28004}},
	})
	require.NoError(t, err)
	call := ws.only()
	assert.Equal(t, http.MethodGet, call.Method)
	assert.Equal(t, "/api/v2/company/payouts/stats", call.Path)
	assert.Equal(t, url.Values{
		"stats_by[paid_period]":   {"true"},
		"stats_by[status]":        {"true"},
		"stats_by[payout_method]": {"true"},
		"filters[status]":         {"completed"},
		"filters[campaign_id][]":  {"28004"},
	}, call.Query)

	assert.Equal(t, 30, st.Meta.NetPayoutDays)
	assert.Equal(t, "5000", st.Meta.MinPayment.String())
	assert.Equal(t, []string{"paypal", "wise"}, st.Meta.SelectedPayoutMethods)
	require.Len(t, st.Data.ByPaidPeriod, 1)
	pp := st.Data.ByPaidPeriod[0]
	assert.Equal(t, time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), pp.PeriodStart)
	assert.Equal(t, 3, pp.PromotersCount)
	assert.Equal(t, map[string]firstpromoter.Amount{"cash": sent("30000"), "points": sent("120")}, pp.Amounts)
	assert.Equal(t, "14460.6", st.Data.ByStatus["pending"].TotalInclTax.String())
	assert.Equal(t, 4, st.Data.ByPayoutMethod["paypal"].PromotersCount)

	_, err = c.Payouts.Stats(context.Background(), nil)
	require.NoError(t, err)
	assert.Empty(t, ws.Calls()[1].Query)
}

func TestPayoutsDueStats(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(200, `{
		"meta": `+tapePayoutSettingsJSON+`,
		"data": {
			"next": {"promoters_count": 2, "amounts": {"cash": 9000}, "total_incl_tax": 10800, "due_date": "2025-04-30", "period_end": "2025-03-31"},
			"overdue": {"promoters_count": 1, "amounts": {"cash": 500}, "total_incl_tax": 600, "due_date": "2025-03-31", "period_end": "2025-02-28"},
			"custom": {"promoters_count": 0, "amounts": {}, "total_incl_tax": 0}
		}
	}`))
	st, err := c.Payouts.DueStats(context.Background(), &firstpromoter.PayoutDueStatsOptions{
		Q: "jane", Filters: firstpromoter.PayoutStatsFilters{Status: firstpromoter.PayoutPending},
	})
	require.NoError(t, err)
	call := ws.only()
	assert.Equal(t, "/api/v2/company/payouts/due_stats", call.Path)
	assert.Equal(t, url.Values{"q": {"jane"}, "filters[status]": {"pending"}}, call.Query)
	assert.Equal(t, "monthly", st.Meta.PayoutCycle)
	assert.Equal(t, 2, st.Data.Next.PromotersCount)
	assert.Equal(t, "2025-04-30", st.Data.Next.DueDate)
	assert.Equal(t, "600", st.Data.Overdue.TotalInclTax.String())
	assert.Equal(t, "", st.Data.Custom.DueDate)
}

func TestPayoutsCreatePaymentsBatch(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(http.StatusCreated, `{
		"data": {"id": 301, "status": "awaiting_confirmation", "ext_reference": null, "ext_id": null,
			"scheduled_at": "2025-04-26T00:00:00.000Z", "processing_started_at": null, "completed_at": null,
			"is_payable": true, "is_retriable": false, "is_payment_otp_required": true,
			"total": 42050.5, "promoters_count": 4, "error": null},
		"meta": {"failed": [{"promoter_id": 7, "error": "no payout method"}]}
	}`))
	res, err := c.Payouts.CreatePaymentsBatch(context.Background(), &firstpromoter.PaymentsBatchCreateParams{Method: "paypal"})
	require.NoError(t, err)
	assertTapeJSONCall(t, ws.only(), http.MethodPost, "/api/v2/company/payouts/create_payments_batch", `{"method": "paypal"}`)
	require.NotNil(t, res.PaymentsBatch)
	b := res.PaymentsBatch
	assert.Equal(t, int64(301), b.ID)
	assert.Equal(t, "awaiting_confirmation", b.Status)
	require.NotNil(t, b.ScheduledAt)
	assert.Nil(t, b.CompletedAt)
	assert.True(t, b.IsPaymentOTPRequired)
	assert.Equal(t, "42050.5", b.Total.String())
	require.Len(t, res.Meta.Failed, 1)
	assert.Equal(t, "no payout method", res.Meta.Failed[0]["error"])

	_, err = c.Payouts.CreatePaymentsBatch(context.Background(), &firstpromoter.PaymentsBatchCreateParams{})
	require.Error(t, err)
	assert.Len(t, ws.Calls(), 1)

	ws2, c2 := newTapeServer(t, tapeReply(http.StatusCreated, `{"meta": {"failed": []}}`))
	_, err = c2.Payouts.CreatePaymentsBatch(context.Background(), &firstpromoter.PaymentsBatchCreateParams{Method: "bank"})
	require.ErrorIs(t, err, firstpromoter.ErrMalformedResponse)
	var apiErr *firstpromoter.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "/api/v2/company/payouts/create_payments_batch", apiErr.Path)
	assert.Len(t, ws2.Calls(), 1)
}

func TestPayoutsCreatePaymentsBatchNotRetried(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(http.StatusBadGateway, ``))
	_, err := c.Payouts.CreatePaymentsBatch(context.Background(), &firstpromoter.PaymentsBatchCreateParams{Method: "wise"})
	require.ErrorIs(t, err, firstpromoter.ErrServer)
	assert.Len(t, ws.Calls(), 1)
}

func TestPayoutsActions(t *testing.T) {
	envelope := `{"data": ` + tapePendingBatchJSON + `, "meta": {"total": 42050.5, "promoters_count": 4, "total_incl_tax": 50460.6, "all_promoters_count": 9}}`
	tests := []struct {
		name   string
		call   func(*firstpromoter.PayoutsService) (*firstpromoter.PayoutBatchResult, error)
		method string
		path   string
	}{
		{"paid", func(s *firstpromoter.PayoutsService) (*firstpromoter.PayoutBatchResult, error) {
			return s.MarkAsPaid(context.Background(), []int64{1, 2, 3, 4, 5, 6})
		},
			http.MethodPost, "mark_as_paid"},
		{"unpaid", func(s *firstpromoter.PayoutsService) (*firstpromoter.PayoutBatchResult, error) {
			return s.MarkAsUnpaid(context.Background(), []int64{1, 2, 3, 4, 5, 6})
		}, http.MethodPost, "mark_as_unpaid"},
		{"delete", func(s *firstpromoter.PayoutsService) (*firstpromoter.PayoutBatchResult, error) {
			return s.Delete(context.Background(), []int64{1, 2, 3, 4, 5, 6})
		},
			http.MethodDelete, "destroy"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ws, c := newTapeServer(t, tapeReply(http.StatusAccepted, envelope))
			res, err := tt.call(c.Payouts)
			require.NoError(t, err)
			assertTapeJSONCall(t, ws.only(), tt.method, "/api/v2/company/payouts/"+tt.path, `{"ids": [1, 2, 3, 4, 5, 6]}`)
			require.NotNil(t, res.Batch)
			assert.Equal(t, int64(502), res.Batch.ID)
			assert.Equal(t, firstpromoter.BatchPending, res.Batch.Status)
			assert.Equal(t, firstpromoter.PayoutBatchMeta{Total: sent("42050.5"), PromotersCount: 4, TotalInclTax: sent("50460.6"), AllPromotersCount: 9}, res.Meta)
		})
	}
}

func TestPayoutsActionShapes(t *testing.T) {
	t.Run("bare batch", func(t *testing.T) {
		_, c := newTapeServer(t, tapeReply(200, tapeBatchJSON))
		res, err := c.Payouts.MarkAsPaid(context.Background(), []int64{1})
		require.NoError(t, err)
		assert.Equal(t, int64(501), res.Batch.ID)
		assert.Equal(t, firstpromoter.PayoutBatchMeta{}, res.Meta)
	})
	t.Run("object processing errors", func(t *testing.T) {
		_, c := newTapeServer(t, tapeReply(200, `{"data": {"id": 7, "status": "failed", "progress": 100,
			"processing_errors": [{"payout_id": 1, "message": "already paid"}]}}`))
		res, err := c.Payouts.MarkAsPaid(context.Background(), []int64{1})
		require.NoError(t, err)
		assert.Equal(t, firstpromoter.BatchFailed, res.Batch.Status)
		require.Len(t, res.Batch.ProcessingErrors, 1)
		assert.JSONEq(t, `{"payout_id": 1, "message": "already paid"}`, res.Batch.ProcessingErrors[0])
	})
	for name, body := range map[string]string{
		"array":       `[1]`,
		"data string": `{"data": "done"}`,
		"bad json":    `{"data": {"id": 7,`,
		"meta only":   `{"meta": {"total": 10}}`,
	} {
		t.Run(name, func(t *testing.T) {
			_, c := newTapeServer(t, tapeReply(200, body))
			_, err := c.Payouts.MarkAsUnpaid(context.Background(), []int64{1})
			require.ErrorIs(t, err, firstpromoter.ErrMalformedResponse)
		})
	}
	t.Run("no ids", func(t *testing.T) {
		ws, c := newTapeServer(t, tapeReply(200, tapeBatchJSON))
		_, err := c.Payouts.Delete(context.Background(), nil)
		require.Error(t, err)
		assert.Empty(t, ws.Calls())
	})
}

func TestPayoutsMarkAsPaidNotRetriedOn502(t *testing.T) {
	ws, c := newTapeServer(t, tapeReply(http.StatusBadGateway, `{"message": "Bad gateway"}`))
	_, err := c.Payouts.MarkAsPaid(context.Background(), []int64{1})
	require.ErrorIs(t, err, firstpromoter.ErrServer)
	assert.Len(t, ws.Calls(), 1)
}

func TestPayoutsDeleteRetriedOn502(t *testing.T) {
	// DELETE is idempotent, so the transport retries it.
	ws, c := newTapeServer(t, func(w http.ResponseWriter, _ *http.Request, n int) {
		if n == 1 {
			tapeJSON(w, http.StatusBadGateway, ``)
			return
		}
		tapeJSON(w, 200, `{"data": `+tapeBatchJSON+`}`)
	})
	res, err := c.Payouts.Delete(context.Background(), []int64{1})
	require.NoError(t, err)
	assert.Equal(t, firstpromoter.BatchCompleted, res.Batch.Status)
	assert.Len(t, ws.Calls(), 2)
	assert.Len(t, ws.clock.Sleeps(), 1)
}
