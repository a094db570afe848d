package partnerstack_test

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRewardsListAndCreate(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()
	all := collect(t, c.Rewards.List(ctx))
	require.Len(t, all, 90)
	r := all[0]
	assert.Positive(t, r.Amount.Sign())
	assert.Equal(t, "USD", r.Amount.Currency())
	require.NotNil(t, r.Transaction)
	assert.Equal(t, centsIn(t, r.Amount), (centsIn(t, r.Transaction.AmountUSD)*20+50)/100, "20%% of the transaction in US cents")
	require.NotNil(t, r.Partnership, "the Vendor API adds the partnership")
	assert.NotEmpty(t, r.Partnership.Email)
	require.NotNil(t, r.Company)
	assert.Equal(t, int64(partnerstacktest.CompanyID), r.Company.ID)

	paid := collect(t, c.Rewards.List(ctx, &partnerstack.RewardListOptions{PaymentStatus: partnerstack.PaymentWithdrawn}))
	require.NotEmpty(t, paid)
	for _, p := range paid {
		assert.True(t, p.Withdrawn)
		require.NotNil(t, p.PayoutID)
		assert.NotZero(t, *p.PayoutID)
		require.NotNil(t, p.PaymentDate)
	}
	byAmount := collect(t, c.Rewards.List(ctx, &partnerstack.RewardListOptions{OrderBy: partnerstack.OrderAmountDesc}))
	for i := 1; i < len(byAmount); i++ {
		cmp, err := byAmount[i].Amount.Cmp(byAmount[i-1].Amount)
		require.NoError(t, err)
		assert.LessOrEqual(t, cmp, 0)
	}

	customer := srv.Customers()[0]
	bonus, err := c.Rewards.Create(ctx, &partnerstack.RewardCreateParams{
		Amount: cents(5000), Description: "Launch bonus", Target: &partnerstack.RewardTarget{Key: customer.Key, Type: "customer"},
	})
	require.NoError(t, err)
	assert.Equal(t, "50.00", bonus.Amount.String())
	assert.Equal(t, "50.00 USD", fmt.Sprint(bonus.Amount))
	assert.Equal(t, "Launch bonus", bonus.Description)
	assert.Equal(t, partnerstack.Ptr(customer.PartnershipKey), bonus.PartnershipKey)

	byPartner, err := c.Rewards.Create(ctx, &partnerstack.RewardCreateParams{Amount: cents(2500), PartnerKey: partnerstacktest.PartnerPartnerKey})
	require.NoError(t, err)
	assert.Equal(t, partnerstack.Ptr(partnerstacktest.PartnerPartnershipKey), byPartner.PartnershipKey)

	for name, p := range map[string]*partnerstack.RewardCreateParams{
		"zero":      {Amount: cents(0), PartnerKey: "x"},
		"too large": {Amount: cents(100_000_001), PartnerKey: "x"},
		"no target": {Amount: cents(100)},
		"null":      {Amount: money.Null(), PartnerKey: "x"},
		"sub-cent":  {Amount: mustParse("0.125", ""), PartnerKey: "x"},
		"euros":     {Amount: mustParse("10", "EUR"), PartnerKey: "x"},
	} {
		_, err := c.Rewards.Create(ctx, p)
		assert.Error(t, err, name)
	}
}

func TestActionsRecordListArchive(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()
	require.Len(t, collect(t, c.Actions.List(ctx)), 40)
	signUps := collect(t, c.Actions.List(ctx, &partnerstack.ActionListOptions{ActionType: "sign_up"}))
	require.NotEmpty(t, signUps)
	for _, a := range signUps {
		assert.Equal(t, "sign_up", a.Type)
	}

	customer := srv.Customers()[1]
	a, err := c.Actions.Create(ctx, &partnerstack.ActionCreateParams{
		TargetType: partnerstack.TargetCustomer, TargetKey: customer.Key, Type: "report_export", Value: 3, ExternalKey: "evt_77",
	})
	require.NoError(t, err)
	assert.Equal(t, int64(3), a.Value)
	assert.Equal(t, partnerstack.Ptr(customer.Key), a.Customer.Key)
	assert.Equal(t, "evt_77", a.ExternalKey)

	mine := collect(t, c.Actions.List(ctx, &partnerstack.ActionListOptions{PartnershipKey: customer.PartnershipKey}))
	assert.Equal(t, a.Key, mine[0].Key)

	_, err = c.Actions.Create(ctx, &partnerstack.ActionCreateParams{TargetType: "team", TargetKey: "x", Type: "a_b", Value: 1})
	assert.Error(t, err)
	_, err = c.Actions.Create(ctx, &partnerstack.ActionCreateParams{TargetType: partnerstack.TargetPartnership, TargetKey: "part_missing", Type: "a_b", Value: 1})
	assert.ErrorIs(t, err, partnerstack.ErrNotFound)

	require.NoError(t, c.Actions.Archive(ctx, a.Key))
	assert.ErrorIs(t, c.Actions.Archive(ctx, a.Key), partnerstack.ErrNotFound)
}

func TestRewardNullsFromTheFake(t *testing.T) {
	c, srv, _ := newVendor(t)
	ctx := context.Background()
	srv.AddReward(partnerstacktest.Reward{PartnershipKey: partnerstacktest.PartnerPartnershipKey})
	all := collect(t, c.Rewards.List(ctx))
	require.Len(t, all, 1)
	r := all[0]
	assert.True(t, r.Amount.IsNull(), "a null amount is not 0")
	assert.Nil(t, r.PayoutID)
	assert.Nil(t, r.PaymentStatus)
	assert.Nil(t, r.RewardStatus)
}

// The ids and codes PartnerStack documents as nullable keep null apart
// from "".
func TestRewardNullIDsFromTheFake(t *testing.T) {
	c, srv, _ := newVendor(t)
	ctx := context.Background()
	srv.AddCustomer(partnerstacktest.Customer{Key: "cus_null", PartnershipKey: partnerstacktest.PartnerPartnershipKey})
	srv.AddTransaction(partnerstacktest.Transaction{Key: "tx_null", CustomerKey: "cus_null", Amount: mustParse("1.00", "USD"), Currency: "USD"})
	srv.AddReward(partnerstacktest.Reward{
		Amount: partnerstack.Ptr(mustParse("0.20", "USD")), CustomerKey: "cus_null", TransactionKey: "tx_null",
		Source: &partnerstacktest.RewardSource{Key: "tx_null"},
	})
	all := collect(t, c.Rewards.List(ctx))
	require.Len(t, all, 1)
	r := all[0]
	assert.Nil(t, r.PartnershipKey, "a null partnership_key is not \"\"")
	assert.Nil(t, r.Currency)
	assert.Nil(t, r.CreationSource)
	require.NotNil(t, r.Source)
	assert.Nil(t, r.Source.Type)
	require.NotNil(t, r.Customer)
	assert.Equal(t, partnerstack.Ptr("cus_null"), r.Customer.Key)
	assert.Nil(t, r.Customer.SharedID)
	assert.Nil(t, r.Customer.ExternalKey)
	require.NotNil(t, r.Transaction)
	assert.Nil(t, r.Transaction.CategoryKey)
	assert.Nil(t, r.Transaction.ProductKey)

	b, err := json.Marshal(r)
	require.NoError(t, err)
	var back map[string]any
	require.NoError(t, json.Unmarshal(b, &back))
	for _, k := range []string{"partnership_key", "currency", "creation_source"} {
		assert.Contains(t, back, k)
		assert.Nil(t, back[k], k)
	}
}
