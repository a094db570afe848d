package postaffiliateprotest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/postaffiliatepro"
)

// call sends one request with the given key ("" for none) and returns the
// status, headers and body.
func call(t *testing.T, s *Server, key, method, path string, body string) (int, http.Header, []byte) {
	t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	require.NoError(t, err)
	if key != "" {
		req.Header.Set("Authorization", "Bearer "+key)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := s.HTTPServer().Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header, b
}

func get(t *testing.T, s *Server, path string) (int, []byte) {
	t.Helper()
	status, _, body := call(t, s, APIKey, http.MethodGet, path, "")
	return status, body
}

// fakeClock is a settable clock for the rate limit.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

var t0 = time.Date(2026, time.April, 20, 9, 0, 0, 0, time.UTC)

func TestAuth(t *testing.T) {
	s := NewServer(WithDemoData())
	defer s.Close()
	tests := []struct {
		name, auth string
		status     int
		body       string
	}{
		{"no header", "", 401, `{"code":"unauthorized","message":"Missing Authorization header. Use: Authorization: Bearer <API key>"}`},
		{"wrong key", "Bearer pap_nope_nope", 401, `{"code":"unauthorized","message":"Invalid or expired API key"}`},
		{"basic auth", "Basic " + APIKey, 401, `{"code":"unauthorized","message":"Invalid or expired API key"}`},
		{"right key", "Bearer " + APIKey, 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodGet, s.URL+"/campaigns", nil)
			require.NoError(t, err)
			if tt.auth != "" {
				req.Header.Set("Authorization", tt.auth)
			}
			resp, err := s.HTTPServer().Client().Do(req)
			require.NoError(t, err)
			defer resp.Body.Close()
			body, _ := io.ReadAll(resp.Body)
			assert.Equal(t, tt.status, resp.StatusCode)
			assert.Equal(t, "application/json; charset=utf-8", resp.Header.Get("Content-Type"))
			if tt.body != "" {
				assert.JSONEq(t, tt.body, string(body))
			}
		})
	}

	status, _, body := call(t, s, ReadOnlyAPIKey, http.MethodPost, "/affiliates", `{"username":"ro@example.com"}`)
	assert.Equal(t, http.StatusForbidden, status)
	assert.JSONEq(t, `{"code":"forbidden","message":"Insufficient scope: this API key has no write access to affiliates"}`, string(body))
	status, _, _ = call(t, s, ReadOnlyAPIKey, http.MethodGet, "/affiliates", "")
	assert.Equal(t, http.StatusOK, status)
	assert.Len(t, s.Affiliates(), 30)
}

func TestRateLimitTokenBucket(t *testing.T) {
	clk := &fakeClock{now: t0}
	s := NewServer(WithRateLimit(3, time.Minute), WithClock(clk.Now))
	defer s.Close()
	for i := range 3 {
		status, h, _ := call(t, s, APIKey, http.MethodGet, "/campaigns", "")
		require.Equal(t, http.StatusOK, status)
		assert.Equal(t, "3", h.Get("X-RateLimit-Limit"))
		assert.Equal(t, strconv.Itoa(2-i), h.Get("X-RateLimit-Remaining"))
		// (i+1) tokens spent, 20s each, until the bucket is full again.
		assert.Equal(t, strconv.FormatInt(t0.Add(time.Duration(i+1)*20*time.Second).Unix(), 10), h.Get("X-RateLimit-Reset"))
		assert.Empty(t, h.Get("Retry-After"))
	}
	status, h, body := call(t, s, APIKey, http.MethodGet, "/campaigns", "")
	assert.Equal(t, http.StatusTooManyRequests, status)
	assert.Equal(t, "20", h.Get("Retry-After"))
	assert.Equal(t, "0", h.Get("X-RateLimit-Remaining"))
	assert.Equal(t, strconv.FormatInt(t0.Add(time.Minute).Unix(), 10), h.Get("X-RateLimit-Reset"))
	assert.JSONEq(t, `{"code":"rate_limit_exceeded","message":"Rate limit exceeded. Try again later."}`, string(body))

	clk.Add(20 * time.Second)
	status, h, _ = call(t, s, APIKey, http.MethodGet, "/campaigns", "")
	assert.Equal(t, http.StatusOK, status)
	assert.Equal(t, "0", h.Get("X-RateLimit-Remaining"))

	// The documented default: 100 per minute.
	d := NewServer(WithClock(clk.Now))
	defer d.Close()
	_, h, _ = call(t, d, APIKey, http.MethodGet, "/campaigns", "")
	assert.Equal(t, "100", h.Get("X-RateLimit-Limit"))
	assert.Equal(t, "99", h.Get("X-RateLimit-Remaining"))
}

// demoClock is the fixed clock of the tests that pin demo dates: the demo
// data is dated back from it.
var demoClock = time.Date(2026, time.March, 1, 0, 0, 0, 0, time.UTC)

func TestWireFormatOfRecords(t *testing.T) {
	s := NewServer(WithDemoData(), WithClock(func() time.Time { return demoClock }))
	defer s.Close()
	a := s.Affiliates()[0]
	status, body := get(t, s, "/affiliates/"+a.ID)
	require.Equal(t, http.StatusOK, status)
	assert.JSONEq(t, `{"data": {
		"id": "`+a.ID+`", "referral_id": "alice1", "username": "alice.tanaka1@example.com",
		"notification_email": "", "firstname": "Alice", "lastname": "Tanaka", "status": "A",
		"parent_id": "", "data1": "youtube", "data2": "",
		"created_at": "2026-01-15T07:00:00Z", "approved_at": "2026-01-15T13:00:00Z"
	}}`, string(body))

	tx := s.Transactions()[0]
	_, body = get(t, s, "/transactions/"+tx.ID)
	var got struct {
		Data map[string]any `json:"data"`
	}
	require.NoError(t, json.Unmarshal(body, &got))
	assert.Equal(t, tx.ID, got.Data["id"])
	assert.Equal(t, "S", got.Data["type"])
	assert.Equal(t, 8.57, got.Data["commission"], "a number in major units")
	assert.Equal(t, 57.13, got.Data["total_cost"])
	assert.Equal(t, float64(1), got.Data["tier"])
	assert.Equal(t, "2026-02-01T23:00:00Z", got.Data["created_at"], "59 × 11 hours before the clock")
	for _, k := range []string{"payout_status", "currency", "order_id", "product_id", "campaign_id", "affiliate_id",
		"banner_id", "action_code", "system_note", "merchant_note", "data1", "data2", "data3", "data4", "data5", "ip", "approved_at"} {
		assert.Contains(t, got.Data, k)
	}
}

func TestLegacyWireStyle(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	require.NoError(t, err)
	s := NewServer(WithDemoData(), WithStringNumbers(), WithDates(time.DateTime, la), WithEnvelope(EnvelopeArray),
		WithClock(func() time.Time { return demoClock }))
	defer s.Close()
	tx := s.Transactions()[0]
	_, body := get(t, s, "/transactions/"+tx.ID)
	var got map[string]any
	require.NoError(t, json.Unmarshal(body, &got))
	assert.Equal(t, "8.57", got["commission"])
	assert.Equal(t, "1", got["tier"])
	assert.Equal(t, "2026-02-01 15:00:00", got["created_at"], "23:00 UTC in Los Angeles")
}

func TestEnvelopes(t *testing.T) {
	tests := []struct {
		env  Envelope
		want string
	}{
		{EnvelopeData, `{"data":[{"id":"ID"}],"total":4}`},
		{EnvelopeArray, `[{"id":"ID"}]`},
		{EnvelopeItems, `{"items":[{"id":"ID"}],"total":4}`},
		{EnvelopeResults, `{"results":[{"id":"ID"}],"total":4}`},
		{EnvelopeResource, `{"campaigns":[{"id":"ID"}],"total":4}`},
		{EnvelopeDataItems, `{"data":{"items":[{"id":"ID"}],"total":4}}`},
		{EnvelopeDataResource, `{"data":{"campaigns":[{"id":"ID"}],"total":4}}`},
	}
	for _, tt := range tests {
		s := NewServer(WithDemoData(), WithEnvelope(tt.env))
		id := s.Campaigns()[0].ID
		// Only the ids are kept below, to compare the shapes.
		_, body := get(t, s, "/campaigns?limit=1")
		body = bytes.ReplaceAll(body, []byte(id), []byte("ID"))
		var generic any
		require.NoError(t, json.Unmarshal(body, &generic))
		strip(generic)
		b, _ := json.Marshal(generic)
		assert.JSONEq(t, tt.want, string(b), "envelope %d", tt.env)
		s.Close()
	}

	s := NewServer(WithDemoData(), WithTotalKey("count"), WithEnvelope(EnvelopeItems), WithStringNumbers())
	defer s.Close()
	_, body := get(t, s, "/campaigns?limit=1")
	var m map[string]any
	require.NoError(t, json.Unmarshal(body, &m))
	assert.Equal(t, "4", m["count"])
	assert.NotContains(t, m, "total")
}

// strip keeps only the "id" of each record in a decoded list body.
func strip(v any) {
	switch x := v.(type) {
	case []any:
		for _, it := range x {
			if rec, ok := it.(map[string]any); ok {
				for k := range rec {
					if k != "id" {
						delete(rec, k)
					}
				}
			}
		}
	case map[string]any:
		for _, it := range x {
			strip(it)
		}
	}
}

func TestPaging(t *testing.T) {
	s := NewServer()
	defer s.Close()
	s.SeedAffiliates(250)
	all := s.Affiliates()
	ids := func(body []byte) []string {
		var env struct {
			Data []struct {
				ID string `json:"id"`
			} `json:"data"`
			Total int `json:"total"`
		}
		require.NoError(t, json.Unmarshal(body, &env))
		assert.Equal(t, 250, env.Total)
		out := make([]string, len(env.Data))
		for i, d := range env.Data {
			out[i] = d.ID
		}
		return out
	}
	_, body := get(t, s, "/affiliates")
	assert.Len(t, ids(body), DefaultPerPage)
	_, body = get(t, s, "/affiliates?offset=240&limit=50")
	got := ids(body)
	require.Len(t, got, 10)
	assert.Equal(t, all[240].ID, got[0])
	_, body = get(t, s, "/affiliates?limit=500")
	assert.Len(t, ids(body), MaxPerPage, "capped")
	_, body = get(t, s, "/affiliates?offset=900")
	assert.Empty(t, ids(body))
	_, body = get(t, s, "/affiliates?page=3&per_page=10")
	assert.Equal(t, all[0].ID, ids(body)[0], "page/per_page are ignored in offset mode")

	for _, bad := range []string{"offset=-1", "limit=0", "limit=ten"} {
		status, body := get(t, s, "/affiliates?"+bad)
		assert.Equal(t, http.StatusBadRequest, status, bad)
		assert.Contains(t, string(body), `"code":"bad_request"`, bad)
	}

	p := NewServer(WithPagination(PagePerPage))
	defer p.Close()
	p.SeedAffiliates(250)
	all = p.Affiliates()
	_, body = get(t, p, "/affiliates?page=3&per_page=100")
	got = ids(body)
	require.Len(t, got, 50)
	assert.Equal(t, all[200].ID, got[0])
	status, _ := get(t, p, "/affiliates?page=0")
	assert.Equal(t, http.StatusBadRequest, status)
}

func TestSearchAndFields(t *testing.T) {
	s := NewServer(WithDemoData())
	defer s.Close()
	a := s.Affiliates()[6]
	_, body := get(t, s, "/affiliates?q=id:"+a.ID+"&fields=referral_id,username,status")
	assert.JSONEq(t, `{"data":[{"id":"`+a.ID+`","referral_id":"`+a.ReferralID+`","username":"`+a.Username+`","status":"P"}],"total":1}`, string(body))

	status, body := get(t, s, "/affiliates?q=height:2")
	assert.Equal(t, http.StatusBadRequest, status)
	assert.JSONEq(t, `{"code":"bad_request","message":"unknown search field \"height\" in q"}`, string(body))
	status, _ = get(t, s, "/transactions?fields=id,nope")
	assert.Equal(t, http.StatusBadRequest, status)

	tx := s.Transactions()[11]
	_, body = get(t, s, "/transactions?data1="+tx.Data1)
	assert.Contains(t, string(body), `"total":1`)
	_, body = get(t, s, "/transactions?q=declined")
	assert.Contains(t, string(body), "Declined: order cancelled", "free text searches the merchant note")
}

func TestWrites(t *testing.T) {
	clk := &fakeClock{now: t0}
	s := NewServer(WithDemoData(), WithClock(clk.Now), WithEnvelope(EnvelopeArray))
	defer s.Close()

	status, _, body := call(t, s, APIKey, http.MethodPost, "/affiliates", `{"username":"new@example.com","firstname":"New","send_signup_email":true}`)
	require.Equal(t, http.StatusCreated, status, string(body))
	var a map[string]any
	require.NoError(t, json.Unmarshal(body, &a))
	assert.Equal(t, "P", a["status"])
	assert.Equal(t, a["id"], a["referral_id"])
	assert.Equal(t, "2026-04-20T09:00:00Z", a["created_at"])
	assert.Equal(t, []string{"new@example.com"}, s.SignupEmailsSent())

	status, _, body = call(t, s, APIKey, http.MethodPost, "/affiliates", `{"username":"new@example.com","firstname":"a:b"}`)
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.JSONEq(t, `{"code":"validation_failed","message":"Validation failed","errors":{
		"username":["Username is already taken"],"firstname":["Name must not contain ':' or '/'"]}}`, string(body))

	status, _, body = call(t, s, APIKey, http.MethodPost, "/affiliates", `{"username":"x@example.com","nickname":"x"}`)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, string(body), "unknown field")

	id := a["id"].(string)
	status, _, body = call(t, s, APIKey, http.MethodPatch, "/affiliates/"+id, `{"status":"A"}`)
	require.Equal(t, http.StatusOK, status, string(body))
	assert.Contains(t, string(body), `"approved_at":"2026-04-20T09:00:00Z"`)
	status, _, _ = call(t, s, APIKey, http.MethodPatch, "/affiliates/"+id, `{"send_signup_email":true}`)
	assert.Equal(t, http.StatusUnprocessableEntity, status)

	camp := s.Campaigns()[0] // 10%
	status, _, body = call(t, s, APIKey, http.MethodPost, "/transactions",
		`{"affiliate_id":"`+id+`","campaign_id":"`+camp.ID+`","total_cost":99.99}`)
	require.Equal(t, http.StatusCreated, status, string(body))
	var tx map[string]any
	require.NoError(t, json.Unmarshal(body, &tx))
	assert.Equal(t, 10.0, tx["commission"])
	assert.Equal(t, "S", tx["type"])
	assert.Equal(t, "Created via REST API v3", tx["system_note"])

	status, _, body = call(t, s, APIKey, http.MethodPatch, "/transactions/"+tx["id"].(string), `{"commission":1}`)
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.Contains(t, string(body), `"commission":["This field cannot be changed"]`)
}

func TestInvalidEndpoints(t *testing.T) {
	s := NewServer(WithDemoData())
	defer s.Close()
	for _, tc := range []struct{ method, path string }{
		{http.MethodGet, "/commissions"},
		{http.MethodDelete, "/affiliates/x"},
		{http.MethodPost, "/campaigns"},
		{http.MethodGet, "/affiliates/"},
	} {
		status, _, body := call(t, s, APIKey, tc.method, tc.path, "")
		assert.Equal(t, http.StatusBadRequest, status, tc.path)
		assert.Contains(t, string(body), "Invalid endpoint", tc.path)
	}
	status, body := get(t, s, "/transactions/nothere")
	assert.Equal(t, http.StatusNotFound, status)
	assert.JSONEq(t, `{"code":"not_found","message":"Transaction \"nothere\" not found"}`, string(body))
}

func TestInjectedStatusCarriesErrorBody(t *testing.T) {
	s := NewServer(WithDemoData())
	defer s.Close()
	s.Inject(1, Fault{Status: http.StatusServiceUnavailable, RetryAfter: "2"})
	status, h, body := call(t, s, APIKey, http.MethodGet, "/banners", "")
	assert.Equal(t, http.StatusServiceUnavailable, status)
	assert.Equal(t, "2", h.Get("Retry-After"))
	assert.JSONEq(t, `{"code":"service_unavailable","message":"Service Unavailable"}`, string(body))
	assert.Equal(t, 1, s.RequestCount())
	s.ResetRequests()
	assert.Zero(t, s.RequestCount())
}

func TestSeedingIsDeterministicAndFast(t *testing.T) {
	a, b := NewServer(WithDemoData()), NewServer(WithDemoData())
	defer a.Close()
	defer b.Close()
	assert.Equal(t, a.Affiliates(), b.Affiliates())
	assert.Equal(t, a.Transactions(), b.Transactions())
	assert.Len(t, a.Campaigns(), 4)
	assert.Len(t, a.Banners(), 12)
	assert.Len(t, a.Clicks(), 90)

	start := time.Now()
	a.SeedAffiliates(3000)
	a.SeedTransactions(5000)
	a.SeedClicks(5000)
	assert.Less(t, time.Since(start), 5*time.Second)
	seen := map[string]bool{}
	for _, x := range a.Transactions() {
		require.False(t, seen[x.ID], "duplicate id %s", x.ID)
		seen[x.ID] = true
	}

	c := NewServer()
	defer c.Close()
	tx := c.AddTransaction(Transaction{AffiliateID: "given01", Commission: cents(500)})
	assert.NotEmpty(t, tx.ID)
	assert.Equal(t, postaffiliatepro.TypeSale, tx.Type)
	assert.False(t, tx.CreatedAt.IsZero())
	c.SeedTransactions(3) // seeds its own affiliates and campaigns
	assert.Len(t, c.Transactions(), 4)
	assert.NotEmpty(t, c.Affiliates())
}

// TestAmountsOnTheWire: amounts are served exactly as stored, as JSON
// numbers in their shortest form or, with WithStringNumbers, strings with
// at least two decimals; a null amount is null.
func TestAmountsOnTheWire(t *testing.T) {
	parse := func(s string) money.Amount {
		a, err := money.ParseDecimal(s, "")
		require.NoError(t, err)
		return a
	}
	tests := []struct {
		name                 string
		commission, total    money.Amount
		asNumbers, asStrings string
	}{
		{"cents", parse("12.50"), parse("100.00"), `"commission":12.5,"total_cost":100`, `"commission":"12.50","total_cost":"100.00"`},
		{"finer than a cent", parse("0.0125"), parse("0.25"), `"commission":0.0125,"total_cost":0.25`, `"commission":"0.0125","total_cost":"0.25"`},
		{"negative", parse("-4.5"), parse("-40"), `"commission":-4.5,"total_cost":-40`, `"commission":"-4.50","total_cost":"-40.00"`},
		{"null", money.Null(), money.Amount{}, `"commission":null,"total_cost":0`, `"commission":null,"total_cost":"0.00"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, mode := range []struct {
				opts []ServerOption
				want string
			}{{nil, tt.asNumbers}, {[]ServerOption{WithStringNumbers()}, tt.asStrings}} {
				s := NewServer(mode.opts...)
				defer s.Close()
				tx := s.AddTransaction(Transaction{AffiliateID: "a1", Commission: tt.commission, TotalCost: tt.total})
				_, body := get(t, s, "/transactions/"+tx.ID+"?fields=commission,total_cost")
				want := strings.Replace(mode.want, `,"total_cost"`, `,"id":"`+tx.ID+`","total_cost"`, 1)
				assert.Equal(t, `{"data":{`+want+`}}`, strings.TrimSpace(string(body)), "keys in sorted order")
			}
		})
	}
}
