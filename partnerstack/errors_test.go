package partnerstack_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestStatusErrorsMapToSentinels(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()
	wrongKeys, err := partnerstack.NewClient(partnerstack.WithKeys(partnerstacktest.PublicKey, "sk_wrong"), partnerstack.WithBaseURL(srv.URL))
	require.NoError(t, err)
	partner := newPartner(t, srv)

	tests := []struct {
		name    string
		call    func() error
		status  int
		is      error
		message string
	}{
		{"404 unknown customer", func() error { _, err := c.Customers.Get(ctx, "cus_missing"); return err },
			404, partnerstack.ErrNotFound, "Customer not found."},
		{"401 wrong secret", func() error { _, _, err := wrongKeys.Groups.ListPage(ctx, nil); return err },
			401, partnerstack.ErrUnauthorized, "Invalid API key pair."},
		{"401 partner key on a vendor path", func() error {
			return partnerstack.GetFrom(ctx, partner, "groups")
		}, 401, partnerstack.ErrUnauthorized, "Vendor API"},
		{"400 validation", func() error {
			_, err := c.Customers.Create(ctx, &partnerstack.CustomerCreateParams{Email: "ann@example.com", PartnerKey: "no-such-partner"})
			return err
		}, 400, partnerstack.ErrInvalidRequest, "partner_key: no partner with this key in your program."},
		{"400 bad filter", func() error {
			_, _, err := c.Rewards.ListPage(ctx, &partnerstack.RewardListOptions{PaymentStatus: "lost"})
			return err
		}, 400, partnerstack.ErrInvalidRequest, "payment_status must be one of"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			require.ErrorIs(t, err, tt.is)
			var apiErr *partnerstack.Error
			require.True(t, errors.As(err, &apiErr))
			assert.Equal(t, tt.status, apiErr.StatusCode)
			assert.Contains(t, apiErr.Message, tt.message)
			assert.Empty(t, apiErr.Code, "PartnerStack sends no error code")
			assert.NotContains(t, err.Error(), partnerstacktest.SecretKey)
		})
	}
}

func TestInjected422MapsToInvalidRequest(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	srv.Inject(1, partnerstacktest.Fault{Status: http.StatusUnprocessableEntity})
	_, err := c.Leads.Create(context.Background(), &partnerstack.LeadCreateParams{PartnerKey: partnerstacktest.PartnerPartnerKey})
	require.ErrorIs(t, err, partnerstack.ErrInvalidRequest)
	var apiErr *partnerstack.Error
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, "Unprocessable Entity", apiErr.Message)
	assert.JSONEq(t, `{"message":"Unprocessable Entity","status":422}`, string(apiErr.Body))
}

func TestRateLimitedReadIsRetriedAfterRetryAfter(t *testing.T) {
	c, srv, clk := newVendor(t, partnerstacktest.WithDemoData())
	srv.Inject(1, partnerstacktest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "7"})
	srv.ResetRequests()
	groups, _, err := c.Groups.ListPage(context.Background(), nil)
	require.NoError(t, err)
	assert.Len(t, groups, 3)
	assert.Equal(t, 2, srv.RequestCount())
	assert.Equal(t, []time.Duration{7 * time.Second}, clk.Sleeps())
}

func TestRateLimitLongerThanMaxWaitFailsAtOnce(t *testing.T) {
	c, srv, clk := newVendor(t, partnerstacktest.WithDemoData())
	srv.Inject(1, partnerstacktest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "7200"})
	srv.ResetRequests()
	_, _, err := c.Groups.ListPage(context.Background(), nil)
	require.ErrorIs(t, err, partnerstack.ErrRateLimited)
	var apiErr *partnerstack.Error
	require.True(t, errors.As(err, &apiErr))
	assert.Equal(t, 2*time.Hour, apiErr.RetryAfter)
	assert.Equal(t, 1, srv.RequestCount())
	assert.Empty(t, clk.Sleeps())
}

func TestCreatingWritesAreNotRetriedAfter502(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	ctx := context.Background()
	customer := srv.Customers()[0]
	writes := map[string]func() error{
		"transaction": func() error {
			_, err := c.Transactions.Create(ctx, &partnerstack.TransactionCreateParams{CustomerKey: customer.Key, Amount: cents(4900), Currency: "USD"})
			return err
		},
		"reward": func() error {
			_, err := c.Rewards.Create(ctx, &partnerstack.RewardCreateParams{Amount: cents(1000), Target: &partnerstack.RewardTarget{Key: customer.Key, Type: "customer"}})
			return err
		},
		"action": func() error {
			_, err := c.Actions.Create(ctx, &partnerstack.ActionCreateParams{TargetType: partnerstack.TargetCustomer, TargetKey: customer.Key, Type: "sign_up", Value: 1})
			return err
		},
	}
	for name, write := range writes {
		t.Run(name, func(t *testing.T) {
			srv.ResetRequests()
			srv.Inject(1, partnerstacktest.Fault{Status: http.StatusBadGateway})
			err := write()
			require.ErrorIs(t, err, partnerstack.ErrServer)
			assert.Equal(t, 1, srv.RequestCount(), "a create that may have reached the server is not retried")
		})
	}
}

func TestReadsAreRetriedOn502(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	srv.ResetRequests()
	srv.Inject(2, partnerstacktest.Fault{Status: http.StatusBadGateway})
	_, err := c.Deals.Get(context.Background(), srv.Deals()[0].Key)
	require.NoError(t, err)
	assert.Equal(t, 3, srv.RequestCount())
}

func TestMalformedBodies(t *testing.T) {
	ctx := context.Background()
	for name, f := range map[string]partnerstacktest.Fault{
		"html":      {Body: "<html><body>Maintenance</body></html>"},
		"truncated": {Truncate: true},
		"not json":  {Body: "ok", ContentType: "text/plain"},
		"empty":     {EmptyBody: true},
		"no data":   {Body: `{"message":"Deal retrieved successfully","status":200}`},
		"null data": {Body: `{"data":null,"message":"ok","status":200}`},
		"data list": {Body: `{"data":[1,2],"status":200}`},
	} {
		t.Run(name, func(t *testing.T) {
			c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
			key := srv.Deals()[0].Key
			srv.Inject(5, f)
			d, err := c.Deals.Get(ctx, key)
			require.ErrorIs(t, err, partnerstack.ErrMalformedResponse)
			assert.Nil(t, d)
			assert.Contains(t, err.Error(), "/api/v2/deals/"+key)
		})
	}
}

func TestMalformedBodyRecoversOnRetry(t *testing.T) {
	c, srv, _ := newVendor(t, partnerstacktest.WithDemoData())
	srv.Inject(1, partnerstacktest.Fault{Truncate: true})
	srv.ResetRequests()
	d, err := c.Deals.Get(context.Background(), srv.Deals()[0].Key)
	require.NoError(t, err)
	assert.NotEmpty(t, d.Key)
	assert.Equal(t, 2, srv.RequestCount())
}

func TestContextCancelledStopsIteration(t *testing.T) {
	c, srv, _ := newVendor(t)
	srv.SeedCustomers(20)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var got []error
	n := 0
	for _, err := range c.Customers.List(ctx, &partnerstack.CustomerListOptions{ListParams: partnerstack.ListParams{PerPage: 5}}) {
		if err != nil {
			got = append(got, err)
			continue
		}
		if n++; n == 5 {
			cancel()
		}
	}
	require.Len(t, got, 1)
	assert.ErrorIs(t, got[0], context.Canceled)
	assert.Equal(t, 5, n)
}

func TestCreateIsRetriedWhenTheServerDidNotProcessIt(t *testing.T) {
	c, srv, clk := newVendor(t, partnerstacktest.WithDemoData())
	customer := srv.Customers()[0]
	before := len(srv.Transactions())
	srv.ResetRequests()
	srv.Inject(1, partnerstacktest.Fault{Status: http.StatusServiceUnavailable, RetryAfter: "2"})
	tx, err := c.Transactions.Create(context.Background(), &partnerstack.TransactionCreateParams{CustomerKey: customer.Key, Amount: cents(4900), Currency: "USD"})
	require.NoError(t, err)
	assert.NotEmpty(t, tx.Key)
	assert.Equal(t, 2, srv.RequestCount())
	assert.Equal(t, before+1, len(srv.Transactions()))
	assert.Equal(t, []time.Duration{2 * time.Second}, clk.Sleeps())
}
