package refersiontest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
	"github.com/affiliatekit/affiliatekit-go/refersion"
)

// These tests pin the fake's wire format to the fact sheet and to
// Refersion's published example bodies (testdata/, see SOURCES.txt),
// without the client package.

func sample(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	require.NoError(t, err)
	return b
}

// post sends a raw request with both keys.
func post(t *testing.T, srv *Server, path, body string) (int, []byte) {
	t.Helper()
	return send(t, srv, http.MethodPost, path, body, true)
}

func send(t *testing.T, srv *Server, method, path, body string, keys bool) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, srv.URL+"/"+path, strings.NewReader(body))
	require.NoError(t, err)
	req.Header.Set("Content-Type", "application/json")
	if keys {
		req.Header.Set("Refersion-Public-Key", PublicKey)
		req.Header.Set("Refersion-Secret-Key", SecretKey)
	}
	resp, err := srv.HTTPServer().Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, b
}

// keysOf returns the sorted keys of a JSON object.
func keysOf(t *testing.T, b []byte) []string {
	t.Helper()
	var m map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(b, &m), string(b))
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// kinds maps each key of a JSON object to the JSON kind of its value.
func kinds(t *testing.T, b []byte) map[string]string {
	t.Helper()
	var m map[string]any
	require.NoError(t, json.Unmarshal(b, &m), string(b))
	out := map[string]string{}
	for k, v := range m {
		out[k] = fmt.Sprintf("%T", v)
	}
	return out
}

func TestAuth(t *testing.T) {
	srv := NewServer(WithDemoData())
	defer srv.Close()
	for _, h := range []map[string]string{
		{},
		{"Refersion-Public-Key": PublicKey},
		{"Refersion-Secret-Key": SecretKey},
		{"Refersion-Public-Key": PublicKey, "Refersion-Secret-Key": "sec_wrong"},
		{"X-Refersion-Key": PublicKey, "X-Refersion-Secret": SecretKey},
	} {
		req, _ := http.NewRequest(http.MethodPost, srv.URL+"/affiliate/list", strings.NewReader(`{"limit":"1"}`))
		for k, v := range h {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		assert.Equal(t, http.StatusUnauthorized, resp.StatusCode, "%v", h)
		assert.JSONEq(t, `{"error":"Invalid API credentials (error 2)."}`, string(b))
	}
}

func TestRouting(t *testing.T) {
	srv := NewServer()
	defer srv.Close()

	status, body := send(t, srv, http.MethodGet, "affiliate/list", "", true)
	assert.Equal(t, http.StatusMethodNotAllowed, status, "reads are POSTs too")
	assert.JSONEq(t, `{"error":"Method not allowed"}`, string(body))

	status, _ = post(t, srv, "affiliate/delete", `{}`)
	assert.Equal(t, http.StatusNotFound, status)

	status, body = post(t, srv, "affiliate/list", "")
	assert.Equal(t, http.StatusNotFound, status, "an empty body is a 404")
	assert.JSONEq(t, string(sample(t, "error_404.json")), string(body))

	status, _ = post(t, srv, "affiliate/list/", `{"limit":"5"}`)
	assert.Equal(t, http.StatusOK, status, "a trailing slash is accepted")

	status, body = post(t, srv, "affiliate/list", `[1,2]`)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.Contains(t, string(body), `"error"`)

	status, body = post(t, srv, "affiliate/search", `{"page":"1"}`)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.JSONEq(t, `{"error":"Missing required field keyword"}`, string(body))

	status, body = post(t, srv, "affiliate/search", `{"keyword":"`+strings.Repeat("a", 300)+`"}`)
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.JSONEq(t, `{"errors":["Value exceed the char limit"]}`, string(body))
}

// An unknown field is answered 204 No Content with an error body, which
// only a raw read can see.
func TestInvalidFieldIs204WithBody(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	status, _ := post(t, srv, "affiliate/list", `{"limit":"5","sort":"name"}`)
	assert.Equal(t, http.StatusNoContent, status)

	conn, err := net.Dial("tcp", srv.HTTPServer().Listener.Addr().String())
	require.NoError(t, err)
	defer conn.Close()
	body := `{"limit":"5","sort":"name"}`
	fmt.Fprintf(conn, "POST /v2/affiliate/list HTTP/1.1\r\nHost: x\r\nRefersion-Public-Key: %s\r\n"+
		"Refersion-Secret-Key: %s\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n%s",
		PublicKey, SecretKey, len(body), body)
	require.NoError(t, conn.SetReadDeadline(time.Now().Add(5*time.Second)))
	raw, err := io.ReadAll(conn)
	require.NoError(t, err)
	assert.True(t, strings.HasPrefix(string(raw), "HTTP/1.1 204 No Content\r\n"), string(raw))
	assert.True(t, strings.HasSuffix(string(raw), "\r\n\r\n"+`{"error":"Invalid field sort"}`), string(raw))
}

func TestListEnvelopeMatchesSample(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	srv.SeedAffiliates(150)

	var want struct {
		Total   int               `json:"total"`
		Results []json.RawMessage `json:"results"`
	}
	require.NoError(t, json.Unmarshal(sample(t, "affiliate_search.json"), &want))
	wantItem := kinds(t, want.Results[0])

	status, body := post(t, srv, "affiliate/list", `{"limit":"3","page":"1"}`)
	require.Equal(t, http.StatusOK, status)
	assert.Equal(t, keysOf(t, sample(t, "affiliate_search.json")), keysOf(t, body))
	var got struct {
		Total   int               `json:"total"`
		Results []json.RawMessage `json:"results"`
	}
	require.NoError(t, json.Unmarshal(body, &got))
	assert.Equal(t, 150, got.Total)
	require.Len(t, got.Results, 3)
	for _, r := range got.Results {
		assert.Equal(t, wantItem, kinds(t, r), "same fields and JSON types as the sample")
	}
	first := srv.Affiliates()[0]
	assert.Contains(t, string(got.Results[0]), `"id":"`+first.Code+`"`, "the id of a list result is the code")

	count := func(body string) int {
		t.Helper()
		status, b := post(t, srv, "affiliate/list", body)
		require.Equal(t, http.StatusOK, status, string(b))
		require.NoError(t, json.Unmarshal(b, &got))
		return len(got.Results)
	}
	assert.Equal(t, DefaultPerPage, count(`{"page":"1"}`))
	assert.Equal(t, MaxPerPage, count(`{"limit":"500"}`), "limit is capped at 100")
	assert.Equal(t, 50, count(`{"limit":100,"page":2}`), "numbers work as well as strings")
	assert.Equal(t, 0, count(`{"limit":100,"page":3}`))

	status, body = post(t, srv, "affiliate/list", `{"limit":"many"}`)
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.JSONEq(t, `{"errors":["many is not a allowed value for field limit"]}`, string(body))
}

func TestSearch(t *testing.T) {
	srv := NewServer(WithDemoData())
	defer srv.Close()
	a := srv.Affiliates()[5]

	for _, kw := range []string{a.Code, fmt.Sprint(a.ID), strings.ToUpper(a.Email[:6])} {
		status, body := post(t, srv, "affiliate/search", `{"keyword":"`+kw+`"}`)
		require.Equal(t, http.StatusOK, status, kw)
		assert.Contains(t, string(body), `"id":"`+a.Code+`"`, kw)
	}
	status, body := post(t, srv, "affiliate/search", `{"keyword":"example.com","page":"2"}`)
	require.Equal(t, http.StatusOK, status)
	var env envelope
	require.NoError(t, json.Unmarshal(body, &env))
	assert.Equal(t, 36, env.Total)
	assert.Len(t, env.Results, SearchPerPage)

	status, body = post(t, srv, "affiliate/search", `{"keyword":"nobody@nowhere"}`)
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.JSONEq(t, `{"errors":["Could not find affiliates with this keyword."]}`, string(body))
}

func TestGetAnswersNumericID(t *testing.T) {
	srv := NewServer(WithDemoData())
	defer srv.Close()
	a := srv.Affiliates()[0]
	// The fields and JSON types of the provider spec's affiliate/get example.
	wantKinds := map[string]string{"id": "float64", "offer_id": "string", "status": "string", "first_name": "string",
		"last_name": "string", "company_name": "string", "email": "string", "link": "string", "custom_fields": "[]interface {}"}

	for _, body := range []string{fmt.Sprintf(`{"id":%d}`, a.ID), fmt.Sprintf(`{"id":"%d"}`, a.ID), `{"affiliate_code":"` + a.Code + `"}`} {
		status, b := post(t, srv, "affiliate/get", body)
		require.Equal(t, http.StatusOK, status, body)
		assert.Equal(t, wantKinds, kinds(t, b))
		assert.Contains(t, string(b), fmt.Sprintf(`"id":%d,`, a.ID))
		assert.Contains(t, string(b), `"link":"https://demo.refersion.com/c/`+a.Code+`"`)
	}
	status, b := post(t, srv, "affiliate/get", `{"id":1}`)
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.JSONEq(t, `{"errors":["Affiliate not found."]}`, string(b))
	status, b = post(t, srv, "affiliate/get", `{"id":null}`)
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.JSONEq(t, `{"errors":["Request filter not provided."]}`, string(b))
}

func TestNewAffiliate(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	status, b := post(t, srv, "affiliate/new", `{"first_name":"Bill","last_name":"Smith","email":"testing@refersion.com",
		"password":"Secr3t!pass","status":"ACTIVE","send_welcome":"TRUE","conversion_trigger_coupon":"bills10"}`)
	require.Equal(t, http.StatusOK, status, string(b))
	assert.Equal(t, keysOf(t, sample(t, "affiliate_new.json")), keysOf(t, b))
	assert.Equal(t, kinds(t, sample(t, "affiliate_new.json")), kinds(t, b))
	a := srv.Affiliates()[0]
	assert.JSONEq(t, fmt.Sprintf(`{"id":%q,"link":"https://demo.refersion.com/c/%s",
		"message":"The affiliate %d has been created with the status of ACTIVE."}`, a.Code, a.Code, a.ID), string(b))
	assert.True(t, a.SendWelcome)
	assert.Equal(t, "BILLS10", srv.Triggers()[0].Trigger)

	status, b = post(t, srv, "affiliate/new", `{"first_name":"Bill","last_name":"Smith","email":"TESTING@refersion.com",
		"password":"aaaa","status":"ACTIVE","country":"XX"}`)
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.JSONEq(t, `{"errors":[
		"The email you have entered is taken by another Affiliate.",
		"The password should be at least 9 characters long. Current password length is 4 characters",
		"The password can't have the same character repeated more than 3 times in a row",
		"The password should have at least 1 number, 1 uppercase letter, 1 lowercase letter and 1 symbol.",
		"XX is not a allowed value for field country"]}`, string(b))

	status, b = post(t, srv, "affiliate/new", `{"first_name":"Jo","last_name":"X","email":"jo@example.com","password":"Secr3t!pass","status":"DENIED"}`)
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.JSONEq(t, `{"errors":["DENIED is not a allowed value for field status"]}`, string(b))

	status, b = post(t, srv, "affiliate/new", `{"first_name":"Jo","last_name":"X","email":"jo@example.com","status":"ACTIVE"}`)
	assert.Equal(t, http.StatusBadRequest, status)
	assert.JSONEq(t, `{"error":"Missing required field password"}`, string(b))
}

func TestBatchWritesMatchSamples(t *testing.T) {
	srv := NewServer(WithDemoData())
	defer srv.Close()
	affs := srv.Affiliates()

	status, b := post(t, srv, "affiliate/edit", fmt.Sprintf(`{"affiliates":[{"id":%d,"city":"Paradise"},{"id":1,"city":"Nowhere"}]}`, affs[0].ID))
	require.Equal(t, http.StatusOK, status, string(b))
	assert.Equal(t, kinds(t, sample(t, "affiliate_edit.json")), kinds(t, b))
	assert.JSONEq(t, fmt.Sprintf(`{"ids_changed":[%d],"ids_not_changed":[1]}`, affs[0].ID), string(b))
	assert.Equal(t, "Paradise", srv.Affiliates()[0].City)

	status, b = post(t, srv, "affiliate/edit", fmt.Sprintf(`{"affiliates":[{"id":%d}]}`, affs[0].ID))
	assert.Equal(t, http.StatusBadRequest, status, string(b))
	status, b = post(t, srv, "affiliate/edit", fmt.Sprintf(`{"affiliates":[{"id":%d,"offer":999}]}`, affs[0].ID))
	assert.Equal(t, http.StatusNotFound, status)
	assert.JSONEq(t, `{"error":["Offer does not exists on the database."]}`, string(b), "an array under error")

	status, b = post(t, srv, "affiliate/status_change", fmt.Sprintf(`{"ids":[%d,%d],"status":"DISABLED"}`, affs[1].ID, affs[1].ID+1000))
	require.Equal(t, http.StatusOK, status, string(b))
	assert.Equal(t, kinds(t, sample(t, "affiliate_status_change.json")), kinds(t, b))
	assert.Equal(t, refersion.AffiliateDisabled, srv.Affiliates()[1].Status)

	ids := make([]string, 51)
	for i := range ids {
		ids[i] = fmt.Sprint(i + 1)
	}
	status, b = post(t, srv, "affiliate/status_change", `{"ids":[`+strings.Join(ids, ",")+`],"status":"ACTIVE"}`)
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.Contains(t, string(b), "(50)")
}

func TestTriggers(t *testing.T) {
	srv := NewServer(WithDemoData())
	defer srv.Close()
	a := srv.Affiliates()[10]

	status, b := post(t, srv, "affiliate/trigger", `{"affiliate_code":"`+a.Code+`","type":"COUPON","trigger":"code100"}`)
	require.Equal(t, http.StatusOK, status, string(b))
	assert.Equal(t, kinds(t, sample(t, "affiliate_trigger.json")), kinds(t, b))
	assert.Contains(t, string(b), `"trigger":"CODE100"`)
	tr := srv.Triggers()[len(srv.Triggers())-1]

	status, b = post(t, srv, "trigger/delete", fmt.Sprintf(`{"affiliates":[{"id":%d,"trigger":"code100","type":"COUPON"}]}`, a.ID))
	require.Equal(t, http.StatusOK, status, string(b))
	assert.JSONEq(t, fmt.Sprintf(`[%d]`, tr.TriggerID), string(b), "a bare array of trigger ids")

	items := make([]string, 51)
	for i := range items {
		items[i] = `{"id":1,"trigger":"X","type":"COUPON"}`
	}
	status, b = post(t, srv, "trigger/delete", `{"affiliates":[`+strings.Join(items, ",")+`]}`)
	assert.Equal(t, http.StatusTooManyRequests, status, "Refersion's 429 for more than 50 items")
	assert.JSONEq(t, string(sample(t, "error_429_trigger_delete.json")), string(b))

	status, b = post(t, srv, "trigger/delete", `{"affiliates":[{"id":1,"trigger":"X","type":"COUPON"}]}`)
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.JSONEq(t, `{"errors":["The following affiliates does not exist in our records: 1."]}`, string(b))
}

func TestConversionWrites(t *testing.T) {
	srv := NewServer(WithDemoData())
	defer srv.Close()
	a := srv.Affiliates()[3]

	status, b := post(t, srv, "conversion/manual_credit", fmt.Sprintf(`{"id":%d,"commission":120.5,"status":"APPROVED","currency":"USD","notes":"n"}`, a.ID))
	require.Equal(t, http.StatusOK, status, string(b))
	assert.Equal(t, kinds(t, sample(t, "conversion_manual_credit.json")), kinds(t, b), "conversion_id is a number")

	status, b = post(t, srv, "conversion/manual_credit", fmt.Sprintf(`{"id":%d,"commission":1,"status":"APPROVED","currency":"XYZ"}`, a.ID))
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.JSONEq(t, `{"errors":["XYZ is not a valid currency"]}`, string(b))

	orig := srv.Conversions()[0]
	status, b = post(t, srv, "conversion/cancel", `{"order_id":"`+orig.OrderID+`","items":[{"sku":"`+orig.Items[0].SKU+`"}]}`)
	require.Equal(t, http.StatusOK, status, string(b))
	assert.Equal(t, kinds(t, sample(t, "conversion_cancel.json")), kinds(t, b), "conversion_id is a string")

	other := srv.Affiliates()[20]
	status, b = post(t, srv, "conversion/manual_credit_order_id", fmt.Sprintf(`{"id":%d,"order_id":"%s"}`, other.ID, orig.OrderID))
	require.Equal(t, http.StatusOK, status, string(b))
	assert.Equal(t, keysOf(t, sample(t, "conversion_manual_credit_order_id.json")), keysOf(t, b))

	status, b = post(t, srv, "conversion/status_change", fmt.Sprintf(`{"ids":[%d],"status":"UNQUALIFIED"}`, orig.ID))
	require.Equal(t, http.StatusOK, status, string(b))
	assert.Equal(t, kinds(t, sample(t, "conversion_status_change.json")), kinds(t, b))

	status, _ = post(t, srv, "conversion/status_change", fmt.Sprintf(`{"id":[%d],"status":"APPROVED"}`, orig.ID))
	assert.Equal(t, http.StatusNoContent, status, `the spec example's "id" key is an invalid field`)
}

func TestTotals(t *testing.T) {
	srv := NewServer(WithDemoData())
	defer srv.Close()
	status, b := post(t, srv, "conversion/totals", `{"status":["APPROVED","PENDING","UNQUALIFIED","DENIED"]}`)
	require.Equal(t, http.StatusOK, status, string(b))
	assert.Equal(t, keysOf(t, sample(t, "conversion_totals.json")), keysOf(t, b))
	assert.Equal(t, kinds(t, sample(t, "conversion_totals.json")), kinds(t, b), "the example's formatted strings")
	assert.Contains(t, string(b), `"conversions_count":"90,"`)

	status, b = post(t, srv, "conversion/totals", `{"status":["APPROVED"],"created_from":"2025-02-01 00:00:00",
		"created_to":"2025-02-28 23:59:59","payment_status":"PAID","type":["AFFILIATE_SITE_CONVERSION"],"is_test_conversion":"FALSE"}`)
	require.Equal(t, http.StatusOK, status, string(b))

	status, b = post(t, srv, "conversion/totals", `{"status":["APPROVED"],"created_from":"2025-02-01"}`)
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.JSONEq(t, `{"errors":["2025-02-01 is not a allowed value for field created_from"]}`, string(b))

	status, _ = post(t, srv, "conversion/totals", `{"created_from":"2025-02-01 00:00:00"}`)
	assert.Equal(t, http.StatusBadRequest, status)
}

func TestSKUCommissions(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	body := `{"offer_id":"1234","skus":[{"sku":"A","commission_type":"FLAT_RATE","commission_amount":"5"},
		{"sku":"A","commission_type":"PERCENT_OF_SALE","commission_amount":"25"}]}`
	status, b := post(t, srv, "offer/new_sku_commission", body)
	require.Equal(t, http.StatusOK, status, string(b))
	assert.Equal(t, keysOf(t, sample(t, "offer_new_sku_commission.json")), keysOf(t, b))
	assert.JSONEq(t, `{"added":["A"],"duplicate_not_added":["A"]}`, string(b))

	status, b = post(t, srv, "offer/new_sku_commission", `{"offer_id":"1234","skus":[{"sku":"B","commission_type":"FLAT_RATE","commission_amount":"ten"}]}`)
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.JSONEq(t, `{"errors":["ten is not a allowed value for field commission_amount"]}`, string(b))
}

func TestReportLinks(t *testing.T) {
	var skew atomic.Int64
	srv := NewServer(WithDemoData(), WithClock(func() time.Time { return time.Now().Add(time.Duration(skew.Load())) }))
	defer srv.Close()

	status, b := post(t, srv, "reporting/link", `{"report_id":1001}`)
	require.Equal(t, http.StatusOK, status, string(b))
	assert.Equal(t, kinds(t, sample(t, "reporting_link.json")), kinds(t, b))
	var l struct {
		DownloadLink string `json:"download_link"`
		ExpireTime   int64  `json:"expire_time"`
	}
	require.NoError(t, json.Unmarshal(b, &l))
	assert.Regexp(t, regexp.MustCompile(`^http://127\.0\.0\.1:\d+/api/reporting/download/37/1001/[0-9a-f]{40}$`), l.DownloadLink)
	assert.InDelta(t, time.Now().Add(LinkLifetime).Unix(), l.ExpireTime, 2)

	resp, err := http.Get(l.DownloadLink) // no keys: the link is signed
	require.NoError(t, err)
	csvBody, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusOK, resp.StatusCode)
	lines := strings.Split(strings.TrimSpace(string(csvBody)), "\n")
	assert.Equal(t, ConversionsCSVHeader, lines[0])
	assert.Len(t, lines, 91)

	resp, err = http.Post(l.DownloadLink, "application/json", nil)
	require.NoError(t, err)
	resp.Body.Close()
	assert.Equal(t, http.StatusMethodNotAllowed, resp.StatusCode)

	skew.Store(int64(LinkLifetime + time.Second))
	resp, err = http.Get(l.DownloadLink)
	require.NoError(t, err)
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	assert.Equal(t, http.StatusNotFound, resp.StatusCode, "the link expired")
	assert.JSONEq(t, `{"error":"File is not available"}`, string(b))

	status, b = post(t, srv, "reporting/link", `{"report_id":5}`)
	assert.Equal(t, http.StatusUnprocessableEntity, status)
	assert.JSONEq(t, `{"errors":["Report ID not Found or Expired (error 5)."]}`, string(b))
}

func TestInjectedFaultsUseRefersionErrorBodies(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	for status, want := range map[int]string{
		401: `{"error":"Invalid API credentials (error 2)."}`,
		404: `{"error":"Bad request, no body"}`,
		422: `{"errors":["Value exceed the char limit"]}`,
		500: `{"error":"Internal Server Error"}`,
	} {
		srv.Inject(1, Fault{Status: status})
		got, b := post(t, srv, "affiliate/list", `{}`)
		assert.Equal(t, status, got)
		assert.JSONEq(t, want, string(b))
	}
	assert.Equal(t, 4, srv.RequestCount())
	srv.ResetRequests()
	assert.Zero(t, srv.RequestCount())
}

func TestSeedingIsDeterministicAndFast(t *testing.T) {
	now := func() time.Time { return time.Date(2025, time.March, 3, 12, 0, 0, 0, time.UTC) }
	a, b := NewServer(WithDemoData(), WithClock(now)), NewServer(WithDemoData(), WithClock(now))
	defer a.Close()
	defer b.Close()
	assert.Equal(t, a.Affiliates(), b.Affiliates())
	assert.Equal(t, a.Conversions(), b.Conversions())
	assert.Len(t, a.Affiliates(), 36)
	assert.Len(t, a.Conversions(), 90)
	assert.Len(t, a.Offers(), 3)

	start := time.Now()
	big := NewServer()
	defer big.Close()
	affs := big.SeedAffiliates(5000)
	big.SeedConversions(5000)
	assert.Less(t, time.Since(start), 2*time.Second)
	codes := map[string]bool{}
	emails := map[string]bool{}
	for _, x := range affs {
		codes[x.Code], emails[x.Email] = true, true
	}
	assert.Len(t, codes, 5000, "codes are unique")
	assert.Len(t, emails, 5000, "emails are unique")

	// Snapshots are copies.
	snap := big.Affiliates()
	snap[0].FirstName = "Changed"
	assert.NotEqual(t, "Changed", big.Affiliates()[0].FirstName)
	assert.True(t, bytes.HasPrefix([]byte(big.URL), []byte("http://127.0.0.1:")))
	assert.True(t, strings.HasSuffix(big.URL, "/v2"))
}

// The totals of ten conversions that add up to the figures of Refersion's
// own conversion/totals example are answered exactly as that example is.
func TestTotalsAnswerRefersionsExample(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	for i := range 10 {
		c := Conversion{AffiliateID: 1, OfferID: 1, OrderID: fmt.Sprint(1000 + i),
			Total: dec(t, "349.80"), CommissionableOrderTotal: dec(t, "287.48"), CommissionTotal: dec(t, "50.08")}
		if i == 9 {
			c.Total, c.CommissionableOrderTotal, c.CommissionTotal = dec(t, "349.83"), dec(t, "287.53"), dec(t, "50.12")
		}
		srv.AddConversion(c)
	}
	status, b := post(t, srv, "conversion/totals", `{"status":["PENDING"]}`)
	require.Equal(t, http.StatusOK, status, string(b))
	assert.JSONEq(t, string(sample(t, "conversion_totals.json")), string(b))
}

func TestFormatTotal(t *testing.T) {
	for n, want := range map[int64]string{0: "0.00,", 5: "0.05,", 50084: "500.84,", 349803: "3,498.03,",
		123456789: "1,234,567.89,", -349803: "-3,498.03,"} {
		assert.Equal(t, want, formatTotal(csvAmount(fromCents(n))), n)
	}
	assert.Equal(t, "0.0125,", formatTotal(csvAmount(dec(t, "0.0125"))))
	assert.Equal(t, "10,", formatTotal("10"))
	assert.Equal(t, "1,000,", formatTotal("1000"))
}

// Amounts finer than a cent are kept and totalled exactly.
func TestTotalsExact(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	for _, v := range []string{"0.0125", "0.0125", "1000.1"} {
		srv.AddConversion(Conversion{AffiliateID: 1, OrderID: v, Total: dec(t, v), CommissionTotal: dec(t, v),
			CommissionableOrderTotal: money.Null()})
	}
	status, b := post(t, srv, "conversion/totals", `{"status":["PENDING"]}`)
	require.Equal(t, http.StatusOK, status, string(b))
	assert.JSONEq(t, `{"conversions_count":"3,","commission_total":"1,000.1250,","order_total":"1,000.1250,",
		"commissionable_order_total":"0.00,","currency":"USD"}`, string(b))
}

func dec(t *testing.T, s string) money.Amount {
	t.Helper()
	a, err := money.ParseDecimal(s, "")
	require.NoError(t, err)
	return a
}
