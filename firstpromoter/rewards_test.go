package firstpromoter_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

func mustAmount(t *testing.T, text string) firstpromoter.Amount {
	t.Helper()
	a, err := firstpromoter.ParseAmount(text, "")
	require.NoError(t, err)
	return a
}

func TestRewardsAgainstFake(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newFakeClient(t, nil)
	yes, no := true, false

	created, err := c.Rewards.Create(ctx, &firstpromoter.RewardParams{
		Name: "12.5% of sales", IsPromoterReward: &yes, PromoterRewardType: "sale",
		Schemas: []*firstpromoter.RewardSchema{{
			Unit: firstpromoter.RewardCash, Amount: mustAmount(t, "12.5"),
			Rules: []*firstpromoter.RewardRule{{Type: "customer_sales_count", Condition: "less than", Value: mustAmount(t, "3"), Operator: "and"}},
		}},
	})
	require.NoError(t, err)
	require.NotZero(t, created.ID)
	require.Len(t, created.Schemas, 1)
	assert.Equal(t, "12.5", created.Schemas[0].Amount.String(), "a fractional amount passes both ways exactly")
	assert.Equal(t, "3", created.Schemas[0].Rules[0].Value.String())
	assert.Nil(t, created.Schemas[0].Rules[0].FilterBy)

	coupon, err := c.Rewards.Create(ctx, &firstpromoter.RewardParams{
		Name: "3 months 20% off", IsPromoterReward: &no, Coupon: "SPRING", Duration: "repeating", DurationInMonths: 3,
		Schemas: []*firstpromoter.RewardSchema{{Unit: firstpromoter.RewardDiscountPer, Amount: mustAmount(t, "20")}},
	})
	require.NoError(t, err)
	require.NotNil(t, coupon.DurationInMonths)
	assert.Equal(t, int64(3), *coupon.DurationInMonths)

	names := func(opts *firstpromoter.RewardListOptions) []int64 {
		var ids []int64
		for r, err := range c.Rewards.List(ctx, opts) {
			require.NoError(t, err)
			ids = append(ids, r.ID)
		}
		return ids
	}
	cases := []struct {
		name string
		opts *firstpromoter.RewardListOptions
		want []int64
	}{
		{"all", nil, []int64{201, 202, 203, 204, created.ID, coupon.ID}},
		{"promoters", &firstpromoter.RewardListOptions{Scope: firstpromoter.RewardScopePromoters}, []int64{201, 202, 203, created.ID}},
		{"referrals", &firstpromoter.RewardListOptions{Scope: firstpromoter.RewardScopeReferrals}, []int64{204, coupon.ID}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, names(tc.opts)) })
	}

	updated, err := c.Rewards.Update(ctx, created.ID, &firstpromoter.RewardParams{Name: "15% of sales", MaxRedemptions: 10})
	require.NoError(t, err)
	assert.Equal(t, "15% of sales", updated.Name)
	assert.Equal(t, "12.5", updated.Schemas[0].Amount.String(), "fields left out are unchanged")
	require.NotNil(t, updated.MaxRedemptions)

	// A created reward is usable where reward ids are taken.
	srv.SeedPromoters(1)
	pc := srv.PromoterCampaigns()[0]
	code, err := c.PromoCodes.Create(ctx, &firstpromoter.PromoCodeCreateParams{Code: "SPRING", RewardID: coupon.ID, PromoterCampaignID: pc.ID})
	require.NoError(t, err)
	assert.Equal(t, "3 months 20% off", code.Reward.Name)

	require.NoError(t, c.Rewards.Hide(ctx, coupon.ID))
	assert.Equal(t, []int64{204}, names(&firstpromoter.RewardListOptions{Scope: firstpromoter.RewardScopeReferrals}), "hidden rewards leave the list")
	assert.ErrorIs(t, c.Rewards.Hide(ctx, 999999), firstpromoter.ErrNotFound)
}

func TestRewardsValidateAndDoNotRetryWrites(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newFakeClient(t, nil, firstpromoter.WithMaxRetries(3))
	yes := true
	for _, p := range []*firstpromoter.RewardParams{nil, {Name: "x"}, {Name: "x", IsPromoterReward: &yes}} {
		_, err := c.Rewards.Create(ctx, p)
		assert.Error(t, err)
	}
	assert.Zero(t, srv.RequestCount())

	for _, call := range []func() error{
		func() error { return c.Rewards.Hide(ctx, 201) },
		func() error {
			_, err := c.Rewards.Create(ctx, &firstpromoter.RewardParams{Name: "x", IsPromoterReward: &yes, Schemas: []*firstpromoter.RewardSchema{{Unit: firstpromoter.RewardCash}}})
			return err
		},
	} {
		srv.ResetRequests()
		srv.Inject(1, firstpromotertest.Fault{Status: http.StatusBadGateway})
		assert.ErrorIs(t, call(), firstpromoter.ErrServer)
		assert.Equal(t, 1, srv.RequestCount(), "a POST that may have reached the server is not repeated")
	}
	srv.ResetRequests()
	srv.Inject(1, firstpromotertest.Fault{Status: http.StatusBadGateway})
	_, _, err := c.Rewards.ListPage(ctx, nil)
	require.NoError(t, err)
	assert.Equal(t, 2, srv.RequestCount(), "a list is retried")
}
