package everflow_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strconv"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/everflow/everflowtest"
	"github.com/affiliatekit/affiliatekit-go/internal/apicheck"
	"github.com/affiliatekit/affiliatekit-go/internal/conformance"
)

// TestWithResponseInto: a get, a create, an update, a multi-record write
// (Everflow has no delete), a report and an error each fill the caller's
// Response with the status, headers and quota of their HTTP answer.
func TestWithResponseInto(t *testing.T) {
	srv := newFakeServer(everflowtest.WithDemoData())
	t.Cleanup(srv.Close)
	c := platform.UserClient(t, srv.URL, everflow.WithMaxRetries(0))

	conformance.ResponseInto(t, srv, everflow.WithResponseInto, []conformance.Answer{
		{Name: "get", Status: http.StatusOK, Call: func(ctx context.Context, opt everflow.RequestOption) error {
			_, err := c.Offers.Get(ctx, 5, opt)
			return err
		}},
		{Name: "create", Status: http.StatusOK, Call: func(ctx context.Context, opt everflow.RequestOption) error {
			_, err := c.Advertisers.Create(ctx, &everflow.AdvertiserCreateParams{
				Name: "Lakeside Gear", NetworkEmployeeID: 2, DefaultCurrencyID: "USD",
				Billing: json.RawMessage(`{"billing_frequency":"monthly"}`),
			}, opt)
			return err
		}},
		{Name: "update", Status: http.StatusOK, Later: true, Call: func(ctx context.Context, opt everflow.RequestOption) error {
			o, err := c.Offers.Get(ctx, 5, everflow.WithRelationships(everflow.RelationshipPayoutRevenue))
			if err != nil {
				return err
			}
			p := o.UpdateParams()
			p.InternalNotes = "checked"
			_, err = c.Offers.Update(ctx, o.NetworkOfferID, p, opt)
			return err
		}},
		{Name: "bulk write", Status: http.StatusOK, Call: func(ctx context.Context, opt everflow.RequestOption) error {
			return c.Affiliates.UpdateOfferVisibility(ctx, 2, &everflow.AffiliateOfferVisibilityUpdateParams{
				NetworkOfferIDs: []int64{3, 4}, VisibilityType: everflow.AffiliateHidden,
			}, opt)
		}},
		{Name: "error", Status: http.StatusNotFound, Err: everflow.ErrNotFound, Call: func(ctx context.Context, opt everflow.RequestOption) error {
			_, err := c.Pixels.Get(ctx, 999999, opt)
			return err
		}},
		{Name: "network", Status: http.StatusOK, Call: func(ctx context.Context, opt everflow.RequestOption) error {
			_, err := c.Network.Get(ctx, opt)
			return err
		}},
	}, func(t *testing.T, a conformance.Answer, resp *everflow.Response) {
		assert.Contains(t, resp.Header.Get("Content-Type"), "application/json")
		assert.Equal(t, strconv.Itoa(everflowtest.DefaultRateLimit), resp.Header.Get("X-RateLimit-Limit"))
		if a.Err == nil {
			assert.Equal(t, everflowtest.DefaultRateLimit, resp.RateLimit.Limit)
		}
	})
}

// TestWithRelationships: the option sends one relationship parameter per
// name, in order, and the record comes back with those objects.
func TestWithRelationships(t *testing.T) {
	srv := newFakeServer(everflowtest.WithDemoData())
	t.Cleanup(srv.Close)
	c, err := everflow.NewClient(everflow.WithAPIKey(everflowtest.APIKey), everflow.WithBaseURL(srv.URL), everflow.WithRateLimit(0, 0))
	require.NoError(t, err)

	tests := []struct {
		name      string
		opts      []everflow.RequestOption
		wantQuery url.Values
	}{
		{name: "none", wantQuery: url.Values{}},
		{name: "two", opts: []everflow.RequestOption{everflow.WithRelationships(everflow.RelationshipBilling, everflow.RelationshipUsers)},
			wantQuery: url.Values{"relationship": {"billing", "users"}}},
		{name: "empty skipped, options add up", opts: []everflow.RequestOption{
			everflow.WithRelationships(everflow.RelationshipBilling, ""), everflow.WithRelationships(everflow.RelationshipReporting)},
			wantQuery: url.Values{"relationship": {"billing", "reporting"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv.ResetRequests()
			a, err := c.Affiliates.Get(context.Background(), 1, tt.opts...)
			require.NoError(t, err)
			reqs := srv.Requests()
			require.Len(t, reqs, 1)
			q, err := url.ParseQuery(reqs[0].Query)
			require.NoError(t, err)
			assert.Equal(t, tt.wantQuery, q)
			assert.Equal(t, len(tt.wantQuery) > 0, a.Relationship != nil)
		})
	}
}

// TestEveryCallTakesRequestOptions: every exported method of a service
// that is not a list ends in opts ...RequestOption and passes them on.
func TestEveryCallTakesRequestOptions(t *testing.T) {
	assert.Positive(t, apicheck.RequestOptions(t, "."), "methods checked")
}
