package v1

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sample decodes testdata/name into a new T.
func sample[T any](t *testing.T, name string) T {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	var v T
	require.NoError(t, json.Unmarshal(b, &v), name)
	return v
}

// TestSamplesDecode pins the decoders to the 20 published v1 bodies.
func TestSamplesDecode(t *testing.T) {
	t.Run("promoters", func(t *testing.T) {
		for _, name := range []string{"v1_get_promoter.json", "v1_create_promoter.json", "v1_update_promoter.json", "v1_move_promoter_to_campaign.json", "v1_add_promoter_to_campaign.json"} {
			p := sample[Promoter](t, name)
			assert.NotZero(t, p.ID, name)
			assert.NotEmpty(t, p.Email, name)
			require.NotEmpty(t, p.Promotions, name)
			assert.True(t, hasPromoterID(&p))
		}
		p := sample[Promoter](t, "v1_get_promoter.json")
		assert.Equal(t, int64(2348), p.ID)
		require.NotNil(t, p.CustID)
		assert.Equal(t, "cus_sd4gh302fjlsd", *p.CustID)
		assert.Nil(t, p.EarningsBalance)
		assert.Equal(t, "John", p.Profile.FirstName)
		rr := p.Promotions[0].CurrentReferralReward
		require.NotNil(t, rr)
		assert.Equal(t, "cash", rr.Unit)
		assert.Equal(t, "20.00", rr.Amount.String(), "cash reward amounts are cents")
		assert.Equal(t, "0.00", p.Promotions[0].SalesTotal.String())
	})
	t.Run("promoter_list", func(t *testing.T) {
		ps := sample[[]*Promoter](t, "v1_list_promoters.json")
		require.NotEmpty(t, ps)
		assert.Equal(t, int64(8815216), ps[0].ID)
		assert.Nil(t, ps[0].CustID)
		require.NotNil(t, ps[0].CreatedAt)
		offer := ps[0].Promotions[0].CurrentOffer
		require.NotNil(t, offer)
		assert.Equal(t, "free_months", offer.Unit)
		assert.Equal(t, "1", offer.Amount.String(), "non-cash units are counts")
	})
	t.Run("leads", func(t *testing.T) {
		ls := sample[[]*Lead](t, "v1_list_leads.json")
		require.Len(t, ls, 2)
		assert.Equal(t, int64(6924), ls[0].ID)
		assert.Equal(t, "active", ls[0].State)
		require.NotNil(t, ls[0].CustomerSince)
		assert.Nil(t, ls[1].CustomerSince)
		assert.Equal(t, int64(2348), ls[0].Promoter.ID)
		for _, name := range []string{"v1_get_lead.json", "v1_update_lead.json"} {
			l := sample[Lead](t, name)
			assert.NotZero(t, l.ID, name)
			assert.NotNil(t, l.Promotion, name)
		}
	})
	t.Run("rewards", func(t *testing.T) {
		rs := sample[[]*Reward](t, "v1_list_rewards.json")
		require.Len(t, rs, 2)
		assert.Equal(t, "points", rs[0].Unit)
		assert.Equal(t, "10", rs[0].Amount.String())
		assert.True(t, rs[0].ConversionAmount.IsNull(), "conversion_ampunt: null")
		assert.Equal(t, "10", rs[0].Promoter.EarningsBalance["points"].String())
		assert.Equal(t, "cash", rs[1].Unit)
		assert.Equal(t, "100.00", rs[1].Amount.String())
		assert.Equal(t, "500.00", rs[1].ConversionAmount.String())
		require.NotNil(t, rs[1].EventID)
		for _, name := range []string{"v1_create_reward.json", "v1_update_reward.json"} {
			r := sample[Reward](t, name)
			assert.NotZero(t, r.ID, name)
		}
	})
	t.Run("tracking", func(t *testing.T) {
		sale := sample[TrackEvent](t, "v1_track_sale.json")
		assert.Equal(t, "sale", sale.Type)
		assert.Equal(t, "60.00", sale.AmountCents.String())
		units, err := sale.AmountCents.MinorUnits("USD")
		require.NoError(t, err)
		assert.Equal(t, int64(6000), units)
		assert.Equal(t, "12.00", sale.Promoter.EarningsBalance["cash"].String())
		refund := sample[TrackEvent](t, "v1_track_refund.json")
		assert.Equal(t, "-60.00", refund.AmountCents.String())
		cancel := sample[TrackEvent](t, "v1_track_cancellation.json")
		assert.True(t, cancel.AmountCents.IsNull())
		assert.Equal(t, "cancelled", cancel.Lead.State)
	})
	t.Run("messages_and_errors", func(t *testing.T) {
		assert.Equal(t, "Lead removed.", sample[Message](t, "v1_delete_lead.json").Message)
		assert.Equal(t, "Promoter removed.", sample[Message](t, "v1_delete_promoter.json").Message)
		assert.Equal(t, "xXTqshq88jqnC3NBV56eALNnHMravuC9", sample[struct {
			AuthToken string `json:"auth_token"`
		}](t, "v1_refresh_token_promoter.json").AuthToken)
		assert.Equal(t, "Promoter not found.", sample[map[string]string](t, "v1_error_404.json")["error"])
		assert.Contains(t, sample[map[string]string](t, "v1_error_422.json")["error"], "find the promoter")
	})
}

// TestReportAmounts: revenue_amount arrives as display text in major
// units or as integer cents; both decode exactly.
func TestReportAmounts(t *testing.T) {
	var rows []ReportRow
	require.NoError(t, json.Unmarshal([]byte(`[{"revenue_amount":"$613.17","clicks_count":100,"referrals_count":60,"customers_count":30,"period":"Sep 2024"},
		{"revenue_amount":"-$1,204.50","period":"Oct 2024"},{"revenue_amount":61317,"period":"Nov 2024"},{"revenue_amount":null}]`), &rows))
	assert.Equal(t, "613.17", rows[0].RevenueAmount.String())
	assert.Equal(t, int64(100), rows[0].ClicksCount)
	assert.Equal(t, "Sep 2024", rows[0].Period)
	assert.Equal(t, "-1204.50", rows[1].RevenueAmount.String())
	assert.Equal(t, "613.17", rows[2].RevenueAmount.String())
	var p []PromoterReport
	require.NoError(t, json.Unmarshal([]byte(`[{"promoter_name":"Test Promoter","promoter_id":5487437,"items":[{"revenue_amount":"$1.00","period":"Sep 2024"}],"revenue_amount":"$613.17"}]`), &p))
	assert.Equal(t, int64(5487437), p[0].PromoterID)
	assert.Equal(t, "1.00", p[0].Items[0].RevenueAmount.String())
	var bad []ReportRow
	require.Error(t, json.Unmarshal([]byte(`[{"revenue_amount":"n/a"}]`), &bad))
}
