package partnerstack_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/apicheck"
	"github.com/affiliatekit/affiliatekit-go/partnerstack"
	"github.com/affiliatekit/affiliatekit-go/partnerstack/partnerstacktest"
)

// TestWithResponseInto: a get, a create, an update, a delete and a failing
// call each fill the caller's Response with the answer's status and
// headers, request id included.
func TestWithResponseInto(t *testing.T) {
	srv := partnerstacktest.NewServer()
	t.Cleanup(srv.Close)
	srv.SeedPartnerships(1)
	part := srv.Partnerships()[0]
	c, err := partnerstack.NewClient(
		partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey), partnerstack.WithBaseURL(srv.URL), partnerstack.WithMaxRetries(0))
	require.NoError(t, err)
	ctx := context.Background()

	tests := []struct {
		name       string
		call       func(opt partnerstack.RequestOption) error
		wantStatus int
		wantErr    error
	}{
		{name: "get", wantStatus: http.StatusOK, call: func(opt partnerstack.RequestOption) error {
			_, err := c.Partnerships.Get(ctx, part.Key, opt)
			return err
		}},
		{name: "create", wantStatus: http.StatusOK, call: func(opt partnerstack.RequestOption) error {
			_, err := c.Customers.Create(ctx, &partnerstack.CustomerCreateParams{
				Email: "ada@example.com", CustomerKey: partnerstack.Ptr("cust-ada"), PartnerKey: part.PartnerKey}, opt)
			return err
		}},
		{name: "update", wantStatus: http.StatusOK, call: func(opt partnerstack.RequestOption) error {
			_, err := c.Partnerships.Update(ctx, part.Key, &partnerstack.PartnershipUpdateParams{ManagerEmail: "m@example.com"}, opt)
			return err
		}},
		{name: "delete", wantStatus: http.StatusOK, call: func(opt partnerstack.RequestOption) error {
			return c.Customers.Delete(ctx, "cust-ada", opt)
		}},
		{name: "not found", wantStatus: http.StatusNotFound, wantErr: partnerstack.ErrNotFound, call: func(opt partnerstack.RequestOption) error {
			_, err := c.Deals.Get(ctx, "deal_missing", opt)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.Inject(1, partnerstacktest.Fault{Header: http.Header{"X-Request-Id": {"req_" + tt.name}}})
			var resp partnerstack.Response
			err := tt.call(partnerstack.WithResponseInto(&resp))
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				var apiErr *partnerstack.Error
				require.True(t, errors.As(err, &apiErr))
				assert.Equal(t, "req_"+tt.name, apiErr.RequestID)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.wantStatus, resp.StatusCode)
			assert.Contains(t, resp.Header.Get("Content-Type"), "application/json")
			assert.Equal(t, "req_"+tt.name, resp.RequestID)
		})
	}
}

// TestWithResponseIntoNoResponse: a call refused before sending leaves the
// Response as it was.
func TestWithResponseIntoNoResponse(t *testing.T) {
	c, err := partnerstack.NewClient(partnerstack.WithKeys(partnerstacktest.PublicKey, partnerstacktest.SecretKey), partnerstack.WithBaseURL("http://127.0.0.1:1"))
	require.NoError(t, err)
	resp := partnerstack.Response{StatusCode: -1}
	_, err = c.Partnerships.Get(context.Background(), " ", partnerstack.WithResponseInto(&resp))
	require.Error(t, err)
	assert.Equal(t, -1, resp.StatusCode)
}

// TestEveryCallTakesRequestOptions: every exported method of a service
// that is not a list ends in opts ...RequestOption and passes them on.
func TestEveryCallTakesRequestOptions(t *testing.T) {
	assert.Greater(t, apicheck.RequestOptions(t, "."), 50, "methods checked")
}
