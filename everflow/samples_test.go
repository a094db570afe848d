package everflow

import (
	"encoding/json"
	"os"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The samples of Everflow's API reference decode field for field through
// the package's envelope.

// The affiliate API's offer example decodes field for field.
func TestOfferDecodesSample(t *testing.T) {
	raw, err := os.ReadFile("testdata/affiliate_api_alloffers.json")
	require.NoError(t, err)
	env := page[Offer]("offers")
	require.NoError(t, json.Unmarshal(raw, env))
	require.True(t, env.Found)
	assert.Equal(t, &Paging{Page: 1, PageSize: 50, TotalCount: 34}, env.Meta)
	require.Len(t, env.Items, 1)
	o := env.Items[0]
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
	assert.Equal(t, "10.3", o.DailyPayoutCap.String())
	assert.Equal(t, "300.5", o.GlobalPayoutCap.String())
	assert.Equal(t, "USD", o.GlobalPayoutCap.Currency(), "the offer's currency_id")
	assert.Equal(t, int64(2500), o.MonthlyClickCap)
	assert.Equal(t, "http://www.servetrack.test/9W598/2CTPL/", o.TrackingURL)
	assert.Equal(t, time.Date(2020, 10, 15, 17, 31, 22, 0, time.UTC), o.TimeCreated)
	assert.Equal(t, o.TimeCreated, o.TimeSaved)
	assert.Equal(t, time.UTC, o.TimeCreated.Location())
	require.NotNil(t, o.Relationship)
	assert.Equal(t, "public", o.Relationship.OfferAffiliateStatus)
	assert.Nil(t, o.Relationship.Other)
}

func TestPixelDecodesSample(t *testing.T) {
	raw, err := os.ReadFile("testdata/affiliate_api_pixels_list.json")
	require.NoError(t, err)
	env := page[Pixel]("pixels")
	require.NoError(t, json.Unmarshal(raw, env))
	require.Len(t, env.Items, 1)
	p := env.Items[0]
	assert.Equal(t, int64(1), p.NetworkPixelID)
	assert.Equal(t, int64(7), p.NetworkAffiliateID)
	assert.Equal(t, int64(1), p.NetworkOfferID)
	assert.Zero(t, p.NetworkOfferPayoutRevenueID)
	assert.Equal(t, DeliveryPostback, p.DeliveryMethod)
	assert.Equal(t, PixelSpecific, p.PixelLevel)
	assert.Equal(t, PixelActive, p.PixelStatus)
	assert.Equal(t, PixelConversion, p.PixelType)
	assert.Equal(t, "https://testpostback.com", p.PostbackURL)
	assert.Zero(t, p.DelayMS)
	assert.Equal(t, time.Unix(1603373152, 0).UTC(), p.TimeCreated)
	assert.Equal(t, time.Unix(1603373687, 0).UTC(), p.TimeSaved)
	assert.Nil(t, p.FacebookPixel)
	a := p.Relationship.Affiliate
	assert.Equal(t, "Affiliate Example", a.Name)
	assert.Equal(t, int64(2), a.NetworkEmployeeID)
	assert.True(t, a.EnableMediaCostTrackingLinks)
	assert.Equal(t, time.Unix(1602783082, 0).UTC(), a.TimeCreated)
	assert.Equal(t, int64(13), p.Relationship.Offer.NetworkAdvertiserID)
}

// The example of Everflow's "Affiliate Postback" page decodes field for
// field.
func TestPostbackLogDecodesVerbatimExample(t *testing.T) {
	raw, err := os.ReadFile("testdata/affiliate_pixels_report.json")
	require.NoError(t, err)
	env := page[PostbackLog]("pixels")
	require.NoError(t, json.Unmarshal(raw, env))
	require.Len(t, env.Items, 1)
	p := env.Items[0]

	assert.Equal(t, int64(1), p.NetworkID)
	assert.Equal(t, int64(11), p.NetworkOfferID)
	assert.Equal(t, int64(0), p.NetworkOfferPayoutRevenueID)
	assert.Equal(t, int64(7), p.AffiliateID)
	assert.Equal(t, int64(132), p.PixelID)
	assert.Equal(t, "a3371dd7b36849cbbfdd9c300b06fdb5", p.ConversionID)
	assert.Equal(t, "d5c6feef0d8f489fb91aa5cfb4d64f4e", p.TransactionID)
	assert.Equal(t, time.Date(2024, 2, 8, 20, 58, 19, 0, time.UTC), p.Timestamp)
	assert.Equal(t, time.UTC, p.Timestamp.Location())
	assert.Equal(t, DeliveryPostback, p.DeliveryMethod)
	assert.Equal(t, PixelGlobal, p.PixelLevel)
	assert.Equal(t, PixelActive, p.PixelStatus)
	assert.Equal(t, PixelConversion, p.PixelType)
	assert.Equal(t, "https://httpbin.org/get?tid=d5c6feef0d8f489fb91aa5cfb4d64f4e", p.Payload)
	assert.True(t, p.IsSuccess)
	assert.Equal(t, "PostbackUrl: https://httpbin.org/get?tid=d5c6…\nStatus: 200\nScheme: \nPath: \nAuthority: \nHeaders: Server: [gunicorn/19.9.0]", p.DebugInformation)
	assert.True(t, p.LastAttempt.IsZero(), "last_attempt 0 is the zero time")
	assert.Equal(t, 0, p.FailedAttempts)

	require.NotNil(t, p.Relationship)
	o := p.Relationship.Offer
	require.NotNil(t, o)
	assert.Equal(t, int64(11), o.NetworkOfferID)
	assert.Equal(t, int64(1), o.NetworkID)
	assert.Equal(t, int64(13), o.NetworkAdvertiserID)
	assert.Equal(t, int64(0), o.NetworkOfferGroupID)
	assert.Equal(t, "Example Offer", o.Name)
	assert.Equal(t, OfferActive, o.OfferStatus)
	assert.Equal(t, int64(134), o.NetworkTrackingDomainID)
	assert.Equal(t, VisibilityPublic, o.Visibility)
	assert.Equal(t, "USD", o.CurrencyID)
	a := p.Relationship.Affiliate
	require.NotNil(t, a)
	assert.Equal(t, int64(7), a.NetworkAffiliateID)
	assert.Equal(t, int64(1), a.NetworkID)
	assert.Equal(t, "John Doe Inc.", a.Name)
	assert.Equal(t, AccountActive, a.AccountStatus)
	assert.Equal(t, int64(0), a.NetworkTrafficSourceID)
}
