package refersiontest_test

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/affiliatekit/affiliatekit-go/refersion/refersiontest"
)

// Demo data and SeedConversions are dated from the fake's clock, whatever
// the order of the options.
func TestDemoDataFollowsTheClock(t *testing.T) {
	for _, now := range []time.Time{
		time.Date(2025, time.March, 3, 12, 0, 0, 0, time.UTC),
		time.Date(2031, time.January, 1, 0, 30, 0, 0, time.UTC),
		time.Date(2026, time.July, 31, 23, 59, 59, 0, time.FixedZone("", -7*3600)),
	} {
		clock := func() time.Time { return now }
		for name, opts := range map[string][]refersiontest.ServerOption{
			"clock first": {refersiontest.WithClock(clock), refersiontest.WithDemoData()},
			"clock last":  {refersiontest.WithDemoData(), refersiontest.WithClock(clock)},
		} {
			t.Run(now.String()+"/"+name, func(t *testing.T) {
				srv := refersiontest.NewServer(opts...)
				defer srv.Close()
				convs := srv.Conversions()
				require.Len(t, convs, 90)
				today := now.UTC().Truncate(24 * time.Hour)
				thisMonth := time.Date(today.Year(), today.Month(), 1, 0, 0, 0, 0, time.UTC)
				lastMonth := thisMonth.AddDate(0, -1, 0)
				var inToday, inLastMonth int
				for _, c := range convs {
					assert.True(t, c.Created.Before(now), "every conversion lies before now")
					if !c.Created.Before(today) {
						inToday++
					}
					if !c.Created.Before(lastMonth) && c.Created.Before(thisMonth) {
						inLastMonth++
					}
				}
				assert.Positive(t, inToday, "today has conversions")
				assert.Positive(t, inLastMonth, "last month has conversions")
				assert.Equal(t, now.UTC().Add(-time.Second).Truncate(time.Hour), convs[len(convs)-1].Created)
			})
		}
	}
}

// SeedConversionsEvery dates its conversions from start, however many are
// stored already.
func TestSeedConversionsEveryStartsAtStart(t *testing.T) {
	srv := refersiontest.NewServer()
	defer srv.Close()
	srv.SeedConversions(5)
	start := time.Date(2024, time.May, 1, 8, 0, 0, 0, time.UTC)
	got := srv.SeedConversionsEvery(3, start, time.Hour)
	require.Len(t, got, 3)
	for i, c := range got {
		assert.Equal(t, start.Add(time.Duration(i)*time.Hour), c.Created)
	}
}
