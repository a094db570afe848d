package everflowtest

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuth(t *testing.T) {
	s := newTestServer(WithDemoData())
	defer s.Close()
	tests := []struct {
		name, path, key string
		status          int
		msg             string
	}{
		{"no key", "/networks", "", http.StatusUnauthorized, "No Authentication Method Found"},
		{"wrong key", "/networks", "nope", http.StatusUnauthorized, "Invalid API Key"},
		{"affiliate key on a network path", "/networks/affiliates", AffiliateAPIKey, http.StatusForbidden, "Out of realm"},
		{"affiliate key on metadata", "/meta/timezones", AffiliateAPIKey, http.StatusOK, ""},
		{"network key", "/networks", APIKey, http.StatusOK, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, raw := call(t, s, http.MethodGet, tt.path, tt.key, nil)
			assert.Equal(t, tt.status, code)
			if tt.msg != "" {
				assert.JSONEq(t, `{"error":"`+tt.msg+`"}`, string(raw))
			}
		})
	}
}

func TestErrorBodyMatchesSample(t *testing.T) {
	s := newTestServer()
	defer s.Close()
	_, _, raw := call(t, s, http.MethodGet, "/networks/affiliates/999", APIKey, nil)
	var got map[string]any
	require.NoError(t, json.Unmarshal(raw, &got))
	assertShape(t, loadSample(t, "error_generic.json"), got, "error", nil)
	assert.Len(t, got, 1)
}

func TestNetworkMatchesSample(t *testing.T) {
	s := newTestServer()
	defer s.Close()
	sample := loadSample(t, "network_get.json")
	got := getJSON(t, s, http.MethodGet, "/networks", nil, http.StatusOK)
	assertShape(t, sample, got, "network", nil)
	assert.Len(t, got, len(sample))
}

func TestTimezones(t *testing.T) {
	s := newTestServer()
	defer s.Close()
	got := getJSON(t, s, http.MethodGet, "/meta/timezones", nil, http.StatusOK)
	list := got["timezones"].([]any)
	assert.Len(t, list, 99)
	utc := list[66].(map[string]any)
	assert.Equal(t, map[string]any{"timezone_id": 67.0, "timezone_name": "UTC", "timezone": "UTC", "utc_offset": "+00:00"}, utc)
}

func TestPaging(t *testing.T) {
	s := newTestServer(WithDemoData())
	defer s.Close()
	tests := []struct {
		query            string
		page, size, rows int
	}{
		{"", 1, 50, 36},
		{"?page=2&page_size=10", 2, 10, 10},
		{"?page=4&page_size=10", 4, 10, 6},
		{"?page=9&page_size=10", 9, 10, 0},
		{"?page_size=5000", 1, 2000, 36},
	}
	sample := loadSample(t, "paging.json")
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			got := getJSON(t, s, http.MethodGet, "/networks/affiliates"+tt.query, nil, http.StatusOK)
			assertShape(t, sample, got, "", map[string]bool{})
			assert.Equal(t, map[string]any{"page": float64(tt.page), "page_size": float64(tt.size), "total_count": 36.0}, got["paging"])
			assert.Len(t, got["affiliates"], tt.rows)
		})
	}
	code, _, raw := call(t, s, http.MethodGet, "/networks/affiliates?page=x", APIKey, nil)
	assert.Equal(t, http.StatusBadRequest, code)
	assert.Contains(t, string(raw), "page must be an integer")
	// The table endpoints read paging from the query string too.
	got := getJSON(t, s, http.MethodPost, "/networks/offerstable?page=2&page_size=20", map[string]any{"filters": map[string]any{}}, http.StatusOK)
	assert.Equal(t, map[string]any{"page": 2.0, "page_size": 20.0, "total_count": 24.0}, got["paging"])
	assert.Len(t, got["offers"], 4)
}

func TestOfferMatchesSample(t *testing.T) {
	s := newTestServer(WithDemoData())
	defer s.Close()
	sample := loadSample(t, "affiliate_api_alloffers.json")
	got := getJSON(t, s, http.MethodGet, "/networks/offers?page_size=1", nil, http.StatusOK)
	// The sample is the affiliate's view: tracking links and the
	// affiliate's own status are not part of the network's offer.
	skip := map[string]bool{
		".offers[0].tracking_url": true, ".offers[0].impression_tracking_url": true, ".offers[0].relationship": true,
	}
	assertShape(t, sample, got, "", skip)
}

func TestPixelMatchesSample(t *testing.T) {
	s := newTestServer(WithDemoData())
	defer s.Close()
	sample := loadSample(t, "affiliate_api_pixels_list.json")
	got := getJSON(t, s, http.MethodGet, "/networks/pixels?filter=pixel_level%3Dspecific", nil, http.StatusOK)
	assertShape(t, sample, got, "", nil)
}

func TestAffiliateWrites(t *testing.T) {
	s := newTestServer(WithDemoData())
	defer s.Close()
	billing := map[string]any{"billing_frequency": "monthly", "payment_type": "none", "details": map[string]any{"day_of_month": 1}}
	bad := []struct {
		name string
		body any
		msg  string
	}{
		{"no name", map[string]any{"billing": billing}, "name is required"},
		{"bad status", map[string]any{"name": "X", "account_status": "gone", "billing": billing}, "account_status must be one of active, inactive, pending, suspended"},
		{"no billing", map[string]any{"name": "X"}, "billing is required"},
		{"not JSON", "{", ""},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			code, _, raw := call(t, s, http.MethodPost, "/networks/affiliates", APIKey, tt.body)
			assert.Equal(t, http.StatusBadRequest, code)
			if tt.msg != "" {
				assert.JSONEq(t, `{"error":"`+tt.msg+`"}`, string(raw))
			}
		})
	}

	created := getJSON(t, s, http.MethodPost, "/networks/affiliates?notification=false", map[string]any{
		"name": "Quill Reviews", "account_status": "active", "network_employee_id": 2, "internal_notes": "met at Affiliate Summit",
		"labels": []string{"content"}, "billing": billing,
	}, http.StatusOK)
	assert.Equal(t, 37.0, created["network_affiliate_id"])
	assert.Equal(t, "Quill Reviews", created["name"])
	assert.NotZero(t, created["time_created"])
	all := s.Affiliates()
	require.Len(t, all, 37)
	assert.Equal(t, "monthly", all[36].Billing.BillingFrequency)

	// PUT is a full replacement: what the body leaves out is reset.
	updated := getJSON(t, s, http.MethodPut, "/networks/affiliates/37", map[string]any{
		"name": "Quill Reviews Ltd", "account_status": "inactive", "billing": billing,
	}, http.StatusOK)
	assert.Equal(t, "Quill Reviews Ltd", updated["name"])
	assert.Equal(t, "inactive", updated["account_status"])
	assert.Equal(t, 0.0, updated["network_employee_id"])
	assert.Equal(t, "", updated["internal_notes"])
	assert.NotContains(t, updated, "labels", "labels are sent inside relationship")
	assert.Equal(t, map[string]any{"total": 0.0, "entries": []any{}}, updated["relationship"].(map[string]any)["labels"])
	assert.Equal(t, created["time_created"], updated["time_created"])
	assert.Equal(t, map[string]any{"total": 1.0, "entries": []any{"content"}}, created["relationship"].(map[string]any)["labels"])

	code, _, _ := call(t, s, http.MethodPut, "/networks/affiliates/999", APIKey, map[string]any{"name": "x", "account_status": "active", "billing": billing})
	assert.Equal(t, http.StatusNotFound, code)
}

func TestAffiliateRelationships(t *testing.T) {
	s := newTestServer(WithDemoData())
	defer s.Close()
	got := getJSON(t, s, http.MethodGet, "/networks/affiliates/1?relationship=users&relationship=billing", nil, http.StatusOK)
	rel := got["relationship"].(map[string]any)
	assert.Equal(t, 1.0, rel["users"].(map[string]any)["total"])
	assert.Equal(t, "monthly", rel["billing"].(map[string]any)["billing_frequency"])
	assert.Equal(t, "Lindqvist", rel["account_manager"].(map[string]any)["last_name"])
	plain := getJSON(t, s, http.MethodGet, "/networks/affiliates/1", nil, http.StatusOK)
	assert.NotContains(t, plain, "relationship")
}

func TestAffiliateFilters(t *testing.T) {
	s := newTestServer(WithDemoData())
	defer s.Close()
	got := getJSON(t, s, http.MethodGet, "/networks/affiliates?filter=account_status%3Dinactive", nil, http.StatusOK)
	for _, a := range got["affiliates"].([]any) {
		assert.Equal(t, "inactive", a.(map[string]any)["account_status"])
	}
	assert.Equal(t, 4.0, got["paging"].(map[string]any)["total_count"])
	code, _, raw := call(t, s, http.MethodGet, "/networks/affiliates?filter=color%3Dred", APIKey, nil)
	assert.Equal(t, http.StatusBadRequest, code)
	assert.Contains(t, string(raw), "invalid filter field")

	got = getJSON(t, s, http.MethodPost, "/networks/affiliatestable", map[string]any{
		"search_terms": []any{map[string]any{"search_type": "name", "value": "media"}},
		"filters":      map[string]any{"account_status": "active", "country_codes": []string{"US"}},
	}, http.StatusOK)
	for _, a := range got["affiliates"].([]any) {
		assert.Contains(t, strings.ToLower(a.(map[string]any)["name"].(string)), "media")
	}
	assert.NotEmpty(t, got["affiliates"])
}

func TestPixelWrites(t *testing.T) {
	s := newTestServer(WithDemoData())
	defer s.Close()
	bad := []struct {
		body map[string]any
		msg  string
	}{
		{map[string]any{"delivery_method": "fax", "pixel_level": "global", "pixel_status": "active", "pixel_type": "conversion"}, "delivery_method must be one of"},
		{map[string]any{"network_affiliate_id": 1, "delivery_method": "postback", "pixel_level": "global", "pixel_status": "active", "pixel_type": "conversion", "postback_url": "ftp://x"}, "postback_url is required"},
		{map[string]any{"network_affiliate_id": 1, "network_offer_id": 2, "delivery_method": "postback", "pixel_level": "global", "pixel_status": "active", "pixel_type": "conversion", "postback_url": "https://x.example"}, "a global postback"},
		{map[string]any{"network_affiliate_id": 1, "delivery_method": "postback", "pixel_level": "global", "pixel_status": "active", "pixel_type": "conversion", "postback_url": "https://x.example", "delay_ms": 300001}, "delay_ms"},
		{map[string]any{"network_affiliate_id": 1, "delivery_method": "html", "pixel_level": "global", "pixel_status": "active", "pixel_type": "conversion"}, "html_code is required"},
	}
	for _, tt := range bad {
		code, _, raw := call(t, s, http.MethodPost, "/networks/pixels", APIKey, tt.body)
		assert.Equal(t, http.StatusBadRequest, code)
		assert.Contains(t, string(raw), tt.msg)
	}
	created := getJSON(t, s, http.MethodPost, "/networks/pixels", map[string]any{
		"network_affiliate_id": 5, "network_offer_id": 3, "delivery_method": "postback", "pixel_level": "specific",
		"pixel_status": "active", "pixel_type": "conversion", "postback_url": "https://partner.example/pb?tid={transaction_id}",
	}, http.StatusOK)
	assert.Equal(t, 17.0, created["network_pixel_id"])
	assert.Equal(t, "Ember Media", created["relationship"].(map[string]any)["affiliate"].(map[string]any)["name"])
	assert.Len(t, s.Pixels(), 17)
}

func TestVerbatimPostbackExample(t *testing.T) {
	s := newTestServer()
	defer s.Close()
	want := loadSample(t, "affiliate_pixels_report.json")
	raw, err := json.Marshal(want["pixels"].([]any)[0])
	require.NoError(t, err)
	var row PostbackLog
	require.NoError(t, json.Unmarshal(raw, &row))
	s.AddPostback(row)
	// A row the filters of the example drop: another offer, a failure.
	other := row
	other.NetworkOfferID, other.IsSuccess = 12, false
	s.AddPostback(other)

	reqBody := loadSample(t, "affiliate_pixels_request.json")
	code, _, body := call(t, s, http.MethodPost, "/networks/reporting/affiliate/pixels", APIKey, reqBody)
	require.Equal(t, http.StatusOK, code)
	wantRaw, err := json.Marshal(want)
	require.NoError(t, err)
	assert.JSONEq(t, string(wantRaw), string(body))
}

func TestPostbackReportCapAndFilters(t *testing.T) {
	s := newTestServer(WithDemoData())
	defer s.Close()
	s.SeedPostbacks(2000)
	window := map[string]any{"from": "2024-02-01", "to": "2024-12-31", "timezone_id": 67}
	got := getJSON(t, s, http.MethodPost, "/networks/reporting/affiliate/pixels", window, http.StatusOK)
	assert.Len(t, got["pixels"], PostbackReportLimit)
	assert.NotContains(t, got, "paging")

	failures := map[string]any{"from": "2024-02-01", "to": "2024-02-29", "timezone_id": 67, "query": map[string]any{
		"filters": []any{map[string]any{"resource_type": "offer", "filter_id_value": "3"}, map[string]any{"resource_type": "delivery_status", "filter_id_value": "failure"}},
	}}
	got = getJSON(t, s, http.MethodPost, "/networks/reporting/affiliate/pixels", failures, http.StatusOK)
	require.NotEmpty(t, got["pixels"])
	for _, p := range got["pixels"].([]any) {
		m := p.(map[string]any)
		assert.Equal(t, 3.0, m["network_offer_id"])
		assert.Equal(t, false, m["is_success"])
		assert.NotZero(t, m["last_attempt"])
	}
	bad := []map[string]any{
		{"from": "2024-02-01", "to": "2024-02-29"},
		{"from": "2024-02-01", "to": "2025-06-01", "timezone_id": 67},
		{"from": "2024-02-01", "to": "2024-02-29", "timezone_id": 67, "query": map[string]any{"filters": []any{map[string]any{"resource_type": "country", "filter_id_value": "US"}}}},
		{"from": "2024-02-01", "to": "2024-02-29", "timezone_id": 67, "query": map[string]any{"filters": []any{map[string]any{"resource_type": "delivery_status", "filter_id_value": "maybe"}}}},
	}
	for _, b := range bad {
		code, _, _ := call(t, s, http.MethodPost, "/networks/reporting/affiliate/pixels", APIKey, b)
		assert.Equal(t, http.StatusBadRequest, code, "%v", b)
	}
}

func TestPostbackExportStreams(t *testing.T) {
	s := newTestServer()
	defer s.Close()
	s.SeedPostbacks(5000)
	body := map[string]any{"from": "2024-02-01", "to": "2024-12-31", "timezone_id": 67, "format": "json"}
	code, h, raw := call(t, s, http.MethodPost, "/networks/reporting/affiliate/pixels/export", APIKey, body)
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, "application/json", h.Get("Content-Type"))
	assert.Contains(t, h.Get("Content-Disposition"), "attachment")
	lines := strings.Split(strings.TrimSpace(string(raw)), "\n")
	require.Len(t, lines, 5000)
	var last struct {
		Timestamp int64 `json:"timestamp"`
	}
	require.NoError(t, json.Unmarshal([]byte(lines[4999]), &last))
	assert.Equal(t, seedNow.Unix()-seedSpan+4999*postbackSpacing, last.Timestamp)

	body["format"] = "csv"
	code, h, raw = call(t, s, http.MethodPost, "/networks/reporting/affiliate/pixels/export", APIKey, body)
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, "text/csv", h.Get("Content-Type"))
	assert.True(t, strings.HasPrefix(string(raw), strings.Join(postbackColumns, ",")+"\n"))

	body["format"] = "xml"
	code, _, _ = call(t, s, http.MethodPost, "/networks/reporting/affiliate/pixels/export", APIKey, body)
	assert.Equal(t, http.StatusBadRequest, code)
}

func TestConversionReport(t *testing.T) {
	s := newTestServer(WithDemoData())
	defer s.Close()
	body := map[string]any{"from": "2024-02-01", "to": "2024-02-29", "timezone_id": 67, "show_conversions": true, "show_events": false}
	got := getJSON(t, s, http.MethodPost, "/networks/reporting/conversions?page=1&page_size=100", body, http.StatusOK)
	pg := got["paging"].(map[string]any)
	assert.Equal(t, 100.0, pg["page_size"])
	total := pg["total_count"].(float64)
	assert.Less(t, total, 240.0) // the events are left out
	first := got["conversions"].([]any)[0].(map[string]any)
	assert.IsType(t, "", first["conversion_id"])
	assert.IsType(t, 0.0, first["conversion_unix_timestamp"])
	assert.Equal(t, false, first["is_event"])

	sum := getJSON(t, s, http.MethodPost, "/networks/reporting/conversions/summary", body, http.StatusOK)
	assert.Equal(t, total, sum["total"])

	body["show_conversions"] = false
	code, _, raw := call(t, s, http.MethodPost, "/networks/reporting/conversions", APIKey, body)
	assert.Equal(t, http.StatusBadRequest, code)
	assert.Contains(t, string(raw), "show_conversions")
}

func TestClickStream(t *testing.T) {
	s := newTestServer(WithDemoData())
	defer s.Close()
	got := getJSON(t, s, http.MethodPost, "/networks/reporting/clicks/stream",
		map[string]any{"from": "2024-02-01 00:00:00", "to": "2024-02-14 23:59:59", "timezone_id": 67}, http.StatusOK)
	clicks := got["clicks"].([]any)
	require.NotEmpty(t, clicks)
	first := clicks[0].(map[string]any)
	assert.IsType(t, 0.0, first["is_unique"])
	id := first["transaction_id"].(string)
	one := getJSON(t, s, http.MethodGet, "/networks/reporting/clicks/"+id, nil, http.StatusOK)
	assert.Equal(t, id, one["transaction_id"])

	for _, b := range []map[string]any{
		{"from": "2024-02-01", "to": "2024-02-03", "timezone_id": 67},
		{"from": "2024-02-01 00:00:00", "to": "2024-02-16 00:00:00", "timezone_id": 67},
	} {
		code, _, _ := call(t, s, http.MethodPost, "/networks/reporting/clicks/stream", APIKey, b)
		assert.Equal(t, http.StatusBadRequest, code)
	}
}

func TestEntityReport(t *testing.T) {
	s := newTestServer(WithDemoData())
	defer s.Close()
	body := map[string]any{"from": "2024-02-01", "to": "2024-02-29", "timezone_id": 67, "currency_id": "USD",
		"columns": []any{map[string]any{"column": "offer"}, map[string]any{"column": "date"}}, "query": map[string]any{"filters": []any{}}}
	got := getJSON(t, s, http.MethodPost, "/networks/reporting/entity/table", body, http.StatusOK)
	row := got["table"].([]any)[0].(map[string]any)
	cols := row["columns"].([]any)
	assert.Len(t, cols, 2)
	assert.Equal(t, "offer", cols[0].(map[string]any)["column_type"])
	assert.Contains(t, row["reporting"], "unique_click")

	sum := getJSON(t, s, http.MethodPost, "/networks/reporting/entity/summary", body, http.StatusOK)
	assert.Equal(t, got["summary"], sum)

	for _, mutate := range []func(map[string]any){
		func(b map[string]any) {
			b["columns"] = []any{map[string]any{"column": "date"}, map[string]any{"column": "hour"}}
		},
		func(b map[string]any) { delete(b, "currency_id") },
		func(b map[string]any) { b["columns"] = []any{} },
		func(b map[string]any) { b["columns"] = []any{map[string]any{"column": "galaxy"}} },
	} {
		b := map[string]any{}
		for k, v := range body {
			b[k] = v
		}
		mutate(b)
		code, _, _ := call(t, s, http.MethodPost, "/networks/reporting/entity/table", APIKey, b)
		assert.Equal(t, http.StatusBadRequest, code)
	}
	body["format"] = "csv"
	code, h, raw := call(t, s, http.MethodPost, "/networks/reporting/entity/table/export", APIKey, body)
	require.Equal(t, http.StatusOK, code)
	assert.Equal(t, "text/csv", h.Get("Content-Type"))
	assert.True(t, strings.HasPrefix(string(raw), "offer_id,offer,date_id,date,imp,"))
}

func TestRateLimitWindow(t *testing.T) {
	tests := []struct {
		name     string
		requests int
		per      time.Duration
		limited  bool
	}{
		{name: "thirty-second window", requests: 3, per: RateLimitWindow, limited: true},
		{name: "one-minute window", requests: 3, per: time.Minute, limited: true},
		{name: "off by zero requests", requests: 0, per: time.Minute},
		{name: "off by zero window", requests: 3, per: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clk := NewClock(time.Date(2024, 2, 1, 0, 0, 0, 0, time.UTC))
			s := newTestServer(WithRateLimit(tt.requests, tt.per), WithClock(clk.Now))
			defer s.Close()
			for i := range 3 {
				code, h, _ := call(t, s, http.MethodGet, "/networks", APIKey, nil)
				require.Equal(t, http.StatusOK, code)
				if tt.limited {
					assert.Equal(t, "3", h.Get("X-RateLimit-Limit"))
					assert.Equal(t, []string{"2", "1", "0"}[i], h.Get("X-RateLimit-Remaining"))
				} else {
					assert.Empty(t, h.Get("X-RateLimit-Limit"))
				}
			}
			code, h, raw := call(t, s, http.MethodGet, "/networks", APIKey, nil)
			if !tt.limited {
				assert.Equal(t, http.StatusOK, code)
				return
			}
			assert.Equal(t, http.StatusTooManyRequests, code)
			assert.Empty(t, h.Get("Retry-After"))
			assert.JSONEq(t, `{"error":"Rate limit exceeded"}`, string(raw))
			clk.Advance(tt.per - time.Second)
			code, _, _ = call(t, s, http.MethodGet, "/networks", APIKey, nil)
			assert.Equal(t, http.StatusTooManyRequests, code, "the window has not ended")
			clk.Advance(time.Second)
			code, _, _ = call(t, s, http.MethodGet, "/networks", APIKey, nil)
			assert.Equal(t, http.StatusOK, code)
		})
	}
}

func TestReportingConcurrencyCap(t *testing.T) {
	s := newTestServer(WithDemoData())
	defer s.Close()
	s.mu.Lock()
	s.reporting = MaxConcurrentReports
	s.mu.Unlock()
	code, _, _ := call(t, s, http.MethodPost, "/networks/reporting/conversions/summary", APIKey,
		map[string]any{"from": "2024-02-01", "to": "2024-02-29", "timezone_id": 67, "show_conversions": true})
	assert.Equal(t, http.StatusTooManyRequests, code)
	code, _, _ = call(t, s, http.MethodGet, "/networks", APIKey, nil)
	assert.Equal(t, http.StatusOK, code, "other paths are not capped")
}

func TestFaultsCarryEverflowErrorBody(t *testing.T) {
	s := newTestServer()
	defer s.Close()
	s.Inject(1, Fault{Status: http.StatusInternalServerError})
	code, _, raw := call(t, s, http.MethodGet, "/networks", APIKey, nil)
	assert.Equal(t, http.StatusInternalServerError, code)
	assert.JSONEq(t, `{"error":"Internal Server Error"}`, string(raw))
	assert.Equal(t, 1, s.RequestCount())
	s.ResetRequests()
	assert.Zero(t, s.RequestCount())
}

func TestUnknownRoute(t *testing.T) {
	s := newTestServer()
	defer s.Close()
	code, _, raw := call(t, s, http.MethodGet, "/networks/nothing", APIKey, nil)
	assert.Equal(t, http.StatusNotFound, code)
	assert.JSONEq(t, `{"error":"no route GET /v1/networks/nothing"}`, string(raw))

	// Outside /v1 too: a wrong base URL names the path it asked for.
	req, err := http.NewRequest(http.MethodGet, s.HTTPServer().URL+"/networks", nil)
	require.NoError(t, err)
	req.Header.Set("X-Eflow-API-Key", APIKey)
	resp, err := http.DefaultClient.Do(req)
	require.NoError(t, err)
	raw, err = io.ReadAll(resp.Body)
	resp.Body.Close()
	require.NoError(t, err)
	assert.Equal(t, http.StatusNotFound, resp.StatusCode)
	assert.JSONEq(t, `{"error":"no route GET /networks"}`, string(raw))

	// A missing record keeps Everflow's message.
	code, _, raw = call(t, s, http.MethodGet, "/networks/affiliates/999", APIKey, nil)
	assert.Equal(t, http.StatusNotFound, code)
	assert.JSONEq(t, `{"error":"Not Found"}`, string(raw))
}

func TestDemoDataIsStable(t *testing.T) {
	a, b := newTestServer(WithDemoData()), newTestServer(WithDemoData())
	defer a.Close()
	defer b.Close()
	assert.Equal(t, a.Affiliates(), b.Affiliates())
	assert.Equal(t, a.Offers(), b.Offers())
	assert.Equal(t, a.Conversions(), b.Conversions())
	assert.Equal(t, a.Postbacks(), b.Postbacks())
	assert.Len(t, a.Affiliates(), 36)
	assert.Len(t, a.Offers(), 24)
	assert.Len(t, a.Postbacks(), 480)
	assert.Equal(t, "Apex Media", a.Affiliates()[0].Name)
}

// The fake refuses what Everflow refuses: the contact-address flag
// without an address, which would erase the stored one.
func TestAffiliateContactAddressRequired(t *testing.T) {
	s := newTestServer(WithDemoData())
	defer s.Close()
	before := s.Affiliates()[0]
	require.NotNil(t, before.ContactAddress)
	billing := map[string]any{"billing_frequency": "monthly", "payment_type": "none"}
	code, _, raw := call(t, s, http.MethodPut, "/networks/affiliates/1", APIKey, map[string]any{
		"name": before.Name, "account_status": "active", "billing": billing, "is_contact_address_enabled": true,
	})
	assert.Equal(t, http.StatusBadRequest, code)
	assert.JSONEq(t, `{"error":"contact_address is required when is_contact_address_enabled is true"}`, string(raw))
	assert.Equal(t, before, s.Affiliates()[0], "nothing was changed")

	code, _, _ = call(t, s, http.MethodPost, "/networks/affiliates", APIKey, map[string]any{
		"name": "No Address", "billing": billing, "is_contact_address_enabled": true,
	})
	assert.Equal(t, http.StatusBadRequest, code)
	assert.Len(t, s.Affiliates(), 36)
}
