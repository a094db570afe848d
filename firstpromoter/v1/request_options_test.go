package v1_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	fpv1 "github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1/v1test"
	"github.com/affiliatekit/affiliatekit-go/internal/apicheck"
)

// TestWithResponseInto: a get, a create, an update, a delete and an error
// each fill the response they were given with the answer's status, headers
// and request id.
func TestWithResponseInto(t *testing.T) {
	srv := v1test.NewServer()
	t.Cleanup(srv.Close)
	client, err := fpv1.NewClient(fpv1.WithBaseURL(srv.URL), fpv1.WithAPIKey(v1test.APIKey), fpv1.WithRateLimit(0, 0))
	require.NoError(t, err)
	promoters := srv.SeedPromoters(2)

	tests := []struct {
		name       string
		call       func(ctx context.Context, opt fpv1.RequestOption) error
		wantStatus int
		wantErr    error
	}{
		{"get", func(ctx context.Context, opt fpv1.RequestOption) error {
			_, err := client.Promoters.Get(ctx, promoters[0].ID, opt)
			return err
		}, http.StatusOK, nil},
		{"create", func(ctx context.Context, opt fpv1.RequestOption) error {
			_, err := client.Promoters.Create(ctx, &fpv1.PromoterCreateParams{Email: "new.promoter@example.com"}, opt)
			return err
		}, http.StatusOK, nil},
		{"update", func(ctx context.Context, opt fpv1.RequestOption) error {
			_, err := client.Promoters.Update(ctx, fpv1.PromoterKey{ID: promoters[0].ID},
				&fpv1.PromoterUpdateParams{PromoterParams: fpv1.PromoterParams{FirstName: "Ada"}}, opt)
			return err
		}, http.StatusOK, nil},
		{"delete", func(ctx context.Context, opt fpv1.RequestOption) error {
			_, err := client.Promoters.Delete(ctx, fpv1.PromoterKey{ID: promoters[1].ID}, opt)
			return err
		}, http.StatusOK, nil},
		{"not found", func(ctx context.Context, opt fpv1.RequestOption) error {
			_, err := client.Promoters.Get(ctx, 999999, opt)
			return err
		}, http.StatusNotFound, fpv1.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.Inject(1, v1test.Fault{Header: http.Header{"X-Request-Id": {"req-" + tt.name}}})
			var resp fpv1.Response
			err := tt.call(context.Background(), fpv1.WithResponseInto(&resp))
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				var apiErr *fpv1.Error
				require.True(t, errors.As(err, &apiErr))
				assert.Equal(t, "req-"+tt.name, apiErr.RequestID)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.wantStatus, resp.StatusCode)
			assert.Equal(t, "req-"+tt.name, resp.Header.Get("X-Request-Id"))
			assert.Equal(t, "req-"+tt.name, resp.RequestID)
		})
	}
}

// TestEveryCallTakesRequestOptions: every exported method of a service
// that is not a list ends in opts ...RequestOption and passes them on.
func TestEveryCallTakesRequestOptions(t *testing.T) {
	assert.Positive(t, apicheck.RequestOptions(t, "."), "methods checked")
}
