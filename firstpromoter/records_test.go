package firstpromoter_test

import (
	"context"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// emptyRecords are answers that decode to a record without its id.
var emptyRecords = []string{`null`, `{}`, `{"id":0}`}

// TestSingleRecordCallsRefuseEmptyRecords answers every call that returns
// one record with each empty record: the call fails with
// ErrMalformedResponse. A retry-safe call (GET, PUT) is retried; a POST is
// sent once and its error also matches ErrOutcomeUnknown.
func TestSingleRecordCallsRefuseEmptyRecords(t *testing.T) {
	const retries = 2
	type call = func(context.Context, *firstpromoter.Client) error
	cases := []struct {
		name string
		post bool
		call call
	}{
		{"Promoters.Get", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Promoters.Get(ctx, 1)
			return err
		}},
		{"Promoters.GetByEmail", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Promoters.GetByEmail(ctx, "a@example.com")
			return err
		}},
		{"Promoters.GetByCustID", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Promoters.GetByCustID(ctx, "c1")
			return err
		}},
		{"Promoters.GetByAuthToken", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Promoters.GetByAuthToken(ctx, "tok")
			return err
		}},
		{"Promoters.GetByRefToken", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Promoters.GetByRefToken(ctx, "ref")
			return err
		}},
		{"Promoters.GetByPromoCode", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Promoters.GetByPromoCode(ctx, "CODE")
			return err
		}},
		{"Promoters.Create", true, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Promoters.Create(ctx, &firstpromoter.PromoterCreateParams{Email: "a@example.com"})
			return err
		}},
		{"Promoters.Update", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Promoters.Update(ctx, 1, &firstpromoter.PromoterUpdateParams{CustID: "c2"})
			return err
		}},
		{"Promoters.UpdateBy", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Promoters.UpdateBy(ctx, firstpromoter.PromoterByEmail, "a@example.com", &firstpromoter.PromoterUpdateParams{CustID: "c2"})
			return err
		}},
		{"Referrals.Get", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Referrals.Get(ctx, 1)
			return err
		}},
		{"Referrals.GetByEmail", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Referrals.GetByEmail(ctx, "r@example.com")
			return err
		}},
		{"Referrals.GetByUID", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Referrals.GetByUID(ctx, "u1")
			return err
		}},
		{"Referrals.GetByUsername", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Referrals.GetByUsername(ctx, "u")
			return err
		}},
		{"Referrals.Create", true, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Referrals.Create(ctx, &firstpromoter.ReferralCreateParams{PromoterCampaignID: 1, Email: "r@example.com"})
			return err
		}},
		{"Referrals.Update", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Referrals.Update(ctx, 1, &firstpromoter.ReferralUpdateParams{UID: "u2"})
			return err
		}},
		{"Campaigns.Get", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Campaigns.Get(ctx, 1)
			return err
		}},
		{"Campaigns.Create", true, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Campaigns.Create(ctx, &firstpromoter.CampaignCreateParams{
				Name: "C", LandingURL: "https://example.com", RefTokenParam: "via", VisitorCookieLife: 30,
			})
			return err
		}},
		{"Campaigns.Update", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Campaigns.Update(ctx, 1, &firstpromoter.CampaignUpdateParams{Name: "D"})
			return err
		}},
		{"Commissions.Create", true, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Commissions.Create(ctx, &firstpromoter.CommissionCreateParams{CommissionType: firstpromoter.CommissionCustom, PromoterCampaignID: 1, Amount: cents(100)})
			return err
		}},
		{"Commissions.Update", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Commissions.Update(ctx, 1, &firstpromoter.CommissionUpdateParams{InternalNote: "n"})
			return err
		}},
		{"Payouts.CreatePaymentsBatch", true, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Payouts.CreatePaymentsBatch(ctx, &firstpromoter.PaymentsBatchCreateParams{Method: "paypal"})
			return err
		}},
		{"PromoCodes.Get", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.PromoCodes.Get(ctx, 1)
			return err
		}},
		{"PromoCodes.Create", true, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.PromoCodes.Create(ctx, &firstpromoter.PromoCodeCreateParams{Code: "X", RewardID: 1, PromoterCampaignID: 1})
			return err
		}},
		{"PromoCodes.Update", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.PromoCodes.Update(ctx, 1, &firstpromoter.PromoCodeUpdateParams{Description: "d"})
			return err
		}},
		{"PromoterCampaigns.Update", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.PromoterCampaigns.Update(ctx, 1, &firstpromoter.PromoterCampaignUpdateParams{})
			return err
		}},
		{"Webhooks.Get", false, func(ctx context.Context, c *firstpromoter.Client) error { _, err := c.Webhooks.Get(ctx, 1); return err }},
		{"Webhooks.Create", true, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Webhooks.Create(ctx, &firstpromoter.WebhookCreateParams{URL: "https://example.com/h", EventTypes: []string{"promoter.created"}})
			return err
		}},
		{"Webhooks.Update", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Webhooks.Update(ctx, 1, &firstpromoter.WebhookUpdateParams{URL: "https://example.com/h2"})
			return err
		}},
		{"Webhooks.Delivery", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Webhooks.Delivery(ctx, 1, 2)
			return err
		}},
		{"Webhooks.RetryDelivery", true, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Webhooks.RetryDelivery(ctx, 1, 2)
			return err
		}},
		{"BatchProcesses.Get", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.BatchProcesses.Get(ctx, 1)
			return err
		}},
		{"Tracking.Signup", true, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Tracking.Signup(ctx, &firstpromoter.TrackSignupParams{Email: "r@example.com"})
			return err
		}},
		{"Tracking.Sale", true, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Tracking.Sale(ctx, &firstpromoter.TrackSaleParams{Email: "r@example.com", EventID: "e1", Amount: cents(100)})
			return err
		}},
		{"Tracking.Refund", true, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Tracking.Refund(ctx, &firstpromoter.TrackRefundParams{Email: "r@example.com", EventID: "e2", Amount: cents(100)})
			return err
		}},
		{"Tracking.Cancellation", true, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Tracking.Cancellation(ctx, &firstpromoter.TrackCancellationParams{Email: "r@example.com"})
			return err
		}},
		{"Emails.Get", false, func(ctx context.Context, c *firstpromoter.Client) error { _, err := c.Emails.Get(ctx, 1); return err }},
		{"Emails.Create", true, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Emails.Create(ctx, &firstpromoter.EmailParams{Name: "n", Subject: "s", Content: "c", Trigger: firstpromoter.EmailTrigger{TriggerOn: firstpromoter.EmailOnBroadcast}})
			return err
		}},
		{"Emails.Update", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Emails.Update(ctx, 1, &firstpromoter.EmailParams{Name: "n", Subject: "s", Content: "c", Trigger: firstpromoter.EmailTrigger{TriggerOn: firstpromoter.EmailOnBroadcast}})
			return err
		}},
		{"Emails.Copy", true, func(ctx context.Context, c *firstpromoter.Client) error { _, err := c.Emails.Copy(ctx, 1); return err }},
		{"Rewards.Create", true, func(ctx context.Context, c *firstpromoter.Client) error {
			yes := true
			_, err := c.Rewards.Create(ctx, &firstpromoter.RewardParams{Name: "r", IsPromoterReward: &yes, Schemas: []*firstpromoter.RewardSchema{{Unit: firstpromoter.RewardCash}}})
			return err
		}},
		{"Rewards.Update", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Rewards.Update(ctx, 1, nil)
			return err
		}},
		{"Products.Get", false, func(ctx context.Context, c *firstpromoter.Client) error { _, err := c.Products.Get(ctx, 1); return err }},
		{"Products.Create", true, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Products.Create(ctx, &firstpromoter.ProductCreateParams{Name: "p", Prices: []firstpromoter.ProductPrice{{ExtID: "x"}}})
			return err
		}},
		{"Products.Update", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Products.Update(ctx, 1, &firstpromoter.ProductUpdateParams{Prices: []firstpromoter.ProductPrice{}})
			return err
		}},
		{"PayoutMethods.Get", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.PayoutMethods.Get(ctx, 1)
			return err
		}},
		{"PayoutMethods.Create", true, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.PayoutMethods.Create(ctx, &firstpromoter.PayoutMethodParams{Method: firstpromoter.PayoutMethodPaypal, PromoterID: 1, Details: &firstpromoter.PayoutMethodDetails{PaypalEmail: "p@example.com"}})
			return err
		}},
		{"PayoutMethods.Update", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.PayoutMethods.Update(ctx, 1, &firstpromoter.PayoutMethodParams{Method: firstpromoter.PayoutMethodPaypal, PromoterID: 1, Details: &firstpromoter.PayoutMethodDetails{PaypalEmail: "p@example.com"}})
			return err
		}},
		{"Invoices.Get", false, func(ctx context.Context, c *firstpromoter.Client) error { _, err := c.Invoices.Get(ctx, 1); return err }},
		{"Assets.Get", false, func(ctx context.Context, c *firstpromoter.Client) error { _, err := c.Assets.Get(ctx, 1); return err }},
		{"Assets.Create", true, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Assets.Create(ctx, &firstpromoter.AssetParams{Name: "a", AssetType: firstpromoter.AssetLink, URL: "https://example.com"})
			return err
		}},
		{"Assets.Update", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Assets.Update(ctx, 1, nil)
			return err
		}},
		{"Contracts.Get", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Contracts.Get(ctx, 1)
			return err
		}},
		{"Contracts.Create", true, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Contracts.Create(ctx, &firstpromoter.ContractCreateParams{Name: "c", CheckboxLabel: "l", ExternalLink: "https://example.com"})
			return err
		}},
		{"Contracts.Update", false, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.Contracts.Update(ctx, 1, nil)
			return err
		}},
		{"PaymentsBatches.Pay", true, func(ctx context.Context, c *firstpromoter.Client) error {
			_, err := c.PaymentsBatches.Pay(ctx, 1, &firstpromoter.PaymentsBatchPayParams{OTP: "email"})
			return err
		}},
	}
	for _, tc := range cases {
		for _, body := range emptyRecords {
			t.Run(tc.name+"/"+body, func(t *testing.T) {
				c, rec := newWireClient(t, wireJSON(200, body), firstpromoter.WithMaxRetries(retries))
				err := tc.call(context.Background(), c)
				require.ErrorIs(t, err, firstpromoter.ErrMalformedResponse)
				if tc.post {
					assert.ErrorIs(t, err, firstpromoter.ErrOutcomeUnknown)
					assert.Equal(t, 1, rec.count(), "a POST is sent once")
				} else {
					assert.NotErrorIs(t, err, firstpromoter.ErrOutcomeUnknown)
					assert.Equal(t, retries+1, rec.count(), "a retry-safe call is retried")
				}
			})
		}
	}
}
