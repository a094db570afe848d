package partnerstack_test

import (
	"context"
	"net/url"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDealLifecycle(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()
	require.Len(t, collect(t, c.Deals.List(ctx)), 12)

	d, err := c.Deals.Create(ctx, &partnerstack.DealCreateParams{
		AccountName: "Helix Biotech", Amount: cents(240000), CloseDate: "2026-03-31", PartnerKey: partnerstacktest.PartnerPartnerKey,
		Stage: "Registered", ContactFirstName: "Rita", ContactLastName: "Holm",
	})
	require.NoError(t, err)
	assert.Equal(t, "Helix Biotech", d.AccountName)
	assert.Equal(t, "2400.00", d.Amount.String())
	assert.Equal(t, "2026-03-31", d.CloseDate)
	assert.Equal(t, partnerstack.DealSourcePartner, d.Source)

	_, err = c.Deals.Create(ctx, &partnerstack.DealCreateParams{AccountName: "No owner"})
	assert.Error(t, err)
	_, err = c.Deals.Create(ctx, &partnerstack.DealCreateParams{PartnerKey: partnerstacktest.PartnerPartnerKey, CloseDate: "31/03/2026"})
	assert.ErrorIs(t, err, partnerstack.ErrInvalidRequest)

	d, err = c.Deals.Update(ctx, d.Key, &partnerstack.DealUpdateParams{Stage: "Qualified"})
	require.NoError(t, err)
	assert.Equal(t, "Qualified", d.Stage)
	got, err := c.Deals.Get(ctx, d.Key)
	require.NoError(t, err)
	assert.Equal(t, "Qualified", got.Stage)

	mine := collect(t, c.Deals.List(ctx, &partnerstack.DealListOptions{PartnerKey: partnerstacktest.PartnerPartnerKey}))
	assert.NotEmpty(t, mine)

	files, err := c.Deals.Files(ctx, d.Key)
	require.NoError(t, err)
	require.Len(t, files, 1)
	link, err := c.Deals.GetFile(ctx, d.Key, files[0].Key)
	require.NoError(t, err)
	u, err := url.Parse(link.URL)
	require.NoError(t, err)
	assert.Equal(t, "https", u.Scheme)

	var team string
	for _, p := range srv.Partnerships() {
		if p.Team != nil {
			team = p.Team.Key
			require.NoError(t, c.Deals.AssignPartnership(ctx, d.Key, p.Key, team))
			break
		}
	}
	require.NotEmpty(t, team)
	reqs := srv.Requests()
	assert.Equal(t, "/api/deals/"+d.Key+"/assignment/", reqs[len(reqs)-1].Path[:len("/api/deals/"+d.Key+"/assignment/")],
		"served without the /v2 prefix")
	_, err = c.Deals.GetFile(ctx, d.Key, "file_missing")
	assert.ErrorIs(t, err, partnerstack.ErrNotFound)
	var apiErr *partnerstack.Error
	require.ErrorAs(t, err, &apiErr)
	assert.Equal(t, "/api/deals/"+d.Key+"/file/file_missing", apiErr.Path)

	cust, err := c.Deals.Convert(ctx, d.Key, &partnerstack.ConvertParams{Email: "it@helix.example", CustomerKey: "helix-1"})
	require.NoError(t, err)
	assert.Equal(t, partnerstack.Ptr("helix-1"), cust.CustomerKey)
	converted := collect(t, c.Deals.List(ctx, &partnerstack.DealListOptions{CustomerKeys: []string{cust.Key}}))
	require.Len(t, converted, 1)
	assert.Equal(t, d.Key, converted[0].Key)
	q, _ := url.ParseQuery(srv.Requests()[len(srv.Requests())-1].Query)
	assert.Equal(t, []string{cust.Key}, q["customer_key[]"])

	templates, err := c.Deals.FormTemplates(ctx, nil)
	require.NoError(t, err)
	require.Len(t, templates, 1)
	assert.Equal(t, "deal", templates[0].Type)
	require.Len(t, templates[0].Fields, 2)
	assert.Equal(t, "company_size", templates[0].Fields[0].APIName)

	require.NoError(t, c.Deals.Archive(ctx, d.Key))
	_, err = c.Deals.Get(ctx, d.Key)
	assert.ErrorIs(t, err, partnerstack.ErrNotFound)
}

func TestLeadLifecycle(t *testing.T) {
	c, _, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()
	require.Len(t, collect(t, c.Leads.List(ctx)), 15)

	l, err := c.Leads.Create(ctx, &partnerstack.LeadCreateParams{
		PartnerKey: partnerstacktest.PartnerPartnerKey, Amount: cents(75000), ExternalKey: "rita@helix.example",
		Meta: map[string]string{"first_name": "Rita", "last_name": "Holm"},
	})
	require.NoError(t, err)
	assert.Equal(t, partnerstack.LeadOpen, l.Status)
	assert.Equal(t, "Rita", l.Meta["first_name"])
	_, err = c.Leads.Create(ctx, &partnerstack.LeadCreateParams{})
	assert.Error(t, err)

	l, err = c.Leads.Update(ctx, l.Key, &partnerstack.LeadUpdateParams{Status: partnerstack.LeadClosed, Approved: partnerstack.Ptr(true)})
	require.NoError(t, err)
	assert.Equal(t, partnerstack.LeadClosed, l.Status)
	assert.True(t, l.Approved)
	_, err = c.Leads.Update(ctx, l.Key, &partnerstack.LeadUpdateParams{Status: "won"})
	assert.ErrorIs(t, err, partnerstack.ErrInvalidRequest)

	got, err := c.Leads.Get(ctx, l.Key)
	require.NoError(t, err)
	assert.Equal(t, l.Key, got.Key)

	cust, err := c.Leads.Convert(ctx, l.Key, &partnerstack.ConvertParams{Email: "rita@helix.example"})
	require.NoError(t, err)
	assert.Equal(t, partnerstacktest.PartnerPartnershipKey, cust.PartnershipKey)

	templates, err := c.Leads.FormTemplates(ctx, &partnerstack.FormTemplateOptions{})
	require.NoError(t, err)
	require.Len(t, templates, 1)
	assert.Equal(t, "lead", templates[0].Type)

	require.NoError(t, c.Leads.Archive(ctx, l.Key))
	assert.ErrorIs(t, c.Leads.Archive(ctx, l.Key), partnerstack.ErrNotFound)
}
