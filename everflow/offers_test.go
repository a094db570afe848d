package everflow

import (
	"context"
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The affiliate API's offer example decodes field for field.
func TestOfferDecodesSample(t *testing.T) {
	raw, err := os.ReadFile("testdata/affiliate_api_alloffers.json")
	require.NoError(t, err)
	env := &envelope[Offer]{key: "offers"}
	require.NoError(t, json.Unmarshal(raw, env))
	require.True(t, env.found)
	assert.Equal(t, &Paging{Page: 1, PageSize: 50, TotalCount: 34}, env.paging)
	require.Len(t, env.items, 1)
	o := env.items[0]
	assert.Equal(t, int64(1), o.NetworkOfferID)
	assert.Equal(t, int64(1), o.NetworkID)
	assert.Equal(t, "Offer Example", o.Name)
	assert.Equal(t, int64(1), o.NetworkCategoryID)
	assert.Equal(t, OfferActive, o.OfferStatus)
	assert.Equal(t, "USD", o.CurrencyID)
	assert.Equal(t, 90, o.CapsTimezoneID)
	assert.Nil(t, o.DateLiveUntil, `"" is no date`)
	assert.Equal(t, VisibilityPublic, o.Visibility)
	assert.False(t, o.IsCapsEnabled)
	assert.Equal(t, int64(1), o.NetworkTrackingDomainID)
	assert.Equal(t, int64(88), o.WeeklyConversionCap)
	assert.Equal(t, int64(125), o.GlobalConversionCap)
	assert.Equal(t, 10.3, o.DailyPayoutCap)
	assert.Equal(t, 300.5, o.GlobalPayoutCap)
	assert.Equal(t, int64(2500), o.MonthlyClickCap)
	assert.Equal(t, "http://www.servetrack.test/9W598/2CTPL/", o.TrackingURL)
	assert.Equal(t, time.Date(2020, 10, 15, 17, 31, 22, 0, time.UTC), o.TimeCreated)
	assert.Equal(t, o.TimeCreated, o.TimeSaved)
	assert.Equal(t, time.UTC, o.TimeCreated.Location())
	require.NotNil(t, o.Relationship)
	assert.Equal(t, "public", o.Relationship.OfferAffiliateStatus)
	assert.Nil(t, o.Relationship.Other)
}

func TestOffersListAndSearch(t *testing.T) {
	srv, c, _ := demo(t)
	ctx := context.Background()
	var saved []string
	for o, err := range c.Offers.List(ctx, &OfferListOptions{SavedAfter: time.Unix(1695000000, 0), Relationships: []Relationship{RelationshipAdvertiser}}) {
		require.NoError(t, err)
		assert.Greater(t, o.TimeSaved.Unix(), int64(1695000000))
		assert.Contains(t, o.Relationship.Other, "advertiser")
		saved = append(saved, o.Name)
	}
	assert.NotEmpty(t, saved)
	assert.Contains(t, srv.Requests()[0].Query, "filter=time_saved%3E1695000000")

	var active []int64
	for o, err := range c.Offers.Search(ctx, &OfferSearchOptions{
		SearchTerms: []SearchTerm{{SearchType: "advertiser_name", Value: "acme"}},
		Filters:     OfferTableFilters{OfferStatus: OfferActive},
	}) {
		require.NoError(t, err)
		assert.Equal(t, OfferActive, o.OfferStatus)
		assert.Equal(t, int64(1), o.NetworkAdvertiserID)
		active = append(active, o.NetworkOfferID)
	}
	assert.Equal(t, []int64{1, 9, 17}, active)

	o, err := c.Offers.Get(ctx, 2)
	require.NoError(t, err)
	assert.Equal(t, "Brightline Finance Budget App - Annual Plan", o.Name)
	assert.InDelta(t, 0, o.DailyPayoutCap, 0)
	_, err = c.Offers.Get(ctx, 99)
	assert.ErrorIs(t, err, ErrNotFound)
}
