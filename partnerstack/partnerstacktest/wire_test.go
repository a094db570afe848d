package partnerstacktest

import (
	"encoding/json"
	"io"
	"maps"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/partnerstack"
)

// TestSeededRecordsOnTheWire: records seeded with the client's types
// (time.Time, partnerstack.Amount, partnerstack.Stats) are sent as
// PartnerStack sends them: epoch milliseconds, integer cents, null for a
// nil time or amount.
func TestSeededRecordsOnTheWire(t *testing.T) {
	at := time.Date(2026, 1, 2, 3, 4, 5, 678_000_000, time.UTC)
	later := at.Add(36 * time.Hour)
	ms, laterMs := float64(at.UnixMilli()), float64(later.UnixMilli())
	srv := NewServer(WithClock(func() time.Time { return later }))
	defer srv.Close()

	p := srv.AddPartnership(Partnership{
		Key: PartnerPartnershipKey, Email: "ana@example.com", CreatedAt: at, JoinedAt: later,
		Stats: partnerstack.Stats{"CUSTOMER_COUNT": whole(3), "REVENUE": amount(t, "12.50", "")},
		Team:  &Team{Key: "stck_1", Name: "Ana's", CreatedAt: at, Members: []TeamMember{{Key: "mbr_1", CreatedAt: at}}},
	})
	c := srv.AddCustomer(Customer{Key: "cus_1", PartnershipKey: p.Key, CreatedAt: at})
	srv.AddTransaction(Transaction{Key: "tx_1", CustomerKey: c.Key, Amount: amount(t, "12.34", "EUR"), Currency: "EUR", CreatedAt: at})
	srv.AddReward(Reward{Key: "rwrd_1", PartnershipKey: p.Key, Amount: ptr(amount(t, "0.20", "USD")), PaymentDate: &later, CreatedAt: at})
	srv.AddReward(Reward{Key: "rwrd_2", PartnershipKey: p.Key, CreatedAt: later})
	srv.AddDeal(Deal{Key: "deal_1", Amount: amount(t, "2400", ""), CreatedAt: at, UpdatedAt: later})
	srv.AddLead(Lead{Key: "lead_1", Amount: amount(t, "500.5", ""), CreatedAt: at})
	srv.AddPayout(Payout{Key: "pout_1", Amount: amount(t, "186.40", "USD"), Currency: "USD", WithdrawalDate: &at, CreatedAt: at})
	srv.AddProgram(Program{Key: "co_1", Offers: []Offer{{BaseRate: amount(t, "12.5", ""), Type: "percent"}}, CreatedAt: at})
	srv.AddGroup(Group{Key: "grup_1", CreatedAt: at})
	srv.AddWebhook(Webhook{Key: "wh_1", Target: "https://h.example", CreatedAt: at})
	srv.AddTeam(*p.Team)

	v, pc := vendorCaller(t, srv), partnerCaller(t, srv)
	tests := []struct {
		name string
		get  func() map[string]any
		want map[string]any
	}{
		{"partnership", func() map[string]any { return data(t, v, "/v2/partnerships/"+p.Key) },
			map[string]any{"created_at": ms, "updated_at": ms, "joined_at": laterMs,
				"stats": map[string]any{"CUSTOMER_COUNT": 3.0, "REVENUE": 12.5}}},
		{"team", func() map[string]any { return data(t, v, "/v2/partner-team/stck_1") },
			map[string]any{"created_at": ms, "updated_at": ms, "members": []any{map[string]any{
				"key": "mbr_1", "email": "", "first_name": "", "last_name": "", "created_at": ms, "updated_at": 0.0}}}},
		{"customer", func() map[string]any { return data(t, v, "/v2/customers/cus_1") },
			map[string]any{"created_at": ms, "updated_at": ms}},
		{"transaction", func() map[string]any { return item(t, v, "/v2/transactions", "tx_1") },
			map[string]any{"amount": 1234.0, "amount_usd": 1333.0, "created_at": ms}},
		{"reward", func() map[string]any { return item(t, v, "/v2/rewards", "rwrd_1") },
			map[string]any{"amount": 20.0, "payment_date": laterMs, "created_at": ms}},
		{"reward without amount", func() map[string]any { return item(t, v, "/v2/rewards", "rwrd_2") },
			map[string]any{"amount": nil, "payment_date": nil, "created_at": laterMs}},
		{"deal", func() map[string]any { return data(t, v, "/v2/deals/deal_1") },
			map[string]any{"amount": 240000.0, "created_at": ms, "updated_at": laterMs}},
		{"lead", func() map[string]any { return data(t, v, "/v2/leads/lead_1") },
			map[string]any{"amount": 50050.0, "created_at": ms}},
		{"payout", func() map[string]any { return item(t, pc, "/v2/payouts", "pout_1") },
			map[string]any{"amount": 18640.0, "withdrawal_date": ms, "sent_at": nil, "created_at": ms}},
		{"program", func() map[string]any { return data(t, pc, "/v2/marketplace/programs/co_1") },
			map[string]any{"created_at": ms, "offers": []any{map[string]any{
				"base_rate": 12.5, "currency": "", "description": "", "type": "percent"}}}},
		{"group", func() map[string]any { return item(t, v, "/v2/groups", "grup_1") },
			map[string]any{"created_at": ms}},
		{"webhook", func() map[string]any { return data(t, v, "/v2/webhooks/wh_1") },
			map[string]any{"created_at": ms}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.get()
			for k, want := range tt.want {
				assert.Equal(t, want, got[k], k)
			}
		})
	}
}

// TestAmountFinerThanACent: such an amount has no wire form; the fake
// answers 500 saying so, rather than send another amount.
func TestAmountFinerThanACent(t *testing.T) {
	srv := NewServer()
	defer srv.Close()
	srv.AddDeal(Deal{Key: "deal_1", Amount: amount(t, "0.005", "")})
	req, err := http.NewRequest("GET", srv.URL+"/deals/deal_1", nil)
	require.NoError(t, err)
	req.SetBasicAuth(PublicKey, SecretKey)
	resp, err := srv.HTTPServer().Client().Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	assert.Equal(t, http.StatusInternalServerError, resp.StatusCode)
	assert.Contains(t, string(body), "0.005 cannot be sent as cents")
}

// TestWireTypesSendEveryField: the wire forms of deals, leads and payouts,
// which list their fields, send every field of the record.
func TestWireTypesSendEveryField(t *testing.T) {
	tests := []struct {
		name string
		rec  reflect.Type
		wire any
	}{
		{"deal", reflect.TypeFor[Deal](), dealWire{CustomerKey: ptr("cus_1")}},
		{"lead", reflect.TypeFor[Lead](), leadWire{}},
		{"payout", reflect.TypeFor[Payout](), payoutWire{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var want []string
			for i := range tt.rec.NumField() {
				if name, _, _ := strings.Cut(tt.rec.Field(i).Tag.Get("json"), ","); name != "-" {
					want = append(want, name)
				}
			}
			b, err := json.Marshal(tt.wire)
			require.NoError(t, err)
			var got map[string]any
			require.NoError(t, json.Unmarshal(b, &got))
			assert.ElementsMatch(t, want, slices.Collect(maps.Keys(got)))
		})
	}
}

// data GETs path and returns the response's data object.
func data(t *testing.T, c caller, path string) map[string]any {
	t.Helper()
	status, body := c.do("GET", path, nil)
	require.Equal(t, 200, status, body)
	d, ok := body["data"].(map[string]any)
	require.True(t, ok, "data is an object: %v", body)
	return d
}

// item GETs the list at path and returns the item of key.
func item(t *testing.T, c caller, path, key string) map[string]any {
	t.Helper()
	status, body := c.do("GET", path+"?limit=250", nil)
	require.Equal(t, 200, status, body)
	for _, it := range items(t, body) {
		if it["key"] == key {
			return it
		}
	}
	require.Failf(t, "no item", "%s has no %s", path, key)
	return nil
}
