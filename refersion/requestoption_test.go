package refersion_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"

	"github.com/affiliatekit/affiliatekit-go/internal/apicheck"
	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
	"github.com/affiliatekit/affiliatekit-go/refersion"
	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// TestWithResponseInto: a get, a create, an update, a delete and an error
// each fill the caller's Response with the status and headers of their
// HTTP answer.
func TestWithResponseInto(t *testing.T) {
	srv := refersiontest.NewServer(refersiontest.WithDemoData())
	t.Cleanup(srv.Close)
	c := platform.UserClient(t, srv.URL, refersion.WithMaxRetries(0))
	trig := srv.Triggers()[0]

	conformance.ResponseInto(t, srv, refersion.WithResponseInto, []conformance.Answer{
		{Name: "get", Status: http.StatusOK, Call: func(ctx context.Context, opt refersion.RequestOption) error {
			_, err := c.Affiliates.GetByCode(ctx, "aeta", opt)
			return err
		}},
		{Name: "create", Status: http.StatusOK, Call: func(ctx context.Context, opt refersion.RequestOption) error {
			_, err := c.Affiliates.Create(ctx, &refersion.AffiliateCreateParams{
				FirstName: "Nina", LastName: "Alvarez", Email: "nina.alvarez@example.com",
				Password: "Tr0ub4dor&Horse", Status: refersion.AffiliateActive,
			}, opt)
			return err
		}},
		{Name: "update", Status: http.StatusOK, Call: func(ctx context.Context, opt refersion.RequestOption) error {
			_, err := c.Affiliates.Update(ctx, 37567402, &refersion.AffiliateUpdateParams{Company: "Smith & Co"}, opt)
			return err
		}},
		{Name: "delete", Status: http.StatusOK, Call: func(ctx context.Context, opt refersion.RequestOption) error {
			_, err := c.Affiliates.DeleteTriggers(ctx, []refersion.TriggerRef{
				{ID: trig.AffiliateID, Trigger: trig.Trigger, Type: refersion.TriggerType(trig.Type)},
			}, opt)
			return err
		}},
		{Name: "error", Status: http.StatusUnprocessableEntity, Err: refersion.ErrNotFound, Call: func(ctx context.Context, opt refersion.RequestOption) error {
			_, err := c.Affiliates.Get(ctx, 99999999, opt)
			return err
		}},
		{Name: "stream", Status: http.StatusOK, Later: true, Call: func(ctx context.Context, opt refersion.RequestOption) error {
			body, err := c.Reports.DownloadReport(ctx, refersiontest.ConversionsReportID, opt)
			if err == nil {
				err = body.Close()
			}
			return err
		}},
	}, func(t *testing.T, _ conformance.Answer, resp *refersion.Response) {
		assert.NotEmpty(t, resp.Header.Get("Content-Type"))
	})
}

// TestWithResponseIntoUntouchedBeforeSending: a call refused before any
// request leaves the Response as it was.
func TestWithResponseIntoUntouchedBeforeSending(t *testing.T) {
	c := platform.UserClient(t, "http://127.0.0.1:1")
	conformance.ResponseUntouched(t, refersion.WithResponseInto, func(ctx context.Context, opt refersion.RequestOption) error {
		_, err := c.Affiliates.Get(ctx, 0, opt)
		return err
	})
}

// TestEveryCallTakesRequestOptions: every exported method of a service
// that is not a list ends in opts ...RequestOption and passes them on.
func TestEveryCallTakesRequestOptions(t *testing.T) {
	assert.Positive(t, apicheck.RequestOptions(t, "."), "methods checked")
}
