package firstpromoter_test

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

func TestAssetsAgainstFake(t *testing.T) {
	ctx := context.Background()
	day := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	c, srv, _ := newFakeClient(t, []firstpromotertest.ServerOption{firstpromotertest.WithClock(func() time.Time { return day })})
	srv.SeedCampaigns(2)
	camp := srv.Campaigns()[0].ID

	cats, err := c.AssetCategories.Update(ctx, []firstpromoter.AssetCategoryChange{{Name: "Banners"}, {Name: "Copy"}})
	require.NoError(t, err)
	require.Len(t, cats, 2)
	banners, copyCat := cats[0], cats[1]
	require.NotNil(t, banners.CreatedAt)

	banner, err := c.Assets.Create(ctx, &firstpromoter.AssetParams{
		Name: "Spring banner", AssetType: firstpromoter.AssetImage, URL: "https://cdn.example.com/spring.png",
		CategoryID: banners.ID, AllowedCampaignIDs: []int64{camp},
	})
	require.NoError(t, err)
	assert.Equal(t, "png", banner.Details.FileFormat)
	require.NotNil(t, banner.Category)
	assert.Equal(t, "Banners", banner.Category.Name)
	require.Len(t, banner.AllowedCampaigns, 1)
	assert.Equal(t, camp, banner.AllowedCampaigns[0].ID)

	text, err := c.Assets.Create(ctx, &firstpromoter.AssetParams{Name: "Tweet", AssetType: firstpromoter.AssetText, Content: "Try Acme", LandingPageURL: "https://acme.example"})
	require.NoError(t, err)
	assert.Nil(t, text.Category)

	list := func(opts *firstpromoter.AssetListOptions) []int64 {
		var ids []int64
		for a, err := range c.Assets.List(ctx, opts) {
			require.NoError(t, err)
			ids = append(ids, a.ID)
		}
		return ids
	}
	cases := []struct {
		name string
		opts *firstpromoter.AssetListOptions
		want []int64
	}{
		{"all", nil, []int64{banner.ID, text.ID}},
		{"search url", &firstpromoter.AssetListOptions{Q: "spring.png"}, []int64{banner.ID}},
		{"type", &firstpromoter.AssetListOptions{Filters: firstpromoter.AssetFilters{AssetType: firstpromoter.AssetText}}, []int64{text.ID}},
		{"category", &firstpromoter.AssetListOptions{Filters: firstpromoter.AssetFilters{CategoryID: firstpromoter.AssetCategoryFilter{IDs: []int64{banners.ID}}}}, []int64{banner.ID}},
		{"no category", &firstpromoter.AssetListOptions{Filters: firstpromoter.AssetFilters{CategoryID: firstpromoter.AssetCategoryFilter{NotSet: true}}}, []int64{text.ID}},
		{"campaign", &firstpromoter.AssetListOptions{Filters: firstpromoter.AssetFilters{CampaignID: []int64{camp}}}, []int64{banner.ID}},
		{"created", &firstpromoter.AssetListOptions{Filters: firstpromoter.AssetFilters{CreatedAt: firstpromoter.DateRange{From: firstpromoter.NewDate(2026, 3, 1), To: firstpromoter.NewDate(2026, 3, 1)}}}, []int64{banner.ID, text.ID}},
		{"created before", &firstpromoter.AssetListOptions{Filters: firstpromoter.AssetFilters{CreatedAt: firstpromoter.DateRange{To: firstpromoter.NewDate(2026, 2, 1)}}}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) { assert.Equal(t, tc.want, list(tc.opts)) })
	}

	upd, err := c.Assets.Update(ctx, text.ID, &firstpromoter.AssetParams{Content: "Try Acme today"})
	require.NoError(t, err)
	assert.Equal(t, "Try Acme today", upd.Content)
	assert.Equal(t, "Tweet", upd.Name)

	_, err = c.Assets.UpdateCategory(ctx, firstpromoter.SetID(copyCat.ID), []int64{banner.ID, text.ID})
	require.NoError(t, err)
	got, err := c.Assets.Get(ctx, text.ID)
	require.NoError(t, err)
	assert.Equal(t, copyCat.ID, got.Category.ID)
	_, err = c.Assets.UpdateCategory(ctx, firstpromoter.ClearID(), []int64{banner.ID})
	require.NoError(t, err)
	assert.JSONEq(t, `{"ids":[`+strconv.FormatInt(banner.ID, 10)+`],"category_id":null}`, string(srv.Requests()[len(srv.Requests())-1].Body))
	assert.Equal(t, []int64{banner.ID}, list(&firstpromoter.AssetListOptions{Filters: firstpromoter.AssetFilters{CategoryID: firstpromoter.AssetCategoryFilter{NotSet: true}}}))

	cats, err = c.AssetCategories.Update(ctx, []firstpromoter.AssetCategoryChange{{ID: copyCat.ID, Destroy: true}, {ID: banners.ID, Name: "Images", Position: 5}})
	require.NoError(t, err)
	require.Len(t, cats, 1)
	assert.Equal(t, "Images", cats[0].Name)
	listed, err := c.AssetCategories.All(ctx)
	require.NoError(t, err)
	assert.Equal(t, cats, listed)
	got, err = c.Assets.Get(ctx, text.ID)
	require.NoError(t, err)
	assert.Nil(t, got.Category, "a deleted category leaves its assets")

	b, err := c.Assets.Delete(ctx, []int64{banner.ID, 999999})
	require.NoError(t, err)
	assert.Equal(t, 1, b.FailedCount)
	assert.Equal(t, []int64{text.ID}, list(nil))
}

func TestAssetsWireAndValidation(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newFakeClient(t, nil, firstpromoter.WithMaxRetries(2))
	_, _, err := c.Assets.ListPage(ctx, &firstpromoter.AssetListOptions{Filters: firstpromoter.AssetFilters{CategoryID: firstpromoter.AssetCategoryFilter{IDs: []int64{1, 2}}, CampaignID: []int64{3}}})
	require.NoError(t, err)
	q, err := url.QueryUnescape(srv.Requests()[0].Query)
	require.NoError(t, err)
	assert.Equal(t, "filters[campaign_id][]=3&filters[category_id][]=1&filters[category_id][]=2&page=1&per_page=100", q)

	srv.ResetRequests()
	_, err = c.Assets.Create(ctx, &firstpromoter.AssetParams{Name: "x"})
	assert.Error(t, err)
	_, err = c.Assets.UpdateCategory(ctx, nil, []int64{1})
	assert.Error(t, err)
	_, err = c.Assets.UpdateCategory(ctx, firstpromoter.SetID(1), nil)
	assert.Error(t, err)
	_, err = c.AssetCategories.Update(ctx, nil)
	assert.Error(t, err)
	assert.Zero(t, srv.RequestCount())

	srv.Inject(1, firstpromotertest.Fault{Status: http.StatusBadGateway})
	_, err = c.Assets.Create(ctx, &firstpromoter.AssetParams{Name: "x", AssetType: firstpromoter.AssetLink, URL: "https://x.example"})
	assert.ErrorIs(t, err, firstpromoter.ErrOutcomeUnknown)
	assert.Equal(t, 1, srv.RequestCount())
}
