package tolerant

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestUnixBounds(t *testing.T) {
	tests := []struct {
		name string
		conv func() (time.Time, error)
		ok   bool
	}{
		{"seconds min", func() (time.Time, error) { return UnixSeconds(MinUnixSeconds) }, true},
		{"seconds max", func() (time.Time, error) { return UnixSeconds(MaxUnixSeconds) }, true},
		{"seconds below", func() (time.Time, error) { return UnixSeconds(MinUnixSeconds - 1) }, false},
		{"seconds above", func() (time.Time, error) { return UnixSeconds(MaxUnixSeconds + 1) }, false},
		{"refersion fuzz finding", func() (time.Time, error) { return UnixSeconds(14520282222425) }, false},
		{"millis max", func() (time.Time, error) { return UnixMillis(MaxUnixSeconds*1000 + 999) }, true},
		{"millis above", func() (time.Time, error) { return UnixMillis(MaxUnixSeconds*1000 + 1000) }, false},
		{"millis min", func() (time.Time, error) { return UnixMillis(MinUnixSeconds * 1000) }, true},
		{"millis below", func() (time.Time, error) { return UnixMillis(MinUnixSeconds*1000 - 1) }, false},
		{"float", func() (time.Time, error) { return UnixFloat(1452028425.5) }, true},
		{"float NaN", func() (time.Time, error) { return UnixFloat(math.NaN()) }, false},
		{"float inf", func() (time.Time, error) { return UnixFloat(math.Inf(1)) }, false},
		{"float above", func() (time.Time, error) { return UnixFloat(1e15) }, false},
		{"float millis", func() (time.Time, error) { return UnixFloatMillis(1452028425123.4) }, true},
		{"float millis above", func() (time.Time, error) { return UnixFloatMillis(1e18) }, false},
		{"float millis -inf", func() (time.Time, error) { return UnixFloatMillis(math.Inf(-1)) }, false},
		{"check zoned year -1", func() (time.Time, error) {
			return CheckTime(time.Date(0, 1, 1, 0, 0, 0, 0, time.FixedZone("", 3600)))
		}, false},
		{"check year 10000", func() (time.Time, error) { return CheckTime(time.Date(10000, 1, 1, 0, 0, 0, 0, time.UTC)) }, false},
		{"check now", func() (time.Time, error) { return CheckTime(time.Now()) }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := tt.conv()
			if !tt.ok {
				require.Error(t, err)
				return
			}
			require.NoError(t, err)
			_, err = json.Marshal(got)
			assert.NoError(t, err, "a time in range encodes to JSON")
		})
	}
}

func TestUnixSecondsIsUTC(t *testing.T) {
	got, err := UnixSeconds(1452028425)
	require.NoError(t, err)
	assert.Equal(t, time.UTC, got.Location())
	assert.Equal(t, "2016-01-05T21:13:45Z", got.Format(time.RFC3339))
}
