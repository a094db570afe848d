package v1_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
	"github.com/affiliatekit/affiliatekit-go/internal/wirecheck"
)

// nullText are the nullable text fields the package decodes null as ""
// (see the type docs); a round trip writes them back as "".
var nullText = []string{
	"note", "w8_form_url", "w9_form_url", "pref", "uid", "email", "plan_name",
	"profile.first_name", "profile.last_name", "profile.website", "profile.company_name",
	"profile.phone_number", "profile.address", "profile.vat_id", "profile.country",
	"profile.paypal_email", "profile.avatar_url", "profile.description",
}

// prefixed returns the paths below prefix.
func prefixed(prefix string, paths ...string) []string {
	out := make([]string, len(paths))
	for i, p := range paths {
		out[i] = prefix + p
	}
	return out
}

// TestPublishedBodiesRoundTrip serves every published v1 success body
// through the operation that answers it and re-encodes what the client
// decoded: no key of the body is lost and no value changes, beyond the
// documented null-as-"" text fields and the misspelt conversion_ampunt,
// read as conversion_amount.
func TestPublishedBodiesRoundTrip(t *testing.T) {
	ctx := context.Background()
	plans := prefixed("promotions[].", "current_offer.default_promo_code", "current_referral_reward.default_promo_code",
		"current_promotion_reward.default_promo_code", "current_target_reward.default_promo_code")
	promoter := slices.Concat(nullText, plans)
	embedded := prefixed("promoter.", nullText...)
	for _, row := range []struct {
		file   string
		call   func(c *v1.Client) (any, error)
		except []string
	}{
		{"v1_get_promoter.json", func(c *v1.Client) (any, error) { return c.Promoters.Get(ctx, 1) }, promoter},
		{"v1_create_promoter.json", func(c *v1.Client) (any, error) {
			return c.Promoters.Create(ctx, &v1.PromoterCreateParams{Email: "a@example.com"})
		}, promoter},
		{"v1_update_promoter.json", func(c *v1.Client) (any, error) {
			return c.Promoters.Update(ctx, v1.PromoterKey{ID: 1}, nil)
		}, promoter},
		{"v1_move_promoter_to_campaign.json", func(c *v1.Client) (any, error) {
			return c.Promoters.MoveToCampaign(ctx, v1.PromoterKey{ID: 1}, v1.PromoterMoveParams{SourceCampaignID: 1, DestinationCampaignID: 2})
		}, promoter},
		{"v1_add_promoter_to_campaign.json", func(c *v1.Client) (any, error) {
			return c.Promoters.AddToCampaign(ctx, v1.PromoterKey{ID: 1}, 2)
		}, promoter},
		{"v1_list_promoters.json", func(c *v1.Client) (any, error) {
			items, _, err := c.Promoters.ListPage(ctx, nil)
			return items, err
		}, prefixed("[].", promoter...)},
		{"v1_get_lead.json", func(c *v1.Client) (any, error) { return c.Leads.Get(ctx, 1) }, embedded},
		{"v1_update_lead.json", func(c *v1.Client) (any, error) {
			return c.Leads.Update(ctx, v1.LeadKey{ID: 1}, nil)
		}, embedded},
		{"v1_list_leads.json", func(c *v1.Client) (any, error) {
			items, _, err := c.Leads.ListPage(ctx, nil)
			return items, err
		}, prefixed("[].", embedded...)},
		{"v1_delete_lead.json", func(c *v1.Client) (any, error) { return c.Leads.Delete(ctx, v1.LeadKey{ID: 1}) }, nil},
		{"v1_delete_promoter.json", func(c *v1.Client) (any, error) { return c.Promoters.Delete(ctx, v1.PromoterKey{ID: 1}) }, nil},
		{"v1_list_rewards.json", func(c *v1.Client) (any, error) {
			items, _, err := c.Rewards.ListPage(ctx, nil)
			return items, err
		}, prefixed("[].", slices.Concat(embedded, []string{"conversion_ampunt"})...)},
		{"v1_create_reward.json", func(c *v1.Client) (any, error) {
			return c.Rewards.Create(ctx, &v1.RewardCreateParams{RefID: "r", RewardType: "points", Amount: cents(t, 1000)})
		}, slices.Concat(embedded, []string{"conversion_ampunt"})},
		{"v1_update_reward.json", func(c *v1.Client) (any, error) {
			return c.Rewards.Update(ctx, v1.RewardKey{ID: 1}, "approved")
		}, slices.Concat(embedded, []string{"conversion_ampunt"})},
		{"v1_track_sale.json", func(c *v1.Client) (any, error) {
			return c.Tracking.Sale(ctx, &v1.TrackSaleParams{Email: "a@example.com", EventID: "e", Amount: cents(t, 100)})
		}, embedded},
		{"v1_track_refund.json", func(c *v1.Client) (any, error) {
			return c.Tracking.Refund(ctx, &v1.TrackRefundParams{Email: "a@example.com", EventID: "e", Amount: cents(t, 100)})
		}, embedded},
		{"v1_track_cancellation.json", func(c *v1.Client) (any, error) {
			return c.Tracking.Cancellation(ctx, &v1.TrackCancellationParams{Email: "a@example.com"})
		}, embedded},
	} {
		t.Run(row.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", row.file))
			require.NoError(t, err)
			got, err := row.call(fuzzClient(t, body, ""))
			require.NoError(t, err)
			wirecheck.RoundTrip(t, body, got, row.except...)
		})
	}
}
