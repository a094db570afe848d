package partnerstack_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

func TestDistiListingCategories(t *testing.T) {
	c, srv, _ := newVendor(t)
	got, err := c.DistiListings.Categories(context.Background())
	require.NoError(t, err)
	require.Len(t, got, 4)
	assert.Equal(t, "1001", got[0].ID, "a numeric AppDirect id is kept as text")
	assert.Equal(t, "analytics", got[0].Slug)
	assert.Equal(t, "Analytics", got[0].Name)
	assert.Equal(t, "software", got[0].ProductLine)
	assert.JSONEq(t, `{"id":1001,"slug":"analytics","name":"Analytics","productLine":"software"}`, string(got[0].Raw))

	reqs := srv.Requests()
	require.Len(t, reqs, 1)
	assert.Equal(t, "GET", reqs[0].Method)
	assert.Equal(t, "/api/disti/listings/categories", reqs[0].Path, "outside /v2, like the deal assignment")
}

// The body shape is not confirmed by a published example, so every
// likely shape decodes.
func TestDistiListingCategoriesShapes(t *testing.T) {
	want := []*partnerstack.DistiListingCategory{{ID: "cat-7", Slug: "crm", Name: "CRM", ProductLine: "saas"}}
	for name, body := range map[string]string{
		"envelope list":  `{"data":[{"id":"cat-7","slug":"crm","name":"CRM","productLine":"saas"}],"message":"ok","status":200}`,
		"envelope page":  `{"data":{"has_more":false,"items":[{"id":"cat-7","slug":"crm","name":"CRM","product_line":"saas"}]},"status":200}`,
		"categories key": `{"categories":[{"id":"cat-7","slug":"crm","name":"CRM","productLine":"saas"}]}`,
		"bare array":     `[{"id":"cat-7","slug":"crm","name":"CRM","productLine":"saas"}]`,
	} {
		t.Run(name, func(t *testing.T) {
			c, srv, _ := newVendor(t)
			srv.Inject(1, partnerstacktest.Fault{Body: body})
			got, err := c.DistiListings.Categories(context.Background())
			require.NoError(t, err)
			for _, g := range got {
				g.Raw = nil
			}
			assert.Equal(t, want, got)
		})
	}
	for name, body := range map[string]string{
		"no list":        `{"data":{"message":"nothing"}}`,
		"empty category": `{"data":[{}]}`,
		"bad id":         `{"data":[{"id":true,"name":"x"}]}`,
	} {
		t.Run(name, func(t *testing.T) {
			c, srv, _ := newVendor(t)
			srv.Inject(5, partnerstacktest.Fault{Body: body}) // every attempt
			_, err := c.DistiListings.Categories(context.Background())
			assert.ErrorIs(t, err, partnerstack.ErrMalformedResponse)
		})
	}
}
