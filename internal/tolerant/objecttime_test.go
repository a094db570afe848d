package tolerant

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestLooseTime(t *testing.T) {
	berlin, err := time.LoadLocation("Europe/Berlin")
	require.NoError(t, err)
	tests := []struct {
		in   string
		want time.Time
	}{
		{`"2026-03-01T10:15:30Z"`, time.Date(2026, 3, 1, 10, 15, 30, 0, time.UTC)},
		{`"2026-03-01T10:15:30.250+02:00"`, time.Date(2026, 3, 1, 8, 15, 30, 250e6, time.UTC)},
		{`"2026-03-01T10:15:30+0200"`, time.Date(2026, 3, 1, 8, 15, 30, 0, time.UTC)},
		{`"2026-03-01 10:15:30"`, time.Date(2026, 3, 1, 10, 15, 30, 0, berlin)},
		{`"2026-03-01T10:15:30"`, time.Date(2026, 3, 1, 10, 15, 30, 0, berlin)},
		{`"2026-03-01 10:15"`, time.Date(2026, 3, 1, 10, 15, 0, 0, berlin)},
		{`"2026-03-01"`, time.Date(2026, 3, 1, 0, 0, 0, 0, berlin)},
		{`"2026-03-01 10:15:30 +0000"`, time.Date(2026, 3, 1, 10, 15, 30, 0, time.UTC)},
		{`1772360130`, time.Unix(1772360130, 0)},
		{`"1772360130"`, time.Unix(1772360130, 0)},
		{`1772360130123`, time.UnixMilli(1772360130123)},
		{`""`, time.Time{}},
		{`"0000-00-00 00:00:00"`, time.Time{}},
	}
	for _, tt := range tests {
		got, ok := LooseTime([]byte(tt.in), berlin)
		require.True(t, ok, tt.in)
		assert.True(t, got.Equal(tt.want), "%s: got %s want %s", tt.in, got, tt.want)
	}
	for _, bad := range []string{`"yesterday"`, `"2026-13-01"`, `{}`, `[1]`, `true`} {
		_, ok := LooseTime([]byte(bad), time.UTC)
		assert.False(t, ok, bad)
	}
}

func TestLooseTimeNilLocationIsUTC(t *testing.T) {
	got, ok := LooseTime([]byte(`"2026-03-01 10:15:30"`), nil)
	require.True(t, ok)
	assert.Equal(t, time.Date(2026, 3, 1, 10, 15, 30, 0, time.UTC), got)
}
