package partnerstack_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestApplications(t *testing.T) {
	c, _, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()
	apps := collect(t, c.Applications.List(ctx))
	require.Len(t, apps, 5)

	app, err := c.Applications.Create(ctx, &partnerstack.ApplicationCreateParams{Email: "lee@newpartner.example", FirstName: "Lee"})
	require.NoError(t, err)
	assert.Equal(t, "pending", app.Status)
	assert.Equal(t, "Lee", app.FirstName)

	app, err = c.Applications.Decide(ctx, app.Key, &partnerstack.ApplicationDecisionParams{Decision: partnerstack.DecisionApproved})
	require.NoError(t, err)
	assert.Equal(t, partnerstack.DecisionApproved, app.Status)
	_, err = c.Applications.Decide(ctx, app.Key, &partnerstack.ApplicationDecisionParams{Decision: "maybe"})
	assert.ErrorIs(t, err, partnerstack.ErrInvalidRequest)

	require.NoError(t, c.Applications.DecideMany(ctx, &partnerstack.ApplicationBulkDecisionParams{
		ApplicationKeys: []string{apps[0].Key, apps[1].Key}, Decision: partnerstack.DecisionDeclined,
	}))
	for _, a := range collect(t, c.Applications.List(ctx))[1:3] {
		assert.Equal(t, partnerstack.DecisionDeclined, a.Status)
	}
	assert.Error(t, c.Applications.DecideMany(ctx, &partnerstack.ApplicationBulkDecisionParams{Decision: partnerstack.DecisionDeclined}))
}

func TestTiers(t *testing.T) {
	c, _, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()
	tiers := collect(t, c.Tiers.List(ctx))
	require.Len(t, tiers, 3)
	cols := collect(t, c.Tiers.ListCollections(ctx))
	require.Len(t, cols, 1)
	assert.Len(t, cols[0].Tiers, 3)

	tier, err := c.Tiers.Create(ctx, &partnerstack.TierCreateParams{Name: "Platinum", CollectionKey: cols[0].Key})
	require.NoError(t, err)
	assert.Equal(t, cols[0].Key, tier.CollectionKey)
	tier, err = c.Tiers.Update(ctx, tier.Key, &partnerstack.TierUpdateParams{Name: "Diamond"})
	require.NoError(t, err)
	got, err := c.Tiers.Get(ctx, tier.Key)
	require.NoError(t, err)
	assert.Equal(t, "Diamond", got.Name)

	col, err := c.Tiers.CreateCollection(ctx, &partnerstack.TierCollectionCreateParams{Name: "Reseller levels"})
	require.NoError(t, err)
	_, err = c.Tiers.UpdateCollection(ctx, col.Key, &partnerstack.TierCollectionUpdateParams{Name: "Reseller tiers"})
	require.NoError(t, err)
	col, err = c.Tiers.GetCollection(ctx, col.Key)
	require.NoError(t, err)
	assert.Equal(t, "Reseller tiers", col.Name)

	p, err := c.Partnerships.Update(ctx, partnerstacktest.PartnerPartnershipKey, &partnerstack.PartnershipUpdateParams{TierKey: tier.Key})
	require.NoError(t, err)
	require.NotNil(t, p.Tier)
	assert.Equal(t, "Diamond", p.Tier.Name)
}

func TestProductsAndProductBooks(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()
	books := collect(t, c.ProductBooks.List(ctx))
	require.Len(t, books, 3)
	growth := collect(t, c.ProductBooks.List(ctx, &partnerstack.ProductBookListOptions{Keywords: "growth"}))
	require.Len(t, growth, 1)

	book, err := c.ProductBooks.Create(ctx, &partnerstack.ProductBookCreateParams{Name: "Add-on seats", Description: "Extra seats"})
	require.NoError(t, err)
	book, err = c.ProductBooks.Update(ctx, book.Key, &partnerstack.ProductBookUpdateParams{Description: "Extra seats, billed monthly"})
	require.NoError(t, err)
	got, err := c.ProductBooks.Get(ctx, book.Key)
	require.NoError(t, err)
	assert.Equal(t, "Extra seats, billed monthly", got.Description)

	customer := srv.Customers()[5]
	prod, err := c.Products.Create(ctx, &partnerstack.ProductCreateParams{ProductBookKey: book.Key, CustomerKey: customer.Key, Status: "active", ExternalKey: "sub_seats_1"})
	require.NoError(t, err)
	byExternal, err := c.Products.Get(ctx, "sub_seats_1")
	require.NoError(t, err)
	assert.Equal(t, prod.Key, byExternal.Key)
	_, err = c.Products.Update(ctx, prod.Key, &partnerstack.ProductUpdateParams{Status: "cancelled"})
	require.NoError(t, err)
	mine := collect(t, c.Products.List(ctx, &partnerstack.ProductListOptions{CustomerKey: customer.Key}))
	require.Len(t, mine, 1)
	assert.Equal(t, "cancelled", mine[0].Status)
	_, err = c.Products.Create(ctx, &partnerstack.ProductCreateParams{ProductBookKey: "pbk_missing", CustomerKey: customer.Key, Status: "active"})
	assert.ErrorIs(t, err, partnerstack.ErrInvalidRequest)

	require.NoError(t, c.Products.Delete(ctx, prod.Key))
	require.NoError(t, c.ProductBooks.Delete(ctx, book.Key))
	_, err = c.ProductBooks.Get(ctx, book.Key)
	assert.ErrorIs(t, err, partnerstack.ErrNotFound)
}

func TestWebhooks(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()
	require.Len(t, collect(t, c.Webhooks.List(ctx)), 2)
	h, err := c.Webhooks.Create(ctx, &partnerstack.WebhookCreateParams{
		Target: "https://hooks.example.com/ps", Events: []string{partnerstack.EventCustomerCreated, partnerstack.EventPartnershipCreated},
	})
	require.NoError(t, err)
	assert.Equal(t, []string{partnerstack.EventCustomerCreated, partnerstack.EventPartnershipCreated}, h.Events)
	_, err = c.Webhooks.Create(ctx, &partnerstack.WebhookCreateParams{Target: "not a url", Events: []string{partnerstack.EventCustomerCreated}})
	assert.Error(t, err)

	h, err = c.Webhooks.Update(ctx, h.Key, &partnerstack.WebhookUpdateParams{Events: []string{partnerstack.EventCustomerDeleted}})
	require.NoError(t, err)
	got, err := c.Webhooks.Get(ctx, h.Key)
	require.NoError(t, err)
	assert.Equal(t, []string{partnerstack.EventCustomerDeleted}, got.Events)
	assert.Equal(t, "https://hooks.example.com/ps", got.Target)

	require.NoError(t, c.Webhooks.Archive(ctx, h.Key))
	_, err = c.Webhooks.Get(ctx, h.Key)
	assert.ErrorIs(t, err, partnerstack.ErrNotFound)
	assert.Len(t, srv.Webhooks(), 3)
}

func TestReports(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()
	cfgs := collect(t, c.Reports.ListConfigurations(ctx))
	require.Len(t, cfgs, 3)
	cfg, err := c.Reports.GetConfiguration(ctx, cfgs[0].Key)
	require.NoError(t, err)
	assert.Equal(t, cfgs[0].Name, cfg.Name)

	exp, err := c.Reports.Export(ctx, cfg.Key, &partnerstack.ReportExportParams{MemberEmail: "ana@acme-analytics.example"})
	require.NoError(t, err)
	assert.NotEmpty(t, exp.Key)
	got, err := c.Reports.GetExport(ctx, exp.Key)
	require.NoError(t, err)
	assert.NotEmpty(t, got.FileURL)
	assert.Equal(t, cfg.Name+".csv", got.FileName)

	// A second export of the same report within two hours answers 429
	// with a Retry-After longer than the client waits, and is not retried.
	srv.ResetRequests()
	_, err = c.Reports.Export(ctx, cfg.Key, &partnerstack.ReportExportParams{MemberEmail: "ana@acme-analytics.example"})
	require.ErrorIs(t, err, partnerstack.ErrRateLimited)
	var apiErr *partnerstack.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Greater(t, apiErr.RetryAfter.Hours(), 1.9)
	assert.Equal(t, 1, srv.RequestCount())

	require.NoError(t, c.Reports.ExportBaseRecords(ctx, &partnerstack.BaseRecordsExportParams{MemberEmail: "ana@acme-analytics.example", ExportTypes: []string{"partnerships"}}))
	reqs := srv.Requests()
	var body map[string]any
	require.NoError(t, json.Unmarshal(reqs[len(reqs)-1].Body, &body))
	assert.Equal(t, []any{"partnerships"}, body["export_types"])
	assert.Equal(t, http.MethodPost, reqs[len(reqs)-1].Method)
	assert.Error(t, c.Reports.ExportBaseRecords(ctx, &partnerstack.BaseRecordsExportParams{}))
}

func TestFormTemplatesAndStages(t *testing.T) {
	c, _, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()
	all := collect(t, c.FormTemplates.List(ctx))
	require.Len(t, all, 2)
	deals := collect(t, c.FormTemplates.List(ctx, &partnerstack.FormTemplateListOptions{TargetType: "deal"}))
	assert.Empty(t, deals, "target_type matches the fake's target_type field, which the demo forms lack")

	stages, err := c.SalesCycles.Stages(ctx, "deal", nil)
	require.NoError(t, err)
	require.Len(t, stages, 5)
	assert.Equal(t, "Registered", stages[0].Name)
	_, err = c.SalesCycles.Stages(ctx, "invoice", &partnerstack.StageOptions{})
	assert.ErrorIs(t, err, partnerstack.ErrInvalidRequest)
	_, err = c.SalesCycles.Stages(ctx, "lead", &partnerstack.StageOptions{GroupKey: "grup_missing"})
	assert.ErrorIs(t, err, partnerstack.ErrNotFound)
}
