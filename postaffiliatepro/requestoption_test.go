package postaffiliatepro_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/affiliatekit/affiliatekit-go/internal/apicheck"
	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro/postaffiliateprotest"
)

// TestWithResponseInto: a get, a create, an update and a failing call each
// fill the caller's Response with the answer's status, headers, rate limit
// and request id. Post Affiliate Pro has no delete.
func TestWithResponseInto(t *testing.T) {
	srv := postaffiliateprotest.NewServer()
	t.Cleanup(srv.Close)
	srv.SeedAffiliates(2)
	aff := srv.Affiliates()[0]
	c := platform.UserClient(t, srv.URL, postaffiliatepro.WithMaxRetries(0))

	conformance.ResponseInto(t, srv, postaffiliatepro.WithResponseInto, []conformance.Answer{
		{Name: "get", Status: http.StatusOK, Call: func(ctx context.Context, opt postaffiliatepro.RequestOption) error {
			_, err := c.Affiliates.Get(ctx, aff.ID, opt)
			return err
		}},
		{Name: "create", Status: http.StatusCreated, Call: func(ctx context.Context, opt postaffiliatepro.RequestOption) error {
			_, err := c.Affiliates.Create(ctx, &postaffiliatepro.AffiliateCreateParams{Username: "ada@example.com"}, opt)
			return err
		}},
		{Name: "update", Status: http.StatusOK, Call: func(ctx context.Context, opt postaffiliatepro.RequestOption) error {
			_, err := c.Affiliates.Update(ctx, aff.ID, &postaffiliatepro.AffiliateUpdateParams{FirstName: "Ada"}, opt)
			return err
		}},
		{Name: "not found", Status: http.StatusNotFound, Err: postaffiliatepro.ErrNotFound, Call: func(ctx context.Context, opt postaffiliatepro.RequestOption) error {
			_, err := c.Transactions.Get(ctx, "missing", opt)
			return err
		}},
	}, func(t *testing.T, a conformance.Answer, resp *postaffiliatepro.Response) {
		if a.Err == nil {
			assert.Equal(t, postaffiliatepro.RateLimitRequests, resp.RateLimit.Limit)
		}
		assert.Contains(t, resp.Header.Get("Content-Type"), "application/json")
		assert.NotEmpty(t, resp.Header.Get("X-RateLimit-Remaining"))
	})
}

// TestWithResponseIntoNoResponse: a call refused before sending leaves the
// Response as it was.
func TestWithResponseIntoNoResponse(t *testing.T) {
	c := platform.UserClient(t, "http://127.0.0.1:1")
	conformance.ResponseUntouched(t, postaffiliatepro.WithResponseInto, func(ctx context.Context, opt postaffiliatepro.RequestOption) error {
		_, err := c.Affiliates.Get(ctx, " ", opt)
		return err
	})
}

// TestEveryCallTakesRequestOptions: every exported method of a service
// that is not a list ends in opts ...RequestOption and passes them on.
func TestEveryCallTakesRequestOptions(t *testing.T) {
	assert.GreaterOrEqual(t, apicheck.RequestOptions(t, "."), 7, "methods checked")
}
