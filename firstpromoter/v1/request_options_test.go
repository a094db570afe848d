package v1_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	fpv1 "github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1/v1test"
	"github.com/affiliatekit/affiliatekit-go/internal/apicheck"
	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
)

// TestWithResponseInto: a get, a create, an update, a delete and an error
// each fill the response they were given with the answer's status, headers
// and request id.
func TestWithResponseInto(t *testing.T) {
	srv := v1test.NewServer()
	t.Cleanup(srv.Close)
	client := platform.UserClient(t, srv.URL)
	promoters := srv.SeedPromoters(2)

	conformance.ResponseInto(t, srv, fpv1.WithResponseInto, []conformance.Answer{
		{Name: "get", Call: func(ctx context.Context, opt fpv1.RequestOption) error {
			_, err := client.Promoters.Get(ctx, promoters[0].ID, opt)
			return err
		}, Status: http.StatusOK},
		{Name: "create", Call: func(ctx context.Context, opt fpv1.RequestOption) error {
			_, err := client.Promoters.Create(ctx, &fpv1.PromoterCreateParams{Email: "new.promoter@example.com"}, opt)
			return err
		}, Status: http.StatusOK},
		{Name: "update", Call: func(ctx context.Context, opt fpv1.RequestOption) error {
			_, err := client.Promoters.Update(ctx, fpv1.PromoterKey{ID: promoters[0].ID},
				&fpv1.PromoterUpdateParams{PromoterParams: fpv1.PromoterParams{FirstName: "Ada"}}, opt)
			return err
		}, Status: http.StatusOK},
		{Name: "delete", Call: func(ctx context.Context, opt fpv1.RequestOption) error {
			_, err := client.Promoters.Delete(ctx, fpv1.PromoterKey{ID: promoters[1].ID}, opt)
			return err
		}, Status: http.StatusOK},
		{Name: "not found", Call: func(ctx context.Context, opt fpv1.RequestOption) error {
			_, err := client.Promoters.Get(ctx, 999999, opt)
			return err
		}, Status: http.StatusNotFound, Err: fpv1.ErrNotFound},
	}, nil)
}

// TestEveryCallTakesRequestOptions: every exported method of a service
// that is not a list ends in opts ...RequestOption and passes them on.
func TestEveryCallTakesRequestOptions(t *testing.T) {
	assert.Positive(t, apicheck.RequestOptions(t, "."), "methods checked")
}
