package partnerstack_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/affiliatekit/affiliatekit-go/internal/apicheck"
	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
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
	c := platform.UserClient(t, srv.URL, partnerstack.WithMaxRetries(0))
	conformance.ResponseInto(t, srv, partnerstack.WithResponseInto, []conformance.Answer{
		{Name: "get", Status: http.StatusOK, Call: func(ctx context.Context, opt partnerstack.RequestOption) error {
			_, err := c.Partnerships.Get(ctx, part.Key, opt)
			return err
		}},
		{Name: "create", Status: http.StatusOK, Call: func(ctx context.Context, opt partnerstack.RequestOption) error {
			_, err := c.Customers.Create(ctx, &partnerstack.CustomerCreateParams{
				Email: "ada@example.com", CustomerKey: partnerstack.Ptr("cust-ada"), PartnerKey: part.PartnerKey}, opt)
			return err
		}},
		{Name: "update", Status: http.StatusOK, Call: func(ctx context.Context, opt partnerstack.RequestOption) error {
			_, err := c.Partnerships.Update(ctx, part.Key, &partnerstack.PartnershipUpdateParams{ManagerEmail: "m@example.com"}, opt)
			return err
		}},
		{Name: "delete", Status: http.StatusOK, Call: func(ctx context.Context, opt partnerstack.RequestOption) error {
			return c.Customers.Delete(ctx, "cust-ada", opt)
		}},
		{Name: "not found", Status: http.StatusNotFound, Err: partnerstack.ErrNotFound, Call: func(ctx context.Context, opt partnerstack.RequestOption) error {
			_, err := c.Deals.Get(ctx, "deal_missing", opt)
			return err
		}},
	}, func(t *testing.T, _ conformance.Answer, resp *partnerstack.Response) {
		assert.Contains(t, resp.Header.Get("Content-Type"), "application/json")
	})
}

// TestWithResponseIntoNoResponse: a call refused before sending leaves the
// Response as it was.
func TestWithResponseIntoNoResponse(t *testing.T) {
	c := platform.UserClient(t, "http://127.0.0.1:1")
	conformance.ResponseUntouched(t, partnerstack.WithResponseInto, func(ctx context.Context, opt partnerstack.RequestOption) error {
		_, err := c.Partnerships.Get(ctx, " ", opt)
		return err
	})
}

// TestEveryCallTakesRequestOptions: every exported method of a service
// that is not a list ends in opts ...RequestOption and passes them on.
func TestEveryCallTakesRequestOptions(t *testing.T) {
	assert.Greater(t, apicheck.RequestOptions(t, "."), 50, "methods checked")
}
