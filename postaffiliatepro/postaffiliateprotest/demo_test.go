package postaffiliateprotest

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestDemoDataFollowsTheClock: the demo data is dated back from the
// server's clock, whatever the order of the options, so that code asking
// for today's, yesterday's or last month's records finds some.
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
			day := func(d time.Time) string { return d.Format(time.DateOnly) }
			days := map[string]int{}
			months := map[time.Month]int{}
			for _, tx := range s.Transactions() {
				assert.False(t, tx.CreatedAt.After(clock), "transaction %s", tx.ID)
				if tx.ApprovedAt != nil {
					assert.False(t, tx.ApprovedAt.After(clock), "transaction %s approved", tx.ID)
				}
				days[day(tx.CreatedAt)]++
				months[tx.CreatedAt.Month()]++
			}
			assert.Positive(t, days[day(clock)], "today")
			assert.Positive(t, days[day(clock.AddDate(0, 0, -1))], "yesterday")
			assert.Positive(t, months[time.July], "this month")
			assert.Positive(t, months[time.June], "last month")
			txs := s.Transactions()
			require.NotEmpty(t, txs)
			assert.Equal(t, clock, txs[len(txs)-1].CreatedAt, "the last one at the clock's time")

			for _, a := range s.Affiliates() {
				assert.False(t, a.CreatedAt.After(clock), "affiliate %s", a.ID)
				if a.ApprovedAt != nil {
					assert.False(t, a.ApprovedAt.After(clock), "affiliate %s approved", a.ID)
				}
			}
			for _, c := range s.Campaigns() {
				assert.True(t, c.CreatedAt.Before(s.Affiliates()[0].CreatedAt), "campaign %s predates the affiliates", c.ID)
			}
			for _, c := range s.Clicks() {
				assert.False(t, c.CreatedAt.After(clock), "click %s", c.ID)
			}
			for _, b := range s.Banners() {
				assert.False(t, b.CreatedAt.After(clock), "banner %s", b.ID)
			}
		})
	}
}
