package firstpromoter_test

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/internal/wirecheck"
)

// specCall is one operation of the spec, called through the SDK against a
// server that answers the body under test.
type specCall func(ctx context.Context, c *firstpromoter.Client) (any, error)

// specRow pins one body of testdata/spec (see its SOURCES) to the SDK
// method for its operation: the decoded value, re-encoded, must keep every
// key and value of the body except the documented tolerant paths.
type specRow struct {
	file   string
	call   specCall
	except []string
}

// specOp names an operation by the file prefix of its bodies
// (<prefix>.example.json, .full.json, .nulls.json); specRows expands it
// to one row per body.
type specOp struct {
	prefix string
	call   specCall
	except []string
}

var (
	specDate   = firstpromoter.NewDate(2025, time.March, 1)
	specReport = &firstpromoter.ReportParams{Columns: []firstpromoter.ReportColumn{"revenue_amount"}, GroupBy: "month", StartDate: specDate, EndDate: specDate}
)

// under prefixes each path with prefix ("" for the body, "[]" for the rows
// of a bare array, "data[]." and so on).
func under(prefix string, groups ...[]string) []string {
	var out []string
	for _, g := range groups {
		for _, p := range g {
			out = append(out, prefix+p)
		}
	}
	return out
}

// The nullable free-text strings the package reads null as "" (see the
// package doc), by resource.
var (
	promoterText = []string{
		"note", "password_setup_url",
		"profile.address", "profile.company_name", "profile.company_number", "profile.country", "profile.description",
		"profile.facebook_url", "profile.instagram_url", "profile.linkedin_url", "profile.phone_number", "profile.tiktok_url",
		"profile.twitch_url", "profile.twitter_url", "profile.vat_id", "profile.w8_form_url", "profile.w9_form_url",
		"profile.website", "profile.youtube_url",
	}
	commissionText = []string{
		"created_by_user_email", "external_note", "internal_note", "original_sale_currency", "promoter_campaign.campaign.color",
	}
	referralText = []string{
		"comment", "created_by_user_email", "first_name", "last_name", "promoter_campaign.campaign.color", "username", "website",
	}
	webhookText  = []string{"basic_auth_user", "description"}
	deliveryText = []string{"last_error", "response_body"}
	leadText     = []string{"plan_name", "username", "website"}
	trackedText  = []string{"original_sale_currency"}
)

// htmlCall serves a call answering the HTML of a {"data": {"html"}} body,
// compared inside that envelope.
func htmlCall(f func(ctx context.Context, c *firstpromoter.Client) (string, error)) specCall {
	return func(ctx context.Context, c *firstpromoter.Client) (any, error) {
		html, err := f(ctx, c)
		type htmlData struct {
			HTML string `json:"html"`
		}
		return struct {
			Data *htmlData `json:"data"`
		}{&htmlData{html}}, err
	}
}

func batchCall(f func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error)) specCall {
	return func(ctx context.Context, c *firstpromoter.Client) (any, error) { return f(ctx, c) }
}

// specOps lists the operations the package covers, by spec file prefix.
func specOps() []specOp {
	ops := []specOp{
		// Promoters.
		{"promoters_get_promoters_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			p, _, err := c.Promoters.ListPageWithMeta(ctx, nil)
			return p, err
		}, under("data[].", promoterText)},
		{"promoters_get_promoters_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) { return c.Promoters.Get(ctx, 7) }, promoterText},
		{"promoters_post_promoters_201", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Promoters.Create(ctx, &firstpromoter.PromoterCreateParams{Email: "jane@example.com"})
		}, promoterText},
		{"promoters_put_promoters_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Promoters.Update(ctx, 7, nil)
		}, promoterText},
		{"promoters_get_promoters_id_chart_data_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Promoters.ChartData(ctx, 7, &firstpromoter.PromoterChartParams{PeriodFrom: specDate, PeriodTo: specDate, Selection: firstpromoter.PromoterChartRevenue})
		}, nil},
		// Referrals.
		{"referrals_get_referrals_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			r, _, err := c.Referrals.ListPage(ctx, nil)
			return r, err
		}, under("[].", referralText)},
		{"referrals_get_referrals_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) { return c.Referrals.Get(ctx, 7) }, referralText},
		{"referrals_post_referrals_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Referrals.Create(ctx, &firstpromoter.ReferralCreateParams{PromoterCampaignID: 7, Email: "lead@example.com"})
		}, referralText},
		{"referrals_put_referrals_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Referrals.Update(ctx, 7, nil)
		}, referralText},
		{"referral_custom_status_put_referrals_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Referrals.Update(ctx, 7, &firstpromoter.ReferralUpdateParams{CustomStatusID: firstpromoter.SetID(42)})
		}, nil},
		// Commissions.
		{"commissions_get_commissions_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			r, _, err := c.Commissions.ListPage(ctx, nil)
			return r, err
		}, under("[].", commissionText)},
		{"commissions_post_commissions_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Commissions.Create(ctx, &firstpromoter.CommissionCreateParams{CommissionType: firstpromoter.CommissionSale, ReferralID: 7, SaleAmount: cents(100)})
		}, under("[].", commissionText)},
		{"commissions_put_commissions_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Commissions.Update(ctx, 7, nil)
		}, under("", commissionText)},
		// Payouts.
		{"payouts_get_payouts_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			r, _, err := c.Payouts.ListPage(ctx, nil)
			return r, err
		}, nil},
		{"payouts_get_payouts_stats_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) { return c.Payouts.Stats(ctx, nil) }, nil},
		{"payouts_get_payouts_due_stats_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) { return c.Payouts.DueStats(ctx, nil) }, nil},
		{"payouts_get_payouts_group_by_promoters_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			r, _, err := c.Payouts.GroupByPromoters(ctx, nil)
			return r, err
		}, nil},
		{"payouts_post_payouts_create_payments_batch_201", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Payouts.CreatePaymentsBatch(ctx, &firstpromoter.PaymentsBatchCreateParams{Method: "paypal"})
		}, nil},
		// Campaigns.
		{"campaigns_get_campaigns_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			r, _, err := c.Campaigns.ListPage(ctx, nil)
			return r, err
		}, nil},
		{"campaigns_get_campaigns_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) { return c.Campaigns.Get(ctx, 7) }, nil},
		{"campaigns_post_campaigns_201", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Campaigns.Create(ctx, &firstpromoter.CampaignCreateParams{Name: "P", LandingURL: "https://example.com", RefTokenParam: "?fpr", VisitorCookieLife: 30})
		}, nil},
		{"campaigns_put_campaigns_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Campaigns.Update(ctx, 7, nil)
		}, nil},
		{"campaigns_delete_campaigns_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) { return c.Campaigns.Delete(ctx, 7) }, nil},
		// Promoter campaigns.
		{"promoter_campaigns_get_promoter_campaigns_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			r, _, err := c.PromoterCampaigns.ListPage(ctx, nil)
			return r, err
		}, nil},
		{"promoter_campaigns_get_promoter_campaigns_search_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.PromoterCampaigns.Search(ctx, "jane")
		}, nil},
		{"promoter_campaigns_put_promoter_campaigns_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.PromoterCampaigns.Update(ctx, 7, nil)
		}, nil},
		{"promoter_campaigns_get_promoter_campaigns_id_referral_links_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.PromoterCampaigns.ReferralLinks(ctx, 7)
		}, nil},
		{"promoter_campaigns_get_promoter_campaigns_id_chart_data_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.PromoterCampaigns.ChartData(ctx, 7, &firstpromoter.PromoterCampaignChartParams{PeriodFrom: specDate, PeriodTo: specDate, Selection: firstpromoter.PromoterChartRevenue})
		}, nil},
		// Reports.
		{"reports_get_reports_overview_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Reports.Overview(ctx, specReport)
		}, nil},
		{"reports_get_reports_campaigns_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Reports.Campaigns(ctx, specReport)
		}, nil},
		{"reports_get_reports_promoters_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Reports.Promoters(ctx, specReport)
		}, nil},
		{"reports_get_reports_traffic_sources_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Reports.TrafficSources(ctx, specReport)
		}, nil},
		{"reports_get_reports_urls_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Reports.URLs(ctx, specReport)
		}, nil},
		// Promo codes.
		{"promo_codes_get_promo_codes_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			r, _, err := c.PromoCodes.ListPage(ctx, nil)
			return r, err
		}, nil},
		{"promo_codes_get_promo_codes_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) { return c.PromoCodes.Get(ctx, 7) }, nil},
		{"promo_codes_post_promo_codes_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.PromoCodes.Create(ctx, &firstpromoter.PromoCodeCreateParams{Code: "X", RewardID: 7, PromoterCampaignID: 7})
		}, nil},
		{"promo_codes_put_promo_codes_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.PromoCodes.Update(ctx, 7, nil)
		}, nil},
		// Batch processes.
		{"batches_get_batch_processes_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			r, _, err := c.BatchProcesses.ListPage(ctx, nil)
			return r, err
		}, nil},
		{"batches_get_batch_processes_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) { return c.BatchProcesses.Get(ctx, 7) }, nil},
		{"batches_get_batch_processes_progress_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.BatchProcesses.Progress(ctx, nil)
		}, nil},
		// Webhooks.
		{"webhooks_get_webhooks_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			r, _, err := c.Webhooks.ListPage(ctx, nil)
			return r, err
		}, under("[].", webhookText)},
		{"webhooks_get_webhooks_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) { return c.Webhooks.Get(ctx, 7) }, webhookText},
		{"webhooks_post_webhooks_201", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Webhooks.Create(ctx, &firstpromoter.WebhookCreateParams{URL: "https://example.com/hook", EventTypes: []string{"promoter.created"}})
		}, webhookText},
		{"webhooks_put_webhooks_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) { return c.Webhooks.Update(ctx, 7, nil) }, webhookText},
		{"webhooks_get_webhooks_event_types_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			// EventTypes unwraps the {"data": [...]} envelope; the list is
			// compared inside it.
			types, err := c.Webhooks.EventTypes(ctx)
			return struct {
				Data []string `json:"data"`
			}{types}, err
		}, nil},
		{"webhooks_get_webhooks_webhook_id_webhook_deliveries_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			r, _, err := c.Webhooks.DeliveriesPage(ctx, 7, nil)
			return r, err
		}, under("[].", deliveryText)},
		{"webhooks_get_webhooks_webhook_id_webhook_deliveries_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Webhooks.Delivery(ctx, 7, 8)
		}, deliveryText},
		{"webhooks_post_webhooks_webhook_id_webhook_deliveries_id_retry_delivery_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Webhooks.RetryDelivery(ctx, 7, 8)
		}, deliveryText},
		// Tracking.
		{"tracking_post_signup_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Tracking.Signup(ctx, &firstpromoter.TrackSignupParams{Email: "lead@example.com", TID: "tid"})
		}, under("", trackedText)},
		{"tracking_post_sale_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Tracking.Sale(ctx, &firstpromoter.TrackSaleParams{Email: "lead@example.com", EventID: "ev", Amount: cents(100)})
		}, under("", trackedText, under("commissions[].", commissionText))},
		{"tracking_post_refund_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Tracking.Refund(ctx, &firstpromoter.TrackRefundParams{Email: "lead@example.com", EventID: "ev", Amount: cents(100)})
		}, under("", under("lead.", leadText), under("reward.lead.", leadText), []string{"promoter.note", "promoter.temp_password", "promoter.w8_form_url", "promoter.w9_form_url"})},
		{"tracking_post_cancellation_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Tracking.Cancellation(ctx, &firstpromoter.TrackCancellationParams{Email: "lead@example.com"})
		}, under("", under("lead.", leadText), []string{"promoter.note", "promoter.temp_password", "promoter.w8_form_url", "promoter.w9_form_url"})},
		// Custom referral statuses.
		{"custom_statuses_get_custom_referral_statuses_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.CustomReferralStatuses.All(ctx)
		}, []string{"[].description"}},
		{"custom_statuses_put_custom_referral_statuses_update_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.CustomReferralStatuses.Update(ctx, []firstpromoter.CustomReferralStatusChange{{Name: "Hot Lead", Order: 1}})
		}, []string{"[].description"}},
		// Rewards.
		{"rewards_get_rewards_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			r, _, err := c.Rewards.ListPage(ctx, nil)
			return r, err
		}, nil},
		{"rewards_post_rewards_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			yes := true
			return c.Rewards.Create(ctx, &firstpromoter.RewardParams{Name: "R", IsPromoterReward: &yes, Schemas: []*firstpromoter.RewardSchema{{Unit: firstpromoter.RewardCash}}})
		}, nil},
		{"rewards_put_rewards_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) { return c.Rewards.Update(ctx, 7, nil) }, nil},
		// Products.
		{"products_get_products_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			r, _, err := c.Products.ListPage(ctx, nil)
			return r, err
		}, nil},
		{"products_get_products_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) { return c.Products.Get(ctx, 7) }, nil},
		{"products_post_products_201", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Products.Create(ctx, &firstpromoter.ProductCreateParams{Name: "Pro", Prices: []firstpromoter.ProductPrice{{ExtID: "price_1"}}})
		}, nil},
		{"products_put_products_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Products.Update(ctx, 7, &firstpromoter.ProductUpdateParams{Prices: []firstpromoter.ProductPrice{}})
		}, nil},
		// Payout methods.
		{"payout_methods_get_payout_methods_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			r, _, err := c.PayoutMethods.ListPage(ctx, &firstpromoter.PayoutMethodListOptions{PromoterID: 7})
			return r, err
		}, nil},
		{"payout_methods_get_payout_methods_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) { return c.PayoutMethods.Get(ctx, 7) }, nil},
		{"payout_methods_post_payout_methods_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.PayoutMethods.Create(ctx, &firstpromoter.PayoutMethodParams{Method: firstpromoter.PayoutMethodPaypal, PromoterID: 7, Details: &firstpromoter.PayoutMethodDetails{PaypalEmail: "jane@example.com"}})
		}, nil},
		{"payout_methods_put_payout_methods_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.PayoutMethods.Update(ctx, 7, &firstpromoter.PayoutMethodParams{Method: firstpromoter.PayoutMethodPaypal, PromoterID: 7, Details: &firstpromoter.PayoutMethodDetails{PaypalEmail: "jane@example.com"}})
		}, nil},
		// Invoices. The list's documented body is the template's; see
		// TestInvoicesSpecListBodyIsTheTemplates.
		{"invoices_get_invoices_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) { return c.Invoices.Get(ctx, 7) }, nil},
		{"invoices_get_invoices_template_200", htmlCall(func(ctx context.Context, c *firstpromoter.Client) (string, error) { return c.Invoices.Template(ctx) }), nil},
		{"invoices_put_invoices_custom_template_200", htmlCall(func(ctx context.Context, c *firstpromoter.Client) (string, error) {
			return c.Invoices.UpdateTemplate(ctx, "<p>x</p>")
		}), nil},
		{"invoices_post_invoices_preview_template_200", htmlCall(func(ctx context.Context, c *firstpromoter.Client) (string, error) {
			return c.Invoices.PreviewTemplate(ctx, &firstpromoter.InvoiceTemplatePreviewParams{HTML: "<p>x</p>"})
		}), nil},
		{"invoices_get_invoices_preview_200", htmlCall(func(ctx context.Context, c *firstpromoter.Client) (string, error) {
			return c.Invoices.Preview(ctx, &firstpromoter.InvoicePreviewParams{PromoterID: 7})
		}), nil},
		// Assets and asset categories.
		{"assets_get_assets_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			r, _, err := c.Assets.ListPage(ctx, nil)
			return r, err
		}, nil},
		{"assets_get_assets_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) { return c.Assets.Get(ctx, 7) }, nil},
		{"assets_post_assets_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Assets.Create(ctx, &firstpromoter.AssetParams{Name: "Banner", AssetType: firstpromoter.AssetImage, URL: "https://example.com/b.png"})
		}, nil},
		{"assets_put_assets_id_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) { return c.Assets.Update(ctx, 7, nil) }, nil},
		{"asset_categories_get_assets_categories_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) { return c.AssetCategories.All(ctx) }, nil},
		{"asset_categories_put_assets_categories_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.AssetCategories.Update(ctx, []firstpromoter.AssetCategoryChange{{Name: "Banners"}})
		}, nil},
		// Payments batches.
		{"payments_batches_post_payments_batches_id_pay_200", func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.PaymentsBatches.Pay(ctx, 7, &firstpromoter.PaymentsBatchPayParams{OTP: "email"})
		}, nil},
	}
	// Bulk actions answer a batch process, 200 when done at once and 202
	// when it runs in the background.
	bulk := map[string]func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error){
		"promoters_post_promoters_accept": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Promoters.Accept(ctx, 7, []int64{1})
		},
		"promoters_post_promoters_reject": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Promoters.Reject(ctx, 7, []int64{1})
		},
		"promoters_post_promoters_block": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Promoters.Block(ctx, 7, []int64{1})
		},
		"promoters_post_promoters_archive": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Promoters.Archive(ctx, []int64{1})
		},
		"promoters_post_promoters_restore": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Promoters.Restore(ctx, []int64{1})
		},
		"promoters_post_promoters_move_to_campaign": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Promoters.MoveToCampaign(ctx, &firstpromoter.PromoterMoveParams{IDs: []int64{1}, FromCampaignID: 7, ToCampaignID: 8})
		},
		"promoters_post_promoters_add_to_campaign": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Promoters.AddToCampaign(ctx, &firstpromoter.PromoterAddToCampaignParams{IDs: []int64{1}, CampaignID: 7})
		},
		"promoters_post_promoters_assign_parent": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Promoters.AssignParent(ctx, 7, []int64{1})
		},
		"referrals_delete_referrals": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Referrals.Delete(ctx, []int64{1})
		},
		"referrals_post_referrals_approve": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Referrals.Approve(ctx, []int64{1})
		},
		"referrals_post_referrals_disable": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Referrals.Disable(ctx, []int64{1})
		},
		"referrals_post_referrals_enable": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Referrals.Enable(ctx, []int64{1})
		},
		"referrals_post_referrals_move_to_promoter": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Referrals.MoveToPromoter(ctx, &firstpromoter.ReferralMoveParams{PromoterCampaignID: 7, IDs: []int64{1}})
		},
		"referrals_post_referrals_id_import_events": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Referrals.ImportEvents(ctx, 7)
		},
		"commissions_post_commissions_approve": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Commissions.Approve(ctx, []int64{1})
		},
		"commissions_post_commissions_deny": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Commissions.Deny(ctx, []int64{1})
		},
		"commissions_post_commissions_mark_fulfilled": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Commissions.MarkFulfilled(ctx, []int64{1})
		},
		"commissions_post_commissions_mark_unfulfilled": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Commissions.MarkUnfulfilled(ctx, []int64{1})
		},
		"commissions_delete_commissions_destroy": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Commissions.Delete(ctx, []int64{1})
		},
		"commissions_post_commissions_generate_payouts": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Commissions.GeneratePayouts(ctx, []int64{1})
		},
		"assets_put_assets_update_category": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Assets.UpdateCategory(ctx, firstpromoter.SetID(3), []int64{1})
		},
		"assets_delete_assets_destroy": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Assets.Delete(ctx, []int64{1})
		},
	}
	for prefix, f := range bulk {
		for _, code := range []string{"_200", "_202"} {
			ops = append(ops, specOp{prefix + code, batchCall(f), nil})
		}
	}
	payoutBulk := map[string]specCall{
		"payouts_post_payouts_mark_as_paid": func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Payouts.MarkAsPaid(ctx, []int64{1})
		},
		"payouts_post_payouts_mark_as_unpaid": func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Payouts.MarkAsUnpaid(ctx, []int64{1})
		},
		"payouts_delete_payouts_destroy": func(ctx context.Context, c *firstpromoter.Client) (any, error) {
			return c.Payouts.Delete(ctx, []int64{1})
		},
	}
	for prefix, f := range payoutBulk {
		for _, code := range []string{"_200", "_202"} {
			// Processing errors sent as objects are kept as JSON text
			// (Batch.ProcessingErrors).
			ops = append(ops, specOp{prefix + code, f, []string{"data.processing_errors[]"}})
		}
	}
	invoiceBulk := map[string]func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error){
		"invoices_post_invoices_void": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Invoices.Void(ctx, []int64{1})
		},
		"invoices_post_invoices_finalize": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Invoices.Finalize(ctx, []int64{1})
		},
		"invoices_delete_invoices_destroy": func(ctx context.Context, c *firstpromoter.Client) (*firstpromoter.Batch, error) {
			return c.Invoices.Delete(ctx, []int64{1})
		},
	}
	for prefix, f := range invoiceBulk {
		for _, code := range []string{"_200", "_202"} {
			// The invoice spec types processing errors as objects, kept
			// as JSON text (Batch.ProcessingErrors).
			ops = append(ops, specOp{prefix + code, batchCall(f), []string{"processing_errors[]"}})
		}
	}
	return ops
}

// specRows expands the operations to one row per body file.
func specRows(t *testing.T) []specRow {
	t.Helper()
	var rows []specRow
	for _, op := range specOps() {
		files, err := filepath.Glob(filepath.Join("testdata", "spec", op.prefix+".*.json"))
		require.NoError(t, err)
		for _, f := range files {
			rows = append(rows, specRow{file: filepath.Base(f), call: op.call, except: op.except})
		}
	}
	slices.SortFunc(rows, func(a, b specRow) int { return strings.Compare(a.file, b.file) })
	return rows
}

// TestVendorExamplesRoundTrip serves every body of testdata/spec through the SDK
// method of its operation and fails on any key lost or value changed.
func TestVendorExamplesRoundTrip(t *testing.T) {
	rows := specRows(t)
	codes, ops := map[string]bool{}, map[string]bool{}
	examples := 0
	for _, row := range rows {
		code := strings.SplitN(row.file, ".", 2)[0]
		codes[code] = true
		ops[code[:strings.LastIndex(code, "_")]] = true
		if strings.Contains(row.file, ".example") {
			examples++
		}
		t.Run(row.file, func(t *testing.T) {
			body, err := os.ReadFile(filepath.Join("testdata", "spec", row.file))
			require.NoError(t, err)
			srv := conformance.BodyServer(t, http.StatusOK, body)
			c, err := firstpromoter.NewClient(firstpromoter.WithBaseURL(srv.URL+"/api/v2"), firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("a"), firstpromoter.WithMaxRetries(0))
			require.NoError(t, err)
			got, err := row.call(context.Background(), c)
			require.NoError(t, err)
			wirecheck.RoundTrip(t, body, got, row.except...)
		})
	}
	t.Logf("%d bodies (%d published examples) over %d success responses of %d operations", len(rows), examples, len(codes), len(ops))
}

// notRoundTripped are the bodies of testdata/spec that no SDK value
// re-encodes, each checked by its own test: the queued (202) answers of
// the downloads, which are errors (TestReportsDownloadQueued,
// TestInvoicesExportQueuedSpecBody), and the invoice list's documented
// body, which is the template's (TestInvoicesSpecListBodyIsTheTemplates).
var notRoundTripped = []string{"reports_get_reports_download", "invoices_get_invoices_export_zip", "invoices_get_invoices_200"}

// TestVendorExamplesAllServed fails when testdata/spec holds a body no row
// serves.
func TestVendorExamplesAllServed(t *testing.T) {
	served := map[string]bool{}
	for _, row := range specRows(t) {
		served[row.file] = true
	}
	files, err := filepath.Glob(filepath.Join("testdata", "spec", "*.json"))
	require.NoError(t, err)
	for _, f := range files {
		if !served[filepath.Base(f)] && !slices.ContainsFunc(notRoundTripped, func(p string) bool { return strings.HasPrefix(filepath.Base(f), p) }) {
			t.Errorf("%s: no row serves it", filepath.Base(f))
		}
	}
}
