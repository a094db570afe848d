package everflow_test

import (
	"context"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

func TestAffiliatesListPagesInOrder(t *testing.T) {
	srv := newFakeServer()
	defer srv.Close()
	srv.SeedAffiliates(250)
	c, _ := newTestClient(t, srv)

	var ids []int64
	for a, err := range c.Affiliates.List(context.Background(), &AffiliateListOptions{ListParams: ListParams{PerPage: 100}}) {
		require.NoError(t, err)
		ids = append(ids, a.NetworkAffiliateID)
	}
	require.Len(t, ids, 250)
	for i, id := range ids {
		require.Equal(t, int64(i+1), id)
	}
	assert.Equal(t, 3, srv.RequestCount(), "250 rows at 100 a page")
	for i, r := range srv.Requests() {
		q, _ := url.ParseQuery(r.Query)
		assert.Equal(t, []string{"100"}, q["page_size"])
		assert.Equal(t, []string{[]string{"1", "2", "3"}[i]}, q["page"])
	}
}

func TestAffiliatesListDefaultsToMaxPerPage(t *testing.T) {
	srv, c, _ := demo(t)
	n := 0
	for _, err := range c.Affiliates.List(context.Background()) {
		require.NoError(t, err)
		n++
	}
	assert.Equal(t, 36, n)
	require.Equal(t, 1, srv.RequestCount())
	q, _ := url.ParseQuery(srv.Requests()[0].Query)
	assert.Equal(t, "2000", q.Get("page_size"))
}

// Without prefetching, a break makes no request beyond the caller's page.
func TestAffiliatesListBreakMakesOneRequest(t *testing.T) {
	srv, c, _ := demo(t, WithPrefetch(0))
	for a, err := range c.Affiliates.List(context.Background(), &AffiliateListOptions{ListParams: ListParams{PerPage: 5}}) {
		require.NoError(t, err)
		assert.Equal(t, "Apex Media", a.Name)
		break
	}
	assert.Equal(t, 1, srv.RequestCount())
}

func TestAffiliatesListPageResume(t *testing.T) {
	srv, c, _ := demo(t)
	ctx := context.Background()
	first, resp, err := c.Affiliates.ListPage(ctx, &AffiliateListOptions{ListParams: ListParams{PerPage: 10}})
	require.NoError(t, err)
	require.Len(t, first, 10)
	assert.Equal(t, 2, resp.NextPage)
	assert.True(t, resp.HasMore)
	require.NotNil(t, resp.Total)
	assert.Equal(t, 36, *resp.Total)
	assert.Equal(t, 200, resp.StatusCode)

	// A job stores resp.NextPage and resumes later.
	opts := &AffiliateListOptions{ListParams: ListParams{Page: resp.NextPage, PerPage: 10}}
	var rest []int64
	for a, err := range c.Affiliates.List(ctx, opts) {
		require.NoError(t, err)
		rest = append(rest, a.NetworkAffiliateID)
	}
	assert.Len(t, rest, 26)
	assert.Equal(t, int64(11), rest[0])
	assert.Equal(t, 2, opts.Page, "the caller's options are not changed")
	assert.Equal(t, 4, srv.RequestCount())

	last, resp, err := c.Affiliates.ListPage(ctx, &AffiliateListOptions{ListParams: ListParams{Page: 4, PerPage: 10}})
	require.NoError(t, err)
	assert.Len(t, last, 6)
	assert.Zero(t, resp.NextPage)
	assert.False(t, resp.HasMore)
}

func TestAffiliatesListFilters(t *testing.T) {
	srv, c, _ := demo(t)
	opts := &AffiliateListOptions{
		AccountStatus: AccountActive,
		CreatedAfter:  time.Unix(1685610000, 0),
		SavedBefore:   time.Unix(1800000000, 0),
		Filters:       []BasicFilter{{Field: "account_status", Op: OpEqual, Value: "active"}},
		Relationships: []Relationship{RelationshipUsers},
	}
	n := 0
	for a, err := range c.Affiliates.List(context.Background(), opts) {
		require.NoError(t, err)
		assert.Equal(t, AccountActive, a.AccountStatus)
		require.NotNil(t, a.Relationship)
		require.NotNil(t, a.Relationship.Users)
		assert.Equal(t, 1, a.Relationship.Users.Total)
		n++
	}
	assert.Positive(t, n)
	q, _ := url.ParseQuery(srv.Requests()[0].Query)
	assert.Equal(t, []string{"account_status=active", "time_created>1685610000", "time_saved<1800000000", "account_status=active"}, q["filter"])
	assert.Equal(t, []string{"users"}, q["relationship"])

	for _, err := range c.Affiliates.List(context.Background(), &AffiliateListOptions{Filters: []BasicFilter{{Field: "x", Op: "!="}}}) {
		require.Error(t, err)
		assert.Contains(t, err.Error(), "operator")
	}
	_, _, err := c.Affiliates.ListPage(context.Background(), &AffiliateListOptions{ListParams: ListParams{PerPage: 2001}})
	assert.ErrorContains(t, err, "page size must be 1..2000")
	assert.Equal(t, 1, srv.RequestCount(), "bad options make no request")
}

func TestAffiliatesSearch(t *testing.T) {
	srv, c, _ := demo(t)
	opts := &AffiliateSearchOptions{
		SearchTerms: []SearchTerm{NameSearch("media")},
		Filters:     AffiliateTableFilters{AccountStatus: AccountActive, CountryCodes: []string{"US"}, Labels: []string{"tier-1"}},
	}
	var names []string
	for a, err := range c.Affiliates.Search(context.Background(), opts) {
		require.NoError(t, err)
		names = append(names, a.Name)
	}
	assert.Equal(t, []string{"Apex Media", "Granite Media"}, names)
	req := srv.Requests()[0]
	assert.Equal(t, "POST", req.Method)
	assert.Equal(t, "/v1/networks/affiliatestable", req.Path)
	assert.JSONEq(t, `{"search_terms":[{"search_type":"name","value":"media"}],
		"filters":{"account_status":"active","labels":["tier-1"],"country_codes":["US"]}}`, string(req.Body))
	assert.Contains(t, req.Query, "page=1")
}

func TestAffiliateGetWithRelationships(t *testing.T) {
	srv, c, _ := demo(t)
	a, err := c.Affiliates.Get(context.Background(), 1, WithRelationships(RelationshipUsers, RelationshipBilling, RelationshipReporting))
	require.NoError(t, err)
	assert.Equal(t, "Apex Media", a.Name)
	assert.Equal(t, time.Date(2023, 6, 1, 9, 0, 0, 0, time.UTC), a.TimeCreated)
	require.NotNil(t, a.Relationship)
	assert.Equal(t, "Lindqvist", a.Relationship.AccountManager.LastName)
	assert.Equal(t, "ava@apexmedia.example", a.Relationship.Users.Entries[0].Email)
	assert.Equal(t, &Billing{BillingFrequency: "monthly", PaymentType: "wire", Details: &BillingDetails{DayOfMonth: 1}}, a.Relationship.Billing)
	assert.Contains(t, a.Relationship.Other, "reporting", "relationships not modelled are kept")
	assert.Equal(t, "relationship=users&relationship=billing&relationship=reporting", srv.Requests()[0].Query)
}

func TestAffiliateCreate(t *testing.T) {
	srv, c, _ := demo(t)
	notify := false
	a, err := c.Affiliates.Create(context.Background(), &AffiliateCreateParams{
		Name: "Quill Reviews", AccountStatus: AccountActive, NetworkEmployeeID: 2, DefaultCurrencyID: "USD",
		Labels:  []string{"content"},
		Users:   []AffiliateUserParams{{FirstName: "Nora", LastName: "Quill", Email: "nora@quill.example"}},
		Billing: &Billing{BillingFrequency: "monthly", PaymentType: "none", Details: &BillingDetails{DayOfMonth: 1}},
		ContactAddress: &ContactAddress{
			Address1: "1 Main St", City: "Austin", RegionCode: "TX", CountryCode: "US", ZipPostalCode: "73301",
		},
		Notification: &notify,
	})
	require.NoError(t, err)
	assert.Equal(t, int64(37), a.NetworkAffiliateID)
	assert.Equal(t, "Quill Reviews", a.Name)
	req := srv.Requests()[0]
	assert.Equal(t, "notification=false", req.Query)
	assert.JSONEq(t, `{"name":"Quill Reviews","account_status":"active","network_employee_id":2,"default_currency_id":"USD",
		"contact_address":{"address_1":"1 Main St","address_2":"","city":"Austin","region_code":"TX","country_code":"US","zip_postal_code":"73301"},
		"labels":["content"],"users":[{"first_name":"Nora","last_name":"Quill","email":"nora@quill.example"}],
		"billing":{"billing_frequency":"monthly","payment_type":"none","details":{"day_of_month":1}}}`, string(req.Body))
	stored := srv.Affiliates()[36]
	assert.Equal(t, "nora@quill.example", stored.Users[0].Email)

	_, err = c.Affiliates.Create(context.Background(), &AffiliateCreateParams{})
	assert.ErrorContains(t, err, "Name is required")
	_, err = c.Affiliates.Create(context.Background(), nil)
	assert.Error(t, err)
	assert.Equal(t, 1, srv.RequestCount())
}

// Update replaces the record: the documented get-modify-put pattern keeps
// the other fields.
func TestAffiliateUpdateGetModifyPut(t *testing.T) {
	srv, c, _ := demo(t)
	ctx := context.Background()
	a, err := c.Affiliates.Get(ctx, 1, WithRelationships(RelationshipBilling))
	require.NoError(t, err)
	p := a.UpdateParams()
	p.AccountStatus = AccountInactive
	p.InternalNotes = "paused for review"
	if a.IsContactAddressEnabled {
		// The address is write-only: Update refuses to erase it.
		_, err = c.Affiliates.Update(ctx, 1, p)
		require.ErrorContains(t, err, "would erase the address")
		assert.Equal(t, 1, srv.RequestCount(), "nothing was sent")
		p.ContactAddress = &ContactAddress{Address1: "1 Main St", City: "Springfield", RegionCode: "IL", CountryCode: "US", ZipPostalCode: "62701"}
	}
	updated, err := c.Affiliates.Update(ctx, 1, p)
	require.NoError(t, err)
	assert.Equal(t, AccountInactive, updated.AccountStatus)
	assert.Equal(t, "Apex Media", updated.Name)
	assert.Equal(t, a.NetworkEmployeeID, updated.NetworkEmployeeID)
	assert.Equal(t, a.Labels, updated.Labels)

	stored := srv.Affiliates()[0]
	assert.Equal(t, "paused for review", stored.InternalNotes)
	assert.Equal(t, "monthly", stored.Billing.BillingFrequency)
	assert.Equal(t, "PUT", srv.Requests()[1].Method)

	// A plain Get carries neither tier nor labels (Everflow sends them
	// inside relationship): Update refuses to reset them.
	plain, err := c.Affiliates.Get(ctx, 2)
	require.NoError(t, err)
	pp := plain.UpdateParams()
	pp.IsContactAddressEnabled = false
	n := srv.RequestCount()
	_, err = c.Affiliates.Update(ctx, 2, pp)
	assert.ErrorContains(t, err, "read without network_affiliate_tier_id and labels")
	assert.Equal(t, n, srv.RequestCount(), "nothing was sent")

	// Without the billing block (Get without RelationshipBilling) the
	// API refuses the replacement.
	users, err := c.Affiliates.Get(ctx, 2, WithRelationships(RelationshipUsers))
	require.NoError(t, err)
	pu := users.UpdateParams()
	pu.IsContactAddressEnabled = false
	_, err = c.Affiliates.Update(ctx, 2, pu)
	assert.ErrorIs(t, err, ErrInvalidRequest)
	_, err = c.Affiliates.Update(ctx, 2, &AffiliateUpdateParams{})
	assert.ErrorContains(t, err, "Name is required")
}

// The fake answers the documented shape, and a read from it updated
// through UpdateParams keeps the tier and labels.
func TestAffiliateFakeKeepsTierAndLabels(t *testing.T) {
	srv := newFakeServer(everflowtest.WithDemoData())
	defer srv.Close()
	stored := srv.AddAffiliate(everflowtest.Affiliate{
		Name: "Tiered", NetworkEmployeeID: 2, NetworkAffiliateTierID: 4, Labels: []string{"vip", "email"},
		Billing: &everflowtest.Billing{BillingFrequency: "monthly", PaymentType: "none"},
	})
	c, _ := newTestClient(t, srv)
	ctx := context.Background()
	a, err := c.Affiliates.Get(ctx, stored.NetworkAffiliateID, WithRelationships(RelationshipBilling))
	require.NoError(t, err)
	assert.Equal(t, int64(4), a.NetworkAffiliateTierID)
	assert.Equal(t, []string{"vip", "email"}, a.Labels)
	p := a.UpdateParams()
	p.Name = "Tiered Ltd"
	u, err := c.Affiliates.Update(ctx, a.NetworkAffiliateID, p)
	require.NoError(t, err)
	assert.Equal(t, int64(4), u.NetworkAffiliateTierID)
	assert.Equal(t, []string{"vip", "email"}, u.Labels)
	after := srv.Affiliates()
	got := after[len(after)-1]
	assert.Equal(t, "Tiered Ltd", got.Name)
	assert.Equal(t, int64(4), got.NetworkAffiliateTierID)
	assert.Equal(t, []string{"vip", "email"}, got.Labels)
}
