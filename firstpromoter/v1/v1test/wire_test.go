package v1test

import (
	"encoding/json"
	"testing"
	"time"

	v1 "github.com/affiliatekit/affiliatekit-go/firstpromoter/v1"
)

// TestWireForms: times and amounts held in the client's types are sent
// as v1 sends them: UTC text to the millisecond, cents for cash, whole
// counts for the other units, null for nil.
func TestWireForms(t *testing.T) {
	at := time.Date(2026, 3, 16, 13, 4, 5, 678_900_000, time.FixedZone("CET", 3600))
	amount := func(text string) v1.Amount {
		a, err := v1.ParseAmount(text, "")
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	tests := []struct {
		name    string
		v       any
		want    string
		wantErr bool
	}{
		{"time", wireTime(at), `"2026-03-16T12:04:05.678Z"`, false},
		{"zero time", wireTime(time.Time{}), `""`, false},
		{"nil time", timePtr(nil), `null`, false},
		{"cash", wireAmount{amount("12.34"), "cash"}, `1234`, false},
		{"no unit is cash", wireAmount{amount("12.34"), ""}, `1234`, false},
		{"points", wireAmount{amount("15"), "points"}, `15`, false},
		{"negative cash", cents(amount("-2.00")), `-200`, false},
		{"nil conversion", centsPtr(nil), `null`, false},
		{"balance", balanceWire(v1.Balance{"cash": amount("30.00"), "points": amount("7")}), `{"cash":3000,"points":7}`, false},
		{"finer than a cent", cents(amount("0.005")), ``, true},
		{"fraction of a point", wireAmount{amount("1.5"), "points"}, ``, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.v)
			if tt.wantErr {
				if err == nil {
					t.Fatalf("encoded %s, want an error", b)
				}
				return
			}
			if err != nil || string(b) != tt.want {
				t.Fatalf("got %s, %v; want %s", b, err, tt.want)
			}
		})
	}
}

// TestSeededRecordsHoldTheClientTypes: the seeded records hold times and
// amounts as the client decodes them from the wire.
func TestSeededRecordsHoldTheClientTypes(t *testing.T) {
	now := time.Date(2026, 3, 16, 12, 0, 0, 987_654_321, time.UTC)
	srv := NewServer(WithClock(func() time.Time { return now }))
	defer srv.Close()
	p := srv.SeedPromoters(1)[0]
	r := srv.SeedRewards(1)[0]
	po := srv.SeedPayouts(1)[0]
	ms := now.Truncate(time.Millisecond)
	if !p.CreatedAt.Equal(ms) || !po.CreatedAt.Equal(ms) || po.DueDate == nil || !po.DueDate.Equal(ms) {
		t.Errorf("times: promoter %v, payout %v due %v; want %v", p.CreatedAt, po.CreatedAt, po.DueDate, ms)
	}
	if r.Amount.String() != "10.00" || po.Amount.String() != "30.00" {
		t.Errorf("amounts: reward %s, payout %s", r.Amount, po.Amount)
	}
	if b := srv.Promoters()[0].EarningsBalance["cash"]; b.String() != "10.00" {
		t.Errorf("earnings balance %s, want 10.00", b)
	}
}
