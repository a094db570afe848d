package firstpromoter_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
	"github.com/affiliatekit/affiliatekit-go/internal/apicheck"
	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
)

// TestWithResponseInto: a get, a create, an update, a delete and an error
// each fill the response they were given with the answer's status, headers
// and request id.
func TestWithResponseInto(t *testing.T) {
	srv := firstpromotertest.NewServer(firstpromotertest.WithDemoData())
	t.Cleanup(srv.Close)
	client := platform.UserClient(t, srv.URL)
	promoter := srv.Promoters()[0]
	webhook := srv.AddWebhook(firstpromotertest.Webhook{URL: "https://hooks.example.com/fp", EventTypes: []string{"promoter.created"}})

	conformance.ResponseInto(t, srv, firstpromoter.WithResponseInto, []conformance.Answer{
		{Name: "get", Call: func(ctx context.Context, opt firstpromoter.RequestOption) error {
			_, err := client.Promoters.Get(ctx, promoter.ID, opt)
			return err
		}, Status: http.StatusOK},
		{Name: "create", Call: func(ctx context.Context, opt firstpromoter.RequestOption) error {
			_, err := client.Promoters.Create(ctx, &firstpromoter.PromoterCreateParams{Email: "new.promoter@example.com"}, opt)
			return err
		}, Status: http.StatusCreated},
		{Name: "update", Call: func(ctx context.Context, opt firstpromoter.RequestOption) error {
			_, err := client.Promoters.Update(ctx, promoter.ID, &firstpromoter.PromoterUpdateParams{CustID: "cus_updated"}, opt)
			return err
		}, Status: http.StatusOK},
		{Name: "delete", Call: func(ctx context.Context, opt firstpromoter.RequestOption) error {
			return client.Webhooks.Delete(ctx, webhook.ID, opt)
		}, Status: http.StatusOK},
		{Name: "bulk action", Call: func(ctx context.Context, opt firstpromoter.RequestOption) error {
			_, err := client.Promoters.Archive(ctx, []int64{promoter.ID}, opt)
			return err
		}, Status: http.StatusOK},
		{Name: "not found", Call: func(ctx context.Context, opt firstpromoter.RequestOption) error {
			_, err := client.Promoters.Get(ctx, 999999, opt)
			return err
		}, Status: http.StatusNotFound, Err: firstpromoter.ErrNotFound},
	}, nil)
}

// TestWithResponseIntoNoResponse: a call rejected before it is sent leaves
// the response as it was.
func TestWithResponseIntoNoResponse(t *testing.T) {
	client := platform.UserClient(t, "http://127.0.0.1:1")
	conformance.ResponseUntouched(t, firstpromoter.WithResponseInto, func(ctx context.Context, opt firstpromoter.RequestOption) error {
		_, err := client.Referrals.Create(ctx, &firstpromoter.ReferralCreateParams{}, opt)
		return err
	})
}

// TestEveryCallTakesRequestOptions: every exported method of a service
// that is not a list ends in opts ...RequestOption and passes them on.
func TestEveryCallTakesRequestOptions(t *testing.T) {
	assert.Positive(t, apicheck.RequestOptions(t, "."), "methods checked")
}
