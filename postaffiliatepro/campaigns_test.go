package postaffiliatepro_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	pt "github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

func TestCampaignsListAndGet(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, srvOpts(pt.WithDemoData(), pt.WithEnvelope(pt.EnvelopeDataResource)))
	want := f.srv.Campaigns()

	var got []*postaffiliatepro.Campaign
	for c, err := range f.client.Campaigns.List(ctx) {
		require.NoError(t, err)
		got = append(got, c)
	}
	require.Len(t, got, len(want))
	assert.Equal(t, "Default Campaign", got[0].Name)
	assert.Equal(t, "active", got[0].Status)
	assert.Equal(t, want[2].Type, got[2].Type)
	assert.Equal(t, int64(want[0].CookieLifetime), got[0].CookieLifetime)
	assert.Equal(t, want[0].URL, got[0].URL)

	c, err := f.client.Campaigns.Get(ctx, want[1].ID)
	require.NoError(t, err)
	assert.Equal(t, "Spring Promo", c.Name)
	assert.Equal(t, want[1].CreatedAt, c.CreatedAt)

	_, err = f.client.Campaigns.Get(ctx, "nocamp00")
	require.ErrorIs(t, err, postaffiliatepro.ErrNotFound)

	var found []string
	for c, err := range f.client.Campaigns.List(ctx, &postaffiliatepro.CampaignListOptions{Q: "promo"}) {
		require.NoError(t, err)
		found = append(found, c.Name)
	}
	assert.Equal(t, []string{"Spring Promo"}, found)
}

func TestBannersList(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, srvOpts(pt.WithDemoData(), pt.WithEnvelope(pt.EnvelopeResults)))
	want := f.srv.Banners()

	var got []*postaffiliatepro.Banner
	for b, err := range f.client.Banners.List(ctx, &postaffiliatepro.BannerListOptions{ListParams: postaffiliatepro.ListParams{PerPage: 5}}) {
		require.NoError(t, err)
		got = append(got, b)
	}
	require.Len(t, got, 12)
	assert.Equal(t, 3, f.srv.RequestCount(), "5, 5, 2")
	assert.Equal(t, want[0].Name, got[0].Name)
	assert.Equal(t, "image", got[0].Type)
	assert.Equal(t, int64(728), got[0].Width)
	assert.Equal(t, want[4].DestinationURL, got[4].DestinationURL)
	assert.Equal(t, want[4].CampaignID, got[4].CampaignID)

	// A banner id matches exactly that banner.
	page, _, err := f.client.Banners.ListPage(ctx, &postaffiliatepro.BannerListOptions{Q: want[7].ID, Fields: []string{"name"}})
	require.NoError(t, err)
	require.Len(t, page, 1)
	assert.Equal(t, want[7].ID, page[0].ID)
	assert.Equal(t, want[7].Name, page[0].Name)
	assert.Empty(t, page[0].Type, "not selected")
}
