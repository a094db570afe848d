package partnerstack_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPartnerAPI(t *testing.T) {
	_, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	p := newPartner(t, srv)
	ctx := context.Background()
	srv.ResetRequests()

	parts := collect(t, p.Partnerships.List(ctx, &partnerstack.PartnershipListOptions{IncludeOffers: partnerstack.Ptr(true)}))
	require.Len(t, parts, 1)
	assert.Equal(t, partnerstacktest.PartnerPartnershipKey, parts[0].Key)
	require.NotNil(t, parts[0].Company)
	assert.Equal(t, partnerstacktest.CompanyName, parts[0].Company.Name)
	require.Len(t, parts[0].Offers, 1)
	assert.Equal(t, "20", parts[0].Offers[0].BaseRate.String())
	assert.Empty(t, parts[0].Email, "the Partner API does not send the vendor's fields")

	customers := collect(t, p.Customers.List(ctx))
	require.NotEmpty(t, customers)
	for _, c := range customers {
		assert.Equal(t, partnerstacktest.PartnerPartnershipKey, c.PartnershipKey)
		assert.NotEmpty(t, c.CountryISO)
		assert.Empty(t, c.Email)
	}

	rewards := collect(t, p.Rewards.List(ctx, &partnerstack.RewardListOptions{CompanyKey: partnerstacktest.CompanyKey}))
	require.NotEmpty(t, rewards)
	for _, r := range rewards {
		assert.Nil(t, r.Partnership)
		assert.Equal(t, partnerstack.Ptr(partnerstacktest.PartnerPartnershipKey), r.PartnershipKey)
	}
	actions := collect(t, p.Actions.List(ctx))
	require.NotEmpty(t, actions)
	assert.NotEmpty(t, collect(t, p.Transactions.List(ctx)))

	payouts := collect(t, p.Payouts.List(ctx))
	require.Len(t, payouts, 6)
	assert.Equal(t, "in_transit", payouts[0].Status)
	assert.Nil(t, payouts[0].SentAt)
	require.NotNil(t, payouts[1].SentAt)

	programs := collect(t, p.Programs.List(ctx))
	require.Len(t, programs, 8)
	own, err := p.Programs.Get(ctx, partnerstacktest.CompanyKey)
	require.NoError(t, err)
	assert.Equal(t, int64(partnerstacktest.CompanyID), own.ID)
	assert.Equal(t, []string{"Analytics"}, own.Category)
	marketing := collect(t, p.Programs.List(ctx, &partnerstack.ProgramListOptions{Category: "marketing"}))
	require.Len(t, marketing, 1)
	assert.Equal(t, "Voxa Video", marketing[0].Name)

	for _, r := range srv.Requests() {
		assert.True(t, strings.HasPrefix(r.Header.Get("Authorization"), "Bearer "), r.Path)
	}
}

func TestAuthSchemesAreKeptApart(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()
	// Vendor keys on a Partner API path.
	err := partnerstack.GetFrom(ctx, c, "marketplace/programs/"+partnerstacktest.CompanyKey)
	require.ErrorIs(t, err, partnerstack.ErrUnauthorized)
	assert.Contains(t, err.Error(), "Partner API")

	wrong, err := partnerstack.NewPartnerClient(partnerstack.WithAPIKey("psk_wrong"), partnerstack.WithBaseURL(srv.URL))
	require.NoError(t, err)
	_, _, err = wrong.Payouts.ListPage(ctx, nil)
	require.ErrorIs(t, err, partnerstack.ErrUnauthorized)

	srv.ResetRequests()
	_, _, err = c.Groups.ListPage(ctx, nil)
	require.NoError(t, err)
	h := srv.Requests()[0].Header
	assert.True(t, strings.HasPrefix(h.Get("Authorization"), "Basic "))
	assert.Equal(t, "application/json", h.Get("Accept"))
	assert.Contains(t, h.Get("User-Agent"), "affiliatekit-go/")
	assert.Equal(t, http.MethodGet, srv.Requests()[0].Method)
}
