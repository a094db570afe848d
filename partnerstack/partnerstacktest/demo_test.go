package partnerstacktest

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDemoDataFollowsTheClock: the demo data is dated back from the
// server's clock, whatever the order of the options, so that code asking
// for today's, yesterday's or last month's records finds some, and the
// keys that carry a date carry the relative one.
func TestDemoDataFollowsTheClock(t *testing.T) {
	clock := time.Date(2031, time.July, 9, 14, 30, 0, 0, time.UTC)
	now := func() time.Time { return clock }
	tests := []struct {
		name string
		opts []ServerOption
	}{
		{"clock first", []ServerOption{WithClock(now), WithDemoData()}},
		{"clock last", []ServerOption{WithDemoData(), WithClock(now)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := NewServer(tt.opts...)
			defer s.Close()
			txs := s.Transactions()
			require.NotEmpty(t, txs)
			months := map[time.Month]int{}
			for _, tx := range txs {
				created := tx.CreatedAt
				assert.False(t, created.After(clock), "transaction %s", tx.Key)
				months[created.Month()]++
			}
			assert.Positive(t, months[time.July], "this month")
			assert.Positive(t, months[time.June], "last month")
			first := txs[0].CreatedAt
			assert.Equal(t, clock.Format(time.DateOnly), first.Format(time.DateOnly), "the newest is today's")
			assert.Equal(t, fmt.Sprintf("txn_100001_%s", first.Format("20060102")), txs[0].Key)
			for _, p := range s.Partnerships() {
				assert.False(t, p.CreatedAt.After(clock), "partnership %s", p.Key)
			}
			for _, c := range s.Customers() {
				assert.False(t, c.CreatedAt.After(clock), "customer %s", c.Key)
			}
		})
	}
}
