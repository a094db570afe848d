package firstpromoter_test

import (
	"context"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// promoCodeJSON is a promo code as the API's reference documents it.
const promoCodeJSON = `{
  "id": 301,
  "code": "JANE20",
  "reward": {"id": 4, "name": "20% off first month"},
  "ext_id": "promo_1QaBcDeFgHiJkL",
  "description": "Jane's audience discount",
  "company_id": 12,
  "promoter_campaign_id": 5012,
  "metadata": {"channel": "youtube"},
  "details": {"max_redemptions": 100},
  "archived_at": null
}`

func TestPromoCodesListFilterAndDecode(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, `[`+promoCodeJSON+`, {"id": 302, "code": "OLD10", "archived_at": "2025-02-01T09:30:00.000Z"}]`))
	var got []*firstpromoter.PromoCode
	for pc, err := range c.PromoCodes.List(context.Background(), &firstpromoter.PromoCodeListOptions{PromoterCampaignID: 5012}) {
		require.NoError(t, err)
		got = append(got, pc)
	}
	call := rec.only(t)
	assert.Equal(t, "GET", call.Method)
	assert.Equal(t, "/api/v2/company/promo_codes", call.Path)
	assert.Equal(t, "page=1&per_page=100&promoter_campaign_id=5012", call.RawQuery)

	require.Len(t, got, 2)
	assert.Equal(t, &firstpromoter.PromoCode{
		ID: 301, Code: "JANE20", Reward: &firstpromoter.PromoCodeReward{ID: 4, Name: "20% off first month"},
		ExtID: "promo_1QaBcDeFgHiJkL", Description: "Jane's audience discount", CompanyID: 12,
		PromoterCampaignID: 5012, Metadata: map[string]any{"channel": "youtube"},
		Details: map[string]any{"max_redemptions": float64(100)},
	}, got[0])
	require.NotNil(t, got[1].ArchivedAt)
	assert.Equal(t, time.Date(2025, 2, 1, 9, 30, 0, 0, time.UTC), *got[1].ArchivedAt)
}

func TestPromoCodesListPaginates(t *testing.T) {
	c, rec := newWireClient(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.Query().Get("page") == "1" {
			wireJSON(200, jsonArray(100, func(i int) string { return fmt.Sprintf(`{"id": %d}`, i) }))(w, r, n)
			return
		}
		wireJSON(200, `[]`)(w, r, n)
	})
	count := 0
	for _, err := range c.PromoCodes.List(context.Background()) {
		require.NoError(t, err)
		count++
	}
	assert.Equal(t, 100, count)
	assert.Equal(t, 2, rec.count(), "a full page is followed by one more request, which comes back empty")
}

func TestPromoCodesGet(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, promoCodeJSON))
	got, err := c.PromoCodes.Get(context.Background(), 301)
	require.NoError(t, err)
	assert.Equal(t, "JANE20", got.Code)
	assert.Equal(t, "/api/v2/company/promo_codes/301", rec.only(t).Path)
}

func TestPromoCodesCreate(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, promoCodeJSON))
	got, err := c.PromoCodes.Create(context.Background(), &firstpromoter.PromoCodeCreateParams{
		Code: "JANE20", RewardID: 4, PromoterCampaignID: 5012,
		Description: "Jane's audience discount", Metadata: map[string]any{"channel": "youtube"},
	})
	require.NoError(t, err)
	assert.Equal(t, int64(301), got.ID)
	call := rec.only(t)
	assert.Equal(t, "POST", call.Method)
	assert.Equal(t, "/api/v2/company/promo_codes", call.Path)
	assert.JSONEq(t, `{"code": "JANE20", "reward_id": 4, "promoter_campaign_id": 5012,
		"description": "Jane's audience discount", "metadata": {"channel": "youtube"}}`, call.Body)
}

func TestPromoCodesCreateValidatesAndIsNotRetried(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(502, ``))
	for _, p := range []*firstpromoter.PromoCodeCreateParams{
		nil,
		{RewardID: 4, PromoterCampaignID: 5012},
		{Code: "X", PromoterCampaignID: 5012},
		{Code: "X", RewardID: 4},
	} {
		_, err := c.PromoCodes.Create(context.Background(), p)
		assert.Error(t, err)
	}
	assert.Zero(t, rec.count())

	_, err := c.PromoCodes.Create(context.Background(), &firstpromoter.PromoCodeCreateParams{Code: "X", RewardID: 4, PromoterCampaignID: 5012})
	assert.ErrorIs(t, err, firstpromoter.ErrServer)
	assert.Equal(t, 1, rec.count())
}

func TestPromoCodesUpdate(t *testing.T) {
	c, rec := newWireClient(t, wireJSON(200, promoCodeJSON))
	_, err := c.PromoCodes.Update(context.Background(), 301, &firstpromoter.PromoCodeUpdateParams{Description: "Spring promo"})
	require.NoError(t, err)
	call := rec.only(t)
	assert.Equal(t, "PUT", call.Method)
	assert.Equal(t, "/api/v2/company/promo_codes/301", call.Path)
	assert.JSONEq(t, `{"description": "Spring promo"}`, call.Body)
}

func TestPromoCodesDelete(t *testing.T) {
	for _, body := range []string{``, promoCodeJSON} {
		c, rec := newWireClient(t, wireJSON(200, body))
		require.NoError(t, c.PromoCodes.Delete(context.Background(), 301))
		call := rec.only(t)
		assert.Equal(t, "DELETE", call.Method)
		assert.Equal(t, "/api/v2/company/promo_codes/301", call.Path)
	}
}

func TestPromoCodesForbidden(t *testing.T) {
	c, _ := newWireClient(t, wireJSON(403, `{"message": "You don't have enough rights to perform this action", "code": "forbidden"}`))
	_, err := c.PromoCodes.Get(context.Background(), 301)
	assert.ErrorIs(t, err, firstpromoter.ErrForbidden)
	assert.Contains(t, err.Error(), "You don't have enough rights")
}
