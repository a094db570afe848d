package postaffiliatepro_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/apicheck"
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
	c, err := postaffiliatepro.NewClient(postaffiliatepro.WithBaseURL(srv.URL),
		postaffiliatepro.WithAPIKey(postaffiliateprotest.APIKey), postaffiliatepro.WithMaxRetries(0))
	require.NoError(t, err)
	ctx := context.Background()

	tests := []struct {
		name       string
		call       func(opt postaffiliatepro.RequestOption) error
		wantStatus int
		wantErr    error
	}{
		{name: "get", wantStatus: http.StatusOK, call: func(opt postaffiliatepro.RequestOption) error {
			_, err := c.Affiliates.Get(ctx, aff.ID, opt)
			return err
		}},
		{name: "create", wantStatus: http.StatusCreated, call: func(opt postaffiliatepro.RequestOption) error {
			_, err := c.Affiliates.Create(ctx, &postaffiliatepro.AffiliateCreateParams{Username: "ada@example.com"}, opt)
			return err
		}},
		{name: "update", wantStatus: http.StatusOK, call: func(opt postaffiliatepro.RequestOption) error {
			_, err := c.Affiliates.Update(ctx, aff.ID, &postaffiliatepro.AffiliateUpdateParams{FirstName: "Ada"}, opt)
			return err
		}},
		{name: "not found", wantStatus: http.StatusNotFound, wantErr: postaffiliatepro.ErrNotFound, call: func(opt postaffiliatepro.RequestOption) error {
			_, err := c.Transactions.Get(ctx, "missing", opt)
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.Inject(1, postaffiliateprotest.Fault{Header: http.Header{"X-Request-Id": {"req_" + tt.name}}})
			var resp postaffiliatepro.Response
			err := tt.call(postaffiliatepro.WithResponseInto(&resp))
			if tt.wantErr != nil {
				require.ErrorIs(t, err, tt.wantErr)
				var apiErr *postaffiliatepro.Error
				require.True(t, errors.As(err, &apiErr))
				assert.Equal(t, "req_"+tt.name, apiErr.RequestID)
			} else {
				require.NoError(t, err)
				assert.Equal(t, postaffiliatepro.RateLimitRequests, resp.RateLimit.Limit)
			}
			assert.Equal(t, tt.wantStatus, resp.StatusCode)
			assert.Contains(t, resp.Header.Get("Content-Type"), "application/json")
			assert.NotEmpty(t, resp.Header.Get("X-RateLimit-Remaining"))
			assert.Equal(t, "req_"+tt.name, resp.RequestID)
		})
	}
}

// TestWithResponseIntoNoResponse: a call refused before sending leaves the
// Response as it was.
func TestWithResponseIntoNoResponse(t *testing.T) {
	c, err := postaffiliatepro.NewClient(postaffiliatepro.WithBaseURL("http://127.0.0.1:1"),
		postaffiliatepro.WithAPIKey(postaffiliateprotest.APIKey))
	require.NoError(t, err)
	resp := postaffiliatepro.Response{StatusCode: -1}
	_, err = c.Affiliates.Get(context.Background(), " ", postaffiliatepro.WithResponseInto(&resp))
	require.Error(t, err)
	assert.Equal(t, -1, resp.StatusCode)
}

// TestEveryCallTakesRequestOptions: every exported method of a service
// that is not a list ends in opts ...RequestOption and passes them on.
func TestEveryCallTakesRequestOptions(t *testing.T) {
	assert.GreaterOrEqual(t, apicheck.RequestOptions(t, "."), 7, "methods checked")
}
