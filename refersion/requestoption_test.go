package refersion_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/apicheck"
	"github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// TestWithResponseInto: a get, a create, an update, a delete and an error
// each fill the caller's Response with the status and headers of their
// HTTP answer.
func TestWithResponseInto(t *testing.T) {
	srv := refersiontest.NewServer(refersiontest.WithDemoData())
	t.Cleanup(srv.Close)
	c, err := refersion.NewClient(
		refersion.WithKeys(refersiontest.PublicKey, refersiontest.SecretKey),
		refersion.WithBaseURL(srv.URL),
		refersion.WithRateLimit(0, 0),
		refersion.WithMaxRetries(0),
	)
	require.NoError(t, err)
	ctx := context.Background()
	trig := srv.Triggers()[0]

	tests := []struct {
		name       string
		call       func(opt refersion.RequestOption) error
		wantStatus int
		wantErr    error
	}{
		{name: "get", wantStatus: http.StatusOK, call: func(opt refersion.RequestOption) error {
			_, err := c.Affiliates.GetByCode(ctx, "aeta", opt)
			return err
		}},
		{name: "create", wantStatus: http.StatusOK, call: func(opt refersion.RequestOption) error {
			_, err := c.Affiliates.Create(ctx, &refersion.AffiliateCreateParams{
				FirstName: "Nina", LastName: "Alvarez", Email: "nina.alvarez@example.com",
				Password: "Tr0ub4dor&Horse", Status: refersion.AffiliateActive,
			}, opt)
			return err
		}},
		{name: "update", wantStatus: http.StatusOK, call: func(opt refersion.RequestOption) error {
			_, err := c.Affiliates.Update(ctx, 37567402, &refersion.AffiliateUpdateParams{Company: "Smith & Co"}, opt)
			return err
		}},
		{name: "delete", wantStatus: http.StatusOK, call: func(opt refersion.RequestOption) error {
			_, err := c.Affiliates.DeleteTriggers(ctx, []refersion.TriggerRef{
				{ID: trig.AffiliateID, Trigger: trig.Trigger, Type: refersion.TriggerType(trig.Type)},
			}, opt)
			return err
		}},
		{name: "error", wantStatus: http.StatusUnprocessableEntity, wantErr: refersion.ErrNotFound, call: func(opt refersion.RequestOption) error {
			_, err := c.Affiliates.Get(ctx, 99999999, opt)
			return err
		}},
		{name: "stream", wantStatus: http.StatusOK, call: func(opt refersion.RequestOption) error {
			body, err := c.Reports.DownloadReport(ctx, refersiontest.ConversionsReportID, opt)
			if err == nil {
				err = body.Close()
			}
			return err
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var resp refersion.Response
			err := tt.call(refersion.WithResponseInto(&resp))
			if tt.wantErr != nil {
				require.Error(t, err)
				assert.True(t, errors.Is(err, tt.wantErr), "%v", err)
			} else {
				require.NoError(t, err)
			}
			assert.Equal(t, tt.wantStatus, resp.StatusCode)
			assert.NotEmpty(t, resp.Header.Get("Content-Type"))
		})
	}
}

// TestWithResponseIntoUntouchedBeforeSending: a call refused before any
// request leaves the Response as it was.
func TestWithResponseIntoUntouchedBeforeSending(t *testing.T) {
	c, err := refersion.NewClient(refersion.WithKeys("pub", "sec"), refersion.WithBaseURL("http://127.0.0.1:1"))
	require.NoError(t, err)
	resp := refersion.Response{StatusCode: 999}
	_, err = c.Affiliates.Get(context.Background(), 0, refersion.WithResponseInto(&resp))
	require.Error(t, err)
	assert.Equal(t, 999, resp.StatusCode)
}

// TestEveryCallTakesRequestOptions: every exported method of a service
// that is not a list ends in opts ...RequestOption and passes them on.
func TestEveryCallTakesRequestOptions(t *testing.T) {
	assert.Positive(t, apicheck.RequestOptions(t, "."), "methods checked")
}
