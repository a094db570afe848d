package everflow_test

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	. "github.com/affiliatekit/affiliatekit-go/everflow"
	"github.com/affiliatekit/affiliatekit-go/internal/testclock"
)

func readVendor(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "vendor", name))
	require.NoError(t, err)
	return b
}

// recorder serves body to every request and keeps the requests' bodies.
type recorder struct {
	mu     sync.Mutex
	bodies map[string][]byte // method -> last body
	paths  map[string]string // method -> last path and query
}

func serveBody(t *testing.T, body []byte) (*httptest.Server, *recorder) {
	t.Helper()
	rec := &recorder{bodies: map[string][]byte{}, paths: map[string]string{}}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		rec.mu.Lock()
		rec.bodies[r.Method], rec.paths[r.Method] = b, r.URL.RequestURI()
		rec.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv, rec
}

func clientOf(t *testing.T, url string) *Client {
	t.Helper()
	c, err := NewClient(WithAPIKey("ef_test_key"), WithBaseURL(url),
		WithClock(testclock.New(time.Date(2024, time.March, 1, 12, 0, 0, 0, time.UTC))))
	require.NoError(t, err)
	return c
}

// Everflow's create example sends the tier and labels inside
// relationship: they are read there.
func TestAffiliateTierAndLabelsFromRelationship(t *testing.T) {
	body := readVendor(t, "affiliate_create_response.json")
	var a Affiliate
	require.NoError(t, json.Unmarshal(body, &a))
	assert.Equal(t, int64(2), a.NetworkAffiliateTierID)
	assert.Equal(t, []string{}, a.Labels)
	require.NotNil(t, a.Relationship)
	assert.Equal(t, int64(2), a.Relationship.NetworkAffiliateTierID)
	assert.Equal(t, &Collection[string]{Total: 0, Entries: []string{}}, a.Relationship.Labels)
	assert.Contains(t, a.Relationship.Other, "ios_app_sources")
	assert.Empty(t, AffiliateUnread(&a))

	// Labels with entries, and entries sent as objects.
	require.NoError(t, json.Unmarshal([]byte(`{"network_affiliate_id":1,"relationship":{"network_affiliate_tier_id":5,
		"labels":{"total":2,"entries":["vip",{"label":"email"}]}}}`), &a))
	assert.Equal(t, int64(5), a.NetworkAffiliateTierID)
	assert.Equal(t, []string{"vip", "email"}, a.Labels)

	// The top level wins when both are sent.
	require.NoError(t, json.Unmarshal([]byte(`{"network_affiliate_id":1,"network_affiliate_tier_id":7,"labels":["top"],
		"relationship":{"network_affiliate_tier_id":5,"labels":{"total":1,"entries":["rel"]}}}`), &a))
	assert.Equal(t, int64(7), a.NetworkAffiliateTierID)
	assert.Equal(t, []string{"top"}, a.Labels)

	// Neither place: the read is marked, and Update refuses to reset.
	var bare Affiliate
	require.NoError(t, json.Unmarshal([]byte(`{"network_affiliate_id":1,"name":"x"}`), &bare))
	assert.Equal(t, []string{"network_affiliate_tier_id", "labels"}, AffiliateUnread(&bare))
	p := bare.UpdateParams()
	assert.Equal(t, []string{"network_affiliate_tier_id", "labels"}, AffiliateUpdateResets(p))
	p.Labels, p.NetworkAffiliateTierID = []string{}, 3
	assert.Empty(t, AffiliateUpdateResets(p), "set by hand, nothing is reset")
}

// A whole-record update built from a read sends back every member read,
// unmodelled ones included, with only the changed field different.
func TestAffiliateUpdateSendsBackEverythingRead(t *testing.T) {
	// The vendor's create example, plus what a read with
	// relationship=billing adds (the billing members are those of
	// Everflow's "Get Affiliate by ID" example), plus a top-level member
	// this package does not model.
	var m map[string]any
	require.NoError(t, json.Unmarshal(readVendor(t, "affiliate_create_response.json"), &m))
	m["relationship"].(map[string]any)["billing"] = map[string]any{
		"network_id": 1, "network_affiliate_id": 42, "billing_frequency": "weekly", "payment_type": "none",
		"invoice_amount_threshold": 0, "tax_id": "", "is_invoice_creation_auto": false,
		"details": map[string]any{"day_of_week": 3},
	}
	m["relationship"].(map[string]any)["labels"] = map[string]any{"total": 2, "entries": []string{"vip", "email"}}
	m["contact_address"] = map[string]any{"address_1": "1 Pier Rd", "address_2": "", "city": "Portland",
		"region_code": "ME", "country_code": "US", "zip_postal_code": "04101"}
	m["is_contact_address_enabled"] = true
	m["future_setting"] = map[string]any{"enabled": true, "level": 4}
	body, err := json.Marshal(m)
	require.NoError(t, err)

	srv, rec := serveBody(t, body)
	c := clientOf(t, srv.URL)
	ctx := context.Background()
	a, err := c.Affiliates.Get(ctx, 42, WithRelationships(RelationshipBilling))
	require.NoError(t, err)
	p := a.UpdateParams()
	p.InternalNotes = "renewed"
	_, err = c.Affiliates.Update(ctx, 42, p)
	require.NoError(t, err)

	assert.Equal(t, "/networks/affiliates/42", rec.paths[http.MethodPut])
	assert.JSONEq(t, `{
		"name": "Harbor Lane Media",
		"account_status": "active",
		"network_employee_id": 3,
		"default_currency_id": "USD",
		"internal_notes": "renewed",
		"enable_media_cost_tracking_links": false,
		"referrer_id": 0,
		"is_contact_address_enabled": true,
		"contact_address": {"address_1": "1 Pier Rd", "address_2": "", "city": "Portland",
			"region_code": "ME", "country_code": "US", "zip_postal_code": "04101"},
		"network_affiliate_tier_id": 2,
		"labels": ["vip", "email"],
		"billing": {"network_id": 1, "network_affiliate_id": 42, "billing_frequency": "weekly", "payment_type": "none",
			"invoice_amount_threshold": 0, "tax_id": "", "is_invoice_creation_auto": false,
			"details": {"day_of_week": 3}},
		"future_setting": {"enabled": true, "level": 4}
	}`, string(rec.bodies[http.MethodPut]))
}

// The pixel update is a whole-record PUT too: a read sent back through
// UpdateParams keeps every member, unmodelled ones included.
func TestPixelUpdateSendsBackEverythingRead(t *testing.T) {
	// The first pixel of Everflow's postback list example, plus a
	// top-level member this package does not model.
	var list struct {
		Pixels []map[string]any `json:"pixels"`
	}
	require.NoError(t, json.Unmarshal(readVendor(t, "affiliate_api_pixels_list.json"), &list))
	m := list.Pixels[0]
	m["description"] = "main postback"
	m["future_setting"] = map[string]any{"retries": 3}
	body, err := json.Marshal(m)
	require.NoError(t, err)

	srv, rec := serveBody(t, body)
	c := clientOf(t, srv.URL)
	ctx := context.Background()
	p, err := c.Pixels.Get(ctx, 1)
	require.NoError(t, err)
	up := p.UpdateParams()
	up.DelayMS = 5000
	_, err = c.Pixels.Update(ctx, 1, up)
	require.NoError(t, err)

	assert.Equal(t, "/networks/pixels/1", rec.paths[http.MethodPut])
	assert.JSONEq(t, `{
		"network_affiliate_id": 7,
		"network_offer_id": 1,
		"network_offer_payout_revenue_id": 0,
		"delivery_method": "postback",
		"pixel_level": "specific",
		"pixel_status": "active",
		"pixel_type": "conversion",
		"postback_url": "https://testpostback.com",
		"html_code": "",
		"description": "main postback",
		"delay_ms": 5000,
		"future_setting": {"retries": 3}
	}`, string(rec.bodies[http.MethodPut]))
}
