package partnerstacktest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
)

type caller struct {
	t    *testing.T
	srv  *Server
	auth func(*http.Request)
}

func vendorCaller(t *testing.T, srv *Server) caller {
	return caller{t, srv, func(r *http.Request) { r.SetBasicAuth(PublicKey, SecretKey) }}
}

func partnerCaller(t *testing.T, srv *Server) caller {
	return caller{t, srv, func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+APIKey) }}
}

// do sends a request to path (relative to /api) and decodes the JSON body.
func (c caller) do(method, path string, body any) (int, map[string]any) {
	c.t.Helper()
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		require.NoError(c.t, err)
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, strings.TrimSuffix(c.srv.URL, "/v2")+path, rd)
	require.NoError(c.t, err)
	if c.auth != nil {
		c.auth(req)
	}
	resp, err := c.srv.HTTPServer().Client().Do(req)
	require.NoError(c.t, err)
	defer resp.Body.Close()
	assert.Contains(c.t, resp.Header.Get("Content-Type"), "application/json")
	var out map[string]any
	require.NoError(c.t, json.NewDecoder(resp.Body).Decode(&out))
	return resp.StatusCode, out
}

func items(t *testing.T, body map[string]any) []map[string]any {
	t.Helper()
	data, ok := body["data"].(map[string]any)
	require.True(t, ok, "data is an object: %v", body)
	raw, ok := data["items"].([]any)
	require.True(t, ok, "data.items is a list")
	out := make([]map[string]any, len(raw))
	for i, it := range raw {
		out[i] = it.(map[string]any)
	}
	return out
}

func TestAuth(t *testing.T) {
	srv := NewServer(WithDemoData())
	defer srv.Close()
	tests := []struct {
		name   string
		auth   func(*http.Request)
		path   string
		status int
	}{
		{"no credentials", nil, "/v2/transactions", 401},
		{"wrong secret", func(r *http.Request) { r.SetBasicAuth(PublicKey, "nope") }, "/v2/transactions", 401},
		{"wrong partner key", func(r *http.Request) { r.Header.Set("Authorization", "Bearer nope") }, "/v2/transactions", 401},
		{"partner key on a vendor path", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+APIKey) }, "/v2/groups", 401},
		{"vendor keys on a partner path", func(r *http.Request) { r.SetBasicAuth(PublicKey, SecretKey) }, "/v2/payouts", 401},
		{"vendor keys", func(r *http.Request) { r.SetBasicAuth(PublicKey, SecretKey) }, "/v2/groups", 200},
		{"partner key", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+APIKey) }, "/v2/payouts", 200},
		{"partner key on a shared path", func(r *http.Request) { r.Header.Set("Authorization", "Bearer "+APIKey) }, "/v2/rewards", 200},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, body := caller{t, srv, tt.auth}.do("GET", tt.path, nil)
			assert.Equal(t, tt.status, status)
			if status != 200 {
				assert.Equal(t, float64(status), body["status"], "status is an integer")
				assert.NotEmpty(t, body["message"])
				assert.NotContains(t, body, "data")
			}
		})
	}
}

// keysOf returns the sorted keys of an object.
func keysOf(m map[string]any) []string { return slices.Sorted(maps.Keys(m)) }

func loadSample(t *testing.T, name string) map[string]any {
	t.Helper()
	b, err := os.ReadFile("testdata/" + name)
	require.NoError(t, err)
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m))
	return m
}

func TestPartnerViewsMatchCapturedResponses(t *testing.T) {
	srv := NewServer(WithDemoData())
	defer srv.Close()
	p := partnerCaller(t, srv)
	for _, tt := range []struct{ path, sample string }{
		{"/v2/customers", "list_customers.json"},
		{"/v2/actions", "list_actions.json"},
	} {
		t.Run(tt.path, func(t *testing.T) {
			status, body := p.do("GET", tt.path, nil)
			require.Equal(t, 200, status)
			sample := loadSample(t, tt.sample)
			assert.Equal(t, keysOf(sample), keysOf(body), "envelope")
			assert.Equal(t, keysOf(sample["data"].(map[string]any)), keysOf(body["data"].(map[string]any)), "list data")
			assert.Equal(t, sample["message"], body["message"])
			assert.Equal(t, float64(200), body["status"])

			want, got := items(t, sample)[0], items(t, body)
			require.Len(t, got, 10, "default limit")
			for _, it := range got {
				assert.Equal(t, keysOf(want), keysOf(it), "item fields")
				assert.Equal(t, keysOf(want["company"].(map[string]any)), keysOf(it["company"].(map[string]any)))
				assert.Equal(t, PartnerPartnershipKey, it["partnership_key"])
				// Timestamps are integer epoch milliseconds.
				created, ok := it["created_at"].(float64)
				require.True(t, ok)
				assert.Equal(t, created, float64(int64(created)))
				assert.Greater(t, created, 1e12)
			}
		})
	}
}

func TestPagination(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	srv.SeedTransactions(600)
	v := vendorCaller(t, srv)

	status, body := v.do("GET", "/v2/transactions", nil)
	require.Equal(t, 200, status)
	assert.Len(t, items(t, body), 10, "default page size 10")
	assert.Equal(t, true, body["data"].(map[string]any)["has_more"])
	assert.NotContains(t, body["data"], "total", "transactions report no total")

	var keys []string
	cursor := ""
	for range 10 {
		path := "/v2/transactions?limit=250"
		if cursor != "" {
			path += "&starting_after=" + cursor
		}
		status, body := v.do("GET", path, nil)
		require.Equal(t, 200, status)
		its := items(t, body)
		for _, it := range its {
			keys = append(keys, it["key"].(string))
		}
		if body["data"].(map[string]any)["has_more"] != true {
			break
		}
		cursor = its[len(its)-1]["key"].(string)
	}
	assert.Len(t, keys, 600)
	assert.Len(t, slices.Compact(slices.Clone(keys)), 600)

	status, body = v.do("GET", "/v2/transactions?limit=5&ending_before="+keys[12], nil)
	require.Equal(t, 200, status)
	back := items(t, body)
	require.Len(t, back, 5)
	assert.Equal(t, keys[7], back[0]["key"])
	assert.Equal(t, true, body["data"].(map[string]any)["has_more"])

	for _, bad := range []string{"limit=0", "limit=251", "limit=x", "starting_after=a&ending_before=b",
		"starting_after=nope", "order_by=amount", "min_created=yesterday"} {
		status, body := v.do("GET", "/v2/transactions?"+bad, nil)
		assert.Equal(t, 400, status, bad)
		assert.Equal(t, float64(400), body["status"])
	}
}

func TestFiltersAndOrder(t *testing.T) {
	srv := NewServer(WithDemoData())
	defer srv.Close()
	v := vendorCaller(t, srv)
	from := time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC).UnixMilli()
	_, body := v.do("GET", "/v2/customers?limit=250&order_by=created_at&min_created="+itoa(from), nil)
	its := items(t, body)
	require.NotEmpty(t, its)
	prev := 0.0
	for _, it := range its {
		c := it["created_at"].(float64)
		assert.GreaterOrEqual(t, c, float64(from))
		assert.GreaterOrEqual(t, c, prev)
		prev = c
	}
	total := body["data"].(map[string]any)["total"]
	assert.Equal(t, float64(len(its)), total, "customers report the filtered total")

	_, body = v.do("GET", "/v2/rewards?limit=250&order_by=-amount", nil)
	its = items(t, body)
	for i := 1; i < len(its); i++ {
		assert.LessOrEqual(t, its[i]["amount"].(float64), its[i-1]["amount"].(float64))
	}
	assert.Contains(t, its[0], "partnership", "vendor rewards carry the partnership")
}

// amount parses a decimal amount of currency.
func amount(t *testing.T, text, currency string) partnerstack.Amount {
	t.Helper()
	a, err := partnerstack.ParseAmount(text, currency)
	require.NoError(t, err)
	return a
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

func TestWritesAndValidation(t *testing.T) {
	srv := NewServer(WithDemoData())
	defer srv.Close()
	v := vendorCaller(t, srv)
	cust := srv.Customers()[0]

	status, body := v.do("POST", "/v2/transactions", map[string]any{"customer_key": cust.Key, "customer_email": *cust.Email, "amount": 100, "currency": "USD"})
	assert.Equal(t, 400, status)
	assert.Contains(t, body["message"], "Exactly one")
	status, _ = v.do("POST", "/v2/transactions", map[string]any{"customer_key": cust.Key, "amount": 100})
	assert.Equal(t, 400, status)
	status, _ = v.do("POST", "/v2/transactions", map[string]any{"customer_key": "cus_nope", "amount": 100, "currency": "USD"})
	assert.Equal(t, 404, status)
	at := int64(1767323045006)
	status, body = v.do("POST", "/v2/transactions", map[string]any{"customer_email": *cust.Email, "amount": 0, "currency": "usd", "created_at": at})
	require.Equal(t, 200, status, body)
	tx := body["data"].(map[string]any)
	assert.Equal(t, float64(at), tx["created_at"])
	assert.Equal(t, "USD", tx["currency"])
	assert.Equal(t, float64(0), tx["amount"])

	status, _ = v.do("POST", "/v2/customers", map[string]any{"email": "a@b.example", "partner_key": PartnerPartnerKey})
	assert.Equal(t, 400, status, "customer_key is required, even if null")
	status, body = v.do("POST", "/v2/customers", map[string]any{"customer_key": nil, "email": "a@b.example", "partner_key": PartnerPartnerKey})
	require.Equal(t, 200, status, body)
	assert.Nil(t, body["data"].(map[string]any)["customer_key"])
	status, _ = v.do("POST", "/v2/customers", map[string]any{"customer_key": "x", "email": "abc", "partner_key": PartnerPartnerKey})
	assert.Equal(t, 400, status)

	status, _ = v.do("POST", "/v2/actions", map[string]any{"target_type": "customer", "target_key": cust.Key, "type": "sign_up", "value": 0})
	assert.Equal(t, 400, status)
	status, _ = v.do("POST", "/v2/rewards", map[string]any{"amount": 100_000_001, "partner_key": PartnerPartnerKey})
	assert.Equal(t, 400, status)
	status, _ = v.do("POST", "/v2/partnerships", map[string]any{"email": "x@y.example", "first_name": strings.Repeat("a", 51)})
	assert.Equal(t, 400, status)
	status, _ = v.do("POST", "/v2/webhooks", map[string]any{"target": "/relative", "events": []string{"customer_created"}})
	assert.Equal(t, 400, status)

	status, body = v.do("GET", "/v2/nothing-here", nil)
	assert.Equal(t, 404, status)
	assert.Equal(t, float64(404), body["status"])

	status, body = v.do("DELETE", "/v2/deals/"+srv.Deals()[0].Key, nil)
	require.Equal(t, 200, status, body)
	assert.True(t, srv.Deals()[0].Archived)
}

func TestInjectedFaultsUseTheErrorShape(t *testing.T) {
	srv := NewServer(WithDemoData())
	defer srv.Close()
	srv.Inject(1, Fault{Status: http.StatusTooManyRequests, RetryAfter: "3"})
	status, body := vendorCaller(t, srv).do("GET", "/v2/groups", nil)
	assert.Equal(t, 429, status)
	assert.Equal(t, map[string]any{"message": "Rate limit exceeded", "status": float64(429)}, body)
	assert.Equal(t, 1, srv.RequestCount())
	srv.ResetRequests()
	assert.Zero(t, srv.RequestCount())
}

func TestSeedingAndReadBack(t *testing.T) {
	srv := NewServer(WithClock(func() time.Time { return time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC) }))
	defer srv.Close()
	start := time.Now()
	srv.SeedTransactions(5000)
	assert.Less(t, time.Since(start), 5*time.Second)
	assert.Len(t, srv.Transactions(), 5000)
	assert.Len(t, srv.Rewards(), 5000)
	assert.Len(t, srv.Customers(), 20)
	assert.Equal(t, PartnerPartnershipKey, srv.Partnerships()[0].Key)

	g := srv.AddGroup(Group{Name: "VIP"})
	assert.True(t, strings.HasPrefix(g.Key, "grup_"))
	assert.Equal(t, time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC), g.CreatedAt)
	p := srv.AddPartnership(Partnership{Email: "z@z.example"})
	assert.True(t, strings.HasPrefix(p.Key, "part_"))
	assert.NotEmpty(t, p.PartnerKey)
	c := srv.AddCustomer(Customer{PartnerKey: p.PartnerKey})
	assert.Equal(t, p.Key, c.PartnershipKey)
	tx := srv.AddTransaction(Transaction{CustomerKey: c.Key, Amount: amount(t, "10.00", "EUR"), Currency: "EUR"})
	assert.Equal(t, "10.80 USD", fmt.Sprint(tx.AmountUSD))
	assert.Equal(t, p.Key, tx.PartnershipKey)
	srv.AddReward(Reward{PartnershipKey: p.Key})
	srv.AddAction(Action{PartnershipKey: p.Key, Type: "sign_up"})
	srv.AddDeal(Deal{})
	srv.AddLead(Lead{PartnerKey: p.PartnerKey})
	srv.AddLink(Link{PartnershipKey: p.Key, URL: "https://x.example"})
	srv.AddWebhook(Webhook{Target: "https://h.example", Events: []string{"customer_created"}})
	srv.AddPayout(Payout{Amount: amount(t, "1.00", "USD"), Currency: "USD"})
	srv.AddProgram(Program{Name: "X"})
	srv.AddTeam(Team{Name: "T"})
	o := srv.AddObject("tiers", Object{"name": "Gold"})
	assert.True(t, strings.HasPrefix(o.Key(), "tier_"))
	assert.Len(t, srv.Objects("tiers"), 1)
	assert.Nil(t, srv.Objects("unknown"))
	assert.Len(t, srv.Deals(), 1)
	assert.Len(t, srv.Leads(), 1)
	assert.Len(t, srv.Links(), 5, "four seeded partnerships with a link each, and one added")
	assert.Len(t, srv.Webhooks(), 1)
	assert.Len(t, srv.Payouts(), 1)
	assert.Len(t, srv.Programs(), 1)
	assert.Len(t, srv.Groups(), 2)
	assert.Len(t, srv.Actions(), 1)
}

func TestDemoDataIsDeterministic(t *testing.T) {
	day := func() time.Time { return time.Date(2026, time.January, 15, 9, 30, 0, 0, time.UTC) }
	a, b := NewServer(WithDemoData(), WithClock(day)), NewServer(WithClock(day), WithDemoData())
	defer a.Close()
	defer b.Close()
	assert.Equal(t, a.Partnerships(), b.Partnerships())
	assert.Equal(t, a.Transactions(), b.Transactions())
	assert.Equal(t, a.Rewards(), b.Rewards())
	assert.Equal(t, a.Objects("applications"), b.Objects("applications"))
}
