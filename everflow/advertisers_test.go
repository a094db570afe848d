package everflow_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
)

// The documented advertiser shape decodes into the typed fields, the
// labels coming from relationship.
func TestAdvertiserDecodesDocumentedShape(t *testing.T) {
	var a Advertiser
	require.NoError(t, json.Unmarshal(readVendor(t, "advertiser_get_response.json"), &a))
	assert.Equal(t, int64(31), a.NetworkAdvertiserID)
	assert.Equal(t, "Northwind Outdoor Co", a.Name)
	assert.Equal(t, AccountActive, a.AccountStatus)
	assert.Nil(t, a.IsExposePublisherReportingData)
	assert.Equal(t, 67, a.ReportingTimezoneID)
	assert.Equal(t, "partner", a.AffiliateIDMacro)
	assert.Equal(t, int64(1706745600), a.TimeCreated.Unix())
	assert.Equal(t, []string{"outdoor", "tier-a"}, a.Labels)
	require.NotNil(t, a.Relationship)
	require.NotNil(t, a.Relationship.AccountManager)
	assert.Equal(t, "Ines", a.Relationship.AccountManager.FirstName)
	require.NotNil(t, a.Relationship.Reporting)
	assert.Equal(t, int64(120), a.Relationship.Reporting.TotalClick)
	assert.Equal(t, int64(7), a.Relationship.Reporting.CV)
	assert.JSONEq(t, `0`, string(a.Relationship.Reporting.Metrics["ctr"]))
	assert.Empty(t, a.Other)
}

// A money metric of the advertiser's reporting reads as an exact Amount.
func TestAdvertiserReportingAmount(t *testing.T) {
	var r AdvertiserReporting
	require.NoError(t, json.Unmarshal([]byte(`{"cv":7,"payout":0.0125,"revenue":"25.00","profit":null,"ctr":"x"}`), &r))
	for _, tt := range []struct{ name, want string }{
		{"payout", "0.0125"}, {"revenue", "25.00"}, {"profit", "null"}, {"event_revenue", "0"},
	} {
		a, err := r.Amount(tt.name)
		require.NoError(t, err, tt.name)
		assert.Equal(t, tt.want, a.String(), tt.name)
	}
	_, err := r.Amount("ctr")
	assert.Error(t, err)
}

// A whole-record update built from a read sends back every member read,
// unmodelled ones included, with only the changed field different.
func TestAdvertiserUpdateSendsBackEverythingRead(t *testing.T) {
	var m map[string]any
	require.NoError(t, json.Unmarshal(readVendor(t, "advertiser_get_response.json"), &m))
	m["relationship"].(map[string]any)["billing"] = map[string]any{"billing_frequency": "monthly", "invoice_days": 30}
	m["future_setting"] = map[string]any{"enabled": true}
	body, err := json.Marshal(m)
	require.NoError(t, err)

	srv, rec := serveBody(t, body)
	c := clientOf(t, srv.URL)
	ctx := context.Background()
	a, err := c.Advertisers.Get(ctx, 31, WithRelationships(RelationshipLabels, RelationshipBilling))
	require.NoError(t, err)
	assert.Equal(t, "/networks/advertisers/31?relationship=labels&relationship=billing", rec.paths[http.MethodGet])
	p := a.UpdateParams()
	p.InternalNotes = "renewed"
	_, err = c.Advertisers.Update(ctx, 31, p)
	require.NoError(t, err)

	assert.Equal(t, "/networks/advertisers/31", rec.paths[http.MethodPut])
	assert.JSONEq(t, `{
		"name": "Northwind Outdoor Co",
		"account_status": "active",
		"network_employee_id": 4,
		"sales_manager_id": 5,
		"internal_notes": "renewed",
		"address_id": 9,
		"is_contact_address_enabled": false,
		"is_expose_publisher_reporting_data": null,
		"default_currency_id": "EUR",
		"platform_name": "Branch",
		"platform_url": "https://branch.example",
		"platform_username": "northwind",
		"reporting_timezone_id": 67,
		"accounting_contact_email": "ap@northwind.example",
		"verification_token": "nw-7f3a",
		"offer_id_macro": "offer",
		"affiliate_id_macro": "partner",
		"labels": ["outdoor", "tier-a"],
		"billing": {"billing_frequency": "monthly", "invoice_days": 30},
		"future_setting": {"enabled": true}
	}`, string(rec.bodies[http.MethodPut]))
}

func TestAdvertiserUpdateRefusals(t *testing.T) {
	ctx := context.Background()
	c := clientOf(t, "http://127.0.0.1:1")
	var bare Advertiser
	require.NoError(t, json.Unmarshal([]byte(`{"network_advertiser_id":3,"name":"x","account_status":"active"}`), &bare))
	withAddress := bare.UpdateParams()
	withAddress.Labels = []string{}
	withAddress.IsContactAddressEnabled = true
	for _, tc := range []struct {
		name   string
		params *AdvertiserUpdateParams
		want   string
	}{
		{"nil params", nil, "Name is required"},
		{"labels not read", bare.UpdateParams(), "read without its labels"},
		{"address flag without address", withAddress, "ContactAddress"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.Advertisers.Update(ctx, 3, tc.params)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	_, err := c.Advertisers.Create(ctx, &AdvertiserCreateParams{Name: " "})
	assert.ErrorContains(t, err, "Name is required")
}

func TestAdvertisersAgainstFake(t *testing.T) {
	srv, c, _ := demo(t)
	ctx := context.Background()

	all := collectAll(t, c.Advertisers.List(ctx, &AdvertiserListOptions{Relationships: []Relationship{RelationshipLabels}}))
	require.NotEmpty(t, all)
	assert.Len(t, all, len(srv.Advertisers()))
	for _, a := range all {
		assert.NotZero(t, a.NetworkAdvertiserID)
		assert.NotNil(t, a.Labels, "labels come with any relationship")
	}

	created, err := c.Advertisers.Create(ctx, &AdvertiserCreateParams{
		Name: "Lakeside Gear", NetworkEmployeeID: 2, DefaultCurrencyID: "USD", Labels: []string{"new"},
		Billing: json.RawMessage(`{"billing_frequency":"monthly"}`),
	})
	require.NoError(t, err)
	assert.Equal(t, AccountActive, created.AccountStatus)
	assert.Equal(t, []string{"new"}, created.Labels)

	for _, tc := range []struct {
		name   string
		status AccountStatus
		want   int
	}{
		{"active", AccountActive, len(all) + 1},
		{"inactive", AccountInactive, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := collectAll(t, c.Advertisers.List(ctx, &AdvertiserListOptions{AccountStatus: tc.status}))
			assert.Len(t, got, tc.want)
		})
	}

	a, err := c.Advertisers.Get(ctx, created.NetworkAdvertiserID, WithRelationships(RelationshipLabels, RelationshipBilling, RelationshipReporting))
	require.NoError(t, err)
	require.NotNil(t, a.Relationship)
	assert.JSONEq(t, `{"billing_frequency":"monthly"}`, string(a.Relationship.Billing))
	require.NotNil(t, a.Relationship.Reporting)
	p := a.UpdateParams()
	p.AccountStatus = AccountInactive
	u, err := c.Advertisers.Update(ctx, a.NetworkAdvertiserID, p)
	require.NoError(t, err)
	assert.Equal(t, AccountInactive, u.AccountStatus)
	assert.Equal(t, []string{"new"}, u.Labels)
	stored := srv.Advertisers()
	last := stored[len(stored)-1]
	assert.Equal(t, AccountInactive, last.AccountStatus)
	assert.JSONEq(t, `{"billing_frequency":"monthly"}`, string(last.Billing))

	_, err = c.Advertisers.Get(ctx, 99999)
	assert.ErrorIs(t, err, ErrNotFound)
}

// collectAll drains an iterator, failing the test on an error.
func collectAll[T any](t *testing.T, seq func(yield func(T, error) bool)) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		require.NoError(t, err)
		out = append(out, v)
	}
	return out
}

// A create may have reached the server when the answer is a 5xx: it is
// not sent again.
func TestAdvertiserCreateNotRetried(t *testing.T) {
	srv, c, _ := demo(t)
	before := len(srv.Advertisers())
	srv.Inject(1, everflowtest.Fault{Status: http.StatusBadGateway, Applied: true})
	srv.ResetRequests()
	_, err := c.Advertisers.Create(context.Background(), &AdvertiserCreateParams{Name: "Once"})
	assert.ErrorIs(t, err, ErrOutcomeUnknown)
	assert.Equal(t, 1, srv.RequestCount())
	assert.Len(t, srv.Advertisers(), before+1, "the write took effect once")
}
