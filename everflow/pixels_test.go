package everflow_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
)

func TestPixelsCRUD(t *testing.T) {
	srv, c, _ := demo(t)
	ctx := context.Background()
	n := 0
	for p, err := range c.Pixels.List(ctx) {
		require.NoError(t, err)
		assert.NotZero(t, p.NetworkPixelID)
		n++
	}
	assert.Equal(t, 16, n)

	created, err := c.Pixels.Create(ctx, &PixelCreateParams{
		NetworkAffiliateID: 5, NetworkOfferID: 3, DeliveryMethod: DeliveryPostback, PixelLevel: PixelSpecific,
		PixelStatus: PixelActive, PixelType: PixelConversion, PostbackURL: "https://ember.example/pb?tid={transaction_id}",
		DelayMS: 2000,
	})
	require.NoError(t, err)
	assert.Equal(t, int64(17), created.NetworkPixelID)
	assert.Equal(t, "Ember Media", created.Relationship.Affiliate.Name)

	got, err := c.Pixels.Get(ctx, created.NetworkPixelID)
	require.NoError(t, err)
	p := got.UpdateParams()
	p.PixelStatus = PixelInactive
	updated, err := c.Pixels.Update(ctx, got.NetworkPixelID, p)
	require.NoError(t, err)
	assert.Equal(t, PixelInactive, updated.PixelStatus)
	assert.Equal(t, 2000, updated.DelayMS)
	assert.Equal(t, PixelInactive, srv.Pixels()[16].PixelStatus)

	var found []int64
	for p, err := range c.Pixels.Search(ctx, &PixelSearchOptions{Filters: map[string]any{"network_affiliate_id": 5}}) {
		require.NoError(t, err)
		found = append(found, p.NetworkPixelID)
	}
	assert.Contains(t, found, int64(17))

	_, err = c.Pixels.Create(ctx, &PixelCreateParams{DeliveryMethod: DeliveryPostback, PixelLevel: PixelGlobal, PixelStatus: PixelActive, PixelType: PixelConversion, DelayMS: MaxPixelDelay + 1})
	assert.ErrorContains(t, err, "DelayMS")
	_, err = c.Pixels.Update(ctx, 1, &PixelUpdateParams{})
	assert.ErrorContains(t, err, "required")
}
