package firstpromoter_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
	"github.com/affiliatekit/affiliatekit-go/internal/apicheck"
)

// TestWithResponseInto: a get, a create, an update, a delete and an error
// each fill the response they were given with the answer's status, headers
// and request id.
func TestWithResponseInto(t *testing.T) {
	srv := firstpromotertest.NewServer(firstpromotertest.WithDemoData())
	t.Cleanup(srv.Close)
	client, err := firstpromoter.NewClient(
		firstpromoter.WithBaseURL(srv.URL),
		firstpromoter.WithAPIKey(firstpromotertest.APIKey),
		firstpromoter.WithAccountID(firstpromotertest.AccountID),
		firstpromoter.WithRateLimit(0, 0),
	)
	require.NoError(t, err)
	promoter := srv.Promoters()[0]
	webhook := srv.AddWebhook(firstpromotertest.Webhook{URL: "https://hooks.example.com/fp", EventTypes: []string{"promoter.created"}})

	tests := []struct {
		name       string
		call       func(ctx context.Context, opt firstpromoter.RequestOption) error
		wantStatus int
		wantErr    error
	}{
		{"get", func(ctx context.Context, opt firstpromoter.RequestOption) error {
			_, err := client.Promoters.Get(ctx, promoter.ID, opt)
			return err
		}, http.StatusOK, nil},
		{"create", func(ctx context.Context, opt firstpromoter.RequestOption) error {
			_, err := client.Promoters.Create(ctx, &firstpromoter.PromoterCreateParams{Email: "new.promoter@example.com"}, opt)
			return err
		}, http.StatusCreated, nil},
		{"update", func(ctx context.Context, opt firstpromoter.RequestOption) error {
			_, err := client.Promoters.Update(ctx, promoter.ID, &firstpromoter.PromoterUpdateParams{CustID: "cus_updated"}, opt)
			return err
		}, http.StatusOK, nil},
		{"delete", func(ctx context.Context, opt firstpromoter.RequestOption) error {
			return client.Webhooks.Delete(ctx, webhook.ID, opt)
		}, http.StatusOK, nil},
		{"bulk action", func(ctx context.Context, opt firstpromoter.RequestOption) error {
			_, err := client.Promoters.Archive(ctx, []int64{promoter.ID}, opt)
			return err
		}, http.StatusOK, nil},
		{"not found", func(ctx context.Context, opt firstpromoter.RequestOption) error {
			_, err := client.Promoters.Get(ctx, 999999, opt)
			return err
		}, http.StatusNotFound, firstpromoter.ErrNotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.Inject(1, firstpromotertest.Fault{Header: http.Header{"X-Request-Id": {"req-" + tt.name}}})
			var resp firstpromoter.Response
			err := tt.call(context.Background(), firstpromoter.WithResponseInto(&resp))
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				var apiErr *firstpromoter.Error
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

// TestWithResponseIntoNoResponse: a call rejected before it is sent leaves
// the response as it was.
func TestWithResponseIntoNoResponse(t *testing.T) {
	client, err := firstpromoter.NewClient(firstpromoter.WithBaseURL("http://127.0.0.1:1"),
		firstpromoter.WithAPIKey("k"), firstpromoter.WithAccountID("a"))
	require.NoError(t, err)
	resp := firstpromoter.Response{StatusCode: 299}
	_, err = client.Referrals.Create(context.Background(), &firstpromoter.ReferralCreateParams{}, firstpromoter.WithResponseInto(&resp))
	require.Error(t, err)
	assert.Equal(t, 299, resp.StatusCode)
}

// TestEveryCallTakesRequestOptions: every exported method of a service
// that is not a list ends in opts ...RequestOption and passes them on.
func TestEveryCallTakesRequestOptions(t *testing.T) {
	assert.Positive(t, apicheck.RequestOptions(t, "."), "methods checked")
}
