package partnerstack_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestTransactionCreateRoundTripsCreatedAt(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()
	customer := srv.Customers()[3]
	at := time.Date(2025, 11, 3, 14, 5, 9, 431_000_000, time.UTC)

	tx, err := c.Transactions.Create(ctx, &partnerstack.TransactionCreateParams{
		CustomerExternalKey: *customer.CustomerKey, Amount: cents(12900), Currency: "EUR", Key: "inv_2025_11_0042",
		CategoryKey: "subscription", Metadata: map[string]string{"plan": "growth"}, CreatedAt: at,
	})
	require.NoError(t, err)
	assert.Equal(t, "inv_2025_11_0042", tx.Key)
	assert.Equal(t, "129.00 EUR", fmt.Sprint(tx.Amount))
	assert.Equal(t, "EUR", tx.Currency)
	assert.Equal(t, "139.32 USD", fmt.Sprint(tx.AmountUSD))
	assert.True(t, at.Equal(tx.CreatedAt))

	var body map[string]any
	reqs := srv.Requests()
	require.NoError(t, json.Unmarshal(reqs[len(reqs)-1].Body, &body))
	assert.Equal(t, float64(at.UnixMilli()), body["created_at"], "sent as epoch milliseconds")

	var found *partnerstack.Transaction
	for tx, err := range c.Transactions.List(ctx, &partnerstack.TransactionListOptions{MinCreated: at, MaxCreated: at}) {
		require.NoError(t, err)
		found = tx
	}
	require.NotNil(t, found)
	assert.Equal(t, "inv_2025_11_0042", found.Key)
	assert.True(t, at.Equal(found.CreatedAt), "listed back with the same millisecond")
	assert.Equal(t, partnerstack.Ptr(customer.Key), found.Customer.Key)

	// The fake pays the demo offer's reward on it.
	var reward *partnerstack.Reward
	for r, err := range c.Rewards.List(ctx, &partnerstack.RewardListOptions{CustomerKey: customer.Key}) {
		require.NoError(t, err)
		if r.Source != nil && r.Source.Key == tx.Key {
			reward = r
		}
	}
	require.NotNil(t, reward)
	assert.Equal(t, "27.86", reward.Amount.String())
}

func TestTransactionCreateNeedsExactlyOneCustomerIdentifier(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	srv.ResetRequests()
	ctx := context.Background()
	for name, p := range map[string]*partnerstack.TransactionCreateParams{
		"none":         {Amount: cents(100), Currency: "USD"},
		"two":          {CustomerKey: "cus_1", CustomerEmail: "a@b.example", Amount: cents(100), Currency: "USD"},
		"three":        {CustomerKey: "cus_1", CustomerExternalKey: "x", CustomerEmail: "a@b.example", Amount: cents(100), Currency: "USD"},
		"currency":     {CustomerKey: "cus_1", Amount: cents(100), Currency: "US"},
		"amount":       {CustomerKey: "cus_1", Amount: cents(50_000_000_001), Currency: "USD"},
		"short key":    {CustomerKey: "cus_1", Amount: cents(100), Currency: "USD", Key: "abc"},
		"metadata key": {CustomerKey: "cus_1", Amount: cents(100), Currency: "USD", Metadata: map[string]string{"a_name_that_is_longer_than_thirty": "x"}},
		"nil":          nil,
	} {
		t.Run(name, func(t *testing.T) {
			_, err := c.Transactions.Create(ctx, p)
			require.Error(t, err)
		})
	}
	assert.Zero(t, srv.RequestCount(), "rejected before sending")
}

func TestTransactionDeleteAndPartnerView(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()
	first, _, err := c.Transactions.ListPage(ctx, &partnerstack.TransactionListOptions{ListParams: partnerstack.ListParams{PerPage: 1}})
	require.NoError(t, err)
	require.NoError(t, c.Transactions.Delete(ctx, first[0].Key))
	next, _, err := c.Transactions.ListPage(ctx, &partnerstack.TransactionListOptions{ListParams: partnerstack.ListParams{PerPage: 1}})
	require.NoError(t, err)
	assert.NotEqual(t, first[0].Key, next[0].Key)
	assert.ErrorIs(t, c.Transactions.Delete(ctx, first[0].Key), partnerstack.ErrNotFound)
	assert.Error(t, c.Transactions.Delete(ctx, ""))

	// The vendor sees its own fields; the partner only its partnership's
	// transactions, with the company.
	assert.True(t, next[0].Approved)
	assert.NotEmpty(t, next[0].CustomerKey)
	assert.Nil(t, next[0].Company)
	p := newPartner(t, srv)
	for tx, err := range p.Transactions.List(ctx) {
		require.NoError(t, err)
		assert.Equal(t, partnerstacktest.PartnerPartnershipKey, tx.PartnershipKey)
		require.NotNil(t, tx.Company)
		assert.Equal(t, partnerstacktest.CompanyKey, tx.Company.Key)
		assert.Empty(t, tx.CustomerKey)
	}
}
