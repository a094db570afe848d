package v1test_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter/v1/v1test"
)

// call sends a request with the key and returns the status and body.
func call(t *testing.T, method, u string, form url.Values) (int, []byte) {
	t.Helper()
	var body io.Reader
	if form != nil {
		body = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequest(method, u, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-API-KEY", v1test.APIKey)
	if form != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// keys returns the keys of a JSON object, or of the first element of an
// array, at the dotted path below it.
func keys(t *testing.T, body []byte, path ...string) []string {
	t.Helper()
	var v any
	if err := json.Unmarshal(body, &v); err != nil {
		t.Fatal(err)
	}
	if a, ok := v.([]any); ok && len(a) > 0 {
		v = a[0]
	}
	for _, p := range path {
		m, _ := v.(map[string]any)
		v = m[p]
		if a, ok := v.([]any); ok && len(a) > 0 {
			v = a[0]
		}
	}
	m, _ := v.(map[string]any)
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// TestShapesMatchPublishedBodies: every key of a published v1 body is in
// the fake's answer to the same operation, at the top and in the embedded
// promoter, promotion, profile and lead.
func TestShapesMatchPublishedBodies(t *testing.T) {
	srv := v1test.NewServer()
	defer srv.Close()
	p := srv.SeedPromoters(1)[0]
	lead := srv.SeedLeads(1)[0]
	srv.SeedRewards(1)
	id := url.Values{"id": {itoa(p.ID)}}
	for _, tc := range []struct {
		sample       string
		method, path string
		form         url.Values
		nested       [][]string
	}{
		{"v1_get_promoter.json", "GET", "/promoters/show?" + id.Encode(), nil, [][]string{{"profile"}, {"promotions"}, {"promotions", "current_referral_reward"}}},
		{"v1_list_promoters.json", "GET", "/promoters/list", nil, [][]string{{"profile"}, {"promotions"}}},
		{"v1_get_lead.json", "GET", "/leads/show?id=" + itoa(lead.ID), nil, [][]string{{"promotion"}, {"promoter"}}},
		{"v1_list_leads.json", "GET", "/leads/list", nil, [][]string{{"promotion"}, {"promoter"}}},
		{"v1_list_rewards.json", "GET", "/rewards/list", nil, [][]string{{"promotion"}, {"promoter"}}},
		{"v1_track_sale.json", "POST", "/track/sale", url.Values{"email": {lead.Email}, "event_id": {"e1"}, "amount": {"6000"}}, [][]string{{"lead"}, {"promoter"}}},
		{"v1_refresh_token_promoter.json", "PUT", "/promoters/refresh_token", id, nil},
		{"v1_delete_lead.json", "DELETE", "/leads/delete?id=" + itoa(lead.ID), nil, nil},
	} {
		want, err := os.ReadFile(filepath.Join("..", "testdata", tc.sample))
		if err != nil {
			t.Fatal(err)
		}
		status, got := call(t, tc.method, srv.URL+tc.path, tc.form)
		if status != http.StatusOK {
			t.Fatalf("%s: HTTP %d %s", tc.sample, status, got)
		}
		for _, path := range append([][]string{nil}, tc.nested...) {
			have := map[string]bool{}
			for _, k := range keys(t, got, path...) {
				have[k] = true
			}
			for _, k := range keys(t, want, path...) {
				if !have[k] && k != "conversion_ampunt" {
					t.Errorf("%s %v: the fake's answer lacks %q", tc.sample, path, k)
				}
			}
		}
	}
}

// TestRefusals: the fake refuses what v1 refuses, with v1's bodies.
func TestRefusals(t *testing.T) {
	srv := v1test.NewServer()
	defer srv.Close()
	for _, tc := range []struct {
		method, path string
		form         url.Values
		status       int
		body         string
	}{
		{"GET", "/promoters/show", nil, 422, `{"error":"You need to find the promoter either by id, cust_id, auth_token, ref_id, promoter_email or promo_code"}`},
		{"GET", "/promoters/show?id=1", nil, 404, `{"error":"Promoter not found."}`},
		{"GET", "/leads/show?id=1", nil, 404, `{"error":"Lead not found."}`},
		{"POST", "/payouts/create", url.Values{}, 422, `{"error":"You need to pass either promoter_email or promoter_id."}`},
		{"PUT", "/payouts/update", url.Values{}, 422, `{"error":"You need to find the payout by id."}`},
		{"PUT", "/payouts/update", url.Values{"id": {"9"}}, 404, `{"error":"Payment not found"}`},
		{"POST", "/track/signup", url.Values{}, 400, `{"message":"Error. Email and uid can not be blank!"}`},
		{"GET", "/reports/overview?selected_fields[]=nope", nil, 422, `{"code":"invalid_params","message":"Selected Fields invalid !"}`},
		{"POST", "/track/sale", url.Values{"email": {"x@example.com"}, "event_id": {"e"}, "amount": {"12.50"}}, 400, `{"message":"Error. Amount must be an integer in cents!"}`},
	} {
		status, body := call(t, tc.method, srv.URL+tc.path, tc.form)
		if status != tc.status || strings.TrimSpace(string(body)) != tc.body {
			t.Errorf("%s %s: HTTP %d %s, want %d %s", tc.method, tc.path, status, body, tc.status, tc.body)
		}
	}
	// No key, or a wrong one: 401 with v1's "Bad credentials".
	resp, err := http.Get(srv.URL + "/leads/list")
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 401 || string(b) != `"Bad credentials"` {
		t.Errorf("no key: HTTP %d %s", resp.StatusCode, b)
	}
	// Parameters in the query of a POST are read like form fields.
	status, _ := call(t, "POST", srv.URL+"/promoters/create?email=q%40example.com", url.Values{})
	if status != 200 {
		t.Errorf("query parameters of a POST: HTTP %d", status)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
