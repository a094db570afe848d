package everflow

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestReportWindowEncoding(t *testing.T) {
	la, err := time.LoadLocation("America/Los_Angeles")
	if err != nil {
		la = time.FixedZone("PST", -8*3600)
	}
	tests := []struct {
		name     string
		from, to time.Time
		want     wireWindow
	}{
		{"dates", feb(7), feb(8), wireWindow{From: "2024-02-07", To: "2024-02-08", TimezoneID: 90}},
		{"wall clock of the value's own zone", time.Date(2024, 2, 7, 0, 0, 0, 0, la), time.Date(2024, 2, 8, 0, 0, 0, 0, la),
			wireWindow{From: "2024-02-07", To: "2024-02-08", TimezoneID: 90}},
		{"datetimes", time.Date(2024, 2, 7, 8, 30, 0, 0, time.UTC), feb(8), wireWindow{From: "2024-02-07 08:30:00", To: "2024-02-08 00:00:00", TimezoneID: 90}},
		{"exactly one year", feb(1), time.Date(2025, 2, 1, 0, 0, 0, 0, time.UTC), wireWindow{From: "2024-02-01", To: "2025-02-01", TimezoneID: 90}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := reportWindow(tt.from, tt.to, 90)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}
	bad := []struct {
		name     string
		from, to time.Time
		tz       int
		err      string
	}{
		{"no from", time.Time{}, feb(2), 67, "the window needs From and To"},
		{"no timezone", feb(1), feb(2), 0, "TimezoneID is required"},
		{"backwards", feb(2), feb(1), 67, "is before From"},
		{"over a year", feb(1), time.Date(2025, 2, 2, 0, 0, 0, 0, time.UTC), 67, "longer than one year"},
	}
	for _, tt := range bad {
		t.Run(tt.name, func(t *testing.T) {
			_, err := reportWindow(tt.from, tt.to, tt.tz)
			assert.ErrorContains(t, err, tt.err)
		})
	}
}

func TestClickWindowEncoding(t *testing.T) {
	got, err := clickWindow(feb(1), feb(15), TimezoneUTC)
	require.NoError(t, err)
	assert.Equal(t, wireWindow{From: "2024-02-01 00:00:00", To: "2024-02-15 00:00:00", TimezoneID: 67}, got)
	_, err = clickWindow(feb(1), feb(15).Add(time.Second), TimezoneUTC)
	assert.ErrorContains(t, err, "longer than the 336h0m0s")
}
