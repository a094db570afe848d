package partnerstack_test

import (
	"context"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTransactionsListPagesWithCursor(t *testing.T) {
	c, srv, _ := newVendor(t)
	srv.SeedTransactions(1000)
	srv.ResetRequests()

	txs := collect(t, c.Transactions.List(context.Background()))
	require.Len(t, txs, 1000)

	reqs := srv.Requests()
	require.Len(t, reqs, 4, "1,000 transactions at the default page size of 250")
	for i, r := range reqs {
		q, err := url.ParseQuery(r.Query)
		require.NoError(t, err)
		assert.Equal(t, "/api/v2/transactions", r.Path)
		assert.Equal(t, "250", q.Get("limit"))
		if i == 0 {
			assert.Empty(t, q.Get("starting_after"))
			continue
		}
		assert.Equal(t, txs[i*250-1].Key, q.Get("starting_after"), "page %d continues after the previous page's last key", i+1)
	}
	// Newest first, no duplicates.
	seen := map[string]bool{}
	for i, tx := range txs {
		require.False(t, seen[tx.Key], "duplicate %s", tx.Key)
		seen[tx.Key] = true
		if i > 0 {
			assert.False(t, tx.CreatedAt.After(txs[i-1].CreatedAt))
		}
	}
}

func TestListBreakMakesOneRequest(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	srv.ResetRequests()
	n := 0
	for _, err := range c.Customers.List(context.Background(), &partnerstack.CustomerListOptions{ListParams: partnerstack.ListParams{PerPage: 5}}) {
		require.NoError(t, err)
		n++
		break
	}
	assert.Equal(t, 1, n)
	// The page the caller is on, and at most the one fetched ahead.
	assert.LessOrEqual(t, srv.RequestCount(), 2)

	c0, err := partnerstack.NewClient(partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey),
		partnerstack.WithBaseURL(srv.URL), partnerstack.WithPrefetch(0))
	require.NoError(t, err)
	srv.ResetRequests()
	for _, err := range c0.Customers.List(context.Background(), &partnerstack.CustomerListOptions{ListParams: partnerstack.ListParams{PerPage: 5}}) {
		require.NoError(t, err)
		break
	}
	assert.Equal(t, 1, srv.RequestCount(), "without prefetch, only the caller's page")
}

func TestListPageResumeFromStoredCursor(t *testing.T) {
	c, srv, _ := newVendor(t)
	srv.SeedCustomers(30)
	ctx := context.Background()
	all := collect(t, c.Customers.List(ctx))
	require.Len(t, all, 30)

	page, resp, err := c.Customers.ListPage(ctx, &partnerstack.CustomerListOptions{ListParams: partnerstack.ListParams{PerPage: 12}})
	require.NoError(t, err)
	require.Len(t, page, 12)
	assert.True(t, resp.HasMore)
	assert.Equal(t, page[11].Key, resp.NextCursor)
	require.NotNil(t, resp.Total)
	assert.Equal(t, 30, *resp.Total)
	assert.Equal(t, 200, resp.StatusCode)

	// A sync job stores NextCursor and resumes later.
	stored := resp.NextCursor
	rest := collect(t, c.Customers.List(ctx, &partnerstack.CustomerListOptions{ListParams: partnerstack.ListParams{StartingAfter: stored, PerPage: 10}}))
	require.Len(t, rest, 18)
	assert.Equal(t, all[12].Key, rest[0].Key)
	assert.Equal(t, all[29].Key, rest[17].Key)

	last, resp, err := c.Customers.ListPage(ctx, &partnerstack.CustomerListOptions{ListParams: partnerstack.ListParams{StartingAfter: all[24].Key}})
	require.NoError(t, err)
	assert.Len(t, last, 5)
	assert.False(t, resp.HasMore)
	assert.Empty(t, resp.NextCursor)
}

func TestListBackwardsWithEndingBefore(t *testing.T) {
	c, srv, _ := newVendor(t)
	srv.SeedCustomers(25)
	ctx := context.Background()
	all := collect(t, c.Customers.List(ctx))

	page, resp, err := c.Customers.ListPage(ctx, &partnerstack.CustomerListOptions{ListParams: partnerstack.ListParams{EndingBefore: all[20].Key, PerPage: 5}})
	require.NoError(t, err)
	require.Len(t, page, 5)
	assert.Equal(t, all[15].Key, page[0].Key)
	assert.True(t, resp.HasMore)
	assert.Equal(t, all[15].Key, resp.NextCursor, "backwards, the cursor is the first item's key")

	back := collect(t, c.Customers.List(ctx, &partnerstack.CustomerListOptions{ListParams: partnerstack.ListParams{EndingBefore: all[20].Key, PerPage: 5}}))
	assert.Len(t, back, 20)
}

func TestListOptionsValidatedBeforeSending(t *testing.T) {
	c, srv, _ := newVendor(t)
	ctx := context.Background()
	for name, opts := range map[string]*partnerstack.TransactionListOptions{
		"limit too big":  {ListParams: partnerstack.ListParams{PerPage: 251}},
		"negative limit": {ListParams: partnerstack.ListParams{PerPage: -1}},
		"both cursors":   {ListParams: partnerstack.ListParams{StartingAfter: "a", EndingBefore: "b"}},
	} {
		t.Run(name, func(t *testing.T) {
			_, _, err := c.Transactions.ListPage(ctx, opts)
			require.Error(t, err)
			for _, err := range c.Transactions.List(ctx, opts) {
				require.Error(t, err)
			}
		})
	}
	assert.Zero(t, srv.RequestCount())
}

func TestListSendsFiltersAsEpochMillis(t *testing.T) {
	// The demo transactions are dated back from the fake's clock: ask for
	// the two weeks before the last five days.
	day := time.Date(2026, time.January, 15, 9, 30, 0, 0, time.UTC)
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData(), partnerstacktest.WithClock(func() time.Time { return day }))
	to := day.AddDate(0, 0, -5).Truncate(24 * time.Hour)
	from := to.AddDate(0, 0, -14)
	srv.ResetRequests()
	got := collect(t, c.Transactions.List(context.Background(), &partnerstack.TransactionListOptions{
		MinCreated: from, MaxCreated: to, OrderBy: partnerstack.OrderCreatedAt,
	}))
	require.NotEmpty(t, got)
	for i, tx := range got {
		assert.False(t, tx.CreatedAt.Before(from) || tx.CreatedAt.After(to))
		if i > 0 {
			assert.False(t, tx.CreatedAt.Before(got[i-1].CreatedAt), "ascending order")
		}
	}
	q, _ := url.ParseQuery(srv.Requests()[0].Query)
	assert.Equal(t, strconv.FormatInt(from.UnixMilli(), 10), q.Get("min_created"))
	assert.Equal(t, strconv.FormatInt(to.UnixMilli(), 10), q.Get("max_created"))
	assert.Equal(t, "created_at", q.Get("order_by"))
}

func TestListOptionsAreNotModified(t *testing.T) {
	c, srv, _ := newVendor(t)
	srv.SeedCustomers(12)
	opts := &partnerstack.CustomerListOptions{ListParams: partnerstack.ListParams{PerPage: 5}}
	got := collect(t, c.Customers.List(context.Background(), opts))
	assert.Len(t, got, 12)
	assert.Equal(t, partnerstack.CustomerListOptions{ListParams: partnerstack.ListParams{PerPage: 5}}, *opts)
}

func TestCursorThatDoesNotAdvanceIsAnError(t *testing.T) {
	c, srv, _ := newVendor(t)
	srv.SeedCustomers(3)
	page, _, err := c.Customers.ListPage(context.Background(), &partnerstack.CustomerListOptions{ListParams: partnerstack.ListParams{PerPage: 1}})
	require.NoError(t, err)
	// The server answers every request with the same first page.
	body := `{"data":{"has_more":true,"items":[{"key":"` + page[0].Key + `","created_at":1784100202000}]},"message":"ok","status":200}`
	srv.Inject(5, partnerstacktest.Fault{Body: body})
	srv.ResetRequests()
	var errs []error
	n := 0
	for _, err := range c.Customers.List(context.Background(), &partnerstack.CustomerListOptions{ListParams: partnerstack.ListParams{PerPage: 1}}) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		n++
	}
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], partnerstack.ErrMalformedResponse)
	assert.Equal(t, 1, n)
	assert.Equal(t, 2, srv.RequestCount())

	// A page whose last key is the cursor it was asked to start after.
	srv.Inject(1, partnerstacktest.Fault{Body: body})
	_, _, err = c.Customers.ListPage(context.Background(), &partnerstack.CustomerListOptions{ListParams: partnerstack.ListParams{StartingAfter: page[0].Key}})
	assert.ErrorIs(t, err, partnerstack.ErrMalformedResponse)
}

func TestListShapeErrors(t *testing.T) {
	ctx := context.Background()
	for name, body := range map[string]string{
		"no data":          `{"message":"ok","status":200}`,
		"no items":         `{"data":{"has_more":false},"message":"ok","status":200}`,
		"items not a list": `{"data":{"has_more":false,"items":{}},"message":"ok","status":200}`,
		"bad timestamp":    `{"data":{"has_more":false,"items":[{"key":"tx1","created_at":"yesterday"}]},"status":200}`,
		"more without key": `{"data":{"has_more":true,"items":[{"amount":100}]},"status":200}`,
		"html":             `<html><body>Bad gateway</body></html>`,
	} {
		t.Run(name, func(t *testing.T) {
			c, srv, _ := newVendor(t)
			// A read whose body does not decode is retried: every attempt
			// gets the same body.
			srv.Inject(5, partnerstacktest.Fault{Body: body})
			_, _, err := c.Transactions.ListPage(ctx, nil)
			require.ErrorIs(t, err, partnerstack.ErrMalformedResponse)
			assert.Contains(t, err.Error(), "/api/v2/transactions")
		})
	}
}
