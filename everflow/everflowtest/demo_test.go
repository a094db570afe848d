package everflowtest

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/everflow"
)

// Demo clicks, conversions and postback rows lie in the 28 days before the
// fake's now, whatever the order of the options.
func TestDemoDataFollowsTheClock(t *testing.T) {
	for _, now := range []time.Time{
		time.Date(2024, time.February, 29, 0, 0, 0, 0, time.UTC),
		time.Date(2031, time.January, 1, 12, 30, 0, 0, time.UTC),
	} {
		clock := func() time.Time { return now }
		for name, opts := range map[string][]ServerOption{
			"clock first": {WithClock(clock), WithDemoData()},
			"clock last":  {WithDemoData(), WithClock(clock)},
		} {
			t.Run(now.Format(time.DateOnly)+"/"+name, func(t *testing.T) {
				s := NewServer(opts...)
				defer s.Close()
				from := now.Add(-28 * 24 * time.Hour)
				within := func(what string, ts time.Time) {
					t.Helper()
					assert.False(t, ts.Before(from), "%s %s before the window", what, ts)
					assert.True(t, ts.Before(now), "%s %s not before now", what, ts)
				}
				convs := s.Conversions()
				require.Len(t, convs, 240)
				for _, c := range convs {
					within("conversion", c.ConversionUnixTimestamp)
				}
				for _, c := range s.Clicks() {
					within("click", c.UnixTimestamp)
				}
				for _, p := range s.Postbacks() {
					within("postback", p.Timestamp)
				}
				assert.True(t, convs[len(convs)-1].ConversionUnixTimestamp.After(now.Add(-24*time.Hour)),
					"the last day holds conversions")
			})
		}
	}
}

// The records take the client's types and render Everflow's wire format:
// unix seconds (0 for the zero time), is_unique as 0/1, and back.
func TestRecordsRenderTheWire(t *testing.T) {
	at := time.Date(2024, time.February, 10, 12, 0, 0, 0, time.UTC)
	tests := []struct {
		name string
		rec  any
		want map[string]any
		back any
	}{
		{"click", Click{TransactionID: "t1", IsUnique: true, UnixTimestamp: at},
			map[string]any{"transaction_id": "t1", "is_unique": 1.0, "unix_timestamp": float64(at.Unix())}, &Click{}},
		{"conversion", Conversion{ConversionID: "c1", ConversionUnixTimestamp: at, Status: everflow.ConversionRejected},
			map[string]any{"conversion_id": "c1", "conversion_unix_timestamp": float64(at.Unix()),
				"click_unix_timestamp": 0.0, "status": "rejected"}, &Conversion{}},
		{"postback", PostbackLog{PixelID: 3, Timestamp: at, PixelLevel: everflow.PixelSpecific},
			map[string]any{"pixel_id": 3.0, "timestamp": float64(at.Unix()), "last_attempt": 0.0, "pixel_level": "specific"},
			&PostbackLog{}},
		{"affiliate", Affiliate{NetworkAffiliateID: 7, AccountStatus: everflow.AccountSuspended, TimeCreated: at},
			map[string]any{"network_affiliate_id": 7.0, "account_status": "suspended", "time_created": float64(at.Unix()),
				"time_saved": 0.0}, &Affiliate{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := json.Marshal(tt.rec)
			require.NoError(t, err)
			var got map[string]any
			require.NoError(t, json.Unmarshal(b, &got))
			for k, v := range tt.want {
				assert.Equal(t, v, got[k], k)
			}
			require.NoError(t, json.Unmarshal(b, tt.back))
			again, err := json.Marshal(deref(tt.back))
			require.NoError(t, err)
			assert.JSONEq(t, string(b), string(again), "the wire reads back")
		})
	}
}

func deref(p any) any {
	switch v := p.(type) {
	case *Click:
		return *v
	case *Conversion:
		return *v
	case *PostbackLog:
		return *v
	case *Affiliate:
		return *v
	}
	return nil
}
