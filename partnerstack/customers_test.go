package partnerstack_test

import (
	"context"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCustomerWrites(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()

	cust, err := c.Customers.Create(ctx, &partnerstack.CustomerCreateParams{
		CustomerKey: partnerstack.Ptr("acct_9001"), Email: "finance@opal-insurance.example", Name: "Opal Insurance",
		PartnerKey: partnerstacktest.PartnerPartnerKey, Meta: map[string]string{"plan": "growth"},
	})
	require.NoError(t, err)
	assert.Equal(t, partnerstack.Ptr("acct_9001"), cust.CustomerKey)
	assert.Equal(t, partnerstacktest.PartnerPartnershipKey, cust.PartnershipKey)
	assert.Equal(t, "Opal Insurance", cust.Name)

	noKey, err := c.Customers.Create(ctx, &partnerstack.CustomerCreateParams{Email: "ops@kite.example", PartnerKey: partnerstacktest.PartnerPartnerKey})
	require.NoError(t, err, "customer_key may be null")
	assert.Empty(t, noKey.CustomerKey)

	got, err := c.Customers.Get(ctx, cust.Key)
	require.NoError(t, err)
	assert.Equal(t, cust.Key, got.Key)

	upd, err := c.Customers.Update(ctx, cust.Key, &partnerstack.CustomerUpdateParams{Name: "Opal Insurance Ltd"})
	require.NoError(t, err)
	assert.Equal(t, "Opal Insurance Ltd", upd.Name)
	assert.True(t, upd.UpdatedAt.After(cust.UpdatedAt) || upd.UpdatedAt.Equal(cust.UpdatedAt))

	require.NoError(t, c.Customers.Delete(ctx, cust.Key))
	_, err = c.Customers.Get(ctx, cust.Key)
	assert.ErrorIs(t, err, partnerstack.ErrNotFound)

	for name, p := range map[string]*partnerstack.CustomerCreateParams{
		"no email":   {PartnerKey: "x"},
		"no partner": {Email: "a@b.example"},
		"long name":  {Email: "a@b.example", PartnerKey: "x", Name: string(make([]byte, 101))},
	} {
		_, err := c.Customers.Create(ctx, p)
		assert.Error(t, err, name)
	}

	var found bool
	for _, s := range srv.Customers() {
		found = found || s.Key == noKey.Key
	}
	assert.True(t, found)
}

func TestCustomerListFilters(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()
	mine := collect(t, c.Customers.List(ctx, &partnerstack.CustomerListOptions{PartnerKey: partnerstacktest.PartnerPartnerKey}))
	require.NotEmpty(t, mine)
	for _, cu := range mine {
		assert.Equal(t, partnerstacktest.PartnerPartnerKey, cu.PartnerKey)
		assert.NotEmpty(t, cu.Email, "the Vendor API sends the email")
		assert.Nil(t, cu.Company, "and no company")
	}
	agencies := collect(t, c.Customers.List(ctx, &partnerstack.CustomerListOptions{Group: "agencies"}))
	require.NotEmpty(t, agencies)
	assert.Less(t, len(agencies), len(srv.Customers()))
}
