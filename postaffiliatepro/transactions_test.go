package postaffiliatepro_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	pt "github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

func TestTransactionsListFilters(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, srvOpts(pt.WithDemoData()))
	all := f.srv.Transactions()

	collect := func(opts *postaffiliatepro.TransactionListOptions) []*postaffiliatepro.Transaction {
		t.Helper()
		var out []*postaffiliatepro.Transaction
		for tx, err := range f.client.Transactions.List(ctx, opts) {
			require.NoError(t, err)
			out = append(out, tx)
		}
		return out
	}

	byData := collect(&postaffiliatepro.TransactionListOptions{Data1: all[9].Data1})
	require.Len(t, byData, 1)
	assert.Equal(t, all[9].ID, byData[0].ID)

	byID := collect(&postaffiliatepro.TransactionListOptions{ID: all[2].ID})
	require.Len(t, byID, 1)
	assert.Equal(t, all[2].OrderID, byID[0].OrderID)

	actions := collect(&postaffiliatepro.TransactionListOptions{Q: "action_code:trial"})
	require.NotEmpty(t, actions)
	for _, tx := range actions {
		assert.Equal(t, postaffiliatepro.TypeAction, tx.Type)
		assert.Equal(t, "TRIAL", tx.ActionCode)
	}

	refunds := collect(&postaffiliatepro.TransactionListOptions{Q: "refund of order"})
	require.NotEmpty(t, refunds, "free text searches the system note")
	for _, tx := range refunds {
		assert.Equal(t, postaffiliatepro.TypeRefund, tx.Type)
		assert.Equal(t, -1, tx.Commission.Sign())
	}

	slim := collect(&postaffiliatepro.TransactionListOptions{Fields: []string{"commission", "status"}, ListParams: postaffiliatepro.ListParams{PerPage: 100}})
	require.Len(t, slim, 60)
	assert.False(t, slim[0].Commission.IsZero())
	assert.Empty(t, slim[0].OrderID)

	last := f.srv.Requests()[f.srv.RequestCount()-1]
	q, err := url.ParseQuery(last.Query)
	require.NoError(t, err)
	assert.Equal(t, "commission,status", q.Get("fields"))
	assert.False(t, q.Has("id") || q.Has("data1"), "empty filters are not sent")

	_, _, err = f.client.Transactions.ListPage(ctx, &postaffiliatepro.TransactionListOptions{Q: "colour:red"})
	require.ErrorIs(t, err, postaffiliatepro.ErrInvalidRequest)
	assert.Contains(t, err.Error(), `unknown search field "colour"`)
}

func TestTransactionsGet(t *testing.T) {
	f := newFixture(t, srvOpts(pt.WithDemoData()))
	want := f.srv.Transactions()[5] // i=6: an action
	tx, err := f.client.Transactions.Get(context.Background(), want.ID)
	require.NoError(t, err)
	assert.Equal(t, want.ID, tx.ID)
	assert.Equal(t, postaffiliatepro.TypeAction, tx.Type)
	assert.Equal(t, want.ActionCode, tx.ActionCode)
	requireSameValue(t, want.Commission, tx.Commission)
	assert.Equal(t, "USD", tx.Commission.Currency(), "the record's currency")
	assert.Equal(t, int64(1), tx.Tier)
	assert.Equal(t, want.SystemNote, tx.SystemNote)
	assert.Equal(t, want.Data1, tx.Data1)
	assert.Equal(t, want.CreatedAt, tx.CreatedAt)

	_, err = f.client.Transactions.Get(context.Background(), "missing0")
	require.ErrorIs(t, err, postaffiliatepro.ErrNotFound)
	assert.Contains(t, err.Error(), `Transaction "missing0" not found`)
}

func TestTransactionsCreate(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, srvOpts(pt.WithDemoData()))
	aff := f.srv.Affiliates()[0]
	camp := f.srv.Campaigns()[1] // 15%

	tx, err := f.client.Transactions.Create(ctx, &postaffiliatepro.TransactionCreateParams{
		AffiliateID: aff.ID, CampaignID: camp.ID, TotalCost: amount(t, "200"), OrderID: "ORD-9001",
		Currency: "EUR", Data1: "cust-9001", MerchantNote: "phone order",
	})
	require.NoError(t, err)
	assert.Equal(t, postaffiliatepro.TypeSale, tx.Type)
	assert.Equal(t, postaffiliatepro.StatusPending, tx.Status)
	assert.Equal(t, postaffiliatepro.PayoutUnpaid, tx.PayoutStatus)
	assert.Equal(t, "30", tx.Commission.String(), "15% of 200, as sent")
	assert.Equal(t, "30 EUR", fmt.Sprint(tx.Commission))
	assert.Equal(t, "200", tx.TotalCost.String())
	assert.Equal(t, "EUR", tx.Currency)
	assert.Equal(t, aff.ID, tx.AffiliateID)
	assert.Equal(t, testStart, tx.CreatedAt)
	assert.JSONEq(t, `{"affiliate_id":"`+aff.ID+`","campaign_id":"`+camp.ID+`","total_cost":200,
		"order_id":"ORD-9001","currency":"EUR","merchant_note":"phone order","data1":"cust-9001"}`,
		string(f.srv.Requests()[0].Body))

	custom := amount(t, "12.5")
	bonus, err := f.client.Transactions.Create(ctx, &postaffiliatepro.TransactionCreateParams{
		AffiliateID: aff.ID, Type: postaffiliatepro.TypeExtraBonus, Commission: &custom, Status: postaffiliatepro.StatusApproved,
	})
	require.NoError(t, err)
	assert.Equal(t, postaffiliatepro.TypeExtraBonus, bonus.Type)
	assert.Equal(t, "12.5", bonus.Commission.String())
	assert.Empty(t, bonus.CampaignID)
	require.NotNil(t, bonus.ApprovedAt)

	stored := f.srv.Transactions()
	assert.Equal(t, bonus.ID, stored[len(stored)-1].ID)
	got, err := f.client.Transactions.Get(ctx, tx.ID)
	require.NoError(t, err)
	assert.Equal(t, "phone order", got.MerchantNote)
}

func TestTransactionsCreateValidation(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, srvOpts(pt.WithDemoData()))
	aff := f.srv.Affiliates()[0].ID
	tests := []struct {
		name   string
		params *postaffiliatepro.TransactionCreateParams
		want   string
	}{
		{"unknown affiliate", &postaffiliatepro.TransactionCreateParams{AffiliateID: "nobody00", TotalCost: amount(t, "10")}, "affiliate_id: Affiliate does not exist"},
		{"refund cannot be created", &postaffiliatepro.TransactionCreateParams{AffiliateID: aff, Type: postaffiliatepro.TypeRefund}, "type: Type must be one of"},
		{"bonus without amount", &postaffiliatepro.TransactionCreateParams{AffiliateID: aff, Type: postaffiliatepro.TypeSignupBonus}, "commission: Commission is required for a bonus"},
		{"bad currency", &postaffiliatepro.TransactionCreateParams{AffiliateID: aff, Currency: "euro"}, "three-letter"},
		{"negative total", &postaffiliatepro.TransactionCreateParams{AffiliateID: aff, TotalCost: amount(t, "-5")}, "must not be negative"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.client.Transactions.Create(ctx, tt.params)
			require.ErrorIs(t, err, postaffiliatepro.ErrInvalidRequest)
			var apiErr *postaffiliatepro.Error
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, http.StatusUnprocessableEntity, apiErr.StatusCode)
			assert.Contains(t, apiErr.Message, tt.want)
		})
	}
	n := f.srv.RequestCount()
	_, err := f.client.Transactions.Create(ctx, &postaffiliatepro.TransactionCreateParams{AffiliateID: aff, Type: postaffiliatepro.TypeAction})
	require.ErrorContains(t, err, "needs ActionCode")
	_, err = f.client.Transactions.Create(ctx, &postaffiliatepro.TransactionCreateParams{})
	require.ErrorContains(t, err, "AffiliateID is required")
	assert.Equal(t, n, f.srv.RequestCount())
}

func TestTransactionsUpdate(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, srvOpts(pt.WithDemoData()))
	var pending pt.Transaction
	for _, tx := range f.srv.Transactions() {
		if tx.Status == "P" && tx.Type == "S" {
			pending = tx
			break
		}
	}
	require.NotEmpty(t, pending.ID)
	tx, err := f.client.Transactions.Update(ctx, pending.ID, &postaffiliatepro.TransactionUpdateParams{
		OrderID: "ORD-FIXED", Type: postaffiliatepro.TypeRecurring, Status: postaffiliatepro.StatusApproved, Data3: "renewal", MerchantNote: "checked",
	})
	require.NoError(t, err)
	assert.Equal(t, "ORD-FIXED", tx.OrderID)
	assert.Equal(t, postaffiliatepro.TypeRecurring, tx.Type)
	assert.Equal(t, postaffiliatepro.StatusApproved, tx.Status)
	assert.Equal(t, "renewal", tx.Data3)
	requireSameValue(t, pending.Commission, tx.Commission, "untouched")

	req := f.srv.Requests()[0]
	assert.Equal(t, http.MethodPatch, req.Method)
	var body map[string]any
	require.NoError(t, json.Unmarshal(req.Body, &body))
	assert.Equal(t, map[string]any{"order_id": "ORD-FIXED", "type": "U", "status": "A", "data3": "renewal", "merchant_note": "checked"}, body)

	stored := f.srv.Transactions()
	for _, s := range stored {
		if s.ID == pending.ID {
			assert.Equal(t, "ORD-FIXED", s.OrderID)
		}
	}

	_, err = f.client.Transactions.Update(ctx, pending.ID, &postaffiliatepro.TransactionUpdateParams{Status: "X"})
	require.ErrorIs(t, err, postaffiliatepro.ErrInvalidRequest)
	_, err = f.client.Transactions.Update(ctx, "missing0", nil)
	require.ErrorIs(t, err, postaffiliatepro.ErrNotFound)
}

func TestLegacyWireStyleEndToEnd(t *testing.T) {
	// Numbers as strings and zone-less server-local dates, read in the
	// account's time zone.
	la, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	f := newFixture(t, srvOpts(pt.WithDemoData(), pt.WithStringNumbers(), pt.WithDates(time.DateTime, la), pt.WithTotalKey("count")),
		postaffiliatepro.WithTimezone(la))
	want := f.srv.Transactions()
	n := 0
	for tx, err := range f.client.Transactions.List(context.Background(), &postaffiliatepro.TransactionListOptions{ListParams: postaffiliatepro.ListParams{PerPage: 25}}) {
		require.NoError(t, err)
		// Strings with two decimals: the text is kept as sent.
		assert.Equal(t, want[n].Commission.String(), tx.Commission.String())
		assert.Equal(t, want[n].TotalCost.String(), tx.TotalCost.String())
		assert.True(t, want[n].CreatedAt.Equal(tx.CreatedAt), "%s vs %s", want[n].CreatedAt, tx.CreatedAt)
		n++
	}
	assert.Equal(t, 60, n)
	assert.Equal(t, 3, f.srv.RequestCount(), "the string count of 60 ends the list")
}
