package firstpromoter_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

func TestProductsAgainstFake(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newFakeClient(t, nil)
	pro, err := c.Products.Create(ctx, &firstpromoter.ProductCreateParams{
		Name: "Pro plan", ExtID: "prod_pro",
		Prices: []firstpromoter.ProductPrice{{ExtID: "price_monthly", Desc: "Monthly"}, {ExtID: "price_yearly"}},
	})
	require.NoError(t, err)
	require.NotNil(t, pro.ExtID)
	assert.Equal(t, "prod_pro", *pro.ExtID)
	assert.Equal(t, []firstpromoter.ProductPrice{{ExtID: "price_monthly", Desc: "Monthly"}, {ExtID: "price_yearly"}}, pro.Prices)
	body := srv.Requests()[0].Body
	assert.JSONEq(t, `{"name":"Pro plan","ext_id":"prod_pro","prices":[{"ext_id":"price_monthly","desc":"Monthly"},{"ext_id":"price_yearly","desc":null}]}`, string(body))

	basic := srv.AddProduct(firstpromotertest.Product{Name: "Basic"})
	cases := []struct {
		name string
		q    string
		want []int64
	}{
		{"all", "", []int64{pro.ID, basic.ID}},
		{"by name", "basic", []int64{basic.ID}},
		{"by price id", "yearly", []int64{pro.ID}},
		{"none", "enterprise", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []int64
			for p, err := range c.Products.List(ctx, &firstpromoter.ProductListOptions{Q: tc.q}) {
				require.NoError(t, err)
				got = append(got, p.ID)
			}
			assert.Equal(t, tc.want, got)
		})
	}

	updated, err := c.Products.Update(ctx, pro.ID, &firstpromoter.ProductUpdateParams{Prices: []firstpromoter.ProductPrice{{ExtID: "price_monthly"}}})
	require.NoError(t, err)
	assert.Equal(t, "Pro plan", updated.Name, "an empty name is left unchanged")
	assert.Len(t, updated.Prices, 1)

	_, err = c.Products.Update(ctx, pro.ID, &firstpromoter.ProductUpdateParams{Prices: []firstpromoter.ProductPrice{{ExtID: "a"}, {ExtID: "a"}}})
	assert.ErrorIs(t, err, firstpromoter.ErrInvalidRequest, "price ids are unique within a product")

	require.NoError(t, c.Products.Delete(ctx, basic.ID))
	_, err = c.Products.Get(ctx, basic.ID)
	assert.ErrorIs(t, err, firstpromoter.ErrNotFound)
}

func TestProductsValidateAndDoNotRetryCreate(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newFakeClient(t, nil, firstpromoter.WithMaxRetries(3))
	_, err := c.Products.Create(ctx, &firstpromoter.ProductCreateParams{Name: "x"})
	assert.ErrorContains(t, err, "price")
	_, err = c.Products.Update(ctx, 1, nil)
	assert.ErrorContains(t, err, "Prices are required")
	assert.Zero(t, srv.RequestCount())
	srv.Inject(1, firstpromotertest.Fault{Status: http.StatusBadGateway})
	_, err = c.Products.Create(ctx, &firstpromoter.ProductCreateParams{Name: "x", Prices: []firstpromoter.ProductPrice{{ExtID: "p"}}})
	assert.ErrorIs(t, err, firstpromoter.ErrOutcomeUnknown)
	assert.Equal(t, 1, srv.RequestCount())
}

func TestPayoutMethodsAgainstFake(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newFakeClient(t, nil)
	srv.SeedPromoters(1)
	seeded := srv.Promoters()[0]
	require.NotNil(t, seeded.SelectedPayoutMethod)
	pr := srv.AddPromoter(firstpromotertest.Promoter{Email: "nomethod@example.com"}).ID

	paypal, err := c.PayoutMethods.Create(ctx, &firstpromoter.PayoutMethodParams{
		Method: firstpromoter.PayoutMethodPaypal, PromoterID: pr, Details: &firstpromoter.PayoutMethodDetails{PaypalEmail: "jane@example.com"},
	})
	require.NoError(t, err)
	assert.True(t, paypal.IsSelected, "a promoter's first method is selected")
	assert.Equal(t, map[string]any{"paypal_email": "jane@example.com"}, paypal.Details)

	selected := true
	bank, err := c.PayoutMethods.Create(ctx, &firstpromoter.PayoutMethodParams{
		Method: firstpromoter.PayoutMethodBank, PromoterID: pr, IsSelected: &selected,
		Details: &firstpromoter.PayoutMethodDetails{BankCountry: "DE", AccountHolderName: "Jane Doe", IBAN: "DE89370400440532013000"},
	})
	require.NoError(t, err)
	assert.Equal(t, "DE89370400440532013000", bank.Details["iban"])

	p, err := c.Promoters.Get(ctx, pr)
	require.NoError(t, err)
	require.NotNil(t, p.SelectedPayoutMethod)
	assert.Equal(t, bank.ID, p.SelectedPayoutMethod.ID, "the selected method becomes the promoter's")

	cases := []struct {
		name     string
		promoter int64
		want     []int64
	}{
		{"with methods", pr, []int64{paypal.ID, bank.ID}},
		{"seeded promoter's selected method", seeded.ID, []int64{seeded.SelectedPayoutMethod.ID}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var got []int64
			for m, err := range c.PayoutMethods.List(ctx, &firstpromoter.PayoutMethodListOptions{PromoterID: tc.promoter}) {
				require.NoError(t, err)
				got = append(got, m.ID)
			}
			assert.Equal(t, tc.want, got)
		})
	}
	got, err := c.PayoutMethods.Get(ctx, paypal.ID)
	require.NoError(t, err)
	assert.False(t, got.IsSelected, "selecting another method unselects this one")

	disabled := true
	upd, err := c.PayoutMethods.Update(ctx, paypal.ID, &firstpromoter.PayoutMethodParams{
		Method: firstpromoter.PayoutMethodPaypal, PromoterID: pr, IsDisabled: &disabled, Details: &firstpromoter.PayoutMethodDetails{PaypalEmail: "j@example.com"},
	})
	require.NoError(t, err)
	assert.True(t, upd.IsDisabled)
	assert.Equal(t, "j@example.com", upd.Details["paypal_email"])

	_, err = c.PayoutMethods.Create(ctx, &firstpromoter.PayoutMethodParams{Method: firstpromoter.PayoutMethodWise, PromoterID: pr, Details: &firstpromoter.PayoutMethodDetails{}})
	assert.ErrorIs(t, err, firstpromoter.ErrInvalidRequest, "wise needs wise_email")

	require.NoError(t, c.PayoutMethods.Delete(ctx, paypal.ID))
	_, err = c.PayoutMethods.Get(ctx, paypal.ID)
	assert.ErrorIs(t, err, firstpromoter.ErrNotFound)
}

func TestPayoutMethodsValidate(t *testing.T) {
	ctx := context.Background()
	c, srv, _ := newFakeClient(t, nil)
	_, _, err := c.PayoutMethods.ListPage(ctx, nil)
	assert.ErrorContains(t, err, "PromoterID is required")
	for _, p := range []*firstpromoter.PayoutMethodParams{nil, {Method: "paypal"}, {Method: "paypal", PromoterID: 1}} {
		_, err := c.PayoutMethods.Create(ctx, p)
		assert.Error(t, err)
		_, err = c.PayoutMethods.Update(ctx, 1, p)
		assert.Error(t, err)
	}
	assert.Zero(t, srv.RequestCount())
}
