package firstpromotertest_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter/firstpromotertest"
)

func TestURLEndsWithAPIPrefix(t *testing.T) {
	srv := newServer(t)
	assert.True(t, strings.HasPrefix(srv.URL, "http://127.0.0.1:"), srv.URL)
	assert.True(t, strings.HasSuffix(srv.URL, "/api/v2"), srv.URL)
}

func TestAuth(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	bearer := "Bearer " + firstpromotertest.APIKey
	tests := []struct {
		name   string
		header map[string]string
		want   int
	}{
		{"both headers", map[string]string{"Authorization": bearer, "ACCOUNT-ID": firstpromotertest.AccountID}, http.StatusOK},
		{"header names in any case", map[string]string{"authorization": bearer, "account-id": firstpromotertest.AccountID}, http.StatusOK},
		{"OpenAPI spelling Account-ID", map[string]string{"Authorization": bearer, "Account-ID": firstpromotertest.AccountID}, http.StatusOK},
		{"no headers", nil, http.StatusUnauthorized},
		{"key without account id", map[string]string{"Authorization": bearer}, http.StatusUnauthorized},
		{"account id without key", map[string]string{"ACCOUNT-ID": firstpromotertest.AccountID}, http.StatusUnauthorized},
		{"wrong key", map[string]string{"Authorization": "Bearer nope", "ACCOUNT-ID": firstpromotertest.AccountID}, http.StatusUnauthorized},
		{"wrong account", map[string]string{"Authorization": bearer, "ACCOUNT-ID": "acc_other"}, http.StatusUnauthorized},
		{"key without scheme", map[string]string{"Authorization": firstpromotertest.APIKey, "ACCOUNT-ID": firstpromotertest.AccountID}, http.StatusUnauthorized},
		{"v1 X-API-KEY header", map[string]string{"X-API-KEY": firstpromotertest.APIKey, "ACCOUNT-ID": firstpromotertest.AccountID}, http.StatusUnauthorized},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := http.Header{}
			for k, v := range tt.header {
				h[k] = []string{v} // raw names: the server must not depend on canonical case
			}
			for _, path := range []string{"/company/promoters", "/company/referrals"} {
				r := callWith(t, srv, http.MethodGet, path, nil, h)
				require.Equal(t, tt.want, r.status, path)
				if tt.want == http.StatusUnauthorized {
					assert.Empty(t, r.body, "a 401 has no body at all")
				}
			}
		})
	}
}

func TestAuthGuardsTrackingAndUnknownRoutes(t *testing.T) {
	srv := newServer(t)
	for _, path := range []string{"/track/sale", "/company/nothing_here", "/company"} {
		r := callWith(t, srv, http.MethodPost, path, `{"email":"a@example.com"}`, nil)
		assert.Equal(t, http.StatusUnauthorized, r.status, path)
		assert.Empty(t, r.body, path)
	}
}

func TestUnknownRouteIsNotFound(t *testing.T) {
	srv := newServer(t)
	for _, path := range []string{"/company", "/company/affiliates", "/company/promoters/1/nope"} {
		r := call(t, srv, http.MethodGet, path, nil)
		require.Equal(t, http.StatusNotFound, r.status, path)
		assert.JSONEq(t, sample(t, "error_404.json"), string(r.body), path)
	}
}

func TestInjectedFaultsCarryTheAPIErrorShape(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	tests := []struct {
		fault firstpromotertest.Fault
		check func(t *testing.T, r response)
	}{
		{firstpromotertest.Fault{Status: http.StatusUnauthorized}, func(t *testing.T, r response) {
			assert.Equal(t, http.StatusUnauthorized, r.status)
			assert.Empty(t, r.body)
		}},
		{firstpromotertest.Fault{Status: http.StatusForbidden}, func(t *testing.T, r response) {
			assert.Equal(t, http.StatusForbidden, r.status)
			assert.JSONEq(t, sample(t, "error_403.json"), string(r.body))
		}},
		{firstpromotertest.Fault{Status: http.StatusNotFound}, func(t *testing.T, r response) {
			assert.JSONEq(t, sample(t, "error_404.json"), string(r.body))
		}},
		{firstpromotertest.Fault{Status: http.StatusTooManyRequests, RetryAfter: "7"}, func(t *testing.T, r response) {
			assert.Equal(t, http.StatusTooManyRequests, r.status)
			assert.Equal(t, "7", r.header.Get("Retry-After"))
			assert.JSONEq(t, `{"message":"Too Many Requests","code":"too_many_requests"}`, string(r.body))
		}},
		{firstpromotertest.Fault{Status: http.StatusBadGateway}, func(t *testing.T, r response) {
			assert.Equal(t, http.StatusBadGateway, r.status)
			assert.JSONEq(t, `{"message":"Bad Gateway","code":"bad_gateway"}`, string(r.body))
		}},
		{firstpromotertest.Fault{Body: "<html>maintenance</html>"}, func(t *testing.T, r response) {
			assert.Equal(t, http.StatusOK, r.status)
			assert.Contains(t, r.header.Get("Content-Type"), "text/html")
		}},
	}
	for _, tt := range tests {
		srv.Inject(1, tt.fault)
		assert.Equal(t, 1, srv.PendingFaults())
		tt.check(t, call(t, srv, http.MethodGet, "/company/referrals", nil))
		assert.Zero(t, srv.PendingFaults())
	}
	// The next request is served normally again.
	assert.Equal(t, http.StatusOK, call(t, srv, http.MethodGet, "/company/referrals", nil).status)
}

func TestRequestRecording(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	call(t, srv, http.MethodGet, "/company/referrals?filters%5Bstate%5D=active&per_page=5", nil)
	call(t, srv, http.MethodPost, "/company/promoters", map[string]any{"email": "new.person@example.com"})
	reqs := srv.Requests()
	require.Len(t, reqs, 2)
	assert.Equal(t, 2, srv.RequestCount())
	assert.Equal(t, "/api/v2/company/referrals", reqs[0].Path)
	assert.Equal(t, "filters%5Bstate%5D=active&per_page=5", reqs[0].Query)
	assert.Equal(t, http.MethodPost, reqs[1].Method)
	assert.JSONEq(t, `{"email":"new.person@example.com"}`, string(reqs[1].Body))
	srv.ResetRequests()
	assert.Zero(t, srv.RequestCount())
}

func TestMalformedJSONBodyIsRejected(t *testing.T) {
	srv := newServer(t)
	r := call(t, srv, http.MethodPost, "/company/promoters", `{"email":`)
	require.Equal(t, http.StatusBadRequest, r.status)
	assert.Equal(t, "bad_request", decode[errorBody](t, r).Code)
}

func TestConcurrentUse(t *testing.T) {
	srv := newServer(t, firstpromotertest.WithDemoData())
	done := make(chan struct{})
	for g := range 6 {
		go func() {
			defer func() { done <- struct{}{} }()
			for i := range 10 {
				call(t, srv, http.MethodGet, "/company/promoters?per_page=100", nil)
				call(t, srv, http.MethodPost, "/company/referrals", map[string]any{
					"promoter_campaign_id": 7001, "email": fmt.Sprintf("c%d.%d@example.com", g, i),
				})
				call(t, srv, http.MethodPut, "/company/campaigns/101", map[string]any{"upgrade_details": map[string]any{"amount": i}})
				_ = srv.Referrals()
			}
		}()
	}
	for range 6 {
		<-done
	}
	assert.Len(t, srv.Referrals(), 120)
}
