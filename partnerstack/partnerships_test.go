package partnerstack_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPartnershipsListAndGet(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()
	all := collect(t, c.Partnerships.List(ctx))
	require.Len(t, all, 24)
	p := all[len(all)-1]
	assert.NotEmpty(t, p.PartnerKey)
	assert.NotEmpty(t, p.Email)
	require.NotNil(t, p.Group)
	assert.NotEmpty(t, p.Group.Slug)
	require.NotNil(t, p.JoinedAt)
	assert.Contains(t, p.Stats, partnerstack.StatCustomerCount)

	own, err := c.Partnerships.Get(ctx, partnerstacktest.PartnerPartnershipKey)
	require.NoError(t, err)
	assert.Equal(t, partnerstacktest.PartnerPartnerKey, own.PartnerKey)
	customers, ok := own.Stats.Count(partnerstack.StatCustomerCount)
	assert.True(t, ok)
	assert.Positive(t, customers, "the partner's statistics are the partnership's stats")
	byPartnerKey, err := c.Partnerships.Get(ctx, partnerstacktest.PartnerPartnerKey)
	require.NoError(t, err)
	assert.Equal(t, own.Key, byPartnerKey.Key)

	byUpdate := collect(t, c.Partnerships.List(ctx, &partnerstack.PartnershipListOptions{OrderBy: partnerstack.OrderUpdatedAtDesc, ApprovedStatus: "approved"}))
	assert.Len(t, byUpdate, 24)
	for i := 1; i < len(byUpdate); i++ {
		assert.False(t, byUpdate[i].UpdatedAt.After(byUpdate[i-1].UpdatedAt))
	}
	_, _, err = c.Partnerships.ListPage(ctx, &partnerstack.PartnershipListOptions{OrderBy: partnerstack.Order("email")})
	assert.ErrorIs(t, err, partnerstack.ErrInvalidRequest)
	_, err = c.Partnerships.Get(ctx, "part_missing")
	assert.ErrorIs(t, err, partnerstack.ErrNotFound)
	_ = srv
}

func TestPartnershipWrites(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()
	groups := srv.Groups()

	p, err := c.Partnerships.Create(ctx, &partnerstack.PartnershipCreateParams{
		Email: "jo.quinn@lighthouse.example", FirstName: "Jo", LastName: "Quinn", PartnerKey: "lighthouse",
		GroupKey: groups[1].Key, Tags: []string{"new"}, ManagerEmail: "pm@acme-analytics.example",
	})
	require.NoError(t, err)
	assert.Equal(t, "lighthouse", p.PartnerKey)
	assert.Equal(t, groups[1].Key, p.Group.Key)
	assert.Equal(t, []string{"new"}, p.Tags)
	assert.False(t, p.Claimed)

	_, err = c.Partnerships.Create(ctx, &partnerstack.PartnershipCreateParams{Email: "other@lighthouse.example", PartnerKey: "lighthouse"})
	assert.ErrorIs(t, err, partnerstack.ErrInvalidRequest, "partner keys are unique")
	_, err = c.Partnerships.Create(ctx, &partnerstack.PartnershipCreateParams{})
	assert.Error(t, err)

	p, err = c.Partnerships.Update(ctx, p.Key, &partnerstack.PartnershipUpdateParams{GroupKey: groups[2].Key})
	require.NoError(t, err)
	assert.Equal(t, groups[2].Key, p.Group.Key)

	p, err = c.Partnerships.UpdateTags(ctx, p.Key, &partnerstack.PartnershipTagsParams{Add: []string{"vip"}, Remove: []string{"new"}})
	require.NoError(t, err)
	assert.Equal(t, []string{"vip"}, p.Tags)

	require.NoError(t, c.Partnerships.MoveToGroup(ctx, &partnerstack.PartnershipMoveParams{GroupKey: groups[0].Key, PartnershipKeys: []string{p.Key}}))
	got, err := c.Partnerships.Get(ctx, p.Key)
	require.NoError(t, err)
	assert.Equal(t, groups[0].Key, got.Group.Key)
	assert.Error(t, c.Partnerships.MoveToGroup(ctx, &partnerstack.PartnershipMoveParams{GroupKey: groups[0].Key}))

	raw, err := c.Partnerships.AddMember(ctx, "lighthouse", &partnerstack.PartnershipMemberParams{Email: "sam@lighthouse.example", FirstName: "Sam"})
	require.NoError(t, err)
	var member partnerstack.TeamMember
	require.NoError(t, json.Unmarshal(raw, &member))
	assert.Equal(t, "sam@lighthouse.example", member.Email)
	got, err = c.Partnerships.Get(ctx, p.Key)
	require.NoError(t, err)
	require.NotNil(t, got.Team)
	team, err := c.Partnerships.GetTeam(ctx, got.Team.Key)
	require.NoError(t, err)
	require.Len(t, team.Members, 1)
	assert.Equal(t, "Sam", team.Members[0].FirstName)

	require.NoError(t, c.Partnerships.Archive(ctx, p.Key))
	assert.ErrorIs(t, c.Partnerships.Archive(ctx, p.Key), partnerstack.ErrNotFound)
	for _, q := range srv.Partnerships() {
		if q.Key == p.Key {
			assert.True(t, q.Archived)
		}
	}
	assert.Len(t, collect(t, c.Partnerships.List(ctx)), 24, "archived partnerships are not listed")
}

func TestLinksAndGroups(t *testing.T) {
	c, _, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()
	links := collect(t, c.Links.List(ctx, partnerstacktest.PartnerPartnerKey))
	require.Len(t, links, 1)
	assert.Equal(t, "https://acme-analytics.partnerlinks.io/northwind-digital", links[0].URL)
	assert.NotEmpty(t, links[0].Dest)
	_, _, err := c.Links.ListPage(ctx, "nobody", nil)
	assert.ErrorIs(t, err, partnerstack.ErrNotFound)
	_, _, err = c.Links.ListPage(ctx, "", nil)
	assert.Error(t, err)

	groups := collect(t, c.Groups.List(ctx))
	require.Len(t, groups, 3)
	var names []string
	for _, g := range groups {
		names = append(names, g.Name)
	}
	assert.ElementsMatch(t, []string{"Affiliates", "Agencies", "Resellers"}, names)
	assert.True(t, groups[2].Default)
	assert.True(t, groups[1].Features.DealsEnabled)
}
